<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.disc.fkoo.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.fkoo.intro ?></p>
  <nav class="tabs" aria-label="<?cs var:Lang.disc.fkoo.title ?>"><ul class="toolbar" id="koo-tabs">
    <?cs each:t = Lang.disc.fkoo.tabs ?><li><a class="button<?cs if:Page.tab == name(t) ?> primary<?cs /if ?>" id="tab-<?cs name:t ?>" href="/finance/koogallery?tab=<?cs name:t ?>"><?cs var:t ?></a></li><?cs /each ?>
  </ul></nav>
  <nav class="tabs" aria-label="<?cs var:Lang.disc.status ?>"><ul class="toolbar" id="koo-subtabs">
    <?cs each:s = Lang.disc.fkoo.subs ?><li><a class="button<?cs if:Page.sub == name(s) ?> primary<?cs /if ?>" id="sub-<?cs name:s ?>" href="/finance/koogallery?tab=<?cs var:Page.tab ?>&amp;sub=<?cs name:s ?>"><?cs var:s ?></a></li><?cs /each ?>
  </ul></nav>
  <form method="get" action="/finance/koogallery" id="filters" class="filters">
    <input type="hidden" name="tab" value="<?cs var:Page.tab ?>"><input type="hidden" name="sub" value="<?cs var:Page.sub ?>">
    <div class="field<?cs if:Filter.delivery.error ?> has-error<?cs /if ?>"><label for="f-delivery"><?cs var:Lang.disc.koo.delivery_method ?></label>
      <select id="f-delivery" name="delivery"><option value=""><?cs var:Lang.disc.all ?></option><?cs each:m = Delivery ?><option value="<?cs var:m.name ?>"<?cs if:Filter.delivery.value == m.name ?> selected<?cs /if ?>><?cs var:m.name ?></option><?cs /each ?></select></div>
    <div class="field<?cs if:Filter.status.error ?> has-error<?cs /if ?>"><label for="f-status"><?cs var:Lang.disc.status ?></label>
      <select id="f-status" name="status"><option value=""><?cs var:Lang.disc.all ?></option><?cs each:s = Lang.disc.koo.status ?><option value="<?cs name:s ?>"<?cs if:Filter.status.value == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
      <?cs if:Filter.status.error ?><p class="error"><?cs var:Filter.status.error ?></p><?cs /if ?></div>
    <div class="field<?cs if:Filter.q.error ?> has-error<?cs /if ?>"><label for="f-q"><?cs var:Lang.disc.fkoo.keyword ?></label><input id="f-q" name="q" value="<?cs var:Filter.q.value ?>">
      <?cs if:Filter.q.error ?><p class="error"><?cs var:Filter.q.error ?></p><?cs /if ?></div>
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
