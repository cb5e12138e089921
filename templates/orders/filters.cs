<?cs # The filters of Customer Orders and Order Resource Details (lib/query/order_query.c), included by both. ?>
<form class="filters" method="get" action="<?cs var:Page.list_path ?>" id="filters">
  <?cs if:Filter.tab.value ?><input type="hidden" name="tab" value="<?cs var:Filter.tab.value ?>"><?cs /if ?>
  <?cs if:Filter.customer_id.value ?><input type="hidden" name="customer_id" value="<?cs var:Filter.customer_id.value ?>"><?cs /if ?>
  <?cs if:Eye.name.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
  <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
  <div class="filter-main">
  <fieldset id="range"><legend><?cs var:Lang.cust.ord.f.range ?></legend>
    <?cs call:filter_required("from", Lang.cust.ord.f.from, "date") ?>
    <?cs call:filter_required("to", Lang.cust.ord.f.to, "date") ?>
    <p class="hint"><?cs var:Lang.cust.ord.f.range_hint ?></p></fieldset>
  <?cs call:filter_input("name", Lang.cust.ord.f.name, "text") ?>
  <?cs call:filter_input("account", Lang.cust.ord.f.account, "text") ?>
  <?cs call:filter_select("status", Lang.cust.ord.f.status, Lang.cust.ord.status, Lang.cust.all) ?>
  <?cs if:Filter.tab.value ?><?cs call:filter_buttons(Page.list_path + "?tab=" + Filter.tab.value) ?><?cs else ?><?cs call:filter_buttons(Page.list_path) ?><?cs /if ?>
  </div>
  <?cs call:more_filters_open() ?>
  <?cs call:filter_rows("product", Lang.cust.ord.f.product, Products, "code", "name", Lang.cust.all) ?>
  <?cs call:filter_input("order_no", Lang.cust.ord.f.order_no, "text") ?>
  <?cs call:filter_select("type", Lang.cust.ord.f.type, Lang.cust.ord.type, Lang.cust.all) ?>
  <?cs call:more_filters_close() ?>
</form>
<?cs if:Filter.after.error ?><p class="error form-error" role="alert"><?cs var:Filter.after.error ?></p><?cs /if ?>
<?cs if:Filter.customer_id.error ?><p class="error form-error" role="alert"><?cs var:Filter.customer_id.error ?></p><?cs /if ?>
<?cs if:Filter.tab.error ?><p class="error form-error" role="alert"><?cs var:Filter.tab.error ?></p><?cs /if ?>
<?cs if:Filter.customer_id.value ?><p class="notice" id="customer-filter"><?cs var:Lang.cust.ord.f.customer_only ?> <a href="<?cs var:Page.list_path ?><?cs if:Filter.tab.value ?>?tab=<?cs var:Filter.tab.value ?><?cs /if ?>"><?cs var:Lang.cust.ord.f.customer_clear ?></a></p><?cs /if ?>
