<?cs # Shared look.  Every value goes through var:, which escapes HTML (Config.VarEscapeMode = html). ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.csrf ?>"><?cs /def ?>

<?cs # A labelled input with its error below it.  f is the Form.<name> node. ?>
<?cs def:input(name, f, label, type) ?>
<div class="field<?cs if:f.error ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"<?cs if:type != "password" ?> value="<?cs var:f.value ?>"<?cs /if ?><?cs if:f.error ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
  <?cs if:f.error ?><p class="error" id="e-<?cs var:name ?>"><?cs var:f.error ?></p><?cs /if ?>
</div>
<?cs /def ?>

<?cs def:field_error(f) ?><?cs if:f.error ?><p class="error"><?cs var:f.error ?></p><?cs /if ?><?cs /def ?>

<?cs def:form_error() ?><?cs if:Form.form.error ?><p class="error form-error" role="alert"><?cs var:Form.form.error ?></p><?cs /if ?><?cs /def ?>
