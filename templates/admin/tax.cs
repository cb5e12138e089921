<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.invoices.tax.title ?></h1>
  <p class="hint"><?cs var:Lang.invoices.tax.intro ?></p>
  <table id="tax-rates">
    <thead><tr><th><?cs var:Lang.invoices.tax.region ?></th><th><?cs var:Lang.invoices.tax.name ?></th><th><?cs var:Lang.invoices.tax.rate ?></th><th><?cs var:Lang.invoices.tax.category ?></th><th><?cs var:Lang.invoices.tax.from ?></th><th><?cs var:Lang.invoices.tax.to ?></th></tr></thead>
    <tbody><?cs each:r = Rates ?><tr data-id="<?cs var:r.id ?>"><td><?cs var:r.region ?></td><td><?cs var:r.tax_name ?></td><td><?cs var:r.rate ?>%</td><td><?cs var:r.category ?></td><td><?cs var:r.valid_from ?></td><td><?cs if:r.valid_to ?><?cs var:r.valid_to ?><?cs else ?><?cs var:Lang.invoices.tax.open ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <h2><?cs var:Lang.invoices.tax.add ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/tax" id="tax-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("region", Form.region, Lang.invoices.tax.region, "text") ?>
    <?cs call:input("tax_name", Form.tax_name, Lang.invoices.tax.name, "text") ?>
    <?cs call:input("rate", Form.rate, Lang.invoices.tax.rate_percent, "text") ?>
    <?cs call:field_open("f-category", Form.category, Lang.invoices.tax.category) ?>
      <select id="f-category" name="category"<?cs call:invalid("category", Form.category) ?>><option value=""><?cs var:Lang.invoices.tax.category_auto ?></option><?cs each:k = Lang.invoices.tax.categories ?><option value="<?cs name:k ?>"<?cs if:Form.category.value == name(k) ?> selected<?cs /if ?>><?cs name:k ?> — <?cs var:k ?></option><?cs /each ?></select>
    <?cs call:field_close("category", Form.category) ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.invoices.tax.from, "date") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.invoices.tax.to_optional, "date") ?>
    <button type="submit" class="primary" id="save-tax"><?cs var:Lang.invoices.tax.add ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
