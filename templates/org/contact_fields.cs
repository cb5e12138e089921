<?cs call:input("name", Form.name, Lang.org.members.name, "text") ?>
<div class="inline">
  <?cs call:input("mobile_cc", Form.mobile_cc, Lang.org.member.mobile_cc, "text") ?>
  <?cs call:input("mobile", Form.mobile, Lang.org.member.mobile, "tel") ?>
</div>
<?cs call:input("email", Form.email, Lang.org.member.email, "email") ?>
<?cs call:input("position", Form.position, Lang.org.contacts.position, "text") ?>
