<?cs include:"header.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.auth.signup.title ?></h1>
  <p class="hint"><?cs var:Lang.auth.signup.intro ?></p>
  <form method="post" action="/auth/signup" novalidate><?cs call:csrf() ?>
    <?cs call:field_open("f-country", Form.country, Lang.auth.signup.country) ?>
      <select id="f-country" name="country"<?cs call:invalid("country", Form.country) ?>><option value=""><?cs var:Lang.common.choose ?></option><?cs call:option_rows(Countries, "code", "label", "", Form.country.value) ?></select>
      <p class="hint"><?cs var:Lang.auth.signup.country_hint ?></p>
    <?cs call:field_close("country", Form.country) ?>
    <?cs call:input("username", Form.username, Lang.auth.signup.username, "text") ?>
    <?cs call:input("name", Form.name, Lang.auth.signup.name, "text") ?>
    <?cs call:input("email", Form.email, Lang.auth.signup.email, "email") ?>
    <div class="inline">
      <?cs call:input("code", Form.code, Lang.auth.signup.code, "text") ?>
      <button type="submit" formaction="/auth/signup/code" id="get-code"><?cs var:Lang.auth.signup.get_code ?></button>
    </div>
    <?cs call:input("password", Form.password, Lang.auth.signup.password, "password") ?>
    <?cs call:input("confirm", Form.confirm, Lang.auth.signup.confirm, "password") ?>
    <p class="hint"><?cs var:Lang.auth.password.policy ?></p>
    <p class="hint"><?cs var:Lang.auth.signup.agreement ?></p>
    <button type="submit" class="primary" id="register"><?cs var:Lang.auth.signup.submit ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
