<?cs # The shared parts of every page (header.cs includes this file first, so every template has them).
  Every value goes through var:, which escapes HTML (Config.VarEscapeMode = html); nothing here prints raw.
  Every text comes from the language files: pages pass their labels in.
  ClearSilver checks the number of arguments of a call, so each variant is a macro of its own.

  f: the node of one field, Form.NAME (a form) or Filter.NAME (a list's filters): f.value is the value
     to show again, f.error the message of its validation.  Some filters are kept as plain values
     (Filter.NAME = value, no children): every macro here takes both shapes.
  A field is <div class="field"> with its label, the control, and under it the error as
  <p class="error" id="e-NAME">, which the control points at (aria-invalid, aria-describedby).
  Controls are named NAME and have the id f-NAME in forms, q-NAME in the filters of a list. ?>

<?cs # --- CSRF and form-level messages ------------------------------------------------------------ ?>
<?cs # The CSRF token: the first thing in every POST form. ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.csrf ?>"><?cs /def ?>

<?cs # The error of a whole form (Form.form.error), above it. ?>
<?cs def:form_error() ?><?cs if:Form.form.error ?><p class="error form-error" role="alert"><?cs var:Form.form.error ?></p><?cs /if ?><?cs /def ?>

<?cs # The error of a group of controls (a fieldset of radios or checkboxes, a table of rows), without id. ?>
<?cs def:field_error(f) ?><?cs if:f.error ?><p class="error"><?cs var:f.error ?></p><?cs /if ?><?cs /def ?>

<?cs # --- Building blocks of a field (use them for a control the macros below do not draw) ---------- ?>
<?cs # The value of f in either shape (f.value, or f itself). ?>
<?cs def:kept(f) ?><?cs var:f ?><?cs var:f.value ?><?cs /def ?>

<?cs # The opening of a field: its box, marked when f has an error, and the label of the control id. ?>
<?cs def:field_open(id, f, label) ?>
<div class="field<?cs if:f.error ?> has-error<?cs /if ?>">
  <label for="<?cs var:id ?>"><?cs var:label ?></label><?cs /def ?>

<?cs # Inside the control's tag: marks it invalid and points at its error. ?>
<?cs def:invalid(name, f) ?><?cs if:f.error ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?><?cs /def ?>

<?cs # The end of a field: the error, then the end of the box. ?>
<?cs def:field_close(name, f) ?><?cs if:f.error ?>
  <p class="error" id="e-<?cs var:name ?>"><?cs var:f.error ?></p><?cs /if ?>
</div><?cs /def ?>

<?cs # Options from a subtree of names and texts (value: the name, text: the value) but the one named except
  ("": none); cur is selected. ?>
<?cs def:options(choices, cur, except) ?><?cs each:o = choices ?><?cs if:name(o) != except ?><option value="<?cs name:o ?>"<?cs if:cur == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /if ?><?cs /each ?><?cs /def ?>

<?cs # Options from rows (Managers.N): value r[vkey], text r[lkey], and " (r[pkey])" unless pkey is "". ?>
<?cs def:option_rows(rows, vkey, lkey, pkey, cur) ?><?cs each:r = rows ?><option value="<?cs var:r[vkey] ?>"<?cs if:cur == r[vkey] ?> selected<?cs /if ?>><?cs var:r[lkey] ?><?cs if:pkey ?> (<?cs var:r[pkey] ?>)<?cs /if ?></option><?cs /each ?><?cs /def ?>

<?cs # Options whose value is their text (a list of plain values: CountryCodes.N). ?>
<?cs def:option_values(list, cur) ?><?cs each:v = list ?><option value="<?cs var:v ?>"<?cs if:cur == v ?> selected<?cs /if ?>><?cs var:v ?></option><?cs /each ?><?cs /def ?>

<?cs # options() and option_rows() with the value of f selected, in either shape of f. ?>
<?cs def:options_of(choices, f, except) ?><?cs if:subcount(f) ?><?cs call:options(choices, f.value, except) ?><?cs else ?><?cs call:options(choices, f, except) ?><?cs /if ?><?cs /def ?>
<?cs def:option_rows_of(rows, vkey, lkey, pkey, f) ?><?cs if:subcount(f) ?><?cs call:option_rows(rows, vkey, lkey, pkey, f.value) ?><?cs else ?><?cs call:option_rows(rows, vkey, lkey, pkey, f) ?><?cs /if ?><?cs /def ?>

<?cs # An input of any id: required (1/0), min, max, maxlength and a hint under it ("": none).  A password is
  never shown again. ?>
<?cs def:input_field(id, name, f, label, type, required, min, max, maxlength, hint) ?><?cs call:field_open(id, f, label) ?>
  <input id="<?cs var:id ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"<?cs if:min ?> min="<?cs var:min ?>"<?cs /if ?><?cs if:max ?> max="<?cs var:max ?>"<?cs /if ?><?cs if:maxlength ?> maxlength="<?cs var:maxlength ?>"<?cs /if ?><?cs if:type != "password" ?> value="<?cs call:kept(f) ?>"<?cs /if ?><?cs if:required ?> required<?cs /if ?><?cs call:invalid(name, f) ?>><?cs if:hint ?>
  <p class="hint"><?cs var:hint ?></p><?cs /if ?>
<?cs call:field_close(name, f) ?><?cs /def ?>

<?cs # A select of any id: the options of choices (a subtree) but except, after an empty one labelled empty
  ("": none of them). ?>
<?cs def:select_field(id, name, f, label, choices, empty, except) ?><?cs call:field_open(id, f, label) ?>
  <select id="<?cs var:id ?>" name="<?cs var:name ?>"<?cs call:invalid(name, f) ?>><?cs if:empty ?><option value=""><?cs var:empty ?></option><?cs /if ?><?cs call:options_of(choices, f, except) ?></select>
<?cs call:field_close(name, f) ?><?cs /def ?>

<?cs # The same with the options of rows (see option_rows). ?>
<?cs def:select_rows_field(id, name, f, label, rows, vkey, lkey, pkey, empty) ?><?cs call:field_open(id, f, label) ?>
  <select id="<?cs var:id ?>" name="<?cs var:name ?>"<?cs call:invalid(name, f) ?>><?cs if:empty ?><option value=""><?cs var:empty ?></option><?cs /if ?><?cs call:option_rows_of(rows, vkey, lkey, pkey, f) ?></select>
<?cs call:field_close(name, f) ?><?cs /def ?>

<?cs # --- Form fields: id f-NAME ------------------------------------------------------------------ ?>
<?cs # A labelled input (type text, email, tel, date, month, password...). ?>
<?cs def:input(name, f, label, type) ?><?cs call:input_field("f-" + name, name, f, label, type, 0, "", "", "", "") ?><?cs /def ?>

<?cs # The same with a hint under the input. ?>
<?cs def:input_hint(name, f, label, type, hint) ?><?cs call:input_field("f-" + name, name, f, label, type, 0, "", "", "", hint) ?><?cs /def ?>

<?cs # The same with an id of its own (two forms on one page, or an id the page has kept). ?>
<?cs def:field(id, name, f, label, type) ?><?cs call:input_field(id, name, f, label, type, 0, "", "", "", "") ?><?cs /def ?>

<?cs # A textarea of at most maxlength characters; required: 1 or 0. ?>
<?cs def:textarea(name, f, label, maxlength, required) ?><?cs call:field_open("f-" + name, f, label) ?>
  <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:maxlength ?>"<?cs if:required ?> required<?cs /if ?><?cs call:invalid(name, f) ?>><?cs call:kept(f) ?></textarea>
<?cs call:field_close(name, f) ?><?cs /def ?>

<?cs # A select of the names of a subtree of the language files, after an empty option labelled empty ("": none). ?>
<?cs def:select(name, f, label, choices, empty) ?><?cs call:select_field("f-" + name, name, f, label, choices, empty, "") ?><?cs /def ?>

<?cs # The same without the choice named except (a value the form does not offer). ?>
<?cs def:select_except(name, f, label, choices, empty, except) ?><?cs call:select_field("f-" + name, name, f, label, choices, empty, except) ?><?cs /def ?>

<?cs # A select of rows: value r[vkey], text r[lkey] (r[pkey]) (pkey "": none), after an empty option. ?>
<?cs def:select_rows(name, f, label, rows, vkey, lkey, pkey, empty) ?><?cs call:select_rows_field("f-" + name, name, f, label, rows, vkey, lkey, pkey, empty) ?><?cs /def ?>

<?cs # A checkbox with its label after it, ticked while f.value is set. ?>
<?cs def:checkbox(name, f, label, value) ?>
<div class="field check<?cs if:f.error ?> has-error<?cs /if ?>">
  <label><input type="checkbox" name="<?cs var:name ?>" value="<?cs var:value ?>" id="f-<?cs var:name ?>"<?cs if:f.value ?> checked<?cs /if ?><?cs call:invalid(name, f) ?>> <?cs var:label ?></label>
<?cs call:field_close(name, f) ?><?cs /def ?>

<?cs # A file to upload, of the types accept lists (".pdf,.zip"). ?>
<?cs def:file(name, f, label, accept) ?><?cs call:field_open("f-" + name, f, label) ?>
  <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="file" accept="<?cs var:accept ?>"<?cs call:invalid(name, f) ?>>
<?cs call:field_close(name, f) ?><?cs /def ?>

<?cs # --- Filters of a list: Filter.NAME, id q-NAME ------------------------------------------------ ?>
<?cs def:filter_input(name, label, type) ?><?cs call:input_field("q-" + name, name, Filter[name], label, type, 0, "", "", "", "") ?><?cs /def ?>

<?cs # An input the list cannot do without (the browser asks for it). ?>
<?cs def:filter_required(name, label, type) ?><?cs call:input_field("q-" + name, name, Filter[name], label, type, 1, "", "", "", "") ?><?cs /def ?>

<?cs # A month from min to max (YYYY-MM). ?>
<?cs def:filter_month(name, label, min, max) ?><?cs call:input_field("q-" + name, name, Filter[name], label, "month", 0, min, max, "", "") ?><?cs /def ?>

<?cs # A select of the names of a subtree; all labels the option of no filter ("": none). ?>
<?cs def:filter_select(name, label, choices, all) ?><?cs call:select_field("q-" + name, name, Filter[name], label, choices, all, "") ?><?cs /def ?>
<?cs def:filter_select_except(name, label, choices, all, except) ?><?cs call:select_field("q-" + name, name, Filter[name], label, choices, all, except) ?><?cs /def ?>

<?cs # A select of rows (value r[vkey], text r[lkey]). ?>
<?cs def:filter_rows(name, label, rows, vkey, lkey, all) ?><?cs call:select_rows_field("q-" + name, name, Filter[name], label, rows, vkey, lkey, "", all) ?><?cs /def ?>

<?cs # --- The parts of a list ------------------------------------------------------------------------ ?>
<?cs # The eye of a masked column (e: Eye.NAME with .href, the same list with the column flipped, and .on
  while it is shown in full); its id is eye-COL. ?>
