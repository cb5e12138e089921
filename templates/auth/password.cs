<?cs include:"header.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.auth.password.title ?></h1>
  <?cs if:Page.must_change ?><p class="notice" id="must-change"><?cs var:Lang.auth.password.must_change ?></p><?cs /if ?>
  <p class="hint"><?cs var:Lang.auth.password.policy ?></p>
  <form method="post" action="/auth/password" novalidate><?cs call:csrf() ?>
    <?cs call:input("current", Form.current, Lang.auth.password.current, "password") ?>
    <?cs call:input("password", Form.password, Lang.auth.password.new, "password") ?>
    <?cs call:input("confirm", Form.confirm, Lang.auth.password.confirm, "password") ?>
    <?cs call:checkbox("logout_others", Form.logout_others, Lang.auth.password.logout_others, "1") ?>
    <button type="submit" class="primary"><?cs var:Lang.common.ok ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
