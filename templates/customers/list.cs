<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<?cs def:filter_input(name, label, type) ?>
<div class="field<?cs if:Filter[name].error ?> has-error<?cs /if ?>"><label for="q-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="q-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:Filter[name].value ?>">
  <?cs if:Filter[name].error ?><p class="error"><?cs var:Filter[name].error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:eye(col) ?><a class="eye<?cs if:Eye[col].on ?> on<?cs /if ?>" href="<?cs var:Eye[col].href ?>" id="eye-<?cs var:col ?>" title="<?cs if:Eye[col].on ?><?cs var:Lang.cust.list.hide ?><?cs else ?><?cs var:Lang.cust.list.show ?><?cs /if ?>"><?cs if:Eye[col].on ?><?cs var:Lang.cust.list.eye_hide ?><?cs else ?><?cs var:Lang.cust.list.eye_show ?><?cs /if ?></a><?cs /def ?>
<section>
  <h1><?cs var:Lang.cust.list.title ?></h1>
  <?cs if:Page.distributor ?><nav class="toolbar" id="list-tabs">
    <a class="button<?cs if:Filter.tab.value != "resellers" ?> primary<?cs /if ?>" href="/customers/?tab=own"><?cs var:Lang.cust.list.tab_own ?></a>
    <a class="button<?cs if:Filter.tab.value == "resellers" ?> primary<?cs /if ?>" href="/customers/?tab=resellers"><?cs var:Lang.cust.list.tab_resellers ?></a>
  </nav><?cs /if ?>
  <form class="filters" method="get" action="/customers/" id="filters">
    <input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>">
    <?cs call:filter_input("name", Lang.cust.f.name, "text") ?>
    <?cs call:filter_input("account", Lang.cust.f.account, "text") ?>
    <?cs call:filter_input("id", Lang.cust.f.id, "text") ?>
    <div class="field"><label for="q-am"><?cs var:Lang.cust.f.am ?></label>
      <select id="q-am" name="am"><option value=""><?cs var:Lang.cust.all ?></option>
        <?cs each:m = Managers ?><option value="<?cs var:m.id ?>"<?cs if:Filter.am.value == m.id ?> selected<?cs /if ?>><?cs var:m.name ?></option><?cs /each ?></select></div>
    <?cs call:filter_input("spend_min", Lang.cust.f.spend_min, "text") ?>
    <?cs call:filter_input("spend_max", Lang.cust.f.spend_max, "text") ?>
    <?cs call:filter_input("expiry_from", Lang.cust.f.expiry_from, "date") ?>
    <?cs call:filter_input("expiry_to", Lang.cust.f.expiry_to, "date") ?>
    <?cs call:filter_input("mobile", Lang.cust.f.mobile, "text") ?>
    <?cs call:filter_input("tag", Lang.cust.f.tag, "text") ?>
    <div class="field"><label for="q-auto_frozen"><?cs var:Lang.cust.f.auto_frozen ?></label>
      <select id="q-auto_frozen" name="auto_frozen"><option value=""><?cs var:Lang.cust.all ?></option>
        <option value="yes"<?cs if:Filter.auto_frozen.value == "yes" ?> selected<?cs /if ?>><?cs var:Lang.common.yes ?></option>
        <option value="no"<?cs if:Filter.auto_frozen.value == "no" ?> selected<?cs /if ?>><?cs var:Lang.common.no ?></option></select></div>
    <?cs call:filter_input("assoc_from", Lang.cust.f.assoc_from, "date") ?>
    <?cs call:filter_input("assoc_to", Lang.cust.f.assoc_to, "date") ?>
    <?cs call:filter_input("usage_min", Lang.cust.f.usage_min, "text") ?>
    <?cs call:filter_input("usage_max", Lang.cust.f.usage_max, "text") ?>
    <div class="field"><label for="q-sort"><?cs var:Lang.cust.f.sort ?></label>
      <select id="q-sort" name="sort">
        <?cs each:o = Lang.cust.sort ?><option value="<?cs name:o ?>"<?cs if:Filter.sort.value == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select></div>
    <button type="submit" id="search"><?cs var:Lang.cust.search ?></button>
  </form>
  <form method="post" action="/customers/assign" id="batch"><?cs call:csrf() ?>
  <table id="customers">
    <thead><tr>
      <th></th>
      <th><?cs var:Lang.cust.col.name ?> <?cs call:eye("name") ?></th>
      <?cs if:Page.distributor && Filter.tab.value == "resellers" ?><th><?cs var:Lang.cust.col.reseller ?></th><?cs /if ?>
      <th><?cs var:Lang.cust.col.mobile ?> <?cs call:eye("mobile") ?></th>
      <th><?cs var:Lang.cust.col.email ?> <?cs call:eye("email") ?></th>
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
    <div class="field"><label for="batch-am"><?cs var:Lang.cust.assign.manager ?></label>
      <select id="batch-am" name="am"><?cs each:m = Managers ?><option value="<?cs var:m.id ?>"><?cs var:m.name ?></option><?cs /each ?></select></div>
    <button type="submit" id="batch-assign"><?cs var:Lang.cust.assign.batch ?></button></div><?cs /if ?>
  <?cs if:Page.can_budget ?><button type="submit" formaction="/customers/budget/batch" id="batch-budget"><?cs var:Lang.cust.bud.set ?></button><?cs /if ?>
  </form>
  <?cs if:Page.next_after ?><p><a id="next-page" href="/customers/?<?cs var:Page.query ?>after=<?cs var:Page.next_after ?>"><?cs var:Lang.cust.next_page ?></a></p><?cs /if ?>
  <?cs if:Page.can_export ?><form method="post" action="/customers/export" id="export"><?cs call:csrf() ?>
    <?cs each:f = Filter ?><?cs if:f.value && name(f) != "after" ?><input type="hidden" name="<?cs name:f ?>" value="<?cs var:f.value ?>"><?cs /if ?><?cs /each ?>
    <label for="export-format"><?cs var:Lang.exports.format ?></label> <select id="export-format" name="format"><option value="csv"><?cs var:Lang.exports.formats.csv ?></option><option value="xlsx"><?cs var:Lang.exports.formats.xlsx ?></option></select>
    <button type="submit" id="export-list"><?cs var:Lang.cust.export.button ?></button> <span class="hint"><?cs var:Lang.cust.export.note ?></span></form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
