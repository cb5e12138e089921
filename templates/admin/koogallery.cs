<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.disc.koo.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.koo.intro ?></p>
  <?cs call:form_error() ?>
  <div class="scroll"><table id="koo">
    <thead><tr><th><?cs var:Lang.disc.koo.uuid ?></th><th><?cs var:Lang.disc.koo.level ?></th><th><?cs var:Lang.disc.product ?></th><th><?cs var:Lang.disc.partner ?></th><th><?cs var:Lang.disc.customer ?></th><th><?cs var:Lang.disc.rate ?></th><th><?cs var:Lang.disc.status ?></th><th><?cs var:Lang.disc.valid_from ?></th><th><?cs var:Lang.disc.koo.valid_until ?></th><th></th></tr></thead>
    <tbody><?cs each:k = Koo ?><tr data-uuid="<?cs var:k.uuid ?>" data-status="<?cs var:k.status ?>">
      <td><code><?cs var:k.uuid ?></code></td><td><?cs var:Lang.disc.koo.levels[k.level] ?></td>
      <td><?cs var:k.product ?><?cs if:k.spec_name ?><br><small><?cs var:k.spec_name ?></small><?cs /if ?></td>
      <td><?cs if:k.partner ?><?cs var:k.partner ?><?cs else ?><?cs var:Lang.disc.koo.all_partners ?><?cs /if ?></td>
      <td><?cs if:k.customer ?><?cs var:k.customer ?><?cs else ?><?cs var:Lang.disc.koo.all_customers ?><?cs /if ?></td>
      <td><?cs var:k.rate ?> %</td><td><?cs var:Lang.disc.koo.status[k.status] ?></td><td><?cs var:k.valid_from_l ?></td><td><?cs var:k.valid_until_l ?></td>
      <td><?cs if:k.status == "to_be_validated" ?><form method="post" action="/admin/koogallery/<?cs var:k.id ?>/validate" class="inline"><?cs call:csrf() ?><button type="submit" class="primary validate"><?cs var:Lang.disc.koo.validate ?></button></form><?cs /if ?>
        <?cs if:k.status != "invalid" ?><form method="post" action="/admin/koogallery/<?cs var:k.id ?>/withdraw" class="inline"><?cs call:csrf() ?><button type="submit" class="withdraw"><?cs var:Lang.disc.withdraw ?></button></form><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:!subcount(Koo) ?><p class="hint"><?cs var:Lang.disc.none ?></p><?cs /if ?>

  <h2><?cs var:Lang.disc.koo.create ?></h2>
  <form method="post" action="/admin/koogallery" id="koo-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:select("level", Form.level, Lang.disc.koo.level, Lang.disc.koo.levels, "") ?>
    <?cs call:field_open("f-product_id", Form.product_id, Lang.disc.product) ?>
      <select id="f-product_id" name="product_id"<?cs call:invalid("product_id", Form.product_id) ?>><option value=""><?cs var:Lang.common.choose ?></option><?cs each:pr = Products ?><?cs if:pr.seller ?><option value="<?cs var:pr.id ?>"<?cs if:Form.product_id.value == pr.id ?> selected<?cs /if ?>><?cs var:pr.name ?> · <?cs var:pr.seller ?></option><?cs /if ?><?cs /each ?></select>
    <?cs call:field_close("product_id", Form.product_id) ?>
    <?cs call:input("spec_name", Form.spec_name, Lang.disc.koo.spec_name, "text") ?>
    <?cs call:input("delivery_method", Form.delivery_method, Lang.disc.koo.delivery_method, "text") ?>
    <?cs call:input("category", Form.category, Lang.disc.koo.category, "text") ?>
    <?cs call:input("project", Form.project, Lang.disc.koo.project, "text") ?>
    <?cs call:select_rows("partner_id", Form.partner_id, Lang.disc.partner, PartnerList, "id", "name", "account_name", Lang.disc.koo.all_partners) ?>
    <?cs call:input("customer", Form.customer, Lang.disc.customer_account, "text") ?>
    <?cs call:input("transaction_model", Form.transaction_model, Lang.disc.koo.transaction_model, "text") ?>
    <?cs call:input("discount", Form.discount, Lang.disc.rate_input, "text") ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.disc.valid_from_input, "text") ?>
    <?cs call:input("valid_until", Form.valid_until, Lang.disc.koo.valid_until_input, "text") ?>
    <button type="submit" class="primary" id="create-koo"><?cs var:Lang.disc.koo.create ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
