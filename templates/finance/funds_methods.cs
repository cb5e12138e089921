<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section id="funds">
<?cs include:"finance/funds_head.cs" ?>
  <h2><?cs var:Lang.funds.cards.title ?></h2>
  <table id="cards">
    <thead><tr><th><?cs var:Lang.funds.cards.number ?></th><th><?cs var:Lang.funds.cards.holder ?></th><th><?cs var:Lang.funds.cards.expiry ?></th><th></th><th></th><?cs if:Page.is_admin ?><th><?cs var:Lang.funds.cards.edit ?></th><?cs /if ?></tr></thead>
    <tbody><?cs each:k = Cards ?><tr data-card="<?cs var:k.id ?>"><td class="number">**** <?cs var:k.last4 ?></td><td><?cs var:k.holder ?></td><td><?cs var:k.expiry ?></td>
      <td><?cs if:k.is_default == "1" ?><span class="default"><?cs var:Lang.funds.cards.default ?></span><?cs elif:Page.is_admin ?><form method="post" action="/finance/funds/cards/<?cs var:k.id ?>/default"><?cs call:csrf() ?><button type="submit" class="make-default"><?cs var:Lang.funds.cards.make_default ?></button></form><?cs /if ?></td>
      <td><?cs if:Page.is_admin ?><form method="post" action="/finance/funds/cards/<?cs var:k.id ?>/delete" data-confirm-title="<?cs var:Lang.dlg.card.title ?>" data-confirm="**** <?cs var:k.last4 ?> (<?cs var:k.holder ?>): <?cs var:Lang.dlg.card.text ?>" data-confirm-ok="<?cs var:Lang.funds.cards.delete ?>"><?cs call:csrf() ?><button type="submit" class="delete"<?cs if:k.is_default == "1" ?> disabled<?cs /if ?>><?cs var:Lang.funds.cards.delete ?></button></form><?cs /if ?></td>
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
    <?cs if:Partner.0.country == "CL" ?><?cs call:select("id_type", Form.id_type, Lang.funds.cards.id_type, Lang.funds.cards.id_types, Lang.common.choose) ?>
    <?cs call:input("id_number", Form.id_number, Lang.funds.cards.id_number, "text") ?><?cs /if ?>
    <?cs call:checkbox("agree", Form.agree, Lang.funds.cards.agree, "yes") ?>
    <p class="hint"><?cs var:Lang.funds.cards.quota_note ?></p>
    <button type="submit" class="primary" id="add-card"<?cs if:Partner.0.payment_currency_set != "1" ?> disabled<?cs /if ?>><?cs var:Lang.funds.cards.add ?></button>
  </form><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
