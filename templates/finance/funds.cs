<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section id="funds">
  <h1><?cs var:Lang.funds.title ?></h1>
  <p id="balances"><?cs var:Lang.funds.top_up_balance ?>: <strong id="top-up-balance"><?cs var:Funds.top_up ?></strong> USD ·
    <?cs var:Lang.funds.credit_quota ?>: <strong id="credit-quota"><?cs var:Funds.quota ?></strong> USD ·
    <?cs var:Lang.funds.credit_used ?>: <strong id="credit-used"><?cs var:Funds.used ?></strong> USD ·
    <?cs var:Lang.funds.credit_available ?>: <strong id="credit-available"><?cs var:Funds.available ?></strong> USD</p>
  <?cs if:Page.tab == "pay" ?>
  <p id="pay-header"><?cs var:Lang.funds.pay.total_due ?>: <strong id="amount-due"><?cs var:Funds.amount_due ?></strong> USD ·
    <?cs var:Lang.funds.pay.estimate ?>: <strong id="estimate"><?cs if:Funds.estimate ?><?cs var:Funds.estimate ?> USD<?cs else ?><?cs var:Lang.funds.pay.no_estimate ?><?cs /if ?></strong></p>
  <h2><?cs var:Lang.funds.pay.title ?></h2>
  <?cs call:form_error() ?>
  <?cs if:subcount(Bills) ?>
  <form method="post" action="/finance/funds/pay" id="pay-form" novalidate><?cs call:csrf() ?>
    <input type="hidden" name="key" value="<?cs var:Form.key.value ?>">
    <table id="bills">
      <thead><tr><th></th><th><?cs var:Lang.funds.pay.cycle ?></th><th><?cs var:Lang.funds.pay.deadline ?></th><th><?cs var:Lang.funds.pay.status ?></th><th><?cs var:Lang.funds.pay.amount_due ?></th><th><?cs var:Lang.funds.pay.outstanding ?></th><th><?cs var:Lang.funds.pay.rate ?></th><th><?cs var:Lang.funds.pay.payable ?></th><th><?cs var:Lang.funds.pay.reference ?></th></tr></thead>
      <tbody><?cs each:b = Bills ?><tr data-bill="<?cs var:b.id ?>">
        <td><input type="radio" name="bill_id" value="<?cs var:b.id ?>" id="bill-<?cs var:b.id ?>"<?cs if:Form.bill_id.value == b.id || Page.bill == b.id ?> checked<?cs /if ?>></td>
        <td><label for="bill-<?cs var:b.id ?>"><?cs var:b.cycle ?></label></td><td><?cs var:b.due_at ?></td><td class="status"><?cs var:Lang.funds.status[b.status] ?></td>
        <td class="num"><?cs var:b.amount_due ?></td><td class="num outstanding"><?cs var:b.outstanding ?></td>
        <td class="rate">1 USD = <?cs var:b.rate ?> <?cs var:b.currency ?></td>
        <td class="num payable"><?cs var:b.payable ?> <?cs var:b.currency ?></td>
        <td class="rf"><code><?cs var:b.rf ?></code></td></tr><?cs /each ?></tbody>
    </table>
    <?cs call:field_error(Form.bill_id) ?>
    <?cs if:Page.is_admin ?><p class="hint"><?cs var:Lang.funds.pay.oldest_note ?></p>
    <?cs call:input("amount", Form.amount, Lang.funds.pay.amount, "text") ?>
    <fieldset class="field<?cs if:Form.method.error ?> has-error<?cs /if ?>" id="pay-method"><legend><?cs var:Lang.funds.pay.method ?></legend>
      <label><input type="radio" name="method" value="balance"<?cs if:Form.method.value == "balance" || !Form.method.value ?> checked<?cs /if ?>> <?cs var:Lang.funds.pay.from_balance ?></label>
      <label><input type="radio" name="method" value="credit"<?cs if:Form.method.value == "credit" ?> checked<?cs /if ?>> <?cs var:Lang.funds.pay.from_credit ?></label>
      <label><input type="radio" name="method" value="card"<?cs if:Form.method.value == "card" ?> checked<?cs /if ?>> <?cs var:Lang.funds.pay.by_card ?></label>
      <?cs call:field_error(Form.method) ?></fieldset>
    <div class="field<?cs if:Form.card_id.error ?> has-error<?cs /if ?>"><label for="f-card_id"><?cs var:Lang.funds.pay.card ?></label>
      <select id="f-card_id" name="card_id"><option value=""></option><?cs each:k = Cards ?><option value="<?cs var:k.id ?>"<?cs if:Form.card_id.value == k.id || (!Form.card_id.value && k.is_default == "1") ?> selected<?cs /if ?>>**** <?cs var:k.last4 ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.card_id) ?></div>
    <p class="hint"><?cs var:Lang.funds.pay.limit_note ?></p>
    <button type="submit" class="primary" id="pay-submit"><?cs var:Lang.funds.pay.submit ?></button>
    <?cs /if ?>
  </form>
  <h2><?cs var:Lang.funds.bank.title ?></h2>
  <p id="bank-instructions"><?cs var:Lang.funds.bank.text ?></p>
  <?cs else ?><p class="hint" id="no-bills"><?cs var:Lang.funds.pay.none ?></p><?cs /if ?>
  <?cs if:Page.is_admin && subcount(Cards) ?><h2><?cs var:Lang.funds.prepay.title ?></h2>
  <p class="hint" id="prepay-note"><?cs var:Lang.funds.prepay.text ?> <strong id="unbilled"><?cs var:Funds.unbilled ?> USD</strong></p>
  <form method="post" action="/finance/funds/prepay" id="prepay-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <input type="hidden" name="key" value="<?cs var:Form.key.value ?>">
    <?cs call:input("prepay_amount", Form.prepay_amount, Lang.funds.prepay.amount, "text") ?>
    <div class="field<?cs if:Form.prepay_card.error ?> has-error<?cs /if ?>"><label for="f-prepay_card"><?cs var:Lang.funds.pay.card ?></label>
      <select id="f-prepay_card" name="prepay_card"><?cs each:k = Cards ?><option value="<?cs var:k.id ?>"<?cs if:Form.prepay_card.value == k.id || (!Form.prepay_card.value && k.is_default == "1") ?> selected<?cs /if ?>>**** <?cs var:k.last4 ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.prepay_card) ?></div>
    <button type="submit" id="prepay-submit"><?cs var:Lang.funds.prepay.submit ?></button>
  </form><?cs /if ?>
  <?cs elif:Page.tab == "methods" ?>
  <h2><?cs var:Lang.funds.cards.title ?></h2>
  <table id="cards">
    <thead><tr><th><?cs var:Lang.funds.cards.number ?></th><th><?cs var:Lang.funds.cards.holder ?></th><th><?cs var:Lang.funds.cards.expiry ?></th><th></th><th></th><?cs if:Page.is_admin ?><th><?cs var:Lang.funds.cards.edit ?></th><?cs /if ?></tr></thead>
    <tbody><?cs each:k = Cards ?><tr data-card="<?cs var:k.id ?>"><td class="number">**** <?cs var:k.last4 ?></td><td><?cs var:k.holder ?></td><td><?cs var:k.expiry ?></td>
      <td><?cs if:k.is_default == "1" ?><span class="default"><?cs var:Lang.funds.cards.default ?></span><?cs elif:Page.is_admin ?><form method="post" action="/finance/funds/cards/<?cs var:k.id ?>/default"><?cs call:csrf() ?><button type="submit" class="make-default"><?cs var:Lang.funds.cards.make_default ?></button></form><?cs /if ?></td>
      <td><?cs if:Page.is_admin ?><form method="post" action="/finance/funds/cards/<?cs var:k.id ?>/delete"><?cs call:csrf() ?><button type="submit" class="delete"<?cs if:k.is_default == "1" ?> disabled<?cs /if ?>><?cs var:Lang.funds.cards.delete ?></button></form><?cs /if ?></td>
      <?cs if:Page.is_admin ?><td><form method="post" action="/finance/funds/cards/<?cs var:k.id ?>/edit" class="edit-card" autocomplete="off" novalidate><?cs call:csrf() ?>
        <label><?cs var:Lang.funds.cards.expiry ?> <input type="month" name="new_expiry" value="<?cs if:Page.edit_card == k.id ?><?cs var:Form.new_expiry.value ?><?cs else ?><?cs var:k.expiry ?><?cs /if ?>"></label>
        <label><?cs var:Lang.funds.cards.security_code ?> <input type="password" name="edit_code" maxlength="4"></label>
        <?cs if:Page.edit_card == k.id ?><?cs call:field_error(Form.new_expiry) ?><?cs call:field_error(Form.edit_code) ?><?cs /if ?>
        <button type="submit"><?cs var:Lang.funds.cards.save ?></button></form></td><?cs /if ?></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Cards) ?><p class="hint" id="no-cards"><?cs var:Lang.funds.cards.none ?></p><?cs /if ?>
  <h2 id="card-history"><?cs var:Lang.funds.cards.history ?></h2>
  <table id="card-attempts">
    <thead><tr><th><?cs var:Lang.funds.cards.number ?></th><th><?cs var:Lang.funds.cards.expiry ?></th><th><?cs var:Lang.funds.cards.added ?></th><th><?cs var:Lang.funds.cards.result ?></th></tr></thead>
    <tbody><?cs each:k = CardHistory ?><tr data-attempt="<?cs var:k.id ?>"><td>**** <?cs var:k.last4 ?></td><td><?cs var:k.expiry ?></td><td><?cs var:k.created_at ?></td><td class="result"><?cs var:Lang.funds.cards.status[k.status] ?><?cs if:k.reason ?>: <?cs var:k.reason ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:Page.is_admin ?><h2><?cs var:Lang.funds.cards.add ?></h2>
  <?cs if:Partner.0.payment_currency_set != "1" ?><p class="hint" id="currency-needed"><?cs var:Lang.funds.err.currency ?></p><?cs /if ?>
  <?cs call:form_error() ?>
  <form method="post" action="/finance/funds/cards" id="card-form" class="narrow-form" autocomplete="off" novalidate><?cs call:csrf() ?>
    <?cs call:input("card_no", Form.card_no, Lang.funds.cards.number, "text") ?>
    <?cs call:input("holder", Form.holder, Lang.funds.cards.holder, "text") ?>
    <?cs call:input("expiry", Form.expiry, Lang.funds.cards.expiry, "month") ?>
    <?cs call:input("security_code", Form.security_code, Lang.funds.cards.security_code, "password") ?>
    <?cs if:Partner.0.country == "CL" ?><div class="field<?cs if:Form.id_type.error ?> has-error<?cs /if ?>"><label for="f-id-type"><?cs var:Lang.funds.cards.id_type ?></label><select id="f-id-type" name="id_type"><option value=""></option><option value="RUT"<?cs if:Form.id_type.value == "RUT" ?> selected<?cs /if ?>>RUT</option><option value="OTRO"<?cs if:Form.id_type.value == "OTRO" ?> selected<?cs /if ?>>OTRO</option></select><?cs call:field_error(Form.id_type) ?></div>
    <?cs call:input("id_number", Form.id_number, Lang.funds.cards.id_number, "text") ?><?cs /if ?>
    <div class="field<?cs if:Form.agree.error ?> has-error<?cs /if ?>"><label><input type="checkbox" name="agree" value="yes"> <?cs var:Lang.funds.cards.agree ?></label><?cs call:field_error(Form.agree) ?></div>
    <p class="hint"><?cs var:Lang.funds.cards.quota_note ?></p>
    <button type="submit" class="primary" id="add-card"<?cs if:Partner.0.payment_currency_set != "1" ?> disabled<?cs /if ?>><?cs var:Lang.funds.cards.add ?></button>
  </form><?cs /if ?>
  <?cs elif:Page.tab == "statements" ?>
  <nav class="toolbar" id="account-tabs">
    <a class="button<?cs if:Filter.account == "top_up" ?> primary<?cs /if ?>" id="tab-top-up" href="/finance/funds/statements?account=top_up"><?cs var:Lang.funds.st.top_up ?></a>
    <a class="button<?cs if:Filter.account == "credit" ?> primary<?cs /if ?>" id="tab-credit" href="/finance/funds/statements?account=credit"><?cs var:Lang.funds.st.credit ?></a>
  </nav>
  <form method="get" action="/finance/funds/statements" id="statement-filters" class="filters">
    <input type="hidden" name="account" value="<?cs var:Filter.account ?>">
    <label for="f-from"><?cs var:Lang.funds.st.from ?></label> <input type="date" id="f-from" name="from" value="<?cs var:Filter.from ?>">
    <label for="f-to"><?cs var:Lang.funds.st.to ?></label> <input type="date" id="f-to" name="to" value="<?cs var:Filter.to ?>">
    <label for="f-type"><?cs var:Lang.funds.st.type ?></label> <select id="f-type" name="type"><option value=""><?cs var:Lang.funds.st.all_types ?></option><?cs each:t = Lang.funds.st.type ?><option value="<?cs name:t ?>"<?cs if:Filter.type == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select>
    <button type="submit" id="statement-search"><?cs var:Lang.funds.st.search ?></button>
  </form>
  <p class="hint"><?cs var:Lang.funds.st.oldest_note ?></p>
  <?cs call:form_error() ?><?cs call:field_error(Form.from) ?><?cs call:field_error(Form.to) ?><?cs call:field_error(Form.type) ?><?cs call:field_error(Form.account) ?><?cs call:field_error(Form.after) ?>
  <table id="statement">
    <thead><tr><th><?cs var:Lang.funds.st.col.txn_no ?></th><th><?cs var:Lang.funds.st.col.time ?></th><th><?cs var:Lang.funds.st.col.type ?></th><th><?cs var:Lang.funds.st.col.order_id ?></th><th><?cs var:Lang.funds.st.col.remarks ?></th><th><?cs var:Lang.funds.st.col.dir ?></th><th><?cs var:Lang.funds.st.col.amount ?></th><th><?cs var:Lang.funds.st.col.balance ?></th><th><?cs var:Lang.funds.st.col.entry_key ?></th></tr></thead>
    <tbody><?cs each:l = Lines ?><tr data-entry="<?cs var:l.entry_id ?>"><td class="txn-no"><?cs var:l.txn_no ?></td><td><?cs var:l.at ?></td><td class="type"><?cs var:Lang.funds.st.type[l.kind] ?></td><td class="order-id"><?cs var:l.order_id ?></td><td><?cs var:l.memo ?></td><td class="dir"><?cs var:Lang.funds.st.dir[l.dir] ?></td><td class="num amount"><?cs var:l.amount ?></td><td class="num balance"><?cs var:l.balance ?></td><td class="entry-key"><code><?cs var:l.entry_key ?></code></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Lines) ?><p class="hint" id="no-lines"><?cs var:Lang.funds.st.none ?></p><?cs /if ?>
  <?cs if:Page.next_after ?><a id="next-page" href="/finance/funds/statements?<?cs var:Filter.query ?>&amp;after=<?cs var:Page.next_after ?>"><?cs var:Lang.funds.st.next_page ?></a><?cs /if ?>
  <form method="post" action="/finance/funds/statements/export" id="statement-export"><?cs call:csrf() ?>
    <input type="hidden" name="account" value="<?cs var:Filter.account ?>"><input type="hidden" name="from" value="<?cs var:Filter.from ?>"><input type="hidden" name="to" value="<?cs var:Filter.to ?>"><input type="hidden" name="type" value="<?cs var:Filter.type ?>">
    <label for="export-format"><?cs var:Lang.exports.format ?></label> <select id="export-format" name="format"><option value="csv"><?cs var:Lang.exports.formats.csv ?></option><option value="xlsx"><?cs var:Lang.exports.formats.xlsx ?></option></select>
    <button type="submit" id="export-statement"><?cs var:Lang.funds.st.export ?></button> <span class="hint"><?cs var:Lang.funds.st.export_note ?></span></form>
  <?cs elif:Page.tab == "remittance" ?>
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
    <div class="field"><label for="f-currency"><?cs var:Lang.remit.f.currency ?></label><select id="f-currency" name="currency"><?cs each:k = Currencies ?><option value="<?cs var:k.code ?>"<?cs if:Form.currency.value == k.code ?> selected<?cs /if ?>><?cs var:k.code ?></option><?cs /each ?></select><?cs call:field_error(Form.currency) ?></div>
    <?cs call:input("transfer_date", Form.transfer_date, Lang.remit.f.date, "date") ?>
    <?cs call:input("sender", Form.sender, Lang.remit.f.sender, "text") ?>
    <?cs call:input("sender_account", Form.sender_account, Lang.remit.f.account, "text") ?>
    <fieldset class="field<?cs if:Form.bill_id.error ?> has-error<?cs /if ?>" id="claim-bills"><legend><?cs var:Lang.remit.f.bills ?></legend>
      <table><thead><tr><th></th><th><?cs var:Lang.remit.col.bill ?></th><th><?cs var:Lang.remit.col.outstanding ?></th><th><?cs var:Lang.remit.f.apply ?></th></tr></thead>
      <tbody><?cs each:b = OpenBills ?><tr><td><input type="checkbox" name="bill_id" value="<?cs var:b.id ?>" id="claim-bill-<?cs var:b.id ?>"></td><td><label for="claim-bill-<?cs var:b.id ?>"><?cs var:b.billing_cycle ?></label></td><td class="num"><?cs var:b.outstanding ?></td><td><input type="text" name="apply_<?cs var:b.id ?>" aria-label="<?cs var:Lang.remit.f.apply ?>"></td></tr><?cs /each ?></tbody></table>
      <?cs call:field_error(Form.bill_id) ?></fieldset>
    <div class="field<?cs if:Form.attachment.error ?> has-error<?cs /if ?>"><label for="f-attachment"><?cs var:Lang.remit.f.attachment ?></label><input type="file" id="f-attachment" name="attachment" accept=".jpg,.jpeg,.png,.zip,.docx,.msg,.xlsx,.pdf"><?cs call:field_error(Form.attachment) ?></div>
    <p class="hint"><?cs var:Lang.remit.f.attachment_note ?></p>
    <button type="submit" class="primary" id="submit-claim"><?cs var:Lang.remit.submit ?></button>
  </form><?cs /if ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
