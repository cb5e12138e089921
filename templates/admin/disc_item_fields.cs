<?cs # The fields of one commercial discount item (create form and add-item form). ?>
<?cs call:select_rows("product_id", Form.product_id, Lang.disc.product, Products, "id", "name", "", Lang.common.choose) ?>
<?cs call:select_rows("region", Form.region, Lang.disc.region, Regions, "code", "name", "code", Lang.disc.unlimited) ?>
<?cs call:select("billing_mode", Form.billing_mode, Lang.disc.billing_mode, Lang.disc.mode, Lang.disc.any_mode) ?>
<?cs call:input("discount", Form.discount, Lang.disc.rate_input, "text") ?>
<fieldset><legend><?cs var:Lang.disc.savings_only ?></legend>
<?cs call:input("spec", Form.spec, Lang.disc.spec, "text") ?>
<?cs call:input("fixed_price", Form.fixed_price, Lang.disc.fixed_price, "text") ?>
<?cs call:input("linear_size", Form.linear_size, Lang.disc.linear_size, "text") ?>
<?cs call:checkbox("usage_days", Form.usage_days, Lang.disc.usage_days, "1") ?>
</fieldset>
