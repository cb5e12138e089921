<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.bud.records ?></h1>
  <p><strong><?cs var:Customer.0.name ?></strong> (<?cs var:Customer.0.account_name ?>) · <a href="/customers/<?cs var:Customer.0.id ?>/budget"><?cs var:Lang.cust.bud.set ?></a></p>
  <table id="records">
    <thead><tr><th><?cs var:Lang.cust.bud.at ?></th><th><?cs var:Lang.cust.bud.user ?></th><th><?cs var:Lang.cust.bud.old ?></th><th><?cs var:Lang.cust.bud.new ?></th><th><?cs var:Lang.cust.bud.unfreeze_flag ?></th></tr></thead>
    <tbody><?cs each:r = Records ?><tr>
      <td><?cs var:r.at ?></td><td><?cs var:r.name ?> (<?cs var:r.username ?>)</td>
      <td class="old"><?cs if:r.old_type ?><?cs var:Lang.cust.budget_type[r.old_type] ?> <?cs var:r.old_amount ?> USD · <?cs var:Lang.cust.policy[r.old_policy] ?><?cs else ?>—<?cs /if ?></td>
      <td class="new"><?cs var:Lang.cust.budget_type[r.new_type] ?> <?cs var:r.new_amount ?> USD · <?cs var:Lang.cust.policy[r.new_policy] ?></td>
      <td><?cs if:r.unfreeze_now == "1" ?><?cs var:Lang.common.yes ?><?cs else ?><?cs var:Lang.common.no ?><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Records) ?><p class="hint"><?cs var:Lang.cust.bud.records_none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
