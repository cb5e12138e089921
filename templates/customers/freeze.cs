<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Page.heading ?>: <?cs var:Customer.0.name ?></h1>
  <?cs if:Page.unfreeze == "1" ?><p><?cs var:Lang.cust.frz.confirm ?></p><?cs /if ?>
  <?cs if:Page.unfreeze == "1" && Page.auto_frozen ?><p class="notice" id="auto-warning"><?cs var:Lang.cust.frz.auto_warning ?>
    <a href="/customers/<?cs var:Customer.0.id ?>/budget" id="raise-budget"><?cs var:Lang.cust.frz.raise_budget ?></a></p><?cs /if ?>
  <table class="details" id="freeze-summary">
    <tr><th><?cs var:Lang.cust.frz.account_name ?></th><td><?cs var:Customer.0.account_name ?></td></tr>
    <tr><th><?cs var:Lang.cust.frz.customer ?></th><td><?cs var:Customer.0.name ?></td></tr>
    <?cs if:Page.unfreeze == "1" ?><tr><th><?cs var:Lang.cust.frz.auto ?></th><td><?cs if:Page.auto_frozen ?><?cs var:Lang.common.yes ?><?cs else ?><?cs var:Lang.common.no ?><?cs /if ?></td></tr><?cs /if ?>
    <tr><th><?cs var:Lang.cust.frz.budget ?></th><td><?cs if:Summary.budget ?><?cs var:Summary.budget ?><?cs else ?>—<?cs /if ?></td></tr>
    <tr><th><?cs var:Lang.cust.frz.spend ?></th><td><?cs var:Summary.spend ?></td></tr>
  </table>
  <?cs if:Page.unfreeze == "1" ?><p class="hint"><?cs var:Lang.cust.frz.unfreeze_note ?></p>
  <?cs else ?><p class="hint"><?cs var:Lang.cust.frz.freeze_note ?></p>
    <?cs if:Page.action == "freeze-all" ?><p class="notice"><?cs var:Lang.cust.frz.freeze_all_note ?></p><?cs /if ?>
    <p class="hint"><?cs var:Lang.cust.frz.vendor_note ?></p><?cs /if ?>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/<?cs var:Page.action ?>" id="freeze-form"><?cs call:csrf() ?>
    <?cs call:form_error() ?>
    <?cs call:textarea("reason", Form.reason, Lang.cust.frz.reason, 256, 1) ?>
    <?cs if:Page.code_needed == "1" || Form.code.error ?><?cs include:"customers/budget_code.cs" ?><?cs /if ?>
    <button type="submit" class="primary danger" id="confirm"><?cs var:Page.heading ?></button>
    <a class="button" href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
