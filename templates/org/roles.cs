<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Lang.org.roles.title ?></h1>
  <div class="toolbar"><a class="button primary" href="/org/roles/new" id="create-role"><?cs var:Lang.org.roles.create ?></a>
    <span class="hint" id="custom-count"><?cs var:Lang.org.roles.custom_count ?> <?cs var:Page.custom_count ?> / <?cs var:Page.custom_limit ?></span></div>
  <table id="roles">
    <thead><tr><th><?cs var:Lang.org.roles.name ?></th><th><?cs var:Lang.org.roles.type ?></th><th><?cs var:Lang.org.roles.description ?></th><th><?cs var:Lang.org.roles.users ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:r = RoleList ?><tr data-role="<?cs var:r.name ?>">
      <td><?cs var:r.name ?></td>
      <td><?cs var:Lang.org.role_type[r.type] ?></td>
      <td><?cs var:r.description ?></td>
      <td><a href="/org/roles/<?cs var:r.id ?>#holders"><?cs var:r.users ?></a></td>
      <td class="actions"><a href="/org/roles/<?cs var:r.id ?>"><?cs var:Lang.org.view_details ?></a><?cs if:r.touch ?> ·
        <a href="/org/roles/<?cs var:r.id ?>/edit"><?cs var:Lang.org.modify ?></a> ·
        <a href="/org/roles/<?cs var:r.id ?>/delete" data-dialog><?cs var:Lang.org.delete ?></a><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
