<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.invoices.admin.title ?></h1>
  <p class="hint"><?cs var:Lang.invoices.admin.intro ?></p>
  <form method="get" action="/admin/invoices" id="invoice-filter" class="filters">
    <?cs call:select("status", Filter.status, Lang.invoices.status_label, Lang.invoices.status, Lang.invoices.all_statuses) ?>
    <button type="submit" id="filter"><?cs var:Lang.invoices.filter ?></button>
  </form>
  <?cs call:form_error() ?><?cs call:field_error(Form.reason) ?>
  <?cs if:!Filter.status.error ?>
  <div class="table-wrap">
  <table id="invoices" class="list">
    <thead><tr><th><?cs var:Lang.invoices.number ?></th><th><?cs var:Lang.invoices.partner ?></th><th><?cs var:Lang.invoices.period ?></th><th><?cs var:Lang.invoices.content ?></th><th><?cs var:Lang.invoices.amount ?></th><th><?cs var:Lang.invoices.status_label ?></th><th><?cs var:Lang.invoices.admin.reason ?></th><th></th></tr></thead>
    <tbody><?cs each:i = Invoices ?><tr data-id="<?cs var:i.id ?>" class="status-<?cs var:i.status ?>">
      <td><?cs if:i.number ?><?cs var:i.number ?><?cs else ?>—<?cs /if ?></td>
      <td><?cs var:i.partner ?></td><td><?cs var:i.period ?></td>
      <td><?cs var:Lang.invoices.kind[i.kind] ?><?cs if:i.credits ?> (<?cs var:i.credits ?>)<?cs /if ?> · <?cs var:i.tax_category ?></td>
      <td><?cs var:i.payable_text ?> <?cs var:i.currency ?></td>
      <td><?cs var:Lang.invoices.status[i.status] ?></td>
      <td class="reason"><?cs var:i.refused_reason ?><?cs var:i.void_reason ?></td>
      <td><?cs if:i.number ?><a href="/admin/invoices/<?cs var:i.id ?>/xml"><?cs var:Lang.invoices.xml ?></a><?cs /if ?>
      <?cs if:i.status == "issued" && i.kind != "credit_note" ?>
        <form method="post" action="/admin/invoices/<?cs var:i.id ?>/void" class="inline"><?cs call:csrf() ?>
          <input name="reason" aria-label="<?cs var:Lang.invoices.admin.reason ?>" required>
          <button type="submit" name="do" value="void"><?cs var:Lang.invoices.admin.void ?></button>
          <button type="submit" formaction="/admin/invoices/<?cs var:i.id ?>/credit"><?cs var:Lang.invoices.admin.credit ?></button>
        </form>
      <?cs /if ?><?cs if:i.status == "refused" && i.kind == "bill" ?>
        <form method="post" action="/admin/invoices/<?cs var:i.id ?>/retry" class="inline"><?cs call:csrf() ?>
          <button type="submit" class="retry"><?cs var:Lang.invoices.admin.retry ?></button></form>
      <?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs if:!subcount(Invoices) ?><p class="hint"><?cs var:Lang.invoices.none ?></p><?cs /if ?>
  <?cs call:list_pager() ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
