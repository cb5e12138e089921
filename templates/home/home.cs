<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.home.welcome ?>, <span id="welcome-name"><?cs var:User.name ?></span></h1>
  <?cs if:User.kind == "member" ?>
    <p class="partner" id="partner-name"><?cs var:Partner.0.name ?> · <?cs var:Lang.partner_kind[Partner.0.kind] ?><?cs if:Partner.0.distributor ?> · <?cs var:Lang.home.distributor ?>: <?cs var:Partner.0.distributor ?><?cs /if ?></p>
    <h2><?cs var:Lang.home.paths_selected ?> (<?cs var:Home.paths_selected ?>)</h2>
    <p class="hint"><?cs var:Lang.home.paths_none ?></p>
    <h2><?cs var:Lang.home.shortcuts ?></h2>
    <ul class="shortcuts">
      <?cs each:item = Nav ?><?cs if:item.href && item.href != "/home" ?><li><a href="<?cs var:item.href ?>"><?cs var:item.label ?></a></li><?cs /if ?><?cs each:ch = item.children ?><?cs if:ch.href ?><li><a href="<?cs var:ch.href ?>"><?cs var:ch.label ?></a></li><?cs /if ?><?cs /each ?><?cs /each ?>
    </ul>
  <?cs elif:User.kind == "operator" ?>
    <p id="operator-home"><?cs var:Lang.home.operator ?></p>
  <?cs elif:User.kind == "customer" ?>
    <p id="customer-home"><?cs var:Lang.home.customer ?> <strong><?cs var:Customer.0.partner ?></strong></p>
  <?cs else ?>
    <h2 id="join-hcpn"><?cs var:Lang.home.join_title ?></h2>
    <p><?cs var:Lang.home.join_text ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
