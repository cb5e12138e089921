<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Lang.org.member.roles_title ?>: <?cs var:Member.0.name ?></h1>
  <?cs if:Member.0.managers > 0 ?><p class="notice" id="detach-warning"><?cs var:Lang.org.member.detach_warning ?> <?cs var:Member.0.managers ?></p><?cs /if ?>
  <form method="post" action="/org/members/<?cs var:Member.0.id ?>/roles"><?cs call:csrf() ?>
    <?cs include:"org/role_picker.cs" ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.ok ?></button>
    <a class="button" href="/org/members/<?cs var:Member.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
