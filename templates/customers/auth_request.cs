<?cs include:"header.cs" ?><?cs include:"tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.auth.request ?></h1>
  <p><strong><?cs var:Customer.0.name ?></strong> (<?cs var:Customer.0.account_name ?>)</p>
  <p><?cs var:Lang.cust.auth.intro ?></p>
  <?cs call:form_error() ?>
  <form method="post" action="/customers/<?cs var:Customer.0.id ?>/authorize" id="auth-request"><?cs call:csrf() ?>
    <?cs if:Page.first ?>
    <p class="notice"><?cs var:Lang.cust.auth.first_note ?></p>
    <pre class="letter" id="commitment-letter"><?cs var:Letter.0.body ?></pre>
    <?cs call:checkbox("letter", Form.letter, Lang.cust.auth.letter_tick + " (" + Letter.0.version + ")", "1") ?>
    <?cs /if ?>
    <button type="submit" class="primary" id="send-request"><?cs var:Lang.cust.auth.submit ?></button>
    <a class="button" href="/customers/<?cs var:Customer.0.id ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
