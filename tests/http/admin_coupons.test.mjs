// The vendor's side of cash coupons (ch09 §9.4.5.1.1, S1): /admin/coupons
// issues coupons to partners, revokes them and grants or reclaims a
// partner's coupon quota, each with its ledger entry; /admin/ledger shows the
// nightly checks.  Bad input changes nothing; partner members and customers
// cannot reach the operator's pages; `pcadm verify-ledger` passes after all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, operator, SUNRISE, GREATWALL, BLUE, OTHER_CUSTOMER;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  GREATWALL = await one("SELECT id FROM partners WHERE account_name = 'greatwall'");
  BLUE = await one(`SELECT id FROM customers WHERE account_name = 'blueocean'`);
  OTHER_CUSTOMER = await one(`SELECT MIN(id) FROM customers WHERE partner_id = ${GREATWALL}`);
  operator = await signedIn('operator');
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
  assert.match(r.stdout, /0 problems/);
}

// Everything a refused form must leave alone.
const snapshot = () => stack.sql(`SELECT (SELECT COUNT(*) FROM coupons), (SELECT COUNT(*) FROM journal_entries),
  (SELECT COALESCE(SUM(available), 0) FROM coupon_quotas), (SELECT COUNT(*) FROM coupon_operation_logs)`);

const good = () => ({
  partner_id: SUNRISE, name: 'Migration coupon', face_value: '250.50', kind: 'normal',
  valid_from: localDay(0), valid_to: localDay(90), customer_id: '', product_id: '', excluded_product_id: '',
  billing_mode: '', region: '', remarks: 'for the migration',
});

test('demo data: three vendor coupons and a quota of 500 for sunrise, issued through the ledger', async () => {
  assert.deepEqual(await stack.sql(`SELECT kind, customer_id IS NOT NULL, balance = face_value, status FROM coupons
    WHERE owner_partner_id = ${SUNRISE} AND issuer = 'vendor' ORDER BY id`),
  [['normal', '1', '1', 'available'], ['normal', '0', '1', 'available'], ['test', '0', '1', 'available']]);
  assert.deepEqual(await stack.sql(`SELECT total, available FROM coupon_quotas WHERE partner_id = ${SUNRISE}`), [[USD(500), USD(500)]]);
  assert.equal(await one("SELECT COUNT(*) FROM journal_entries WHERE idem_key LIKE 'coupon_issue:%'"), '3');
  // demo-data again changes nothing
  const before = await snapshot();
  assert.equal((await stack.pcadm(['demo-data'])).code, 0);
  assert.deepEqual(await snapshot(), before);
  await ledgerClean();
});

