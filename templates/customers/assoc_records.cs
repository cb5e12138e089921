<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.tab.associations ?></h1>
  <?cs call:form_error() ?>
  <?cs if:subcount(Check) ?><ul class="error" id="check-failures"><?cs each:f = Check ?><li><?cs var:f.text ?></li><?cs /each ?></ul><?cs /if ?>
  <form method="get" action="/customers/associations" class="filters">
    <?cs call:field_open("q-status", Filter.status, Lang.cust.assoc.filter_status) ?>
      <select id="q-status" name="status"><option value=""><?cs var:Lang.cust.all ?></option>
        <?cs each:s = Lang.cust.assoc.status ?><?cs if:name(s) == "pending" || name(s) == "completed" || name(s) == "rejected" ?><option value="<?cs name:s ?>"<?cs if:Filter.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /if ?><?cs /each ?></select>
    <?cs call:field_close("status", Filter.status) ?>
    <button type="submit" id="search"><?cs var:Lang.cust.search ?></button>
  </form>
  <?cs if:Page.can_decide && Page.codes ?><form method="post" action="/customers/code"><?cs call:csrf() ?><input type="hidden" name="back" value="/customers/associations">
    <button type="submit" id="send-code-button"><?cs var:Lang.cust.assoc.send_code ?></button></form><?cs /if ?>
  <table id="association-records">
    <thead><tr><th><?cs var:Lang.cust.assoc.col.account ?></th><th><?cs var:Lang.cust.assoc.col.customer ?></th><th><?cs var:Lang.cust.assoc.col.mobile ?></th><th><?cs var:Lang.cust.assoc.col.type ?></th><th><?cs var:Lang.cust.assoc.col.purpose ?></th><th><?cs var:Lang.cust.assoc.col.reason ?></th><th><?cs var:Lang.cust.assoc.col.initiation ?></th><th><?cs var:Lang.cust.assoc.col.status ?></th><th><?cs var:Lang.cust.assoc.col.am ?></th><th><?cs var:Lang.cust.assoc.col.requested ?></th><th><?cs var:Lang.cust.assoc.col.approved ?></th><th><?cs var:Lang.cust.assoc.col.operation ?></th></tr></thead>
    <tbody><?cs each:r = Records ?><tr id="request-<?cs var:r.id ?>" data-status="<?cs var:r.status ?>" data-customer="<?cs var:r.customer_id ?>">
      <td><?cs var:r.account_name ?></td><td><?cs var:r.name ?></td><td><?cs var:r.mobile ?></td>
      <td><?cs if:r.association_type ?><?cs var:Lang.cust.assoc_type[r.association_type] ?><?cs /if ?></td>
      <td><?cs var:Lang.cust.assoc.purpose[r.purpose] ?></td>
      <td><?cs if:r.reason_code ?><?cs var:Lang.cust.assoc.reason_code[r.reason_code] ?><?cs if:r.reason ?>: <?cs /if ?><?cs /if ?><?cs var:r.reason ?></td>
      <td><?cs var:Lang.cust.assoc.initiator[r.initiator] ?></td>
      <td class="status"><?cs var:Lang.cust.assoc.status[r.status] ?></td>
      <td><?cs var:r.am_name ?></td><td><?cs var:r.requested_at ?></td><td><?cs var:r.decided_at ?></td>
      <td><?cs if:Page.can_decide && r.status == "pending" && r.initiator == "customer" ?>
        <form method="post" action="/customers/associations/<?cs var:r.id ?>/agree" class="decide"><?cs call:csrf() ?>
          <?cs if:Page.codes ?><label><?cs var:Lang.cust.assoc.code ?> <input name="code" class="code" maxlength="6"></label><?cs /if ?>
          <button type="submit" class="primary"><?cs var:Lang.cust.assoc.agree ?></button>
          <button type="submit" formaction="/customers/associations/<?cs var:r.id ?>/reject"><?cs var:Lang.cust.assoc.reject ?></button>
        </form><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Records) ?><p class="hint"><?cs var:Lang.cust.assoc.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
