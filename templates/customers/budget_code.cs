<?cs # The verification code of a sensitive operation: the button sends it by e-mail (POST /customers/code). ?>
<div class="field<?cs if:Form.code.error ?> has-error<?cs /if ?>"><label for="f-code"><?cs var:Lang.cust.bud.code ?></label>
  <input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
  <button type="submit" formaction="/customers/code" formnovalidate name="back" value="<?cs var:Page.path ?>" id="send-code"><?cs var:Lang.cust.bud.send_code ?></button>
  <p class="hint"><?cs var:Lang.cust.bud.code_note ?></p>
  <?cs call:field_error(Form.code) ?></div>
