<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Lang.org.members.title ?></h1>
  <div class="toolbar"><a class="button primary" href="/org/members/new" id="create-user"><?cs var:Lang.org.members.create ?></a></div>
  <form class="filters" method="get" action="/org/members">
    <div class="field"><label for="q-role"><?cs var:Lang.org.members.role ?></label>
      <select id="q-role" name="role"><option value=""><?cs var:Lang.org.all ?></option>
      <?cs each:r = Roles ?><option value="<?cs var:r.id ?>"<?cs if:Filter.role == r.id ?> selected<?cs /if ?>><?cs var:r.name ?></option><?cs /each ?>
      </select></div>
    <div class="field"><label for="q-status"><?cs var:Lang.org.members.status ?></label>
      <select id="q-status" name="status"><option value=""><?cs var:Lang.org.all ?></option>
        <option value="normal"<?cs if:Filter.status == "normal" ?> selected<?cs /if ?>><?cs var:Lang.org.status.normal ?></option>
        <option value="locked"<?cs if:Filter.status == "locked" ?> selected<?cs /if ?>><?cs var:Lang.org.status.locked ?></option>
      </select></div>
    <div class="field"><label for="q-name"><?cs var:Lang.org.members.name ?></label><input type="text" id="q-name" name="name" value="<?cs var:Filter.name ?>"></div>
    <div class="field"><label for="q-username"><?cs var:Lang.org.members.username ?></label><input type="text" id="q-username" name="username" value="<?cs var:Filter.username ?>"></div>
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
        <a href="/org/members/<?cs var:m.id ?>/delete"><?cs var:Lang.org.delete ?></a></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs if:!subcount(Members) ?><p class="hint" id="no-members"><?cs var:Lang.org.members.none ?></p><?cs /if ?>
  <?cs if:Page.next_after ?><p><a id="next-page" href="/org/members?role=<?cs var:url_escape(Filter.role) ?>&amp;status=<?cs var:url_escape(Filter.status) ?>&amp;name=<?cs var:url_escape(Filter.name) ?>&amp;username=<?cs var:url_escape(Filter.username) ?>&amp;after=<?cs var:Page.next_after ?>"><?cs var:Lang.org.next_page ?></a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
