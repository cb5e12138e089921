<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.spend.details.title ?></h1>
  <form class="filters" method="get" action="/spend/details" id="filters">
    <?cs if:Filter.customer.value ?><input type="hidden" name="customer" value="<?cs var:Filter.customer.value ?>"><?cs /if ?>
    <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <div class="filter-main">
    <?cs call:filter_month("cycle", Lang.spend.f.cycle, Page.earliest, Page.latest) ?>
    <?cs call:filter_input("name", Lang.spend.f.name, "text") ?>
    <?cs call:filter_input("account", Lang.spend.f.account, "text") ?>
    <?cs call:filter_rows("product", Lang.spend.f.product, Products, "code", "name", Lang.spend.all) ?>
    <?cs call:filter_buttons("/spend/details") ?>
    </div>
    <?cs call:more_filters_open() ?>
    <?cs call:filter_select("amount", Lang.spend.f.amount, Lang.spend.amount, "") ?>
    <?cs call:filter_rows("am", Lang.spend.f.am, Managers, "id", "name", Lang.spend.all) ?>
    <?cs if:!Page.reseller ?><?cs call:filter_select("assoc", Lang.spend.f.assoc, Lang.spend.assoc, Lang.spend.all) ?><?cs /if ?>
    <?cs call:filter_select("mode", Lang.spend.f.mode, Lang.spend.mode, Lang.spend.all) ?>
    <?cs call:filter_select("bill_type", Lang.spend.f.bill_type, Lang.spend.bill_type, Lang.spend.all) ?>
    <?cs call:filter_rows("region", Lang.spend.f.region, Regions, "code", "name", Lang.spend.all) ?>
    <?cs call:filter_input("txn", Lang.spend.f.txn, "text") ?>
    <?cs call:filter_input("res_name", Lang.spend.f.res_name, "text") ?>
    <?cs call:filter_input("res_id", Lang.spend.f.res_id, "text") ?>
    <?cs call:more_filters_close() ?>
  </form>
  <?cs if:Page.bad_filters ?><p class="error form-error" role="alert" id="filter-error"><?cs each:f = Filter ?><?cs if:f.error ?><?cs var:f.error ?> <?cs /if ?><?cs /each ?></p>
  <?cs else ?>
  <p class="summary" id="total"><?cs var:Lang.spend.total.amount_due ?>: <strong id="total-due"><?cs var:Total.amount_due ?></strong> · <?cs var:Lang.spend.total.lines ?>: <span id="total-lines"><?cs var:Total.lines ?></span></p>
  <p class="hint exact-note"><?cs var:Lang.common.exact_note ?></p>
  <div class="scroll table-wrap"><table id="lines" class="list">
    <thead><tr>
      <th><?cs var:Lang.spend.col.cycle ?></th>
      <th><?cs var:Lang.spend.col.name ?> <?cs call:eye(Eye.name, "name") ?></th>
      <th><?cs var:Lang.spend.col.assoc ?></th>
      <th><?cs var:Lang.spend.col.am ?></th>
      <th><?cs var:Lang.spend.col.product_type ?></th>
      <th><?cs var:Lang.spend.col.product_name ?></th>
      <th><?cs var:Lang.spend.col.mode ?></th>
      <th><?cs var:Lang.spend.col.spent_on ?></th>
      <th><?cs var:Lang.spend.col.txn ?></th>
      <th><?cs var:Lang.spend.col.region ?></th>
      <th><?cs var:Lang.spend.col.resource ?></th>
      <th><?cs var:Lang.spend.col.bill_type ?></th>
      <th><?cs var:Lang.spend.col.list ?></th>
      <th><?cs var:Lang.spend.col.discount ?></th>
      <th><?cs var:Lang.spend.col.due ?></th>
      <th><?cs var:Lang.spend.col.cash ?></th>
      <th><?cs var:Lang.spend.col.coupons ?></th>
      <th><?cs var:Lang.spend.col.settlement ?></th>
      <th><?cs var:Lang.spend.col.payment ?></th>
    </tr></thead>
    <tbody>
    <?cs each:l = Lines ?><tr data-id="<?cs var:l.id ?>">
      <td><?cs var:l.cycle ?></td>
      <td><span class="cname"><?cs var:l.name ?></span><br><span class="hint account"><?cs var:l.account ?></span><?cs if:l.reseller ?><br><span class="hint reseller"><?cs var:Lang.spend.col.reseller ?>: <?cs var:l.reseller ?></span><?cs /if ?></td>
      <td><?cs if:l.assoc ?><?cs var:Lang.spend.assoc[l.assoc] ?><?cs /if ?></td>
      <td><?cs var:l.am_name ?></td>
      <td class="product"><?cs var:l.product_name ?></td>
      <td><?cs var:l.product_name ?><?cs if:l.billing_item ?> (<?cs if:Lang.catalog.item[l.billing_item] ?><?cs var:Lang.catalog.item[l.billing_item] ?><?cs else ?><?cs var:l.billing_item ?><?cs /if ?>)<?cs /if ?></td>
      <td><?cs var:Lang.spend.mode[l.mode] ?></td>
      <td><?cs var:l.from ?> – <?cs var:l.to ?></td>
      <td class="txn"><?cs var:l.txn ?></td>
      <td><?cs var:l.region ?></td>
      <td><?cs var:l.res_name ?><br><span class="hint"><?cs var:l.res_id ?></span></td>
      <td><?cs var:Lang.spend.bill_type[l.bill_type] ?></td>
      <td class="num"><?cs var:l.list ?></td>
      <td class="num"><?cs var:l.discount ?></td>
      <td class="num due"><?cs var:l.due ?></td>
      <td class="num"><?cs var:l.cash ?></td>
      <td class="num"><?cs var:l.coupons ?></td>
      <td class="num"><?cs var:l.settlement ?></td>
      <td><?cs var:Lang.spend.payment[l.payment] ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <?cs if:!subcount(Lines) ?><p class="hint" id="no-lines"><?cs var:Lang.spend.details.none ?></p><?cs /if ?>
  <?cs call:list_pager() ?>
  <?cs /if ?>
  <?cs if:Page.can_export && !Page.bad_filters ?><?cs call:export_form("/spend/details/export", "export", "export-button", Lang.exports.menu.all, Lang.spend.export.note) ?><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
