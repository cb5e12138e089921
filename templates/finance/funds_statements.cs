<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section id="funds">
<?cs include:"finance/funds_head.cs" ?>
  <nav class="toolbar" id="account-tabs">
    <a class="tab<?cs if:Filter.account == "top_up" ?> active" aria-current="page<?cs /if ?>" id="tab-top-up" href="/finance/funds/statements?account=top_up"><?cs var:Lang.funds.st.top_up ?></a>
    <a class="tab<?cs if:Filter.account == "credit" ?> active" aria-current="page<?cs /if ?>" id="tab-credit" href="/finance/funds/statements?account=credit"><?cs var:Lang.funds.st.credit ?></a>
  </nav>
  <form method="get" action="/finance/funds/statements" id="statement-filters" class="filters">
    <input type="hidden" name="account" value="<?cs var:Filter.account ?>">
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <?cs call:input("from", Filter.from, Lang.funds.st.from, "date") ?>
    <?cs call:input("to", Filter.to, Lang.funds.st.to, "date") ?>
    <?cs call:select("type", Filter.type, Lang.funds.st.type, Lang.funds.st.type, Lang.funds.st.all_types) ?>
    <button type="submit" id="statement-search" class="primary"><?cs var:Lang.funds.st.search ?></button>
  </form>
  <p class="hint"><?cs var:Lang.funds.st.oldest_note ?></p>
  <?cs call:form_error() ?><?cs call:field_error(Form.account) ?><?cs call:field_error(Form.after) ?>
  <div class="table-wrap">
  <table id="statement" class="list">
    <thead><tr><th><?cs var:Lang.funds.st.col.txn_no ?></th><th><?cs var:Lang.funds.st.col.time ?></th><th><?cs var:Lang.funds.st.col.type ?></th><th><?cs var:Lang.funds.st.col.order_id ?></th><th><?cs var:Lang.funds.st.col.remarks ?></th><th><?cs var:Lang.funds.st.col.dir ?></th><th><?cs var:Lang.funds.st.col.amount ?></th><th><?cs var:Lang.funds.st.col.balance ?></th><th><?cs var:Lang.funds.st.col.entry_key ?></th></tr></thead>
    <tbody><?cs each:l = Lines ?><tr data-entry="<?cs var:l.entry_id ?>"><td class="txn-no"><?cs var:l.txn_no ?></td><td class="date"><?cs var:l.at ?></td><td class="type"><?cs var:Lang.funds.st.type[l.kind] ?></td><td class="order-id"><?cs var:l.order_id ?></td><td><?cs var:l.memo ?></td><td class="dir"><?cs var:Lang.funds.st.dir[l.dir] ?></td><td class="num amount"><?cs var:l.amount ?></td><td class="num balance"><?cs var:l.balance ?></td><td class="entry-key"><code><?cs var:l.entry_key ?></code></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs if:!subcount(Lines) ?><p class="hint" id="no-lines"><?cs var:Lang.funds.st.none ?></p><?cs /if ?>
  <?cs if:List.range ?><?cs call:list_pager() ?><?cs /if ?>
  <?cs call:export_open("/finance/funds/statements/export", "statement-export") ?>
    <input type="hidden" name="account" value="<?cs var:Filter.account ?>"><input type="hidden" name="from" value="<?cs var:Filter.from.value ?>"><input type="hidden" name="to" value="<?cs var:Filter.to.value ?>"><input type="hidden" name="type" value="<?cs var:Filter.type.value ?>"><?cs call:export_close("export-statement", Lang.funds.st.export, Lang.funds.st.export_note) ?>
</section>
<?cs include:"footer.cs" ?>
