// Promotional invitation links (9.2.2.3): the vendor operator runs promotion
// activities in /admin/promotions; while one runs, a partner member makes one
// link for it; a customer joins through it (method "promo"); when the activity
// ends the development job expires the link and the landing refuses it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

const PASSWORD = 'Join#2026a';
let stack, operator, admin, SUNRISE;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  operator = await signedIn('operator');
  admin = await signedIn('csp.admin');
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

const signedIn = (username) => signIn(stack.base, username);


test('before any activity the partner is told none is available', async () => {
  const page = await admin.get('/customers/development/links');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="no-promotion">No promotion activity is available\./);
});

test('the operator creates an activity; bad dates and a missing name change nothing', async () => {
  await operator.get('/admin/promotions');
  for (const bad of [
    { name: '', valid_from: localDay(0), valid_to: localDay(5) },
    { name: 'Backwards', valid_from: localDay(5), valid_to: localDay(1) },
    { name: 'Over', valid_from: localDay(-10), valid_to: localDay(-1) },
    { name: 'Bad date', valid_from: '2026-02-30', valid_to: localDay(5) },
  ]) {
    const r = await operator.post('/admin/promotions', bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.match(r.text, /class="error"/);
  }
  assert.equal(await one('SELECT COUNT(*) FROM promotions'), '0');
  const r = await operator.post('/admin/promotions', { name: 'Cloud Week', description: '20 % off compute', valid_from: localDay(0), valid_to: localDay(10) });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/promotions?msg=promotion_saved');
  const r2 = await operator.post('/admin/promotions', { name: 'Next Year', valid_from: localDay(300), valid_to: localDay(330) });
  assert.equal(r2.status, 303);
  const list = await operator.get('/admin/promotions');
  assert.match(list.text, /Cloud Week/);
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'promotion.create'"), '2');
});

test('a partner member makes one link per running activity; a future or unknown activity is a 404', async () => {
  const page = await admin.get('/customers/development/links');
  assert.match(page.text, /Cloud Week/);
  assert.doesNotMatch(page.text, /Next Year/, 'not running yet');
  const id = await one("SELECT id FROM promotions WHERE name = 'Cloud Week'");
  const r = await admin.post(`/customers/development/links/promo/${id}`, {});
  assert.equal(r.status, 303);
  await admin.get('/customers/development/links');
  await admin.post(`/customers/development/links/promo/${id}`, {});
  assert.deepEqual(await stack.sql(`SELECT kind, partner_id, custom_tag, status, valid_to = (SELECT valid_to FROM promotions WHERE id = ${id})
    FROM invitation_links WHERE promotion_id = ${id}`), [['promo', SUNRISE, 'csp.admin', 'active', '1']]);
  const after = await admin.get('/customers/development/links');
  assert.match(after.text, /<tr data-promotion="\d+">[\s\S]*?\/console\/join\?t=[0-9a-f]{64}/);
  const linkId = await one(`SELECT id FROM invitation_links WHERE promotion_id = ${id}`);
  const qr = await admin.get(`/customers/development/links/${linkId}/qr.png`);
  assert.equal(qr.status, 200);
  const future = await one("SELECT id FROM promotions WHERE name = 'Next Year'");
  assert.equal((await admin.post(`/customers/development/links/promo/${future}`, {})).status, 404);
  assert.equal((await admin.post('/customers/development/links/promo/999999', {})).status, 404);
  // another partner's member makes its own link, and does not see csp.admin's
  const dist = await signedIn('dist.admin');
  const dpage = await dist.get('/customers/development/links');
  assert.match(dpage.text, /Cloud Week/);
  assert.doesNotMatch(dpage.text, /<input class="link-url" readonly value="[^"]*"[^>]*>\s*<\/td>\s*<td><a class="qr" href="\/customers\/development\/links\/${linkId}\//);
  assert.equal((await dist.get(`/customers/development/links/${linkId}/qr.png`)).status, 404);
});

test('a customer joins through the promotional link (method promo); once the activity ends the link is expired', async () => {
  const id = await one("SELECT id FROM promotions WHERE name = 'Cloud Week'");
  const token = await one(`SELECT token FROM invitation_links WHERE promotion_id = ${id}`);
  const c = new Client(stack.base);
  const landing = await c.get(`/console/join?t=${token}`);
  assert.equal(landing.status, 200);
  const r = await c.post('/console/join', { t: token, agree: 'yes', agree_login: 'yes', action: 'register', country: 'SG',
    username: 'promo1', name: 'Promo One Ltd', email: 'promo1@p.example', password: PASSWORD, confirm: PASSWORD });
  assert.equal(r.status, 303, r.text.slice(0, 1500));
  const cid = await one("SELECT id FROM customers WHERE account_name = 'promo1'");
  assert.deepEqual(await stack.sql(`SELECT method, status FROM invitations WHERE customer_id = ${cid}`), [['promo', 'ASSOCIATED']]);
  assert.equal(await one(`SELECT initiation FROM associations WHERE customer_id = ${cid}`), 'promo');
  const history = await admin.get('/customers/development/history?method=promo');
  assert.equal(history.status, 200);
  assert.match(history.text, /By promotional link/);

  const ends = await one(`SELECT valid_to FROM promotions WHERE id = ${id}`);
  await stack.worker('run', 'development', '--now', ends);
  assert.equal(await one(`SELECT status FROM invitation_links WHERE promotion_id = ${id}`), 'expired');
  const late = await new Client(stack.base).get(`/console/join?t=${token}`);
  assert.match(late.text, /The invitation link has expired\./);
  // re-running the job changes nothing more
  await stack.worker('run', 'development', '--now', ends);
  assert.equal(await one(`SELECT COUNT(*) FROM invitation_links WHERE promotion_id = ${id} AND status = 'expired'`), '1');
});

test('partners and customers may not manage promotion activities', async () => {
  for (const user of ['csp.admin', 'customer1']) {
    const c = await signedIn(user);
    assert.equal((await c.get('/admin/promotions')).status, 403, user);
    await c.get('/home');
    assert.equal((await c.post('/admin/promotions', { name: 'x', valid_from: localDay(0), valid_to: localDay(1) })).status, 403, user);
  }
  assert.equal(await one("SELECT COUNT(*) FROM promotions WHERE name = 'x'"), '0');
});
