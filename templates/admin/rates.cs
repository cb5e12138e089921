<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.disc.rates.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.rates.intro ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/admin/rates" id="rate-form" class="narrow-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("currency", Form.currency, Lang.disc.currency, "text") ?>
    <?cs call:input("day", Form.day, Lang.disc.rates.day, "date") ?>
    <?cs call:input("rate", Form.rate, Lang.disc.rates.rate, "text") ?>
    <button type="submit" class="primary" id="save-rate"><?cs var:Lang.common.save ?></button>
  </form>
  <table id="rates">
    <thead><tr><th><?cs var:Lang.disc.currency ?></th><th><?cs var:Lang.disc.rates.day ?></th><th><?cs var:Lang.disc.rates.rate ?></th></tr></thead>
    <tbody><?cs each:r = Rates ?><tr data-currency="<?cs var:r.currency ?>" data-day="<?cs var:r.day ?>"><td><?cs var:r.currency ?></td><td><?cs var:r.day ?></td><td><?cs var:r.rate ?></td></tr><?cs /each ?></tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
