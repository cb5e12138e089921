<?cs include:"header.cs" ?>
<section>
  <h1><?cs var:Lang.home.welcome ?>, <span id="welcome-name"><?cs var:User.name ?></span></h1>
  <?cs if:User.kind == "member" ?>
    <p class="partner" id="partner-name"><?cs var:Partner.0.name ?> · <?cs var:Lang.partner_kind[Partner.0.kind] ?><?cs if:Partner.0.distributor ?> · <?cs var:Lang.home.distributor ?>: <?cs var:Partner.0.distributor ?><?cs /if ?></p>
  <?cs elif:User.kind == "operator" ?>
    <p id="operator-home"><?cs var:Lang.home.operator ?></p>
  <?cs elif:User.kind == "customer" ?>
    <p id="customer-home"><?cs var:Lang.home.customer ?> <strong><?cs var:Customer.0.partner ?></strong></p>
  <?cs else ?>
    <h2 id="join-hcpn"><?cs var:Lang.home.join_title ?></h2>
    <p><?cs var:Lang.home.join_text ?></p>
  <?cs /if ?>
</section>
<?cs if:User.kind == "member" ?>
<div class="home-grid">
  <section id="todos" aria-labelledby="todos-title">
    <h2 id="todos-title"><?cs var:Lang.home.todos ?></h2>
    <?cs if:Home.todos > 0 ?><ul class="todos">
      <?cs each:t = Todo ?><li data-todo="<?cs var:t.key ?>"><a href="<?cs var:t.href ?>"><?cs var:t.label ?></a><?cs if:t.amount ?> <span class="hint"><?cs var:Lang.home.todo.amount ?> <span class="todo-amount"><?cs var:t.amount ?></span> USD<?cs if:t.date ?> · <?cs var:Lang.home.todo.due ?> <span class="todo-date"><?cs var:t.date ?></span><?cs /if ?></span><?cs /if ?><span class="todo-count"><?cs var:t.count ?></span></li><?cs /each ?>
    </ul><?cs else ?><p class="hint" id="no-todos"><?cs var:Lang.home.todo.none ?></p><?cs /if ?>
  </section>
  <?cs if:Home.figures > 0 ?><section id="figures" aria-labelledby="figures-title">
    <h2 id="figures-title"><?cs var:Lang.home.figures ?></h2>
    <ul class="figures">
      <?cs each:f = Figure ?><li data-figure="<?cs var:f.key ?>"><a href="<?cs var:f.href ?>"><?cs var:f.label ?></a><span class="figure-value"><?cs var:f.value ?></span></li><?cs /each ?>
    </ul>
  </section><?cs /if ?>
  <?cs if:Home.notices > 0 ?><section id="notices" aria-labelledby="notices-title">
    <h2 id="notices-title"><?cs var:Lang.home.notices ?></h2>
    <ul>
      <?cs each:n = Notice ?><li data-notice="<?cs var:n.key ?>"><?cs var:n.label ?></li><?cs /each ?>
    </ul>
  </section><?cs /if ?>
</div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
