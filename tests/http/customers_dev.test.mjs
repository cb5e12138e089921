// Sales > Customers > Customer Development (spec 9.2.2.1-9.2.2.4) over HTTP:
// pre-registration with its hard rejections, manual review and the 100 live
// limit, list/search/delete, invitations by e-mail (single, batch, resend),
// general and customized links with the 24 h rate limit, QR codes as PNG,
// History Records, who may not do any of it, and bad input.  Stored state is
// read back with SQL; the expiry is moved with the worker's --now.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const MSG = {
  otherPrereg: 'This customer is pre-registered by another partner.',
  already: 'You have already pre-registered this customer.',
  ownCustomer: 'This customer is already associated with you.',
  otherAssoc: 'This customer is associated with another partner.',
  cn: 'This customer is registered on the Chinese-mainland site.',
  limit: 'You already have 100 customers under review or pre-registered.',
  notPrereg: 'Only pre-registered customers can be invited.',
  cannotDelete: 'Pre-registrations under review or associated cannot be deleted.',
  rate: 'You generated 100 customized links in the last 24 hours. Try again later.',
  emailChars: 'Only letters, digits, _ - . and @ are allowed.',
  required: 'This field is required.',
};

let stack, admin, am1, dist;
let SUNRISE, GREATWALL, AM1, ADMIN;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  GREATWALL = await one("SELECT id FROM partners WHERE account_name = 'greatwall'");
  AM1 = await one("SELECT id FROM users WHERE username = 'csp.am1'");
  ADMIN = await one("SELECT id FROM users WHERE username = 'csp.admin'");
  admin = await signedIn('csp.admin');
  am1 = await signedIn('csp.am1');
  dist = await signedIn('dist.admin');
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}
const count = async (query) => Number(await one(query));

const signedIn = (username) => signIn(stack.base, username);

/** Pre-register through the form (the page is fetched first for its CSRF token). */
async function preregister(c, fields) {
  await c.get('/customers/development/new');
  return c.post('/customers/development/new', { send_invite: 'no', ...fields });
}

async function prereg(email) {
  const rows = await stack.sql('SELECT id, partner_id, status, review_reasons, IFNULL(account_manager_id, 0), '
    + 'TIMESTAMPDIFF(SECOND, preregistered_at, expires_at), expires_at FROM preregistrations '
    + `WHERE email = ${q(email)} ORDER BY id DESC LIMIT 1`);
  if (!rows.length) return null;
  const [id, partner, status, reasons, am, validity, expires] = rows[0];
  return { id, partner, status, reasons, am, validity: Number(validity), expires };
}

function tokenOf(body) {
  const m = /\/console\/join\?t=([0-9a-f]{64})/.exec(body);
  return m ? m[1] : null;
}
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

test('the Customer Development tab lists the demo pre-registrations with the live counter', async () => {
  const r = await admin.get('/customers/development');
  assert.equal(r.status, 200);
  assert.match(r.text, /href="\/customers\/development"[^>]*>Customer Development</);
  assert.match(r.text, /Adatum Corporation/);
  assert.match(r.text, /成都天府软件/);
  assert.match(r.text, /<strong id="live-count">2<\/strong>/);
  // the account manager sees only its own pre-registration
  const m = await am1.get('/customers/development');
  assert.equal(m.status, 200);
  assert.match(m.text, /Adatum Corporation/);
  assert.doesNotMatch(m.text, /成都天府软件/);
});

