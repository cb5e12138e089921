<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <p><a href="/admin/partners"><?cs var:Lang.disc.partners.title ?></a></p>
  <?cs with:p = Partner.0 ?>
  <h1><?cs var:p.name ?> <code><?cs var:p.account_name ?></code></h1>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.disc.partners.settings ?></h2>
  <form method="post" action="/admin/partners/<?cs var:p.id ?>" id="settings-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs # the partner's settings unless the form came back with others ?>
    <?cs if:!Form.tax_region.value ?><?cs set:Form.tax_region.value = p.tax_region ?><?cs /if ?>
    <?cs if:!Form.payment_currency.value ?><?cs set:Form.payment_currency.value = p.payment_currency ?><?cs /if ?>
    <?cs if:!Form.koogallery_program.value ?><?cs set:Form.koogallery_program.value = p.koogallery_program ?><?cs /if ?>
    <?cs call:field_open("f-tax_region", Form.tax_region, Lang.disc.tax_region) ?>
      <select id="f-tax_region" name="tax_region"<?cs call:invalid("tax_region", Form.tax_region) ?>><option value=""><?cs var:Lang.disc.not_set ?></option><?cs each:t = TaxRegions ?><option value="<?cs var:t.region ?>"<?cs if:Form.tax_region.value == t.region ?> selected<?cs /if ?>><?cs var:t.region ?> · <?cs var:t.tax_name ?> <?cs var:t.rate ?> %</option><?cs /each ?></select>
    <?cs call:field_close("tax_region", Form.tax_region) ?>
    <?cs call:select_rows("payment_currency", Form.payment_currency, Lang.disc.currency, Currencies, "code", "code", "", "") ?>
    <?cs call:select("koogallery_program", Form.koogallery_program, Lang.disc.koo_program, Lang.common.bool, "") ?>
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
    <?cs call:select_except("settlement_type", Form.settlement_type, Lang.disc.settlement_type, Lang.disc.stype, "", "no_discount") ?>
    <?cs call:input("discount", Form.discount, Lang.disc.rate_input, "text") ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.disc.valid_from_input, "text") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.disc.valid_to_input, "text") ?>
    <button type="submit" class="primary" id="add-discount"><?cs var:Lang.disc.partners.add ?></button>
  </form>
  <?cs /with ?>
</section>
<?cs include:"footer.cs" ?>
