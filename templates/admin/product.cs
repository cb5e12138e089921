<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <p><a href="/admin/catalog"><?cs var:Lang.admin.catalog.title ?></a></p>
  <?cs with:p = Product.0 ?>
  <h1><?cs if:Page.lang == "zh" && p.name_zh ?><?cs var:p.name_zh ?><?cs else ?><?cs var:p.name ?><?cs /if ?> <code><?cs var:p.code ?></code></h1>
  <p class="hint"><?cs var:p.category ?> · <?cs var:Lang.admin.kind[p.kind] ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/catalog/<?cs var:p.id ?>" id="product-form" novalidate><?cs call:csrf() ?>
    <?cs # the product as stored unless the form came back with other values ?>
    <?cs if:!Form.name.value ?><?cs set:Form.name.value = p.name ?><?cs /if ?>
    <?cs if:!Form.name_zh.value && !Form.name_zh.error ?><?cs set:Form.name_zh.value = p.name_zh ?><?cs /if ?>
    <?cs if:!Form.p95.value ?><?cs set:Form.p95.value = p.p95 ?><?cs /if ?>
    <?cs if:!Form.active.value ?><?cs set:Form.active.value = p.active ?><?cs /if ?>
    <?cs if:!Form.settlement_type.value ?><?cs set:Form.settlement_type.value = p.settlement_type ?><?cs /if ?>
    <?cs if:!Form.koogallery_seller.value ?><?cs set:Form.koogallery_seller.value = p.koogallery_seller ?><?cs /if ?>
    <?cs call:input("name", Form.name, Lang.admin.catalog.product, "text") ?>
    <?cs call:input_hint("name_zh", Form.name_zh, Lang.admin.catalog.product_zh, "text", Lang.admin.catalog.product_zh_hint) ?>
    <?cs call:select("p95", Form.p95, Lang.admin.catalog.p95, Lang.common.bool, "") ?>
    <?cs call:select("active", Form.active, Lang.admin.catalog.active, Lang.common.bool, "") ?>
    <?cs call:select("settlement_type", Form.settlement_type, Lang.disc.settlement_type, Lang.disc.stype, "") ?>
    <?cs call:input_hint("koogallery_seller", Form.koogallery_seller, Lang.disc.koo_seller, "text", Lang.disc.koo_seller_hint) ?>
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
    <?cs call:select_rows("region", Form.region, Lang.admin.price.region, Regions, "code", "name", "code", Lang.admin.price.all_regions) ?>
    <?cs call:input("usage_unit", Form.usage_unit, Lang.admin.price.usage_unit, "text") ?>
    <?cs call:input("pricing_unit", Form.pricing_unit, Lang.admin.price.pricing_unit, "text") ?>
    <?cs call:input("conversion_factor", Form.conversion_factor, Lang.admin.price.conversion_factor, "text") ?>
    <?cs call:input("list_price", Form.list_price, Lang.admin.price.list_price, "text") ?>
    <button type="submit" class="primary" id="add-price"><?cs var:Lang.admin.price.add ?></button>
  </form>
  <?cs /with ?>
</section>
<?cs include:"footer.cs" ?>
