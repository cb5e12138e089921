<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.spend.summary.title ?></h1>
  <p class="notice" id="pre-tax"><?cs var:Lang.spend.summary.banner ?></p>
  <form class="filters" method="get" action="/spend/summary" id="filters">
    <input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>">
    <?cs call:filter_month("cycle", Lang.spend.f.cycle, Page.earliest, Page.latest) ?>
    <?cs call:filter_input("name", Lang.spend.f.name, "text") ?>
    <?cs call:filter_rows("am", Lang.spend.f.am, Managers, "id", "name", Lang.spend.all) ?>
    <?cs call:filter_select("assoc", Lang.spend.f.assoc, Lang.spend.assoc, Lang.spend.all) ?>
    <?cs call:filter_input("from", Lang.spend.f.from, "date") ?>
    <?cs call:filter_input("to", Lang.spend.f.to, "date") ?>
    <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <button type="submit" id="search" class="primary"><?cs var:Lang.spend.search ?></button>
  </form>
  <?cs if:Page.bad_filters ?><p class="error form-error" role="alert" id="filter-error"><?cs each:f = Filter ?><?cs if:f.error ?><?cs var:f.error ?> <?cs /if ?><?cs /each ?></p>
  <?cs else ?>
  <p class="hint" id="lag"><?cs var:Page.lag ?></p>
  <p class="notice" id="data-upto"><?cs var:Page.data_upto ?></p>
  <p class="summary" id="totals"><?cs var:Lang.spend.total.amount ?>: <strong id="total-amount"><?cs var:Total.amount ?></strong> · <?cs var:Lang.spend.total.refunds ?>: <strong id="total-refunds"><?cs var:Total.refunds ?></strong></p>
  <nav class="toolbar" id="summary-tabs">
    <a class="tab<?cs if:!Page.refunds ?> active" aria-current="page<?cs /if ?>" id="tab-expenditures" href="/spend/summary?<?cs var:Page.query_notab ?>"><?cs var:Lang.spend.summary.tab_expenditures ?></a>
    <a class="tab<?cs if:Page.refunds ?> active" aria-current="page<?cs /if ?>" id="tab-refunds" href="/spend/summary?<?cs var:Page.query_notab ?>&tab=refunds"><?cs var:Lang.spend.summary.tab_refunds ?></a>
  </nav>
  <p class="hint exact-note"><?cs var:Lang.common.exact_note ?></p>
  <div class="scroll table-wrap"><table id="summary" class="list">
    <thead><tr>
      <th><?cs var:Lang.spend.col.customer ?> <?cs call:eye(Eye.name, "name") ?></th>
      <th><?cs var:Lang.spend.col.account ?></th>
      <th><?cs var:Lang.spend.col.service_type ?></th>
      <th><?cs var:Lang.spend.col.mode ?></th>
      <th><?cs var:Lang.spend.col.assoc ?></th>
      <th><?cs var:Lang.spend.col.amount ?></th>
      <th><?cs var:Lang.spend.col.cash ?></th>
      <th><?cs var:Lang.spend.col.coupons ?></th>
      <th><?cs var:Lang.spend.col.settlement ?></th>
      <th><?cs var:Lang.spend.col.discount ?></th>
      <th><?cs var:Lang.spend.col.operation ?></th>
    </tr></thead>
    <tbody>
    <?cs each:r = Rows ?><tr data-customer="<?cs var:r.customer_id ?>">
      <td><span class="cname"><?cs var:r.name ?></span><?cs if:r.reseller ?><br><span class="hint reseller"><?cs var:Lang.spend.col.reseller ?>: <?cs var:r.reseller ?></span><?cs /if ?></td>
      <td class="account"><?cs var:r.account ?></td>
      <td class="product"><?cs var:r.product_name ?></td>
      <td><?cs var:Lang.spend.mode[r.mode] ?></td>
      <td><?cs var:Lang.spend.assoc[r.assoc] ?></td>
      <td class="num amount"><?cs var:r.amount ?></td>
      <td class="num"><?cs var:r.cash ?></td>
      <td class="num"><?cs var:r.coupons ?></td>
      <td class="num"><?cs var:r.settlement ?></td>
      <td class="num"><?cs var:r.discount ?></td>
      <td><a class="details" href="<?cs var:r.details ?>"><?cs var:Lang.spend.summary.details ?></a></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs if:!subcount(Rows) ?><p class="hint" id="no-rows"><?cs var:Lang.spend.summary.none ?></p><?cs /if ?>
  <?cs call:list_pager() ?>
  <?cs /if ?>
  <?cs if:Page.can_export && !Page.bad_filters ?><?cs call:export_form("/spend/summary/export", "export", "export-button", Lang.exports.menu.all, Lang.spend.export.note) ?><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
