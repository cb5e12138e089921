// The public invitation landing /console/join (spec 11.1, 9.2.2.2-9.2.2.4):
// a new account through an account manager's link is associated, frozen,
// assigned and signed in; an existing account through a link is refused; an
// e-mail invitation associates an existing account once (LINK_USED after);
// eligibility failures are stored on the invitation with their cause code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const PASSWORD = 'Join#2026a';

let stack, admin, SUNRISE, AM1, LINK_TOKEN;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  AM1 = await one("SELECT id FROM users WHERE username = 'csp.am1'");
  LINK_TOKEN = await one("SELECT token FROM invitation_links WHERE custom_tag = 'expo2026'");
  admin = new Client(stack.base);
  assert.equal((await admin.login('csp.admin')).status, 303);
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}
const count = async (query) => Number(await one(query));

/** Open the landing (for the CSRF cookie and token) and post one of its forms. */
async function join(token, fields, via) {
  const c = new Client(stack.base);
  const page = await c.get(`/console/join?t=${token}${via ? `&via=${via}` : ''}`);
  const r = await c.post('/console/join', { t: token, via: via || '', agree: 'yes', agree_login: 'yes', ...fields });
  return { c, page, r };
}

function register(username, email, extra = {}) {
  return { action: 'register', country: 'SG', username, name: `${username} Ltd`, email, password: PASSWORD,
    confirm: PASSWORD, ...extra };
}

/** An existing unassociated customer account registered `days` ago; its id. */
async function existingCustomer(account, email, days) {
  await stack.sql(`INSERT INTO customers (name, account_name, email, registered_at) VALUES `
    + `(${q(account + ' Co')}, ${q(account)}, ${q(email)}, UTC_TIMESTAMP() - INTERVAL ${days} DAY)`);
  return one(`SELECT id FROM customers WHERE account_name = ${q(account)}`);
}

/** Give a customer a console user signing in with PASSWORD (the hash of an account made through the landing). */
async function customerUser(customerId, username, email) {
  const hash = await one("SELECT password_hash FROM users WHERE username = 'newcomer1'");
  await stack.sql(`INSERT INTO users (kind, customer_id, username, name, email, password_hash) VALUES `
    + `('customer', ${customerId}, ${q(username)}, ${q(username)}, ${q(email)}, ${q(hash)})`);
}

/** Pre-register and invite by e-mail as csp.admin; the token from the mail. */
async function invite(name, email) {
  await admin.get('/customers/development/new');
  const r = await admin.post('/customers/development/new', { full_name: name, email, send_invite: 'yes' });
  assert.equal(r.status, 303, r.text.slice(0, 3000));
  const body = await one(`SELECT body FROM mail_outbox WHERE to_addr = ${q(email)} ORDER BY id DESC LIMIT 1`);
  return /\/console\/join\?t=([0-9a-f]{64})/.exec(body)[1];
}

