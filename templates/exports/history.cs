<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.exports.title ?></h1>
  <p class="hint"><?cs var:Lang.exports.note ?></p>
  <div class="table-wrap"><table id="exports" class="list"><thead><tr><th><?cs var:Lang.exports.name ?></th><th><?cs var:Lang.exports.kind ?></th><th><?cs var:Lang.exports.format ?></th><th><?cs var:Lang.exports.created ?></th><th><?cs var:Lang.exports.status ?></th><th><?cs var:Lang.exports.rows ?></th><th><?cs var:Lang.exports.expires ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:t = Tasks ?><tr data-id="<?cs var:t.id ?>" data-status="<?cs var:t.status ?>"><td><?cs var:t.name ?></td><td><?cs var:Lang.exports.kinds[t.kind] ?></td><td class="format"><?cs var:Lang.exports.formats[t.format] ?></td><td><?cs var:t.created ?></td>
      <td class="status"><?cs var:Lang.exports.statuses[t.status] ?><?cs if:t.status == "processing" ?> <span class="hint progress"><?cs var:t.progress ?></span><?cs /if ?><?cs if:t.status == "failed" && t.error ?><br><span class="error reason"><?cs var:t.error ?></span><?cs /if ?></td>
      <td class="rows"><?cs if:t.status == "completed" || t.status == "expired" ?><?cs var:t.row_count ?><?cs /if ?></td>
      <td class="expires"><?cs if:t.status == "completed" ?><?cs var:t.expires ?><?cs /if ?></td>
      <td><?cs if:t.status == "completed" ?><a class="download" href="/exports/<?cs var:t.id ?>/download"><?cs var:Lang.exports.download ?></a><?cs /if ?></td></tr><?cs /each ?></tbody></table></div>
  <?cs call:list_pager() ?>
  <?cs if:!subcount(Tasks) ?><p class="hint"><?cs var:Lang.exports.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
