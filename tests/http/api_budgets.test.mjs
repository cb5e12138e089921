// Customer budgets through the partner API (issue 7, partner-api.md §5.3):
// show_sub_customer_budget, list_sub_customer_budget,
// update_sub_customer_budget (the Set Budget page's change: version, window,
// adjustment record, audit, cancel_partner_frozen, reseller quota, distributor
// gate; idempotent replay), list_sub_customer_budget_records — exact JSON
// shapes and types against the demo data, who must not, bad inputs with the DB
// unchanged.  Requests are signed by tests/lib/sdk_client.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, DEMO_KEYS, asUser, dec, assertApiError } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp, dist;
const BUDGET = '/v2/partners/sub-customers/budget';
const QUERY = '/v2/partners/sub-customers/budget/query';
const RECORDS = '/v2/partners/sub-customers/budget/records';
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n); // 10^-8 units

before(async () => {
  stack = await startStack();
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  dist = new ApiClient(stack.base, DEMO_KEYS.dist);
});
after(async () => { await stack?.stop(); });

const one = async (q) => (await stack.sql(q))[0]; // the first row
const id = async (account) => (await one(`SELECT id FROM customers WHERE account_name = '${account}'`))[0];
const userId = async (username) => (await one(`SELECT id FROM users WHERE username = '${username}'`))[0];

/** Everything a budget change writes, to show that a refused one wrote nothing. */
async function snapshot() {
  return stack.sql('SELECT (SELECT GROUP_CONCAT(customer_id, type, amount, policy, window_start, version ORDER BY customer_id) FROM budgets), '
    + '(SELECT COUNT(*) FROM budget_adjustments), (SELECT GROUP_CONCAT(id, freeze_state ORDER BY id) FROM customers), '
    + "(SELECT COUNT(*) FROM audit_events WHERE action IN ('customer.budget.set', 'customer.unfreeze'))");
}



/** JSON types of a budget entry: amounts numbers, integers integers, strings strings. */
function assertBudgetTypes(o) {
  if ('budget_amount' in o) assert.equal(typeof o.budget_amount, 'number');
  assert.equal(typeof o.used_amount, 'number');
  if ('budget_type' in o) assert.ok(['MONTHLY', 'PACKAGE'].includes(o.budget_type));
}

test('show_sub_customer_budget: the budget and what it used, exact shape and types', async () => {
  const r = await csp.get(BUDGET, { customer_id: String(await id('northwind')) });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.deepEqual(r.json, { budget_amount: 1000, used_amount: 760, budget_type: 'MONTHLY', measure_id: 1, currency: 'USD' });
  assert.ok(Number.isInteger(r.json.measure_id));
  // a one-time budget is a PACKAGE, used since its window
  const p = await csp.get(BUDGET, { customer_id: String(await id('contoso')) });
  assert.deepEqual(p.json, { budget_amount: 3000, used_amount: 900, budget_type: 'PACKAGE', measure_id: 1, currency: 'USD' });
  // a resale customer without a budget: no invented amount, only what it used
  const none = await csp.get(BUDGET, { customer_id: String(await id('yunfan')) });
  assert.deepEqual(none.json, { used_amount: 120, measure_id: 1, currency: 'USD' });
});

