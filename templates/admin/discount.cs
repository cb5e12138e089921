<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <p><a href="/admin/discounts"><?cs var:Lang.disc.commercial.title ?></a></p>
  <?cs with:d = Discount.0 ?>
  <h1><?cs var:d.code ?></h1>
  <dl class="facts">
    <dt><?cs var:Lang.disc.partner ?></dt><dd><?cs var:d.partner ?></dd>
    <dt><?cs var:Lang.disc.type ?></dt><dd><?cs var:Lang.disc.level[d.level] ?><?cs if:d.customer ?> · <?cs var:d.customer ?> (<?cs var:d.customer_account ?>)<?cs /if ?></dd>
    <dt><?cs var:Lang.disc.body ?></dt><dd><?cs var:Lang.disc.bodies[d.body] ?></dd>
    <dt><?cs var:Lang.disc.status ?></dt><dd id="status"><?cs var:Lang.disc.cstatus[d.status] ?></dd>
    <dt><?cs var:Lang.disc.effective ?></dt><dd><?cs var:d.effective_at_l ?></dd>
    <dt><?cs var:Lang.disc.expiration ?></dt><dd><?cs var:d.expires_at_l ?></dd>
  </dl>
  <?cs call:form_error() ?>
  <?cs if:d.open == "1" ?><form method="post" action="/admin/discounts/<?cs var:d.id ?>/withdraw" id="withdraw-form"><?cs call:csrf() ?>
    <button type="submit" id="withdraw"><?cs var:Lang.disc.withdraw ?></button></form><?cs /if ?>
  <h2><?cs var:Lang.disc.items ?></h2>
  <?cs include:"admin/disc_items_table.cs" ?>
  <?cs if:d.open == "1" ?>
  <h2><?cs var:Lang.disc.add_item ?></h2>
  <form method="post" action="/admin/discounts/<?cs var:d.id ?>/items" id="item-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs include:"admin/disc_item_fields.cs" ?>
    <button type="submit" class="primary" id="add-item"><?cs var:Lang.disc.add_item ?></button>
  </form><?cs /if ?>
  <?cs /with ?>
</section>
<?cs include:"footer.cs" ?>