<?cs def:eye(e, col) ?><?cs if:e.href ?><a class="eye<?cs if:e.on ?> on<?cs /if ?>" href="<?cs var:e.href ?>" id="eye-<?cs var:col ?>" title="<?cs if:e.on ?><?cs var:Lang.common.eye.hide_title ?><?cs else ?><?cs var:Lang.common.eye.show_title ?><?cs /if ?>"><?cs if:e.on ?><?cs var:Lang.common.eye.hide ?><?cs else ?><?cs var:Lang.common.eye.show ?><?cs /if ?></a><?cs /if ?><?cs /def ?>

<?cs # The link to the next page of a keyset list (Page.next_after): path?query&after=ID, query as the page
  made it (with or without its last &). ?>
<?cs def:next_page(path, query) ?><?cs if:Page.next_after ?>
  <p class="paging"><a id="next-page" href="<?cs var:path ?>?<?cs var:query ?><?cs if:query && string.slice(query, string.length(query) - 1, string.length(query)) != "&" ?>&amp;<?cs /if ?>after=<?cs var:Page.next_after ?>"><?cs var:Lang.common.next_page ?></a></p><?cs /if ?><?cs /def ?>

<?cs # The Export menu of a list (issue 16, exports): a menu button opening a POST form of its own (id)
  with the list's filters (Filter.NAME.value, not the page), the file format, Export Selected where the
  list has row checkboxes named ids (Page.export_selectable: the script enables it once a row is checked
  and sends the ids), the Export All button (id button, text label), View Export and a note ("": none).
  confirm=ask asks for the precautions first: the script's dialog (export_precautions) or, without
  script, the precautions page of the server.  Export.note adds the list's own precaution.  The page
  decides whether to show it. ?>
