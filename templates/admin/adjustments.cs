<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.disc.adjust.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.adjust.intro ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/adjustments" id="adjust-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("customer", Form.customer, Lang.disc.customer_account, "text") ?>
    <div class="field<?cs if:Form.product_id.error ?> has-error<?cs /if ?>"><label for="f-product_id"><?cs var:Lang.disc.product ?></label>
      <select id="f-product_id" name="product_id"><option value=""></option><?cs each:pr = Products ?><option value="<?cs var:pr.id ?>"<?cs if:Form.product_id.value == pr.id ?> selected<?cs /if ?>><?cs var:pr.name ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.product_id) ?></div>
    <div class="field<?cs if:Form.region.error ?> has-error<?cs /if ?>"><label for="f-region"><?cs var:Lang.disc.region ?></label>
      <select id="f-region" name="region"><option value=""></option><?cs each:r = Regions ?><option value="<?cs var:r.code ?>"<?cs if:Form.region.value == r.code ?> selected<?cs /if ?>><?cs var:r.name ?> (<?cs var:r.code ?>)</option><?cs /each ?></select>
      <?cs call:field_error(Form.region) ?></div>
    <div class="field<?cs if:Form.billing_mode.error ?> has-error<?cs /if ?>"><label for="f-billing_mode"><?cs var:Lang.disc.billing_mode ?></label>
      <select id="f-billing_mode" name="billing_mode"><?cs each:m = Lang.disc.mode ?><option value="<?cs name:m ?>"<?cs if:Form.billing_mode.value == name(m) || (!Form.billing_mode.value && name(m) == "pay_per_use") ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.billing_mode) ?></div>
    <?cs call:input("amount", Form.amount, Lang.disc.adjust.amount, "text") ?>
    <?cs call:input("transaction_at", Form.transaction_at, Lang.disc.adjust.transaction_at, "text") ?>
    <?cs call:input("reason", Form.reason, Lang.disc.adjust.reason, "text") ?>
    <button type="submit" class="primary" id="create-adjustment"><?cs var:Lang.disc.adjust.create ?></button>
  </form>
  <div class="scroll"><table id="adjustments">
    <thead><tr><th><?cs var:Lang.disc.partner ?></th><th><?cs var:Lang.disc.customer ?></th><th><?cs var:Lang.disc.product ?></th><th><?cs var:Lang.disc.adjust.amount ?></th><th><?cs var:Lang.disc.adjust.transaction_at ?></th><th><?cs var:Lang.disc.adjust.cycle ?></th><th><?cs var:Lang.disc.adjust.reason ?></th><th><?cs var:Lang.disc.adjust.author ?></th></tr></thead>
    <tbody><?cs each:a = Adjustments ?><tr data-id="<?cs var:a.id ?>">
      <td><?cs var:a.partner ?></td><td><?cs var:a.customer ?> (<?cs var:a.customer_account ?>)</td><td><?cs var:a.product ?><?cs if:a.region ?> · <?cs var:a.region ?><?cs /if ?></td>
      <td><?cs var:a.amount_text ?></td><td><?cs var:a.transaction_at_l ?></td><td><?cs var:a.billing_cycle ?></td><td><?cs var:a.reason ?></td><td><?cs var:a.author ?></td>
    </tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs include:"footer.cs" ?>
