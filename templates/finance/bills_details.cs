<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.bills.details.title ?></h1>
  <form class="filters" method="get" action="/finance/bills/details" id="filters">
    <div class="field<?cs if:Filter.cycle.error ?> has-error<?cs /if ?>"><label for="q-cycle"><?cs var:Lang.bills.f.cycle ?></label>
      <select id="q-cycle" name="cycle"><?cs each:y = Cycles.list ?><option value="<?cs var:y ?>"<?cs if:Filter.cycle.value == y ?> selected<?cs /if ?>><?cs var:y ?></option><?cs /each ?>
        <?cs if:Filter.cycle.error || !Page.has_bill ?><option value="<?cs var:Filter.cycle.value ?>" selected><?cs var:Filter.cycle.value ?></option><?cs /if ?></select>
      <?cs if:Filter.cycle.error ?><p class="error" id="e-cycle"><?cs var:Filter.cycle.error ?></p><?cs /if ?></div>
    <div class="field<?cs if:Filter.customer.error ?> has-error<?cs /if ?>"><label for="q-customer"><?cs var:Lang.bills.f.customer ?></label>
      <input id="q-customer" name="customer" type="text" value="<?cs var:Filter.customer.value ?>">
      <?cs if:Filter.customer.error ?><p class="error" id="e-customer"><?cs var:Filter.customer.error ?></p><?cs /if ?></div>
    <div class="field"><label for="q-product"><?cs var:Lang.bills.f.product ?></label>
      <select id="q-product" name="product"><option value=""><?cs var:Lang.bills.all ?></option>
        <?cs each:p = Products ?><option value="<?cs var:p.code ?>"<?cs if:Filter.product.value == p.code ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select></div>
    <div class="field<?cs if:Filter.bill_type.error ?> has-error<?cs /if ?>"><label for="q-bill_type"><?cs var:Lang.bills.f.bill_type ?></label>
      <select id="q-bill_type" name="bill_type"><option value=""><?cs var:Lang.bills.all ?></option>
        <?cs each:o = Lang.bills.bill_type ?><option value="<?cs name:o ?>"<?cs if:Filter.bill_type.value == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
      <?cs if:Filter.bill_type.error ?><p class="error" id="e-bill_type"><?cs var:Filter.bill_type.error ?></p><?cs /if ?></div>
    <?cs if:Filter.cid.value ?><input type="hidden" name="cid" value="<?cs var:Filter.cid.value ?>"><?cs /if ?>
    <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <button type="submit" id="search"><?cs var:Lang.bills.search ?></button>
  </form>
  <?cs if:Page.bad_filters ?><p class="error form-error" role="alert" id="filter-error"><?cs each:f = Filter ?><?cs if:f.error ?><?cs var:f.error ?> <?cs /if ?><?cs /each ?></p>
  <?cs elif:!Page.has_bill ?><p class="hint" id="no-bill"><?cs var:Lang.bills.monthly.none ?></p>
  <?cs else ?>
  <details id="export-details"><summary class="button"><?cs var:Lang.bills.export.details ?></summary>
    <div class="notice" id="precautions"><p><?cs var:Lang.bills.export.precautions ?></p></div>
    <details id="got-it"><summary class="button primary" id="got-it-button"><?cs var:Lang.bills.export.got_it ?></summary>
      <form method="post" action="/finance/bills/details/export" class="inline" id="export"><?cs call:csrf() ?>
        <?cs each:f = Filter ?><?cs if:f.value ?><input type="hidden" name="<?cs name:f ?>" value="<?cs var:f.value ?>"><?cs /if ?><?cs /each ?>
        <p class="hint"><?cs var:Lang.bills.export.content ?> <?cs var:Filter.cycle.value ?></p>
        <div class="field"><label for="export-format"><?cs var:Lang.bills.export.format ?></label>
          <select id="export-format" name="format"><option value="csv">CSV</option><option value="xlsx">XLSX</option></select></div>
        <button type="submit" id="export-button"><?cs var:Lang.bills.export.button ?></button>
      </form>
    </details>
  </details>
  <div class="scroll"><table id="lines">
    <thead><tr>
      <th><?cs var:Lang.bills.col.customer ?> <?cs if:Eye.name.href ?><a class="eye<?cs if:Eye.name.on ?> on<?cs /if ?>" href="<?cs var:Eye.name.href ?>" id="eye-name"><?cs if:Eye.name.on ?><?cs var:Lang.bills.eye_hide ?><?cs else ?><?cs var:Lang.bills.eye_show ?><?cs /if ?></a><?cs /if ?></th>
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
      <td class="product"><?cs var:l.product_name ?><?cs if:l.billing_item ?> (<?cs var:l.billing_item ?>)<?cs /if ?><?cs if:l.covered ?><br><span class="hint covered"><?cs var:Lang.bills.covered ?></span><?cs /if ?></td>
      <td class="mode"><?cs var:Lang.bills.mode[l.mode] ?></td><td class="type"><?cs var:Lang.bills.bill_type[l.bill_type] ?><?cs if:l.late_cycle ?><br><span class="hint late"><?cs var:Lang.bills.late ?> <?cs var:l.late_cycle ?></span><?cs /if ?></td>
      <td><?cs var:l.region ?></td><td class="txn"><?cs var:l.txn ?></td><td><?cs var:l.txn_at ?></td>
      <td class="num list"><?cs var:l.list ?></td><td><?cs var:Lang.bills.settlement[l.settlement_type] ?></td><td class="discount"><?cs var:l.discount ?></td>
      <td class="num settlement"><?cs var:l.settlement ?></td><td class="num coupons"><?cs var:l.coupons ?></td>
      <td class="num excl_tax"><?cs var:l.excl_tax ?></td><td class="num tax"><?cs var:l.tax ?></td><td class="num due"><?cs var:l.due ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs if:!subcount(Lines) ?><p class="hint" id="no-lines"><?cs var:Lang.bills.details.none ?></p><?cs /if ?>
  <?cs if:Page.next_after ?><p><a id="next-page" href="/finance/bills/details?<?cs var:Page.query ?>&amp;after=<?cs var:Page.next_after ?>"><?cs var:Lang.bills.next_page ?></a></p><?cs /if ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
