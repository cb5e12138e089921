<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.admin.review.title ?></h1>
  <p class="hint"><?cs var:Lang.admin.review.intro ?></p>
  <?cs call:form_error() ?><?cs call:field_error(Form.comment) ?>
  <?cs if:subcount(Queue) == 0 ?><p id="queue-empty"><?cs var:Lang.admin.review.empty ?></p><?cs else ?>
  <table id="queue">
    <thead><tr><th><?cs var:Lang.admin.review.partner ?></th><th><?cs var:Lang.admin.review.customer ?></th><th><?cs var:Lang.admin.review.reasons ?></th><th><?cs var:Lang.admin.review.details ?></th><th><?cs var:Lang.admin.review.submitted ?></th><th><?cs var:Lang.admin.review.due ?></th><th><?cs var:Lang.admin.review.decision ?></th></tr></thead>
    <tbody><?cs each:r = Queue ?><tr data-id="<?cs var:r.id ?>"<?cs if:r.overdue ?> class="overdue"<?cs /if ?>>
      <td><?cs var:r.partner ?> (<?cs var:r.partner_account ?>)</td>
      <td><?cs var:r.full_name ?><br><?cs var:r.email ?><?cs if:r.mobile ?><br><?cs var:r.mobile ?><?cs /if ?></td>
      <td><?cs var:r.reasons_text ?></td>
      <td><p><strong><?cs var:Lang.admin.review.spend ?></strong> <?cs var:r.review_spend ?></p><p><strong><?cs var:Lang.admin.review.process ?></strong> <?cs var:r.review_process ?></p></td>
      <td><?cs var:r.submitted ?></td>
      <td><?cs var:r.due ?><?cs if:r.overdue ?> <span class="badge warn"><?cs var:Lang.admin.review.overdue ?></span><?cs /if ?></td>
      <td><form method="post" action="/admin/preregistrations/<?cs var:r.id ?>/approve" class="inline"><?cs call:csrf() ?>
          <input name="comment" aria-label="<?cs var:Lang.admin.review.comment ?>" maxlength="500">
          <button type="submit" class="primary"><?cs var:Lang.admin.review.approve ?></button></form>
        <form method="post" action="/admin/preregistrations/<?cs var:r.id ?>/reject" class="inline"><?cs call:csrf() ?>
          <input name="comment" aria-label="<?cs var:Lang.admin.review.reason ?>" placeholder="<?cs var:Lang.admin.review.reason ?>" maxlength="500">
          <button type="submit"><?cs var:Lang.admin.review.reject ?></button></form></td>
    </tr><?cs /each ?></tbody>
  </table><?cs /if ?>
  <h2><?cs var:Lang.admin.review.recent ?></h2>
  <table id="decided">
    <thead><tr><th><?cs var:Lang.admin.review.partner ?></th><th><?cs var:Lang.admin.review.customer ?></th><th><?cs var:Lang.admin.review.decision ?></th><th><?cs var:Lang.admin.review.comment ?></th><th><?cs var:Lang.admin.review.decided ?></th></tr></thead>
    <tbody><?cs each:r = Decided ?><tr data-id="<?cs var:r.id ?>"><td><?cs var:r.partner ?></td><td><?cs var:r.full_name ?> · <?cs var:r.email ?></td>
      <td><?cs var:Lang.cust.dev.status[r.status] ?></td><td><?cs var:r.review_comment ?></td><td><?cs var:r.decided ?></td></tr><?cs /each ?></tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
