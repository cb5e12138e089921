<?cs # The verification code of a sensitive operation: the button sends it by e-mail (POST /customers/code). ?>
<?cs call:field_open("f-code", Form.code, Lang.cust.bud.code) ?>
  <input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"<?cs call:invalid("code", Form.code) ?>>
  <button type="submit" formaction="/customers/code" formnovalidate name="back" value="<?cs var:Page.path ?>" id="send-code"><?cs var:Lang.cust.bud.send_code ?></button>
  <p class="hint"><?cs var:Lang.cust.bud.code_note ?></p>
<?cs call:field_close("code", Form.code) ?>
