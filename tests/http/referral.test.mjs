// The association-type switch (9.3.1.2, "seen in the localized guide": the
// partner asks, impacts shown first, the customer agrees or rejects in its
// console) and the referral price adjustment (S11: only orders of referral
// customers, awaiting payment, by the partner administrator).  Stored state
// is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postWithCsrf, signInWithCsrf } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const one = async (sql) => (await stack.sql(sql))[0]?.[0];
const CUSTOMER_EMAIL = 'customer1@blueocean.example';

before(async () => {
  stack = await startStack();
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signInWithCsrf(stack.base, username);
const post = postWithCsrf;

async function consoleCode(c) {
  await stack.sql(`UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE WHERE target = ${q(CUSTOMER_EMAIL)}`);
  assert.equal((await post(c, '/console/code', { back: '/console/associations' })).status, 303);
  const body = await one(`SELECT body FROM mail_outbox WHERE to_addr = ${q(CUSTOMER_EMAIL)} ORDER BY id DESC LIMIT 1`);
  return /(\d{6})/.exec(body)[1];
}
const switchRequests = () => stack.sql("SELECT id, association_type, target_type, status FROM association_requests WHERE customer_id = 1 AND purpose = 'type_switch' ORDER BY id");
const liveType = () => one('SELECT type FROM associations WHERE customer_id = 1 AND status = \'active\'');

test('switch to referral: impacts shown, statement required, one pending request at a time', async () => {
  const admin = await signedIn('csp.admin');
  const detail = await admin.get('/customers/1');
  assert.match(detail.text, /href="\/customers\/1\/switch-type"/);
  const form = await admin.get('/customers/1/switch-type');
  assert.equal(form.status, 200);
  assert.match(form.text, /id="switch-to">Referral</);
  assert.match(form.text, /The vendor bills the customer directly/);

  const noStatement = await post(admin, '/customers/1/switch-type', { reason: 'Customer wants direct billing' });
  assert.equal(noStatement.status, 400);
  assert.match(noStatement.text, /This field is required\./);
  const tooLong = await post(admin, '/customers/1/switch-type', { statement: '1', reason: 'x'.repeat(257) });
  assert.equal(tooLong.status, 400);
  assert.deepEqual(await switchRequests(), []);

  const ok = await post(admin, '/customers/1/switch-type', { statement: '1', reason: 'Customer wants direct billing' });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /msg=switch_requested/);
  const rows = await switchRequests();
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].slice(1), ['reseller', 'referral', 'pending']);
  assert.match(await one(`SELECT subject FROM mail_outbox WHERE to_addr = ${q(CUSTOMER_EMAIL)} ORDER BY id DESC LIMIT 1`), /switch the association type/);
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'association.switch_request'"), '1');

  const again = await post(admin, '/customers/1/switch-type', { statement: '1' });
  assert.equal(again.status, 409);
  assert.equal((await switchRequests()).length, 1);
  assert.equal(await liveType(), 'reseller', 'nothing changes before the customer agrees');
});

test('who may not ask for a switch: account manager 403, other partners 404', async () => {
  const am = await signedIn('csp.am1');
  assert.equal((await am.get('/customers/1/switch-type')).status, 403);
  assert.equal((await post(am, '/customers/1/switch-type', { statement: '1' })).status, 403);
  const reseller = await signedIn('reseller.admin');
  assert.equal((await reseller.get('/customers/1/switch-type')).status, 404);
  const dist = await signedIn('dist.admin');
  const resellersCustomer = await one('SELECT id FROM customers WHERE partner_id = 3 ORDER BY id LIMIT 1');
  assert.equal((await dist.get(`/customers/${resellersCustomer}/switch-type`)).status, 404, "a reseller's customer is not the distributor's to switch");
  assert.equal((await switchRequests()).length, 1);
});

