<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.disc.fcom.title ?></h1>
  <p class="hint"><?cs var:Lang.disc.fcom.intro ?></p>
  <form method="get" action="/finance/discounts" id="filters" class="filters">
    <div class="field<?cs if:Filter.q.error ?> has-error<?cs /if ?>"><label for="f-q"><?cs var:Lang.disc.fcom.search ?></label>
      <input id="f-q" name="q" value="<?cs var:Filter.q.value ?>"><?cs if:Filter.q.error ?><p class="error"><?cs var:Filter.q.error ?></p><?cs /if ?></div>
    <div class="field<?cs if:Filter.status.error ?> has-error<?cs /if ?>"><label for="f-status"><?cs var:Lang.disc.status ?></label>
      <select id="f-status" name="status"><option value=""><?cs var:Lang.disc.all ?></option><?cs each:s = Lang.disc.cstatus ?><option value="<?cs name:s ?>"<?cs if:Filter.status.value == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
      <?cs if:Filter.status.error ?><p class="error"><?cs var:Filter.status.error ?></p><?cs /if ?></div>
    <?cs if:Eye.on ?><input type="hidden" name="show" value="customer"><?cs /if ?>
    <button type="submit" id="search"><?cs var:Lang.disc.search ?></button>
  </form>
  <table id="discounts">
    <thead><tr><th><?cs var:Lang.disc.id ?></th><th><?cs var:Lang.disc.type ?></th>
      <th><?cs var:Lang.disc.customer ?> <a class="eye<?cs if:Eye.on ?> on<?cs /if ?>" id="eye-customer" href="<?cs var:Eye.href ?>" title="<?cs if:Eye.on ?><?cs var:Lang.disc.hide ?><?cs else ?><?cs var:Lang.disc.show ?><?cs /if ?>"><?cs if:Eye.on ?><?cs var:Lang.disc.hide ?><?cs else ?><?cs var:Lang.disc.show ?><?cs /if ?></a></th>
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
  <?cs if:Page.next_after ?><p><a class="button" id="next-page" href="/finance/discounts?<?cs var:Page.query ?>&amp;after=<?cs var:Page.next_after ?>"><?cs var:Lang.disc.next ?></a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
