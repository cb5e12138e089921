<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.coupons.ledger.title ?></h1>
  <p class="hint"><?cs var:Lang.coupons.ledger.intro ?></p>
  <table id="ledger-checks">
    <thead><tr><th><?cs var:Lang.coupons.ledger.time ?></th><th><?cs var:Lang.coupons.ledger.entries ?></th><th><?cs var:Lang.coupons.ledger.accounts ?></th><th><?cs var:Lang.coupons.ledger.problems ?></th><th><?cs var:Lang.coupons.ledger.report ?></th></tr></thead>
    <tbody><?cs each:k = Checks ?><tr data-id="<?cs var:k.id ?>"<?cs if:k.problems > 0 ?> class="problem"<?cs /if ?>><td><?cs var:k.checked_at ?></td><td><?cs var:k.entries ?></td><td><?cs var:k.accounts ?></td>
      <td class="problems"><?cs if:k.problems > 0 ?><strong class="error"><?cs var:k.problems ?></strong><?cs else ?><?cs var:k.problems ?><?cs /if ?></td>
      <td><?cs if:k.report ?><pre class="report"><?cs var:k.report ?></pre><?cs else ?><?cs var:Lang.coupons.ledger.clean ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Checks) ?><p class="hint" id="no-checks"><?cs var:Lang.coupons.ledger.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
