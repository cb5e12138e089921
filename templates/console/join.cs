<?cs include:"header.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.console.join.title ?></h1>
  <?cs if:Join.partner ?><p id="partner"><?cs var:Lang.console.join.invited_by ?>: <strong><?cs var:Join.partner ?></strong></p><?cs /if ?>
  <?cs if:Join.closed ?>
    <p class="error form-error" role="alert" id="failure" data-code="<?cs var:Join.failure_code ?>"><?cs var:Join.failure ?></p>
    <p class="hint"><?cs var:Lang.console.join.closed ?></p>
  <?cs else ?>
  <p class="hint"><?cs var:Lang.console.join.model ?></p>
  <p class="notice" id="freeze-warning"><?cs var:Lang.console.join.warning ?> <?cs var:Lang.console.join.alternative ?></p>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.console.join.register ?></h2>
  <form method="post" action="/console/join" id="register-form" novalidate><?cs call:csrf() ?>
    <input type="hidden" name="t" value="<?cs var:Join.token ?>"><input type="hidden" name="via" value="<?cs var:Join.via ?>">
    <input type="hidden" name="action" value="register">
    <?cs call:select_rows("country", Form.country, Lang.console.join.country, Countries, "code", "label", "", Lang.common.choose) ?>
    <?cs call:input("username", Form.username, Lang.console.join.username, "text") ?>
    <?cs call:input("name", Form.name, Lang.console.join.name, "text") ?>
    <?cs call:input("email", Form.email, Lang.console.join.email, "email") ?>
    <?cs call:input("password", Form.password, Lang.console.join.password, "password") ?>
    <?cs call:input("confirm", Form.confirm, Lang.console.join.confirm, "password") ?>
    <p class="hint"><?cs var:Lang.auth.password.policy ?></p>
    <?cs call:checkbox("agree", Form.agree, Lang.console.join.agree, "yes") ?>
    <button type="submit" class="primary" id="register"><?cs var:Lang.console.join.register ?></button>
  </form>
  <h2><?cs var:Lang.console.join.login ?></h2>
  <?cs if:Join.online ?>
  <p class="hint"><?cs var:Lang.console.join.login_note ?></p>
  <form method="post" action="/console/join" id="login-form" novalidate><?cs call:csrf() ?>
    <input type="hidden" name="t" value="<?cs var:Join.token ?>"><input type="hidden" name="via" value="<?cs var:Join.via ?>">
    <input type="hidden" name="action" value="login">
    <?cs call:input("login", Form.login, Lang.console.join.login_name, "text") ?>
    <?cs call:input("login_password", Form.login_password, Lang.console.join.login_password, "password") ?>
    <?cs call:checkbox("agree_login", Form.agree_login, Lang.console.join.agree, "yes") ?>
    <button type="submit" id="login"><?cs var:Lang.console.join.login ?></button>
  </form>
  <?cs else ?><p class="hint" id="offline-note"><?cs var:Lang.console.join.offline_note ?></p><?cs /if ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
