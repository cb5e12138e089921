<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Lang.org.members.title ?></h1>
  <div class="toolbar"><a class="button primary" href="/org/members/new" id="create-user"><?cs var:Lang.org.members.create ?></a></div>
  <form class="filters" method="get" action="/org/members">
    <?cs call:filter_rows("role", Lang.org.members.role, Roles, "id", "name", Lang.org.all) ?>
    <?cs call:filter_select_except("status", Lang.org.members.status, Lang.org.status, Lang.org.all, "deleted") ?>
    <?cs call:filter_input("name", Lang.org.members.name, "text") ?>
    <?cs call:filter_input("username", Lang.org.members.username, "text") ?>
    <details class="field"><summary><?cs var:Lang.org.members.columns ?></summary>
      <?cs each:col = Lang.org.members.col ?><label><input type="checkbox" name="cols" value="<?cs name:col ?>"<?cs if:Cols[name(col)] ?> checked<?cs /if ?>> <?cs var:col ?></label><?cs /each ?>
    </details>
    <button type="submit" id="search"><?cs var:Lang.org.search ?></button>
  </form>
  <table id="members">
    <thead><tr>
      <th><?cs var:Lang.org.members.username ?></th><th><?cs var:Lang.org.members.name ?></th>
      <?cs if:Cols.mobile ?><th><?cs var:Lang.org.members.col.mobile ?></th><?cs /if ?>
      <?cs if:Cols.email ?><th><?cs var:Lang.org.members.col.email ?></th><?cs /if ?>
      <?cs if:Cols.office_phone ?><th><?cs var:Lang.org.members.col.office_phone ?></th><?cs /if ?>
      <?cs if:Cols.roles ?><th><?cs var:Lang.org.members.col.roles ?></th><?cs /if ?>
      <?cs if:Cols.status ?><th><?cs var:Lang.org.members.col.status ?></th><?cs /if ?>
      <?cs if:Cols.last_login ?><th><?cs var:Lang.org.members.col.last_login ?></th><?cs /if ?>
      <th><?cs var:Lang.org.operation ?></th>
    </tr></thead>
    <tbody>
    <?cs each:m = Members ?><tr data-username="<?cs var:m.username ?>">
      <td><?cs var:m.username ?></td>
      <td><a href="/org/members/<?cs var:m.id ?>"><?cs var:m.name ?></a></td>
      <?cs if:Cols.mobile ?><td><?cs var:m.mobile_cc ?> <?cs var:m.mobile ?></td><?cs /if ?>
      <?cs if:Cols.email ?><td><?cs var:m.email ?></td><?cs /if ?>
      <?cs if:Cols.office_phone ?><td><?cs var:m.office_phone ?></td><?cs /if ?>
      <?cs if:Cols.roles ?><td class="roles"><?cs var:m.roles ?></td><?cs /if ?>
      <?cs if:Cols.status ?><td><span class="badge <?cs var:m.status ?>"><?cs var:Lang.org.status[m.status] ?></span></td><?cs /if ?>
      <?cs if:Cols.last_login ?><td><?cs var:m.last_login ?></td><?cs /if ?>
      <td class="actions"><a href="/org/members/<?cs var:m.id ?>/edit"><?cs var:Lang.org.modify ?></a> ·
        <a href="/org/members/<?cs var:m.id ?>/roles"><?cs var:Lang.org.members.assign_role ?></a> ·
        <a href="/org/members/<?cs var:m.id ?>/password"><?cs var:Lang.org.members.reset_password ?></a> ·
        <a href="/org/members/<?cs var:m.id ?>/delete" data-dialog><?cs var:Lang.org.delete ?></a></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs if:!subcount(Members) ?><p class="hint" id="no-members"><?cs var:Lang.org.members.none ?></p><?cs /if ?>
  <?cs call:next_page("/org/members", "role=" + url_escape(Filter.role) + "&status=" + url_escape(Filter.status) + "&name=" + url_escape(Filter.name) + "&username=" + url_escape(Filter.username)) ?>
</section>
<?cs include:"footer.cs" ?>
