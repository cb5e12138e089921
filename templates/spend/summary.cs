<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?><?cs include:"spend/filters.cs" ?>
<section>
  <h1><?cs var:Lang.spend.summary.title ?></h1>
  <p class="notice" id="pre-tax"><?cs var:Lang.spend.summary.banner ?></p>
  <form class="filters" method="get" action="/spend/summary" id="filters">
    <input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>">
    <div class="field<?cs if:Filter.cycle.error ?> has-error<?cs /if ?>"><label for="q-cycle"><?cs var:Lang.spend.f.cycle ?></label>
      <input id="q-cycle" name="cycle" type="month" min="<?cs var:Page.earliest ?>" max="<?cs var:Page.latest ?>" value="<?cs var:Filter.cycle.value ?>"<?cs if:Filter.cycle.error ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:Filter.cycle.error ?><p class="error" id="e-cycle"><?cs var:Filter.cycle.error ?></p><?cs /if ?></div>
    <?cs call:spend_input("name", Lang.spend.f.name) ?>
    <?cs call:spend_managers() ?>
    <?cs call:spend_select("assoc", Lang.spend.f.assoc, Lang.spend.assoc, 1) ?>
    <?cs call:spend_day("from", Lang.spend.f.from) ?>
    <?cs call:spend_day("to", Lang.spend.f.to) ?>
    <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <button type="submit" id="search"><?cs var:Lang.spend.search ?></button>
  </form>
  <?cs if:Page.bad_filters ?><p class="error form-error" role="alert" id="filter-error"><?cs each:f = Filter ?><?cs if:f.error ?><?cs var:f.error ?> <?cs /if ?><?cs /each ?></p>
  <?cs else ?>
  <p class="hint" id="lag"><?cs var:Page.lag ?></p>
  <p class="notice" id="data-upto"><?cs var:Page.data_upto ?></p>
  <p class="summary" id="totals"><?cs var:Lang.spend.total.amount ?>: <strong id="total-amount"><?cs var:Total.amount ?></strong> · <?cs var:Lang.spend.total.refunds ?>: <strong id="total-refunds"><?cs var:Total.refunds ?></strong></p>
  <nav class="toolbar" id="summary-tabs">
    <a class="button<?cs if:!Page.refunds ?> primary<?cs /if ?>" id="tab-expenditures" href="/spend/summary?<?cs var:Page.query_notab ?>"><?cs var:Lang.spend.summary.tab_expenditures ?></a>
    <a class="button<?cs if:Page.refunds ?> primary<?cs /if ?>" id="tab-refunds" href="/spend/summary?<?cs var:Page.query_notab ?>&tab=refunds"><?cs var:Lang.spend.summary.tab_refunds ?></a>
  </nav>
  <div class="scroll"><table id="summary">
    <thead><tr>
      <th><?cs var:Lang.spend.col.customer ?> <?cs call:spend_eye() ?></th>
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
  <?cs if:Page.next_after ?><p><a id="next-page" href="/spend/summary?<?cs var:Page.query ?>&after=<?cs var:Page.next_after ?>"><?cs var:Lang.spend.next_page ?></a></p><?cs /if ?>
  <?cs /if ?>
  <?cs call:spend_export("/spend/summary/export") ?>
</section>
<?cs include:"footer.cs" ?>
