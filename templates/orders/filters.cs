<?cs # The filters of Customer Orders and Order Resource Details (lib/query/order_query.c). ?>
<?cs def:ord_input(name, label, type, req) ?>
<div class="field<?cs if:Filter[name].error ?> has-error<?cs /if ?>"><label for="q-<?cs var:name ?>"><?cs var:label ?></label>
  <input id="q-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:Filter[name].value ?>"<?cs if:req ?> required<?cs /if ?><?cs if:Filter[name].error ?> aria-invalid="true"<?cs /if ?>>
  <?cs if:Filter[name].error ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Filter[name].error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:ord_select(name, label, choices) ?>
<div class="field<?cs if:Filter[name].error ?> has-error<?cs /if ?>"><label for="q-<?cs var:name ?>"><?cs var:label ?></label>
  <select id="q-<?cs var:name ?>" name="<?cs var:name ?>"><option value=""><?cs var:Lang.cust.all ?></option>
    <?cs each:o = choices ?><option value="<?cs name:o ?>"<?cs if:Filter[name].value == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
  <?cs if:Filter[name].error ?><p class="error" id="e-<?cs var:name ?>"><?cs var:Filter[name].error ?></p><?cs /if ?></div>
<?cs /def ?>
<?cs def:ord_filters() ?>
<form class="filters" method="get" action="<?cs var:Page.list_path ?>" id="filters">
  <?cs if:Filter.tab.value ?><input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>"><?cs /if ?>
  <?cs if:Filter.customer_id.value ?><input type="hidden" name="customer_id" value="<?cs var:Filter.customer_id.value ?>"><?cs /if ?>
  <fieldset id="range"><legend><?cs var:Lang.cust.ord.f.range ?></legend>
    <?cs call:ord_input("from", Lang.cust.ord.f.from, "date", 1) ?>
    <?cs call:ord_input("to", Lang.cust.ord.f.to, "date", 1) ?>
    <p class="hint"><?cs var:Lang.cust.ord.f.range_hint ?></p></fieldset>
  <?cs call:ord_input("name", Lang.cust.ord.f.name, "text", 0) ?>
  <?cs call:ord_input("account", Lang.cust.ord.f.account, "text", 0) ?>
  <div class="field<?cs if:Filter.product.error ?> has-error<?cs /if ?>"><label for="q-product"><?cs var:Lang.cust.ord.f.product ?></label>
    <select id="q-product" name="product"><option value=""><?cs var:Lang.cust.all ?></option>
      <?cs each:p = Products ?><option value="<?cs var:p.code ?>"<?cs if:Filter.product.value == p.code ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select></div>
  <?cs call:ord_input("order_no", Lang.cust.ord.f.order_no, "text", 0) ?>
  <?cs call:ord_select("type", Lang.cust.ord.f.type, Lang.cust.ord.type) ?>
  <?cs call:ord_select("status", Lang.cust.ord.f.status, Lang.cust.ord.status) ?>
  <button type="submit" id="search"><?cs var:Lang.cust.search ?></button>
</form>
<?cs if:Filter.after.error ?><p class="error form-error" role="alert"><?cs var:Filter.after.error ?></p><?cs /if ?>
<?cs if:Filter.customer_id.error ?><p class="error form-error" role="alert"><?cs var:Filter.customer_id.error ?></p><?cs /if ?>
<?cs if:Filter.tab.error ?><p class="error form-error" role="alert"><?cs var:Filter.tab.error ?></p><?cs /if ?>
<?cs if:Filter.customer_id.value ?><p class="notice" id="customer-filter"><?cs var:Lang.cust.ord.f.customer_only ?> <a href="<?cs var:Page.list_path ?><?cs if:Filter.tab.value ?>?tab=<?cs var:Filter.tab.value ?><?cs /if ?>"><?cs var:Lang.cust.ord.f.customer_clear ?></a></p><?cs /if ?>
<?cs /def ?>
<?cs def:ord_export(action) ?>
<?cs if:Page.can_export && !Page.filter_error ?><form method="post" action="<?cs var:action ?>" id="export" class="inline"><?cs call:csrf() ?>
  <?cs each:f = Filter ?><?cs if:f.value && name(f) != "after" ?><input type="hidden" name="<?cs name:f ?>" value="<?cs var:f.value ?>"><?cs /if ?><?cs /each ?>
  <div class="field"><label for="export-format"><?cs var:Lang.cust.ord.export.format ?></label>
    <select id="export-format" name="format"><option value="csv">CSV</option><option value="xlsx">Excel (XLSX)</option></select></div>
  <button type="submit" name="scope" value="selected" id="export-selected"><?cs var:Lang.cust.ord.export.selected ?></button>
  <button type="submit" name="scope" value="all" id="export-all"><?cs var:Lang.cust.ord.export.all ?></button>
  <a href="/exports/" id="view-exports"><?cs var:Lang.cust.ord.export.view ?></a>
  <span class="hint"><?cs var:Lang.cust.ord.export.note ?></span></form><?cs /if ?>
<?cs /def ?>
<?cs def:ord_eye() ?><a class="eye<?cs if:Eye.name.on ?> on<?cs /if ?>" href="<?cs var:Eye.name.href ?>" id="eye-name" title="<?cs if:Eye.name.on ?><?cs var:Lang.cust.list.hide ?><?cs else ?><?cs var:Lang.cust.list.show ?><?cs /if ?>"><?cs if:Eye.name.on ?><?cs var:Lang.cust.list.eye_hide ?><?cs else ?><?cs var:Lang.cust.list.eye_show ?><?cs /if ?></a><?cs /def ?>
