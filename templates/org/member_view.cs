<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1 id="member-name"><?cs var:Member.0.name ?></h1>
  <table class="details">
    <tr><th><?cs var:Lang.org.member.username ?></th><td id="member-username"><?cs var:Member.0.username ?></td></tr>
    <tr><th><?cs var:Lang.org.member.mobile ?></th><td><?cs var:Member.0.mobile_cc ?> <?cs var:Member.0.mobile ?></td></tr>
    <tr><th><?cs var:Lang.org.member.email ?></th><td><?cs var:Member.0.email ?></td></tr>
    <tr><th><?cs var:Lang.org.member.office_phone ?></th><td><?cs var:Member.0.office_phone ?></td></tr>
    <tr><th><?cs var:Lang.org.members.status ?></th><td id="member-status"><?cs var:Lang.org.status[Member.0.status] ?></td></tr>
    <tr><th><?cs var:Lang.org.member.roles ?></th><td id="member-roles"><?cs each:r = Roles ?><?cs if:r.checked ?><span class="badge"><?cs var:r.name ?></span> <?cs /if ?><?cs /each ?></td></tr>
    <tr><th><?cs var:Lang.org.member.director ?></th><td id="member-director"><?cs if:Member.0.director_name ?><?cs var:Member.0.director_name ?><?cs else ?>—<?cs /if ?></td></tr>
    <?cs if:Member.0.managers > 0 ?><tr><th><?cs var:Lang.org.member.managers ?></th><td><?cs var:Member.0.managers ?></td></tr><?cs /if ?>
    <tr><th><?cs var:Lang.org.members.col.last_login ?></th><td><?cs var:Member.0.last_login ?></td></tr>
  </table>
  <?cs if:!Member.0.protected ?>
  <p class="toolbar">
    <a class="button" href="/org/members/<?cs var:Member.0.id ?>/edit"><?cs var:Lang.org.modify ?></a>
    <?cs if:!Member.0.is_self ?>
    <a class="button" href="/org/members/<?cs var:Member.0.id ?>/roles"><?cs var:Lang.org.members.assign_role ?></a>
    <a class="button" href="/org/members/<?cs var:Member.0.id ?>/password"><?cs var:Lang.org.members.reset_password ?></a>
    <a class="button" href="/org/members/<?cs var:Member.0.id ?>/delete" data-dialog><?cs var:Lang.org.delete ?></a>
    <?cs /if ?>
  </p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
