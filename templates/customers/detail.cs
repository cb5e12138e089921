<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1 id="customer-name"><?cs var:Customer.0.name ?> <span class="hint"><?cs var:Customer.0.account_name ?></span></h1>
  <p class="toolbar" id="customer-actions">
    <span id="customer-am"><?cs var:Lang.cust.col.am ?>: <?cs if:Customer.0.am_name ?><?cs var:Customer.0.am_name ?><?cs else ?>—<?cs /if ?></span>
    <?cs if:Page.can_assign ?><a class="button" href="/customers/<?cs var:Customer.0.id ?>/assign" id="assign-am" data-dialog><?cs var:Lang.cust.assign.title ?></a><?cs /if ?>
    <span class="badge" id="freeze-state"><?cs var:Lang.cust.freeze[Customer.0.freeze_state] ?></span>
    <?cs each:a = Actions ?><a class="button" href="<?cs var:a.href ?>"<?cs if:a.dialog ?> data-dialog<?cs /if ?>><?cs var:a.label ?></a><?cs /each ?>
  </p>
  <nav class="toolbar">
    <a class="tab<?cs if:Page.tab == "overview" ?> active" aria-current="page<?cs /if ?>" href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.cust.detail.overview ?></a>
    <a class="tab<?cs if:Page.tab == "resources" ?> active" aria-current="page<?cs /if ?>" href="/customers/<?cs var:Customer.0.id ?>?tab=resources"><?cs var:Lang.cust.detail.resources ?></a>
    <?cs if:!Customer.0.resellers ?><a class="tab<?cs if:Page.tab == "basic" ?> active" aria-current="page<?cs /if ?>" href="/customers/<?cs var:Customer.0.id ?>?tab=basic"><?cs var:Lang.cust.detail.basic ?></a><?cs /if ?>
  </nav>
  <?cs if:Page.tab == "overview" ?>
  <div class="cards">
    <div class="card" id="card-budget"><h2><?cs var:Lang.cust.detail.budget ?></h2>
      <?cs if:Budget.type ?><p><?cs var:Lang.cust.budget_type[Budget.type] ?>: <?cs var:Budget.amount ?> USD</p><p><?cs var:Lang.cust.col.usage ?>: <span id="budget-usage"><?cs var:Budget.usage ?></span>%</p><p><?cs var:Lang.cust.detail.policy ?>: <?cs var:Lang.cust.policy[Budget.policy] ?></p>
      <?cs else ?><p class="hint"><?cs var:Lang.cust.detail.no_budget ?></p><?cs /if ?></div>
    <div class="card" id="card-orders"><h2><?cs var:Lang.cust.detail.orders ?></h2>
      <p><?cs if:Page.orders_href ?><a id="orders-unpaid-link" href="<?cs var:Page.orders_href ?>&amp;status=pending_payment"><?cs /if ?><?cs var:Lang.cust.detail.unpaid ?>: <strong id="orders-unpaid"><?cs var:Orders.unpaid ?></strong><?cs if:Page.orders_href ?></a><?cs /if ?> · <?cs if:Page.orders_href ?><a id="orders-all-link" href="<?cs var:Page.orders_href ?>"><?cs /if ?><?cs var:Lang.cust.detail.all_orders ?>: <strong id="orders-all"><?cs var:Orders.all ?></strong><?cs if:Page.orders_href ?></a><?cs /if ?></p>
      <p class="hint"><?cs var:Lang.cust.ord.detail.last_year ?></p></div>
    <div class="card" id="card-renewals"><h2><?cs var:Lang.cust.detail.renewals ?></h2>
      <table><thead><tr><th></th><th><?cs var:Lang.cust.detail.d7 ?></th><th><?cs var:Lang.cust.detail.d15 ?></th><th><?cs var:Lang.cust.detail.d30 ?></th></tr></thead>
      <tbody><?cs each:m = Renewals ?><tr data-mode="<?cs name:m ?>"><th><?cs var:Lang.cust.mode[name(m)] ?></th><td class="d7"><?cs var:m.d7 ?></td><td class="d15"><?cs var:m.d15 ?></td><td class="d30"><?cs var:m.d30 ?></td></tr><?cs /each ?></tbody></table></div>
    <div class="card" id="card-spend"><h2><?cs var:Lang.cust.detail.spend ?></h2>
      <p><?cs var:Lang.cust.detail.mtd ?>: <span id="spend-month"><?cs var:Spend.month ?></span> USD</p>
      <p class="hint" id="spend-month-note"><?cs var:Lang.cust.detail.mtd_note ?></p>
      <p><?cs var:Lang.cust.detail.last_month ?>: <span id="spend-last"><?cs var:Spend.last_month ?></span> USD</p></div>
  </div>
  <?cs elif:Page.tab == "resources" ?>
  <nav class="toolbar">
    <?cs each:m = Lang.cust.mode ?><a class="tab<?cs if:Filter.mode == name(m) ?> active" aria-current="page<?cs /if ?>" href="/customers/<?cs var:Customer.0.id ?>?tab=resources&amp;mode=<?cs name:m ?>"><?cs var:m ?></a><?cs /each ?>
  </nav>
  <table id="resources">
    <thead><tr><th><?cs var:Lang.cust.res.name ?></th><th><?cs var:Lang.cust.res.product ?></th><th><?cs var:Lang.cust.res.spec ?></th><th><?cs var:Lang.cust.res.region ?></th><th><?cs var:Lang.cust.res.status ?></th><th><?cs var:Lang.cust.res.effective ?></th><th><?cs var:Lang.cust.res.expires ?></th><th><?cs var:Lang.cust.res.order ?></th></tr></thead>
    <tbody><?cs each:r = Resources ?><tr><td><?cs var:r.name ?></td><td><?cs var:r.product_type ?></td><td><?cs var:r.spec ?></td><td><?cs var:r.region ?></td><td><?cs var:r.status ?></td><td><?cs var:r.effective_at ?></td><td><?cs var:r.expires_at ?></td><td><?cs if:Page.order_resources_href && r.order_id != "0" ?><a class="order-link" href="/orders/<?cs var:r.order_id ?>"><?cs var:r.order_no ?></a><?cs else ?><?cs var:r.order_no ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Resources) ?><p class="hint"><?cs var:Lang.cust.res.none ?></p><?cs /if ?>
  <?cs if:Page.order_resources_href ?><p><a id="order-resources-link" href="<?cs var:Page.order_resources_href ?>"><?cs var:Lang.cust.ord.res.of_customer ?></a></p><?cs /if ?>
  <?cs else ?>
  <table class="details" id="basic-info">
    <tr><th><?cs var:Lang.cust.basic.id ?></th><td><?cs var:Customer.0.id ?></td></tr>
    <tr><th><?cs var:Lang.cust.basic.company ?></th><td><?cs var:Customer.0.company ?></td></tr>
    <tr><th><?cs var:Lang.cust.basic.type ?></th><td><?cs var:Lang.cust.assoc_type[Customer.0.association_type] ?></td></tr>
    <tr><th><?cs var:Lang.cust.basic.associated ?></th><td><?cs var:Customer.0.associated ?></td></tr>
    <tr><th><?cs var:Lang.cust.basic.industry ?></th><td><?cs var:Customer.0.industry ?></td></tr>
    <tr><th><?cs var:Lang.cust.basic.tags ?></th><td><?cs each:t = Tags ?><span class="badge"><?cs var:t.tag ?></span> <?cs /each ?></td></tr>
  </table>
  <h2><?cs var:Lang.cust.basic.history ?></h2>
  <table id="am-history"><thead><tr><th><?cs var:Lang.cust.col.am ?></th><th><?cs var:Lang.cust.basic.from ?></th><th><?cs var:Lang.cust.basic.to ?></th><th><?cs var:Lang.cust.basic.status ?></th></tr></thead>
    <tbody><?cs each:h = History ?><tr><td><?cs var:h.name ?> (<?cs var:h.username ?>)</td><td><?cs var:h.effective_from ?></td><td><?cs var:h.effective_to ?></td><td><?cs var:Lang.cust.assign_status[h.status] ?></td></tr><?cs /each ?></tbody></table>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