test('the landing shows the partner, the freeze warning and both paths; unknown tokens are 404', async () => {
  const c = new Client(stack.base);
  const r = await c.get(`/console/join?t=${LINK_TOKEN}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Sunrise Cloud Solutions/);
  assert.match(r.text, /id="freeze-warning"/);
  assert.match(r.text, /ask the partner to have the association done by the vendor/);
  assert.match(r.text, /id="register-form"/);
  assert.doesNotMatch(r.text, /id="login-form"/, 'links register new accounts only');
  assert.match(r.text, /id="offline-note"/);
  for (const t of ['0'.repeat(64), 'nothex', '']) {
    const n = await c.get(`/console/join?t=${t}`);
    assert.equal(n.status, 404);
    assert.match(n.text, /The invitation link does not exist\./);
  }
});

test("11.1: a new account through csp.am1's link is associated, frozen, assigned to csp.am1 and sees My Partner", async () => {
  const { c, r } = await join(LINK_TOKEN, register('newcomer1', 'new1@n.example'));
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  assert.equal(r.location, '/console/?msg=joined');
  const [cust] = await stack.sql('SELECT c.id, c.partner_id, c.association_type, c.freeze_state, c.freeze_source, '
    + "c.account_manager_id, c.custom_tag, c.associated_at IS NOT NULL FROM customers c WHERE c.account_name = 'newcomer1'");
  const [cid, partner, type, freeze, source, am, tag, associated] = cust;
  assert.deepEqual([partner, type, freeze, source, am, tag, associated], [SUNRISE, 'reseller', 'account', 'association', AM1, 'expo2026', '1']);
  assert.deepEqual(await stack.sql(`SELECT kind, customer_id FROM users WHERE username = 'newcomer1'`), [['customer', cid]]);
  assert.match(await one("SELECT password_hash FROM users WHERE username = 'newcomer1'"), /^\$argon2id\$/);
  assert.deepEqual(await stack.sql(`SELECT partner_id, type, status, initiation, custom_tag FROM associations WHERE customer_id = ${cid}`),
    [[SUNRISE, 'reseller', 'active', 'link', 'expo2026']]);
  assert.deepEqual(await stack.sql(`SELECT account_manager_id, status FROM am_assignments WHERE customer_id = ${cid}`), [[AM1, 'active']]);
  assert.deepEqual(await stack.sql(`SELECT scope, source, unfrozen_at IS NULL FROM freeze_records WHERE customer_id = ${cid}`),
    [['account', 'association', '1']]);
  assert.deepEqual(await stack.sql(`SELECT tag FROM customer_tags WHERE customer_id = ${cid}`), [['expo2026']]);
  assert.deepEqual(await stack.sql(`SELECT method, status, email, account_manager_id FROM invitations WHERE customer_id = ${cid}`),
    [['link', 'ASSOCIATED', 'new1@n.example', AM1]]);
  assert.equal(await count(`SELECT COUNT(*) FROM audit_events WHERE action = 'customerEnter' AND object_id = ${cid}`), 1);
  // signed in: My Partner shows the partner and the freeze
  const home = await c.get('/console/?msg=joined');
  assert.equal(home.status, 200);
  assert.match(home.text, /id="partner-name"><strong>Sunrise Cloud Solutions/);
  assert.match(home.text, /id="frozen-note"/);
  // the account manager now sees its new customer
  const manager = new Client(stack.base);
  await manager.login('csp.am1');
  assert.equal((await manager.get(`/customers/${cid}`)).status, 200);
});

test('a link is multi-use, and a scan of the QR code is recorded as method qr', async () => {
  const { r } = await join(LINK_TOKEN, register('newcomer2', 'new2@n.example'), 'qr');
  assert.equal(r.status, 303);
  const cid = await one("SELECT id FROM customers WHERE account_name = 'newcomer2'");
  assert.deepEqual(await stack.sql(`SELECT method, status FROM invitations WHERE customer_id = ${cid}`), [['qr', 'ASSOCIATED']]);
  assert.equal(await one(`SELECT initiation FROM associations WHERE customer_id = ${cid}`), 'qr');
});

test('9.2.2.3: an existing account through a link is refused (OFFLINE_NEW_ONLY stored), nothing changes', async () => {
  const before = await stack.sql("SELECT partner_id, freeze_state FROM customers WHERE account_name = 'blueocean'");
  const { r } = await join(LINK_TOKEN, { action: 'login', login: 'customer1', login_password: 'Demo#2026' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Links and QR codes can only associate newly created accounts/);
  assert.deepEqual(await stack.sql("SELECT partner_id, freeze_state FROM customers WHERE account_name = 'blueocean'"), before);
  const blue = await one("SELECT id FROM customers WHERE account_name = 'blueocean'");
  assert.deepEqual(await stack.sql(`SELECT status, failure_code FROM invitations WHERE customer_id = ${blue}`),
    [['ASSOCIATION_FAILED', 'OFFLINE_NEW_ONLY']]);
  // an e-mail already in use cannot register a second account through a link
  const dup = await join(LINK_TOKEN, register('dupmail', 'customer1@blueocean.example'));
  assert.equal(dup.r.status, 400);
  assert.match(dup.r.text, /Existing accounts can only associate through an e-mail invitation/);
});

test('9.2.2.2: an e-mail invitation associates an existing account once; the token is then LINK_USED', async () => {
  const cid = await existingCustomer('recentco', 'recent@r.example', 2);
  await customerUser(cid, 'recent.user', 'recent@r.example');
  const token = await invite('Recent Co', 'recent@r.example');
  const { c, page, r } = await join(token, { action: 'login', login: 'recent.user', login_password: PASSWORD });
  assert.match(page.text, /id="login-form"/, 'an online invitation offers Log In and Associate');
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  assert.deepEqual(await stack.sql(`SELECT partner_id, freeze_state, IFNULL(account_manager_id, 'NULL') FROM customers WHERE id = ${cid}`),
    [[SUNRISE, 'account', 'NULL']]);
  assert.deepEqual(await stack.sql(`SELECT i.status, p.status, p.customer_id FROM invitations i JOIN preregistrations p `
    + `ON p.id = i.preregistration_id WHERE p.email = 'recent@r.example'`), [['ASSOCIATED', 'ASSOCIATED', String(cid)]]);
  assert.equal(await one(`SELECT initiation FROM associations WHERE customer_id = ${cid}`), 'email');
  assert.equal(await count(`SELECT COUNT(*) FROM audit_events WHERE action = 'addBpInviteTraceLog' AND object_id = ${cid}`), 1);
  assert.equal((await c.get('/console/')).status, 200);
  const again = await new Client(stack.base).get(`/console/join?t=${token}`);
  assert.equal(again.status, 410);
  assert.match(again.text, /The invitation link has been used\./);
  const replay = await join(token, { action: 'login', login: 'recent.user', login_password: PASSWORD });
  assert.equal(replay.r.status, 410);
  assert.equal(await count(`SELECT COUNT(*) FROM associations WHERE customer_id = ${cid}`), 1);
});

test('11.1: an account registered 10 days ago is refused with REG_TIME_LIMIT; no association is written', async () => {
  const cid = await existingCustomer('tenday', 'tenday@t.example', 2);
  await customerUser(cid, 'tenday.user', 'tenday@t.example');
  const token = await invite('Ten Day', 'tenday@t.example');
  await stack.sql(`UPDATE customers SET registered_at = UTC_TIMESTAMP() - INTERVAL 10 DAY WHERE id = ${cid}`);
  const { r } = await join(token, { action: 'login', login: 'tenday.user', login_password: PASSWORD });
  assert.equal(r.status, 409);
  assert.match(r.text, /Customer registration time exceeds the limit\./);
  assert.equal(await count(`SELECT COUNT(*) FROM associations WHERE customer_id = ${cid}`), 0);
  assert.equal(await one(`SELECT IFNULL(partner_id, 'NULL') FROM customers WHERE id = ${cid}`), 'NULL');
  assert.deepEqual(await stack.sql("SELECT status, failure_code FROM invitations WHERE email = 'tenday@t.example'"),
    [['ASSOCIATION_FAILED', 'REG_TIME_LIMIT']]);
  // the History Records show the cause
  const h = await admin.get('/customers/development/history?status=ASSOCIATION_FAILED');
  assert.match(h.text, /data-code="REG_TIME_LIMIT">\(Customer registration time exceeds the limit\.\)/);
});

test('11.1 rule 5: a customer with a valid reserved instance is refused for the reseller model', async () => {
  const cid = await existingCustomer('rico', 'ri@r.example', 1);
  await customerUser(cid, 'ri.user', 'ri@r.example');
  const token = await invite('RI Co', 'ri@r.example');
  await stack.sql(`UPDATE customers SET blockers = 'valid_ri' WHERE id = ${cid}`);
  const { r } = await join(token, { action: 'login', login: 'ri.user', login_password: PASSWORD });
  assert.equal(r.status, 409);
  assert.match(r.text, /Customer has valid reserved instances\./);
  assert.equal(await one("SELECT failure_code FROM invitations WHERE email = 'ri@r.example'"), 'VALID_RI');
});

test('an e-mail invitation registers only the pre-registered address; bad registration input is 400', async () => {
  const token = await invite('Fresh Co', 'fresh@f.example');
  const wrong = await join(token, register('fresh1', 'other@f.example'));
  assert.equal(wrong.r.status, 400);
  assert.match(wrong.r.text, /The invitation was sent to another e-mail address\./);
  const weak = await join(token, register('fresh1', 'fresh@f.example', { password: 'short', confirm: 'short', agree: null }));
  assert.equal(weak.r.status, 400);
  assert.match(weak.r.text, /id="e-password">At least 8 characters/);
  const taken = await join(token, register('csp.admin', 'fresh@f.example'));
  assert.equal(taken.r.status, 400);
  assert.match(taken.r.text, /This username is already taken\./);
  assert.equal(await count("SELECT COUNT(*) FROM customers WHERE email = 'fresh@f.example'"), 0);
  assert.equal(await one("SELECT status FROM invitations WHERE email = 'fresh@f.example'"), 'INVITED');
  const ok = await join(token, register('fresh1', 'Fresh@f.example'));
  assert.equal(ok.r.status, 303);
  assert.equal(await one("SELECT status FROM invitations WHERE email = 'fresh@f.example'"), 'ASSOCIATED');
  // no CSRF token: refused before anything happens
  const c = new Client(stack.base);
  assert.equal((await c.post('/console/join', { t: token, action: 'register', csrf: null })).status, 403);
});

test('expired invitation, prepaid partner and another partner\'s pre-registration are refused with their causes', async () => {
  const token = await invite('Late Co', 'late@l.example');
  await stack.sql("UPDATE invitations SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE email = 'late@l.example'");
  const late = await new Client(stack.base).get(`/console/join?t=${token}`);
  assert.equal(late.status, 410);
  assert.match(late.text, /The invitation link has expired\./);

  // greatwall pre-registered this address: a new account with it cannot join sunrise through a link
  await stack.sql(`INSERT INTO preregistrations (partner_id, full_name, email, status, preregistered_at, expires_at, created_by) `
    + `SELECT id, 'Taken', 'taken@t.example', 'PREREGISTERED', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 15 DAY, `
    + `(SELECT id FROM users WHERE username = 'dist.admin') FROM partners WHERE account_name = 'greatwall'`);
  const taken = await join(LINK_TOKEN, register('takenco', 'taken@t.example'));
  assert.equal(taken.r.status, 409);
  assert.match(taken.r.text, /Customer has been registered by another partner\./);
  assert.equal(await count("SELECT COUNT(*) FROM customers WHERE account_name = 'takenco'"), 0);
  assert.equal(await one("SELECT failure_code FROM invitations WHERE email = 'taken@t.example'"), 'OTHER_PARTNER_REGISTERED');

  await stack.sql(`UPDATE partners SET is_prepaid = 1 WHERE id = ${SUNRISE}`);
  try {
    const pre = await join(LINK_TOKEN, register('prepaidco', 'prepaid@p.example'));
    assert.equal(pre.r.status, 409);
    assert.match(pre.r.text, /Prepaid partners cannot develop customers in reseller model\./);
    assert.equal(await count("SELECT COUNT(*) FROM customers WHERE account_name = 'prepaidco'"), 0);
  } finally {
    await stack.sql(`UPDATE partners SET is_prepaid = 0 WHERE id = ${SUNRISE}`);
  }
});
