// The customer's Cloud Trace Service (spec 11.7): enabling CTS writes
// createTracker; traces are written only for tenants with CTS on (11.7.1);
// the Trace List filters by time range inside 7 days, trace name, resource
// type and status and shows only the customer's own rows; the "traces" job
// purges rows older than 7 days (11.7.2).  Stored state is read with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postWithCsrf, signInWithCsrf } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const one = async (sql) => (await stack.sql(sql))[0]?.[0];

before(async () => {
  stack = await startStack();
  await stack.sql("INSERT INTO users (kind, customer_id, username, name, email, password_hash) SELECT 'customer', 2, "
    + "'customer2', 'Nora West', 'customer2@northwind.example', password_hash FROM users WHERE username = 'customer1'");
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signInWithCsrf(stack.base, username);
const post = postWithCsrf;

async function consoleCode(c, email) {
  await stack.sql(`UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE WHERE target = ${q(email)}`);
  assert.equal((await post(c, '/console/code', { back: '/console/authorizations' })).status, 303);
  const body = await one(`SELECT body FROM mail_outbox WHERE to_addr = ${q(email)} ORDER BY id DESC LIMIT 1`);
  return /(\d{6})/.exec(body)[1];
}
const traces = (customer, name) => stack.sql(`SELECT trace_name, resource_type, operator_name FROM cts_traces `
  + `WHERE customer_id = ${customer}${name ? ` AND trace_name = ${q(name)}` : ''} ORDER BY operated_at, id`);
const shownIds = (html) => [...html.matchAll(/<tr data-id="([0-9a-f-]{36})" data-name="(\w+)"/g)].map((m) => m[2]);

test('enabling CTS creates the tracker and writes createTracker once (11.7)', async () => {
  const cust = await signedIn('customer1');
  const page = await cust.get('/console/trace');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="cts-state" data-enabled="0"/);
  assert.equal((await post(cust, '/console/cts', { enabled: '1' })).status, 303);
  assert.equal((await post(cust, '/console/cts', { enabled: '1' })).status, 303);
  assert.equal(await one('SELECT cts_enabled FROM customers WHERE id = 1'), '1');
  assert.deepEqual(await traces(1), [['createTracker', 'tracker', 'customer1']]);
  assert.equal((await post(cust, '/console/cts', { enabled: 'maybe' })).status, 400);
});

test('CTS on: accepting writes exactly one confirm trace; CTS off: none (11.7.1)', async () => {
  const admin = await signedIn('csp.admin');
  assert.equal((await post(admin, '/customers/1/authorize', { letter: '1' })).status, 303);
  assert.equal((await post(admin, '/customers/2/authorize', {})).status, 303);
  assert.equal((await traces(1, 'applyCustomerAgentAuthorization')).length, 1, 'the request is traced');

  for (const [user, cid, email] of [['customer1', 1, 'customer1@blueocean.example'], ['customer2', 2, 'customer2@northwind.example']]) {
    const cust = await signedIn(user);
    const id = await one(`SELECT id FROM authorizations WHERE customer_id = ${cid} AND status = 'pending'`);
    const code = await consoleCode(cust, email);
    assert.equal((await post(cust, `/console/authorizations/${id}/agree`, { letter: '1', code })).status, 303);
  }
  assert.deepEqual(await traces(1, 'confirmCustomerAgentAuthorizationApply'),
    [['confirmCustomerAgentAuthorizationApply', 'csbchannelsales', 'customer1']]);
  assert.deepEqual(await traces(2), [], 'customer 2 has CTS off');

  // the partner's on-behalf session and a disassociation request are traced on the tenant too
  assert.equal((await post(admin, '/customers/1/on-behalf', { action: 'order' })).status, 200);
  assert.deepEqual(await traces(1, 'startCustomerAgentSession'), [['startCustomerAgentSession', 'csbchannelsales', 'csp.admin']]);
  assert.equal((await post(admin, '/customers/1/disassociate', { statement: '1', reason: 'Contract ended' })).status, 303);
  assert.deepEqual(await traces(1, 'applyUnbindOrSwitchCooperation'), [['applyUnbindOrSwitchCooperation', 'accountInfo', 'csp.admin']]);
  const cust = await signedIn('customer1');
  const rid = await one("SELECT id FROM association_requests WHERE customer_id = 1 AND status = 'pending'");
  const code = await consoleCode(cust, 'customer1@blueocean.example');
  assert.equal((await post(cust, `/console/associations/${rid}/reject`, { code })).status, 303);
  assert.deepEqual(await traces(1, 'approvePartnerOrCustomerApply'), [['approvePartnerOrCustomerApply', 'accountInfo', 'customer1']]);
});

test('Trace List: time ranges inside 7 days, filters, own rows only, details (11.7.2)', async () => {
  const insert = (id, name, status, age) => stack.sql('INSERT INTO cts_traces (id, customer_id, trace_name, resource_type, resource_id, '
    + `status, operated_at, generated_at, details) VALUES ('${id}', 1, '${name}', 'accountInfo', '99', '${status}', `
    + `UTC_TIMESTAMP() - INTERVAL ${age}, UTC_TIMESTAMP() - INTERVAL ${age}, '{"note":"<script>x</script>"}')`);
  await insert('00000000-0000-4000-8000-000000000030', 'applyUnbindOrSwitchCooperation', 'warning', '30 MINUTE');
  await insert('00000000-0000-4000-8000-000000000200', 'applyUnbindOrSwitchCooperation', 'normal', '2 HOUR');
  await insert('00000000-0000-4000-8000-000000000006', 'approvePartnerOrCustomerApply', 'normal', '6 DAY');
  await insert('00000000-0000-4000-8000-000000000008', 'applyUnbindOrSwitchCooperation', 'normal', '8 DAY');
  const cust = await signedIn('customer1');

  const hour = await cust.get('/console/trace?range=hour');
  assert.equal(hour.status, 200);
  assert.match(hour.text, /data-id="00000000-0000-4000-8000-000000000030"/, '30 minutes ago is in the last hour');
  assert.doesNotMatch(hour.text, /000000000200/);
  const week = await cust.get('/console/trace?range=week');
  assert.match(week.text, /000000000006/);
  assert.doesNotMatch(week.text, /000000000008/, '8 days old is never returned');

  const byName = await cust.get('/console/trace?range=week&trace_name=applyUnbindOrSwitchCooperation&status=normal');
  const names = shownIds(byName.text);
  assert.ok(names.length >= 2, 'the partner request of the last test and the 2-hour-old one');
  assert.ok(names.every((n) => n === 'applyUnbindOrSwitchCooperation'));
  assert.doesNotMatch(byName.text, /000000000030/, 'warning filtered out');
  assert.match(byName.text, /000000000200/);
  const byType = await cust.get('/console/trace?range=week&resource_type=tracker');
  assert.deepEqual(shownIds(byType.text), ['createTracker']);

  // custom ranges must lie within the last 7 days
  const old = await cust.get('/console/trace?range=custom&from=2020-01-01T00:00&to=2020-01-02T00:00');
  assert.equal(old.status, 400);
  assert.match(old.text, /Traces are kept for 7 days/);
  assert.equal((await cust.get('/console/trace?range=custom&from=bad')).status, 400);
  assert.equal((await cust.get('/console/trace?trace_name=dropTables')).status, 400);

  const view = await cust.get('/console/trace/view?id=00000000-0000-4000-8000-000000000030');
  assert.equal(view.status, 200);
  assert.match(view.text, /&lt;script&gt;x&lt;\/script&gt;/, 'details are escaped');
  assert.equal((await cust.get('/console/trace/view?id=00000000-0000-4000-8000-000000000008')).status, 404);

  // another customer sees none of these
  const other = await signedIn('customer2');
  const list = await other.get('/console/trace?range=week');
  assert.deepEqual(shownIds(list.text), []);
  assert.equal((await other.get('/console/trace/view?id=00000000-0000-4000-8000-000000000030')).status, 404);
  // a partner cannot open the console
  const admin = await signedIn('csp.admin');
  assert.equal((await admin.get('/console/trace')).status, 403);
});

test('the traces job purges rows older than 7 days and is safe to re-run (11.7.2)', async () => {
  const now = await one("SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')");
  const r = await stack.worker('run', 'traces', '--now', now);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await one("SELECT COUNT(*) FROM cts_traces WHERE id = '00000000-0000-4000-8000-000000000008'"), '0');
  assert.equal(await one("SELECT COUNT(*) FROM cts_traces WHERE id = '00000000-0000-4000-8000-000000000006'"), '1');
  assert.equal((await stack.worker('run', 'traces', '--now', now)).code, 0);
  // two days later the 6-day-old trace is gone too
  const later = await one("SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 2 DAY, '%Y-%m-%d %H:%i:%s')");
  assert.equal((await stack.worker('run', 'traces', '--now', later)).code, 0);
  assert.equal(await one("SELECT COUNT(*) FROM cts_traces WHERE id = '00000000-0000-4000-8000-000000000006'"), '0');
  assert.equal(await one("SELECT COUNT(*) FROM jobs WHERE name = 'traces' AND interval_seconds = 86400"), '1');
});

test('CTS off again: nothing more is recorded', async () => {
  const cust = await signedIn('customer1');
  assert.equal((await post(cust, '/console/cts', { enabled: '0' })).status, 303);
  const before = await one('SELECT COUNT(*) FROM cts_traces WHERE customer_id = 1');
  const admin = await signedIn('csp.admin');
  await stack.sql("UPDATE authorizations SET status = 'accepted' WHERE customer_id = 1 AND status = 'pending'");
  assert.equal((await post(admin, '/customers/1/on-behalf', { action: 'om' })).status, 200);
  assert.equal(await one('SELECT COUNT(*) FROM cts_traces WHERE customer_id = 1'), before);
});
