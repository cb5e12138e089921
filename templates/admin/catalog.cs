<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section>
  <h1><?cs var:Lang.admin.catalog.title ?></h1>
  <p class="hint"><?cs var:Lang.admin.catalog.intro ?></p>
  <table id="products">
    <thead><tr><th><?cs var:Lang.admin.catalog.category ?></th><th><?cs var:Lang.admin.catalog.product ?></th><th><?cs var:Lang.admin.catalog.code ?></th><th><?cs var:Lang.admin.catalog.kind ?></th><th><?cs var:Lang.admin.catalog.p95 ?></th><th><?cs var:Lang.admin.catalog.active ?></th><th><?cs var:Lang.admin.catalog.prices ?></th></tr></thead>
    <tbody><?cs each:p = Products ?><tr data-code="<?cs var:p.code ?>">
      <td><?cs var:p.category ?></td><td><a href="/admin/catalog/<?cs var:p.id ?>"><?cs var:p.name ?></a></td><td><code><?cs var:p.code ?></code></td>
      <td><?cs var:Lang.admin.kind[p.kind] ?></td><td><?cs if:p.p95 == "1" ?><?cs var:Lang.admin.yes ?><?cs /if ?></td>
      <td><?cs if:p.active == "1" ?><?cs var:Lang.admin.yes ?><?cs else ?><?cs var:Lang.admin.no ?><?cs /if ?></td><td><?cs var:p.prices ?></td>
    </tr><?cs /each ?></tbody>
  </table>
</section>
<?cs include:"footer.cs" ?>
