// The Pay flow in a real browser (spec 9.4.2.1, 9.4.2.2): the Admin adds a card on Payment
// Method, opens Pay, chooses a bill, is refused over the single-payment limit with the
// message next to the amount, pays part of the bill by card and the rest from the top-up
// balance, and finds both in Account Statements (the balance payment) — the ledger verifies.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signedInPage } from '../lib/browser.mjs';
import { monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';
import { cleanWorld, ledgerClean, makeBill, topUp, units } from '../lib/funds_seed.mjs';

let stack, browser, w, bill;
const one = async (q) => (await stack.sql(q))[0]?.[0];

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  w = await cleanWorld(stack);
  bill = await makeBill(stack, w, w.p1, w.c1, monthsBack(2), units('45000.00'));
  await topUp(stack, w.p1, '5000.00', 'BROWSER-1');
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('add a card, pay a bill by card within the limit and from the balance, see the statement', async () => {
  const p = await signedInPage(browser, stack.base, 'csp.admin');
  await p.goto(`${stack.base}/home`);
  assert.equal(await p.locator('nav.main a[href="/finance/funds"]').count(), 1, 'Sales > Funds is in the menu');
  await p.goto(`${stack.base}/finance/funds`);
  assert.equal(await p.textContent('h1'), 'Funds');
  assert.equal(await p.textContent('#top-up-balance'), '5,000.00');
  await p.fill('#f-card_no', '4111 1111 1111 1111');
  await p.fill('#f-holder', 'APRIL SMITH');
  await p.fill('#f-expiry', '2031-07');
  await p.fill('#f-security_code', '123');
  await p.check('input[name="agree"]');
  await Promise.all([p.waitForNavigation(), p.click('#add-card')]);
  assert.match(await p.textContent('#cards'), /\*\*\*\* 1111/);
  assert.equal(await p.textContent('#credit-quota'), '1,000.00');

  await Promise.all([p.waitForNavigation(), p.click('nav.tabs a[href="/finance/funds?tab=pay"]')]);
  const row = p.locator(`tr[data-bill="${bill}"]`);
  assert.equal(await row.locator('.outstanding').textContent(), '45,000.00');
  assert.match(await row.locator('.rf').textContent(), new RegExp(`^RF\\d\\dPCB${bill}$`));
  await p.check(`#bill-${bill}`);
  await p.fill('#f-amount', '40000.01');
  await p.check('input[name="method"][value="card"]');
  await Promise.all([p.waitForNavigation(), p.click('#pay-submit')]);
  assert.match(await p.textContent('#e-amount'), /at most 40,000\.00 USD/);
  assert.equal(await one(`SELECT amount_paid FROM partner_bills WHERE id = ${bill}`), '0');

  await p.check(`#bill-${bill}`);
  await p.fill('#f-amount', '40000.00');
  await p.check('input[name="method"][value="card"]');
  await Promise.all([p.waitForNavigation(), p.click('#pay-submit')]);
  assert.match(await p.textContent('body'), /The payment was made/);
  assert.equal(await p.locator(`tr[data-bill="${bill}"] .outstanding`).textContent(), '5,000.00');
  assert.equal(await p.locator(`tr[data-bill="${bill}"] .status`).textContent(), 'Partially paid');

  await p.check(`#bill-${bill}`);
  await p.fill('#f-amount', '5000.00');
  await p.check('input[name="method"][value="balance"]');
  await Promise.all([p.waitForNavigation(), p.click('#pay-submit')]);
  assert.equal(await p.locator(`tr[data-bill="${bill}"]`).count(), 0, 'the paid bill leaves the list');
  assert.equal(await p.textContent('#top-up-balance'), '0.00');
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${bill}`), 'paid');

  await Promise.all([p.waitForNavigation(), p.click('nav.tabs a[href="/finance/funds/statements"]')]);
  const lines = p.locator('#statement tbody tr');
  // newest first: the balance payment, then the card payment as its payment and top-up lines (9.4.2.1), then the top-up
  const seen = [];
  for (let i = 0; i < await lines.count(); i++) {
    const l = lines.nth(i);
    seen.push([await l.locator('.type').textContent(), await l.locator('.amount').textContent(), await l.locator('.balance').textContent()]);
  }
  assert.deepEqual(seen, [['Payment', '-5,000.00', '0.00'], ['Payment', '-40,000.00', '5,000.00'], ['Top-up', '40,000.00', '45,000.00'], ['Top-up', '5,000.00', '5,000.00']]);
  await ledgerClean(stack);
});

test('an account manager is refused the funds page', async () => {
  const p = await signedInPage(browser, stack.base, 'csp.am1');
  const r = await p.goto(`${stack.base}/finance/funds?tab=pay`);
  assert.equal(r.status(), 403);
});
