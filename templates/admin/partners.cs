<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.disc.partners.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.partners.intro ?></p>
  <div class="table-wrap">
  <table id="partners" class="list">
    <thead><tr><th><?cs var:Lang.disc.partner ?></th><th><?cs var:Lang.disc.tax_region ?></th><th><?cs var:Lang.disc.currency ?></th><th><?cs var:Lang.disc.koo_program ?></th><th><?cs var:Lang.disc.stype.common ?></th><th><?cs var:Lang.disc.stype.promotional ?></th></tr></thead>
    <tbody><?cs each:p = Partners ?><tr data-account="<?cs var:p.account_name ?>">
      <td><a href="/admin/partners/<?cs var:p.id ?>"><?cs var:p.name ?></a> (<?cs var:p.account_name ?>)</td>
      <td><?cs if:p.tax_region ?><?cs var:p.tax_region ?><?cs else ?><?cs var:Lang.disc.not_set ?><?cs /if ?></td>
      <td><?cs var:p.payment_currency ?></td>
      <td><?cs if:p.koogallery_program == "1" ?><?cs var:Lang.admin.yes ?><?cs else ?><?cs var:Lang.admin.no ?><?cs /if ?></td>
      <td><?cs if:p.common ?><?cs var:p.common ?> %<?cs /if ?></td><td><?cs if:p.promotional ?><?cs var:p.promotional ?> %<?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs call:list_pager() ?>
</section>
<?cs include:"footer.cs" ?>
