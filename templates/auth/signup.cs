<?cs include:"header.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.auth.signup.title ?></h1>
  <p class="hint"><?cs var:Lang.auth.signup.intro ?></p>
  <form method="post" action="/auth/signup" novalidate><?cs call:csrf() ?>
    <div class="field<?cs if:Form.country.error ?> has-error<?cs /if ?>">
      <label for="f-country"><?cs var:Lang.auth.signup.country ?></label>
      <select id="f-country" name="country">
        <option value=""><?cs var:Lang.common.choose ?></option>
        <?cs each:ct = Countries ?><option value="<?cs var:ct.code ?>"<?cs if:Form.country.value == ct.code ?> selected<?cs /if ?>><?cs var:ct.label ?></option><?cs /each ?>
      </select>
      <p class="hint"><?cs var:Lang.auth.signup.country_hint ?></p>
      <?cs call:field_error(Form.country) ?>
    </div>
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
