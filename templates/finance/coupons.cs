<?cs include:"header.cs" ?>
<?cs def:product(k) ?><?cs if:k.product ?><?cs var:k.product ?><?cs else ?><?cs var:Lang.coupons.every_product ?><?cs /if ?><?cs if:k.excluded ?><br><small><?cs var:Lang.coupons.inapplicable ?> <?cs var:k.excluded ?></small><?cs /if ?><?cs /def ?>
<section>
  <h1><?cs if:Page.archive ?><?cs var:Lang.coupons.archive.title ?><?cs else ?><?cs var:Lang.coupons.list.title ?><?cs /if ?></h1>
  <?cs if:Page.archive ?><p class="hint"><?cs var:Lang.coupons.archive.intro ?> <a href="/finance/coupons"><?cs var:Lang.coupons.archive.back ?></a></p>
  <?cs else ?><nav class="toolbar" id="coupon-tabs">
    <a class="tab<?cs if:Filter.tab != "test" ?> active" aria-current="page<?cs /if ?>" id="tab-all" href="/finance/coupons?tab=all"><?cs var:Lang.coupons.list.tab_all ?></a>
    <a class="tab<?cs if:Filter.tab == "test" ?> active" aria-current="page<?cs /if ?>" id="tab-test" href="/finance/coupons?tab=test"><?cs var:Lang.coupons.list.tab_test ?></a>
    <a class="button" href="/finance/coupon-management?tab=quota"><?cs var:Lang.coupons.list.quota_history ?></a>
    <a class="button" id="archive-link" href="/finance/coupons/archive"><?cs var:Lang.coupons.list.archive ?></a>
  </nav>
  <?cs if:Filter.tab == "test" ?><div class="notice-switch" id="notice-switch">
    <p><?cs var:Lang.coupons.notice.label ?>: <strong id="notice-state"><?cs if:Page.notice_on ?><?cs var:Lang.coupons.notice.on ?><?cs else ?><?cs var:Lang.coupons.notice.off ?><?cs /if ?></strong></p>
    <p class="hint"><?cs var:Lang.coupons.notice.hint ?></p>
    <?cs if:Page.is_admin ?><form method="post" action="/finance/coupons/notice" id="notice-form"><?cs call:csrf() ?>
      <input type="hidden" name="notice" value="<?cs if:Page.notice_on ?>off<?cs else ?>on<?cs /if ?>">
      <button type="submit" id="notice-toggle"><?cs if:Page.notice_on ?><?cs var:Lang.coupons.notice.turn_off ?><?cs else ?><?cs var:Lang.coupons.notice.turn_on ?><?cs /if ?></button></form><?cs /if ?>
  </div><?cs /if ?><?cs /if ?>
  <form class="filters" method="get" action="<?cs if:Page.archive ?>/finance/coupons/archive<?cs else ?>/finance/coupons<?cs /if ?>" id="filters">
    <input type="hidden" name="tab" value="<?cs var:Filter.tab ?>">
    <?cs call:filter_input("q", Lang.coupons.list.search, "text") ?>
    <?cs call:filter_select_except("status", Lang.coupons.col.status, Lang.coupons.status, Lang.coupons.list.any_status, "reclaimed") ?>
    <?cs if:Eye.on ?><input type="hidden" name="show" value="name"><?cs /if ?>
    <?cs if:List.size_kept ?><input type="hidden" name="size" value="<?cs var:List.size ?>"><?cs /if ?>
    <button type="submit" id="search" class="primary"><?cs var:Lang.coupons.list.search_button ?></button>
  </form>
  <?cs if:!Page.bad_filters ?>
  <div class="table-wrap">
  <table id="coupons" class="list">
    <thead><tr><th><?cs var:Lang.coupons.col.name_id ?></th><th><?cs var:Lang.coupons.col.balance_usd ?></th><th><?cs var:Lang.coupons.col.validity ?></th>
      <th><?cs var:Lang.coupons.col.product ?></th>
      <th><?cs var:Lang.coupons.col.customer_account ?> <?cs call:eye(Eye, "name") ?></th>
      <?cs if:Page.show_reseller ?><th><?cs var:Lang.coupons.col.reseller_account ?></th><?cs /if ?>
      <th><?cs var:Lang.coupons.col.mode ?></th><th><?cs var:Lang.coupons.col.remarks ?></th><th><?cs var:Lang.coupons.col.status ?></th></tr></thead>
    <tbody><?cs each:k = Coupons ?><tr data-id="<?cs var:k.id ?>">
      <td><a href="/finance/coupons/<?cs var:k.id ?>" class="cname"><?cs var:k.name ?></a><br><small class="code"><?cs var:k.code ?></small><?cs if:k.kind == "test" ?> <span class="tag"><?cs var:Lang.coupons.kind.test ?></span><?cs /if ?></td>
      <td class="balance"><?cs var:k.balance ?></td>
      <td class="date"><?cs var:k.valid_from ?> –<br><?cs var:k.valid_to ?></td>
      <td><?cs call:product(k) ?></td>
      <td class="customer"><?cs if:k.customer ?><?cs var:k.customer ?><br><span class="hint"><?cs var:k.account ?></span><?cs else ?><?cs var:Lang.coupons.all_customers ?><?cs /if ?></td>
      <?cs if:Page.show_reseller ?><td class="reseller"><?cs if:k.reseller ?><?cs var:k.reseller ?><br><span class="hint"><?cs var:k.reseller_account ?></span><?cs else ?><?cs var:Lang.coupons.all_resellers ?><?cs /if ?></td><?cs /if ?>
      <td><?cs if:k.billing_mode ?><?cs var:Lang.coupons.mode[k.billing_mode] ?><?cs else ?><?cs var:Lang.coupons.every_mode ?><?cs /if ?></td>
      <td><?cs var:k.remarks ?></td>
      <td class="status"><?cs var:Lang.coupons.status[k.status] ?></td></tr><?cs /each ?></tbody>
  </table>
  </div>
  <?cs if:!subcount(Coupons) ?><p class="hint" id="no-coupons"><?cs var:Lang.coupons.none ?></p><?cs /if ?>
  <?cs call:list_pager() ?>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
