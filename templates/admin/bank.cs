<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.remit.bank.title ?></h1>
  <p class="hint"><?cs var:Lang.remit.bank.intro ?></p>
  <?cs if:Import.error ?><p class="error form-error" role="alert" id="import-error"><?cs var:Lang.remit.bank.rejected ?> <?cs var:Import.error ?></p><?cs /if ?>
  <?cs if:Import.done ?><p class="flash" id="import-result"><?cs var:Lang.remit.bank.imported ?> <span id="r-statements"><?cs var:Import.statements ?></span> / <?cs var:Lang.remit.bank.before ?> <span id="r-skipped"><?cs var:Import.skipped ?></span> / <?cs var:Lang.remit.bank.entries ?> <span id="r-entries"><?cs var:Import.entries ?></span> / <?cs var:Lang.remit.bank.matched ?> <span id="r-matched"><?cs var:Import.matched ?></span> / <?cs var:Lang.remit.bank.waiting ?> <span id="r-waiting"><?cs var:Import.waiting ?></span> / <?cs var:Lang.remit.bank.not_booked ?> <span id="r-not-booked"><?cs var:Import.not_booked ?></span></p><?cs /if ?>
  <form method="post" action="/admin/bank-statements" enctype="multipart/form-data" id="statement-upload"><?cs call:csrf() ?>
    <?cs call:file("statement", Form.statement, Lang.remit.bank.file, ".xml") ?>
    <button type="submit" class="primary" id="upload-statement"><?cs var:Lang.remit.bank.upload ?></button>
  </form>
  <h2><?cs var:Lang.remit.bank.statements ?></h2>
  <table id="statements">
    <thead><tr><th><?cs var:Lang.remit.bank.stmt_id ?></th><th><?cs var:Lang.remit.bank.account ?></th><th><?cs var:Lang.remit.bank.opening ?></th><th><?cs var:Lang.remit.bank.closing ?></th><th><?cs var:Lang.remit.bank.entries ?></th><th><?cs var:Lang.remit.bank.file ?></th><th><?cs var:Lang.remit.bank.at ?></th></tr></thead>
    <tbody><?cs each:s = Statements ?><tr data-statement="<?cs var:s.id ?>"><td><?cs var:s.stmt_id ?></td><td><?cs var:s.account ?></td><td class="num"><?cs var:s.opening ?> <?cs var:s.currency ?></td><td class="num"><?cs var:s.closing ?> <?cs var:s.currency ?></td><td class="num"><?cs var:s.entries ?></td><td><?cs var:s.file_name ?></td><td><?cs var:s.imported_at ?></td></tr><?cs /each ?></tbody>
  </table>
  <h2><?cs var:Lang.remit.bank.waiting_title ?></h2>
  <table id="waiting">
    <thead><tr><th><?cs var:Lang.remit.col.reference ?></th><th><?cs var:Lang.remit.col.amount ?></th><th><?cs var:Lang.remit.col.date ?></th><th><?cs var:Lang.remit.col.sender ?></th><th><?cs var:Lang.remit.bank.remittance ?></th></tr></thead>
    <tbody><?cs each:e = Waiting ?><tr data-entry="<?cs var:e.id ?>"><td><?cs var:e.entry_ref ?></td><td class="num"><?cs var:e.amount ?> <?cs var:e.currency ?></td><td><?cs var:e.booking_date ?></td><td><?cs var:e.debtor ?></td><td><?cs var:e.remittance ?></td></tr><?cs /each ?></tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
