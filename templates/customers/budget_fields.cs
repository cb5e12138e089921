<?cs # The budget fields shared by the single and the batch form. ?>
<?cs call:field_open("f-type", Form.type, Lang.cust.bud.type) ?>
  <select id="f-type" name="type"<?cs call:invalid("type", Form.type) ?>><?cs each:t = Lang.cust.budget_type ?><?cs if:Types[name(t)] ?><option value="<?cs name:t ?>"<?cs if:Form.type.value == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /if ?><?cs /each ?></select>
<?cs call:field_close("type", Form.type) ?>
<p class="hint"><?cs var:Lang.cust.bud.monthly_note ?> <?cs var:Lang.cust.bud.one_time_note ?></p>
<?cs call:input("amount", Form.amount, Lang.cust.bud.amount, "text") ?>
<fieldset class="field<?cs if:Form.policy.error ?> has-error<?cs /if ?>"><legend><?cs var:Lang.cust.bud.policy ?></legend>
  <label><input type="radio" name="policy" value="automatic" id="f-policy-automatic"<?cs if:Form.policy.value == "automatic" ?> checked<?cs /if ?>> <?cs var:Lang.cust.policy.automatic ?></label>
  <label><input type="radio" name="policy" value="manual" id="f-policy-manual"<?cs if:Form.policy.value == "manual" ?> checked<?cs /if ?>> <?cs var:Lang.cust.policy.manual ?></label>
  <p class="hint"><?cs var:Lang.cust.bud.policy_note ?></p>
  <?cs call:field_error(Form.policy) ?></fieldset>
<?cs if:Quota.monthly || Quota.one_time ?><p class="hint" id="quota"><?cs var:Lang.cust.bud.quota ?>:
  <?cs if:Quota.monthly ?><?cs var:Lang.cust.bud.quota_monthly ?> <?cs var:Quota.monthly ?> USD<?cs /if ?>
  <?cs if:Quota.one_time ?> <?cs var:Lang.cust.bud.quota_one_time ?> <?cs var:Quota.one_time ?> USD<?cs /if ?></p><?cs /if ?>
