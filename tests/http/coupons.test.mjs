// The partner's side of cash coupons: Financial Information > Coupons
// (9.4.5.1.2: tabs, search by customer, status filter, keyset pages, masked
// names with an eye toggle, details with the usage record, the archive of
// coupons expired more than two years ago), the Test Coupon Balance
// Notification switch (9.4.5.1.3), and Coupon Management (S1: issuing to a
// customer out of the quota, reclaiming, operation records and their
// anonymized export).  Permission checks: an account manager gets 403,
// another partner 404, non-Admins may not change anything.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin, finance, SUNRISE, BLUE, OTHER_SUNRISE, GREATWALL_CUSTOMER;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);

before(async () => {
  stack = await startStack({ children: 2 }); // S1: two requests at once race
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  BLUE = await one("SELECT id FROM customers WHERE account_name = 'blueocean'");
  OTHER_SUNRISE = await stack.sql(`SELECT id, name, account_name FROM customers WHERE partner_id = ${SUNRISE} AND id <> ${BLUE} ORDER BY id LIMIT 1`).then((r) => r[0]);
  GREATWALL_CUSTOMER = await one("SELECT MIN(c.id) FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.account_name = 'greatwall'");
  admin = await signedIn('csp.admin');
  finance = await signedIn('csp.finance1');
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

const signedIn = (username) => signIn(stack.base, username);

async function ledgerClean() {
  const r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

const rowIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => m[1]);
const couponId = (name) => one(`SELECT id FROM coupons WHERE name = '${name}'`);

test('All lists the vendor coupons with 2-decimal balances and masked customers; the eye shows them', async () => {
  const r = await finance.get('/finance/coupons');
  assert.equal(r.status, 200);
  for (const name of ['Blue Ocean starter coupon', 'Partner growth coupon', 'PoC test coupon']) assert.match(r.text, new RegExp(name));
  const starter = await couponId('Blue Ocean starter coupon');
  const row = r.text.match(new RegExp(`<tr data-id="${starter}">[\\s\\S]*?</tr>`))[0];
  assert.match(row, /class="balance">200\.00</);
  assert.match(row, /B\*\*\*\*l/);
  assert.doesNotMatch(row, /Blue Ocean Retail/);
  assert.match(row, /Yearly\/Monthly|Every billing mode/);
  const growth = r.text.match(new RegExp(`<tr data-id="${await couponId('Partner growth coupon')}">[\\s\\S]*?</tr>`))[0];
  assert.match(growth, /1,000\.00[\s\S]*All customers/);
  const shown = await finance.get('/finance/coupons?tab=all&q=&status=&show=name');
  assert.match(shown.text, /Blue Ocean Retail/);
  assert.match(shown.text, /href="\?tab=all&amp;q=&amp;status=&amp;" id="eye-name"/);
});

test('Test Coupons holds only test coupons and the notification switch', async () => {
  const r = await finance.get('/finance/coupons?tab=test');
  assert.deepEqual(rowIds(r.text), [await couponId('PoC test coupon')]);
  assert.match(r.text, /Test Coupon Balance Notification: <strong id="notice-state">On</);
  assert.doesNotMatch(r.text, /id="notice-form"/, 'only an Admin may change it');
  const a = await admin.get('/finance/coupons?tab=test');
  assert.match(a.text, /id="notice-form"/);
});

test('search by customer returns the coupons usable for it; status filters; bad filters are 400', async () => {
  const all = [await couponId('PoC test coupon'), await couponId('Partner growth coupon'), await couponId('Blue Ocean starter coupon')];
  assert.deepEqual(rowIds((await finance.get('/finance/coupons?q=blueocean')).text), all);
  assert.deepEqual(rowIds((await finance.get('/finance/coupons?q=Blue+Ocean')).text), all);
  assert.deepEqual(rowIds((await finance.get(`/finance/coupons?q=${encodeURIComponent(OTHER_SUNRISE[2])}`)).text), all.slice(0, 2), 'general coupons only');
  assert.deepEqual(rowIds((await finance.get('/finance/coupons?q=nobody-like-this')).text), []);
  assert.deepEqual(rowIds((await finance.get('/finance/coupons?status=available')).text), all);
  assert.deepEqual(rowIds((await finance.get('/finance/coupons?status=used')).text), []);
  // a refused filter: the page itself, the reason beside the field, the value kept, no rows
  const gone = await finance.get('/finance/coupons?status=gone&q=abc');
  assert.equal(gone.status, 400);
  assert.match(gone.text, /id="e-status"/);
  assert.match(gone.text, /id="q-q"[^>]*value="abc"/);
  assert.deepEqual(rowIds(gone.text), []);
  // a page or size that is not one is ignored
  assert.equal((await finance.get('/finance/coupons?page=x&size=7')).status, 200);
});

test('numbered pages (here of 50) with the total, newest first, and the archive of coupons expired over two years ago', async () => {
  const values = Array.from({ length: 55 }, (_, i) => `('CPPAGE${String(i).padStart(12, '0')}', 'Used coupon ${i}', 'vendor', ${SUNRISE}, 'normal', ${USD(1)}, 0,
    UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP() + INTERVAL 60 DAY, 'used', UTC_TIMESTAMP())`);
  await stack.sql(`INSERT INTO coupons (code, name, issuer, owner_partner_id, kind, face_value, balance, valid_from, valid_to, status, created_at) VALUES ${values.join(',')}`);
  await stack.sql(`INSERT INTO coupons (code, name, issuer, owner_partner_id, kind, face_value, balance, valid_from, valid_to, status, created_at)
    VALUES ('CPARCHIVE000000001', 'Old archived coupon', 'vendor', ${SUNRISE}, 'normal', ${USD(5)}, 0, '2022-01-01 00:00:00', UTC_TIMESTAMP() - INTERVAL 25 MONTH, 'invalid', UTC_TIMESTAMP())`);
  const first = await finance.get('/finance/coupons?size=50');
  const ids = rowIds(first.text);
  assert.equal(ids.length, 50);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.match(first.text, /id="list-range">1–50 of 58</);
  const next = first.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(next, /^\/finance\/coupons\?.*size=50&page=2$/);
  const second = await finance.get(next);
  assert.equal(rowIds(second.text).length, 58 - 50);
  assert.doesNotMatch(second.text, /id="next-page"/);
  assert.doesNotMatch(first.text + second.text, /Old archived coupon/);
  assert.equal(rowIds((await finance.get('/finance/coupons?status=used&size=50')).text).length, 50);
  const archive = await finance.get('/finance/coupons/archive');
  assert.equal(archive.status, 200);
  assert.deepEqual(rowIds(archive.text), [await couponId('Old archived coupon')]);
  await ledgerClean();
});

test('details: available balance, attributes and the usage record with 8 decimals', async () => {
  const id = await couponId('PoC test coupon');
  const line = await stack.sql(`SELECT l.id, l.transaction_no, p.name FROM expenditure_lines l JOIN products p ON p.id = l.product_id
    WHERE l.partner_id = ${SUNRISE} ORDER BY l.id LIMIT 1`).then((r) => r[0]);
  await stack.sql(`INSERT INTO coupon_usage (coupon_id, bill_id, line_id, billing_cycle, amount) VALUES (${id}, 1, ${line[0]}, 202609, 1234567891)`);
  const r = await finance.get(`/finance/coupons/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /id="balance">300\.00</);
  assert.match(r.text, /id="face">300\.00</);
  assert.match(r.text, /Test coupon/);
  assert.match(r.text, /Pay-per-use/);
  assert.match(r.text, /Proof of concept/);
  assert.match(r.text, new RegExp(`2026-09</td><td>[^<]*</td><td>${line[2].replace(/[()]/g, '.')}</td><td>[^<]+</td><td class="amount">12\\.34567891</td><td>${line[1]}</td>`));
  const growth = await finance.get(`/finance/coupons/${await couponId('Partner growth coupon')}`);
  assert.match(growth.text, /Cannot be used on promotional products/);
  assert.match(growth.text, /id="no-usage"/);
});

test('permissions: account manager 403, another partner 404, anonymous sent to login', async () => {
  const id = await couponId('PoC test coupon');
  const am = await signedIn('csp.am1');
  for (const path of ['/finance/coupons', `/finance/coupons/${id}`, '/finance/coupons/archive', '/finance/coupon-management']) {
    assert.equal((await am.get(path)).status, 403, path);
  }
  const other = await signedIn('dist.admin');
  assert.equal((await other.get(`/finance/coupons/${id}`)).status, 404);
  assert.equal((await other.get('/finance/coupons/99999999')).status, 404);
  assert.doesNotMatch((await other.get('/finance/coupons')).text, /PoC test coupon/);
  const anon = await new Client(stack.base).get('/finance/coupons');
  assert.ok([302, 303].includes(anon.status));
});

test('the notification switch: Admin only, CSRF checked, audited', async () => {
  await finance.get('/finance/coupons?tab=test');
  assert.equal((await finance.post('/finance/coupons/notice', { notice: 'off' })).status, 403);
  await admin.get('/finance/coupons?tab=test');
  const noCsrf = await admin.post('/finance/coupons/notice', { notice: 'off', csrf: null });
  assert.notEqual(noCsrf.status, 303);
  assert.equal((await admin.post('/finance/coupons/notice', { notice: 'maybe' })).status, 400);
  assert.equal(await one(`SELECT test_coupon_notice FROM partners WHERE id = ${SUNRISE}`), '1');
  const r = await admin.post('/finance/coupons/notice', { notice: 'off' });
  assert.equal(r.status, 303);
  assert.equal(await one(`SELECT test_coupon_notice FROM partners WHERE id = ${SUNRISE}`), '0');
  assert.match((await admin.get('/finance/coupons?tab=test')).text, /id="notice-state">Off</);
  await admin.post('/finance/coupons/notice', { notice: 'on' });
  assert.equal(await one(`SELECT test_coupon_notice FROM partners WHERE id = ${SUNRISE}`), '1');
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action IN ('coupon_notice.off', 'coupon_notice.on')"), '2');
});

const grant = (fields = {}) => ({ customer_id: BLUE, name: 'Welcome coupon', face_value: '100', valid_from: localDay(0), valid_to: localDay(30), remarks: 'welcome', ...fields });
const quota = async () => (await stack.sql(`SELECT total, available FROM coupon_quotas WHERE partner_id = ${SUNRISE}`))[0];
const state = () => stack.sql(`SELECT (SELECT COUNT(*) FROM coupons WHERE issuer = 'partner'), (SELECT available FROM coupon_quotas WHERE partner_id = ${SUNRISE}),
  (SELECT COUNT(*) FROM journal_entries), (SELECT COUNT(*) FROM coupon_operation_logs WHERE result = 'success')`);

test('S1: issue 100 from the 500 quota → quota 400 and one ISSUE_COUPON log; bad input changes nothing', async () => {
  const page = await admin.get('/finance/coupon-management');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="quota-available">500\.00</);
  const before = await state();
  for (const [bad, message] of [
    [{ face_value: '0' }, /out of the allowed range/],
    [{ face_value: 'ten' }, /Enter an amount/],
    [{ customer_id: GREATWALL_CUSTOMER }, /not associated with the partner/],
    [{ customer_id: '' }, /This field is required/],
    [{ valid_from: localDay(5), valid_to: localDay(1) }, /cannot be before the first day/],
  ]) {
    const r = await admin.post('/finance/coupon-management/issue', grant(bad));
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.match(r.text, message);
  }
  assert.deepEqual(await state(), before);
  await finance.get('/finance/coupon-management');
  assert.equal((await finance.post('/finance/coupon-management/issue', grant())).status, 403, 'issuing needs the Admin role');
  assert.deepEqual(await state(), before);

  const r = await admin.post('/finance/coupon-management/issue', grant());
  assert.equal(r.status, 303);
  assert.deepEqual(await quota(), [USD(500), USD(400)]);
  const [[id, balance, status, customer]] = await stack.sql("SELECT id, balance, status, customer_id FROM coupons WHERE issuer = 'partner'");
  assert.deepEqual([balance, status, customer], [USD(100), 'available', BLUE]);
  assert.deepEqual(await stack.sql(`SELECT op_type, coupon_id, customer_id, amount, result FROM coupon_operation_logs WHERE op_type = 'issue_coupon'`),
    [['issue_coupon', id, BLUE, USD(100), 'success']]);
  assert.deepEqual(await stack.sql(`SELECT a.code, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key = 'coupon_grant:${id}' ORDER BY p.amount`),
  [[`coupon:${id}`, `-${USD(100)}`], [`p${SUNRISE}:coupon_quota`, USD(100)]]);
  const list = await admin.get('/finance/coupon-management');
  assert.match(list.text, /id="quota-available">400\.00</);
  assert.match(list.text, /Welcome coupon[\s\S]*?B\*\*\*\*l/);
  await ledgerClean();
});

test('S1: issuing more than the available quota is refused, logged as failed, nothing else changes', async () => {
  await admin.get('/finance/coupon-management');
  const before = await state();
  const r = await admin.post('/finance/coupon-management/issue', grant({ face_value: '400.01' }));
  assert.equal(r.status, 400);
  assert.match(r.text, /larger than the available coupon quota/);
  assert.deepEqual(await state(), before);
  assert.deepEqual(await stack.sql("SELECT op_type, amount, result, coupon_id IS NULL FROM coupon_operation_logs WHERE result = 'failed'"),
    [['issue_coupon', USD(400.01), 'failed', '1']]);
});

test('S1: reclaim → quota 500 and one RECLAIM_COUPON log; twice is refused; other partners 404', async () => {
  const id = await one("SELECT id FROM coupons WHERE issuer = 'partner'");
  await finance.get('/finance/coupon-management');
  assert.equal((await finance.post(`/finance/coupon-management/${id}/reclaim`, { confirm: '1' })).status, 403);
  const other = await signedIn('dist.admin');
  const page = await other.get('/finance/coupon-management');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="quota-available">0\.00</, 'a partner without quota');
  assert.doesNotMatch(page.text, /Welcome coupon/);
  assert.equal((await other.post(`/finance/coupon-management/${id}/reclaim`, { confirm: '1' })).status, 404);
  const vendorCoupon = await couponId('Partner growth coupon');
  await admin.get('/finance/coupon-management');
  assert.equal((await admin.post(`/finance/coupon-management/${vendorCoupon}/reclaim`, { confirm: '1' })).status, 404, 'a vendor coupon is not the partner\'s to reclaim');
  assert.deepEqual(await quota(), [USD(500), USD(400)]);
  const r = await admin.post(`/finance/coupon-management/${id}/reclaim`, { confirm: '1' });
  assert.equal(r.status, 303);
  assert.deepEqual(await quota(), [USD(500), USD(500)]);
  assert.deepEqual(await stack.sql(`SELECT status, balance FROM coupons WHERE id = ${id}`), [['reclaimed', '0']]);
  assert.deepEqual(await stack.sql("SELECT coupon_id, amount, result FROM coupon_operation_logs WHERE op_type = 'reclaim_coupon'"), [[id, USD(100), 'success']]);
  await admin.get('/finance/coupon-management');
  const twice = await admin.post(`/finance/coupon-management/${id}/reclaim`, { confirm: '1' });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /id="refused">The coupon is no longer available\.</, 'the list again with the reason, not a bare error page');
  const records = await admin.get('/finance/coupon-management?tab=records');
  assert.match(records.text, /data-op="reclaim_coupon"[\s\S]*?Reclaim coupon[\s\S]*?B\*\*\*\*l[\s\S]*?100\.00[\s\S]*?Succeeded/);
  assert.match(records.text, /data-op="issue_coupon"[\s\S]*?Failed/);
  const history = await admin.get('/finance/coupon-management?tab=quota');
  assert.match(history.text, /data-op="issue_quota"[\s\S]*?500\.00/);
  assert.doesNotMatch(history.text, /data-op="issue_coupon"/);
  assert.equal((await admin.get('/finance/coupon-management?tab=nope')).status, 400);
  await ledgerClean();
});

test('S1: the operation records export holds both rows with masked customer names', async () => {
  await finance.get('/finance/coupon-management?tab=records');
  assert.equal((await finance.post('/finance/coupon-management/export', { format: 'csv' })).status, 403);
  await admin.get('/finance/coupon-management?tab=records');
  const r = await admin.post('/finance/coupon-management/export', { format: 'csv' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/exports/?msg=export_created');
  const task = await one("SELECT id FROM export_tasks WHERE kind = 'coupon_logs'");
  assert.equal((await stack.worker('run', 'exports')).code, 0);
  assert.deepEqual(await stack.sql(`SELECT status, row_count FROM export_tasks WHERE id = ${task}`), [['completed', '4']]);
  const res = await fetch(`${stack.base}/exports/${task}/download`, { headers: { cookie: admin.cookieHeader() } });
  assert.equal(res.status, 200);
  const csv = await res.text();
  assert.match(csv, /Reclaim coupon,CP[0-9A-Z]{16},B\*\*\*\*l,b\*\*\*\*n,100\.00000000/);
  assert.match(csv, /Issue coupon,CP[0-9A-Z]{16},B\*\*\*\*l,b\*\*\*\*n,100\.00000000/);
  assert.match(csv, /Issue quota,,,,500\.00000000/);
  assert.doesNotMatch(csv, /Blue Ocean|blueocean/);
});

test('S1: two issues at once cannot overdraw the quota; two reclaims at once return it once', async () => {
  assert.deepEqual(await quota(), [USD(500), USD(500)]);
  await admin.get('/finance/coupon-management');
  const issued = await Promise.all([1, 2].map((i) => admin.post('/finance/coupon-management/issue', grant({ name: `Race ${i}`, face_value: '300' }))));
  assert.deepEqual(issued.map((r) => r.status).sort(), [303, 400]);
  assert.deepEqual(await quota(), [USD(500), USD(200)]);
  const id = await one("SELECT id FROM coupons WHERE name LIKE 'Race %' AND status = 'available'");
  await admin.get('/finance/coupon-management');
  const reclaimed = await Promise.all([1, 2].map(() => admin.post(`/finance/coupon-management/${id}/reclaim`, { confirm: '1' })));
  assert.deepEqual(reclaimed.map((r) => r.status).sort(), [303, 409]);
  assert.deepEqual(await quota(), [USD(500), USD(500)]);
  assert.equal(await one(`SELECT COUNT(*) FROM journal_entries WHERE idem_key = 'coupon_reclaim:${id}'`), '1');
  await ledgerClean();
});