<?cs def:export_open(action, id) ?>
  <details class="export-menu" id="<?cs var:id ?>-menu"><summary class="button" id="<?cs var:id ?>-open"><?cs var:Lang.exports.menu.button ?></summary>
  <div class="export-menu-body">
  <form method="post" action="<?cs var:action ?>" id="<?cs var:id ?>" class="export-form"><?cs call:csrf() ?>
    <input type="hidden" name="confirm" value="ask"><?cs /def ?>
<?cs def:export_filters() ?><?cs each:f = Filter ?><?cs if:f.value && name(f) != "after" && name(f) != "ids" ?>
    <input type="hidden" name="<?cs name:f ?>" value="<?cs var:f.value ?>"><?cs /if ?><?cs /each ?><?cs /def ?>
<?cs def:export_format() ?>
    <div class="field"><label for="export-format"><?cs var:Lang.exports.file_format ?></label>
      <select id="export-format" name="format"><option value="csv"><?cs var:Lang.exports.formats.csv ?></option><option value="xlsx"><?cs var:Lang.exports.formats.xlsx ?></option></select></div><?cs /def ?>
<?cs def:export_buttons(button, label) ?>
    <?cs if:Page.export_selectable ?><button type="submit" class="export-selected" id="export-selected" data-needs-selection disabled title="<?cs var:Lang.exports.menu.selected_hint ?>"><?cs var:Lang.exports.menu.selected ?></button><?cs /if ?>
    <button type="submit" class="primary export-all" id="<?cs var:button ?>"><?cs var:label ?></button><?cs /def ?>
