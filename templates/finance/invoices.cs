<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.invoices.title ?></h1>
  <?cs if:Page.wht ?><p><a class="button" id="wht-link" href="/finance/wht"><?cs var:Lang.invoices.wht.title ?></a></p><?cs /if ?>
  <form method="get" action="/finance/invoices" id="invoice-filter" class="filters">
    <?cs call:input("period", Filter.period, Lang.invoices.period, "month") ?>
    <?cs call:select_except("status", Filter.status, Lang.invoices.status_label, Lang.invoices.status, Lang.invoices.all_statuses, "refused") ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <button type="submit" id="filter" class="primary"><?cs var:Lang.invoices.filter ?></button>
  </form>
  <?cs if:!Page.bad_filters ?>
  <div class="table-wrap">
  <table id="invoices" class="list">
    <thead><tr><th><?cs var:Lang.invoices.period ?></th><th><?cs var:Lang.invoices.number ?></th><th><?cs var:Lang.invoices.content ?></th><th><?cs var:Lang.invoices.amount ?></th><th><?cs var:Lang.invoices.status_label ?></th><th><?cs var:Lang.invoices.download ?></th></tr></thead>
    <tbody><?cs each:i = Invoices ?><tr data-id="<?cs var:i.id ?>">
      <td><?cs var:i.period ?></td><td><?cs var:i.number ?></td>
      <td><?cs var:Lang.invoices.kind[i.kind] ?><?cs if:i.credits ?> (<?cs var:i.credits ?>)<?cs /if ?></td>
      <td class="amount"><?cs var:i.payable_text ?> <?cs var:i.currency ?></td>
      <td><?cs var:Lang.invoices.status[i.status] ?></td>
      <td><a href="/finance/invoices/<?cs var:i.id ?>/pdf"><?cs var:Lang.invoices.pdf ?></a> · <a href="/finance/invoices/<?cs var:i.id ?>/xml"><?cs var:Lang.invoices.xml ?></a></td>
    </tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs if:!subcount(Invoices) ?><p class="hint"><?cs var:Lang.invoices.none ?></p><?cs else ?>
  <?cs call:export_form("/finance/invoices/export", "export", "export-invoices", Lang.exports.menu.all, "") ?><?cs /if ?>
  <?cs call:list_pager() ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
