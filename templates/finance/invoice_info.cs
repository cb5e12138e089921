<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs if:Info.exists ?><?cs var:Lang.invoices.info.manage_title ?><?cs else ?><?cs var:Lang.invoices.info.title ?><?cs /if ?></h1>
  <p class="hint"><?cs var:Lang.invoices.info.intro ?></p>
  <dl id="tax-id"><dt><?cs var:Lang.invoices.info.tax_id ?></dt><dd><?cs if:Partner.0.vat_id ?><?cs var:Partner.0.vat_id ?><?cs else ?><?cs var:Lang.invoices.info.no_tax_id ?><?cs /if ?></dd>
    <dt><?cs var:Lang.invoices.info.qualification ?></dt><dd><?cs if:Partner.0.vat_registered == "1" ?><?cs var:Lang.invoices.info.vat_register ?><?cs else ?><?cs var:Lang.invoices.info.non_vat_register ?><?cs /if ?></dd></dl>
  <p class="hint"><?cs var:Lang.invoices.info.tax_id_hint ?></p>
  <?cs if:Page.is_admin ?>
  <?cs call:form_error() ?>
  <form method="post" action="/finance/invoices/info" id="invoice-info-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("address", Form.address, Lang.invoices.info.address, "text") ?>
    <?cs call:input("email", Form.email, Lang.invoices.info.email, "email") ?>
    <button type="submit" class="primary" id="save-info"><?cs if:Info.exists ?><?cs var:Lang.invoices.info.modify ?><?cs else ?><?cs var:Lang.invoices.info.save ?><?cs /if ?></button>
  </form>
  <h2><?cs var:Lang.invoices.info.receipts ?></h2>
  <form method="post" action="/finance/invoices/notice" id="invoice-notice"><?cs call:csrf() ?>
    <p><?cs var:Lang.invoices.info.notice ?>: <strong><?cs if:Partner.0.notice == "1" ?><?cs var:Lang.invoices.info.on ?><?cs else ?><?cs var:Lang.invoices.info.off ?><?cs /if ?></strong></p>
    <?cs if:Partner.0.notice == "1" ?><button type="submit" id="notice-toggle" name="notice" value="off"><?cs var:Lang.invoices.info.turn_off ?></button><?cs else ?><button type="submit" id="notice-toggle" name="notice" value="on"><?cs var:Lang.invoices.info.turn_on ?></button><?cs /if ?>
  </form>
  <?cs else ?>
  <dl id="invoice-info"><dt><?cs var:Lang.invoices.info.address ?></dt><dd><?cs var:Info.0.address ?></dd><dt><?cs var:Lang.invoices.info.email ?></dt><dd><?cs var:Info.0.email ?></dd></dl>
  <p class="hint"><?cs var:Lang.invoices.info.admin_only ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
