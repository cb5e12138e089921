<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?><?cs include:"orders/filters.cs" ?>
<section>
  <h1><?cs var:Lang.cust.ord.res.title ?></h1>
  <p class="hint"><?cs var:Lang.cust.ord.res.intro ?></p>
  <?cs call:ord_filters() ?>
  <?cs if:Page.filter_error ?><p class="error form-error" role="alert" id="filter-error"><?cs var:Lang.cust.ord.err.filters ?></p><?cs /if ?>
  <table id="order-resources">
    <thead><tr>
      <th><?cs var:Lang.cust.ord.col.order_no ?></th>
      <th><?cs var:Lang.cust.ord.col.customer ?> <?cs call:ord_eye() ?></th>
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
  <?cs if:Page.next_after ?><p><a id="next-page" href="/orders/resources?<?cs var:Page.query ?>after=<?cs var:Page.next_after ?>"><?cs var:Lang.cust.next_page ?></a></p><?cs /if ?>
  <?cs call:ord_export("/orders/resources/export") ?>
</section>
<?cs include:"footer.cs" ?>
