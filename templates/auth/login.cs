<?cs include:"header.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.auth.login.title ?></h1>
  <?cs call:form_error() ?>
  <form method="post" action="/auth/login" novalidate><?cs call:csrf() ?>
    <input type="hidden" name="next" value="<?cs var:Form.next.value ?>">
    <?cs call:input("username", Form.username, Lang.auth.login.username, "text") ?>
    <?cs call:input("password", Form.password, Lang.auth.login.password, "password") ?>
    <button type="submit" class="primary" id="login-submit"><?cs var:Lang.auth.login.submit ?></button>
  </form>
  <p><a href="/auth/signup"><?cs var:Lang.auth.login.register ?></a> · <a href="/auth/forgot" id="forgot"><?cs var:Lang.auth.login.forgot ?></a></p>
</section>
<?cs include:"footer.cs" ?>
