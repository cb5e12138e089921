<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.list.title ?></h1>
  <?cs if:Page.distributor ?><nav class="toolbar" id="list-tabs">
    <a class="tab<?cs if:Filter.tab.value != "resellers" ?> active" aria-current="page<?cs /if ?>" href="/customers/?tab=own"><?cs var:Lang.cust.list.tab_own ?></a>
    <a class="tab<?cs if:Filter.tab.value == "resellers" ?> active" aria-current="page<?cs /if ?>" href="/customers/?tab=resellers"><?cs var:Lang.cust.list.tab_resellers ?></a>
  </nav><?cs /if ?>
  <form class="filters" method="get" action="/customers/" id="filters">
    <input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>">
    <?cs call:filter_input("name", Lang.cust.f.name, "text") ?>
    <?cs call:filter_input("account", Lang.cust.f.account, "text") ?>
    <?cs call:filter_input("id", Lang.cust.f.id, "text") ?>
    <?cs call:filter_rows("am", Lang.cust.f.am, Managers, "id", "name", Lang.cust.all) ?>
    <?cs call:filter_input("spend_min", Lang.cust.f.spend_min, "text") ?>
    <?cs call:filter_input("spend_max", Lang.cust.f.spend_max, "text") ?>
    <?cs call:filter_input("expiry_from", Lang.cust.f.expiry_from, "date") ?>
    <?cs call:filter_input("expiry_to", Lang.cust.f.expiry_to, "date") ?>
    <?cs call:filter_input("mobile", Lang.cust.f.mobile, "text") ?>
    <?cs call:filter_input("tag", Lang.cust.f.tag, "text") ?>
    <?cs call:filter_select("auto_frozen", Lang.cust.f.auto_frozen, Lang.common.yes_no, Lang.cust.all) ?>
    <?cs call:filter_select("auth", Lang.cust.f.auth, Lang.cust.auth_states, Lang.cust.all) ?>
    <?cs call:filter_input("assoc_from", Lang.cust.f.assoc_from, "date") ?>
    <?cs call:filter_input("assoc_to", Lang.cust.f.assoc_to, "date") ?>
    <?cs call:filter_input("usage_min", Lang.cust.f.usage_min, "text") ?>
    <?cs call:filter_input("usage_max", Lang.cust.f.usage_max, "text") ?>
    <?cs call:filter_select("sort", Lang.cust.f.sort, Lang.cust.sort, "") ?>
    <button type="submit" id="search"><?cs var:Lang.cust.search ?></button>
  </form>
  <form method="post" action="/customers/assign" id="batch"><?cs call:csrf() ?>
  <table id="customers">
    <thead><tr>
      <th></th>
      <th><?cs var:Lang.cust.col.name ?> <?cs call:eye(Eye.name, "name") ?></th>
      <?cs if:Page.distributor && Filter.tab.value == "resellers" ?><th><?cs var:Lang.cust.col.reseller ?></th><?cs /if ?>
      <th><?cs var:Lang.cust.col.mobile ?> <?cs call:eye(Eye.mobile, "mobile") ?></th>
      <th><?cs var:Lang.cust.col.email ?> <?cs call:eye(Eye.email, "email") ?></th>
      <th><?cs var:Lang.cust.col.am ?></th>
      <th><?cs var:Lang.cust.col.monthly_budget ?></th>
      <th><?cs var:Lang.cust.col.one_time_budget ?></th>
      <th><?cs var:Lang.cust.col.usage ?></th>
      <th><?cs var:Lang.cust.col.mtd ?></th>
      <th><?cs var:Lang.cust.col.alerts ?></th>
      <th><?cs var:Lang.cust.col.state ?></th>
    </tr></thead>
    <tbody>
    <?cs each:k = Customers ?><tr data-id="<?cs var:k.id ?>">
      <td><input type="checkbox" name="ids" value="<?cs var:k.id ?>" aria-label="<?cs var:k.name ?>"></td>
      <td><a href="/customers/<?cs var:k.id ?>" class="cname"><?cs var:k.name ?></a><br><span class="hint"><?cs var:k.account_name ?></span></td>
      <?cs if:Page.distributor && Filter.tab.value == "resellers" ?><td><?cs var:k.reseller ?></td><?cs /if ?>
      <td class="mobile"><?cs var:k.mobile ?></td>
      <td class="email"><?cs var:k.email ?></td>
      <td><?cs var:k.am_name ?></td>
      <td><?cs var:k.monthly_budget ?></td>
      <td><?cs var:k.one_time_budget ?></td>
      <td><?cs if:k.usage ?><?cs var:k.usage ?>%<?cs /if ?></td>
      <td class="spend"><?cs var:k.mtd_spend ?></td>
      <td><?cs var:k.alerts ?></td>
      <td class="state"><?cs var:Lang.cust.freeze[k.freeze_state] ?><?cs if:k.freeze_source == "budget_auto" && k.freeze_state != "normal" ?> (<?cs var:Lang.cust.auto ?>)<?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs if:!subcount(Customers) ?><p class="hint" id="no-customers"><?cs var:Lang.cust.list.none ?></p><?cs /if ?>
  <?cs if:subcount(Managers) && Page.can_assign_batch ?><div class="inline">
    <?cs call:select_rows_field("batch-am", "am", Form.am, Lang.cust.assign.manager, Managers, "id", "name", "", "") ?>
    <button type="submit" id="batch-assign"><?cs var:Lang.cust.assign.batch ?></button></div><?cs /if ?>
  <?cs if:Page.can_budget ?><button type="submit" formaction="/customers/budget/batch" id="batch-budget"><?cs var:Lang.cust.bud.set ?></button><?cs /if ?>
  </form>
  <?cs call:next_page("/customers/", Page.query) ?>
  <?cs if:Page.can_export ?><?cs call:export_form("/customers/export", "export", "export-list", Lang.cust.export.button, Lang.cust.export.note) ?><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
