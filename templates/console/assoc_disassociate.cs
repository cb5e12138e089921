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
    <div class="field<?cs if:Form.statement.error ?> has-error<?cs /if ?>"><label><input type="checkbox" name="statement" value="1" id="f-statement"> <?cs var:Lang.console.assoc.statement ?></label><?cs call:field_error(Form.statement) ?></div>
    <?cs call:input("code", Form.code, Lang.console.auth.code, "text") ?>
    <div class="field<?cs if:Form.reason_code.error ?> has-error<?cs /if ?>"><label for="f-reason_code"><?cs var:Lang.console.assoc.reason_code ?></label>
      <select id="f-reason_code" name="reason_code"><option value=""><?cs var:Lang.common.choose ?></option>
      <?cs each:r = Lang.cust.assoc.reason_code ?><option value="<?cs name:r ?>"<?cs if:Form.reason_code.value == name(r) ?> selected<?cs /if ?>><?cs var:r ?></option><?cs /each ?></select>
      <?cs call:field_error(Form.reason_code) ?></div>
    <div class="field<?cs if:Form.reason.error ?> has-error<?cs /if ?>"><label for="f-reason"><?cs var:Lang.console.assoc.reason ?></label>
      <textarea id="f-reason" name="reason" maxlength="256"><?cs var:Form.reason.value ?></textarea><?cs call:field_error(Form.reason) ?></div>
    <button type="submit" class="danger" id="submit-disassociate"<?cs if:Page.failures > 0 || Page.limited ?> disabled<?cs /if ?>><?cs var:Lang.console.assoc.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
