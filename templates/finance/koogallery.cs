<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.disc.fkoo.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.fkoo.intro ?></p>
  <nav class="tabs" aria-label="<?cs var:Lang.disc.fkoo.title ?>"><ul class="toolbar" id="koo-tabs">
    <?cs each:t = Lang.disc.fkoo.tabs ?><li><a class="tab<?cs if:Page.tab == name(t) ?> active" aria-current="page<?cs /if ?>" id="tab-<?cs name:t ?>" href="/finance/koogallery?tab=<?cs name:t ?>"><?cs var:t ?></a></li><?cs /each ?>
  </ul></nav>
  <nav class="tabs" aria-label="<?cs var:Lang.disc.status ?>"><ul class="toolbar" id="koo-subtabs">
    <?cs each:s = Lang.disc.fkoo.subs ?><li><a class="tab<?cs if:Page.sub == name(s) ?> active" aria-current="page<?cs /if ?>" id="sub-<?cs name:s ?>" href="/finance/koogallery?tab=<?cs var:Page.tab ?>&amp;sub=<?cs name:s ?>"><?cs var:s ?></a></li><?cs /each ?>
  </ul></nav>
  <form method="get" action="/finance/koogallery" id="filters" class="filters">
    <input type="hidden" name="tab" value="<?cs var:Page.tab ?>"><input type="hidden" name="sub" value="<?cs var:Page.sub ?>">
    <?cs call:select_rows("delivery", Filter.delivery, Lang.disc.koo.delivery_method, Delivery, "name", "name", "", Lang.disc.all) ?>
    <?cs call:select("status", Filter.status, Lang.disc.status, Lang.disc.koo.status, Lang.disc.all) ?>
    <?cs call:input("q", Filter.q, Lang.disc.fkoo.keyword, "text") ?>
    <button type="submit" id="search"><?cs var:Lang.disc.search ?></button>
  </form>
  <div class="scroll"><table id="koo">
    <thead><tr><th><?cs var:Lang.disc.koo.uuid ?></th><th><?cs var:Lang.disc.product ?></th><th><?cs var:Lang.disc.koo.delivery_method ?></th><th><?cs var:Lang.disc.koo.category ?></th>
      <?cs if:Page.tab != "product" ?><th><?cs var:Lang.disc.koo.project ?></th><th><?cs var:Lang.disc.customer ?></th><?cs /if ?>
      <th><?cs var:Lang.disc.koo.transaction_model ?></th><th><?cs var:Lang.disc.fkoo.resale_discount ?></th><th><?cs var:Lang.disc.status ?></th><th><?cs var:Lang.disc.valid_from ?></th><th><?cs var:Lang.disc.koo.valid_until ?></th><th><?cs var:Lang.disc.fkoo.updated ?></th></tr></thead>
    <tbody><?cs each:k = Koo ?><tr data-uuid="<?cs var:k.uuid ?>">
      <td><code><?cs var:k.uuid ?></code></td><td><?cs var:k.product ?><?cs if:k.spec_name ?><br><small><?cs var:k.spec_name ?></small><?cs /if ?></td>
      <td><?cs var:k.delivery_method ?></td><td><?cs var:k.category ?></td>
      <?cs if:Page.tab != "product" ?><td><?cs var:k.project ?></td><td class="customer"><?cs if:k.customer ?><?cs var:k.customer_account ?><?cs else ?><?cs var:Lang.disc.koo.all_customers ?><?cs /if ?></td><?cs /if ?>
      <td><?cs var:k.transaction_model ?></td><td class="rate"><?cs var:k.rate ?> % <?cs var:Lang.disc.off ?></td>
      <td><?cs var:Lang.disc.koo.status[k.status] ?></td><td><?cs var:k.from ?></td><td><?cs var:k.until ?></td><td><?cs var:k.updated ?></td>
    </tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:!subcount(Koo) ?><p class="hint" id="none"><?cs var:Lang.disc.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