test('list_sub_customer_budget: one entry per resale customer found, others left out without error', async () => {
  const ids = [await id('blueocean'), await id('northwind'), await id('contoso'), await id('yunfan'), await id('wideworld')]
    .map(String);
  const r = await csp.post(QUERY, { customer_ids: [...ids, 'not-an-id', ids[1]] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {
    measure_id: 1, currency: 'USD',
    budget_infos: [
      { customer_id: ids[0], budget_amount: 2000, used_amount: 350, budget_type: 'MONTHLY' },
      { customer_id: ids[1], budget_amount: 1000, used_amount: 760, budget_type: 'MONTHLY' },
      { customer_id: ids[2], budget_amount: 3000, used_amount: 900, budget_type: 'PACKAGE' },
      { customer_id: ids[3], used_amount: 120 },
    ],
  });
  r.json.budget_infos.forEach(assertBudgetTypes);
  // a referral customer has no budget here (budgets are for resale customers)
  await stack.sql(`UPDATE customers SET association_type = 'referral' WHERE id = ${ids[2]}`);
  try {
    const q = await csp.post(QUERY, { customer_ids: [ids[2]] });
    assert.deepEqual(q.json.budget_infos, []);
    assertApiError(await csp.get(BUDGET, { customer_id: ids[2] }), 400, 'CBC.5002');
  } finally {
    await stack.sql(`UPDATE customers SET association_type = 'reseller' WHERE id = ${ids[2]}`);
  }
});

test('update_sub_customer_budget: the page\'s change in one transaction — version, adjustment, usage, audit; records list it', async () => {
  const fab = await id('fabrikam');
  const before = await one(`SELECT version FROM budgets WHERE customer_id = ${fab}`);
  const r = await csp.post(BUDGET, { customer_id: String(fab), budget_amount: dec('1234.56') });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, '{}');
  // type MONTHLY by default, the policy left unchanged (manual), a new version
  assert.deepEqual(await one(`SELECT type, amount, policy, version FROM budgets WHERE customer_id = ${fab}`),
    ['monthly', USD(1234.56), 'manual', String(Number(before[0]) + 1)]);
  assert.deepEqual(await one(`SELECT old_amount, new_type, new_amount, new_policy, unfreeze_now, user_id FROM budget_adjustments WHERE customer_id = ${fab} ORDER BY id DESC LIMIT 1`),
    [USD(2000), 'monthly', USD(1234.56), 'manual', '0', String(await userId('csp.admin'))]);
  const audit = await one(`SELECT actor_user_id, detail FROM audit_events WHERE action = 'customer.budget.set' AND object_id = ${fab} ORDER BY id DESC LIMIT 1`);
  assert.equal(audit[0], String(await userId('csp.admin')));
  assert.match(audit[1], /type=monthly amount=1234\.56 policy=manual unfreeze=0 via=api/);

  // PACKAGE with automatic freezing; the window starts this month
  const p = await csp.post(BUDGET, { customer_id: String(fab), budget_amount: dec('250'), budget_type: 'PACKAGE', frozen_operate_type: 1 });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(await one(`SELECT type, amount, policy FROM budgets WHERE customer_id = ${fab}`), ['one_time', USD(250), 'automatic']);
  const shown = await csp.get(BUDGET, { customer_id: String(fab) });
  assert.deepEqual(shown.json, { budget_amount: 250, used_amount: 0, budget_type: 'PACKAGE', measure_id: 1, currency: 'USD' });

  // the records, newest first, with paging and the type filter
  const rec = await csp.get(RECORDS, { customer_id: String(fab) });
  assert.equal(rec.status, 200, rec.text);
  assert.equal(rec.json.total_count, 2);
  assert.equal(rec.json.measure_id, 1);
  assert.equal(rec.json.currency, 'USD');
  assert.equal(rec.json.record_list.length, 2);
  const [last, first] = rec.json.record_list;
  assert.match(last.operation_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual({ ...last, operation_time: 'T' }, {
    budget_amount: 250, operation_type: 'SETTING', operation_time: 'T', operator: 'Chen Wei', budget_type: 'PACKAGE',
    partner_corp_name: 'Sunrise Cloud Solutions', partner_account_name: 'sunrise',
  });
  assert.equal(first.budget_amount, 1234.56);
  assert.match(rec.text, /"budget_amount":1234\.56/); // the decimals on the wire, exactly
  const page2 = await csp.get(RECORDS, { customer_id: String(fab), offset: 1, limit: 1 });
  assert.equal(page2.json.total_count, 2);
  assert.deepEqual(page2.json.record_list.map((x) => x.budget_amount), [1234.56]);
  const monthly = await csp.get(RECORDS, { customer_id: String(fab), budget_type: 'MONTHLY', operation_type: 'SETTING' });
  assert.deepEqual(monthly.json.record_list.map((x) => x.budget_type), ['MONTHLY']);
  assert.equal(monthly.json.total_count, 1);
  const deleted = await csp.get(RECORDS, { customer_id: String(fab), operation_type: 'DELETE' });
  assert.deepEqual(deleted.json, { total_count: 0, measure_id: 1, currency: 'USD', record_list: [] });
});

test('cancel_partner_frozen=1 lifts the freeze with the change (the page\'s Unfreeze now); refused while the partner is frozen', async () => {
  const xinghe = await id('xinghe'); // frozen automatically, 520 of 500 used
  await stack.sql('UPDATE partners SET own_frozen = 1 WHERE account_name = \'sunrise\'');
  const snap = await snapshot();
  try {
    assertApiError(await csp.post(BUDGET, { customer_id: String(xinghe), budget_amount: dec('2000'), cancel_partner_frozen: '1' }),
      400, 'CBC.5002', 'frozen');
    assert.deepEqual(await snapshot(), snap);
  } finally {
    await stack.sql('UPDATE partners SET own_frozen = 0 WHERE account_name = \'sunrise\'');
  }
  const r = await csp.post(BUDGET, { customer_id: String(xinghe), budget_amount: dec('2000'), cancel_partner_frozen: '1' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await one(`SELECT freeze_state, freeze_source, budget_exhausted FROM customers WHERE id = ${xinghe}`), ['normal', 'none', '0']);
  assert.equal((await one(`SELECT COUNT(*) FROM freeze_records WHERE customer_id = ${xinghe} AND unfrozen_at IS NULL`))[0], '0');
  assert.equal((await one(`SELECT unfreeze_now FROM budget_adjustments WHERE customer_id = ${xinghe} ORDER BY id DESC LIMIT 1`))[0], '1');
  assert.ok(await one(`SELECT id FROM audit_events WHERE action = 'customer.unfreeze' AND object_id = ${xinghe}`));
});

test('idempotent replay: the same key and body answer the first answer once; another body under the key is refused', async () => {
  const lanhai = await id('lanhai');
  const body = { customer_id: String(lanhai), budget_amount: dec('900.10') };
  const headers = { 'Idempotency-Key': 'budget-lanhai-1' };
  const first = await csp.post(BUDGET, body, { headers });
  assert.equal(first.status, 200, first.text);
  const count = async () => (await one(`SELECT COUNT(*) FROM budget_adjustments WHERE customer_id = ${lanhai}`))[0];
  const n = await count();
  const version = await one(`SELECT version, amount FROM budgets WHERE customer_id = ${lanhai}`);
  assert.equal(version[1], USD(900.10));
  const again = await csp.post(BUDGET, body, { headers });
  assert.equal(again.status, 200);
  assert.equal(again.text, first.text);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(await count(), n, 'the replay changed nothing');
  assert.deepEqual(await one(`SELECT version, amount FROM budgets WHERE customer_id = ${lanhai}`), version);
  const snap = await snapshot();
  const other = await csp.post(BUDGET, { ...body, budget_amount: dec('1') }, { headers });
  assertApiError(other, 400, 'CBC.0100'); // README "Idempotency": another request under the key
  assert.deepEqual(await snapshot(), snap);
});

test('who must not: another partner\'s customer 403 CBC.0151, a foreign reseller 400 CBC.99000037, the distributor gate, DB unchanged', async () => {
  const wide = String(await id('wideworld')); // greatwall's
  const cafe = String(await id('harborcafe')); // harbor's (greatwall's reseller, holding the budget grant)
  const snap = await snapshot();
  assertApiError(await csp.get(BUDGET, { customer_id: wide }), 403, 'CBC.0151');
  assertApiError(await csp.get(RECORDS, { customer_id: wide }), 403, 'CBC.0151');
  assertApiError(await csp.post(BUDGET, { customer_id: wide, budget_amount: dec('10') }), 403, 'CBC.0151');
  assert.deepEqual((await csp.post(QUERY, { customer_ids: [wide] })).json.budget_infos, []);
  // the distributor reaches its reseller's customer only with indirect_partner_id
  assertApiError(await dist.get(BUDGET, { customer_id: cafe }), 403, 'CBC.0151');
  const sunrise = (await one("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0];
  assertApiError(await dist.get(BUDGET, { customer_id: cafe, indirect_partner_id: sunrise }), 400, 'CBC.99000037');
  assertApiError(await dist.post(BUDGET, { customer_id: cafe, budget_amount: dec('10'), indirect_partner_id: sunrise }), 400, 'CBC.99000037');
  const harbor = (await one("SELECT id FROM partners WHERE account_name = 'harbor'"))[0];
  const seen = await dist.get(BUDGET, { customer_id: cafe, indirect_partner_id: harbor });
  assert.deepEqual(seen.json, { budget_amount: 600, used_amount: 150, budget_type: 'MONTHLY', measure_id: 1, currency: 'USD' });
  // ...but may not set it while the reseller holds the grant (ch10 10.2.1.2)
  assertApiError(await dist.post(BUDGET, { customer_id: cafe, budget_amount: dec('10'), indirect_partner_id: harbor }), 403, 'CBC.0151');
  assert.deepEqual(await snapshot(), snap);
  // its own customer it may set
  const own = await dist.post(BUDGET, { customer_id: wide, budget_amount: dec('1600') });
  assert.equal(own.status, 200, own.text);
  assert.equal((await one(`SELECT amount FROM budgets WHERE customer_id = ${wide}`))[0], USD(1600));
});

test('an account manager\'s key: its assigned customers only, and no budget changes (no customer.budget)', async () => {
  const assigned = String(await id('northwind')), other = String(await id('lanhai'));
  const snap = await snapshot();
  await asUser(stack, DEMO_KEYS.csp.ak, 'csp.am1', async () => {
    const r = await csp.get(BUDGET, { customer_id: assigned });
    assert.equal(r.status, 200, r.text);
    assertApiError(await csp.get(BUDGET, { customer_id: other }), 403, 'CBC.0151');
    const list = await csp.post(QUERY, { customer_ids: [assigned, other] });
    assert.deepEqual(list.json.budget_infos.map((x) => x.customer_id), [assigned]);
    assertApiError(await csp.post(BUDGET, { customer_id: assigned, budget_amount: dec('10') }), 403, 'CBC.0151');
  });
  assert.deepEqual(await snapshot(), snap);
});

test('a reseller\'s key: the quota its distributor granted caps the sum of its budgets', async () => {
  const cafe = String(await id('harborcafe')), gangwan = String(await id('gangwan'));
  const snap = await snapshot();
  await asUser(stack, DEMO_KEYS.dist.ak, 'reseller.admin', async () => {
    // 600 + 400 of 5,000: 4,700 for Harbor Cafe would make 5,100
    assertApiError(await dist.post(BUDGET, { customer_id: cafe, budget_amount: dec('4700') }), 400, 'CBC.5002', 'budget_amount');
    assert.deepEqual(await snapshot(), snap);
    // one-time budgets were not granted
    assertApiError(await dist.post(BUDGET, { customer_id: cafe, budget_amount: dec('10'), budget_type: 'PACKAGE' }), 400, 'CBC.5002', 'PACKAGE');
    assert.deepEqual(await snapshot(), snap);
    const ok = await dist.post(BUDGET, { customer_id: gangwan, budget_amount: dec('4000.5') });
    assert.equal(ok.status, 200, ok.text);
  });
  assert.equal((await one(`SELECT amount FROM budgets WHERE customer_id = ${gangwan}`))[0], USD(4000.5));
});

test('bad inputs: 400 CBC.0100 naming the field, nothing changed', async () => {
  const c = String(await id('northwind'));
  const snap = await snapshot();
  const bad = [
    [{ budget_amount: dec('10') }, 'customer_id'],
    [{ customer_id: c }, 'budget_amount'],
    [{ customer_id: c, budget_amount: '10' }, 'budget_amount'],
    [{ customer_id: c, budget_amount: dec('10.123') }, 'budget_amount'],
    [{ customer_id: c, budget_amount: dec('-1') }, 'budget_amount'],
    [{ customer_id: c, budget_amount: dec('2147483648') }, 'budget_amount'],
    [{ customer_id: c, budget_amount: dec('10'), budget_type: 'YEARLY' }, 'budget_type'],
    [{ customer_id: c, budget_amount: dec('10'), cancel_partner_frozen: '2' }, 'cancel_partner_frozen'],
    [{ customer_id: c, budget_amount: dec('10'), frozen_operate_type: 3 }, 'frozen_operate_type'],
    [{ customer_id: 'x'.repeat(65), budget_amount: dec('10') }, 'customer_id'],
    [{ customer_id: 42, budget_amount: dec('10') }, 'customer_id'],
  ];
  for (const [body, field] of bad)
    assertApiError(await csp.post(BUDGET, body), 400, 'CBC.0100', field);
  assertApiError(await csp.post(BUDGET, '{"customer_id": '), 400, 'CBC.0100');
  assertApiError(await csp.get(BUDGET, {}), 400, 'CBC.0100', 'customer_id');
  assertApiError(await csp.post(QUERY, {}), 400, 'CBC.0100', 'customer_ids');
  assertApiError(await csp.post(QUERY, { customer_ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) }), 400, 'CBC.0100', 'customer_ids');
  assertApiError(await csp.post(QUERY, { customer_ids: 'x' }), 400, 'CBC.0100', 'customer_ids');
  assertApiError(await csp.get(RECORDS, { customer_id: c, limit: 0 }), 400, 'CBC.0100', 'limit');
  assertApiError(await csp.get(RECORDS, { customer_id: c, limit: 101 }), 400, 'CBC.0100', 'limit');
  assertApiError(await csp.get(RECORDS, { customer_id: c, offset: -1 }), 400, 'CBC.0100', 'offset');
  assertApiError(await csp.get(RECORDS, { customer_id: c, operation_type: '' }), 400, 'CBC.0100', 'operation_type');
  assertApiError(await csp.get(RECORDS, { customer_id: c, budget_type: '' }), 400, 'CBC.0100', 'budget_type');
  assert.deepEqual(await snapshot(), snap);
});
