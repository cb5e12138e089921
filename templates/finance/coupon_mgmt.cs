<?cs include:"header.cs" ?>
<?cs def:log_table(rows) ?><table id="records">
    <thead><tr><th><?cs var:Lang.coupons.log.op ?></th><th><?cs var:Lang.coupons.log.coupon ?></th><th><?cs var:Lang.coupons.col.customer_account ?></th><th><?cs var:Lang.coupons.log.amount ?></th><th><?cs var:Lang.coupons.log.operator ?></th><th><?cs var:Lang.coupons.log.time ?></th><th><?cs var:Lang.coupons.log.result ?></th><th><?cs var:Lang.coupons.col.remarks ?></th></tr></thead>
    <tbody><?cs each:l = rows ?><tr data-id="<?cs var:l.id ?>" data-op="<?cs var:l.op_type ?>"><td><?cs var:Lang.coupons.op[l.op_type] ?></td><td><?cs var:l.coupon ?></td><td class="customer"><?cs var:l.customer ?><?cs if:l.account ?> (<?cs var:l.account ?>)<?cs /if ?></td><td class="amount"><?cs var:l.amount ?></td><td><?cs var:l.operator ?></td><td><?cs var:l.at ?></td><td class="result"><?cs var:Lang.coupons.result[l.result] ?></td><td><?cs var:l.remarks ?></td></tr><?cs /each ?></tbody>
  </table><?cs if:!subcount(rows) ?><p class="hint" id="no-records"><?cs var:Lang.coupons.log.none ?></p><?cs /if ?><?cs /def ?>
<section>
  <h1><?cs var:Lang.coupons.mgmt.title ?></h1>
  <?cs if:Page.refused ?><p class="error form-error" role="alert" id="refused"><?cs var:Page.refused ?></p><?cs /if ?>
  <nav class="toolbar" id="mgmt-tabs">
    <a class="tab<?cs if:Page.tab == "coupons" ?> active" aria-current="page<?cs /if ?>" href="/finance/coupon-management?tab=coupons"><?cs var:Lang.coupons.mgmt.tab_coupons ?></a>
    <a class="tab<?cs if:Page.tab == "quota" ?> active" aria-current="page<?cs /if ?>" href="/finance/coupon-management?tab=quota"><?cs var:Lang.coupons.mgmt.tab_quota ?></a>
    <a class="tab<?cs if:Page.tab == "records" ?> active" aria-current="page<?cs /if ?>" href="/finance/coupon-management?tab=records"><?cs var:Lang.coupons.mgmt.tab_records ?></a>
  </nav>
  <p id="quota-summary"><?cs var:Lang.coupons.quota.total ?>: <strong id="quota-total"><?cs if:Quota.0.total ?><?cs var:Quota.0.total ?><?cs else ?>0.00<?cs /if ?></strong> USD · <?cs var:Lang.coupons.quota.available ?>: <strong id="quota-available"><?cs if:Quota.0.available ?><?cs var:Quota.0.available ?><?cs else ?>0.00<?cs /if ?></strong> USD</p>
  <?cs if:Page.tab == "coupons" ?>
  <table id="coupons">
    <thead><tr><th><?cs var:Lang.coupons.col.name_id ?></th><th><?cs var:Lang.coupons.col.customer_account ?></th><th><?cs var:Lang.coupons.col.face ?></th><th><?cs var:Lang.coupons.col.balance_usd ?></th><th><?cs var:Lang.coupons.col.validity ?></th><th><?cs var:Lang.coupons.col.status ?></th><th></th></tr></thead>
    <tbody><?cs each:k = Coupons ?><tr data-id="<?cs var:k.id ?>"><td><?cs var:k.name ?><br><small class="code"><?cs var:k.code ?></small></td><td class="customer"><?cs var:k.customer ?> (<?cs var:k.account ?>)</td>
      <td><?cs var:k.face_value ?></td><td class="balance"><?cs var:k.balance ?></td><td><?cs var:k.valid_from ?> – <?cs var:k.valid_to ?></td><td class="status"><?cs var:Lang.coupons.status[k.status] ?></td>
      <td><?cs if:Page.is_admin && k.status == "available" ?><form method="post" action="/finance/coupon-management/<?cs var:k.id ?>/reclaim" data-confirm-title="<?cs var:Lang.dlg.reclaim.title ?>" data-confirm="<?cs var:k.name ?> · <?cs var:k.customer ?> · <?cs var:k.balance ?>: <?cs var:Lang.dlg.reclaim.text ?>" data-confirm-ok="<?cs var:Lang.coupons.mgmt.reclaim ?>"><?cs call:csrf() ?><button type="submit" class="reclaim"><?cs var:Lang.coupons.mgmt.reclaim ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Coupons) ?><p class="hint" id="no-coupons"><?cs var:Lang.coupons.none ?></p><?cs /if ?>
  <?cs if:Page.is_admin ?><h2><?cs var:Lang.coupons.mgmt.issue ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/finance/coupon-management/issue" id="grant-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:select_rows("customer_id", Form.customer_id, Lang.coupons.col.customer, Customers, "id", "name", "account_name", Lang.common.choose) ?>
    <?cs call:input("name", Form.name, Lang.coupons.col.name, "text") ?>
    <?cs call:input("face_value", Form.face_value, Lang.coupons.col.face, "text") ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.coupons.admin.from_day, "date") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.coupons.admin.to_day, "date") ?>
    <?cs call:input("remarks", Form.remarks, Lang.coupons.col.remarks, "text") ?>
    <button type="submit" class="primary" id="grant-coupon"><?cs var:Lang.coupons.mgmt.issue ?></button>
  </form><?cs /if ?>
  <?cs elif:Page.tab == "quota" ?>
  <h2><?cs var:Lang.coupons.quota.history ?></h2>
  <?cs call:log_table(Logs) ?>
  <?cs else ?>
  <?cs call:log_table(Logs) ?>
  <?cs if:Page.is_admin ?><?cs call:export_form("/finance/coupon-management/export", "export", "export-records", Lang.exports.menu.all, Lang.coupons.export.note) ?><?cs /if ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
