<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section>
  <h1><?cs var:Lang.console.assoc.log ?></h1>
  <?cs call:form_error() ?>
  <?cs if:Page.failures > 0 ?><ul class="error" id="check-failures"><?cs each:f = Check ?><li data-code="<?cs var:f.code ?>"><?cs var:f.text ?></li><?cs /each ?></ul><?cs /if ?>
  <form method="post" action="/console/code"><?cs call:csrf() ?><input type="hidden" name="back" value="/console/associations">
    <button type="submit" id="send-code-button"><?cs var:Lang.console.auth.send_code ?></button></form>
  <table id="operation-log">
    <thead><tr><th><?cs var:Lang.console.assoc.time ?></th><th><?cs var:Lang.console.assoc.partner ?></th><th><?cs var:Lang.cust.assoc.col.purpose ?></th><th><?cs var:Lang.cust.assoc.col.initiation ?></th><th><?cs var:Lang.cust.assoc.col.reason ?></th><th><?cs var:Lang.cust.assoc.col.status ?></th><th><?cs var:Lang.cust.assoc.col.operation ?></th></tr></thead>
    <tbody><?cs each:r = Log ?>
    <tr<?cs if:r.id > 0 ?> id="request-<?cs var:r.id ?>"<?cs /if ?> data-status="<?cs var:r.status ?>">
      <td><?cs var:r.at ?></td><td><?cs var:r.partner_name ?></td>
      <td class="purpose"><?cs var:Lang.cust.assoc.purpose[r.purpose] ?></td>
      <td class="initiation"><?cs var:Lang.console.assoc.initiation[r.initiation] ?></td>
      <td><?cs if:r.reason_code ?><?cs var:Lang.cust.assoc.reason_code[r.reason_code] ?><?cs if:r.reason ?>: <?cs /if ?><?cs /if ?><?cs var:r.reason ?></td>
      <td class="status"><?cs var:Lang.cust.assoc.status[r.status] ?></td>
      <td><?cs if:r.purpose == "disassociation" && r.status == "pending" && r.initiation == "partner" ?>
        <p class="hint"><?cs var:Lang.console.assoc.pending_note ?></p>
        <form method="post" action="/console/associations/<?cs var:r.id ?>/agree" class="decide"><?cs call:csrf() ?>
          <label><input type="checkbox" name="statement" value="1"> <?cs var:Lang.console.assoc.statement ?></label>
          <?cs if:Page.row == r.id ?><?cs call:field_error(Form.statement) ?><?cs /if ?>
          <label><?cs var:Lang.console.auth.code ?> <input name="code" class="code" maxlength="6"></label>
          <?cs if:Page.row == r.id ?><?cs call:field_error(Form.code) ?><?cs /if ?>
          <button type="submit" class="primary"<?cs if:Page.failures > 0 ?> disabled<?cs /if ?>><?cs var:Lang.cust.assoc.agree ?></button>
          <button type="submit" formaction="/console/associations/<?cs var:r.id ?>/reject"><?cs var:Lang.cust.assoc.reject ?></button>
        </form><?cs elif:r.purpose == "type_switch" && r.status == "pending" ?>
        <p class="hint"><?cs var:Lang.console.switch.note ?></p>
        <p class="switch-to"><?cs var:Lang.console.switch.to ?>: <strong><?cs var:Lang.cust.assoc_type[r.target_type] ?></strong></p>
        <ul class="notice switch-impacts"><?cs each:i = Lang.cust.switch.impact[r.target_type] ?><li><?cs var:i ?></li><?cs /each ?></ul>
        <form method="post" action="/console/associations/<?cs var:r.id ?>/switch-agree" class="decide-switch"><?cs call:csrf() ?>
          <label><input type="checkbox" name="statement" value="1"> <?cs var:Lang.console.switch.statement ?></label>
          <?cs if:Page.row == r.id ?><?cs call:field_error(Form.statement) ?><?cs /if ?>
          <label><?cs var:Lang.console.auth.code ?> <input name="code" class="code" maxlength="6"></label>
          <?cs if:Page.row == r.id ?><?cs call:field_error(Form.code) ?><?cs /if ?>
          <button type="submit" class="primary"><?cs var:Lang.cust.assoc.agree ?></button>
          <button type="submit" formaction="/console/associations/<?cs var:r.id ?>/switch-reject"><?cs var:Lang.cust.assoc.reject ?></button>
        </form><?cs elif:r.purpose == "type_switch" ?><span class="switch-to"><?cs var:Lang.console.switch.to ?>: <?cs var:Lang.cust.assoc_type[r.target_type] ?></span><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Log) ?><p class="hint"><?cs var:Lang.console.assoc.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
