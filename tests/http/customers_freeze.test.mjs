// Freeze account, freeze account and resources, unfreeze account, unfreeze
// account and resources (9.3.1.6-9.3.1.9): only the actions valid for the
// freeze state, freeze records, resources, reason rules, verification codes
// (13.5), the partner's own frozen account (9.3.1.8), the auto-frozen warning,
// who must not.  Stored state is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

before(async () => {
  stack = await startStack();
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signIn(stack.base, username);

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0] : null;
}

const state = async (id) => (await one(`SELECT freeze_state, freeze_source FROM customers WHERE id = ${id}`)).join('/');
const resources = async (id) => (await stack.sql(`SELECT status FROM resources WHERE customer_id = ${id} ORDER BY id`)).map((r) => r[0]).join(',');

async function code(client, username, back) {
  await stack.sql('UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE');
  await client.get(back);
  assert.equal((await client.post('/customers/code', { back })).status, 303);
  const [body] = await one(`SELECT body FROM mail_outbox WHERE to_addr = (SELECT email FROM users WHERE username = ${q(username)}) ORDER BY id DESC LIMIT 1`);
  return /(\d{6})/.exec(body)[1];
}

/** GET the form, then POST it. */
async function act(client, id, action, fields) {
  await client.get(`/customers/${id}`);
  return client.post(`/customers/${id}/${action}`, fields);
}

function actionLinks(html, id) {
  return [...html.matchAll(new RegExp(`href="/customers/${id}/(freeze|freeze-all|unfreeze|unfreeze-all)"`, 'g'))].map((m) => m[1]).sort();
}

test('freeze account, widen to account and resources, unfreeze: records, resources, audit, valid actions only', async () => {
  const admin = await signedIn('csp.admin');
  const [adminId] = await one("SELECT id FROM users WHERE username = 'csp.admin'");
  assert.deepEqual(actionLinks((await admin.get('/customers/2')).text, 2), ['freeze', 'freeze-all']);
  const form = await admin.get('/customers/2/freeze');
  assert.equal(form.status, 200);
  assert.match(form.text, /Total Expenditure \(USD\)/);
  assert.match(form.text, /not liable/);
  const r = await act(admin, 2, 'freeze', { reason: 'overdue invoices' });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, '/customers/2?msg=frozen');
  assert.equal(await state(2), 'account/manual');
  assert.deepEqual(await one('SELECT scope, source, reason, frozen_by, release_due_at IS NULL, unfrozen_at IS NULL FROM freeze_records WHERE customer_id = 2'),
    ['account', 'manual', 'overdue invoices', adminId, '1', '1']);
  assert.equal(await resources(2), 'running,running,running');
  assert.ok(await one("SELECT id FROM audit_events WHERE action = 'customer.freeze' AND object_id = 2"));
  // only what the state allows
  assert.deepEqual(actionLinks((await admin.get('/customers/2')).text, 2), ['freeze-all', 'unfreeze']);
  assert.equal((await admin.get('/customers/2/freeze')).status, 409);
  assert.equal((await act(admin, 2, 'freeze', { reason: 'again' })).status, 409);
  assert.equal((await admin.get('/customers/2/unfreeze-all')).status, 409);

  const all = await act(admin, 2, 'freeze-all', { reason: 'stop all charges' });
  assert.equal(all.status, 303);
  assert.equal(await state(2), 'account_resources/manual');
  assert.equal(await resources(2), 'frozen,frozen,frozen');
  const open = await stack.sql('SELECT scope, TIMESTAMPDIFF(DAY, frozen_at, release_due_at) FROM freeze_records WHERE customer_id = 2 AND unfrozen_at IS NULL');
  assert.deepEqual(open, [['account_resources', '15']]);
  assert.deepEqual(actionLinks((await admin.get('/customers/2')).text, 2), ['unfreeze-all']);

  const un = await act(admin, 2, 'unfreeze-all', { reason: 'paid' });
  assert.equal(un.status, 303);
  assert.equal(un.location, '/customers/2?msg=unfrozen_all');
  assert.equal(await state(2), 'normal/none');
  assert.equal(await resources(2), 'running,running,running');
  assert.equal((await one('SELECT COUNT(*) FROM freeze_records WHERE customer_id = 2 AND unfrozen_at IS NULL'))[0], '0');
  assert.deepEqual(await one('SELECT unfreeze_reason, unfrozen_by FROM freeze_records WHERE customer_id = 2 ORDER BY id DESC LIMIT 1'), ['paid', adminId]);
  assert.ok(await one("SELECT id FROM audit_events WHERE action = 'customer.unfreeze' AND object_id = 2"));
});

test('a customer frozen since association is unfrozen (no freeze record needed)', async () => {
  const admin = await signedIn('csp.admin');
  assert.equal(await state(5), 'account/association');
  const r = await act(admin, 5, 'unfreeze', { reason: 'welcome' });
  assert.equal(r.status, 303);
  assert.equal(await state(5), 'normal/none');
});