<?cs def:export_precaution_list() ?><ul class="precaution-list">
        <li><?cs var:Lang.exports.precautions.anonymized ?></li>
        <li><?cs var:Lang.exports.precautions.task ?></li>
        <li><?cs var:Lang.exports.precautions.limit ?></li><?cs if:Export.note ?>
        <li><?cs var:Export.note ?></li><?cs /if ?>
      </ul><?cs /def ?>
<?cs # The guide's precautions ("learn the precautions and click Got It"), a dialog the script opens
  before an export form is sent: Got It sends it, Cancel or Escape does not. ?>
<?cs def:export_precautions() ?>
  <dialog id="precautions" class="precautions" aria-labelledby="precautions-title">
    <form method="dialog">
      <h2 id="precautions-title"><?cs var:Lang.exports.precautions.title ?></h2>
      <?cs call:export_precaution_list() ?>
      <div class="actions"><button type="submit" value="ok" class="primary" id="got-it-button"><?cs var:Lang.exports.precautions.got_it ?></button>
      <button type="submit" value="cancel" id="precautions-cancel"><?cs var:Lang.common.cancel ?></button></div>
    </form>
  </dialog>
  <script src="/js/exports.js" defer></script><?cs /def ?>
<?cs def:export_end(note) ?>
  </form>
  <a href="/exports/" class="view-exports" id="view-exports"><?cs var:Lang.exports.menu.view ?></a><?cs if:note ?>
  <p class="hint"><?cs var:note ?></p><?cs /if ?>
  </div></details><?cs call:export_precautions() ?><?cs /def ?>
<?cs def:export_close(button, label, note) ?><?cs call:export_format() ?><?cs call:export_buttons(button, label) ?><?cs call:export_end(note) ?><?cs /def ?>
<?cs def:export_form(action, id, button, label, note) ?><?cs call:export_open(action, id) ?><?cs call:export_filters() ?><?cs call:export_close(button, label, note) ?><?cs /def ?>

<?cs # --- Lists (issue 16, part "lists"): the filter bar, sortable headers and the pager ------------ ?>
<?cs # The expandable "More filters" of a filter bar: open by itself while one of its filters is set or
  wrong (List.more_open, lib/web/listing.c pc_list_more_open). ?>
