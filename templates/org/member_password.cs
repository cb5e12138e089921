<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.org.member.password_title ?>: <?cs var:Member.0.name ?></h1>
  <p class="hint"><?cs var:Lang.org.member.password_hint ?></p>
  <form method="post" action="/org/members/<?cs var:Member.0.id ?>/password" novalidate><?cs call:csrf() ?>
    <?cs call:input("password", Form.password, Lang.auth.password.new, "password") ?>
    <?cs call:input("confirm", Form.confirm, Lang.auth.password.confirm, "password") ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.ok ?></button>
    <a class="button" href="/org/members/<?cs var:Member.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
