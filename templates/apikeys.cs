<?cs include:"header.cs" ?><?cs if:Page.area == "org" ?><?cs include:"org/tabs.cs" ?><?cs else ?><?cs include:"console/nav.cs" ?><?cs /if ?>
<section>
  <h1><?cs var:Lang.apikeys.title ?></h1>
  <p class="hint"><?cs var:Lang.apikeys.intro ?></p>
  <p class="hint"><?cs var:Lang.apikeys.endpoint ?> <code id="api-endpoint"><?cs var:Page.endpoint ?></code></p>
  <?cs if:NewKey.access_key ?>
  <div class="notice" role="status" id="new-key">
    <h2><?cs var:Lang.apikeys.new_title ?></h2>
    <p><strong><?cs var:Lang.apikeys.new_warning ?></strong></p>
    <p><?cs var:Lang.apikeys.access_key ?>: <code id="new-ak"><?cs var:NewKey.access_key ?></code></p>
    <p><?cs var:Lang.apikeys.secret_key ?>: <code id="new-sk"><?cs var:NewKey.secret_key ?></code></p>
  </div>
  <?cs /if ?>
  <table id="api-keys">
    <thead><tr><th><?cs var:Lang.apikeys.access_key ?></th><?cs if:Page.org ?><th><?cs var:Lang.apikeys.owner ?></th><?cs /if ?><th><?cs var:Lang.apikeys.description ?></th><th><?cs var:Lang.apikeys.created_at ?></th><th><?cs var:Lang.apikeys.last_used ?></th><th><?cs var:Lang.apikeys.operation ?></th></tr></thead>
    <tbody><?cs each:k = Keys ?><tr data-id="<?cs var:k.id ?>">
      <td><code><?cs var:k.access_key ?></code></td><?cs if:Page.org ?><td><?cs var:k.name ?> (<?cs var:k.username ?>)</td><?cs /if ?><td><?cs var:k.description ?></td><td><?cs var:k.created_at ?></td>
      <td><?cs if:k.last_used_at ?><?cs var:k.last_used_at ?><?cs else ?><?cs var:Lang.apikeys.never ?><?cs /if ?></td>
      <td class="actions"><a href="<?cs var:Page.base ?>/<?cs var:k.id ?>/delete"><?cs var:Lang.apikeys.delete ?></a></td>
    </tr><?cs /each ?></tbody>
  </table>
  <p class="hint"><?cs var:Lang.apikeys.limit ?></p>
  <h2><?cs var:Lang.apikeys.create ?></h2>
  <?cs call:form_error() ?>
  <?cs if:!Page.ready ?><p class="hint" id="not-configured"><?cs var:Lang.apikeys.not_configured ?></p>
  <?cs else ?>
  <form method="post" action="<?cs var:Page.base ?>/new" novalidate><?cs call:csrf() ?>
    <?cs if:Page.org ?>
    <?cs call:field_open("f-owner", Form.owner, Lang.apikeys.owner) ?>
      <select id="f-owner" name="owner"<?cs call:invalid("owner", Form.owner) ?>><?cs call:option_rows(Members, "id", "name", "username", Form.owner.value) ?></select>
      <p class="hint"><?cs var:Lang.apikeys.owner_hint ?></p>
    <?cs call:field_close("owner", Form.owner) ?>
    <?cs /if ?>
    <?cs call:input("description", Form.description, Lang.apikeys.description, "text") ?>
    <button type="submit" class="primary" id="create-key"><?cs var:Lang.apikeys.create ?></button>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
