// Authorization from a customer and the on-behalf entry points (spec 9.3.1.11–
// 9.3.1.13, 11.4 purchase gate, 11.5, 13.10, 13.11, 10.2.1.3): the partner
// requests (commitment letter on its first request), the customer agrees,
// rejects or revokes in its console with an e-mailed code, and the on-behalf
// pages open only while an accepted authorization (and a reseller's grant)
// exists.  Stored state is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signInWithCsrf } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const one = async (sql) => (await stack.sql(sql))[0]?.[0];

before(async () => {
  stack = await startStack();
  // a second customer account (customer 2) to show one customer cannot touch another's rows
  await stack.sql("INSERT INTO users (kind, customer_id, username, name, email, password_hash) SELECT 'customer', 2, "
    + "'customer2', 'Nora West', 'customer2@northwind.example', password_hash FROM users WHERE username = 'customer1'");
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signInWithCsrf(stack.base, username);
const post = (c, path, fields = {}) => c.post(path, { csrf: c.csrf, ...fields });

/** A fresh console code for the customer's e-mail (older codes aged past the one-a-minute limit). */
async function consoleCode(c, email) {
  await stack.sql(`UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE WHERE target = ${q(email)}`);
  const r = await post(c, '/console/code', { back: '/console/authorizations' });
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/console\/authorizations\?msg=code_sent$/);
  const body = await one(`SELECT body FROM mail_outbox WHERE to_addr = ${q(email)} ORDER BY id DESC LIMIT 1`);
  return /(\d{6})/.exec(body)[1];
}

const authRows = (customer) => stack.sql(`SELECT status, partner_id FROM authorizations WHERE customer_id = ${customer} ORDER BY id`);

test('first request needs the commitment letter; later ones do not (9.3.1.11, 13.10)', async () => {
  const admin = await signedIn('csp.admin');
  const form = await admin.get('/customers/1/authorize');
  assert.equal(form.status, 200);
  assert.match(form.text, /id="commitment-letter"/);
  assert.match(form.text, /Partner Commitment Letter for Operation on Customers&#39; Behalf|Partner Commitment Letter for Operation on Customers/);

  const bad = await post(admin, '/customers/1/authorize', {});
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Accept the Partner Commitment Letter/);
  assert.deepEqual(await authRows(1), []);
  assert.equal(await one('SELECT COUNT(*) FROM letter_acceptances'), '0');

  const ok = await post(admin, '/customers/1/authorize', { letter: '1' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/customers/1?msg=auth_requested');
  const shown = await admin.get(ok.location);
  assert.match(shown.text, /The authorization request has been sent\./);
  assert.deepEqual(await authRows(1), [['pending', '1']]);
  assert.deepEqual(await stack.sql("SELECT letter_code, version, partner_id FROM letter_acceptances"),
    [['partner_commitment', 'V1001', '1']]);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'customer1@blueocean.example' "
    + "AND subject LIKE '%authorization%'"), '1');
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'authorization.request' AND object_id = 1 AND result = 'ok'"), '1');

  // second request (another customer): no checkbox shown, none needed
  const second = await admin.get('/customers/2/authorize');
  assert.doesNotMatch(second.text, /id="f-letter"/);
  const r2 = await post(admin, '/customers/2/authorize', {});
  assert.equal(r2.status, 303);
  assert.deepEqual(await authRows(2), [['pending', '1']]);
  assert.equal(await one('SELECT COUNT(*) FROM letter_acceptances'), '1', 'accepted once per partner');

  // one pending or accepted at a time
  const dup = await post(admin, '/customers/1/authorize', {});
  assert.equal(dup.status, 409);
  assert.deepEqual(await authRows(1), [['pending', '1']]);
});

test('who must not request: other partner\'s customer, unassigned customer, member without the permission', async () => {
  const admin = await signedIn('csp.admin');
  assert.equal((await admin.get('/customers/8/authorize')).status, 404, "greatwall's customer");
  assert.equal((await post(admin, '/customers/8/authorize', { letter: '1' })).status, 404);
  assert.deepEqual(await authRows(8), []);

  const finance = await signedIn('csp.finance1');
  assert.equal((await post(finance, '/customers/3/authorize', {})).status, 403, 'no customer.authorize');

  // the account manager gets customer.authorize (as an operator would); it still sees only its customers
  await stack.sql("INSERT INTO role_permissions (role_id, perm_code) SELECT id, 'customer.authorize' FROM roles WHERE code = 'ACCOUNT_MANAGER'");
  try {
    const am = await signedIn('csp.am1');
    assert.equal((await am.get('/customers/5/authorize')).status, 404, 'customer 5 is not assigned to csp.am1');
    assert.equal((await post(am, '/customers/5/authorize', {})).status, 404);
    assert.equal((await post(am, '/customers/5/on-behalf', { action: 'order' })).status, 404);
    assert.deepEqual(await authRows(5), []);
    assert.equal((await am.get('/customers/3/authorize')).status, 200, 'customer 3 is assigned');
  } finally {
    await stack.sql("DELETE rp FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.code = 'ACCOUNT_MANAGER' AND rp.perm_code = 'customer.authorize'");
  }
});

test('customer agrees with the letter and a code; on-behalf opens and records the acting user (11.5, 9.3.1.12-13)', async () => {
  const admin = await signedIn('csp.admin');
  assert.equal((await admin.get('/customers/1/on-behalf?action=order')).status, 403, 'no authorization yet');
  assert.equal((await post(admin, '/customers/1/on-behalf', { action: 'om' })).status, 403);

  const cust = await signedIn('customer1');
  const list = await cust.get('/console/authorizations');
  assert.equal(list.status, 200);
  const [[id]] = await stack.sql("SELECT id FROM authorizations WHERE customer_id = 1 AND status = 'pending'");
  assert.match(list.text, new RegExp(`id="auth-${id}" data-status="pending"`));
  assert.match(list.text, /Pending acceptance/);
  assert.match(list.text, /create and view work orders/, 'the six-item scope');

  // no letter ticked → 400, nothing changes; the code is not spent
  let code = await consoleCode(cust, 'customer1@blueocean.example');
  const noTick = await post(cust, `/console/authorizations/${id}/agree`, { code });
  assert.equal(noTick.status, 400);
  assert.match(noTick.text, /Tick the Customer Authorization Letter/);
  // wrong code → 400
  const wrong = await post(cust, `/console/authorizations/${id}/agree`, { letter: '1', code: code === '000000' ? '111111' : '000000' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await authRows(1), [['pending', '1']]);

  code = await consoleCode(cust, 'customer1@blueocean.example');
  const ok = await post(cust, `/console/authorizations/${id}/agree`, { letter: '1', code });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/console/authorizations?msg=auth_agreed');
  const [[status, effective, version]] = await stack.sql(`SELECT status, effective_at IS NOT NULL, letter_version FROM authorizations WHERE id = ${id}`);
  assert.deepEqual([status, effective, version], ['accepted', '1', 'V1001']);
  assert.equal(await one(`SELECT COUNT(*) FROM letter_acceptances WHERE customer_id = 1 AND authorization_id = ${id} AND version = 'V1001'`), '1');
  const after = await cust.get('/console/authorizations');
  assert.match(after.text, /Accepted/);
  assert.match(after.text, /class="expiration">--</);

  // the partner now sees the two on-behalf entries and may start a session
  const detail = await admin.get('/customers/1');
  assert.match(detail.text, /href="\/customers\/1\/on-behalf\?action=order"/);
  assert.equal((await admin.get('/customers/1/on-behalf?action=order')).status, 200);
  const start = await post(admin, '/customers/1/on-behalf', { action: 'om' });
  assert.equal(start.status, 200);
  assert.match(start.text, /data-mode="yearly_monthly" data-state="allowed"/);
  const [[actor, behalf, action]] = await stack.sql("SELECT u.username, a.on_behalf_of, a.detail FROM audit_events a "
    + "JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'onbehalf.start' AND a.result = 'ok' ORDER BY a.id DESC LIMIT 1");
  assert.deepEqual([actor, behalf, action], ['csp.admin', '1', 'action=om']);
  assert.equal((await admin.get('/customers/1/on-behalf?action=bogus')).status, 400);
});

test('purchase gate for on-behalf orders: frozen, budget exhausted manual/automatic (11.4)', async () => {
  const admin = await signedIn('csp.admin');
  // accepted authorizations for customers 3 (auto-frozen), 6 and 7
  for (const c of [3, 6, 7]) {
    await stack.sql(`INSERT INTO authorizations (customer_id, partner_id, requested_by, requested_at, status, effective_at, letter_version) `
      + `VALUES (${c}, 1, (SELECT id FROM users WHERE username = 'csp.admin'), UTC_TIMESTAMP(), 'accepted', UTC_TIMESTAMP(), 'V1001')`);
  }
  const gate = async (c) => {
    const r = await post(admin, `/customers/${c}/on-behalf`, { action: 'order' });
    assert.equal(r.status, 200);
    return Object.fromEntries([...r.text.matchAll(/data-mode="(\w+)" data-state="(\w+)"/g)].map((m) => [m[1], m[2]]));
  };
  assert.deepEqual(await gate(3), { yearly_monthly: 'frozen', reserved_instance: 'frozen', pay_per_use: 'frozen' });
  await stack.sql("UPDATE customers SET budget_exhausted = 1 WHERE id IN (6, 7)");
  await stack.sql("UPDATE budgets SET policy = 'manual' WHERE customer_id = 6");
  await stack.sql("UPDATE budgets SET policy = 'automatic' WHERE customer_id = 7");
  assert.deepEqual(await gate(6), { yearly_monthly: 'budget', reserved_instance: 'budget', pay_per_use: 'allowed' });
  assert.deepEqual(await gate(7), { yearly_monthly: 'budget', reserved_instance: 'budget', pay_per_use: 'budget' });
});

test('one customer cannot see or answer another customer\'s authorization (404)', async () => {
  const other = await signedIn('customer2');
  const [[id]] = await stack.sql("SELECT id FROM authorizations WHERE customer_id = 1 AND status = 'accepted'");
  const list = await other.get('/console/authorizations');
  assert.doesNotMatch(list.text, new RegExp(`id="auth-${id}"`));
  const code = await consoleCode(other, 'customer2@northwind.example');
  assert.equal((await post(other, `/console/authorizations/${id}/revoke`, { cause: 'mine now', code })).status, 404);
  assert.equal((await other.get(`/console/authorizations/${id}/letter`)).status, 404);
  assert.equal(await one(`SELECT status FROM authorizations WHERE id = ${id}`), 'accepted');
  // partners and the public cannot use the console pages
  const admin = await signedIn('csp.admin');
  assert.equal((await admin.get('/console/authorizations')).status, 403);
});

test('View Letter shows the version accepted even after a newer one is published (13.11)', async () => {
  await stack.sql("INSERT INTO letters (code, version, body_en, body_zh, published_at) VALUES "
    + "('customer_authorization', 'V1002', 'Newer letter text V1002', '新版授权书 V1002', UTC_TIMESTAMP())");
  const cust = await signedIn('customer1');
  const [[id]] = await stack.sql("SELECT id FROM authorizations WHERE customer_id = 1 AND status = 'accepted'");
  const page = await cust.get(`/console/authorizations/${id}/letter`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="letter-version">V1001</);
  assert.match(page.text, /Customer Authorization Letter \(V1001\)/);
  assert.doesNotMatch(page.text, /Newer letter text/);
});

test('revoke needs a cause of 1–128 characters and a code; afterwards on-behalf is refused (11.5)', async () => {
  const cust = await signedIn('customer1');
  const admin = await signedIn('csp.admin');
  const [[id]] = await stack.sql("SELECT id FROM authorizations WHERE customer_id = 1 AND status = 'accepted'");
  let code = await consoleCode(cust, 'customer1@blueocean.example');
  const empty = await post(cust, `/console/authorizations/${id}/revoke`, { cause: '', code });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /This field is required\./);
  const long = await post(cust, `/console/authorizations/${id}/revoke`, { cause: 'x'.repeat(129), code });
  assert.equal(long.status, 400);
  const wrong = await post(cust, `/console/authorizations/${id}/revoke`, { cause: 'Project ended', code: code === '123456' ? '654321' : '123456' });
  assert.equal(wrong.status, 400);
  assert.equal(await one(`SELECT status FROM authorizations WHERE id = ${id}`), 'accepted');

  code = await consoleCode(cust, 'customer1@blueocean.example');
  const ok = await post(cust, `/console/authorizations/${id}/revoke`, { cause: 'Project ended', code });
  assert.equal(ok.status, 303);
  assert.deepEqual(await stack.sql(`SELECT status, revoke_cause, revoked_at IS NOT NULL FROM authorizations WHERE id = ${id}`),
    [['revoked', 'Project ended', '1']]);
  assert.equal((await admin.get('/customers/1/on-behalf?action=order')).status, 403);
  assert.equal((await post(admin, '/customers/1/on-behalf', { action: 'om' })).status, 403);
  // revoking is final: a second revoke finds nothing to revoke
  code = await consoleCode(cust, 'customer1@blueocean.example');
  assert.equal((await post(cust, `/console/authorizations/${id}/revoke`, { cause: 'again', code })).status, 409);
});

test('customer rejects a request with a code (11.5)', async () => {
  const cust = await signedIn('customer2');
  const [[id]] = await stack.sql("SELECT id FROM authorizations WHERE customer_id = 2 AND status = 'pending'");
  const code = await consoleCode(cust, 'customer2@northwind.example');
  const r = await post(cust, `/console/authorizations/${id}/reject`, { code });
  assert.equal(r.status, 303);
  assert.equal(await one(`SELECT status FROM authorizations WHERE id = ${id}`), 'rejected');
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = (SELECT email FROM users WHERE username = 'csp.admin') "
    + "AND body LIKE '%rejected your authorization request%'"), '1');
});

