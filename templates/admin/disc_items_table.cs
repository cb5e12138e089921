<?cs # The items of a commercial discount (Items.N), by its body (d.body). ?>
<table id="items">
  <thead><tr><th><?cs var:Lang.disc.product ?></th><?cs if:d.body == "savings" ?><th><?cs var:Lang.disc.spec ?></th><?cs /if ?><th><?cs var:Lang.disc.region ?></th><th><?cs var:Lang.disc.billing_mode ?></th><th><?cs var:Lang.disc.discount_details ?></th></tr></thead>
  <tbody><?cs each:i = Items ?><tr data-product="<?cs var:i.product ?>">
    <td><?cs var:i.product ?></td><?cs if:d.body == "savings" ?><td><?cs var:i.spec ?></td><?cs /if ?>
    <td><?cs if:i.region ?><?cs var:i.region ?><?cs else ?><?cs var:Lang.disc.unlimited ?><?cs /if ?></td>
    <td><?cs if:i.billing_mode ?><?cs var:Lang.disc.mode[i.billing_mode] ?><?cs else ?><?cs var:Lang.disc.any_mode ?><?cs /if ?></td>
    <td class="details"><?cs if:i.rate ?><?cs var:i.rate ?> % <?cs var:Lang.disc.off ?><?cs else ?><?cs var:Lang.disc.fixed_price ?> <?cs var:i.price ?><?cs if:i.linear ?> × <?cs var:Lang.disc.linear_size ?> <?cs var:i.linear ?><?cs /if ?><?cs if:i.usage_days == "1" ?> × <?cs var:Lang.disc.usage_days ?><?cs /if ?><?cs /if ?></td>
  </tr><?cs /each ?></tbody>
</table>
<?cs if:!subcount(Items) ?><p class="hint" id="no-items"><?cs var:Lang.disc.no_items ?></p><?cs /if ?>
