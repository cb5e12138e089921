<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1 id="role-name"><?cs var:Role.0.name ?></h1>
  <p><?cs var:Lang.org.role_type[Role.0.type] ?> · <?cs var:Role.0.description ?></p>
  <h2><?cs var:Lang.org.role.perms ?></h2>
  <ul id="role-perms"><?cs each:p = Perms ?><li data-perm="<?cs var:p.code ?>"><?cs var:p.group ?> · <?cs var:p.label ?></li><?cs /each ?></ul>
  <h2 id="holders"><?cs var:Lang.org.roles.users ?></h2>
  <ul id="role-holders"><?cs each:u = Holders ?><li><a href="/org/members/<?cs var:u.id ?>"><?cs var:u.name ?></a> (<?cs var:u.username ?>)</li><?cs /each ?></ul>
  <?cs if:!subcount(Holders) ?><p class="hint"><?cs var:Lang.org.role.no_holders ?></p><?cs /if ?>
  <?cs if:Role.0.touch ?><p class="toolbar"><a class="button" href="/org/roles/<?cs var:Role.0.id ?>/edit"><?cs var:Lang.org.modify ?></a> <a class="button" href="/org/roles/<?cs var:Role.0.id ?>/delete" data-dialog><?cs var:Lang.org.delete ?></a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
