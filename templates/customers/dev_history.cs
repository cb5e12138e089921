<?cs include:"header.cs" ?><?cs include:"customers/dev_subtabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.dev.tab.history ?></h1>
  <form class="filters" method="get" action="/customers/development/history" id="filters">
    <div class="field"><label for="q-name"><?cs var:Lang.cust.dev.f.name ?></label><input id="q-name" name="name" value="<?cs var:Filter.name.value ?>"></div>
    <div class="field"><label for="q-email"><?cs var:Lang.cust.dev.f.email ?></label><input id="q-email" name="email" value="<?cs var:Filter.email.value ?>"></div>
    <div class="field"><label for="q-method"><?cs var:Lang.cust.dev.f.method ?></label>
      <select id="q-method" name="method"><option value=""><?cs var:Lang.cust.all ?></option>
      <?cs each:m = Lang.cust.dev.method ?><option value="<?cs name:m ?>"<?cs if:Filter.method.value == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?></select></div>
    <div class="field"><label for="q-status"><?cs var:Lang.cust.dev.f.status ?></label>
      <select id="q-status" name="status"><option value=""><?cs var:Lang.cust.all ?></option>
      <?cs each:s = Lang.cust.dev.inv_status ?><option value="<?cs name:s ?>"<?cs if:Filter.status.value == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div>
    <button type="submit" id="search"><?cs var:Lang.cust.dev.search ?></button>
  </form>
  <table id="invitations">
    <thead><tr><th><?cs var:Lang.cust.dev.col.name ?></th><th><?cs var:Lang.cust.dev.col.mobile ?></th><th><?cs var:Lang.cust.dev.col.email ?></th>
      <th><?cs var:Lang.cust.dev.col.customer ?></th><th><?cs var:Lang.cust.dev.col.assoc_type ?></th><th><?cs var:Lang.cust.dev.col.method ?></th>
      <th><?cs var:Lang.cust.dev.col.tag ?></th><th><?cs var:Lang.cust.dev.col.status ?></th><th><?cs var:Lang.cust.dev.col.invited ?></th><th><?cs var:Lang.cust.dev.col.operation ?></th></tr></thead>
    <tbody><?cs each:i = Invitations ?><tr data-id="<?cs var:i.id ?>">
      <td><?cs var:i.full_name ?></td><td><?cs var:i.mobile ?></td><td class="email"><?cs var:i.email ?></td><td><?cs var:i.customer_name ?></td>
      <td><?cs var:Lang.cust.dev.reseller ?></td><td class="method"><?cs var:Lang.cust.dev.method[i.method] ?></td>
      <td><?cs var:i.custom_tag ?><?cs if:i.custom_tag && i.am_name ?> / <?cs /if ?><?cs var:i.am_name ?></td>
      <td class="status"><?cs var:Lang.cust.dev.inv_status[i.status] ?><?cs if:i.failure ?> <span class="cause" title="<?cs var:i.failure ?>" data-code="<?cs var:i.failure_code ?>">(<?cs var:i.failure ?>)</span><?cs /if ?></td>
      <td><?cs var:i.sent ?></td>
      <td><?cs if:i.status != "ASSOCIATED" && i.prereg != "0" ?><form method="post" action="/customers/development/history/<?cs var:i.id ?>/resend"><?cs call:csrf() ?><button type="submit" class="resend"><?cs var:Lang.cust.dev.resend ?></button></form><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
