<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.invoices.wht.title ?></h1>
  <p class="hint"><?cs var:Lang.invoices.wht.intro ?></p>
  <?cs if:Page.wht_post ?><p class="hint" id="wht-post"><?cs var:Lang.invoices.wht.post ?> <?cs var:Page.wht_post ?></p><?cs /if ?>
  <table id="certificates">
    <thead><tr><th><?cs var:Lang.invoices.wht.code ?></th><th><?cs var:Lang.invoices.wht.date ?></th><th><?cs var:Lang.invoices.wht.amount ?></th><th><?cs var:Lang.invoices.wht.covered ?></th><th><?cs var:Lang.invoices.wht.uploaded_at ?></th><th><?cs var:Lang.invoices.wht.reviewed_at ?></th><th><?cs var:Lang.invoices.wht.status_label ?></th><th></th></tr></thead>
    <tbody><?cs each:w = Certificates ?><tr data-id="<?cs var:w.id ?>">
      <td><?cs var:w.code ?></td><td><?cs var:w.certificate_date ?></td><td><?cs var:w.amount_text ?> <?cs var:w.currency ?></td>
      <td><?cs each:k = Covered ?><?cs if:k.certificate_id == w.id ?><span class="covered"><?cs var:k.number ?>: <?cs var:k.amount_text ?> <?cs var:w.currency ?> / <?cs var:k.invoice_amount_text ?> <?cs var:k.currency ?></span><br><?cs /if ?><?cs /each ?></td>
      <td><?cs var:w.uploaded_at ?></td><td><?cs var:w.reviewed_at ?></td>
      <td class="status"><?cs var:Lang.invoices.wht.status[w.status] ?><?cs if:w.reason ?>: <?cs var:w.reason ?><?cs /if ?></td>
      <td><a href="/finance/wht/<?cs var:w.id ?>/attachment"><?cs var:Lang.invoices.download ?></a></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Certificates) ?><p class="hint"><?cs var:Lang.invoices.wht.none ?></p><?cs /if ?>
  <?cs if:Page.is_admin ?>
  <h2><?cs var:Lang.invoices.wht.upload ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/finance/wht" id="wht-form" class="narrow-form" enctype="multipart/form-data" novalidate><?cs call:csrf() ?>
    <?cs call:input("code", Form.code, Lang.invoices.wht.code_optional, "text") ?>
    <?cs call:input("certificate_date", Form.certificate_date, Lang.invoices.wht.date, "date") ?>
    <?cs call:input("amount", Form.amount, Lang.invoices.wht.amount, "text") ?>
    <?cs call:input("currency", Form.currency, Lang.invoices.wht.currency, "text") ?>
    <fieldset id="wht-invoices"><legend><?cs var:Lang.invoices.wht.select ?></legend>
      <?cs call:field_error(Form.invoices) ?>
      <?cs loop:r = 1, 5, 1 ?><div class="wht-row">
        <select name="invoice_id" aria-label="<?cs var:Lang.invoices.number ?>"><option value=""></option>
          <?cs each:o = Open ?><option value="<?cs var:o.id ?>"><?cs var:o.number ?> (<?cs var:o.period ?>, <?cs var:o.payable_text ?> <?cs var:o.currency ?>)</option><?cs /each ?></select>
        <input name="inv_amount" aria-label="<?cs var:Lang.invoices.wht.row_amount ?>" placeholder="<?cs var:Lang.invoices.wht.row_amount ?>">
        <input name="inv_amount_invoice" aria-label="<?cs var:Lang.invoices.wht.row_amount_invoice ?>" placeholder="<?cs var:Lang.invoices.wht.row_amount_invoice ?>">
      </div><?cs /loop ?>
    </fieldset>
    <?cs call:file("attachment", Form.attachment, Lang.invoices.wht.attachment, ".jpg,.jpeg,.png,.gif,.pdf,.zip") ?>
    <?cs call:input("remarks", Form.remarks, Lang.invoices.wht.remarks, "text") ?>
    <button type="submit" class="primary" id="upload-wht"><?cs var:Lang.invoices.wht.upload ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
