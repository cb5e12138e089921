<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.disc.adjust.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.adjust.intro ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/adjustments" id="adjust-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("customer", Form.customer, Lang.disc.customer_account, "text") ?>
    <?cs call:select_rows("product_id", Form.product_id, Lang.disc.product, Products, "id", "name", "", Lang.common.choose) ?>
    <?cs call:select_rows("region", Form.region, Lang.disc.region, Regions, "code", "name", "code", Lang.common.choose) ?>
    <?cs if:!Form.billing_mode.value ?><?cs set:Form.billing_mode.value = "pay_per_use" ?><?cs /if ?>
    <?cs call:select("billing_mode", Form.billing_mode, Lang.disc.billing_mode, Lang.disc.mode, "") ?>
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
