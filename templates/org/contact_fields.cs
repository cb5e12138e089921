<?cs call:input("name", Form.name, Lang.org.members.name, "text") ?>
<div class="inline">
  <div class="field<?cs if:Form.mobile_cc.error ?> has-error<?cs /if ?>"><label for="f-mobile_cc"><?cs var:Lang.org.member.mobile_cc ?></label>
    <select id="f-mobile_cc" name="mobile_cc"><?cs each:cc = CountryCodes ?><option value="<?cs var:cc ?>"<?cs if:Form.mobile_cc.value == cc ?> selected<?cs /if ?>><?cs var:cc ?></option><?cs /each ?></select>
    <?cs call:field_error(Form.mobile_cc) ?></div>
  <?cs call:input("mobile", Form.mobile, Lang.org.member.mobile, "tel") ?>
</div>
<?cs call:input("email", Form.email, Lang.org.member.email, "email") ?>
<?cs call:input("position", Form.position, Lang.org.contacts.position, "text") ?>
