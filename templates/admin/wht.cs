<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.invoices.wht.admin_title ?></h1>
  <?cs call:form_error() ?><?cs call:field_error(Form.reason) ?>
  <table id="certificates">
    <thead><tr><th><?cs var:Lang.invoices.wht.partner ?></th><th><?cs var:Lang.invoices.wht.code ?></th><th><?cs var:Lang.invoices.wht.date ?></th><th><?cs var:Lang.invoices.wht.amount ?></th><th><?cs var:Lang.invoices.wht.covered ?></th><th><?cs var:Lang.invoices.wht.uploaded_at ?></th><th><?cs var:Lang.invoices.wht.status_label ?></th><th></th></tr></thead>
    <tbody><?cs each:w = Certificates ?><tr data-id="<?cs var:w.id ?>">
      <td><?cs var:w.partner ?></td><td><?cs var:w.code ?><?cs if:w.remarks ?><br><small><?cs var:w.remarks ?></small><?cs /if ?></td><td><?cs var:w.certificate_date ?></td>
      <td><?cs var:w.amount_text ?> <?cs var:w.currency ?></td>
      <td><?cs each:k = Covered ?><?cs if:k.certificate_id == w.id ?><span class="covered"><?cs var:k.number ?>: <?cs var:k.amount_text ?> <?cs var:w.currency ?> / <?cs var:k.invoice_amount_text ?> <?cs var:k.currency ?></span><br><?cs /if ?><?cs /each ?></td>
      <td><?cs var:w.uploaded_at ?></td>
      <td class="status"><?cs var:Lang.invoices.wht.status[w.status] ?><?cs if:w.reason ?>: <?cs var:w.reason ?><?cs /if ?></td>
      <td><a href="/admin/wht/<?cs var:w.id ?>/attachment"><?cs var:Lang.invoices.download ?></a>
      <?cs if:w.status == "to_be_reviewed" ?>
        <form method="post" action="/admin/wht/<?cs var:w.id ?>/approve" class="inline"><?cs call:csrf() ?><button type="submit"><?cs var:Lang.invoices.wht.approve ?></button></form>
        <form method="post" action="/admin/wht/<?cs var:w.id ?>/reject" class="inline"><?cs call:csrf() ?>
          <input name="reason" aria-label="<?cs var:Lang.invoices.wht.reason ?>" required>
          <button type="submit"><?cs var:Lang.invoices.wht.reject ?></button></form>
      <?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Certificates) ?><p class="hint"><?cs var:Lang.invoices.wht.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
