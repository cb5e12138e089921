<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.disc.fcom.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.fcom.intro ?></p>
  <form method="get" action="/finance/discounts" id="filters" class="filters">
    <?cs call:input("q", Filter.q, Lang.disc.fcom.search, "text") ?>
    <?cs call:select("status", Filter.status, Lang.disc.status, Lang.disc.cstatus, Lang.disc.all) ?>
    <?cs if:Eye.on ?><input type="hidden" name="show" value="customer"><?cs /if ?>
    <button type="submit" id="search"><?cs var:Lang.disc.search ?></button>
  </form>
  <table id="discounts">
    <thead><tr><th><?cs var:Lang.disc.id ?></th><th><?cs var:Lang.disc.type ?></th>
      <th><?cs var:Lang.disc.customer ?> <?cs call:eye(Eye, "customer") ?></th>
      <th><?cs var:Lang.disc.status ?></th><th><?cs var:Lang.disc.effective ?></th><th><?cs var:Lang.disc.expiration ?></th></tr></thead>
    <tbody><?cs each:d = Discounts ?><tr data-code="<?cs var:d.code ?>">
      <td><a href="/finance/discounts/<?cs var:d.id ?><?cs if:Eye.on ?>?show=customer<?cs /if ?>"><?cs var:d.code ?></a></td>
      <td><?cs var:Lang.disc.level[d.level] ?></td>
      <td class="customer"><?cs if:d.customer ?><?cs var:d.customer ?> (<?cs var:d.customer_account ?>)<?cs else ?>—<?cs /if ?></td>
      <td><span class="badge status-<?cs var:d.status ?>"><?cs var:Lang.disc.cstatus[d.status] ?></span></td>
      <td><?cs var:d.effective ?></td><td><?cs var:d.expiration ?></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Discounts) ?><p class="hint" id="none"><?cs var:Lang.disc.none ?></p><?cs /if ?>
  <?cs call:next_page("/finance/discounts", Page.query) ?>
</section>
<?cs include:"footer.cs" ?>
