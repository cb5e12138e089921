<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.console.assoc.disassociate ?></h1>
  <p id="partner-name"><?cs var:Lang.console.assoc.partner ?>: <strong><?cs var:Partner.name ?></strong></p>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.cust.assoc.check ?></h2>
  <?cs if:Page.failures > 0 ?>
  <ul class="error" id="check-failures"><?cs each:f = Check ?><li data-code="<?cs var:f.code ?>"><?cs var:f.text ?></li><?cs /each ?></ul>
  <?cs else ?><p id="check-passed"><?cs var:Lang.cust.assoc.check_passed ?></p><?cs /if ?>
  <p><a class="button" href="/console/disassociate" id="check-again"><?cs var:Lang.cust.assoc.check_again ?></a></p>
  <?cs if:Page.limited ?><p class="notice" id="limited"><?cs var:Lang.cust.assoc.limited ?></p><?cs /if ?>
  <form method="post" action="/console/code"><?cs call:csrf() ?><input type="hidden" name="back" value="/console/disassociate">
    <button type="submit" id="send-code-button"><?cs var:Lang.console.auth.send_code ?></button></form>
  <form method="post" action="/console/disassociate" id="disassociate-form"><?cs call:csrf() ?>
    <p class="notice"><?cs var:Lang.console.assoc.statement_text ?></p>
    <?cs call:checkbox("statement", Form.statement, Lang.console.assoc.statement, "1") ?>
    <?cs call:input("code", Form.code, Lang.console.auth.code, "text") ?>
    <?cs call:select("reason_code", Form.reason_code, Lang.console.assoc.reason_code, Lang.cust.assoc.reason_code, Lang.common.choose) ?>
    <?cs call:textarea("reason", Form.reason, Lang.console.assoc.reason, 256, 0) ?>
    <button type="submit" class="danger" id="submit-disassociate"<?cs if:Page.failures > 0 || Page.limited ?> disabled<?cs /if ?>><?cs var:Lang.console.assoc.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
