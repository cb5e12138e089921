<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.coupons.admin.title ?></h1>
  <p class="hint"><?cs var:Lang.coupons.admin.intro ?></p>
  <table id="coupons">
    <thead><tr><th><?cs var:Lang.coupons.col.name ?></th><th><?cs var:Lang.coupons.col.partner ?></th><th><?cs var:Lang.coupons.col.customer ?></th>
      <th><?cs var:Lang.coupons.col.reseller_name ?></th><th><?cs var:Lang.coupons.col.kind ?></th><th><?cs var:Lang.coupons.col.face ?></th><th><?cs var:Lang.coupons.col.balance ?></th>
      <th><?cs var:Lang.coupons.col.validity ?></th><th><?cs var:Lang.coupons.col.status ?></th><th></th></tr></thead>
    <tbody><?cs each:k = Coupons ?><tr data-id="<?cs var:k.id ?>"><td><strong><?cs var:k.name ?></strong><br><small class="code"><?cs var:k.code ?></small></td>
      <td><?cs var:k.partner ?></td><td><?cs if:k.customer ?><?cs var:k.customer ?><?cs else ?><?cs var:Lang.coupons.all_customers ?><?cs /if ?></td>
      <td class="reseller"><?cs var:k.reseller ?></td><td><?cs var:Lang.coupons.kind[k.kind] ?><?cs if:k.issuer == "partner" ?> (<?cs var:Lang.coupons.by_partner ?>)<?cs /if ?></td>
      <td><?cs var:k.face_value ?></td><td class="balance"><?cs var:k.balance ?></td><td><?cs var:k.valid_from ?> – <?cs var:k.valid_to ?></td>
      <td class="status"><?cs var:Lang.coupons.status[k.status] ?></td>
      <td><?cs if:k.status == "available" ?><form method="post" action="/admin/coupons/<?cs var:k.id ?>/revoke" data-confirm-title="<?cs var:Lang.dlg.revoke.title ?>" data-confirm="<?cs var:k.name ?> · <?cs var:k.partner ?> · <?cs var:k.balance ?>: <?cs var:Lang.dlg.revoke.text ?>" data-confirm-ok="<?cs var:Lang.coupons.admin.revoke ?>"><?cs call:csrf() ?><button type="submit" class="revoke"><?cs var:Lang.coupons.admin.revoke ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Coupons) ?><p class="hint" id="no-coupons"><?cs var:Lang.coupons.none ?></p><?cs /if ?>

  <h2><?cs var:Lang.coupons.admin.issue ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/coupons" id="coupon-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:select_rows("partner_id", Form.partner_id, Lang.coupons.col.partner, Partners, "id", "name", "account_name", Lang.common.choose) ?>
    <?cs call:input("name", Form.name, Lang.coupons.col.name, "text") ?>
    <?cs call:input("face_value", Form.face_value, Lang.coupons.col.face, "text") ?>
    <?cs call:select_except("kind", Form.kind, Lang.coupons.col.kind, Lang.coupons.kind, "", "incentive") ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.coupons.admin.from_day, "date") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.coupons.admin.to_day, "date") ?>
    <?cs call:input("reseller_id", Form.reseller_id, Lang.coupons.admin.reseller_id, "text") ?>
    <?cs call:input("customer_id", Form.customer_id, Lang.coupons.admin.customer_id, "text") ?>
    <?cs call:select_rows("product_id", Form.product_id, Lang.coupons.col.product, Products, "id", "name", "", Lang.coupons.every_product) ?>
    <?cs call:select_rows("excluded_product_id", Form.excluded_product_id, Lang.coupons.col.excluded, Products, "id", "name", "", Lang.coupons.none_excluded) ?>
    <?cs call:select("billing_mode", Form.billing_mode, Lang.coupons.col.mode, Lang.coupons.mode, Lang.coupons.every_mode) ?>
    <?cs call:input("region", Form.region, Lang.coupons.col.region, "text") ?>
    <?cs call:checkbox("no_promotion", Form.no_promotion, Lang.coupons.no_promotion, "1") ?>
    <?cs call:input("remarks", Form.remarks, Lang.coupons.col.remarks, "text") ?>
    <button type="submit" class="primary" id="issue-coupon"><?cs var:Lang.coupons.admin.issue ?></button>
  </form>

  <h2><?cs var:Lang.coupons.quota.title ?></h2>
  <table id="quotas">
    <thead><tr><th><?cs var:Lang.coupons.col.partner ?></th><th><?cs var:Lang.coupons.quota.total ?></th><th><?cs var:Lang.coupons.quota.available ?></th></tr></thead>
    <tbody><?cs each:q = Quotas ?><tr data-partner="<?cs var:q.partner_id ?>"><td><?cs var:q.name ?></td><td><?cs var:q.total ?></td><td class="available"><?cs var:q.available ?></td></tr><?cs /each ?></tbody>
  </table>
  <form method="post" action="/admin/coupons/quota" id="quota-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:select_rows("quota_partner_id", Form.quota_partner_id, Lang.coupons.col.partner, Partners, "id", "name", "account_name", Lang.common.choose) ?>
    <?cs call:input("amount", Form.amount, Lang.coupons.quota.amount, "text") ?>
    <?cs call:field_open("f-op", Form.op, Lang.coupons.quota.op) ?>
      <select id="f-op" name="op"<?cs call:invalid("op", Form.op) ?>><option value="grant"><?cs var:Lang.coupons.quota.grant ?></option><option value="reclaim"<?cs if:Form.op.value == "reclaim" ?> selected<?cs /if ?>><?cs var:Lang.coupons.quota.reclaim ?></option></select>
    <?cs call:field_close("op", Form.op) ?>
    <?cs call:input("quota_remarks", Form.quota_remarks, Lang.coupons.col.remarks, "text") ?>
    <button type="submit" class="primary" id="save-quota"><?cs var:Lang.coupons.quota.save ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
