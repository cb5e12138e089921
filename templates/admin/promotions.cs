<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.admin.promo.title ?></h1>
  <p class="hint"><?cs var:Lang.admin.promo.intro ?></p>
  <table id="promotions">
    <thead><tr><th><?cs var:Lang.admin.promo.name ?></th><th><?cs var:Lang.admin.promo.from ?></th><th><?cs var:Lang.admin.promo.to ?></th><th><?cs var:Lang.admin.promo.links ?></th><th><?cs var:Lang.admin.promo.associated ?></th></tr></thead>
    <tbody><?cs each:p = Promotions ?><tr data-id="<?cs var:p.id ?>"><td><strong><?cs var:p.name ?></strong><?cs if:p.description ?><br><small><?cs var:p.description ?></small><?cs /if ?></td>
      <td><?cs var:p.from ?></td><td><?cs var:p.to ?></td><td><?cs var:p.links ?></td><td><?cs var:p.associated ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Promotions) ?><p class="hint"><?cs var:Lang.admin.promo.none ?></p><?cs /if ?>
  <h2><?cs var:Lang.admin.promo.create ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/promotions" id="promotion-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("name", Form.name, Lang.admin.promo.name, "text") ?>
    <?cs call:input("description", Form.description, Lang.admin.promo.description, "text") ?>
    <?cs call:input("valid_from", Form.valid_from, Lang.admin.promo.from_day, "date") ?>
    <?cs call:input("valid_to", Form.valid_to, Lang.admin.promo.to_day, "date") ?>
    <button type="submit" class="primary" id="save-promotion"><?cs var:Lang.admin.promo.create ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
