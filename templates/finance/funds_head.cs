<?cs # The top of every tab of Funds Management (finance/funds_TAB.cs): the title and the balances. ?>
  <h1><?cs var:Lang.funds.title ?></h1>
  <p id="balances"><?cs var:Lang.funds.top_up_balance ?>: <strong id="top-up-balance"><?cs var:Funds.top_up ?></strong> USD ·
    <?cs var:Lang.funds.credit_quota ?>: <strong id="credit-quota"><?cs var:Funds.quota ?></strong> USD ·
    <?cs var:Lang.funds.credit_used ?>: <strong id="credit-used"><?cs var:Funds.used ?></strong> USD ·
    <?cs var:Lang.funds.credit_available ?>: <strong id="credit-available"><?cs var:Funds.available ?></strong> USD</p>