test('9.2.2.1: a pre-registration lasts 15 days and blocks other partners until the expiry job ran', async () => {
  const r = await preregister(admin, { full_name: 'Xavier Alpha', email: 'X@A.example', mobile: '13900000001',
    remarks: 'trade fair' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/customers/development?msg=dev_preregistered');
  const p = await prereg('x@a.example');
  assert.ok(p, 'stored with the e-mail in lower case');
  assert.equal(p.partner, SUNRISE);
  assert.equal(p.status, 'PREREGISTERED');
  assert.equal(p.validity, 15 * 24 * 3600);
  assert.equal(await count(`SELECT COUNT(*) FROM audit_events WHERE action = 'customer.preregister' AND object_id = ${p.id}`), 1);

  // the same partner again, and another partner during validity
  const again = await preregister(admin, { full_name: 'Xavier', email: 'x@a.example' });
  assert.equal(again.status, 409);
  assert.ok(again.text.includes(MSG.already));
  const other = await preregister(dist, { full_name: 'Xavier', email: 'x@a.example' });
  assert.equal(other.status, 409);
  assert.ok(other.text.includes(MSG.otherPrereg));
  assert.equal(await count("SELECT COUNT(*) FROM preregistrations WHERE email = 'x@a.example'"), 1);

  // the job at expires_at + 10 min frees the address
  const now = new Date(Date.parse(p.expires.replace(' ', 'T') + 'Z') + 10 * 60000).toISOString().slice(0, 19).replace('T', ' ');
  const w = await stack.worker('run', 'development', '--now', now);
  assert.equal(w.code, 0, w.stderr);
  assert.equal((await prereg('x@a.example')).status, 'EXPIRED');
  const later = await preregister(dist, { full_name: 'Xavier', email: 'x@a.example' });
  assert.equal(later.status, 303);
  const q2 = await prereg('x@a.example');
  assert.equal(q2.partner, GREATWALL);
  assert.equal(q2.status, 'PREREGISTERED');
});

test('9.2.2.1: hard rejections — associated elsewhere, own customer, Chinese-mainland site', async () => {
  const harbor = await preregister(admin, { full_name: 'Harbor Cafe', email: 'ops@harborcafe.example' });
  assert.equal(harbor.status, 409);
  assert.ok(harbor.text.includes(MSG.otherAssoc));
  const own = await preregister(admin, { full_name: 'Northwind', email: 'it@northwind.example' });
  assert.equal(own.status, 409);
  assert.ok(own.text.includes(MSG.ownCustomer));
  await stack.sql("INSERT INTO customers (name, account_name, email, site) VALUES ('CN Co', 'cnco', 'cn@co.example', 'cn')");
  const cn = await preregister(admin, { full_name: 'CN Co', email: 'cn@co.example' });
  assert.equal(cn.status, 409);
  assert.ok(cn.text.includes(MSG.cn));
  assert.equal(await count("SELECT COUNT(*) FROM preregistrations WHERE email IN "
    + "('ops@harborcafe.example', 'it@northwind.example', 'cn@co.example')"), 0);
});

test('9.2.2.1: an old account with cash spend needs manual review: reasons shown, then UNDER_REVIEW', async () => {
  await stack.sql("INSERT INTO customers (name, account_name, email, registered_at, has_cash_spend) VALUES "
    + "('Old Co', 'oldco', 'old@co.example', UTC_TIMESTAMP() - INTERVAL 30 DAY, 1)");
  const r = await preregister(admin, { full_name: 'Old Co', email: 'old@co.example', send_invite: 'yes' });
  assert.equal(r.status, 409);
  assert.match(r.text, /cannot be directly preregistered/);
  assert.ok(r.text.includes('The customer registered more than 7 days ago.'));
  assert.ok(r.text.includes('The customer has cash expenditure records.'));
  assert.equal(await prereg('old@co.example'), null, 'nothing stored before the partner continues');

  const go = await admin.post('/customers/development/new', { full_name: 'Old Co', email: 'old@co.example',
    send_invite: 'yes', review: 'yes', review_spend: '2,000 USD a month', review_process: 'met twice' });
  assert.equal(go.status, 303);
  assert.equal(go.location, '/customers/development?msg=dev_review');
  const p = await prereg('old@co.example');
  assert.equal(p.status, 'UNDER_REVIEW');
  assert.equal(p.reasons, 'reg_over_7_days,cash_spend');
  assert.deepEqual(await stack.sql(`SELECT review_spend, review_process FROM preregistrations WHERE id = ${p.id}`),
    [['2,000 USD a month', 'met twice']]);
  assert.equal(await count(`SELECT COUNT(*) FROM invitations WHERE preregistration_id = ${p.id}`), 0,
    'no invitation while under review');

  // 9.2.2.2: inviting or deleting one under review is refused
  await admin.get('/customers/development');
  const inv = await admin.post(`/customers/development/${p.id}/invite`);
  assert.equal(inv.status, 409);
  assert.ok(inv.text.includes(MSG.notPrereg));
  const del = await admin.post(`/customers/development/${p.id}/delete`, { confirm: '1' });
  assert.equal(del.status, 409);
  assert.ok(del.text.includes(MSG.cannotDelete));
  assert.equal((await prereg('old@co.example')).status, 'UNDER_REVIEW');
});

test('9.2.2.2: batch invite of 3 writes 3 invitations and queues 3 mails with single-use links', async () => {
  const ids = [];
  for (const n of [1, 2, 3]) {
    assert.equal((await preregister(admin, { full_name: `Batch ${n}`, email: `batch${n}@b.example` })).status, 303);
    ids.push((await prereg(`batch${n}@b.example`)).id);
  }
  const mails = await count('SELECT COUNT(*) FROM mail_outbox');
  await admin.get('/customers/development');
  const r = await admin.post('/customers/development/invite', { ids });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/customers/development?msg=dev_invited');
  const rows = await stack.sql('SELECT i.preregistration_id, i.status, i.method, i.expires_at = p.expires_at, i.token_hash, '
    + 'i.email FROM invitations i JOIN preregistrations p ON p.id = i.preregistration_id '
    + `WHERE i.preregistration_id IN (${ids.join(',')}) ORDER BY i.id`);
  assert.equal(rows.length, 3);
  for (const [, status, method, sameExpiry] of rows) {
    assert.equal(status, 'INVITED');
    assert.equal(method, 'email');
    assert.equal(sameExpiry, '1', 'the invitation expires with its pre-registration');
  }
  assert.equal(await count('SELECT COUNT(*) FROM mail_outbox'), mails + 3);
  for (const [, , , , hash, email] of rows) {
    const body = await one(`SELECT body FROM mail_outbox WHERE to_addr = ${q(email)} ORDER BY id DESC LIMIT 1`);
    const token = tokenOf(body);
    assert.ok(token, 'the mail carries the landing link');
    assert.equal(sha256(token), hash, 'only the SHA-256 of the token is stored');
    assert.equal(await count(`SELECT COUNT(*) FROM invitations WHERE token_hash = ${q(token)}`), 0);
  }
  assert.equal(await count("SELECT COUNT(*) FROM audit_events WHERE action = 'addBpInviteTraceLog'"), 3);
});

test('send_invite=yes invites at once; Resend Invitation makes a new token and kills the old one', async () => {
  const r = await preregister(admin, { full_name: 'Instant', email: 'instant@i.example', send_invite: 'yes' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/customers/development?msg=dev_preregistered_invited');
  const p = await prereg('instant@i.example');
  const first = await stack.sql(`SELECT id, status FROM invitations WHERE preregistration_id = ${p.id}`);
  assert.equal(first.length, 1);
  const oldToken = tokenOf(await one("SELECT body FROM mail_outbox WHERE to_addr = 'instant@i.example' ORDER BY id DESC LIMIT 1"));

  const h = await admin.get('/customers/development/history?email=instant');
  assert.equal(h.status, 200);
  assert.match(h.text, new RegExp(`data-id="${first[0][0]}"`));
  const rs = await admin.post(`/customers/development/history/${first[0][0]}/resend`);
  assert.equal(rs.status, 303);
  const now = await stack.sql(`SELECT status FROM invitations WHERE preregistration_id = ${p.id} ORDER BY id`);
  assert.deepEqual(now, [['EXPIRED'], ['INVITED']]);
  const newToken = tokenOf(await one("SELECT body FROM mail_outbox WHERE to_addr = 'instant@i.example' ORDER BY id DESC LIMIT 1"));
  assert.notEqual(newToken, oldToken);
  const anon = new Client(stack.base);
  const dead = await anon.get(`/console/join?t=${oldToken}`);
  assert.equal(dead.status, 410);
  assert.match(dead.text, /The invitation link has expired\./);
  const live = await anon.get(`/console/join?t=${newToken}`);
  assert.equal(live.status, 200);
  assert.match(live.text, /Sunrise Cloud Solutions/);
});

test('History Records filter by method and status', async () => {
  const all = await admin.get('/customers/development/history');
  assert.equal(all.status, 200);
  const invited = await admin.get('/customers/development/history?status=INVITED&method=email');
  assert.equal(invited.status, 200);
  const n = (invited.text.match(/<tr data-id=/g) || []).length;
  assert.equal(n, await count(`SELECT COUNT(*) FROM invitations WHERE partner_id = ${SUNRISE} AND status = 'INVITED' AND method = 'email'`));
  const none = await admin.get('/customers/development/history?method=qr');
  assert.equal((none.text.match(/<tr data-id=/g) || []).length, 0);
  const bad = await admin.get('/customers/development/history?status=BOGUS');
  assert.equal(bad.status, 200, 'a bad filter is ignored');
});

test('search by name, mobile and e-mail; delete single and batch', async () => {
  const byName = await admin.get('/customers/development?name=Batch');
  assert.equal((byName.text.match(/<tr data-id=/g) || []).length, 3);
  assert.match(byName.text, /id="list-range">1–3 of 3</);
  const paged = await admin.get('/customers/development?name=Batch&size=10&page=2');
  assert.equal((paged.text.match(/<tr data-id=/g) || []).length, 0, 'past the last page: no rows');
  assert.match(paged.text, /id="list-range">0–0 of 3</);
  assert.match(paged.text, /id="prev-page" href="\/customers\/development\?name=Batch&amp;size=10"/, 'back to the last page there is');
  // a refused filter: kept as typed, the reason beside it, the others still apply
  const long = '1'.repeat(21);
  const tooLong = await admin.get(`/customers/development?name=Batch&mobile=${long}`);
  assert.equal(tooLong.status, 200);
  assert.match(tooLong.text, new RegExp(`id="q-mobile"[^>]*value="${long}"[^>]*aria-invalid="true"`));
  assert.match(tooLong.text, /id="e-mobile"/);
  assert.equal((tooLong.text.match(/<tr data-id=/g) || []).length, 3);
  const byMail = await admin.get('/customers/development?email=batch2%40');
  assert.equal((byMail.text.match(/<tr data-id=/g) || []).length, 1);
  const byMobile = await admin.get('/customers/development?mobile=13900001111');
  assert.match(byMobile.text, /Adatum Corporation/);
  assert.equal((byMobile.text.match(/<tr data-id=/g) || []).length, 1);

  const [b1, b2, b3] = await Promise.all([1, 2, 3].map(async (n) => (await prereg(`batch${n}@b.example`)).id));
  const one1 = await admin.post(`/customers/development/${b1}/delete`, { confirm: '1' });
  assert.equal(one1.status, 303);
  await admin.get('/customers/development');
  const batch = await admin.post('/customers/development/delete', { ids: [b2, b3], confirm: '1' });
  assert.equal(batch.status, 303);
  assert.deepEqual(await stack.sql(`SELECT DISTINCT status FROM preregistrations WHERE id IN (${b1}, ${b2}, ${b3})`), [['DELETED']]);
  const list = await admin.get('/customers/development?name=Batch');
  assert.equal((list.text.match(/<tr data-id=/g) || []).length, 0);
  // a deleted one is gone for good
  const again = await admin.post(`/customers/development/${b1}/delete`, { confirm: '1' });
  assert.equal(again.status, 404);
  // an associated one stays
  await stack.sql(`UPDATE preregistrations SET status = 'ASSOCIATED' WHERE email = 'instant@i.example'`);
  const assoc = (await prereg('instant@i.example')).id;
  const refused = await admin.post(`/customers/development/${assoc}/delete`, { confirm: '1' });
  assert.equal(refused.status, 409);
});

test('bad input: 400 with the message next to the field and nothing stored', async () => {
  const before = await count('SELECT COUNT(*) FROM preregistrations');
  const r = await preregister(admin, { full_name: '', email: 'a+b@x.example', mobile: '12ab', send_invite: 'maybe' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="e-full_name">This field is required\./);
  assert.ok(r.text.includes(`id="e-email">${MSG.emailChars}`));
  assert.match(r.text, /id="e-mobile">Enter 5 to 20 digits/);
  const long = await preregister(admin, { full_name: 'x'.repeat(101), email: 'long@x.example' });
  assert.equal(long.status, 400);
  assert.equal(await count('SELECT COUNT(*) FROM preregistrations'), before);
  await admin.get('/customers/development');
  assert.equal((await admin.post('/customers/development/invite', { ids: ['abc'] })).status, 400);
  assert.equal((await admin.post('/customers/development/delete', {})).status, 400);
});

test('who may not: csp.finance1 has no customer.develop (403); dist.admin cannot touch sunrise rows (404)', async () => {
  const fin = await signedIn('csp.finance1');
  assert.equal((await fin.get('/customers/development')).status, 403);
  assert.equal((await fin.get('/customers/development/links')).status, 403);
  assert.equal((await fin.get('/customers/development/history')).status, 403);
  const list = await fin.get('/customers/');
  assert.doesNotMatch(list.text, /href="\/customers\/development"/, 'no tab without the permission');
  await fin.get('/customers/');
  assert.equal((await fin.post('/customers/development/new', { full_name: 'F', email: 'f@f.example', send_invite: 'no' })).status, 403);

  const adatum = await one("SELECT id FROM preregistrations WHERE email = 'cloud@adatum.example'");
  const link = await one("SELECT id FROM invitation_links WHERE custom_tag = 'expo2026'");
  const inv = await one(`SELECT id FROM invitations WHERE partner_id = ${SUNRISE} ORDER BY id LIMIT 1`);
  const status = await one(`SELECT status FROM preregistrations WHERE id = ${adatum}`);
  await dist.get('/customers/development');
  assert.equal((await dist.post(`/customers/development/${adatum}/delete`, { confirm: '1' })).status, 404);
  assert.equal((await dist.post(`/customers/development/${adatum}/invite`)).status, 404);
  assert.equal((await dist.post('/customers/development/invite', { ids: [adatum] })).status, 404);
  assert.equal((await dist.post(`/customers/development/history/${inv}/resend`)).status, 404);
  assert.equal((await dist.get(`/customers/development/links/${link}/qr.png`)).status, 404);
  const seen = await dist.get('/customers/development');
  assert.doesNotMatch(seen.text, /Adatum/);
  assert.equal(await one(`SELECT status FROM preregistrations WHERE id = ${adatum}`), status);
  // an account manager cannot act on a pre-registration made by the admin
  const tianfu = await one("SELECT id FROM preregistrations WHERE email = 'it@tianfu.example'");
  await am1.get('/customers/development');
  assert.equal((await am1.post(`/customers/development/${tianfu}/delete`, { confirm: '1' })).status, 404);
});

test('9.2.2.3: general link once per user; an account manager\'s links carry its id', async () => {
  await am1.get('/customers/development/links');
  const r = await am1.post('/customers/development/links/general');
  assert.equal(r.status, 303);
  assert.equal((await am1.post('/customers/development/links/general')).status, 303);
  assert.deepEqual(await stack.sql(`SELECT COUNT(*), MAX(account_manager_id), IFNULL(MAX(custom_tag), 'NULL') FROM invitation_links WHERE kind = 'general' AND created_by = ${AM1}`),
    [['1', AM1, 'NULL']]);
  await admin.get('/customers/development/links');
  assert.equal((await admin.post('/customers/development/links/general')).status, 303);
  assert.deepEqual(await stack.sql(`SELECT IFNULL(account_manager_id, 'NULL'), custom_tag FROM invitation_links WHERE kind = 'general' AND created_by = ${ADMIN}`),
    [['NULL', 'csp.admin']], "an admin's general link carries its account name as the tag");
  const page = await am1.get('/customers/development/links');
  assert.match(page.text, /\/console\/join\?t=[0-9a-f]{64}/);

  // an admin picks the manager of a customized link; a member of another partner is refused
  const distAdmin = await one("SELECT id FROM users WHERE username = 'dist.admin'");
  const bad = await admin.post('/customers/development/links', { am: distAdmin, remarks: 'x' });
  assert.equal(bad.status, 400);
  const tooLong = await admin.post('/customers/development/links', { remarks: 'r'.repeat(101) });
  assert.equal(tooLong.status, 400);
  const ok = await admin.post('/customers/development/links', { am: AM1, custom_tag: 'summer', remarks: 'summer fair' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /^\/customers\/development\/links\?msg=dev_link_created&new=\d+$/);
  assert.deepEqual(await stack.sql("SELECT account_manager_id, created_by FROM invitation_links WHERE custom_tag = 'summer'"), [[AM1, ADMIN]]);
});

test('9.2.2.3: the 101st customized link in 24 h is refused, and allowed once the window moved', async () => {
  const have = await count(`SELECT COUNT(*) FROM invitation_links WHERE kind = 'custom' AND created_by = ${AM1}`);
  const values = [];
  for (let i = have; i < 100; i++) {
    values.push(`(${SUNRISE}, 'custom', ${AM1}, 'bulk', LPAD(${i}, 64, '0'), SHA2(LPAD(${i}, 64, 'x'), 256), ${AM1}, UTC_TIMESTAMP() - INTERVAL 3 HOUR)`);
  }
  await stack.sql('INSERT INTO invitation_links (partner_id, kind, account_manager_id, remarks, token, token_hash, created_by, created_at) VALUES '
    + values.join(','));
  await am1.get('/customers/development/links');
  const r = await am1.post('/customers/development/links', { remarks: 'one more' });
  assert.equal(r.status, 409);
  assert.ok(r.text.includes(MSG.rate));
  assert.equal(await count(`SELECT COUNT(*) FROM invitation_links WHERE kind = 'custom' AND created_by = ${AM1}`), 100);
  await stack.sql(`UPDATE invitation_links SET created_at = created_at - INTERVAL 22 HOUR WHERE remarks = 'bulk'`);
  const later = await am1.post('/customers/development/links', { remarks: 'next day' });
  assert.equal(later.status, 303);
  assert.equal(await count(`SELECT COUNT(*) FROM invitation_links WHERE remarks = 'next day' AND account_manager_id = ${AM1}`), 1);
});

test('the QR code is a grayscale PNG whose size fits a QR symbol', async () => {
  const id = await one("SELECT id FROM invitation_links WHERE custom_tag = 'expo2026'");
  const res = await fetch(`${stack.base}/customers/development/links/${id}/qr.png`, { headers: { cookie: am1.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.subarray(12, 16).toString(), 'IHDR');
  const w = png.readUInt32BE(16), h = png.readUInt32BE(20);
  assert.equal(w, h);
  assert.equal(w % 6, 0, 'six pixels per module');
  const modules = w / 6 - 8; // four modules of quiet zone each side
  assert.ok(modules >= 21 && (modules - 17) % 4 === 0, `a QR symbol side (${modules} modules)`);
  assert.equal(png[24], 8, 'bit depth 8');
  assert.equal(png[25], 0, 'grayscale');
  assert.equal(png.subarray(png.length - 8, png.length - 4).toString(), 'IEND');
});

test('9.2.2.1: the 101st live pre-registration is refused inside the transaction', async () => {
  const live = await count(`SELECT COUNT(*) FROM preregistrations WHERE partner_id = ${SUNRISE} AND status IN ('UNDER_REVIEW','PREREGISTERED')`);
  const values = [];
  for (let i = live; i < 100; i++) {
    const status = i % 5 === 0 ? 'UNDER_REVIEW' : 'PREREGISTERED';
    values.push(`(${SUNRISE}, 'Fill ${i}', 'fill${i}@f.example', '${status}', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 15 DAY, ${ADMIN})`);
  }
  await stack.sql('INSERT INTO preregistrations (partner_id, full_name, email, status, preregistered_at, expires_at, created_by) VALUES '
    + values.join(','));
  const r = await preregister(admin, { full_name: 'Too Many', email: 'toomany@t.example' });
  assert.equal(r.status, 409);
  assert.ok(r.text.includes(MSG.limit));
  assert.equal(await prereg('toomany@t.example'), null);
  // deleting one frees a place
  const fill = await one(`SELECT id FROM preregistrations WHERE email = 'fill${live}@f.example'`);
  await stack.sql(`UPDATE preregistrations SET status = 'PREREGISTERED' WHERE id = ${fill}`);
  await admin.get('/customers/development');
  assert.equal((await admin.post(`/customers/development/${fill}/delete`, { confirm: '1' })).status, 303);
  assert.equal((await preregister(admin, { full_name: 'Fits', email: 'fits@t.example' })).status, 303);
  await stack.sql("UPDATE preregistrations SET status = 'DELETED' WHERE email LIKE 'fill%@f.example'");
});
