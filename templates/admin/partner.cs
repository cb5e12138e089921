<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <p><a href="/admin/partners"><?cs var:Lang.disc.partners.title ?></a></p>
  <?cs with:p = Partner.0 ?>
  <h1><?cs var:p.name ?> <code><?cs var:p.account_name ?></code></h1>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.disc.partners.settings ?></h2>
  <form method="post" action="/admin/partners/<?cs var:p.id ?>" id="settings-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs if:Form.tax_region.value ?><?cs set:Page.tax = Form.tax_region.value ?><?cs else ?><?cs set:Page.tax = p.tax_region ?><?cs /if ?>
    <div class="field<?cs if:Form.tax_region.error ?> has-error<?cs /if ?>"><label for="f-tax_region"><?cs var:Lang.disc.tax_region ?></label>
      <select id="f-tax_region" name="tax_region"><option value=""><?cs var:Lang.disc.not_set ?></option><?cs each:t = TaxRegions ?><option value="<?cs var:t.region ?>"<?cs if:Page.tax == t.region ?> selected<?cs /if ?>><?cs var:t.region ?> · <?cs var:t.tax_name ?> <?cs var:t.rate ?> %</option><?cs /each ?></select>
      <?cs call:field_error(Form.tax_region) ?></div>
    <?cs if:Form.payment_currency.value ?><?cs set:Page.cur = Form.payment_currency.value ?><?cs else ?><?cs set:Page.cur = p.payment_currency ?><?cs /if ?>
    <div class="field<?cs if:Form.payment_currency.error ?> has-error<?cs /if ?>"><label for="f-payment_currency"><?cs var:Lang.disc.currency ?></label>
      <select id="f-payment_currency" name="payment_currency"><?cs each:cu = Currencies ?><option value="<?cs var:cu.code ?>"<?cs if:Page.cur == cu.code ?> selected<?cs /if ?>><?cs var:cu.code ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.payment_currency) ?></div>
    <div class="field"><label for="f-koogallery_program"><?cs var:Lang.disc.koo_program ?></label>
      <select id="f-koogallery_program" name="koogallery_program"><option value="0"><?cs var:Lang.admin.no ?></option><option value="1"<?cs if:p.koogallery_program == "1" ?> selected<?cs /if ?>><?cs var:Lang.admin.yes ?></option></select>
      <?cs call:field_error(Form.koogallery_program) ?></div>
    <button type="submit" class="primary" id="save-settings"><?cs var:Lang.common.save ?></button>
  </form>

  <h2><?cs var:Lang.disc.partners.discounts ?></h2>
  <p class="hint"><?cs var:Lang.disc.partners.discounts_intro ?></p>
  <table id="settlement-discounts">
    <thead><tr><th><?cs var:Lang.disc.settlement_type ?></th><th><?cs var:Lang.disc.rate ?></th><th><?cs var:Lang.disc.valid_from ?></th><th><?cs var:Lang.disc.valid_to ?></th><th></th></tr></thead>
    <tbody><?cs each:d = Discounts ?><tr data-type="<?cs var:d.settlement_type ?>" data-rate="<?cs var:d.rate ?>">
      <td><?cs var:Lang.disc.stype[d.settlement_type] ?></td><td><?cs var:d.rate ?> %</td><td><?cs var:d.from ?></td><td><?cs if:d.to ?><?cs var:d.to ?><?cs else ?><?cs var:Lang.disc.open ?><?cs /if ?></td>
      <td><?cs if:d.current == "1" ?><span class="badge"><?cs var:Lang.disc.current ?></span><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <form method="post" action="/admin/partners/<?cs var:p.id ?>/discounts" id="discount-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <div class="field<?cs if:Form.settlement_type.error ?> has-error<?cs /if ?>"><label for="f-settlement_type"><?cs var:Lang.disc.settlement_type ?></label>
      <select id="f-settlement_type" name="settlement_type"><option value="common"><?cs var:Lang.disc.stype.common ?></option><option value="promotional"<?cs if:Form.settlement_type.value == "promotional" ?> selected<?cs /if ?>><?cs var:Lang.disc.stype.promotional ?></option></select>
      <?cs call:field_error(Form.settlement_type) ?></div>
    <?cs call:input("discount", Form.discount, Lang.disc.rate_input, "text") ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.disc.valid_from_input, "text") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.disc.valid_to_input, "text") ?>
    <button type="submit" class="primary" id="add-discount"><?cs var:Lang.disc.partners.add ?></button>
  </form>
  <?cs /with ?>
</section>
<?cs include:"footer.cs" ?>
