<?cs # Shared parts of the expenditure pages: a text filter, a select of enum values, the eye toggle, the export form. ?>
<?cs def:spend_input(name, label) ?>
<div class="field<?cs if:Filter[name].error ?> has-error<?cs /if ?>"><label for="q-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="q-<?cs var:name ?>" name="<?cs var:name ?>" type="text" value="<?cs var:Filter[name].value ?>"<?cs if:Filter[name].error ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:Filter[name].error ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Filter[name].error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:spend_day(name, label) ?>
<div class="field<?cs if:Filter[name].error ?> has-error<?cs /if ?>"><label for="q-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="q-<?cs var:name ?>" name="<?cs var:name ?>" type="date" value="<?cs var:Filter[name].value ?>"<?cs if:Filter[name].error ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:Filter[name].error ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Filter[name].error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:spend_select(name, label, choices, all) ?>
<div class="field<?cs if:Filter[name].error ?> has-error<?cs /if ?>"><label for="q-<?cs var:name ?>"><?cs var:label ?></label>
  <select id="q-<?cs var:name ?>" name="<?cs var:name ?>"><?cs if:all ?><option value=""><?cs var:Lang.spend.all ?></option><?cs /if ?>
    <?cs each:o = choices ?><option value="<?cs name:o ?>"<?cs if:Filter[name].value == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
  <?cs if:Filter[name].error ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Filter[name].error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:spend_managers() ?>
<div class="field<?cs if:Filter.am.error ?> has-error<?cs /if ?>"><label for="q-am"><?cs var:Lang.spend.f.am ?></label>
  <select id="q-am" name="am"><option value=""><?cs var:Lang.spend.all ?></option>
    <?cs each:m = Managers ?><option value="<?cs var:m.id ?>"<?cs if:Filter.am.value == m.id ?> selected<?cs /if ?>><?cs var:m.name ?></option><?cs /each ?></select>
  <?cs if:Filter.am.error ?><p class="error" id="e-am"><?cs var:Filter.am.error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:spend_eye() ?><?cs if:Eye.name.href ?><a class="eye<?cs if:Eye.name.on ?> on<?cs /if ?>" href="<?cs var:Eye.name.href ?>" id="eye-name" title="<?cs if:Eye.name.on ?><?cs var:Lang.spend.hide ?><?cs else ?><?cs var:Lang.spend.show ?><?cs /if ?>"><?cs if:Eye.name.on ?><?cs var:Lang.spend.eye_hide ?><?cs else ?><?cs var:Lang.spend.eye_show ?><?cs /if ?></a><?cs /if ?><?cs /def ?>
<?cs def:spend_export(action) ?><?cs if:Page.can_export && !Page.bad_filters ?>
<form method="post" action="<?cs var:action ?>" id="export" class="inline"><?cs call:csrf() ?>
  <?cs each:f = Filter ?><?cs if:f.value ?><input type="hidden" name="<?cs name:f ?>" value="<?cs var:f.value ?>"><?cs /if ?><?cs /each ?>
  <div class="field"><label for="export-format"><?cs var:Lang.spend.export.format ?></label>
    <select id="export-format" name="format"><option value="csv"><?cs var:Lang.spend.export.csv ?></option><option value="xlsx"><?cs var:Lang.spend.export.xlsx ?></option></select></div>
  <button type="submit" id="export-button"><?cs var:Lang.spend.export.button ?></button> <span class="hint"><?cs var:Lang.spend.export.note ?></span>
</form><?cs /if ?><?cs /def ?>
