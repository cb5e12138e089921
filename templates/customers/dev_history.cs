<?cs include:"header.cs" ?><?cs include:"customers/dev_subtabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.dev.tab.history ?></h1>
  <?cs call:form_error() ?>
  <form class="filters" method="get" action="/customers/development/history" id="filters">
    <?cs call:filter_input("name", Lang.cust.dev.f.name, "text") ?>
    <?cs call:filter_input("email", Lang.cust.dev.f.email, "text") ?>
    <?cs call:filter_select("method", Lang.cust.dev.f.method, Lang.cust.dev.method, Lang.cust.all) ?>
    <?cs call:filter_select("status", Lang.cust.dev.f.status, Lang.cust.dev.inv_status, Lang.cust.all) ?>
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
