<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<?cs def:bill_money(label, id, value) ?><tr><th><?cs var:label ?></th><td class="num" id="<?cs var:id ?>"><?cs var:value ?></td></tr><?cs /def ?>
<section id="amount-due-pane">
  <h1><?cs var:Lang.bills.title ?></h1>
  <h2><?cs var:Lang.bills.due.title ?></h2>
  <p class="summary"><?cs var:Lang.bills.due.total ?>: <strong id="due-total"><?cs var:Due.total ?></strong> USD</p>
  <p class="actions"><a class="button" id="pay" href="/finance/funds?tab=pay"><?cs var:Lang.bills.due.pay ?></a>
    <a id="payment-record" href="/finance/funds/statements"><?cs var:Lang.bills.due.payment_record ?></a></p>
  <details id="unpaid-bills"><summary><?cs var:Lang.bills.due.unpaid ?> (<?cs var:Due.count ?>)</summary>
    <?cs if:subcount(Unpaid) ?><table id="unpaid">
      <thead><tr><th><?cs var:Lang.bills.f.cycle ?></th><th><?cs var:Lang.bills.f.amount_due ?></th><th><?cs var:Lang.bills.f.due_at ?></th><th><?cs var:Lang.bills.f.status ?></th></tr></thead>
      <tbody><?cs each:u = Unpaid ?><tr data-bill="<?cs var:u.id ?>"><td><a href="/finance/bills?month=<?cs var:u.cycle ?>"><?cs var:u.cycle ?></a></td><td class="num due"><?cs var:u.due ?></td><td><?cs var:u.due_at ?></td><td class="status"><?cs var:Lang.bills.status[u.status] ?></td></tr><?cs /each ?></tbody>
    </table><?cs else ?><p class="hint" id="no-unpaid"><?cs var:Lang.bills.due.none ?></p><?cs /if ?>
  </details>
