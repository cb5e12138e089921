<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section id="funds">
<?cs include:"finance/funds_head.cs" ?>
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
    <?cs # the default card unless another was chosen ?><?cs if:!Form.card_id.value ?><?cs each:k = Cards ?><?cs if:k.is_default == "1" ?><?cs set:Form.card_id.value = k.id ?><?cs /if ?><?cs /each ?><?cs /if ?>
    <?cs call:field_open("f-card_id", Form.card_id, Lang.funds.pay.card) ?>
      <select id="f-card_id" name="card_id"<?cs call:invalid("card_id", Form.card_id) ?>><option value=""><?cs var:Lang.common.choose ?></option><?cs each:k = Cards ?><option value="<?cs var:k.id ?>"<?cs if:Form.card_id.value == k.id ?> selected<?cs /if ?>>**** <?cs var:k.last4 ?></option><?cs /each ?></select>
    <?cs call:field_close("card_id", Form.card_id) ?>
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
    <?cs if:!Form.prepay_card.value ?><?cs each:k = Cards ?><?cs if:k.is_default == "1" ?><?cs set:Form.prepay_card.value = k.id ?><?cs /if ?><?cs /each ?><?cs /if ?>
    <?cs call:field_open("f-prepay_card", Form.prepay_card, Lang.funds.pay.card) ?>
      <select id="f-prepay_card" name="prepay_card"<?cs call:invalid("prepay_card", Form.prepay_card) ?>><?cs each:k = Cards ?><option value="<?cs var:k.id ?>"<?cs if:Form.prepay_card.value == k.id ?> selected<?cs /if ?>>**** <?cs var:k.last4 ?></option><?cs /each ?></select>
    <?cs call:field_close("prepay_card", Form.prepay_card) ?>
    <button type="submit" id="prepay-submit"><?cs var:Lang.funds.prepay.submit ?></button>
  </form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
