<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.bud.title ?></h1>
  <p id="budget-header"><?cs if:Budget.type ?><?cs if:Budget.type == "monthly" ?><?cs var:Lang.cust.bud.header_monthly ?><?cs else ?><?cs var:Lang.cust.bud.header_one_time ?><?cs /if ?> <span id="budget-amount"><?cs var:Budget.amount ?></span> USD<?cs else ?><?cs var:Lang.cust.bud.no_budget ?><?cs /if ?>
    (<?cs if:Budget.type == "one_time" ?><?cs var:Lang.cust.bud.estimate_one_time ?><?cs else ?><?cs var:Lang.cust.bud.estimate_monthly ?><?cs /if ?> <span id="budget-estimate"><?cs var:Budget.estimate ?></span> USD)
    | <?cs var:Customer.0.name ?> | <?cs var:Customer.0.account_name ?></p>
  <p><a href="/customers/<?cs var:Customer.0.id ?>/budget/records" id="records-link"><?cs var:Lang.cust.bud.records ?></a> · <a href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.cust.bud.back ?></a></p>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/budget" id="budget-form"><?cs call:csrf() ?>
    <?cs call:form_error() ?>
    <?cs include:"customers/budget_fields.cs" ?>
    <?cs if:Customer.0.freeze_state != "normal" ?><?cs call:checkbox("unfreeze_now", Form.unfreeze_now, Lang.cust.bud.unfreeze_now, "1") ?>
    <p class="hint"><?cs var:Lang.cust.bud.unfreeze_note ?></p><?cs /if ?>
    <?cs include:"customers/budget_code.cs" ?>
    <p class="notice" id="disclaimer"><?cs var:Lang.cust.bud.disclaimer ?></p>
    <button type="submit" class="primary" id="save"><?cs var:Lang.cust.bud.save ?></button>
    <a class="button" href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