</section>
<section id="monthly-pane">
  <h2><?cs var:Lang.bills.monthly.title ?></h2>
  <form class="filters" method="get" action="/finance/bills" id="month-form">
    <?cs call:field_open("q-month", Month, Lang.bills.f.month) ?>
      <select id="q-month" name="month" data-autosubmit="1"<?cs call:invalid("month", Month) ?>>
        <option value="<?cs var:Months.current ?>"<?cs if:Month.value == Months.current ?> selected<?cs /if ?>><?cs var:Months.current ?> (<?cs var:Lang.bills.monthly.current ?>)</option>
        <?cs call:option_rows(Months.list, "value", "value", "", Month.value) ?>
      </select>
    <?cs call:field_close("month", Month) ?>
    <button type="submit" id="month-go"><?cs var:Lang.bills.monthly.show ?></button>
  </form>
  <?cs if:Bill.id ?>
  <table class="details" id="bill" data-bill="<?cs var:Bill.id ?>">
    <tr><th><?cs var:Lang.bills.f.status ?></th><td id="bill-status"><?cs var:Lang.bills.status[Bill.status] ?></td></tr>
    <?cs call:bill_money(Lang.bills.f.amount_due, "bill-amount-due", Bill.amount_due) ?>
    <?cs call:bill_money(Lang.bills.f.expenditures, "bill-expenditures", Bill.expenditures) ?>
    <?cs call:bill_money(Lang.bills.f.refunds, "bill-refunds", Bill.refunds) ?>
    <?cs call:bill_money(Lang.bills.f.adjustments, "bill-adjustments", Bill.adjustments) ?>
    <?cs call:bill_money(Lang.bills.f.coupons, "bill-coupons", Bill.coupons) ?>
    <?cs call:bill_money(Lang.bills.f.tax, "bill-tax", Bill.tax) ?>
    <?cs if:Bill.rounding ?><?cs call:bill_money(Lang.bills.f.rounding, "bill-rounding", Bill.rounding) ?><?cs /if ?>
    <?cs if:Bill.credited ?><?cs call:bill_money(Lang.bills.f.credited, "bill-credited", Bill.credited) ?><?cs /if ?>
    <?cs call:bill_money(Lang.bills.f.total, "bill-total", Bill.total) ?>
    <?cs call:bill_money(Lang.bills.f.total_exact, "bill-total-exact", Bill.total_exact) ?>
    <?cs call:bill_money(Lang.bills.f.amount_paid, "bill-paid", Bill.paid) ?>
    <tr><th><?cs var:Lang.bills.f.due_at ?></th><td id="bill-due-at"><?cs var:Bill.due_at ?></td></tr>
    <tr><th><?cs var:Lang.bills.f.generated_at ?></th><td id="bill-generated-at"><?cs var:Bill.generated_at ?></td></tr>
    <tr><th><?cs var:Lang.bills.f.rate ?></th><td id="bill-rate"><?cs var:Bill.rate ?> (<?cs var:Bill.currency ?>)</td></tr>
    <tr><th><?cs var:Lang.bills.f.lines ?></th><td id="bill-lines"><a href="/finance/bills/details?cycle=<?cs var:Month.value ?>"><?cs var:Bill.lines ?></a></td></tr>
    <tr><th><?cs var:Lang.bills.f.hash ?></th><td><code class="hash" id="bill-hash"><?cs var:Bill.hash ?></code><br><span class="hint"><?cs var:Lang.bills.f.hash_hint ?></span></td></tr>
    <?cs if:Bill.invoice_no ?><tr><th><?cs var:Lang.bills.f.invoice_no ?></th><td><a id="bill-invoice" href="/finance/invoices/<?cs var:Bill.invoice_id ?>/pdf"><?cs var:Bill.invoice_no ?></a></td></tr><?cs /if ?>
  </table>
  <p><a class="button" id="bill-pdf" href="/finance/bills/<?cs var:Bill.id ?>/pdf"><?cs var:Lang.bills.monthly.pdf ?></a></p>
  <nav class="tabs" aria-label="<?cs var:Lang.bills.monthly.title ?>"><ul class="toolbar">
    <li><a id="tab-product" class="tab<?cs if:Page.tab == "product" ?> active" aria-current="page<?cs /if ?>" href="/finance/bills?month=<?cs var:Month.value ?>&amp;tab=product"><?cs var:Lang.bills.tab.product ?></a></li>
    <li><a id="tab-customer" class="tab<?cs if:Page.tab == "customer" ?> active" aria-current="page<?cs /if ?>" href="/finance/bills?month=<?cs var:Month.value ?>&amp;tab=customer"><?cs var:Lang.bills.tab.customer ?></a></li>
  </ul></nav>
  <?cs if:Page.tab == "product" ?>
  <form class="filters" method="get" action="/finance/bills" id="region-form">
    <input type="hidden" name="month" value="<?cs var:Month.value ?>"><input type="hidden" name="tab" value="product">
    <?cs call:filter_rows("region", Lang.bills.f.region, Regions, "code", "name", Lang.bills.all) ?>
    <button type="submit" id="region-go"><?cs var:Lang.bills.search ?></button>
  </form>
  <?cs if:subcount(Tree) ?><p class="hint exact-note"><?cs var:Lang.common.exact_note ?></p>
  <table id="by-product" class="tree">
    <thead><tr><th><?cs var:Lang.bills.col.product_type ?></th><th><?cs var:Lang.bills.col.mode ?></th><th><?cs var:Lang.bills.col.bill_type ?></th><th class="num"><?cs var:Lang.bills.col.settlement ?></th></tr></thead>
    <tbody><?cs each:t = Tree ?><tr class="lvl-<?cs var:t.level ?>" data-level="<?cs var:t.level ?>">
      <?cs if:t.level == 3 ?><td></td><td class="mode"><?cs var:Lang.bills.mode[t.mode] ?></td><td class="type"><?cs var:Lang.bills.bill_type[t.type] ?></td>
      <?cs else ?><td class="label" colspan="3"><?cs var:t.label ?></td><?cs /if ?>
      <td class="num amount"><?cs var:t.amount ?></td></tr><?cs /each ?></tbody>
  </table><?cs else ?><p class="hint" id="no-tree"><?cs var:Lang.bills.tree.none ?></p><?cs /if ?>
  <?cs else ?>
  <p class="notice" id="rounded-note"><?cs var:Lang.bills.customer.rounded ?></p>
  <div class="scroll"><table id="by-customer">
    <thead><tr>
      <th><?cs var:Lang.bills.col.customer ?> <?cs call:eye(Eye.name, "name") ?></th>
      <th><?cs var:Lang.bills.col.product_type ?></th><th><?cs var:Lang.bills.col.product_name ?></th>
      <th><?cs var:Lang.bills.col.mode ?></th><th><?cs var:Lang.bills.col.bill_type ?></th>
      <th class="num"><?cs var:Lang.bills.col.list ?></th><th><?cs var:Lang.bills.col.settlement_type ?></th>
      <th><?cs var:Lang.bills.col.discount ?></th><th class="num"><?cs var:Lang.bills.col.settlement ?></th>
      <th class="num"><?cs var:Lang.bills.col.coupons ?></th><th class="num"><?cs var:Lang.bills.col.excl_tax ?></th>
      <th class="num"><?cs var:Lang.bills.col.tax ?></th><th class="num"><?cs var:Lang.bills.col.due ?></th><th></th>
    </tr></thead>
    <tbody>
    <tr id="customer-total"><th colspan="5"><?cs var:Lang.bills.customer.total ?></th><td class="num list"><?cs var:CustomerTotal.list ?></td><td></td><td></td>
      <td class="num settlement"><?cs var:CustomerTotal.settlement ?></td><td class="num coupons"><?cs var:CustomerTotal.coupons ?></td>
      <td class="num excl_tax"><?cs var:CustomerTotal.excl_tax ?></td><td class="num tax"><?cs var:CustomerTotal.tax ?></td><td class="num due"><?cs var:CustomerTotal.due ?></td><td></td></tr>
    <?cs each:r = ByCustomer ?><tr data-customer="<?cs var:r.id ?>">
      <td><span class="cname"><?cs var:r.name ?></span><br><span class="hint account"><?cs var:r.account ?></span></td>
      <td><?cs var:r.product_type ?></td><td class="product"><?cs var:r.product_name ?></td>
      <td class="mode"><?cs var:Lang.bills.mode[r.mode] ?></td><td class="type"><?cs var:Lang.bills.bill_type[r.bill_type] ?></td>
      <td class="num list"><?cs var:r.list ?></td><td><?cs var:Lang.bills.settlement[r.settlement_type] ?></td><td class="discount"><?cs var:r.discount ?></td>
      <td class="num settlement"><?cs var:r.settlement ?></td><td class="num coupons"><?cs var:r.coupons ?></td>
      <td class="num excl_tax"><?cs var:r.excl_tax ?></td><td class="num tax"><?cs var:r.tax ?></td><td class="num due"><?cs var:r.due ?></td>
      <td><a class="more" href="/finance/bills/details?cycle=<?cs var:Month.value ?>&amp;cid=<?cs var:r.id ?>&amp;product=<?cs var:r.product_code ?>&amp;bill_type=<?cs var:r.bill_type ?><?cs if:Eye.name.on ?>&amp;show=name<?cs /if ?>"><?cs var:Lang.bills.customer.more ?></a></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs /if ?>
  <?cs elif:Estimate.computed_at ?>
  <p class="notice" id="estimate-note"><?cs var:Lang.bills.estimate.note ?></p>
  <table class="details" id="estimate">
    <?cs call:bill_money(Lang.bills.estimate.amount, "estimate-amount", Estimate.amount) ?>
    <?cs call:bill_money(Lang.bills.f.expenditures, "estimate-expenditures", Estimate.expenditures) ?>
    <?cs call:bill_money(Lang.bills.f.refunds, "estimate-refunds", Estimate.refunds) ?>
    <?cs call:bill_money(Lang.bills.f.adjustments, "estimate-adjustments", Estimate.adjustments) ?>
    <tr><th><?cs var:Lang.bills.estimate.computed_at ?></th><td id="estimate-at"><?cs var:Estimate.computed_at ?></td></tr>
  </table>
  <?cs elif:!Month.error ?>
  <p class="hint" id="no-bill"><?cs var:Lang.bills.monthly.none ?></p>
  <?cs /if ?>
</section>
<section id="export-bills">
  <h2><?cs var:Lang.bills.export.bills ?></h2>
  <?cs call:export_open("/finance/bills/export", "export-bills-form") ?>
    <?cs call:field("x-from", "from", Range.from, Lang.bills.export.from, "month") ?>
    <?cs call:field("x-to", "to", Range.to, Lang.bills.export.to, "month") ?>
  <?cs call:export_close("export-bills-button", Lang.bills.export.button, "") ?>
  <p class="hint"><?cs var:Lang.bills.export.note ?> <a href="/exports/" id="view-export"><?cs var:Lang.bills.export.view ?></a></p>
</section>
<?cs include:"footer.cs" ?>
