// Set Budget (9.3.1.3, 9.3.1.4): single and batch, versions and adjustment
// records, window start, usage at once, raising resolves alerts, "Unfreeze
// now", verification codes (13.5), the reseller grant and quota and the
// distributor gate (ch10 10.2.1.2), who must not, bad inputs; and the budget
// alert recipients (9.3.1.5).  Stored state is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n); // 10^-8 units
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const thisMonth = () => localDay().slice(0, 7) + '-01';
function lastMonthDay() {
  const [y, m] = localDay().split('-').map(Number);
  return m === 1 ? `${y - 1}-12-15` : `${y}-${String(m - 1).padStart(2, '0')}-15`;
}

before(async () => {
  stack = await startStack();
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signIn(stack.base, username);

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0] : null;
}

async function budget(id) {
  return one(`SELECT type, amount, policy, window_start, version FROM budgets WHERE customer_id = ${id}`);
}

/** Ask for a verification code as the signed-in user and read it from the outbox. */
async function code(client, username, back) {
  // a code is issued at most once a minute: age the earlier ones
  await stack.sql('UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE');
  await client.get(back);
  const r = await client.post('/customers/code', { back });
  assert.equal(r.status, 303);
  const [body] = await one(`SELECT body FROM mail_outbox WHERE to_addr = (SELECT email FROM users WHERE username = ${q(username)}) ORDER BY id DESC LIMIT 1`);
  return /(\d{6})/.exec(body)[1];
}

test('csp.admin sets a monthly budget: version, window, adjustment record, usage at once, audit', async () => {
  const admin = await signedIn('csp.admin');
  const page = await admin.get('/customers/2/budget');
  assert.equal(page.status, 200);
  assert.match(page.text, /Monthly Budget <span id="budget-amount">1,000\.00<\/span> USD/);
  assert.match(page.text, /Current Estimate <span id="budget-estimate">760\.00<\/span> USD/);
  assert.match(page.text, /The vendor is not liable/);
  const before = await budget(2);
  const r = await admin.post('/customers/2/budget', { type: 'monthly', amount: '1,500', policy: 'manual' });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, '/customers/2/budget?msg=budget_saved');
  assert.deepEqual(await budget(2), ['monthly', USD(1500), 'manual', thisMonth(), String(Number(before[4]) + 1)]);
  assert.deepEqual(await one('SELECT old_type, old_amount, old_policy, new_type, new_amount, new_policy, unfreeze_now '
    + 'FROM budget_adjustments WHERE customer_id = 2 ORDER BY id DESC LIMIT 1'),
  ['monthly', USD(1000), 'manual', 'monthly', USD(1500), 'manual', '0']);
  // 760 / 1,500 = 50.66 %
  assert.deepEqual(await one('SELECT budget_usage_bp, budget_exhausted FROM customers WHERE id = 2'), ['5066', '0']);
  assert.ok(await one("SELECT id FROM audit_events WHERE action = 'customer.budget.set' AND object_id = 2"));
  const records = await admin.get('/customers/2/budget/records');
  assert.equal(records.status, 200);
  assert.match(records.text, /1,000\.00[\s\S]*1,500\.00/);
});

test('raising the budget below 100 % resolves open alerts, clears exhaustion; Unfreeze now unfreezes', async () => {
  const admin = await signedIn('csp.admin');
  // customer 3: 500 USD monthly automatic, 520 spent, frozen automatically
  await stack.sql(`INSERT INTO budget_alerts (customer_id, window_start, budget_version, level, usage_bp, fired_at) VALUES (3, '${thisMonth()}', 1, 100, 10400, UTC_TIMESTAMP())`);
  await stack.sql('UPDATE customers SET budget_exhausted = 1 WHERE id = 3');
  const form = await admin.get('/customers/3/budget');
  assert.match(form.text, /name="unfreeze_now"/);
  const r = await admin.post('/customers/3/budget', { type: 'monthly', amount: '1000', policy: 'manual', unfreeze_now: '1' });
  assert.equal(r.status, 303, r.text);
  assert.deepEqual(await one('SELECT freeze_state, freeze_source, budget_exhausted, budget_usage_bp FROM customers WHERE id = 3'),
    ['normal', 'none', '0', '5200']);
  assert.equal((await one('SELECT COUNT(*) FROM budget_alerts WHERE customer_id = 3 AND resolved_at IS NULL'))[0], '0');
  assert.equal((await one('SELECT unfreeze_now FROM budget_adjustments WHERE customer_id = 3 ORDER BY id DESC LIMIT 1'))[0], '1');
  assert.ok(await one("SELECT id FROM audit_events WHERE action = 'customer.unfreeze' AND object_id = 3"));
});