test('reason: required, at most 256 characters; unknown customer 404', async () => {
  const admin = await signedIn('csp.admin');
  for (const [reason, message] of [['', /This field is required\./], ['   ', /This field is required\./], ['x'.repeat(257), /Too long\./]]) {
    const r = await act(admin, 6, 'freeze', { reason });
    assert.equal(r.status, 400);
    assert.match(r.text, message);
    assert.equal(await state(6), 'normal/none');
  }
  const ok = await act(admin, 6, 'freeze', { reason: '理'.repeat(256) });
  assert.equal(ok.status, 303);
  assert.equal(await state(6), 'account/manual');
  assert.equal((await admin.get('/customers/99999/freeze')).status, 404);
  assert.equal((await act(admin, 99999, 'freeze', { reason: 'x' })).status, 404);
});

test('verification codes (13.5): off → no code; on → refused without a valid code, state unchanged', async () => {
  const admin = await signedIn('csp.admin');
  await stack.sql('UPDATE partners SET verification_codes = 1 WHERE id = 1');
  try {
    const form = await admin.get('/customers/7/freeze');
    assert.match(form.text, /name="code"/);
    const none = await act(admin, 7, 'freeze', { reason: 'risk' });
    assert.equal(none.status, 400);
    assert.match(none.text, /Enter the verification code/);
    const wrong = await act(admin, 7, 'freeze', { reason: 'risk', code: '000000' });
    assert.equal(wrong.status, 400);
    assert.equal(await state(7), 'normal/none');
    const c = await code(admin, 'csp.admin', '/customers/7/freeze');
    const ok = await act(admin, 7, 'freeze', { reason: 'risk', code: c });
    assert.equal(ok.status, 303);
    assert.equal(await state(7), 'account/manual');
    // unfreezing is sensitive too
    assert.equal((await act(admin, 7, 'unfreeze', { reason: 'ok' })).status, 400);
    assert.equal(await state(7), 'account/manual');
  } finally {
    await stack.sql('UPDATE partners SET verification_codes = 0 WHERE id = 1');
  }
  assert.equal((await act(admin, 7, 'unfreeze', { reason: 'ok' })).status, 303);
  assert.equal(await state(7), 'normal/none');
});

test("the partner's own frozen account refuses unfreezing (9.3.1.8), also through Unfreeze now", async () => {
  const admin = await signedIn('csp.admin');
  await stack.sql('UPDATE partners SET own_frozen = 1 WHERE id = 1');
  try {
    const r = await act(admin, 6, 'unfreeze', { reason: 'please' });
    assert.equal(r.status, 409);
    assert.match(r.text, /Your own partner account is frozen/);
    assert.equal(await state(6), 'account/manual');
    await admin.get('/customers/6/budget');
    const b = await admin.post('/customers/6/budget', { type: 'monthly', amount: '5000', policy: 'manual', unfreeze_now: '1' });
    assert.equal(b.status, 400);
    assert.match(b.text, /Your own partner account is frozen/);
    assert.equal(await state(6), 'account/manual');
    // freezing is still possible
    assert.equal((await act(admin, 1, 'freeze', { reason: 'hold' })).status, 303);
  } finally {
    await stack.sql('UPDATE partners SET own_frozen = 0 WHERE id = 1');
  }
  assert.equal((await act(admin, 6, 'unfreeze', { reason: 'please' })).status, 303);
  assert.equal(await state(6), 'normal/none');
});

test('the unfreeze form of an auto-frozen customer warns it will be frozen again', async () => {
  const admin = await signedIn('csp.admin');
  assert.equal(await state(3), 'account/budget_auto');
  const form = await admin.get('/customers/3/unfreeze');
  assert.equal(form.status, 200);
  assert.match(form.text, /id="auto-warning"/);
  assert.match(form.text, /frozen again within the next hour/);
  assert.match(form.text, /href="\/customers\/3\/budget" id="raise-budget"/);
  assert.doesNotMatch((await admin.get('/customers/1/unfreeze')).text, /id="auto-warning"/);
});

test('who must not: member without customer.budget 403, another partner 404, reseller freezing its own customer', async () => {
  const am = await signedIn('csp.am1');
  assert.equal((await am.get('/customers/2/freeze')).status, 403);
  assert.equal((await act(am, 2, 'freeze', { reason: 'x' })).status, 403);
  assert.deepEqual(actionLinks((await am.get('/customers/2')).text, 2), []);
  const dist = await signedIn('dist.admin');
  assert.equal((await dist.get('/customers/2/freeze')).status, 404);
  assert.equal((await act(dist, 2, 'freeze', { reason: 'x' })).status, 404);
  // harbor holds the grant: the distributor's controls are closed, the reseller's open
  assert.equal((await dist.get('/customers/10/freeze')).status, 403);
  const reseller = await signedIn('reseller.admin');
  assert.equal((await act(reseller, 10, 'freeze', { reason: 'reseller decides' })).status, 303);
  assert.equal(await state(10), 'account/manual');
  assert.equal(await state(2), 'normal/none');
});
