<?cs include:"header.cs" ?><?cs include:"customers/dev_subtabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.dev.tab.links ?></h1>
  <h2><?cs var:Lang.cust.dev.links.general ?></h2>
  <?cs if:General.0.id ?><div id="general-link">
    <p><input class="link-url" readonly value="<?cs var:General.0.url ?>" aria-label="<?cs var:Lang.cust.dev.col.link ?>"> <?cs if:General.0.custom_tag ?><span class="badge"><?cs var:General.0.custom_tag ?></span><?cs /if ?></p>
    <p><img src="/customers/development/links/<?cs var:General.0.id ?>/qr.png" alt="<?cs var:Lang.cust.dev.col.qr ?>" width="180" height="180">
      <a class="button" download href="/customers/development/links/<?cs var:General.0.id ?>/qr.png"><?cs var:Lang.cust.dev.links.download ?></a></p>
    <p class="hint"><?cs var:Lang.cust.dev.links.copy ?></p></div>
  <?cs else ?><p class="hint"><?cs var:Lang.cust.dev.links.general_none ?></p>
    <form method="post" action="/customers/development/links/general"><?cs call:csrf() ?><button type="submit" id="make-general"><?cs var:Lang.cust.dev.links.general_make ?></button></form><?cs /if ?>
  <h2><?cs var:Lang.cust.dev.links.custom ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/customers/development/links" id="custom-form" class="narrow-form"><?cs call:csrf() ?>
    <p><?cs var:Lang.cust.dev.f.assoc_type ?>: <strong><?cs var:Lang.cust.dev.reseller ?></strong></p>
    <?cs if:Page.own_manager ?><p class="hint"><?cs var:Lang.cust.dev.links.am_self ?> <?cs var:Page.own_manager ?></p>
    <?cs else ?><?cs call:select_rows("am", Form.am, Lang.cust.dev.links.am, Managers, "id", "name", "username", Lang.cust.dev.links.am_none) ?><?cs /if ?>
    <?cs call:input("custom_tag", Form.custom_tag, Lang.cust.dev.links.tag, "text") ?>
    <?cs call:input("remarks", Form.remarks, Lang.cust.dev.links.remarks, "text") ?>
    <p class="hint"><?cs var:Lang.cust.dev.links.rate ?></p>
    <button type="submit" class="primary" id="generate"><?cs var:Lang.cust.dev.links.generate ?></button>
  </form>
  <details open id="record"><summary><?cs var:Lang.cust.dev.links.record ?></summary>
  <table id="links">
    <thead><tr><th><?cs var:Lang.cust.dev.col.link ?></th><th><?cs var:Lang.cust.dev.col.qr ?></th><th><?cs var:Lang.cust.dev.links.tag ?></th>
      <th><?cs var:Lang.cust.dev.col.am ?></th><th><?cs var:Lang.cust.dev.col.remarks ?></th><th><?cs var:Lang.cust.dev.col.creator ?></th><th><?cs var:Lang.cust.dev.col.created ?></th></tr></thead>
    <tbody><?cs each:l = Links ?><tr data-id="<?cs var:l.id ?>"<?cs if:Page.new == l.id ?> class="new"<?cs /if ?>>
      <td><input class="link-url" readonly value="<?cs var:l.url ?>" aria-label="<?cs var:Lang.cust.dev.col.link ?>"><?cs if:Page.new == l.id ?> <span class="badge" id="created"><?cs var:Lang.cust.dev.links.created ?></span><?cs /if ?></td>
      <td><a class="qr" href="/customers/development/links/<?cs var:l.id ?>/qr.png"><?cs var:Lang.cust.dev.links.download ?></a></td>
      <td><?cs var:l.custom_tag ?></td><td><?cs var:l.am_name ?></td><td><?cs var:l.remarks ?></td><td><?cs var:l.creator ?></td><td><?cs var:l.created ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Links) ?><p class="hint"><?cs var:Lang.cust.dev.links.none ?></p><?cs /if ?>
  </details>
  <h2 id="promotions"><?cs var:Lang.cust.dev.links.promo ?></h2>
  <?cs if:!subcount(Promotions) ?><p class="hint" id="no-promotion"><?cs var:Lang.cust.dev.links.promo_none ?></p><?cs else ?>
  <table id="promo-links">
    <thead><tr><th><?cs var:Lang.cust.dev.links.promo_activity ?></th><th><?cs var:Lang.cust.dev.links.promo_ends ?></th><th><?cs var:Lang.cust.dev.col.link ?></th><th><?cs var:Lang.cust.dev.col.qr ?></th></tr></thead>
    <tbody><?cs each:p = Promotions ?><tr data-promotion="<?cs var:p.id ?>">
      <td><strong><?cs var:p.name ?></strong><?cs if:p.description ?><br><small><?cs var:p.description ?></small><?cs /if ?></td><td><?cs var:p.ends ?></td>
      <?cs if:p.url ?><td><input class="link-url" readonly value="<?cs var:p.url ?>" aria-label="<?cs var:Lang.cust.dev.col.link ?>"></td>
      <td><a class="qr" href="/customers/development/links/<?cs var:p.link_id ?>/qr.png"><?cs var:Lang.cust.dev.links.download ?></a></td>
      <?cs else ?><td colspan="2"><form method="post" action="/customers/development/links/promo/<?cs var:p.id ?>"><?cs call:csrf() ?><button type="submit" class="make-promo"><?cs var:Lang.cust.dev.links.promo_make ?></button></form></td><?cs /if ?>
    </tr><?cs /each ?></tbody>
  </table><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
