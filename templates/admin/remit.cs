<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.remit.admin.title ?></h1>
  <?cs call:form_error() ?>
  <table id="claims">
    <thead><tr><th><?cs var:Lang.remit.col.id ?></th><th><?cs var:Lang.remit.admin.partner ?></th><th><?cs var:Lang.remit.col.amount ?></th><th><?cs var:Lang.remit.col.date ?></th><th><?cs var:Lang.remit.col.sender ?></th><th><?cs var:Lang.remit.col.bills ?></th><th><?cs var:Lang.remit.col.status ?></th><th></th></tr></thead>
    <tbody><?cs each:k = Claims ?><tr data-claim="<?cs var:k.id ?>"><td><?cs var:k.id ?></td><td><?cs var:k.partner ?></td><td class="num"><?cs var:k.amount ?> <?cs var:k.currency ?><?cs if:k.currency != "USD" && k.amount_usd ?> <span class="usd">(<?cs var:k.amount_usd ?> USD @ <?cs var:k.rate ?>)</span><?cs /if ?></td><td><?cs var:k.transfer_date ?></td><td><?cs var:k.sender ?> <?cs var:k.sender_account ?></td>
      <td><?cs each:b = ClaimBills ?><?cs if:b.claim_id == k.id ?><span><?cs var:b.billing_cycle ?>: <?cs var:b.amount ?></span> <?cs /if ?><?cs /each ?></td>
      <td class="status"><?cs var:Lang.remit.status[k.status] ?><?cs if:k.review_comment ?>: <?cs var:k.review_comment ?><?cs /if ?></td>
      <td><a href="/admin/remittance-claims/<?cs var:k.id ?>/attachment"><?cs var:k.attachment_name ?></a>
      <?cs if:k.status == "PENDING_REVIEW" ?>
        <form method="post" action="/admin/remittance-claims/<?cs var:k.id ?>/approve"><?cs call:csrf() ?><label><?cs var:Lang.remit.admin.entry ?> <select name="bank_entry_id"><option value=""><?cs var:Lang.remit.admin.no_entry ?></option><?cs each:e = Waiting ?><option value="<?cs var:e.id ?>"><?cs var:e.entry_ref ?> · <?cs var:e.amount ?> <?cs var:e.currency ?> · <?cs var:e.booking_date ?></option><?cs /each ?></select></label><button type="submit" class="approve"><?cs var:Lang.remit.admin.approve ?></button></form>
        <form method="post" action="/admin/remittance-claims/<?cs var:k.id ?>/reject"><?cs call:csrf() ?><label><?cs var:Lang.remit.admin.reason ?> <input type="text" name="comment"></label><?cs if:Page.reject_id == k.id ?><?cs call:field_error(Form.comment) ?><?cs /if ?><button type="submit" class="reject"><?cs var:Lang.remit.admin.reject ?></button></form>
      <?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Claims) ?><p class="hint" id="no-claims"><?cs var:Lang.remit.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
