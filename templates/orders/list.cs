<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.ord.title ?></h1>
  <?cs if:Page.tab == "resellers" ?><p class="hint" id="resellers-note"><?cs var:Lang.cust.ord.resellers_note ?></p><?cs /if ?>
  <?cs include:"orders/filters.cs" ?>
  <?cs if:Page.filter_error ?><p class="error form-error" role="alert" id="filter-error"><?cs var:Lang.cust.ord.err.filters ?></p><?cs /if ?>
  <div class="table-wrap">
  <table id="orders" class="list">
    <thead><tr>
      <th><?cs var:Lang.cust.ord.col.order_no ?></th>
      <th><?cs var:Lang.cust.ord.col.customer ?> <?cs call:eye(Eye.name, "name") ?></th>
      <?cs if:Page.tab == "resellers" ?><th><?cs var:Lang.cust.ord.col.reseller ?></th><?cs /if ?>
      <th><?cs var:Lang.cust.ord.col.product ?></th>
      <th><?cs var:Lang.cust.ord.col.type ?></th>
      <th><?cs var:Lang.cust.ord.col.status ?></th>
      <th><?cs var:Lang.cust.ord.col.ordered ?></th>
      <th><?cs var:Lang.cust.ord.col.amount_paid ?></th>
      <th><?cs var:Lang.cust.ord.col.operation ?></th>
    </tr></thead>
    <tbody>
    <?cs each:o = Orders ?><tr data-id="<?cs var:o.id ?>">
      <td class="order-no"><?cs var:o.order_no ?></td>
      <td><span class="cname"><?cs var:o.name ?></span><br><span class="hint account"><?cs var:o.account_name ?></span></td>
      <?cs if:Page.tab == "resellers" ?><td class="reseller"><?cs var:o.reseller ?></td><?cs /if ?>
      <td class="product"><?cs var:o.product ?></td>
      <td class="type"><?cs var:Lang.cust.ord.type[o.type] ?></td>
      <td class="status"><?cs var:Lang.cust.ord.status[o.status] ?></td>
      <td class="date"><?cs var:o.ordered ?></td>
      <td class="paid money"><?cs var:o.amount_paid ?><?cs if:o.pay_details ?> <span class="pay-info" tabindex="0" title="<?cs var:Lang.cust.ord.pay.cash ?>: <?cs var:o.cash_paid ?> USD · <?cs var:Lang.cust.ord.pay.coupons ?>: <?cs var:o.coupons_paid ?> USD">&#9432;<span class="sr"><?cs var:Lang.cust.ord.pay.cash ?>: <?cs var:o.cash_paid ?> USD · <?cs var:Lang.cust.ord.pay.coupons ?>: <?cs var:o.coupons_paid ?> USD</span></span><?cs /if ?></td>
      <td><a href="/orders/<?cs var:o.id ?>" class="view-order"><?cs var:Lang.cust.ord.view ?></a></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:!subcount(Orders) && !Page.filter_error ?><p class="hint" id="no-orders"><?cs var:Lang.cust.ord.none ?></p><?cs /if ?>
  <?cs if:!Page.filter_error ?><?cs call:list_pager() ?><?cs /if ?>
  <?cs if:Page.can_export && !Page.filter_error ?><?cs call:export_open("/orders/export", "export") ?><?cs call:export_filters() ?><?cs call:export_format() ?>
    <button type="submit" name="scope" value="selected" id="export-selected"><?cs var:Lang.cust.ord.export.selected ?></button>
    <button type="submit" name="scope" value="all" id="export-all" class="primary"><?cs var:Lang.cust.ord.export.all ?></button>
<?cs call:export_end(Lang.cust.ord.export.note) ?><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
