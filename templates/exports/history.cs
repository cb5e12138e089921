<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.exports.title ?></h1>
  <p class="hint"><?cs var:Lang.exports.note ?></p>
  <table id="exports"><thead><tr><th><?cs var:Lang.exports.name ?></th><th><?cs var:Lang.exports.kind ?></th><th><?cs var:Lang.exports.created ?></th><th><?cs var:Lang.exports.status ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:t = Tasks ?><tr data-id="<?cs var:t.id ?>"><td><?cs var:t.name ?></td><td><?cs var:Lang.exports.kinds[t.kind] ?></td><td><?cs var:t.created ?></td><td class="status"><?cs var:Lang.exports.statuses[t.status] ?></td>
      <td><?cs if:t.status == "completed" ?><a href="/exports/<?cs var:t.id ?>/download"><?cs var:Lang.exports.download ?></a><?cs /if ?></td></tr><?cs /each ?></tbody></table>
  <?cs if:!subcount(Tasks) ?><p class="hint"><?cs var:Lang.exports.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
