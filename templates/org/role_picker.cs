<?cs # The role picker of spec 5.1.1.3 step 2: checkbox, name, type, description, holders. ?>
<fieldset class="field<?cs if:Form.roles.error ?> has-error<?cs /if ?>" id="role-picker">
  <legend><?cs var:Lang.org.member.roles ?></legend>
  <p class="hint"><?cs var:Lang.org.member.roles_hint ?></p>
  <table>
    <thead><tr><th></th><th><?cs var:Lang.org.roles.name ?></th><th><?cs var:Lang.org.roles.type ?></th><th><?cs var:Lang.org.roles.description ?></th><th><?cs var:Lang.org.roles.users ?></th></tr></thead>
    <tbody><?cs each:r = Roles ?><tr>
      <td><input type="checkbox" name="roles" value="<?cs var:r.id ?>" id="role-<?cs var:r.id ?>"<?cs if:r.checked ?> checked<?cs /if ?>></td>
      <td><label for="role-<?cs var:r.id ?>"><?cs var:r.name ?></label></td>
      <td><?cs var:Lang.org.role_type[r.type] ?></td>
      <td><?cs var:r.description ?></td>
      <td><?cs var:r.users ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs call:field_error(Form.roles) ?>
</fieldset>
