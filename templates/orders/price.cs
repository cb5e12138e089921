<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.ord.price.title ?> <span id="order-no"><?cs var:Order.order_no ?></span></h1>
  <p class="toolbar"><a href="/orders/<?cs var:Order.id ?>" id="back"><?cs var:Lang.cust.ord.detail.back ?></a></p>
  <?cs call:form_error() ?>
  <table class="details">
    <tr><th><?cs var:Lang.cust.ord.detail.list_amount ?></th><td id="list-amount"><?cs var:Order.list_amount ?></td></tr>
    <tr><th><?cs var:Lang.cust.ord.price.current ?></th><td><?cs var:Order.price ?></td></tr>
  </table>
  <p class="hint"><?cs var:Lang.cust.ord.price.rule ?></p>
  <form method="post" action="/orders/<?cs var:Order.id ?>/price" id="price-form"><?cs call:csrf() ?>
    <?cs call:input("price", Form.price, Lang.cust.ord.price.new, "text") ?>
    <?cs call:textarea("reason", Form.reason, Lang.cust.ord.price.reason, 200, 0) ?>
    <button type="submit" class="primary" id="submit-price"><?cs var:Lang.cust.ord.price.submit ?></button>
  </form>
  <?cs include:"orders/price_history.cs" ?>
</section>
<?cs include:"footer.cs" ?>
