<?cs if:Price.referral ?>
  <h2><?cs var:Lang.cust.ord.price.history ?></h2>
  <p><?cs var:Lang.cust.ord.price.current ?>: <span id="price-current"><?cs var:Price.current ?></span></p>
  <table id="price-history">
    <thead><tr><th><?cs var:Lang.cust.ord.price.old ?></th><th><?cs var:Lang.cust.ord.price.new ?></th><th><?cs var:Lang.cust.ord.price.reason ?></th><th><?cs var:Lang.cust.ord.price.by ?></th><th><?cs var:Lang.cust.ord.price.at ?></th></tr></thead>
    <tbody><?cs each:a = Adjustments ?><tr><td class="old"><?cs var:a.old_amount ?></td><td class="new"><?cs var:a.new_amount ?></td><td><?cs var:a.reason ?></td><td><?cs var:a.by_name ?></td><td><?cs var:a.adjusted_at ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Adjustments) ?><p class="hint" id="no-price-history"><?cs var:Lang.cust.ord.price.none ?></p><?cs /if ?>
<?cs /if ?>
