<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.tab.assignment ?></h1>
  <table id="managers"><thead><tr><th><?cs var:Lang.cust.col.am ?></th><th><?cs var:Lang.cust.assign.count ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:m = Managers ?><tr data-am="<?cs var:m.username ?>"><td><?cs var:m.name ?> (<?cs var:m.username ?>)</td><td><?cs var:m.customers ?></td>
      <td><a href="/customers/assignment/<?cs var:m.id ?>"><?cs var:Lang.cust.assign.view ?></a></td></tr><?cs /each ?></tbody></table>
  <?cs if:!subcount(Managers) ?><p class="hint"><?cs var:Lang.cust.assign.no_managers ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
