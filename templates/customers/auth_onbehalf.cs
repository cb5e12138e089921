<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Page.title ?></h1>
  <p><strong><?cs var:Customer.0.name ?></strong> (<?cs var:Customer.0.account_name ?>)</p>
  <?cs if:Page.started ?>
  <p class="notice" id="onbehalf-started"><?cs var:Lang.cust.onbehalf.started ?></p>
  <h2><?cs var:Lang.cust.onbehalf.gate ?></h2>
  <table class="details" id="purchase-gate"><?cs each:g = Gate ?>
    <tr data-mode="<?cs name:g ?>" data-state="<?cs var:g ?>"><th><?cs var:Lang.cust.onbehalf.mode[name(g)] ?></th><td><?cs var:Lang.cust.onbehalf.state[g] ?></td></tr><?cs /each ?>
  </table>
  <p><a class="button" href="/customers/<?cs var:Customer.0.id ?>" id="switch-back"><?cs var:Lang.cust.onbehalf.switch_back ?></a></p>
  <?cs else ?>
  <p class="notice"><?cs var:Lang.cust.onbehalf.confirm ?></p>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/on-behalf" id="onbehalf-start"><?cs call:csrf() ?>
    <input type="hidden" name="action" value="<?cs var:Page.action ?>">
    <button type="submit" class="primary"><?cs var:Lang.cust.onbehalf.start ?></button>
    <a class="button" href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
