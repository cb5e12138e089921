<?cs # The fields of one commercial discount item (create form and add-item form). ?>
<div class="field<?cs if:Form.product_id.error ?> has-error<?cs /if ?>"><label for="f-product_id"><?cs var:Lang.disc.product ?></label>
  <select id="f-product_id" name="product_id"><option value=""></option><?cs each:pr = Products ?><option value="<?cs var:pr.id ?>"<?cs if:Form.product_id.value == pr.id ?> selected<?cs /if ?>><?cs var:pr.name ?></option><?cs /each ?></select>
  <?cs call:field_error(Form.product_id) ?></div>
<div class="field<?cs if:Form.region.error ?> has-error<?cs /if ?>"><label for="f-region"><?cs var:Lang.disc.region ?></label>
  <select id="f-region" name="region"><option value=""><?cs var:Lang.disc.unlimited ?></option><?cs each:r = Regions ?><option value="<?cs var:r.code ?>"<?cs if:Form.region.value == r.code ?> selected<?cs /if ?>><?cs var:r.name ?> (<?cs var:r.code ?>)</option><?cs /each ?></select>
  <?cs call:field_error(Form.region) ?></div>
<div class="field<?cs if:Form.billing_mode.error ?> has-error<?cs /if ?>"><label for="f-billing_mode"><?cs var:Lang.disc.billing_mode ?></label>
  <select id="f-billing_mode" name="billing_mode"><option value=""><?cs var:Lang.disc.any_mode ?></option><?cs each:m = Lang.disc.mode ?><option value="<?cs name:m ?>"<?cs if:Form.billing_mode.value == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select>
  <?cs call:field_error(Form.billing_mode) ?></div>
<?cs call:input("discount", Form.discount, Lang.disc.rate_input, "text") ?>
<fieldset><legend><?cs var:Lang.disc.savings_only ?></legend>
<?cs call:input("spec", Form.spec, Lang.disc.spec, "text") ?>
<?cs call:input("fixed_price", Form.fixed_price, Lang.disc.fixed_price, "text") ?>
<?cs call:input("linear_size", Form.linear_size, Lang.disc.linear_size, "text") ?>
<div class="field"><label><input type="checkbox" name="usage_days" value="1" id="f-usage_days"<?cs if:Form.usage_days.value ?> checked<?cs /if ?>> <?cs var:Lang.disc.usage_days ?></label></div>
</fieldset>
