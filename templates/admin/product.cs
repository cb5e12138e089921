<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <p><a href="/admin/catalog"><?cs var:Lang.admin.catalog.title ?></a></p>
  <?cs with:p = Product.0 ?>
  <h1><?cs var:p.name ?> <code><?cs var:p.code ?></code></h1>
  <p class="hint"><?cs var:p.category ?> · <?cs var:Lang.admin.kind[p.kind] ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/catalog/<?cs var:p.id ?>" id="product-form" novalidate><?cs call:csrf() ?>
    <?cs if:Form.name.value ?><?cs set:Page.pname = Form.name.value ?><?cs else ?><?cs set:Page.pname = p.name ?><?cs /if ?>
    <div class="field<?cs if:Form.name.error ?> has-error<?cs /if ?>"><label for="f-name"><?cs var:Lang.admin.catalog.product ?></label>
      <input id="f-name" name="name" value="<?cs var:Page.pname ?>"><?cs call:field_error(Form.name) ?></div>
    <div class="field"><label for="f-p95"><?cs var:Lang.admin.catalog.p95 ?></label>
      <select id="f-p95" name="p95"><option value="0"><?cs var:Lang.admin.no ?></option><option value="1"<?cs if:p.p95 == "1" ?> selected<?cs /if ?>><?cs var:Lang.admin.yes ?></option></select></div>
    <div class="field"><label for="f-active"><?cs var:Lang.admin.catalog.active ?></label>
      <select id="f-active" name="active"><option value="1"><?cs var:Lang.admin.yes ?></option><option value="0"<?cs if:p.active == "0" ?> selected<?cs /if ?>><?cs var:Lang.admin.no ?></option></select></div>
    <div class="field<?cs if:Form.settlement_type.error ?> has-error<?cs /if ?>"><label for="f-settlement_type"><?cs var:Lang.disc.settlement_type ?></label>
      <?cs if:Form.settlement_type.value ?><?cs set:Page.pst = Form.settlement_type.value ?><?cs else ?><?cs set:Page.pst = p.settlement_type ?><?cs /if ?>
      <select id="f-settlement_type" name="settlement_type"><?cs each:t = Lang.disc.stype ?><option value="<?cs name:t ?>"<?cs if:Page.pst == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.settlement_type) ?></div>
    <?cs if:Form.koogallery_seller.value ?><?cs set:Page.pseller = Form.koogallery_seller.value ?><?cs else ?><?cs set:Page.pseller = p.koogallery_seller ?><?cs /if ?>
    <div class="field<?cs if:Form.koogallery_seller.error ?> has-error<?cs /if ?>"><label for="f-koogallery_seller"><?cs var:Lang.disc.koo_seller ?></label>
      <input id="f-koogallery_seller" name="koogallery_seller" value="<?cs var:Page.pseller ?>"><p class="hint"><?cs var:Lang.disc.koo_seller_hint ?></p><?cs call:field_error(Form.koogallery_seller) ?></div>
    <button type="submit" class="primary" id="save-product"><?cs var:Lang.common.save ?></button>
  </form>

  <h2><?cs var:Lang.admin.catalog.prices ?></h2>
  <p class="hint"><?cs var:Lang.admin.price.intro ?></p>
  <table id="prices">
    <thead><tr><th><?cs var:Lang.admin.price.billing_item ?></th><th><?cs var:Lang.admin.price.resource_type ?></th><th><?cs var:Lang.admin.price.region ?></th><th><?cs var:Lang.admin.price.usage_unit ?></th><th><?cs var:Lang.admin.price.pricing_unit ?></th><th><?cs var:Lang.admin.price.conversion_factor ?></th><th><?cs var:Lang.admin.price.list_price ?></th><th></th></tr></thead>
    <tbody><?cs each:i = Prices ?><tr data-item="<?cs var:i.billing_item ?>" data-region="<?cs var:i.region ?>"<?cs if:Page.bad_item == i.id ?> class="has-error"<?cs /if ?>>
      <td><?cs var:i.billing_item ?></td><td><?cs var:i.resource_type ?></td><td><?cs if:i.region ?><?cs var:i.region ?><?cs else ?><?cs var:Lang.admin.price.all_regions ?><?cs /if ?></td>
      <td colspan="5"><form method="post" action="/admin/catalog/<?cs var:p.id ?>/prices/<?cs var:i.id ?>" class="inline"><?cs call:csrf() ?>
        <input name="usage_unit" value="<?cs var:i.usage_unit ?>" aria-label="<?cs var:Lang.admin.price.usage_unit ?>" size="10">
        <input name="pricing_unit" value="<?cs var:i.pricing_unit ?>" aria-label="<?cs var:Lang.admin.price.pricing_unit ?>" size="10">
        <input name="conversion_factor" value="<?cs var:i.factor ?>" aria-label="<?cs var:Lang.admin.price.conversion_factor ?>" size="12">
        <input name="list_price" value="<?cs var:i.price ?>" aria-label="<?cs var:Lang.admin.price.list_price ?>" size="14">
        <button type="submit"><?cs var:Lang.common.save ?></button></form></td>
    </tr><?cs /each ?></tbody>
  </table>

  <h2><?cs var:Lang.admin.price.add ?></h2>
  <form method="post" action="/admin/catalog/<?cs var:p.id ?>/prices" id="price-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("billing_item", Form.billing_item, Lang.admin.price.billing_item, "text") ?>
    <?cs call:input("resource_type", Form.resource_type, Lang.admin.price.resource_type, "text") ?>
    <div class="field<?cs if:Form.region.error ?> has-error<?cs /if ?>"><label for="f-region"><?cs var:Lang.admin.price.region ?></label>
      <select id="f-region" name="region"><option value=""><?cs var:Lang.admin.price.all_regions ?></option><?cs each:r = Regions ?><option value="<?cs var:r.code ?>"<?cs if:Form.region.value == r.code ?> selected<?cs /if ?>><?cs var:r.name ?> (<?cs var:r.code ?>)</option><?cs /each ?></select>
      <?cs call:field_error(Form.region) ?></div>
    <?cs call:input("usage_unit", Form.usage_unit, Lang.admin.price.usage_unit, "text") ?>
    <?cs call:input("pricing_unit", Form.pricing_unit, Lang.admin.price.pricing_unit, "text") ?>
    <?cs call:input("conversion_factor", Form.conversion_factor, Lang.admin.price.conversion_factor, "text") ?>
    <?cs call:input("list_price", Form.list_price, Lang.admin.price.list_price, "text") ?>
    <button type="submit" class="primary" id="add-price"><?cs var:Lang.admin.price.add ?></button>
  </form>
  <?cs /with ?>
</section>
<?cs include:"footer.cs" ?>
