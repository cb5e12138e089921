<?cs call:input("name", Form.name, Lang.org.members.name, "text") ?>
<div class="inline">
  <?cs call:field_open("f-mobile_cc", Form.mobile_cc, Lang.org.member.mobile_cc) ?>
    <select id="f-mobile_cc" name="mobile_cc"<?cs call:invalid("mobile_cc", Form.mobile_cc) ?>><?cs call:option_values(CountryCodes, Form.mobile_cc.value) ?></select>
  <?cs call:field_close("mobile_cc", Form.mobile_cc) ?>
  <?cs call:input("mobile", Form.mobile, Lang.org.member.mobile, "tel") ?>
</div>
<?cs call:input("email", Form.email, Lang.org.member.email, "email") ?>
<?cs call:input("position", Form.position, Lang.org.contacts.position, "text") ?>
