<?cs include:"header.cs" ?>
<section>
  <p><a href="/finance/discounts"><?cs var:Lang.disc.fcom.title ?></a></p>
  <?cs with:d = Discount.0 ?>
  <h1><?cs var:d.code ?></h1>
  <dl class="facts">
    <dt><?cs var:Lang.disc.type ?></dt><dd><?cs var:Lang.disc.level[d.level] ?></dd>
    <?cs if:d.customer ?><dt><?cs var:Lang.disc.customer ?></dt><dd id="customer"><?cs var:d.customer ?> (<?cs var:d.customer_account ?>)</dd><?cs /if ?>
    <dt><?cs var:Lang.disc.status ?></dt><dd id="status"><?cs var:Lang.disc.cstatus[d.status] ?></dd>
    <dt><?cs var:Lang.disc.effective ?></dt><dd><?cs var:d.effective ?></dd>
    <dt><?cs var:Lang.disc.expiration ?></dt><dd><?cs var:d.expiration ?></dd>
  </dl>
  <h2><?cs if:d.body == "savings" ?><?cs var:Lang.disc.fcom.savings ?><?cs else ?><?cs var:Lang.disc.fcom.product_types ?><?cs /if ?></h2>
  <form method="get" action="/finance/discounts/<?cs var:d.id ?>" id="product-search" class="filters">
    <?cs call:input("q", Filter.q, Lang.disc.product, "text") ?>
    <button type="submit" id="search"><?cs var:Lang.disc.search ?></button>
  </form>
  <?cs include:"admin/disc_items_table.cs" ?>
  <?cs /with ?>
</section>
<?cs include:"footer.cs" ?>
