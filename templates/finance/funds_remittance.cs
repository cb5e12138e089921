<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section id="funds">
<?cs include:"finance/funds_head.cs" ?>
  <h2><?cs var:Lang.remit.claims ?></h2>
  <table id="claims">
    <thead><tr><th><?cs var:Lang.remit.col.id ?></th><th><?cs var:Lang.remit.col.amount ?></th><th><?cs var:Lang.remit.col.date ?></th><th><?cs var:Lang.remit.col.sender ?></th><th><?cs var:Lang.remit.col.bills ?></th><th><?cs var:Lang.remit.col.status ?></th><th><?cs var:Lang.remit.col.comment ?></th><th></th></tr></thead>
    <tbody><?cs each:k = Claims ?><tr data-claim="<?cs var:k.id ?>"><td><?cs var:k.id ?></td><td class="num"><?cs var:k.amount ?> <?cs var:k.currency ?><?cs if:k.currency != "USD" && k.amount_usd ?> <span class="usd">(<?cs var:k.amount_usd ?> USD)</span><?cs /if ?></td><td><?cs var:k.transfer_date ?></td><td><?cs var:k.sender ?></td>
      <td class="bills"><?cs each:b = ClaimBills ?><?cs if:b.claim_id == k.id ?><span><?cs var:b.billing_cycle ?>: <?cs var:b.amount ?></span> <?cs /if ?><?cs /each ?></td>
      <td class="status"><?cs var:Lang.remit.status[k.status] ?></td><td class="comment"><?cs var:k.review_comment ?></td><td><a href="/finance/funds/claims/<?cs var:k.id ?>/attachment"><?cs var:Lang.remit.download ?></a></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Claims) ?><p class="hint" id="no-claims"><?cs var:Lang.remit.none ?></p><?cs /if ?>
  <h2><?cs var:Lang.remit.matched ?></h2>
  <table id="matched">
    <thead><tr><th><?cs var:Lang.remit.col.reference ?></th><th><?cs var:Lang.remit.col.amount ?></th><th><?cs var:Lang.remit.col.date ?></th><th><?cs var:Lang.remit.col.bill ?></th></tr></thead>
    <tbody><?cs each:m = Matched ?><tr><td><?cs var:m.entry_ref ?></td><td class="num"><?cs var:m.amount ?> USD</td><td><?cs var:m.booking_date ?></td><td class="bill"><?cs var:m.billing_cycle ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Matched) ?><p class="hint" id="no-matched"><?cs var:Lang.remit.none_matched ?></p><?cs /if ?>
  <?cs if:Page.is_admin ?><h2><?cs var:Lang.remit.submit ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/finance/funds/claims" id="claim-form" class="narrow-form" enctype="multipart/form-data" novalidate><?cs call:csrf() ?>
    <?cs call:input("amount", Form.amount, Lang.remit.f.amount, "text") ?>
    <?cs call:select_rows("currency", Form.currency, Lang.remit.f.currency, Currencies, "code", "code", "", "") ?>
    <?cs call:input("transfer_date", Form.transfer_date, Lang.remit.f.date, "date") ?>
    <?cs call:input("sender", Form.sender, Lang.remit.f.sender, "text") ?>
    <?cs call:input("sender_account", Form.sender_account, Lang.remit.f.account, "text") ?>
    <fieldset class="field<?cs if:Form.bill_id.error ?> has-error<?cs /if ?>" id="claim-bills"><legend><?cs var:Lang.remit.f.bills ?></legend>
      <table><thead><tr><th></th><th><?cs var:Lang.remit.col.bill ?></th><th><?cs var:Lang.remit.col.outstanding ?></th><th><?cs var:Lang.remit.f.apply ?></th></tr></thead>
      <tbody><?cs each:b = OpenBills ?><tr><td><input type="checkbox" name="bill_id" value="<?cs var:b.id ?>" id="claim-bill-<?cs var:b.id ?>"></td><td><label for="claim-bill-<?cs var:b.id ?>"><?cs var:b.billing_cycle ?></label></td><td class="num"><?cs var:b.outstanding ?></td><td><input type="text" name="apply_<?cs var:b.id ?>" aria-label="<?cs var:Lang.remit.f.apply ?>"></td></tr><?cs /each ?></tbody></table>
      <?cs call:field_error(Form.bill_id) ?></fieldset>
    <?cs call:file("attachment", Form.attachment, Lang.remit.f.attachment, ".jpg,.jpeg,.png,.zip,.docx,.msg,.xlsx,.pdf") ?>
    <p class="hint"><?cs var:Lang.remit.f.attachment_note ?></p>
    <button type="submit" class="primary" id="submit-claim"><?cs var:Lang.remit.submit ?></button>
  </form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
