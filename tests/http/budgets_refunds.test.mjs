// Budgets with refunds (issue 14): a customer whose month-to-date spend is
// negative (an unsubscription refund larger than the month's spend) — the
// Set Budget page, the customer's page, the list, the batch form, the budget
// API and the hourly budget job all answer, usage is 0 % and no alert fires;
// and the one rule for a budget amount (two decimals, at most
// 2,147,483,647.00) on the pages and in the API, bad input kept beside the
// field with nothing changed.  The refund is rated by the real rating job.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { ApiClient, DEMO_KEYS, assertApiError, dec } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp, lanhai;
const BUDGET = '/v2/partners/sub-customers/budget';
const QUERY = '/v2/partners/sub-customers/budget/query';
const one = async (q) => (await stack.sql(q))[0];
const thisMonth = () => localDay().slice(0, 7) + '-01';

before(async () => {
  stack = await startStack();
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  [lanhai] = await one("SELECT id FROM customers WHERE account_name = 'lanhai'");
  // the demo's unsubscription of lanhai (a 500 USD refund) paid now, so that it falls in this
  // month whatever the day; its month holds 300 USD of spend: month-to-date −200 USD
  await stack.sql(`UPDATE orders SET paid_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
    WHERE customer_id = ${lanhai} AND order_type = 'unsubscription'`);
  const r = await stack.worker('run', 'rating');
  assert.equal(r.code, 0, r.stderr);
});
after(async () => { await stack?.stop(); });

const mtdInDb = async () => (await one(`SELECT IFNULL(SUM(list_amount), 0) FROM customer_spend_daily
  WHERE customer_id = ${lanhai} AND day >= '${thisMonth()}' AND monthly_settled = 0`))[0];

test('a refund larger than the month\'s spend: the pages answer with the negative figure and 0 % usage', async () => {
  assert.equal(await mtdInDb(), String(-200n * 100000000n));
  const admin = await signIn(stack.base, 'csp.admin');
  const page = await admin.get(`/customers/${lanhai}/budget`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /<span id="budget-estimate">-200\.00<\/span>/);
  const detail = await admin.get(`/customers/${lanhai}`);
  assert.equal(detail.status, 200);
  assert.match(detail.text, /<span id="spend-month">-200\.00<\/span>/);
  assert.match(detail.text, /<span id="budget-usage">0\.00<\/span>%/);
  // the list keeps the same figure on the customer row (refreshed by the rating job)
  assert.deepEqual(await one(`SELECT mtd_spend, budget_usage_bp FROM customers WHERE id = ${lanhai}`),
    [String(-200n * 100000000n), '0']);
  const list = await admin.get('/customers/?account=lanhai');
  assert.equal(list.status, 200);
  assert.match(list.text, /-200\.00/);
});

test('the batch form and the single form save a budget for the customer with negative spend', async () => {
  const admin = await signIn(stack.base, 'csp.admin');
  await admin.get('/customers/');
  const form = await admin.post('/customers/budget/batch', { ids: [lanhai] });
  assert.equal(form.status, 200, form.text);
  const r = await admin.post('/customers/budget/batch', { ids: [lanhai], step: 'apply', type: 'monthly', amount: '100', policy: 'manual' });
  assert.equal(r.status, 303, r.text);
  assert.deepEqual(await one(`SELECT budget_usage_bp, budget_exhausted FROM customers WHERE id = ${lanhai}`), ['0', '0']);
  // a zero budget is not exhausted by negative spend
  await admin.get(`/customers/${lanhai}/budget`);
  const zero = await admin.post(`/customers/${lanhai}/budget`, { type: 'monthly', amount: '0', policy: 'manual' });
  assert.equal(zero.status, 303, zero.text);
  assert.deepEqual(await one(`SELECT budget_usage_bp, budget_exhausted FROM customers WHERE id = ${lanhai}`), ['0', '0']);
  await admin.get(`/customers/${lanhai}/budget`);
  assert.equal((await admin.post(`/customers/${lanhai}/budget`, { type: 'monthly', amount: '800', policy: 'manual' })).status, 303);
});

