<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.ord.res.title ?></h1>
  <p class="hint"><?cs var:Lang.cust.ord.res.intro ?></p>
  <?cs include:"orders/filters.cs" ?>
  <?cs if:Page.filter_error ?><p class="error form-error" role="alert" id="filter-error"><?cs var:Lang.cust.ord.err.filters ?></p><?cs /if ?>
  <table id="order-resources">
    <thead><tr>
      <th><?cs var:Lang.cust.ord.col.order_no ?></th>
      <th><?cs var:Lang.cust.ord.col.customer ?> <?cs call:eye(Eye.name, "name") ?></th>
      <?cs if:Page.distributor ?><th><?cs var:Lang.cust.ord.col.reseller ?></th><?cs /if ?>
      <th><?cs var:Lang.cust.ord.res.resource ?></th>
      <th><?cs var:Lang.cust.ord.col.product ?></th>
      <th><?cs var:Lang.cust.ord.res.spec ?></th>
      <th><?cs var:Lang.cust.ord.res.region ?></th>
      <th><?cs var:Lang.cust.ord.res.status ?></th>
      <th><?cs var:Lang.cust.ord.res.effective ?></th>
      <th><?cs var:Lang.cust.ord.res.expires ?></th>
    </tr></thead>
    <tbody>
    <?cs each:r = Resources ?><tr data-id="<?cs var:r.id ?>">
      <td class="order-no"><a href="/orders/<?cs var:r.order_id ?>"><?cs var:r.order_no ?></a></td>
      <td><span class="cname"><?cs var:r.name ?></span><br><span class="hint account"><?cs var:r.account_name ?></span></td>
      <?cs if:Page.distributor ?><td class="reseller"><?cs var:r.reseller ?></td><?cs /if ?>
      <td class="resource"><?cs var:r.resource_name ?><br><span class="hint"><?cs var:r.resource_key ?></span></td>
      <td class="product"><?cs var:r.product ?></td>
      <td><?cs var:r.spec ?></td>
      <td><?cs var:r.region ?></td>
      <td class="status"><?cs var:Lang.cust.ord.rstatus[r.status] ?></td>
      <td><?cs var:r.effective ?></td>
      <td><?cs var:r.expires ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs if:!subcount(Resources) && !Page.filter_error ?><p class="hint" id="no-resources"><?cs var:Lang.cust.ord.res.none ?></p><?cs /if ?>
  <?cs call:next_page("/orders/resources", Page.query) ?>
  <?cs if:Page.can_export && !Page.filter_error ?><?cs call:export_open("/orders/resources/export", "export") ?><?cs call:export_filters() ?><?cs call:export_format() ?>
    <button type="submit" name="scope" value="selected" id="export-selected"><?cs var:Lang.cust.ord.export.selected ?></button>
    <button type="submit" name="scope" value="all" id="export-all" class="primary"><?cs var:Lang.cust.ord.export.all ?></button>
<?cs call:export_end(Lang.cust.ord.export.note) ?><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
