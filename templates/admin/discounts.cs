<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.disc.commercial.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.commercial.intro ?></p>
  <div class="scroll"><table id="discounts">
    <thead><tr><th><?cs var:Lang.disc.id ?></th><th><?cs var:Lang.disc.partner ?></th><th><?cs var:Lang.disc.type ?></th><th><?cs var:Lang.disc.customer ?></th><th><?cs var:Lang.disc.body ?></th><th><?cs var:Lang.disc.status ?></th><th><?cs var:Lang.disc.effective ?></th><th><?cs var:Lang.disc.expiration ?></th><th><?cs var:Lang.disc.items ?></th></tr></thead>
    <tbody><?cs each:d = Discounts ?><tr data-code="<?cs var:d.code ?>">
      <td><a href="/admin/discounts/<?cs var:d.id ?>"><?cs var:d.code ?></a></td><td><?cs var:d.partner ?></td>
      <td><?cs var:Lang.disc.level[d.level] ?></td><td><?cs var:d.customer ?><?cs if:d.customer_account ?> (<?cs var:d.customer_account ?>)<?cs /if ?></td>
      <td><?cs var:Lang.disc.bodies[d.body] ?></td><td><?cs var:Lang.disc.cstatus[d.status] ?></td>
      <td><?cs var:d.effective_at_l ?></td><td><?cs var:d.expires_at_l ?></td><td><?cs var:d.items ?></td>
    </tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:!subcount(Discounts) ?><p class="hint"><?cs var:Lang.disc.none ?></p><?cs /if ?>

  <h2><?cs var:Lang.disc.commercial.create ?></h2>
  <p class="hint"><?cs var:Lang.disc.commercial.create_intro ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/discounts" id="discount-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:select_rows("partner_id", Form.partner_id, Lang.disc.partner, PartnerList, "id", "name", "account_name", Lang.common.choose) ?>
    <?cs call:select("level", Form.level, Lang.disc.type, Lang.disc.level, "") ?>
    <?cs call:input("customer", Form.customer, Lang.disc.customer_account, "text") ?>
    <?cs call:select("body", Form.body, Lang.disc.body, Lang.disc.bodies, "") ?>
    <?cs call:input("effective_at", Form.effective_at, Lang.disc.effective_input, "text") ?>
    <?cs call:input("expires_at", Form.expires_at, Lang.disc.expiration_input, "text") ?>
    <h3><?cs var:Lang.disc.first_item ?></h3>
    <?cs include:"admin/disc_item_fields.cs" ?>
    <button type="submit" class="primary" id="create-discount"><?cs var:Lang.disc.commercial.create ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