test('the automatic policy always needs a code, even with codes switched off (13.5)', async () => {
  const admin = await signedIn('csp.admin');
  assert.equal((await one('SELECT verification_codes FROM partners WHERE id = 1'))[0], '0');
  const before = await budget(7);
  await admin.get('/customers/7/budget');
  const r = await admin.post('/customers/7/budget', { type: 'monthly', amount: '800', policy: 'automatic' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Enter the verification code sent to your e-mail\./);
  assert.deepEqual(await budget(7), before);
  const wrong = await admin.post('/customers/7/budget', { type: 'monthly', amount: '800', policy: 'automatic', code: '000000' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await budget(7), before);
  const c = await code(admin, 'csp.admin', '/customers/7/budget');
  const ok = await admin.post('/customers/7/budget', { type: 'monthly', amount: '800', policy: 'automatic', code: c });
  assert.equal(ok.status, 303, ok.text);
  assert.equal((await budget(7))[2], 'automatic');
});

test('with codes switched on, a manual budget needs a code too; with codes off it does not', async () => {
  const admin = await signedIn('csp.admin');
  await stack.sql('UPDATE partners SET verification_codes = 1 WHERE id = 1');
  try {
    const before = await budget(1);
    await admin.get('/customers/1/budget');
    const r = await admin.post('/customers/1/budget', { type: 'monthly', amount: '2500', policy: 'manual' });
    assert.equal(r.status, 400);
    assert.deepEqual(await budget(1), before);
    const c = await code(admin, 'csp.admin', '/customers/1/budget');
    const ok = await admin.post('/customers/1/budget', { type: 'monthly', amount: '2500', policy: 'manual', code: c });
    assert.equal(ok.status, 303);
    assert.equal((await budget(1))[1], USD(2500));
  } finally {
    await stack.sql('UPDATE partners SET verification_codes = 0 WHERE id = 1');
  }
  await admin.get('/customers/1/budget');
  const off = await admin.post('/customers/1/budget', { type: 'monthly', amount: '2600', policy: 'manual' });
  assert.equal(off.status, 303);
});

test('monthly → one-time counts from the 1st of this month; a one-time budget keeps its window', async () => {
  const admin = await signedIn('csp.admin');
  // customer 6: 2,000 monthly, nothing spent; 100 last month and 40 this month
  await stack.sql(`INSERT INTO customer_spend_daily (customer_id, day, list_amount) VALUES (6, '${lastMonthDay()}', ${USD(100)}), (6, '${localDay()}', ${USD(40)})`);
  await admin.get('/customers/6/budget');
  const r = await admin.post('/customers/6/budget', { type: 'one_time', amount: '1000', policy: 'manual' });
  assert.equal(r.status, 303);
  const b = await budget(6);
  assert.deepEqual(b.slice(0, 4), ['one_time', USD(1000), 'manual', thisMonth()]);
  assert.equal((await one('SELECT budget_usage_bp FROM customers WHERE id = 6'))[0], '400');
  const page = await admin.get('/customers/6/budget');
  assert.match(page.text, /One-Time Budget <span id="budget-amount">1,000\.00/);
  assert.match(page.text, /Total Expenditure <span id="budget-estimate">40\.00/);
  // set in an earlier month: changing the amount keeps that start (it never restores)
  await stack.sql(`UPDATE budgets SET window_start = '${lastMonthDay().slice(0, 8)}01' WHERE customer_id = 6`);
  const again = await admin.post('/customers/6/budget', { type: 'one_time', amount: '700', policy: 'manual' });
  assert.equal(again.status, 303);
  assert.equal((await budget(6))[3], `${lastMonthDay().slice(0, 8)}01`);
  assert.equal((await one('SELECT budget_usage_bp FROM customers WHERE id = 6'))[0], '2000'); // 140 / 700
});

test('bad inputs: negative or malformed amount, missing type, unknown customer — nothing changes', async () => {
  const admin = await signedIn('csp.admin');
  const before = await budget(2);
  await admin.get('/customers/2/budget');
  const cases = [
    [{ type: 'monthly', amount: '-5', policy: 'manual' }, /The budget must be 0 or more\./],
    [{ type: 'monthly', amount: '12abc', policy: 'manual' }, /Enter an amount such as 1,234\.56\./],
    [{ type: 'monthly', amount: '1.123456789', policy: 'manual' }, /Enter an amount such as 1,234\.56\./],
    [{ amount: '10', policy: 'manual' }, /This field is required\./],
    [{ type: 'yearly', amount: '10', policy: 'manual' }, /Choose one of the options\./],
    [{ type: 'monthly', amount: '10', policy: 'sometimes' }, /Choose one of the options\./],
  ];
  for (const [fields, message] of cases) {
    const r = await admin.post('/customers/2/budget', fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(r.text, message);
    assert.match(r.text, /class="error"/);
  }
  assert.deepEqual(await budget(2), before);
  assert.equal((await admin.get('/customers/99999/budget')).status, 404);
  assert.equal((await admin.post('/customers/99999/budget', { type: 'monthly', amount: '1', policy: 'manual' })).status, 404);
  // zero is a valid budget
  const zero = await admin.post('/customers/2/budget', { type: 'monthly', amount: '0', policy: 'manual' });
  assert.equal(zero.status, 303);
  assert.equal((await one('SELECT budget_usage_bp, budget_exhausted FROM customers WHERE id = 2')).join(), '10000,1');
  await admin.post('/customers/2/budget', { type: 'monthly', amount: '1500', policy: 'manual' });
});

test('who must not: account manager without customer.budget, another partner, a type not granted', async () => {
  const am = await signedIn('csp.am1');
  assert.equal((await am.get('/customers/1/budget')).status, 403);
  await am.get('/customers/1');
  assert.equal((await am.post('/customers/1/budget', { type: 'monthly', amount: '1', policy: 'manual' })).status, 403);
  assert.equal((await am.get('/customers/recipients')).status, 403);
  const detail = await am.get('/customers/1');
  assert.doesNotMatch(detail.text, /\/customers\/1\/budget"/);

  const dist = await signedIn('dist.admin');
  assert.equal((await dist.get('/customers/2/budget')).status, 404);
  await dist.get('/customers/8/budget');
  assert.equal((await dist.post('/customers/2/budget', { type: 'monthly', amount: '1', policy: 'manual' })).status, 404);

  const reseller = await signedIn('reseller.admin');
  const before = await budget(10);
  const form = await reseller.get('/customers/10/budget');
  assert.equal(form.status, 200);
  assert.doesNotMatch(form.text, /value="one_time"/);
  const r = await reseller.post('/customers/10/budget', { type: 'one_time', amount: '100', policy: 'manual' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Your distributor has not granted you this budget type\./);
  assert.deepEqual(await budget(10), before);
});

test('reseller quota pool and the distributor gate (ch10 10.2.1.2)', async () => {
  const reseller = await signedIn('reseller.admin');
  const dist = await signedIn('dist.admin');
  await stack.sql(`UPDATE partners SET quota_monthly = ${USD(1000)} WHERE id = 3`);
  // customer 11 holds 400: A = 600 fits (1,000), B = 500 does not (1,100)
  await reseller.get('/customers/10/budget');
  const a = await reseller.post('/customers/10/budget', { type: 'monthly', amount: '600', policy: 'manual' });
  assert.equal(a.status, 303);
  const before = await budget(11);
  const b = await reseller.post('/customers/11/budget', { type: 'monthly', amount: '500', policy: 'manual' });
  assert.equal(b.status, 400);
  assert.match(b.text, /would exceed the quota granted by your distributor/);
  assert.deepEqual(await budget(11), before);
  // a batch over the pool changes nothing either
  await reseller.get('/customers/');
  const batch = await reseller.post('/customers/budget/batch', { ids: ['10', '11'], step: 'apply', type: 'monthly', amount: '501', policy: 'manual' });
  assert.equal(batch.status, 400);
  assert.equal((await budget(10))[1], USD(600));

  // while harbor holds the grant the distributor's controls are closed
  assert.equal((await dist.get('/customers/10/budget')).status, 403);
  assert.doesNotMatch((await dist.get('/customers/10')).text, /\/customers\/10\/budget"/);
  await stack.sql('UPDATE partners SET grant_budget_monthly = 0 WHERE id = 3');
  try {
    assert.equal((await reseller.get('/customers/10/budget')).status, 403);
    assert.equal((await reseller.get('/customers/10/freeze')).status, 403);
    assert.equal((await budget(10))[1], USD(600));
    assert.match((await dist.get('/customers/10')).text, /\/customers\/10\/budget"/);
    await dist.get('/customers/10/budget');
    const d = await dist.post('/customers/10/budget', { type: 'one_time', amount: '900', policy: 'manual' });
    assert.equal(d.status, 303, d.text);
    assert.equal((await budget(10))[0], 'one_time');
    // a distributor cannot batch its resellers' customers
    await dist.get('/customers/');
    const db = await dist.post('/customers/budget/batch', { ids: ['8', '10'], step: 'apply', type: 'monthly', amount: '1', policy: 'manual' });
    assert.equal(db.status, 404);
    assert.equal((await budget(8))[1], USD(1500));
  } finally {
    await stack.sql(`UPDATE partners SET grant_budget_monthly = 1, quota_monthly = ${USD(5000)} WHERE id = 3`);
  }
});

test('batch Set Budget from the list overwrites every selected budget', async () => {
  const admin = await signedIn('csp.admin');
  const list = await admin.get('/customers/');
  assert.match(list.text, /formaction="\/customers\/budget\/batch"/);
  const form = await admin.post('/customers/budget/batch', { ids: ['6', '7'], am: '1' });
  assert.equal(form.status, 200);
  assert.match(form.text, /name="ids" value="6"/);
  assert.match(form.text, /name="ids" value="7"/);
  const v6 = Number((await budget(6))[4]), v7 = Number((await budget(7))[4]);
  const r = await admin.post('/customers/budget/batch', { ids: ['6', '7'], step: 'apply', type: 'monthly', amount: '900', policy: 'manual' });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, '/customers/?msg=budget_saved');
  assert.deepEqual((await budget(6)).slice(0, 3), ['monthly', USD(900), 'manual']);
  assert.deepEqual((await budget(7)).slice(0, 3), ['monthly', USD(900), 'manual']);
  assert.equal(Number((await budget(6))[4]), v6 + 1);
  assert.equal(Number((await budget(7))[4]), v7 + 1);
  // bad value or an unknown id: nothing changes
  await admin.get('/customers/');
  const bad = await admin.post('/customers/budget/batch', { ids: ['6', '7'], step: 'apply', type: 'monthly', amount: '-1', policy: 'manual' });
  assert.equal(bad.status, 400);
  const unknown = await admin.post('/customers/budget/batch', { ids: ['6', '99999'], step: 'apply', type: 'monthly', amount: '5', policy: 'manual' });
  assert.equal(unknown.status, 404);
  assert.equal((await budget(6))[1], USD(900));
  assert.equal((await admin.post('/customers/budget/batch', { ids: ['x'] })).status, 400);
  const am = await signedIn('csp.am1');
  await am.get('/customers/');
  assert.equal((await am.post('/customers/budget/batch', { ids: ['1'] })).status, 403);
});

test('budget alert recipients: add, list (escaped), bad input, delete; scope', async () => {
  const admin = await signedIn('csp.admin');
  const page = await admin.get('/customers/recipients');
  assert.equal(page.status, 200);
  assert.match(page.text, /href="\/customers\/recipients"/);
  const r = await admin.post('/customers/recipients', { name: '<b>Ann</b>', email: 'ann@example.com', phone: '13800000000' });
  assert.equal(r.status, 303);
  const list = await admin.get('/customers/recipients');
  assert.match(list.text, /&lt;b&gt;Ann&lt;\/b&gt;/);
  assert.doesNotMatch(list.text, /<b>Ann<\/b>/);
  const bad = await admin.post('/customers/recipients', { name: '', email: 'not-an-email', phone: '12' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter a valid e-mail address\./);
  assert.equal((await one("SELECT COUNT(*) FROM budget_recipients WHERE partner_id = 1"))[0], '1');
  const [id] = await one("SELECT id FROM budget_recipients WHERE email = 'ann@example.com'");
  // another partner cannot delete it
  const dist = await signedIn('dist.admin');
  await dist.get('/customers/recipients');
  assert.equal((await dist.post(`/customers/recipients/${id}/delete`, { confirm: '1' })).status, 404);
  const del = await admin.post(`/customers/recipients/${id}/delete`, { confirm: '1' });
  assert.equal(del.status, 303);
  assert.equal((await one('SELECT COUNT(*) FROM budget_recipients WHERE partner_id = 1'))[0], '0');
});
