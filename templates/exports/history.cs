<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.exports.title ?></h1>
  <p class="hint"><?cs var:Lang.exports.note ?></p>
  <?cs # the part the script reloads while tasks run (htdocs/js/exports.js) ?>
  <div id="export-status" role="status" aria-live="polite"><?cs if:Page.ready ?>
    <p class="notice" id="export-ready"><?cs var:Page.ready_text ?></p><?cs /if ?><?cs if:Page.running ?>
    <p class="hint" id="export-running"><?cs var:Lang.exports.running ?></p><?cs /if ?></div>
  <div class="table-wrap"><table id="exports" class="list"<?cs if:Page.running ?> data-running="<?cs var:Page.running ?>"<?cs /if ?>><thead><tr><th><?cs var:Lang.exports.name ?></th><th><?cs var:Lang.exports.kind ?></th><th><?cs var:Lang.exports.format ?></th><th><?cs var:Lang.exports.created ?></th><th><?cs var:Lang.exports.status ?></th><th><?cs var:Lang.exports.progress_col ?></th><th><?cs var:Lang.exports.rows ?></th><th><?cs var:Lang.exports.expires ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:t = Tasks ?><tr data-id="<?cs var:t.id ?>" data-status="<?cs var:t.status ?>"><td><?cs var:t.name ?></td><td><?cs var:Lang.exports.kinds[t.kind] ?></td><td class="format"><?cs var:Lang.exports.formats[t.format] ?></td><td class="nowrap"><?cs var:t.created ?></td>
      <td class="status"><?cs var:Lang.exports.statuses[t.status] ?><?cs if:t.status == "failed" && t.error ?><br><span class="error reason"><?cs var:t.error ?></span><?cs /if ?></td>
      <td class="progress-cell"><?cs if:t.status == "processing" ?><?cs if:t.percent ?><progress max="100" value="<?cs var:t.percent ?>" aria-label="<?cs var:t.progress ?>"></progress><?cs /if ?> <span class="hint progress"><?cs var:t.progress ?></span><?cs elif:t.status == "completed" || t.status == "expired" ?><span class="hint">100%</span><?cs /if ?></td>
      <td class="rows"><?cs if:t.status == "completed" || t.status == "expired" ?><?cs var:t.row_count ?><?cs /if ?></td>
      <td class="expires nowrap"><?cs if:t.status == "completed" ?><?cs var:t.expires ?><?cs /if ?></td>
      <td><?cs if:t.status == "completed" ?><a class="download" href="/exports/<?cs var:t.id ?>/download"><?cs var:Lang.exports.download ?></a><?cs /if ?></td></tr><?cs /each ?></tbody></table></div>
  <?cs call:list_pager() ?>
  <?cs if:!subcount(Tasks) ?><p class="hint"><?cs var:Lang.exports.none ?></p><?cs /if ?>
</section>
<script src="/js/exports.js" defer></script>
<?cs include:"footer.cs" ?>
