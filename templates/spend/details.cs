<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?><?cs include:"spend/filters.cs" ?>
<section>
  <h1><?cs var:Lang.spend.details.title ?></h1>
  <form class="filters" method="get" action="/spend/details" id="filters">
    <div class="field<?cs if:Filter.cycle.error ?> has-error<?cs /if ?>"><label for="q-cycle"><?cs var:Lang.spend.f.cycle ?></label>
      <input id="q-cycle" name="cycle" type="month" min="<?cs var:Page.earliest ?>" max="<?cs var:Page.latest ?>" value="<?cs var:Filter.cycle.value ?>"<?cs if:Filter.cycle.error ?> aria-invalid="true"<?cs /if ?>>
      <?cs if:Filter.cycle.error ?><p class="error" id="e-cycle"><?cs var:Filter.cycle.error ?></p><?cs /if ?></div>
    <?cs call:spend_select("amount", Lang.spend.f.amount, Lang.spend.amount, 0) ?>
    <?cs call:spend_input("name", Lang.spend.f.name) ?>
    <?cs call:spend_input("account", Lang.spend.f.account) ?>
    <?cs call:spend_managers() ?>
    <?cs if:!Page.reseller ?><?cs call:spend_select("assoc", Lang.spend.f.assoc, Lang.spend.assoc, 1) ?><?cs /if ?>
    <div class="field<?cs if:Filter.product.error ?> has-error<?cs /if ?>"><label for="q-product"><?cs var:Lang.spend.f.product ?></label>
      <select id="q-product" name="product"><option value=""><?cs var:Lang.spend.all ?></option>
        <?cs each:p = Products ?><option value="<?cs var:p.code ?>"<?cs if:Filter.product.value == p.code ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
      <?cs if:Filter.product.error ?><p class="error" id="e-product"><?cs var:Filter.product.error ?></p><?cs /if ?></div>
    <?cs call:spend_select("mode", Lang.spend.f.mode, Lang.spend.mode, 1) ?>
    <?cs call:spend_select("bill_type", Lang.spend.f.bill_type, Lang.spend.bill_type, 1) ?>
    <div class="field<?cs if:Filter.region.error ?> has-error<?cs /if ?>"><label for="q-region"><?cs var:Lang.spend.f.region ?></label>
      <select id="q-region" name="region"><option value=""><?cs var:Lang.spend.all ?></option>
        <?cs each:r = Regions ?><option value="<?cs var:r.code ?>"<?cs if:Filter.region.value == r.code ?> selected<?cs /if ?>><?cs var:r.name ?></option><?cs /each ?></select>
      <?cs if:Filter.region.error ?><p class="error" id="e-region"><?cs var:Filter.region.error ?></p><?cs /if ?></div>
    <?cs call:spend_input("txn", Lang.spend.f.txn) ?>
    <?cs call:spend_input("res_name", Lang.spend.f.res_name) ?>
    <?cs call:spend_input("res_id", Lang.spend.f.res_id) ?>
    <?cs if:Filter.customer.value ?><input type="hidden" name="customer" value="<?cs var:Filter.customer.value ?>"><?cs /if ?>
    <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <button type="submit" id="search"><?cs var:Lang.spend.search ?></button>
  </form>
  <?cs if:Page.bad_filters ?><p class="error form-error" role="alert" id="filter-error"><?cs each:f = Filter ?><?cs if:f.error ?><?cs var:f.error ?> <?cs /if ?><?cs /each ?></p>
  <?cs else ?>
  <p class="summary" id="total"><?cs var:Lang.spend.total.amount_due ?>: <strong id="total-due"><?cs var:Total.amount_due ?></strong> · <?cs var:Lang.spend.total.lines ?>: <span id="total-lines"><?cs var:Total.lines ?></span></p>
  <div class="scroll"><table id="lines">
    <thead><tr>
      <th><?cs var:Lang.spend.col.cycle ?></th>
      <th><?cs var:Lang.spend.col.name ?> <?cs call:spend_eye() ?></th>
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
      <td><?cs var:l.product_name ?><?cs if:l.billing_item ?> (<?cs var:l.billing_item ?>)<?cs /if ?></td>
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
  <?cs if:Page.next_after ?><p><a id="next-page" href="/spend/details?<?cs var:Page.query ?>&after=<?cs var:Page.next_after ?>"><?cs var:Lang.spend.next_page ?></a></p><?cs /if ?>
  <?cs /if ?>
  <?cs call:spend_export("/spend/details/export") ?>
</section>
<?cs include:"footer.cs" ?>
