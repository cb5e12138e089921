<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section>
  <h1><?cs var:Lang.console.partner.title ?></h1>
  <?cs if:Partner.0.name ?>
    <p id="partner-name"><strong><?cs var:Partner.0.name ?></strong> (<?cs var:Partner.0.account_name ?>)</p>
    <p><?cs var:Lang.console.partner.associated ?>: <?cs var:Partner.0.associated ?></p>
    <p id="account-state"><?cs var:Lang.console.partner.state ?>: <?cs var:Lang.cust.freeze[Partner.0.freeze_state] ?></p>
    <?cs if:Partner.0.freeze_state != "normal" ?><p class="notice" id="frozen-note"><?cs var:Lang.console.partner.frozen_note ?></p><?cs /if ?>
    <h2><?cs var:Lang.console.partner.budget ?></h2>
    <?cs if:Budget.type ?><p id="budget"><?cs var:Lang.cust.budget_type[Budget.type] ?>: <?cs var:Budget.amount ?> USD · <?cs var:Lang.cust.detail.mtd ?>: <?cs var:Partner.0.mtd ?> USD</p>
    <?cs else ?><p class="hint"><?cs var:Lang.cust.detail.no_budget ?></p><?cs /if ?>
    <p class="hint" id="topup-note"><?cs var:Lang.console.partner.topup ?></p>
    <h2><?cs var:Lang.console.partner.contacts ?></h2>
    <table id="contacts"><thead><tr><th><?cs var:Lang.org.members.name ?></th><th><?cs var:Lang.org.member.mobile ?></th><th><?cs var:Lang.org.member.email ?></th><th><?cs var:Lang.org.contacts.position ?></th></tr></thead>
      <tbody><?cs each:k = Contacts ?><tr><td><?cs var:k.name ?></td><td><?cs var:k.mobile_cc ?> <?cs var:k.mobile ?></td><td><?cs var:k.email ?></td><td><?cs var:k.position ?></td></tr><?cs /each ?></tbody></table>
  <?cs else ?>
    <p id="no-partner"><?cs var:Lang.console.partner.none ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
