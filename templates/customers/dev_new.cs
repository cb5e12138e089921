<?cs include:"header.cs" ?><?cs include:"customers/dev_subtabs.cs" ?>
<?cs def:hidden(name) ?><input type="hidden" name="<?cs var:name ?>" value="<?cs var:Form[name].value ?>"><?cs /def ?>
<section class="narrow">
  <h1><?cs var:Lang.cust.dev.new.title ?></h1>
  <?cs call:form_error() ?>
  <?cs if:Review.open ?><div class="notice" id="review" role="alert">
    <h2><?cs var:Lang.cust.dev.review.title ?></h2>
    <ul id="review-reasons"><?cs each:r = Review.reasons ?><li><?cs var:r ?></li><?cs /each ?></ul>
    <form method="post" action="/customers/development/new" id="review-form"><?cs call:csrf() ?>
      <?cs call:hidden("full_name") ?><?cs call:hidden("email") ?><?cs call:hidden("mobile") ?><?cs call:hidden("send_invite") ?><?cs call:hidden("remarks") ?>
      <input type="hidden" name="review" value="yes">
      <?cs call:textarea("review_spend", Form.review_spend, Lang.cust.dev.f.review_spend, 1000, 0) ?>
      <?cs call:textarea("review_process", Form.review_process, Lang.cust.dev.f.review_process, 2000, 0) ?>
      <p class="hint"><?cs var:Lang.cust.dev.review.sla ?></p>
      <button type="submit" class="primary" id="review-continue"><?cs var:Lang.cust.dev.review.continue ?></button>
    </form>
    <p class="hint"><?cs var:Lang.cust.dev.review.modify ?> ↓</p>
  </div><?cs /if ?>
  <form method="post" action="/customers/development/new" id="prereg-form" novalidate><?cs call:csrf() ?>
    <?cs call:input("full_name", Form.full_name, Lang.cust.dev.f.full_name, "text") ?>
    <?cs call:input_hint("email", Form.email, Lang.cust.dev.f.email, "email", Lang.cust.dev.f.email_hint) ?>
    <?cs call:input("mobile", Form.mobile, Lang.cust.dev.f.mobile, "text") ?>
    <fieldset class="field<?cs if:Form.send_invite.error ?> has-error<?cs /if ?>"><legend><?cs var:Lang.cust.dev.f.send_invite ?></legend>
      <label><input type="radio" name="send_invite" value="yes" id="send-yes"<?cs if:Form.send_invite.value == "yes" ?> checked<?cs /if ?>> <?cs var:Lang.common.yes ?></label>
      <label><input type="radio" name="send_invite" value="no" id="send-no"<?cs if:Form.send_invite.value != "yes" ?> checked<?cs /if ?>> <?cs var:Lang.common.no ?></label>
      <?cs call:field_error(Form.send_invite) ?></fieldset>
    <p><?cs var:Lang.cust.dev.f.assoc_type ?>: <strong><?cs var:Lang.cust.dev.reseller ?></strong></p>
    <p class="hint"><?cs var:Lang.cust.dev.reseller_note ?></p>
    <?cs call:input("remarks", Form.remarks, Lang.cust.dev.f.remarks, "text") ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.cust.dev.new.submit ?></button>
    <a class="button" href="/customers/development"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
