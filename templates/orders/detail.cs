<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1 id="order-title"><?cs var:Lang.cust.ord.detail.title ?> <span id="order-no"><?cs var:Order.order_no ?></span></h1>
  <p class="toolbar"><a href="/orders/" id="back"><?cs var:Lang.cust.ord.detail.back ?></a><?cs if:Page.can_adjust ?> <a class="button" href="/orders/<?cs var:Order.id ?>/price" id="adjust-price"><?cs var:Lang.cust.ord.price.title ?></a><?cs /if ?></p>
  <table class="details" id="order-fields">
    <tr><th><?cs var:Lang.cust.ord.col.order_no ?></th><td><?cs var:Order.order_no ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.col.customer ?></th><td id="order-customer"><?cs if:Page.customer_link ?><a href="/customers/<?cs var:Order.customer_id ?>"><?cs var:Order.name ?></a><?cs else ?><?cs var:Order.name ?><?cs /if ?> <span class="hint"><?cs var:Order.account_name ?></span></td></tr>
    <?cs if:Order.reseller ?><tr><th><?cs var:Lang.cust.ord.col.reseller ?></th><td><?cs var:Order.reseller ?></td></tr><?cs /if ?>
    <tr><th><?cs var:Lang.cust.ord.col.product ?></th><td><?cs var:Order.product ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.col.type ?></th><td id="order-type"><?cs var:Lang.cust.ord.type[Order.type] ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.col.status ?></th><td id="order-status"><?cs var:Lang.cust.ord.status[Order.status] ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.detail.billing_mode ?></th><td><?cs var:Lang.cust.mode[Order.billing_mode] ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.res.region ?></th><td><?cs var:Order.region ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.col.ordered ?></th><td><?cs var:Order.ordered ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.detail.paid_at ?></th><td><?cs var:Order.paid ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.detail.list_amount ?></th><td><?cs var:Order.list_amount ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.col.amount_paid ?></th><td id="order-paid"><?cs var:Order.amount_paid ?></td></tr>
    <?cs if:Order.pay_details ?><tr><th><?cs var:Lang.cust.ord.pay.cash ?></th><td id="order-cash"><?cs var:Order.cash_paid ?> USD</td></tr>
    <tr><th><?cs var:Lang.cust.ord.pay.coupons ?></th><td id="order-coupons"><?cs var:Order.coupons_paid ?> USD</td></tr><?cs /if ?>
    <?cs if:Order.on_behalf ?><tr><th><?cs var:Lang.cust.ord.detail.on_behalf ?></th><td><?cs var:Order.on_behalf ?></td></tr><?cs /if ?>
  </table>
  <h2><?cs var:Lang.cust.ord.detail.resources ?></h2>
  <table id="order-resources">
    <thead><tr><th><?cs var:Lang.cust.ord.res.resource ?></th><th><?cs var:Lang.cust.ord.col.product ?></th><th><?cs var:Lang.cust.ord.res.spec ?></th><th><?cs var:Lang.cust.ord.res.region ?></th><th><?cs var:Lang.cust.ord.res.status ?></th><th><?cs var:Lang.cust.ord.res.effective ?></th><th><?cs var:Lang.cust.ord.res.expires ?></th></tr></thead>
    <tbody><?cs each:r = Resources ?><tr data-id="<?cs var:r.id ?>"><td><?cs var:r.name ?><br><span class="hint"><?cs var:r.resource_key ?></span></td><td><?cs var:r.product ?></td><td><?cs var:r.spec ?></td><td><?cs var:r.region ?></td><td><?cs var:Lang.cust.ord.rstatus[r.status] ?></td><td><?cs var:r.effective ?></td><td><?cs var:r.expires ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Resources) ?><p class="hint" id="no-order-resources"><?cs var:Lang.cust.ord.detail.no_resources ?></p><?cs /if ?>
  <h2><?cs var:Lang.cust.ord.detail.records ?></h2>
  <table id="records">
    <thead><tr><th><?cs var:Lang.cust.ord.detail.relation ?></th><th><?cs var:Lang.cust.ord.col.order_no ?></th><th><?cs var:Lang.cust.ord.col.type ?></th><th><?cs var:Lang.cust.ord.col.status ?></th><th><?cs var:Lang.cust.ord.col.ordered ?></th><th><?cs var:Lang.cust.ord.col.amount_paid ?></th></tr></thead>
    <tbody><?cs each:t = Records ?><tr data-id="<?cs var:t.id ?>"><td class="relation"><?cs var:Lang.cust.ord.relation[t.relation] ?></td><td><a href="/orders/<?cs var:t.id ?>"><?cs var:t.order_no ?></a></td><td><?cs var:Lang.cust.ord.type[t.type] ?></td><td><?cs var:Lang.cust.ord.status[t.status] ?></td><td><?cs var:t.ordered ?></td><td><?cs var:t.amount_paid ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Records) ?><p class="hint" id="no-records"><?cs var:Lang.cust.ord.detail.no_records ?></p><?cs /if ?>
  <?cs if:Page.more_records ?><p><a id="all-records" href="/orders/<?cs var:Order.id ?>?records=all#records"><?cs var:Lang.cust.ord.detail.all_records ?></a></p><?cs /if ?>
  <?cs include:"orders/price_history.cs" ?>
</section>
<?cs include:"footer.cs" ?>