test('the operator issues a coupon: a CP code, the ledger entry and the balance in one go', async () => {
  const page = await operator.get('/admin/coupons');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="coupon-form"/);
  const r = await operator.post('/admin/coupons', { ...good(), customer_id: BLUE, no_promotion: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/coupons?msg=coupon_issued');
  const [[id, code, balance, customer, noPromo, validTo]] = await stack.sql(`SELECT id, code, balance, customer_id, no_promotion,
    DATE_FORMAT(valid_to + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s') FROM coupons WHERE name = 'Migration coupon'`);
  assert.match(code, /^CP[0-9A-Z]{16}$/);
  assert.equal(balance, USD(250.5));
  assert.equal(customer, BLUE);
  assert.equal(noPromo, '1');
  assert.equal(validTo, `${localDay(90)} 23:59:59`, 'valid to the last second of the last day in GMT+08:00');
  assert.deepEqual(await stack.sql(`SELECT e.kind, a.code, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key = 'coupon_issue:${id}' ORDER BY p.amount`),
  [['coupon_issue', `coupon:${id}`, `-${USD(250.5)}`], ['coupon_issue', 'vendor:coupons', USD(250.5)]]);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'coupon.issue' AND object_id = ${id}`), '1');
  const list = await operator.get('/admin/coupons');
  assert.match(list.text, new RegExp(`data-id="${id}"[\\s\\S]*?Migration coupon[\\s\\S]*?${code}[\\s\\S]*?250\\.50`));
  await ledgerClean();
});

test('bad input is refused with a message and changes nothing', async () => {
  await operator.get('/admin/coupons');
  const before = await snapshot();
  const cases = [
    [{ face_value: '0' }, /out of the allowed range/],
    [{ face_value: '-5' }, /out of the allowed range/],
    [{ face_value: '12.3.4' }, /Enter an amount/],
    [{ face_value: '1.123456789' }, /Enter an amount/],
    [{ valid_from: localDay(10), valid_to: localDay(5) }, /The last day cannot be before the first day/],
    [{ valid_to: '2026-02-30' }, /Enter a date/],
    [{ valid_from: localDay(-20), valid_to: localDay(-10) }, /would already be expired/],
    [{ partner_id: '999999' }, /Unknown partner/],
    [{ partner_id: 'x' }, /Invalid reference/],
    [{ customer_id: OTHER_CUSTOMER }, /not associated with the partner/],
    [{ kind: 'gift' }, /Choose one of the options/],
    [{ name: '' }, /This field is required/],
  ];
  for (const [change, message] of cases) {
    const r = await operator.post('/admin/coupons', { ...good(), ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    assert.match(r.text, message, JSON.stringify(change));
  }
  assert.deepEqual(await snapshot(), before);
});

test('a distributor\'s coupon limited to one reseller and one of its customers; the distributor sees the reseller', async () => {
  const HARBOR = await one("SELECT id FROM partners WHERE account_name = 'harbor'");
  const CAFE = await one("SELECT id FROM customers WHERE account_name = 'harborcafe'");
  await operator.get('/admin/coupons');
  const before = await snapshot();
  for (const [change, message] of [
    [{ reseller_id: HARBOR }, /not one of the distributor's resellers/], // sunrise has no resellers
    [{ partner_id: GREATWALL, reseller_id: SUNRISE }, /not one of the distributor's resellers/],
    [{ partner_id: GREATWALL, reseller_id: HARBOR, customer_id: BLUE }, /not associated with the partner/],
  ]) {
    const r = await operator.post('/admin/coupons', { ...good(), ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    assert.match(r.text.replace(/&#39;/g, "'"), message, JSON.stringify(change));
    assert.match(r.text, new RegExp(`value="${change.reseller_id}"`), 'what was typed is kept');
  }
  assert.deepEqual(await snapshot(), before);
  const r = await operator.post('/admin/coupons', { ...good(), partner_id: GREATWALL, name: 'Harbor coupon', reseller_id: HARBOR, customer_id: CAFE });
  assert.equal(r.status, 303);
  const [[id, reseller, customer]] = await stack.sql(`SELECT id, reseller_id, customer_id FROM coupons WHERE name = 'Harbor coupon'`);
  assert.deepEqual([reseller, customer], [HARBOR, CAFE]);
  // a coupon of the distributor for any customer of its resellers is accepted too
  assert.equal((await operator.post('/admin/coupons', { ...good(), partner_id: GREATWALL, name: 'Any reseller coupon', customer_id: CAFE })).status, 303);
  const dist = await signedIn('dist.admin');
  const list = await dist.get('/finance/coupons?show=name');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`data-id="${id}"[\\s\\S]*?<td class="reseller">Harbor IT Reseller<br>`));
  assert.match(list.text, /All resellers/);
  // searching the reseller's customer finds the coupons usable for it
  const found = await dist.get('/finance/coupons?q=harborcafe');
  assert.match(found.text, new RegExp(`data-id="${id}"`));
  const detail = await dist.get(`/finance/coupons/${id}?show=name`);
  assert.match(detail.text, /<dd class="reseller">Harbor IT Reseller \(harbor\)<\/dd>/);
  // a solution provider's list has no reseller column
  const csp = await signedIn('csp.admin');
  assert.doesNotMatch((await csp.get('/finance/coupons')).text, /class="reseller"/);
  await ledgerClean();
});

test('revoking writes the balance off once; a revoked coupon cannot be revoked again', async () => {
  const id = await one("SELECT id FROM coupons WHERE name = 'Migration coupon'");
  await operator.get('/admin/coupons');
  const r = await operator.post(`/admin/coupons/${id}/revoke`, { confirm: '1' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT status, balance FROM coupons WHERE id = ${id}`), [['invalid', '0']]);
  assert.deepEqual(await stack.sql(`SELECT e.kind, SUM(p.amount) FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key = 'coupon_revoke:${id}' AND a.code = 'coupon:${id}' GROUP BY e.kind`),
  [['coupon_reclaim', USD(250.5)]]);
  await operator.get('/admin/coupons');
  const again = await operator.post(`/admin/coupons/${id}/revoke`, { confirm: '1' });
  assert.equal(again.status, 409);
  assert.match(again.text, /no longer available/);
  assert.equal((await operator.post('/admin/coupons/999999/revoke', { confirm: '1' })).status, 404);
  assert.equal(await one(`SELECT COUNT(*) FROM journal_entries WHERE idem_key = 'coupon_revoke:${id}'`), '1');
  await ledgerClean();
});

