// The hourly "budgets" job (9.3.1.3, 9.3.1.4, 9.3.1.5, 9.3.1.9) and the
// "release" job (9.3.1.7), with time moved by --now.  Budget windows and
// spend rows are placed in months of 2027, after the demo data, so that the
// numbers are worked out by hand.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

before(async () => {
  stack = await startStack();
  await stack.sql("INSERT INTO budget_recipients (partner_id, name, email, phone) VALUES (1, 'Rui', 'r1@example.com', ''), (1, 'Lan', 'r2@example.com', '13800000000')");
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0] : null;
}
const count = async (query) => Number((await one(query))[0]);

async function run(job, now) {
  const r = await stack.worker('run', job, '--now', now);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

async function setBudget(id, type, amount, policy, window) {
  await stack.sql(`INSERT INTO budgets (customer_id, type, amount, policy, window_start, version, updated_by, updated_at) VALUES (${id}, '${type}', ${USD(amount)}, '${policy}', '${window}', 1, 1, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE type = VALUES(type), amount = VALUES(amount), policy = VALUES(policy), window_start = VALUES(window_start), version = version + 1`);
}
async function spend(id, day, usd, settled = 0) {
  await stack.sql(`INSERT INTO customer_spend_daily (customer_id, day, monthly_settled, list_amount) VALUES (${id}, '${day}', ${settled}, ${USD(usd)}) ON DUPLICATE KEY UPDATE list_amount = VALUES(list_amount)`);
}
const alerts = async (id) => (await stack.sql(`SELECT window_start, budget_version, level FROM budget_alerts WHERE customer_id = ${id} ORDER BY id`)).map((r) => r.join('/'));
const customer = async (id) => (await one(`SELECT freeze_state, freeze_source, budget_exhausted, budget_usage_bp, mtd_spend FROM customers WHERE id = ${id}`)).join('/');
const mails = (name) => count(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr IN ('r1@example.com', 'r2@example.com') AND subject LIKE ${q('%' + name + '%')}`);

const signedIn = (username) => signIn(stack.base, username);

test('9.3.1.3: 1,000 USD monthly automatic — 75, 90, 100 % once each, frozen, re-run quiet, settled spend ignored, new month', async () => {
  // customer 6 "Fabrikam Logistics"
  await setBudget(6, 'monthly', 1000, 'automatic', '2027-01-01');
  const v = (await one('SELECT version FROM budgets WHERE customer_id = 6'))[0];
  await spend(6, '2027-01-05', 760);
  await run('budgets', '2027-01-10 02:00:00');
  assert.deepEqual(await alerts(6), [`2027-01-01/${v}/75`]);
  assert.equal(await mails('Fabrikam'), 2, 'one mail per recipient');
  const [subject, body] = await one("SELECT subject, body FROM mail_outbox WHERE to_addr = 'r2@example.com' ORDER BY id DESC LIMIT 1");
  assert.equal(subject, 'Partner budget alert: Fabrikam Logistics');
  // mariadb --batch prints a line break inside a value as \n
  assert.match(body, /has passed 75 percent\.\\nBudget: 1,000\.00 USD\. Expenditure in the budget window: 760\.00 USD\./);
  assert.equal(await customer(6), `normal/none/0/7600/${USD(760)}`);

  await spend(6, '2027-01-05', 910);
  await run('budgets', '2027-01-10 03:00:00');
  assert.deepEqual(await alerts(6), [`2027-01-01/${v}/75`, `2027-01-01/${v}/90`]);
  assert.equal(await mails('Fabrikam'), 4);

  await spend(6, '2027-01-05', 1000);
  await run('budgets', '2027-01-10 04:00:00');
  assert.deepEqual(await alerts(6), [`2027-01-01/${v}/75`, `2027-01-01/${v}/90`, `2027-01-01/${v}/100`]);
  assert.equal(await customer(6), `account/budget_auto/1/10000/${USD(1000)}`);
  assert.deepEqual(await stack.sql('SELECT scope, source, frozen_at FROM freeze_records WHERE customer_id = 6'),
    [['account', 'budget_auto', '2027-01-10 04:00:00']]);
  assert.equal(await mails('Fabrikam'), 6);

  // the same moment again: nothing new
  await run('budgets', '2027-01-10 04:00:00');
  await run('budgets', '2027-01-10 05:00:00');
  assert.equal((await alerts(6)).length, 3);
  assert.equal(await mails('Fabrikam'), 6);
  assert.equal(await count('SELECT COUNT(*) FROM freeze_records WHERE customer_id = 6'), 1);

  // 300 USD of 95th-percentile bandwidth this month does not change usage
  await spend(6, '2027-01-06', 300, 1);
  await run('budgets', '2027-01-10 06:00:00');
  assert.equal(await customer(6), `account/budget_auto/1/10000/${USD(1000)}`);

  // 00:30 on Feb 1st, GMT+08:00: the window moves, usage 0, still frozen
  await run('budgets', '2027-01-31 16:30:00');
  assert.equal((await one('SELECT window_start FROM budgets WHERE customer_id = 6'))[0], '2027-02-01');
  assert.equal(await customer(6), 'account/budget_auto/0/0/0');
  // the levels re-arm in the new window
  await spend(6, '2027-02-02', 800);
  await run('budgets', '2027-02-02 10:00:00');
  assert.deepEqual((await alerts(6)).slice(3), [`2027-02-01/${v}/75`]);
  assert.equal(await mails('Fabrikam'), 8);
});

test('9.3.1.4: a one-time budget never restores; alerts once per version', async () => {
  // customer 7 "上海蓝海贸易": 500 one-time set in April, manual policy
  await setBudget(7, 'one_time', 500, 'manual', '2027-04-01');
  await spend(7, '2027-04-15', 300);
  await run('budgets', '2027-04-20 02:00:00');
  assert.deepEqual(await alerts(7), []);
  assert.equal(await customer(7), `normal/none/0/6000/${USD(300)}`);
  await spend(7, '2027-05-03', 250);
  await run('budgets', '2027-05-03 10:00:00');
  assert.equal((await one('SELECT window_start FROM budgets WHERE customer_id = 7'))[0], '2027-04-01');
  const v = (await one('SELECT version FROM budgets WHERE customer_id = 7'))[0];
  assert.deepEqual(await alerts(7), [75, 90, 100].map((l) => `2027-04-01/${v}/${l}`));
  // 550 of 500, exhausted; manual policy: not frozen; month-to-date is May only
  assert.equal(await customer(7), `normal/none/1/11000/${USD(250)}`);
  assert.equal(await mails('蓝海'), 6);
  // April's 95th-percentile charge is billed by now and counts; May's does not yet
  await spend(7, '2027-04-30', 50, 1);
  await spend(7, '2027-05-04', 70, 1);
  await run('budgets', '2027-05-05 10:00:00');
  assert.equal(await customer(7), `normal/none/1/12000/${USD(250)}`);
});

test('9.3.1.9: unfrozen without raising the budget → frozen again at the next run; raised → stays normal', async () => {
  const admin = await signedIn('csp.admin');
  // customer 2 "Northwind Traders": 1,000 monthly automatic, 1,200 spent (120 %)
  await setBudget(2, 'monthly', 1000, 'automatic', '2027-06-01');
  await spend(2, '2027-06-03', 1200);
  await run('budgets', '2027-06-10 02:00:00');
  assert.match(await customer(2), /^account\/budget_auto\/1\/12000\//);

  await admin.get('/customers/2/unfreeze');
  assert.equal((await admin.post('/customers/2/unfreeze', { reason: 'customer called' })).status, 303);
  assert.match(await customer(2), /^normal\/none/);
  await run('budgets', '2027-06-10 03:00:00');
  assert.match(await customer(2), /^account\/budget_auto\/1\//);
  assert.equal(await count("SELECT COUNT(*) FROM freeze_records WHERE customer_id = 2 AND source = 'budget_auto'"), 2);

  // raise to 1,500 (80 %) with the automatic policy (code always) and unfreeze now
  await stack.sql('UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE');
  await admin.get('/customers/2/budget');
  await admin.post('/customers/code', { back: '/customers/2/budget' });
  const [body] = await one("SELECT body FROM mail_outbox WHERE to_addr = (SELECT email FROM users WHERE username = 'csp.admin') ORDER BY id DESC LIMIT 1");
  await admin.get('/customers/2/budget');
  const r = await admin.post('/customers/2/budget', { type: 'monthly', amount: '1500', policy: 'automatic', unfreeze_now: '1', code: /(\d{6})/.exec(body)[1] });
  assert.equal(r.status, 303, r.text);
  await run('budgets', '2027-06-10 04:00:00');
  assert.match(await customer(2), /^normal\/none\/0\/8000\//);
  assert.equal((await one('SELECT window_start FROM budgets WHERE customer_id = 2'))[0], '2027-06-01');
  assert.equal(await count('SELECT COUNT(*) FROM budget_alerts WHERE customer_id = 2 AND resolved_at IS NULL AND level = 100'), 0);
});

test('a zero budget is exhausted by any spend; customers without a budget get month-to-date spend', async () => {
  await setBudget(8, 'monthly', 0, 'manual', '2027-07-01');
  await spend(8, '2027-07-02', 1);
  await spend(5, '2027-07-03', 50);
  await spend(5, '2027-07-03', 20, 1);
  await run('budgets', '2027-07-10 02:00:00');
  assert.equal(await customer(8), `normal/none/1/10000/${USD(1)}`);
  assert.equal((await one('SELECT mtd_spend FROM customers WHERE id = 5'))[0], USD(50));
  assert.equal(await count('SELECT COUNT(*) FROM budgets WHERE customer_id = 5'), 0);
});

test('9.3.1.7: account and resources frozen 15 days without unfreeze → released once; an unfreeze before prevents it', async () => {
  const admin = await signedIn('csp.admin');
  for (const id of [1, 4]) {
    await admin.get(`/customers/${id}/freeze-all`);
    assert.equal((await admin.post(`/customers/${id}/freeze-all`, { reason: 'stop' })).status, 303);
  }
  const [due] = await one('SELECT release_due_at FROM freeze_records WHERE customer_id = 1 AND unfrozen_at IS NULL');
  const [frozenAt] = await one('SELECT frozen_at FROM freeze_records WHERE customer_id = 1 AND unfrozen_at IS NULL');
  const at = (s, minutes) => new Date(Date.parse(s.replace(' ', 'T') + 'Z') + minutes * 60000).toISOString().slice(0, 19).replace('T', ' ');
  assert.equal(due, at(frozenAt, 15 * 24 * 60));
  // customer 4 is unfrozen a minute before the deadline
  await admin.get('/customers/4/unfreeze-all');
  assert.equal((await admin.post('/customers/4/unfreeze-all', { reason: 'paid' })).status, 303);

  await run('release', at(due, -1));
  assert.equal(await count("SELECT COUNT(*) FROM resources WHERE customer_id = 1 AND status = 'released'"), 0);
  await run('release', due);
  assert.deepEqual(await stack.sql('SELECT DISTINCT status, released_at FROM resources WHERE customer_id = 1'), [['released', due]]);
  assert.equal((await one('SELECT resources_released_at FROM freeze_records WHERE customer_id = 1 AND unfrozen_at IS NULL'))[0], due);
  assert.match(await customer(1), /^account_resources\//);
  assert.deepEqual(await stack.sql('SELECT DISTINCT status FROM resources WHERE customer_id = 4'), [['running']]);
  // once only
  await run('release', at(due, 60));
  assert.deepEqual(await stack.sql('SELECT DISTINCT released_at FROM resources WHERE customer_id = 1'), [[due]]);
  assert.equal(await count("SELECT COUNT(*) FROM audit_events WHERE action = 'customer.resources.release' AND object_id = 1"), 1);
  // released: "unfreeze account and resources" is gone, the account alone can be unfrozen
  assert.equal((await admin.get('/customers/1/unfreeze-all')).status, 409);
  await admin.get('/customers/1/unfreeze');
  assert.equal((await admin.post('/customers/1/unfreeze', { reason: 'account only' })).status, 303);
  assert.match(await customer(1), /^normal\//);
  assert.deepEqual(await stack.sql('SELECT DISTINCT status FROM resources WHERE customer_id = 1'), [['released']]);
});

test('9.3.1.7: the partner admins are warned on day 12 and day 14 of the freeze, once each, and not after an unfreeze', async () => {
  const admin = await signedIn('csp.admin');
  const [id, name] = await one(`SELECT c.id, c.name FROM customers c JOIN partners p ON p.id = c.partner_id
    WHERE p.account_name = 'sunrise' AND c.freeze_state = 'normal' AND c.id NOT IN (1, 4, 5, 6, 7, 8) ORDER BY c.id LIMIT 1`);
  await admin.get(`/customers/${id}/freeze-all`);
  assert.equal((await admin.post(`/customers/${id}/freeze-all`, { reason: 'unpaid' })).status, 303);
  const [due] = await one(`SELECT release_due_at FROM freeze_records WHERE customer_id = ${id} AND unfrozen_at IS NULL`);
  const at = (s, minutes) => new Date(Date.parse(s.replace(' ', 'T') + 'Z') + minutes * 60000).toISOString().slice(0, 19).replace('T', ' ');
  const warnings = () => stack.sql(`SELECT to_addr, subject FROM mail_outbox WHERE subject LIKE ${q('Resources of customer ' + name + '%')} ORDER BY id`);
  const admins = (await stack.sql(`SELECT u.email FROM users u JOIN member_roles mr ON mr.user_id = u.id
    JOIN roles r ON r.id = mr.role_id AND r.code = 'ADMIN' JOIN partners p ON p.id = u.partner_id
    WHERE p.account_name = 'sunrise' AND u.status = 'normal'`)).map((r) => r[0]);
  assert.ok(admins.includes('csp.admin@sunrise.example'));

  await run('release', at(due, -3 * 24 * 60 - 1));
  assert.equal((await warnings()).length, 0, 'day 11: nothing yet');
  await run('release', at(due, -3 * 24 * 60));
  assert.deepEqual((await warnings()).map((r) => r[0]).sort(), [...admins].sort(), 'day 12: each admin once');
  await run('release', at(due, -2 * 24 * 60));
  assert.equal((await warnings()).length, admins.length, 'a re-run sends nothing');
  await run('release', at(due, -24 * 60));
  assert.equal((await warnings()).length, 2 * admins.length, 'day 14: the second warning');
  assert.equal(await count(`SELECT COUNT(*) FROM freeze_warnings w JOIN freeze_records f ON f.id = w.freeze_id WHERE f.customer_id = ${id}`), 2);
  const [body] = await one(`SELECT body FROM mail_outbox WHERE subject LIKE ${q('Resources of customer ' + name + '%')} ORDER BY id DESC LIMIT 1`);
  assert.match(body, /frozen with its resources for 14 days/);

  // unfrozen: no warning for the next freeze's day 12 until it is due again
  await admin.get(`/customers/${id}/unfreeze-all`);
  assert.equal((await admin.post(`/customers/${id}/unfreeze-all`, { reason: 'paid' })).status, 303);
  await run('release', at(due, -60));
  assert.equal((await warnings()).length, 2 * admins.length);
  assert.deepEqual(await stack.sql(`SELECT DISTINCT status FROM resources WHERE customer_id = ${id}`).then((r) => r.filter((x) => x[0] === 'released')), []);
});
