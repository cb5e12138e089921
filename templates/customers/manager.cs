<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Manager.0.name ?></h1>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.cust.assign.assigned ?></h2>
  <form method="post" action="/customers/assignment/<?cs var:Manager.0.id ?>/unassign" data-selection data-confirm-title="<?cs var:Lang.cust.assign.unassign ?>: <?cs var:Manager.0.name ?>?" data-confirm="<?cs var:Lang.cust.assign.unassign_note ?>"><?cs call:csrf() ?>
  <table id="assigned"><thead><tr><th></th><th><?cs var:Lang.cust.col.name ?></th><th><?cs var:Lang.cust.basic.from ?></th><th><?cs var:Lang.cust.basic.to ?></th><th><?cs var:Lang.cust.basic.status ?></th></tr></thead>
    <tbody><?cs each:k = Assigned ?><tr data-id="<?cs var:k.id ?>"><td><?cs if:k.status == "active" ?><input type="checkbox" name="ids" value="<?cs var:k.id ?>" aria-label="<?cs var:k.name ?>"><?cs /if ?></td><td><?cs var:k.name ?></td><td><?cs var:k.effective_from ?></td><td><?cs var:k.effective_to ?></td><td><?cs var:Lang.cust.assign_status[k.status] ?></td></tr><?cs /each ?></tbody></table>
  <p class="hint"><?cs var:Lang.cust.assign.unassign_note ?></p>
  <button type="submit" id="unassign-selected" data-needs-selection><?cs var:Lang.cust.assign.unassign ?></button></form>
  <h2><?cs var:Lang.cust.assign.select ?></h2>
  <form method="get" action="/customers/assignment/<?cs var:Manager.0.id ?>" class="filters"><?cs call:filter_input("q", Lang.cust.f.name, "text") ?><button type="submit"><?cs var:Lang.cust.search ?></button></form>
  <form method="post" action="/customers/assignment/<?cs var:Manager.0.id ?>/assign" data-selection><?cs call:csrf() ?>
  <table id="unassigned"><thead><tr><th><input type="checkbox" data-select-all hidden aria-label="<?cs var:Lang.dlg.select_all ?>"></th><th><?cs var:Lang.cust.col.name ?></th><th><?cs var:Lang.cust.f.account ?></th></tr></thead>
    <tbody><?cs each:k = Unassigned ?><tr data-id="<?cs var:k.id ?>"><td><input type="checkbox" name="ids" value="<?cs var:k.id ?>" aria-label="<?cs var:k.name ?>"></td><td><?cs var:k.name ?></td><td><?cs var:k.account_name ?></td></tr><?cs /each ?></tbody></table>
  <span class="selection-count" data-selection-count aria-live="polite" hidden></span>
  <button type="submit" class="primary" id="assign-selected" data-needs-selection><?cs var:Lang.cust.assign.assign ?></button></form>
</section>
<?cs include:"footer.cs" ?>
