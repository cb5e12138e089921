<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Page.title ?></h1>
  <?cs call:form_error() ?>
  <form method="post" action="<?cs if:Page.creating == "1" ?>/org/roles/new<?cs else ?>/org/roles/<?cs var:Role.0.id ?>/edit<?cs /if ?>" novalidate><?cs call:csrf() ?>
    <h2><?cs var:Lang.org.role.basic ?></h2>
    <?cs call:input("name", Form.name, Lang.org.roles.name, "text") ?>
    <?cs call:input("description", Form.description, Lang.org.roles.description, "text") ?>
    <fieldset class="field<?cs if:Form.perms.error ?> has-error<?cs /if ?>" id="perm-picker"><legend><?cs var:Lang.org.role.perms ?></legend>
      <p class="hint"><?cs var:Lang.org.role.perms_hint ?></p>
      <div class="checks">
      <?cs each:p = Perms ?><?cs if:!p.admin_only ?><label><input type="checkbox" name="perms" value="<?cs var:p.code ?>"<?cs if:p.checked || p.default ?> checked<?cs /if ?><?cs if:p.default ?> disabled<?cs /if ?>> <?cs var:p.group ?> · <?cs var:p.label ?></label><?cs /if ?><?cs /each ?>
      </div>
      <?cs call:field_error(Form.perms) ?>
    </fieldset>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.ok ?></button>
    <a class="button" href="/org/roles"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
