<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.bills.details.title ?></h1>
  <form class="filters" method="get" action="/finance/bills/details" id="filters">
    <?cs call:field_open("q-cycle", Filter.cycle, Lang.bills.f.cycle) ?>
      <select id="q-cycle" name="cycle"<?cs call:invalid("cycle", Filter.cycle) ?>><?cs call:option_values(Cycles.list, Filter.cycle.value) ?>
        <?cs if:Filter.cycle.error || !Page.has_bill ?><option value="<?cs var:Filter.cycle.value ?>" selected><?cs var:Filter.cycle.value ?></option><?cs /if ?></select>
    <?cs call:field_close("cycle", Filter.cycle) ?>
    <?cs call:filter_input("customer", Lang.bills.f.customer, "text") ?>
    <?cs call:filter_rows("product", Lang.bills.f.product, Products, "code", "name", Lang.bills.all) ?>
    <?cs call:filter_select("bill_type", Lang.bills.f.bill_type, Lang.bills.bill_type, Lang.bills.all) ?>
    <?cs if:Filter.cid.value ?><input type="hidden" name="cid" value="<?cs var:Filter.cid.value ?>"><?cs /if ?>
    <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <button type="submit" id="search" class="primary"><?cs var:Lang.bills.search ?></button>
  </form>
  <?cs if:Page.bad_filters ?><p class="error form-error" role="alert" id="filter-error"><?cs each:f = Filter ?><?cs if:f.error ?><?cs var:f.error ?> <?cs /if ?><?cs /each ?></p>
  <?cs elif:!Page.has_bill ?><p class="hint" id="no-bill"><?cs var:Lang.bills.monthly.none ?></p>
  <?cs else ?>
  <?cs set:Export.note = Lang.bills.export.precautions ?><?cs call:export_open("/finance/bills/details/export", "export") ?><?cs call:export_filters() ?>
    <p class="hint"><?cs var:Lang.bills.export.content ?> <?cs var:Filter.cycle.value ?></p>
  <?cs call:export_close("export-button", Lang.bills.export.details, "") ?>
  <p class="hint exact-note"><?cs var:Lang.common.exact_note ?></p>
  <div class="scroll table-wrap"><table id="lines" class="list">
    <thead><tr>
      <th><?cs var:Lang.bills.col.customer ?> <?cs call:eye(Eye.name, "name") ?></th>
      <?cs if:Page.show_partner ?><th><?cs var:Lang.bills.col.partner_name ?></th><?cs /if ?>
      <th><?cs var:Lang.bills.col.product_type ?></th><th><?cs var:Lang.bills.col.mode ?></th><th><?cs var:Lang.bills.col.bill_type ?></th>
      <th><?cs var:Lang.bills.col.region ?></th><th><?cs var:Lang.bills.col.txn ?></th><th><?cs var:Lang.bills.col.txn_at ?></th>
      <th class="num"><?cs var:Lang.bills.col.list ?></th><th><?cs var:Lang.bills.col.settlement_type ?></th><th><?cs var:Lang.bills.col.discount ?></th>
      <th class="num"><?cs var:Lang.bills.col.settlement ?></th><th class="num"><?cs var:Lang.bills.col.coupons ?></th>
      <th class="num"><?cs var:Lang.bills.col.excl_tax ?></th><th class="num"><?cs var:Lang.bills.col.tax ?></th><th class="num"><?cs var:Lang.bills.col.due ?></th>
    </tr></thead>
    <tbody>
    <?cs each:l = Lines ?><tr data-id="<?cs var:l.id ?>">
      <td><span class="cname"><?cs var:l.name ?></span><br><span class="hint account"><?cs var:l.account ?></span></td>
      <?cs if:Page.show_partner ?><td class="partner"><?cs var:l.partner ?></td><?cs /if ?>
      <td class="product"><?cs var:l.product_name ?><?cs if:l.billing_item ?> (<?cs if:Lang.catalog.item[l.billing_item] ?><?cs var:Lang.catalog.item[l.billing_item] ?><?cs else ?><?cs var:l.billing_item ?><?cs /if ?>)<?cs /if ?><?cs if:l.covered ?><br><span class="hint covered"><?cs var:Lang.bills.covered ?></span><?cs /if ?></td>
      <td class="mode"><?cs var:Lang.bills.mode[l.mode] ?></td><td class="type"><?cs var:Lang.bills.bill_type[l.bill_type] ?><?cs if:l.late_cycle ?><br><span class="hint late"><?cs var:Lang.bills.late ?> <?cs var:l.late_cycle ?></span><?cs /if ?></td>
      <td><?cs var:l.region ?></td><td class="txn"><?cs var:l.txn ?></td><td><?cs var:l.txn_at ?></td>
      <td class="num list"><?cs var:l.list ?></td><td><?cs var:Lang.bills.settlement[l.settlement_type] ?></td><td class="discount"><?cs var:l.discount ?></td>
      <td class="num settlement"><?cs var:l.settlement ?></td><td class="num coupons"><?cs var:l.coupons ?></td>
      <td class="num excl_tax"><?cs var:l.excl_tax ?></td><td class="num tax"><?cs var:l.tax ?></td><td class="num due"><?cs var:l.due ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs if:!subcount(Lines) ?><p class="hint" id="no-lines"><?cs var:Lang.bills.details.none ?></p><?cs /if ?>
  <?cs call:list_pager() ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
