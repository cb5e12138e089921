<?cs include:"header.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.auth.forgot.title ?></h1>
  <p class="hint"><?cs var:Lang.auth.forgot.intro ?></p>
  <form method="post" action="/auth/forgot" novalidate><?cs call:csrf() ?>
    <div class="inline">
      <?cs call:input("login", Form.login, Lang.auth.forgot.login, "text") ?>
      <button type="submit" formaction="/auth/forgot/code" id="get-code"><?cs var:Lang.auth.forgot.get_code ?></button>
    </div>
    <?cs call:input("code", Form.code, Lang.auth.forgot.code, "text") ?>
    <?cs call:input("password", Form.password, Lang.auth.forgot.password, "password") ?>
    <?cs call:input("confirm", Form.confirm, Lang.auth.forgot.confirm, "password") ?>
    <p class="hint"><?cs var:Lang.auth.password.policy ?></p>
    <button type="submit" class="primary" id="reset"><?cs var:Lang.auth.forgot.submit ?></button>
  </form>
  <p><a href="/auth/login"><?cs var:Lang.auth.forgot.back ?></a></p>
</section>
<?cs include:"footer.cs" ?>
