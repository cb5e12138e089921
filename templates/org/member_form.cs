<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Page.title ?></h1>
  <?cs call:form_error() ?>
  <form method="post" action="<?cs if:Page.creating == "1" ?>/org/members/new<?cs else ?>/org/members/<?cs var:Member.0.id ?>/edit<?cs /if ?>" novalidate><?cs call:csrf() ?>
    <h2><?cs var:Lang.org.member.info ?></h2>
    <?cs if:Page.creating == "1" ?>
      <?cs call:input_hint("username", Form.username, Lang.org.member.username, "text", Lang.org.member.username_hint) ?>
    <?cs else ?>
      <div class="field"><label><?cs var:Lang.org.member.username ?></label><p id="username-fixed"><?cs var:Member.0.username ?></p><?cs call:field_error(Form.username) ?></div>
    <?cs /if ?>
    <?cs call:input("name", Form.name, Lang.org.member.name, "text") ?>
    <div class="inline">
      <?cs call:field_open("f-mobile_cc", Form.mobile_cc, Lang.org.member.mobile_cc) ?>
        <select id="f-mobile_cc" name="mobile_cc"<?cs call:invalid("mobile_cc", Form.mobile_cc) ?>><?cs call:option_values(CountryCodes, Form.mobile_cc.value) ?></select>
      <?cs call:field_close("mobile_cc", Form.mobile_cc) ?>
      <?cs call:input("mobile", Form.mobile, Lang.org.member.mobile, "tel") ?>
    </div>
    <?cs call:input("email", Form.email, Lang.org.member.email, "email") ?>
    <?cs call:input("office_phone", Form.office_phone, Lang.org.member.office_phone, "tel") ?>
    <fieldset class="field<?cs if:Form.status.error ?> has-error<?cs /if ?>"><legend><?cs var:Lang.org.members.status ?></legend>
      <label><input type="radio" name="status" value="normal"<?cs if:Form.status.value != "locked" ?> checked<?cs /if ?>> <?cs var:Lang.org.status.normal ?></label>
      <label><input type="radio" name="status" value="locked" id="status-locked"<?cs if:Form.status.value == "locked" ?> checked<?cs /if ?>> <?cs var:Lang.org.status.locked ?></label>
      <?cs call:field_error(Form.status) ?>
    </fieldset>
    <?cs each:r = Roles ?><?cs if:r.code == "ACCOUNT_MANAGER" ?><?cs set:Page.manager_role = r.id ?><?cs if:r.checked ?><?cs set:Page.is_manager = 1 ?><?cs /if ?><?cs /if ?><?cs /each ?>
    <?cs if:Page.creating == "1" || Page.is_manager ?>
    <div id="director-field"<?cs if:Page.creating == "1" ?> data-show-when="role-<?cs var:Page.manager_role ?>"<?cs /if ?>><?cs call:field_open("f-director_id", Form.director_id, Lang.org.member.director) ?>
      <select id="f-director_id" name="director_id"<?cs call:invalid("director_id", Form.director_id) ?>><option value=""><?cs var:Lang.org.member.no_director ?></option><?cs call:option_rows(Directors, "id", "name", "username", Form.director_id.value) ?></select>
      <p class="hint"><?cs var:Lang.org.member.director_hint ?></p>
    <?cs call:field_close("director_id", Form.director_id) ?></div>
    <?cs /if ?>
    <?cs if:Page.creating == "1" ?>
      <h2><?cs var:Lang.org.member.initial_password ?></h2>
      <p class="hint"><?cs var:Lang.org.member.initial_password_hint ?></p>
      <?cs call:input("password", Form.password, Lang.auth.password.new, "password") ?>
      <?cs call:input("confirm", Form.confirm, Lang.auth.password.confirm, "password") ?>
      <?cs include:"org/role_picker.cs" ?>
    <?cs /if ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.ok ?></button>
    <a class="button" href="/org/members"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
