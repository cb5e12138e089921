<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.switch.title ?></h1>
  <p><strong><?cs var:Customer.0.name ?></strong> (<?cs var:Customer.0.account_name ?>)</p>
  <?cs call:form_error() ?>
  <table class="details" id="switch-types">
    <tr><th><?cs var:Lang.cust.switch.from ?></th><td id="switch-from"><?cs var:Lang.cust.assoc_type[Switch.from] ?></td></tr>
    <tr><th><?cs var:Lang.cust.switch.to ?></th><td id="switch-to"><?cs var:Lang.cust.assoc_type[Switch.to] ?></td></tr>
  </table>
  <h2><?cs var:Lang.cust.switch.impacts ?></h2>
  <ul class="notice" id="switch-impacts"><?cs each:i = Lang.cust.switch.impact[Switch.to] ?><li><?cs var:i ?></li><?cs /each ?></ul>
  <p class="hint"><?cs var:Lang.cust.switch.flow ?></p>
  <?cs if:Page.codes ?><form method="post" action="/customers/code"><?cs call:csrf() ?><input type="hidden" name="back" value="/customers/<?cs var:Customer.0.id ?>/switch-type">
    <button type="submit" id="send-code-button"><?cs var:Lang.cust.assoc.send_code ?></button></form><?cs /if ?>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/switch-type" id="switch-form"><?cs call:csrf() ?>
    <?cs call:checkbox("statement", Form.statement, Lang.cust.switch.statement, "1") ?>
    <?cs call:textarea("reason", Form.reason, Lang.cust.assoc.reason, 256, 0) ?>
    <?cs if:Page.codes ?><?cs call:input("code", Form.code, Lang.cust.assoc.code, "text") ?><?cs /if ?>
    <button type="submit" class="primary" id="submit-switch"><?cs var:Lang.cust.switch.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
