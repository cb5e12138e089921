<?cs include:"header.cs" ?><?cs include:"customers/dev_subtabs.cs" ?>
<section>
  <h1><?cs var:Lang.cust.dev.title ?></h1>
  <?cs call:form_error() ?>
  <p id="counter"><?cs var:Lang.cust.dev.counter ?>: <strong id="live-count"><?cs var:Page.live ?></strong> <span class="hint">(<?cs var:Lang.cust.dev.limit_note ?> <?cs var:Page.limit ?>)</span></p>
  <p><a class="button primary" id="preregister" href="/customers/development/new"><?cs var:Lang.cust.dev.preregister ?></a></p>
  <form class="filters" method="get" action="/customers/development" id="filters">
    <?cs call:filter_input("name", Lang.cust.dev.f.full_name, "text") ?>
    <?cs call:filter_input("mobile", Lang.cust.dev.f.mobile, "text") ?>
    <?cs call:filter_input("email", Lang.cust.dev.f.email, "text") ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <button type="submit" id="search" class="primary"><?cs var:Lang.cust.dev.search ?></button>
  </form>
  <form method="post" action="/customers/development/invite" id="batch" data-selection><?cs call:csrf() ?>
  <div class="table-wrap">
  <table id="preregs" class="list">
    <thead><tr><th><input type="checkbox" data-select-all hidden aria-label="<?cs var:Lang.dlg.select_all ?>"></th>
      <th><?cs var:Lang.cust.dev.col.name ?></th><th><?cs var:Lang.cust.dev.col.mobile ?></th><th><?cs var:Lang.cust.dev.col.email ?></th>
      <th><?cs var:Lang.cust.dev.col.customer ?></th><th><?cs var:Lang.cust.dev.col.preregistered ?></th><th><?cs var:Lang.cust.dev.col.expires ?></th>
      <th><?cs var:Lang.cust.dev.col.status ?></th><th><?cs var:Lang.cust.dev.col.remarks ?></th><th><?cs var:Lang.cust.dev.col.am ?></th><th><?cs var:Lang.cust.dev.col.operation ?></th>
    </tr></thead>
    <tbody>
    <?cs each:p = Preregs ?><tr data-id="<?cs var:p.id ?>">
      <td><input type="checkbox" name="ids" value="<?cs var:p.id ?>" aria-label="<?cs var:p.full_name ?>"></td>
      <td class="name"><?cs var:p.full_name ?></td><td><?cs var:p.mobile ?></td><td class="email"><?cs var:p.email ?></td>
      <td><?cs var:p.customer_name ?><?cs if:p.customer_account ?> / <?cs var:p.customer_account ?><?cs /if ?></td>
      <td class="date"><?cs var:p.preregistered_at_local ?></td><td class="date"><?cs var:p.expires_at_local ?></td>
      <td class="status"><?cs var:Lang.cust.dev.status[p.status] ?><?cs if:p.status == "REVIEW_REJECTED" && p.review_comment ?><br><small class="review-comment"><?cs var:p.review_comment ?></small><?cs /if ?></td><td><?cs var:p.remarks ?></td><td><?cs var:p.am_name ?></td>
      <td class="actions">
        <?cs if:p.status == "PREREGISTERED" ?><button type="submit" formaction="/customers/development/<?cs var:p.id ?>/invite" name="one" value="<?cs var:p.id ?>" class="invite"><?cs var:Lang.cust.dev.invite ?></button><?cs /if ?>
        <?cs if:p.status != "UNDER_REVIEW" && p.status != "ASSOCIATED" ?><button type="submit" formaction="/customers/development/<?cs var:p.id ?>/delete" class="danger delete" data-confirm-title="<?cs var:Lang.dlg.dev.title ?>" data-confirm="<?cs var:p.full_name ?>: <?cs var:Lang.dlg.dev.text ?>" data-confirm-ok="<?cs var:Lang.cust.dev.delete ?>"><?cs var:Lang.cust.dev.delete ?></button><?cs /if ?>
      </td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:!subcount(Preregs) ?><p class="hint" id="none"><?cs var:Lang.cust.dev.none ?></p><?cs /if ?>
  <?cs call:list_pager() ?>
  <div class="toolbar">
    <span class="selection-count" data-selection-count aria-live="polite" hidden></span>
    <button type="submit" id="batch-invite" data-needs-selection><?cs var:Lang.cust.dev.batch_invite ?></button>
    <button type="submit" formaction="/customers/development/delete" class="danger" id="batch-delete" data-needs-selection data-confirm-title="<?cs var:Lang.dlg.dev.title ?>" data-confirm="<?cs var:Lang.dlg.dev.text ?>" data-confirm-ok="<?cs var:Lang.cust.dev.batch_delete ?>"><?cs var:Lang.cust.dev.batch_delete ?></button>
  </div>
  </form>
</section>
<?cs include:"footer.cs" ?>
