<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<?cs def:select_error(f) ?><?cs if:f.error ?><p class="error" id="e-<?cs name:f ?>"><?cs var:f.error ?></p><?cs /if ?><?cs /def ?>
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
      <td><?cs if:k.status == "available" ?><form method="post" action="/admin/coupons/<?cs var:k.id ?>/revoke"><?cs call:csrf() ?><button type="submit" class="revoke"><?cs var:Lang.coupons.admin.revoke ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Coupons) ?><p class="hint" id="no-coupons"><?cs var:Lang.coupons.none ?></p><?cs /if ?>

  <h2><?cs var:Lang.coupons.admin.issue ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/coupons" id="coupon-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <div class="field<?cs if:Form.partner_id.error ?> has-error<?cs /if ?>"><label for="f-partner_id"><?cs var:Lang.coupons.col.partner ?></label>
      <select id="f-partner_id" name="partner_id"><option value=""></option><?cs each:p = Partners ?><option value="<?cs var:p.id ?>"<?cs if:Form.partner_id.value == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.account_name ?>)</option><?cs /each ?></select>
      <?cs call:select_error(Form.partner_id) ?></div>
    <?cs call:input("name", Form.name, Lang.coupons.col.name, "text") ?>
    <?cs call:input("face_value", Form.face_value, Lang.coupons.col.face, "text") ?>
    <div class="field"><label for="f-kind"><?cs var:Lang.coupons.col.kind ?></label>
      <select id="f-kind" name="kind"><?cs each:o = Lang.coupons.kind ?><?cs if:name(o) != "incentive" ?><option value="<?cs name:o ?>"<?cs if:Form.kind.value == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /if ?><?cs /each ?></select>
      <?cs call:select_error(Form.kind) ?></div>
    <?cs call:input("valid_from", Form.valid_from, Lang.coupons.admin.from_day, "date") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.coupons.admin.to_day, "date") ?>
    <?cs call:input("reseller_id", Form.reseller_id, Lang.coupons.admin.reseller_id, "text") ?>
    <?cs call:input("customer_id", Form.customer_id, Lang.coupons.admin.customer_id, "text") ?>
    <div class="field<?cs if:Form.product_id.error ?> has-error<?cs /if ?>"><label for="f-product_id"><?cs var:Lang.coupons.col.product ?></label>
      <select id="f-product_id" name="product_id"><option value=""><?cs var:Lang.coupons.every_product ?></option><?cs each:p = Products ?><option value="<?cs var:p.id ?>"<?cs if:Form.product_id.value == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
      <?cs call:select_error(Form.product_id) ?></div>
    <div class="field"><label for="f-excluded_product_id"><?cs var:Lang.coupons.col.excluded ?></label>
      <select id="f-excluded_product_id" name="excluded_product_id"><option value=""><?cs var:Lang.coupons.none_excluded ?></option><?cs each:p = Products ?><option value="<?cs var:p.id ?>"<?cs if:Form.excluded_product_id.value == p.id ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-billing_mode"><?cs var:Lang.coupons.col.mode ?></label>
      <select id="f-billing_mode" name="billing_mode"><option value=""><?cs var:Lang.coupons.every_mode ?></option><?cs each:o = Lang.coupons.mode ?><option value="<?cs name:o ?>"<?cs if:Form.billing_mode.value == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
      <?cs call:select_error(Form.billing_mode) ?></div>
    <?cs call:input("region", Form.region, Lang.coupons.col.region, "text") ?>
    <div class="field"><label><input type="checkbox" name="no_promotion" value="1"<?cs if:Form.no_promotion.value ?> checked<?cs /if ?>> <?cs var:Lang.coupons.no_promotion ?></label></div>
    <?cs call:input("remarks", Form.remarks, Lang.coupons.col.remarks, "text") ?>
    <button type="submit" class="primary" id="issue-coupon"><?cs var:Lang.coupons.admin.issue ?></button>
  </form>

  <h2><?cs var:Lang.coupons.quota.title ?></h2>
  <table id="quotas">
    <thead><tr><th><?cs var:Lang.coupons.col.partner ?></th><th><?cs var:Lang.coupons.quota.total ?></th><th><?cs var:Lang.coupons.quota.available ?></th></tr></thead>
    <tbody><?cs each:q = Quotas ?><tr data-partner="<?cs var:q.partner_id ?>"><td><?cs var:q.name ?></td><td><?cs var:q.total ?></td><td class="available"><?cs var:q.available ?></td></tr><?cs /each ?></tbody>
  </table>
  <form method="post" action="/admin/coupons/quota" id="quota-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <div class="field<?cs if:Form.quota_partner_id.error ?> has-error<?cs /if ?>"><label for="f-quota_partner_id"><?cs var:Lang.coupons.col.partner ?></label>
      <select id="f-quota_partner_id" name="quota_partner_id"><option value=""></option><?cs each:p = Partners ?><option value="<?cs var:p.id ?>"<?cs if:Form.quota_partner_id.value == p.id ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.account_name ?>)</option><?cs /each ?></select>
      <?cs call:select_error(Form.quota_partner_id) ?></div>
    <?cs call:input("amount", Form.amount, Lang.coupons.quota.amount, "text") ?>
    <div class="field"><label for="f-op"><?cs var:Lang.coupons.quota.op ?></label>
      <select id="f-op" name="op"><option value="grant"><?cs var:Lang.coupons.quota.grant ?></option><option value="reclaim"<?cs if:Form.op.value == "reclaim" ?> selected<?cs /if ?>><?cs var:Lang.coupons.quota.reclaim ?></option></select></div>
    <?cs call:input("quota_remarks", Form.quota_remarks, Lang.coupons.col.remarks, "text") ?>
    <button type="submit" class="primary" id="save-quota"><?cs var:Lang.coupons.quota.save ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