test('a reseller needs its distributor\'s on-behalf grant (10.2.1.3, 11.5)', async () => {
  const reseller = await signedIn('reseller.admin');
  await stack.sql('UPDATE partners SET grant_on_behalf = 0 WHERE id = 3');
  const refused = await post(reseller, '/customers/10/authorize', { letter: '1' });
  assert.equal(refused.status, 403);
  assert.match(refused.text, /distributor has not granted/);
  assert.deepEqual(await authRows(10), []);
  assert.equal(await one('SELECT COUNT(*) FROM letter_acceptances WHERE partner_id = 3'), '0');

  await stack.sql('UPDATE partners SET grant_on_behalf = 1 WHERE id = 3');
  const ok = await post(reseller, '/customers/10/authorize', { letter: '1' });
  assert.equal(ok.status, 303);
  assert.deepEqual(await authRows(10), [['pending', '3']]);

  // accepted, then the grant is withdrawn: on-behalf fails although the customer agreed
  await stack.sql("UPDATE authorizations SET status = 'accepted', effective_at = UTC_TIMESTAMP() WHERE customer_id = 10");
  assert.equal((await post(reseller, '/customers/10/on-behalf', { action: 'order' })).status, 200);
  await stack.sql('UPDATE partners SET grant_on_behalf = 0 WHERE id = 3');
  assert.equal((await post(reseller, '/customers/10/on-behalf', { action: 'order' })).status, 403);

  // the distributor cannot request for its reseller's customer
  const dist = await signedIn('dist.admin');
  assert.equal((await post(dist, '/customers/11/authorize', { letter: '1' })).status, 404);
});