test('the partner cannot complete its own switch through the disassociation decision', async () => {
  const admin = await signedIn('csp.admin');
  const [[id]] = await switchRequests();
  const r = await post(admin, `/customers/associations/${id}/agree`, {});
  assert.notEqual(r.status, 303);
  assert.equal((await switchRequests())[0][3], 'pending');
  assert.equal(await one('SELECT partner_id FROM customers WHERE id = 1'), '1', 'still associated');
});

test('the customer agrees with the statement and a code: the association type changes', async () => {
  const cust = await signedIn('customer1');
  const [[id]] = await switchRequests();
  const log = await cust.get('/console/associations');
  assert.match(log.text, new RegExp(`/console/associations/${id}/switch-agree`));
  assert.match(log.text, /Switch to: <strong>Referral<\/strong>/);

  const noCode = await post(cust, `/console/associations/${id}/switch-agree`, { statement: '1' });
  assert.equal(noCode.status, 400);
  let code = await consoleCode(cust);
  const noStatement = await post(cust, `/console/associations/${id}/switch-agree`, { code });
  assert.equal(noStatement.status, 400);
  assert.match(noStatement.text, /Tick the statement to confirm\./);
  assert.equal(await liveType(), 'reseller');

  code = await consoleCode(cust);
  const ok = await post(cust, `/console/associations/${id}/switch-agree`, { statement: '1', code });
  assert.equal(ok.status, 303);
  assert.equal((await switchRequests())[0][3], 'completed');
  assert.equal(await one('SELECT association_type FROM customers WHERE id = 1'), 'referral');
  // the old association ends the second the new one starts
  const assocs = await stack.sql('SELECT type, status, associated_at, IFNULL(ended_at, \'\') FROM associations WHERE customer_id = 1 ORDER BY id');
  assert.equal(assocs.length, 2);
  assert.deepEqual([assocs[0][0], assocs[0][1], assocs[1][0], assocs[1][1]], ['reseller', 'ended', 'referral', 'active']);
  assert.equal(assocs[0][3], assocs[1][2]);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Association type switch decided'"), '1');
  assert.equal((await cust.get('/console/')).status, 200, 'a referral customer keeps its console');

  const admin = await signedIn('csp.admin');
  const detail = await admin.get('/customers/1');
  assert.doesNotMatch(detail.text, /\/customers\/1\/budget"/, 'budgets do not apply to a referral customer');
  assert.doesNotMatch(detail.text, /\/customers\/1\/freeze"/);
  assert.equal((await admin.get('/customers/1/budget')).status, 409);
});

test('referral price adjustment: validated, kept in the history, only below the list price', async () => {
  const admin = await signedIn('csp.admin');
  const list = Number(await one('SELECT list_amount FROM orders WHERE id = 1'));
  const detail = await admin.get('/orders/1');
  assert.match(detail.text, /id="adjust-price"/);
  assert.match(detail.text, /id="no-price-history"/);

  const above = await post(admin, '/orders/1/price', { price: ((list + 1e6) / 1e8).toFixed(2), reason: 'Loyalty' });
  assert.equal(above.status, 400);
  assert.match(above.text, /cannot exceed the list price/);
  for (const bad of [{ price: '0', reason: 'x' }, { price: 'abc', reason: 'x' }, { price: '0.10', reason: '' }, { price: '0.10', reason: 'x'.repeat(201) }]) {
    assert.equal((await post(admin, '/orders/1/price', bad)).status, 400, JSON.stringify(bad));
  }
  assert.equal(await one('SELECT IFNULL(adjusted_amount, -1) FROM orders WHERE id = 1'), '-1');
  assert.equal(await one('SELECT COUNT(*) FROM order_price_adjustments'), '0');

  const ok = await post(admin, '/orders/1/price', { price: '0.40', reason: 'Loyalty <discount>' });
  assert.equal(ok.status, 303);
  assert.equal(await one('SELECT adjusted_amount FROM orders WHERE id = 1'), '40000000');
  const again = await post(admin, '/orders/1/price', { price: '0.35', reason: 'Second thoughts' });
  assert.equal(again.status, 303);
  const history = await stack.sql('SELECT old_amount, new_amount, reason FROM order_price_adjustments WHERE order_id = 1 ORDER BY id');
  assert.deepEqual(history, [[String(list), '40000000', 'Loyalty <discount>'], ['40000000', '35000000', 'Second thoughts']]);
  const shown = await admin.get('/orders/1');
  assert.match(shown.text, /id="price-current">0\.35</);
  assert.match(shown.text, /Loyalty &lt;discount&gt;/, 'the reason is escaped');
});

test('who may not adjust prices: resale orders, finance specialist, other partners, paid orders', async () => {
  const admin = await signedIn('csp.admin');
  const resale = await admin.get('/orders/4');
  assert.equal(resale.status, 200);
  assert.doesNotMatch(resale.text, /id="adjust-price"/);
  assert.equal((await admin.get('/orders/4/price')).status, 403);
  assert.equal((await post(admin, '/orders/4/price', { price: '0.10', reason: 'x' })).status, 403);

  const finance = await signedIn('csp.finance1');
  assert.doesNotMatch((await finance.get('/orders/1')).text, /id="adjust-price"/);
  assert.equal((await post(finance, '/orders/1/price', { price: '0.10', reason: 'x' })).status, 403);
  const dist = await signedIn('dist.admin');
  assert.equal((await post(dist, '/orders/1/price', { price: '0.10', reason: 'x' })).status, 404);

  await stack.sql("UPDATE orders SET status = 'completed' WHERE id = 1");
  const paid = await post(admin, '/orders/1/price', { price: '0.10', reason: 'x' });
  assert.equal(paid.status, 409);
  assert.match(paid.text, /Only an order awaiting payment/);
  await stack.sql("UPDATE orders SET status = 'pending_payment' WHERE id = 1");
  assert.equal(await one('SELECT adjusted_amount FROM orders WHERE id = 1'), '35000000');
  assert.equal(await one('SELECT COUNT(*) FROM order_price_adjustments'), '2');
});

test('switch back to resale: a rejection keeps the type; agreeing freezes the account until a budget is set', async () => {
  const admin = await signedIn('csp.admin');
  const form = await admin.get('/customers/1/switch-type');
  assert.match(form.text, /id="switch-to">Reseller</);
  assert.match(form.text, /The account is frozen until you set a budget/);
  assert.equal((await post(admin, '/customers/1/switch-type', { statement: '1' })).status, 303);
  const cust = await signedIn('customer1');
  let id = (await switchRequests()).at(-1)[0];
  let code = await consoleCode(cust);
  assert.equal((await post(cust, `/console/associations/${id}/switch-reject`, { code })).status, 303);
  assert.equal((await switchRequests()).at(-1)[3], 'rejected');
  assert.equal(await liveType(), 'referral');

  assert.equal((await post(admin, '/customers/1/switch-type', { statement: '1' })).status, 303);
  id = (await switchRequests()).at(-1)[0];
  code = await consoleCode(cust);
  assert.equal((await post(cust, `/console/associations/${id}/switch-agree`, { statement: '1', code })).status, 303);
  assert.equal(await liveType(), 'reseller');
  assert.deepEqual((await stack.sql('SELECT association_type, freeze_state, freeze_source FROM customers WHERE id = 1'))[0], ['reseller', 'account', 'association']);
  assert.equal(await one("SELECT COUNT(*) FROM freeze_records WHERE customer_id = 1 AND unfrozen_at IS NULL AND source = 'association'"), '1');
  // a resale order has no price adjustment any more
  assert.equal((await admin.get('/orders/1/price')).status, 403);
  // a request not pending (or not this customer's) cannot be decided again
  code = await consoleCode(cust);
  assert.equal((await post(cust, `/console/associations/${id}/switch-agree`, { statement: '1', code })).status, 409);
});
