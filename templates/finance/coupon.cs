<?cs include:"header.cs" ?>
<section>
  <p><a href="/finance/coupons"><?cs var:Lang.coupons.detail.back ?></a></p>
  <h1><?cs var:Coupon.0.name ?> <small class="code" id="coupon-code"><?cs var:Coupon.0.code ?></small></h1>
  <p class="big" id="available"><?cs var:Lang.coupons.detail.available ?>: <strong id="balance"><?cs var:Coupon.0.balance ?></strong> USD (<?cs var:Lang.coupons.col.face ?> <span id="face"><?cs var:Coupon.0.face_value ?></span> USD)</p>
  <dl class="attributes" id="attributes">
    <dt><?cs var:Lang.coupons.col.kind ?></dt><dd><?cs var:Lang.coupons.kind[Coupon.0.kind] ?></dd>
    <dt><?cs var:Lang.coupons.col.status ?></dt><dd id="status"><?cs var:Lang.coupons.status[Coupon.0.status] ?></dd>
    <dt><?cs var:Lang.coupons.col.validity ?></dt><dd><?cs var:Coupon.0.valid_from ?> – <?cs var:Coupon.0.valid_to ?></dd>
    <dt><?cs var:Lang.coupons.col.product ?></dt><dd><?cs if:Coupon.0.product ?><?cs var:Coupon.0.product ?><?cs else ?><?cs var:Lang.coupons.every_product ?><?cs /if ?><?cs if:Coupon.0.excluded ?>; <?cs var:Lang.coupons.inapplicable ?> <?cs var:Coupon.0.excluded ?><?cs /if ?></dd>
    <dt><?cs var:Lang.coupons.col.customer_account ?> <?cs call:eye(Eye, "name") ?></dt>
    <dd class="customer"><?cs if:Coupon.0.customer ?><?cs var:Coupon.0.customer ?> (<?cs var:Coupon.0.account ?>)<?cs else ?><?cs var:Lang.coupons.all_customers ?><?cs /if ?></dd>
    <?cs if:Page.show_reseller ?><dt><?cs var:Lang.coupons.col.reseller_account ?></dt>
    <dd class="reseller"><?cs if:Coupon.0.reseller ?><?cs var:Coupon.0.reseller ?> (<?cs var:Coupon.0.reseller_account ?>)<?cs else ?><?cs var:Lang.coupons.all_resellers ?><?cs /if ?></dd><?cs /if ?>
    <dt><?cs var:Lang.coupons.col.mode ?></dt><dd><?cs if:Coupon.0.billing_mode ?><?cs var:Lang.coupons.mode[Coupon.0.billing_mode] ?><?cs else ?><?cs var:Lang.coupons.every_mode ?><?cs /if ?></dd>
    <dt><?cs var:Lang.coupons.col.region ?></dt><dd><?cs if:Coupon.0.region ?><?cs var:Coupon.0.region ?><?cs else ?><?cs var:Lang.coupons.every_region ?><?cs /if ?></dd>
    <dt><?cs var:Lang.coupons.other ?></dt><dd><?cs if:Coupon.0.no_promotion ?><?cs var:Lang.coupons.no_promotion ?><?cs else ?>—<?cs /if ?></dd>
    <dt><?cs var:Lang.coupons.col.remarks ?></dt><dd><?cs var:Coupon.0.remarks ?></dd>
  </dl>
  <h2><?cs var:Lang.coupons.detail.usage ?></h2>
  <p class="hint exact-note"><?cs var:Lang.common.exact_note ?></p>
  <table id="usage">
    <thead><tr><th><?cs var:Lang.coupons.usage.period ?></th><th><?cs var:Lang.coupons.usage.service ?></th><th><?cs var:Lang.coupons.usage.product ?></th><th><?cs var:Lang.coupons.col.mode ?></th><th><?cs var:Lang.coupons.usage.amount ?></th><th><?cs var:Lang.coupons.usage.transaction ?></th></tr></thead>
    <tbody><?cs each:u = Usage ?><tr><td><?cs var:u.cycle ?></td><td><?cs var:u.service_type ?></td><td><?cs var:u.product ?></td><td><?cs var:Lang.coupons.mode[u.billing_mode] ?></td><td class="amount"><?cs var:u.amount ?></td><td><?cs var:u.transaction_no ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Usage) ?><p class="hint" id="no-usage"><?cs var:Lang.coupons.detail.no_usage ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
