<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.rcp.title ?></h1>
  <p class="hint"><?cs var:Lang.cust.rcp.note ?></p>
  <table id="recipients">
    <thead><tr><th><?cs var:Lang.cust.rcp.name ?></th><th><?cs var:Lang.cust.rcp.email ?></th><th><?cs var:Lang.cust.rcp.phone ?></th><th></th></tr></thead>
    <tbody><?cs each:r = Recipients ?><tr data-id="<?cs var:r.id ?>"><td><?cs var:r.name ?></td><td><?cs var:r.email ?></td><td><?cs var:r.phone ?></td>
      <td><form method="post" action="/customers/recipients/<?cs var:r.id ?>/delete" class="confirm-delete" data-confirm-title="<?cs var:Lang.dlg.rcp.title ?>" data-confirm="<?cs var:r.name ?> (<?cs var:r.email ?>): <?cs var:Lang.dlg.rcp.text ?>" data-confirm-ok="<?cs var:Lang.cust.rcp.delete ?>"><?cs call:csrf() ?><button type="submit" class="link danger"><?cs var:Lang.cust.rcp.delete ?></button></form></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Recipients) ?><p class="hint" id="no-recipients"><?cs var:Lang.cust.rcp.none ?></p><?cs /if ?>
  <form method="post" action="/customers/recipients" id="recipient-form" class="inline"><?cs call:csrf() ?>
    <?cs call:input("name", Form.name, Lang.cust.rcp.name, "text") ?>
    <?cs call:input("email", Form.email, Lang.cust.rcp.email, "email") ?>
    <?cs call:input("phone", Form.phone, Lang.cust.rcp.phone, "tel") ?>
    <button type="submit" class="primary" id="add-recipient"><?cs var:Lang.cust.rcp.add ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
