<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.assign.title ?></h1>
  <p><strong><?cs var:Customer.0.name ?></strong> (<?cs var:Customer.0.account_name ?>)</p>
  <p class="notice"><?cs var:Lang.cust.assign.confirm ?></p>
  <?cs if:Customer.0.am_name ?><p><?cs var:Lang.cust.assign.current ?>: <?cs var:Customer.0.am_name ?></p><?cs /if ?>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/assign"><?cs call:csrf() ?>
    <?cs call:select_rows("am", Form.am, Lang.cust.assign.manager, Managers, "id", "name", "username", Lang.common.choose) ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.ok ?></button>
    <a class="button" href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
  <?cs if:Customer.0.am_name ?><form method="post" action="/customers/<?cs var:Customer.0.id ?>/unassign" data-confirm-title="<?cs var:Lang.cust.assign.unassign ?>: <?cs var:Customer.0.am_name ?>?" data-confirm="<?cs var:Customer.0.name ?>: <?cs var:Lang.cust.assign.unassign_note ?>"><?cs call:csrf() ?>
    <p class="hint"><?cs var:Lang.cust.assign.unassign_note ?></p>
    <button type="submit" class="danger" id="unassign"><?cs var:Lang.cust.assign.unassign ?></button></form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
