<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.bud.batch_title ?></h1>
  <form method="post" action="/customers/budget/batch" id="budget-batch"><?cs call:csrf() ?>
    <input type="hidden" name="step" value="apply">
    <h2><?cs var:Lang.cust.bud.selected ?></h2>
    <ul id="selected"><?cs each:s = Selected ?><li><input type="hidden" name="ids" value="<?cs var:s.0.id ?>"><?cs var:s.0.name ?> (<?cs var:s.0.account_name ?>)</li><?cs /each ?></ul>
    <p class="notice"><?cs var:Lang.cust.bud.batch_note ?></p>
    <?cs call:form_error() ?>
    <?cs include:"customers/budget_fields.cs" ?>
    <?cs include:"customers/budget_code.cs" ?>
    <p class="notice" id="disclaimer"><?cs var:Lang.cust.bud.disclaimer ?></p>
    <button type="submit" class="primary" id="save"><?cs var:Lang.cust.bud.save ?></button>
    <a class="button" href="/customers/"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