<?cs def:more_filters_open() ?>
    <details class="more-filters" id="more-filters"<?cs if:List.more_open ?> open<?cs /if ?>><summary><?cs var:Lang.common.list.more_filters ?></summary><div class="more-fields"><?cs /def ?>
<?cs def:more_filters_close() ?></div></details><?cs /def ?>

<?cs # The buttons of a filter bar: search, and reset (a link to the list without filters). ?>
<?cs def:filter_buttons(reset) ?>
    <div class="filter-buttons"><button type="submit" id="search" class="primary"><?cs var:Lang.common.list.search ?></button> <a class="button" id="reset" href="<?cs var:reset ?>"><?cs var:Lang.common.list.reset ?></a></div><?cs /def ?>

<?cs # A header the list sorts on (Sort.KEY.href, .aria from pc_list_sort_links): a link that sorts it,
  the other way round when it is the current order; cls: the class of the column ("": none). ?>
<?cs def:sort_th(key, label, cls) ?><th class="sortable<?cs if:cls ?> <?cs var:cls ?><?cs /if ?>"<?cs if:Sort[key].aria ?> aria-sort="<?cs var:Sort[key].aria ?>"<?cs /if ?>><a href="<?cs var:Sort[key].href ?>" id="sort-<?cs var:key ?>"><?cs var:label ?><span class="sort-mark" aria-hidden="true"><?cs if:Sort[key].aria == "ascending" ?>▲<?cs elif:Sort[key].aria == "descending" ?>▼<?cs else ?>↕<?cs /if ?></span></a></th><?cs /def ?>

<?cs # The same with the eye of a masked column after the link (see eye). ?>
<?cs def:sort_th_eye(key, label, e, col) ?><th class="sortable"<?cs if:Sort[key].aria ?> aria-sort="<?cs var:Sort[key].aria ?>"<?cs /if ?>><a href="<?cs var:Sort[key].href ?>" id="sort-<?cs var:key ?>"><?cs var:label ?><span class="sort-mark" aria-hidden="true"><?cs if:Sort[key].aria == "ascending" ?>▲<?cs elif:Sort[key].aria == "descending" ?>▼<?cs else ?>↕<?cs /if ?></span></a> <?cs call:eye(e, col) ?></th><?cs /def ?>

<?cs # The pager under a list (List.* from pc_list_pager): the rows shown and the total, previous, the
  page numbers (the current one marked aria-current), next, and the page sizes. ?>
<?cs def:list_pager() ?>
  <nav class="pager" id="pager" aria-label="<?cs var:Lang.common.list.pages ?>">
    <p class="pager-range" id="list-range"><?cs var:List.range ?></p>
    <?cs if:List.prev || List.next ?><ul class="pager-pages">
      <li><?cs if:List.prev ?><a id="prev-page" href="<?cs var:List.prev ?>" rel="prev"><?cs var:Lang.common.list.prev ?></a><?cs else ?><span class="disabled" aria-disabled="true"><?cs var:Lang.common.list.prev ?></span><?cs /if ?></li><?cs each:n = List.nums ?><?cs if:n.gap ?>
      <li class="gap" aria-hidden="true">…</li><?cs else ?>
      <li><a href="<?cs var:n.href ?>"<?cs if:n.current ?> aria-current="page" class="current"<?cs /if ?> aria-label="<?cs var:Lang.common.list.page ?> <?cs var:n.n ?>"><?cs var:n.n ?></a></li><?cs /if ?><?cs /each ?>
      <li><?cs if:List.next ?><a id="next-page" href="<?cs var:List.next ?>" rel="next"><?cs var:Lang.common.list.next ?></a><?cs else ?><span class="disabled" aria-disabled="true"><?cs var:Lang.common.list.next ?></span><?cs /if ?></li>
    </ul><?cs /if ?>
    <p class="pager-sizes" id="page-sizes"><span><?cs var:Lang.common.list.size ?>:</span><?cs each:z = List.sizes ?> <a href="<?cs var:z.href ?>" id="size-<?cs var:z.n ?>"<?cs if:z.current ?> aria-current="true" class="current"<?cs /if ?>><?cs var:z.n ?></a><?cs /each ?></p>
  </nav><?cs /def ?>