test('the budget API reads and changes the budget of the customer with negative spend', async () => {
  const id = String(lanhai);
  const show = await csp.get(BUDGET, { customer_id: id });
  assert.equal(show.status, 200, show.text);
  assert.equal(show.json.used_amount, -200);
  const list = await csp.post(QUERY, { customer_ids: [id] });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.budget_infos[0].used_amount, -200);
  const upd = await csp.post(BUDGET, { customer_id: id, budget_amount: dec('800.00'), budget_type: 'MONTHLY' });
  assert.equal(upd.status, 200, upd.text);
});

test('the hourly budget job runs through: no alert, no freeze, usage 0 %', async () => {
  const r = await stack.worker('run', 'budgets');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout + r.stderr, /0 failed/);
  assert.deepEqual(await one(`SELECT COUNT(*) FROM budget_alerts WHERE customer_id = ${lanhai}`), ['0']);
  assert.deepEqual(await one(`SELECT freeze_state, budget_usage_bp, budget_exhausted, mtd_spend FROM customers WHERE id = ${lanhai}`),
    ['normal', '0', '0', String(-200n * 100000000n)]);
});

/** Everything a budget change writes. */
const snapshot = () => stack.sql(`SELECT (SELECT GROUP_CONCAT(customer_id, type, amount, version ORDER BY customer_id) FROM budgets),
  (SELECT COUNT(*) FROM budget_adjustments)`);

test('one amount rule on the pages: 3 decimals and max + 0.01 refused beside the field, kept; the maximum accepted', async () => {
  const admin = await signIn(stack.base, 'csp.admin');
  const before = await snapshot();
  const cases = [
    ['10.123', /Enter the budget with at most 2 decimal places\./],
    ['2147483647.01', /The budget can be at most 2,147,483,647\.00 USD\./],
    ['2,147,483,648', /The budget can be at most 2,147,483,647\.00 USD\./],
  ];
  for (const [amount, message] of cases) {
    await admin.get('/customers/2/budget');
    const single = await admin.post('/customers/2/budget', { type: 'monthly', amount, policy: 'manual' });
    assert.equal(single.status, 400, amount);
    assert.match(single.text, new RegExp(`<input id="f-amount" name="amount" type="text" value="${amount.replace(/\./g, '\\.')}" aria-invalid="true" aria-describedby="e-amount">\\s*<p class="error" id="e-amount">${message.source}`));
    await admin.get('/customers/');
    const batch = await admin.post('/customers/budget/batch', { ids: ['2', '6'], step: 'apply', type: 'monthly', amount, policy: 'manual' });
    assert.equal(batch.status, 400, amount);
    assert.match(batch.text, new RegExp(`value="${amount.replace(/\./g, '\\.')}" aria-invalid="true" aria-describedby="e-amount">\\s*<p class="error" id="e-amount">${message.source}`));
  }
  assert.deepEqual(await snapshot(), before);
  await admin.get('/customers/2/budget');
  const max = await admin.post('/customers/2/budget', { type: 'monthly', amount: '2,147,483,647.00', policy: 'manual' });
  assert.equal(max.status, 303, max.text);
  await admin.get('/customers/');
  const maxBatch = await admin.post('/customers/budget/batch', { ids: ['2', '6'], step: 'apply', type: 'monthly', amount: '2147483647', policy: 'manual' });
  assert.equal(maxBatch.status, 303, maxBatch.text);
  assert.deepEqual(await stack.sql('SELECT amount FROM budgets WHERE customer_id IN (2, 6) ORDER BY customer_id'),
    [['214748364700000000'], ['214748364700000000']]);
});

test('one amount rule in the API: 3 decimals and max + 0.01 refused naming budget_amount; the maximum accepted', async () => {
  const id = String(lanhai);
  const before = await snapshot();
  for (const amount of ['10.123', '2147483647.01', '-0.01'])
    assertApiError(await csp.post(BUDGET, { customer_id: id, budget_amount: dec(amount) }), 400, 'CBC.0100', 'budget_amount');
  assert.deepEqual(await snapshot(), before);
  const max = await csp.post(BUDGET, { customer_id: id, budget_amount: dec('2147483647.00') });
  assert.equal(max.status, 200, max.text);
  assert.deepEqual(await one(`SELECT amount FROM budgets WHERE customer_id = ${lanhai}`), ['214748364700000000']);
  const cents = await csp.post(BUDGET, { customer_id: id, budget_amount: dec('10.50') });
  assert.equal(cents.status, 200, cents.text);
  assert.deepEqual(await one(`SELECT amount FROM budgets WHERE customer_id = ${lanhai}`), ['1050000000']);
});