test('quota: grant and reclaim with a log row each; reclaiming more than is available changes nothing', async () => {
  await operator.get('/admin/coupons');
  let r = await operator.post('/admin/coupons/quota', { quota_partner_id: SUNRISE, amount: '100', op: 'grant', quota_remarks: 'Q3' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT total, available FROM coupon_quotas WHERE partner_id = ${SUNRISE}`), [[USD(600), USD(600)]]);
  await operator.get('/admin/coupons');
  const before = await snapshot();
  r = await operator.post('/admin/coupons/quota', { quota_partner_id: SUNRISE, amount: '600.01', op: 'reclaim' });
  assert.equal(r.status, 400);
  assert.match(r.text, /larger than the available coupon quota/);
  for (const bad of [{ amount: '0' }, { amount: 'abc' }, { quota_partner_id: '999999' }, { op: 'steal' }]) {
    const x = await operator.post('/admin/coupons/quota', { quota_partner_id: SUNRISE, amount: '5', op: 'grant', ...bad });
    assert.equal(x.status, 400, JSON.stringify(bad));
  }
  assert.deepEqual(await snapshot(), before);
  r = await operator.post('/admin/coupons/quota', { quota_partner_id: SUNRISE, amount: '50', op: 'reclaim' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT total, available FROM coupon_quotas WHERE partner_id = ${SUNRISE}`), [[USD(550), USD(550)]]);
  assert.deepEqual(await stack.sql(`SELECT op_type, amount, result, remarks FROM coupon_operation_logs WHERE partner_id = ${SUNRISE} ORDER BY id`),
    [['issue_quota', USD(500), 'success', 'demo quota'], ['issue_quota', USD(100), 'success', 'Q3'], ['reclaim_quota', USD(50), 'success', '']]);
  assert.equal(await one(`SELECT COUNT(*) FROM journal_entries WHERE kind IN ('quota_grant', 'quota_reclaim') AND partner_id = ${SUNRISE}`), '3');
  await ledgerClean();
});

test('hostile names and remarks are escaped on the operator\'s and the partner\'s pages', async () => {
  await operator.get('/admin/coupons');
  const hostile = '</title><script>alert(1)</script>';
  const r = await operator.post('/admin/coupons', { ...good(), name: hostile, remarks: `<img src=x onerror=alert(2)>` });
  assert.equal(r.status, 303);
  const partner = await signedIn('csp.finance1');
  const id = await one("SELECT MAX(id) FROM coupons");
  for (const [c, path] of [[operator, '/admin/coupons'], [partner, '/finance/coupons'], [partner, `/finance/coupons/${id}`]]) {
    const page = await c.get(path);
    assert.equal(page.status, 200, path);
    assert.doesNotMatch(page.text, /<script>alert\(1\)|<img src=x/, path);
    assert.match(page.text, /&lt;\/title&gt;&lt;script&gt;alert\(1\)/, path);
  }
  await ledgerClean();
});

test('partner members and customers cannot reach the operator pages', async () => {
  for (const user of ['csp.admin', 'csp.finance1', 'customer1']) {
    const c = await signedIn(user);
    for (const path of ['/admin/coupons', '/admin/ledger']) {
      const r = await c.get(path);
      assert.ok([403, 404].includes(r.status), `${user} ${path} → ${r.status}`);
    }
    await c.get('/home');
    const before = await snapshot();
    const r = await c.post('/admin/coupons', good());
    assert.ok([403, 404].includes(r.status), `${user} POST → ${r.status}`);
    const q = await c.post('/admin/coupons/quota', { quota_partner_id: SUNRISE, amount: '1000', op: 'grant' });
    assert.ok([403, 404].includes(q.status));
    assert.deepEqual(await snapshot(), before);
  }
  const anon = new Client(stack.base);
  const r = await anon.get('/admin/coupons');
  assert.ok([302, 303, 401, 403].includes(r.status), `anonymous → ${r.status}`);
});

test('/admin/ledger lists the checks of the ledger job, problems highlighted', async () => {
  assert.match((await operator.get('/admin/ledger')).text, /id="no-checks"/);
  assert.equal((await stack.worker('run', 'ledger')).code, 0);
  const id = await one("SELECT id FROM coupons WHERE name = 'PoC test coupon'");
  await stack.sql(`UPDATE coupons SET balance = balance - 100 WHERE id = ${id}`);
  assert.equal((await stack.worker('run', 'ledger')).code, 0);
  await stack.sql(`UPDATE coupons SET balance = balance + 100 WHERE id = ${id}`);
  const page = await operator.get('/admin/ledger');
  assert.equal(page.status, 200);
  assert.match(page.text, /<tr data-id="\d+" class="problem">[\s\S]*?<strong class="error">1<\/strong>[\s\S]*?coupon \d+ \(CP/);
  assert.match(page.text, /No problem found\./);
  await ledgerClean();
});
