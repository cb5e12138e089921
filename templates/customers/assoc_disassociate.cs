<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.assoc.disassociate ?></h1>
  <p><strong><?cs var:Customer.0.name ?></strong> (<?cs var:Customer.0.account_name ?>)</p>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.cust.assoc.check ?></h2>
  <?cs if:Page.failures > 0 ?>
  <ul class="error" id="check-failures"><?cs each:f = Check ?><li data-code="<?cs var:f.code ?>"><?cs var:f.text ?></li><?cs /each ?></ul>
  <?cs else ?><p id="check-passed"><?cs var:Lang.cust.assoc.check_passed ?></p><?cs /if ?>
  <p><a class="button" href="/customers/<?cs var:Customer.0.id ?>/disassociate" id="check-again"><?cs var:Lang.cust.assoc.check_again ?></a></p>
  <p class="hint"><?cs var:Lang.cust.assoc.limit_note ?> <strong id="recent"><?cs var:Page.recent ?></strong></p>
  <?cs if:Page.limited ?><p class="notice" id="limited"><?cs var:Lang.cust.assoc.limited ?></p><?cs /if ?>
  <?cs if:Page.codes ?><form method="post" action="/customers/code"><?cs call:csrf() ?><input type="hidden" name="back" value="/customers/<?cs var:Customer.0.id ?>/disassociate">
    <button type="submit" id="send-code-button"><?cs var:Lang.cust.assoc.send_code ?></button></form><?cs /if ?>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/disassociate" id="disassociate-form"><?cs call:csrf() ?>
    <p class="notice"><?cs var:Lang.cust.assoc.statement_text ?></p>
    <?cs call:checkbox("statement", Form.statement, Lang.cust.assoc.statement, "1") ?>
    <?cs call:textarea("reason", Form.reason, Lang.cust.assoc.reason, 256, 0) ?>
    <?cs if:Page.codes ?><?cs call:input("code", Form.code, Lang.cust.assoc.code, "text") ?><?cs /if ?>
    <button type="submit" class="danger" id="submit-disassociate"<?cs if:Page.failures > 0 || Page.limited ?> disabled<?cs /if ?>><?cs var:Lang.cust.assoc.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
