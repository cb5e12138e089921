<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.list.title ?></h1>
  <?cs if:Page.distributor ?><nav class="toolbar" id="list-tabs">
    <a class="tab<?cs if:Filter.tab.value != "resellers" ?> active" aria-current="page<?cs /if ?>" href="/customers/?tab=own"><?cs var:Lang.cust.list.tab_own ?></a>
    <a class="tab<?cs if:Filter.tab.value == "resellers" ?> active" aria-current="page<?cs /if ?>" href="/customers/?tab=resellers"><?cs var:Lang.cust.list.tab_resellers ?></a>
  </nav><?cs /if ?>
  <form class="filters" method="get" action="/customers/" id="filters">
    <input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>">
    <?cs if:Filter.sort.value ?><input type="hidden" name="sort" value="<?cs var:Filter.sort.value ?>"><?cs /if ?>
    <?cs each:e = Eye ?><?cs if:e.on ?><input type="hidden" name="show" value="<?cs name:e ?>"><?cs /if ?><?cs /each ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <div class="filter-main">
    <?cs call:filter_input("name", Lang.cust.f.name, "text") ?>
    <?cs call:filter_input("account", Lang.cust.f.account, "text") ?>
    <?cs call:filter_input("id", Lang.cust.f.id, "text") ?>
    <?cs call:filter_rows("am", Lang.cust.f.am, Managers, "id", "name", Lang.cust.all) ?>
    <?cs if:Page.distributor ?><?cs call:filter_buttons("/customers/?tab=" + Filter.tab.value) ?><?cs else ?><?cs call:filter_buttons("/customers/") ?><?cs /if ?>
    </div>
    <?cs call:more_filters_open() ?>
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
    <?cs call:more_filters_close() ?>
  </form>
  <form method="post" action="/customers/assign" id="batch" data-selection><?cs call:csrf() ?>
  <div class="table-wrap">
  <table id="customers" class="list">
    <thead><tr>
      <th class="select"><input type="checkbox" id="select-all" data-select-all hidden aria-label="<?cs var:Lang.dlg.select_all ?>"></th>
      <?cs call:sort_th_eye("name", Lang.cust.col.name, Eye.name, "name") ?>
      <?cs if:Page.distributor && Filter.tab.value == "resellers" ?><th><?cs var:Lang.cust.col.reseller ?></th><?cs /if ?>
      <th><?cs var:Lang.cust.col.mobile ?> <?cs call:eye(Eye.mobile, "mobile") ?></th>
      <th><?cs var:Lang.cust.col.email ?> <?cs call:eye(Eye.email, "email") ?></th>
      <th><?cs var:Lang.cust.col.am ?></th>
      <th class="num"><?cs var:Lang.cust.col.monthly_budget ?></th>
      <th class="num"><?cs var:Lang.cust.col.one_time_budget ?></th>
      <?cs call:sort_th("usage", Lang.cust.col.usage, "num") ?>
      <?cs call:sort_th("spend", Lang.cust.col.mtd, "num") ?>
      <th class="num"><?cs var:Lang.cust.col.alerts ?></th>
      <th><?cs var:Lang.cust.col.state ?></th>
      <?cs call:sort_th("associated", Lang.cust.col.associated, "date") ?>
      <th class="ops"><?cs var:Lang.common.list.operation ?></th>
    </tr></thead>
    <tbody>
    <?cs each:k = Customers ?><tr data-id="<?cs var:k.id ?>">
      <td class="select"><input type="checkbox" name="ids" value="<?cs var:k.id ?>" aria-label="<?cs var:k.name ?>"<?cs if:Kept.ids[k.id] ?> checked<?cs /if ?>></td>
      <td><a href="/customers/<?cs var:k.id ?>" class="cname"><?cs var:k.name ?></a><br><span class="hint"><?cs var:k.account_name ?></span></td>
      <?cs if:Page.distributor && Filter.tab.value == "resellers" ?><td><?cs var:k.reseller ?></td><?cs /if ?>
      <td class="mobile"><?cs var:k.mobile ?></td>
      <td class="email"><?cs var:k.email ?></td>
      <td><?cs var:k.am_name ?></td>
      <td class="num"><?cs var:k.monthly_budget ?></td>
      <td class="num"><?cs var:k.one_time_budget ?></td>
      <td class="num"><?cs if:k.usage ?><?cs var:k.usage ?>%<?cs /if ?></td>
      <td class="num spend"><?cs var:k.mtd_spend ?></td>
      <td class="num"><?cs var:k.alerts ?></td>
      <td class="state"><?cs var:Lang.cust.freeze[k.freeze_state] ?><?cs if:k.freeze_source == "budget_auto" && k.freeze_state != "normal" ?> (<?cs var:Lang.cust.auto ?>)<?cs /if ?></td>
      <td class="date"><?cs var:k.associated ?></td>
      <td class="ops"><?cs if:k.ops.budget ?><a href="/customers/<?cs var:k.id ?>/budget" data-dialog class="op-budget"><?cs var:Lang.cust.bud.set ?></a> <?cs /if ?><?cs if:Page.can_orders ?><a href="/orders/?<?cs if:!k.own ?>tab=resellers&amp;<?cs /if ?>customer_id=<?cs var:k.id ?>" class="op-orders"><?cs var:Lang.cust.detail.view_orders ?></a> <?cs /if ?><details class="op-more"><summary><?cs var:Lang.common.list.more ?></summary><ul>
        <li><a href="/customers/<?cs var:k.id ?>"><?cs var:Lang.cust.detail.view_details ?></a></li>
        <li><a href="/customers/<?cs var:k.id ?>?tab=resources"><?cs var:Lang.cust.detail.view_resources ?></a></li><?cs if:Page.can_spend ?>
        <li><a href="/spend/details?customer=<?cs var:k.id ?>"><?cs var:Lang.cust.detail.view_spend ?></a></li><?cs /if ?><?cs if:k.ops.assign ?>
        <li><a href="/customers/<?cs var:k.id ?>/assign" data-dialog class="op-assign"><?cs var:Lang.cust.assign.title ?></a></li><?cs /if ?><?cs each:a = k.ops ?><?cs if:name(a) != "budget" && name(a) != "assign" ?>
        <li><a href="/customers/<?cs var:k.id ?>/<?cs if:name(a) == "freeze_all" ?>freeze-all<?cs elif:name(a) == "unfreeze_all" ?>unfreeze-all<?cs else ?><?cs name:a ?><?cs /if ?>" data-dialog class="op-<?cs name:a ?>"><?cs var:Lang.cust.frz[name(a)] ?></a></li><?cs /if ?><?cs /each ?>
      </ul></details></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:!subcount(Customers) ?><p class="hint" id="no-customers"><?cs var:Lang.cust.list.none ?></p><?cs /if ?>
  <?cs if:Form.form.error ?><?cs call:form_error() ?><?cs /if ?>
  <div class="toolbar" id="batch-actions"><span class="selection-count" id="selection-count" data-selection-count aria-live="polite" hidden></span>
  <?cs if:subcount(Managers) && Page.can_assign_batch ?><div class="inline">
    <?cs call:select_rows_field("batch-am", "am", Form.am, Lang.cust.assign.manager, Managers, "id", "name", "", "") ?>
    <button type="submit" id="batch-assign" data-needs-selection><?cs var:Lang.cust.assign.batch ?></button></div><?cs /if ?>
  <?cs if:Page.can_budget ?><button type="submit" formaction="/customers/budget/batch" id="batch-budget" data-needs-selection data-dialog><?cs var:Lang.cust.bud.set ?></button><?cs /if ?></div>
  </form>
  <?cs call:list_pager() ?>
  <?cs if:Page.can_export ?><?cs set:Page.export_selectable = 1 ?><?cs call:export_form("/customers/export", "export", "export-list", Lang.exports.menu.all, Lang.cust.export.note) ?><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
