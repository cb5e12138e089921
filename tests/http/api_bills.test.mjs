// The partner API's coupons, balances and bills (partner-api.md §5.6-§5.8), signed with the
// tests' own SDK-like client: the partner's balances, consumption quota and monthly bill
// (finance.view, as the Funds and Bills pages), its coupons and a customer's, and a
// customer's own monthly sums, fee records and cost analysis with its own key.  Expected
// figures are computed here from the database rows (BigInt, exact), never copied from the
// server's SQL; JSON numbers are checked as the exact decimal text the server wrote.
// Who must not: an account manager's key (no finance.view), a customer's key on partner
// operations, a partner's key on customer operations; bad inputs answer 400 CBC.0100 naming
// the field and change nothing.  The keys are made on their pages (/org/api-keys by the partner
// admin for its members, /console/api-keys by the customer) besides the demo keys.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { grantCoupon, runBills, seedLine } from '../lib/bill_seed.mjs';
import { cycleText, localDay, monthsBack } from '../lib/dates.mjs';
import { ApiClient, DEMO_KEYS, dec as decimal } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

const USD = 100000000n;
let stack, csp, dist, am, finance, cust, referral, admin;
let P1, P2, BLUE, OTHER, PRODUCT, PRODUCT2;

const one = async (q) => (await stack.sql(q))[0]?.[0];

/** ×10^8 → the exact decimal text (trailing zeros dropped), as the contract's amounts. */
function dec(v) {
  v = BigInt(v);
  const neg = v < 0n, a = neg ? -v : v;
  let frac = (a % USD).toString().padStart(8, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / USD}${frac ? `.${frac}` : ''}`;
}
const num = (v) => Number(dec(v));

const signedIn = (username) => signIn(stack.base, username);

/** A key made on its page (/org/api-keys by the partner admin for a member, /console/api-keys by a
 * customer): the secret is read from the one answer that shows it. */
async function pageKey(client, base, fields) {
  await client.get(base);
  const made = await client.post(`${base}/new`, { description: 'bills', ...fields });
  assert.equal(made.status, 200, made.text);
  const shown = (id) => new RegExp(`id="${id}">([^<]+)<`).exec(made.text)[1];
  return new ApiClient(stack.base, { ak: shown('new-ak'), sk: shown('new-sk') });
}
/** The SK sealed as lib/apikey does (AES-256-GCM under the stack's key file, the AK as AAD). */
function seal(ak, sk) {
  const key = Buffer.from(readFileSync(join(stack.varDir, 'api.key'), 'utf8').trim(), 'hex');
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(ak));
  const ct = Buffer.concat([c.update(sk, 'utf8'), c.final()]);
  return nonce.toString('hex') + ct.toString('hex') + c.getAuthTag().toString('hex');
}

/** A key stored as the demo keys are, for a user whose console does not open (below). */
async function sealedKey(username, ak) {
  const sk = `test-sk-${ak.toLowerCase()}`;
  await stack.sql(`INSERT INTO api_keys (user_id, access_key, secret_enc, description, created_at)
    SELECT id, '${ak}', '${seal(ak, sk)}', 'test', UTC_TIMESTAMP() FROM users WHERE username = '${username}'`);
  return new ApiClient(stack.base, { ak, sk });
}
const uid = (username) => one(`SELECT id FROM users WHERE username = '${username}'`);

let seq = 0;
/** One expenditure line as rating writes it (an order line carries cash and coupons). */
async function line(v) {
  const l = { partner: P1, customer: BLUE, cycle: monthsBack(1), product: PRODUCT, mode: 'pay_per_use',
    bill: 'expenditure', region: 'ap-southeast-1', day: 12, hour: 3, list: 0n, discount: 0n, cash: 0n,
    coupons: 0n, settle: 0n, item: 'usage', qty: '2.5', resource: `res-${++seq}`, ...v };
  l.due = l.due ?? l.list - l.discount;
  l.key = l.key || `u:apibills-${seq}`;
  l.txn = l.txn || `TXN-APIBILLS-${seq}`;
  const at = `${cycleText(l.cycle)}-${String(l.day).padStart(2, '0')} ${String(l.hour).padStart(2, '0')}:00:00`;
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type,
    billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at, transaction_no,
    region, resource_key, resource_name, billing_item, usage_qty, pricing_qty, pricing_unit, list_amount,
    discount, amount_due, cash_payment, coupons_used, monthly_settlement, payment_status, created_at)
    VALUES ('${l.key}', ${l.customer}, ${l.partner}, 'reseller', ${l.cycle}, ${l.product}, '${l.mode}',
    '${l.bill}', '${at}' - INTERVAL 1 HOUR, '${at}', '${at}', '${l.txn}', '${l.region}', '${l.resource}',
    'name ${l.resource}', '${l.item}', ${l.qty}, ${l.qty}, 'hour', ${l.list}, ${l.discount}, ${l.due},
    ${l.cash}, ${l.coupons}, ${l.settle}, 'paid', UTC_TIMESTAMP())`);
  l.id = await one(`SELECT id FROM expenditure_lines WHERE source_key = '${l.key}'`);
  return l;
}

/** Every 400 of this file: CBC.0100 naming the field. */
function badParam(r, field) {
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error_code, 'CBC.0100', r.text);
  assert.ok(r.json.error_msg.includes(field), `${r.json.error_msg} names ${field}`);
}
function denied(r) {
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error_code, 'CBC.0151', r.text);
}

before(async () => {
  stack = await startStack();
  P1 = Number(await one("SELECT id FROM partners WHERE account_name = 'sunrise'"));
  P2 = Number(await one("SELECT partner_id FROM users WHERE username = 'dist.admin'"));
  BLUE = Number(await one("SELECT customer_id FROM users WHERE username = 'customer1'"));
  OTHER = Number(await one(`SELECT MIN(id) FROM customers WHERE partner_id = ${P1} AND id <> ${BLUE}`));
  PRODUCT = Number(await one("SELECT id FROM products WHERE code = 'elastic_cloud_server'"));
  PRODUCT2 = Number(await one("SELECT id FROM products WHERE code = 'object_storage_service'"));
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  dist = new ApiClient(stack.base, DEMO_KEYS.dist);
  admin = await signedIn('csp.admin');
  am = await pageKey(admin, '/org/api-keys', { owner: await uid('csp.am1') });
  finance = await pageKey(admin, '/org/api-keys', { owner: await uid('csp.finance1') });
  // the customer makes its own key in its console
  cust = await pageKey(await signedIn('customer1'), '/console/api-keys', {});
  // a customer in the referral model with a user of its own: the console refuses it (403), so its
  // key is stored directly, sealed as lib/apikey seals
  const ref = await one("SELECT MIN(id) FROM customers WHERE association_type = 'referral'");
  await stack.sql(`INSERT INTO users (kind, customer_id, username, name, email, password_hash)
    VALUES ('customer', ${ref}, 'referral.cust', 'Referral Customer', 'referral@example.com', 'x')`);
  referral = await sealedKey('referral.cust', 'PCTESTREFERRAL000001');
});
after(async () => { await stack?.stop(); });

// ---- show_customer_account_balances ----

test('show_customer_account_balances: the partner\'s top-up and credit accounts, debt from overdue bills', async () => {
  const r0 = await stack.pcadm(['top-up', String(P1), '250.75', 'APIBILLS-REF-1']);
  assert.equal(r0.code, 0, r0.stdout + r0.stderr);
  await stack.sql(`INSERT INTO credit_quotas (partner_id, quota, updated_at) VALUES (${P1}, ${1500n * USD}, UTC_TIMESTAMP())
    ON DUPLICATE KEY UPDATE quota = VALUES(quota);
    UPDATE partner_bills SET status = 'overdue' WHERE partner_id = ${P1} ORDER BY billing_cycle LIMIT 1`);
  const [[topId, topBal]] = await stack.sql(`SELECT id, balance FROM ledger_accounts WHERE code = 'p${P1}:top_up'`);
  const r = await csp.get('/v2/accounts/customer-accounts/balances');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers['content-type'], 'application/json');
  const [[creditId, used]] = await stack.sql(`SELECT id, balance FROM ledger_accounts WHERE code = 'p${P1}:credit'`);
  const debt = await one(`SELECT SUM(amount_due - amount_paid) FROM partner_bills WHERE partner_id = ${P1} AND status = 'overdue'`);
  assert.equal(-BigInt(topBal), 25075000000n, 'the top-up is on the account');
  assert.deepEqual(r.json, {
    account_balances: [
      { account_id: topId, account_type: 1, amount: num(-BigInt(topBal)), currency: 'USD', designated_amount: 0, measure_id: 1 },
      { account_id: creditId, account_type: 2, amount: num(1500n * USD - BigInt(used)), currency: 'USD',
        designated_amount: 0, measure_id: 1, credit_amount: 1500 },
    ],
    debt_amount: num(debt), measure_id: 1, currency: 'USD',
  });
  assert.ok(BigInt(debt) > 0n);
  assert.match(r.text, /"amount":250\.75[,}]/, 'an exact JSON number');
  // finance.view is what the Funds page needs: the finance specialist has it, an account manager not
  assert.equal((await finance.get('/v2/accounts/customer-accounts/balances')).status, 200);
  denied(await am.get('/v2/accounts/customer-accounts/balances'));
});

test('show_customer_account_balances: a resale customer has no balance (CBC.99000049), a referral one is not supported here', async () => {
  const r = await cust.get('/v2/accounts/customer-accounts/balances');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error_code, 'CBC.99000049');
  denied(await referral.get('/v2/accounts/customer-accounts/balances'));
});

// ---- show_partner_consumption_quota ----

test('show_partner_consumption_quota: quota, balance, coupons, due, unbilled and used, all strings', async () => {
  await stack.sql(`INSERT INTO credit_quotas (partner_id, quota, updated_at) VALUES (${P1}, ${2000n * USD}, UTC_TIMESTAMP())
    ON DUPLICATE KEY UPDATE quota = VALUES(quota)`);
  const r = await csp.get('/v2/partners/credit/consumption-quota');
  assert.equal(r.status, 200, r.text);
  const top = -BigInt(await one(`SELECT balance FROM ledger_accounts WHERE code = 'p${P1}:top_up'`));
  const coupons = (await stack.sql(`SELECT balance FROM coupons WHERE owner_partner_id = ${P1} AND issuer = 'vendor'
    AND status = 'available' AND valid_to >= UTC_TIMESTAMP()`)).reduce((s, [b]) => s + BigInt(b), 0n);
  const due = (await stack.sql(`SELECT amount_due, amount_paid FROM partner_bills WHERE partner_id = ${P1}`))
    .reduce((s, [d, p]) => s + BigInt(d) - BigInt(p), 0n);
  const billed = new Set((await stack.sql(`SELECT billing_cycle FROM partner_bills WHERE partner_id = ${P1}`)).map(([c]) => c));
  const unbilled = (await stack.sql(`SELECT billing_cycle, amount FROM bill_estimates WHERE partner_id = ${P1}`))
    .filter(([c]) => !billed.has(c)).reduce((s, [, a]) => s + BigInt(a), 0n);
  assert.ok(coupons > 0n && due > 0n && unbilled > 0n && top > 0n, 'the demo has each figure');
  assert.deepEqual(r.json, {
    consumption_quota: '2000', amount: dec(top), coupon_amount: dec(coupons), due_amount: dec(due),
    unbilled_amount: dec(unbilled), used_consumption_quota: dec(due + unbilled - top - coupons),
    measure_id: 1, currency: 'USD',
  });
  denied(await am.get('/v2/partners/credit/consumption-quota'));
  denied(await cust.get('/v2/partners/credit/consumption-quota'));
});

// ---- list_postpaid_bill_sum ----

test('list_postpaid_bill_sum: the partner\'s own bill of the month; a month without a bill has no amounts', async () => {
  const cycle = Number(await one(`SELECT MAX(billing_cycle) FROM partner_bills WHERE partner_id = ${P1}`));
  const [[id, tax, due]] = await stack.sql(`SELECT id, tax, amount_due
    FROM partner_bills WHERE partner_id = ${P1} AND billing_cycle = ${cycle}`);
  // consumption and refunds: their lines' amounts due (coupons deducted, tax included); adjustments the rest
  const [[exp, ref]] = await stack.sql(`SELECT SUM(IF(bill_type = 'expenditure', amount_due, 0)),
    SUM(IF(bill_type = 'refund', amount_due, 0)) FROM bill_lines WHERE bill_id = ${id}`);
  const adj = BigInt(due) - BigInt(exp) - BigInt(ref);
  const r = await csp.get('/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: cycleText(cycle) });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {
    bill_cycle: cycleText(cycle), initial_amount_due: num(due), consume_amount: num(exp), refunds: num(ref),
    adjustments: num(adj), tax_amount: num(tax), currency: 'USD',
  });
  assert.ok(r.text.includes(`"tax_amount":${dec(tax)}`), 'tax with its 8 decimals, exact');
  // the distributor's key reads its own bill of that month
  const [[due2]] = await stack.sql(`SELECT amount_due FROM partner_bills WHERE partner_id = ${P2} AND billing_cycle = ${cycle}`);
  const d = await dist.get('/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: cycleText(cycle) });
  assert.equal(d.json.initial_amount_due, num(due2));
  assert.notEqual(d.json.initial_amount_due, r.json.initial_amount_due);
  const none = await csp.get('/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: '2020-01' });
  assert.deepEqual(none.json, { bill_cycle: '2020-01', currency: 'USD' });
  for (const bad of [{}, { bill_cycle: '2026-13' }, { bill_cycle: '202610' }, { bill_cycle: '2026-1' }])
    badParam(await csp.get('/v2/bills/partner-bills/postpaid-bill-summary', bad), 'bill_cycle');
  denied(await am.get('/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: cycleText(cycle) }));
  denied(await cust.get('/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: cycleText(cycle) }));
});

// ---- list_sub_customer_coupons ----

const couponKeys = ['coupon_id', 'coupon_code', 'status', 'coupon_type', 'measure_id', 'face_value', 'valid_time',
  'expire_time', 'plan_name', 'media_type', 'fetch_method', 'use_limits', 'active_time', 'create_time',
  'coupon_version', 'balance', 'is_frozen', 'currency'];

test('list_sub_customer_coupons: the partner\'s vendor coupons with their types, paging and filters', async () => {
  const rows = await stack.sql(`SELECT id, code, face_value, balance, valid_from, valid_to, name, created_at,
    COALESCE(customer_id, '') FROM coupons WHERE owner_partner_id = ${P1} AND issuer = 'vendor' ORDER BY id DESC`);
  assert.ok(rows.length >= 3);
  const r = await csp.get('/v2/promotions/benefits/coupons');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.count, rows.length);
  assert.equal(r.json.user_coupons.length, rows.length);
  const iso = (t) => `${t.replace(' ', 'T')}Z`;
  rows.forEach(([id, code, face, balance, from, to, name, created, customer], i) => {
    const c = r.json.user_coupons[i];
    for (const k of couponKeys) assert.ok(k in c, `${k} in ${JSON.stringify(c)}`);
    assert.equal(c.coupon_id, id);
    assert.equal(c.coupon_code, code);
    assert.equal(c.status, 2);
    assert.equal(c.coupon_type, 1);
    assert.equal(c.face_value, num(face));
    assert.equal(c.balance, num(balance));
    assert.equal(c.valid_time, iso(from));
    assert.equal(c.expire_time, iso(to));
    assert.equal(c.create_time, iso(created));
    assert.equal(c.plan_name, name);
    assert.equal(c.is_frozen, '0');
    assert.equal(c.coupon_version, 2);
    assert.equal(c.customer_id, customer || undefined);
    assert.equal(c.source_id, undefined, 'the vendor issued it');
    if (customer) assert.deepEqual(c.use_limits.find((u) => u.limit_key === 'customer').value1, customer);
  });
  // paging: offset counts records, count stays the total
  const p = await csp.get('/v2/promotions/benefits/coupons', { offset: 1, limit: 1 });
  assert.equal(p.json.count, rows.length);
  assert.deepEqual(p.json.user_coupons.map((c) => c.coupon_id), [rows[1][0]]);
  // filters
  const byId = await csp.get('/v2/promotions/benefits/coupons', { coupon_id: rows[2][0] });
  assert.deepEqual([byId.json.count, byId.json.user_coupons[0].coupon_code], [1, rows[2][1]]);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { status: 3 })).json.count, 0);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { status: '' })).json.count, rows.length, 'empty: no filter');
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { coupon_type: 2 })).json.count, 0);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { order_id: 'CS00000199' })).json.count, 0);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { active_start_time: '2000-01-01T00:00:00Z' })).json.count, rows.length);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { active_end_time: '2000-01-01T00:00:00Z' })).json.count, 0);
  // another partner has none of them, not even by id
  assert.deepEqual((await dist.get('/v2/promotions/benefits/coupons')).json, { user_coupons: [], count: 0 });
  assert.equal((await dist.get('/v2/promotions/benefits/coupons', { coupon_id: rows[0][0] })).json.count, 0);
  // closed coupons: revoked (5), expired (4), and gone once their validity ended over 12 months ago
  const statusOf = async (id) => (await csp.get('/v2/promotions/benefits/coupons', { coupon_id: id })).json.user_coupons[0]?.status;
  await stack.sql(`UPDATE coupons SET status = 'invalid' WHERE id = ${rows[0][0]}`);
  assert.equal(await statusOf(rows[0][0]), 5);
  await stack.sql(`UPDATE coupons SET valid_to = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = ${rows[0][0]}`);
  assert.equal(await statusOf(rows[0][0]), 4);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons', { status: 4 })).json.count, 1);
  await stack.sql(`UPDATE coupons SET valid_to = UTC_TIMESTAMP() - INTERVAL 13 MONTH WHERE id = ${rows[0][0]}`);
  assert.equal(await statusOf(rows[0][0]), undefined);
  assert.equal((await csp.get('/v2/promotions/benefits/coupons')).json.count, rows.length - 1);
  await stack.sql(`UPDATE coupons SET status = 'available', valid_to = '${rows[0][5]}' WHERE id = ${rows[0][0]}`);
  for (const [q, field] of [[{ status: 6 }, 'status'], [{ status: 'x' }, 'status'], [{ coupon_type: 0 }, 'coupon_type'],
    [{ limit: 0 }, 'limit'], [{ limit: 101 }, 'limit'], [{ offset: -1 }, 'offset'],
    [{ active_start_time: '2026-01-01' }, 'active_start_time']])
    badParam(await csp.get('/v2/promotions/benefits/coupons', q), field);
  denied(await am.get('/v2/promotions/benefits/coupons'));
});

test('list_sub_customer_coupons: a customer sees the coupons its partner issued to it, nothing else', async () => {
  await admin.get('/finance/coupon-management');
  const issued = await admin.post('/finance/coupon-management/issue', { customer_id: BLUE, name: 'API coupon',
    face_value: '12.34', valid_from: localDay(0), valid_to: localDay(30), remarks: 'for the API test' });
  assert.equal(issued.status, 303, issued.text);
  const [[id, code]] = await stack.sql("SELECT id, code FROM coupons WHERE issuer = 'partner' AND name = 'API coupon'");
  const r = await cust.get('/v2/promotions/benefits/coupons');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.count, 1);
  const [c] = r.json.user_coupons;
  assert.equal(c.coupon_id, id);
  assert.equal(c.coupon_code, code);
  assert.equal(c.customer_id, String(BLUE));
  assert.equal(c.source_id, String(P1), 'issued by its partner');
  assert.equal(c.face_value, 12.34);
  assert.equal(c.balance, 12.34);
  assert.equal(c.plan_desc, 'for the API test');
  assert.ok([1, 2].includes(c.status));
  assert.match(r.text, /"face_value":12\.34[,}]/);
  assert.equal((await cust.get('/v2/promotions/benefits/coupons', { source_id: P1 })).json.count, 1);
  assert.equal((await cust.get('/v2/promotions/benefits/coupons', { source_id: P2 })).json.count, 0);
  // the partner's own list stays the vendor's coupons; another customer sees none
  assert.ok(!(await csp.get('/v2/promotions/benefits/coupons')).json.user_coupons.some((k) => k.coupon_id === id));
  assert.equal((await referral.get('/v2/promotions/benefits/coupons')).json.count, 0);
});

// ---- customer bills: monthly sum, fee records, costs ----

let seeded;
async function seedCustomerLines() {
  if (seeded) return seeded;
  const cycle = monthsBack(1);
  seeded = {
    cycle,
    usage: await line({ list: 1234567891n, discount: 34567891n, settle: 1200000000n, due: 1200000000n, day: 3 }),
    usage2: await line({ product: PRODUCT2, list: 50000000n, settle: 50000000n, due: 50000000n, day: 4, region: 'eu-west-101', item: 'storage', qty: '12.3456789' }),
    order: await line({ key: 'o:CS00000199', txn: 'CS00000199', mode: 'yearly_monthly', item: 'instance_hours', list: 10000000000n, discount: 2000000000n,
      cash: 7000000000n, coupons: 1000000000n, day: 5 }),
    refund: await line({ key: 'r:CS00000199', txn: 'CS00000199', mode: 'yearly_monthly', bill: 'refund', list: -3000000000n,
      discount: -500000000n, cash: -2500000000n, day: 20 }),
    adjustment: await line({ key: 'a:apibills-1', bill: 'adjustment', list: -150000000n, settle: -150000000n, due: -150000000n, day: 21 }),
    // another customer's line of the same month: never in customer1's answers
    other: await line({ customer: OTHER, list: 99900000000n, settle: 99900000000n, due: 99900000000n, day: 6 }),
  };
  return seeded;
}

/** The customer's lines of a cycle, raw, from the database. */
async function linesOf(customer, cycle) {
  return (await stack.sql(`SELECT l.id, p.id, p.code, p.name, l.billing_mode, l.bill_type, l.list_amount, l.discount,
    l.amount_due, l.cash_payment, l.coupons_used, l.monthly_settlement, l.transaction_at, l.region, l.resource_key,
    l.source_key FROM expenditure_lines l JOIN products p ON p.id = l.product_id
    WHERE l.customer_id = ${customer} AND l.billing_cycle = ${cycle}`)).map((r) => ({
    id: r[0], pid: Number(r[1]), code: r[2], name: r[3], mode: r[4], type: r[5], list: BigInt(r[6]),
    discount: BigInt(r[7]), due: BigInt(r[8]), cash: BigInt(r[9]), coupons: BigInt(r[10]), settle: BigInt(r[11]),
    at: r[12], region: r[13], resource: r[14], source: r[15],
  }));
}
const MODES = ['yearly_monthly', 'pay_per_use', 'reserved_instance', 'savings_plan'];
const MODE_CODE = { yearly_monthly: 1, pay_per_use: 3, reserved_instance: 10, savings_plan: 11 };
const TYPES = ['expenditure', 'refund', 'adjustment'];

test('show_customer_monthly_sum: the customer\'s month per service × charging mode × bill type, with totals', async () => {
  const s = await seedCustomerLines();
  const lines = await linesOf(BLUE, s.cycle);
  const groups = new Map();
  for (const l of lines) {
    const k = `${l.pid}|${MODES.indexOf(l.mode)}|${TYPES.indexOf(l.type)}`;
    const g = groups.get(k) || { l, list: 0n, discount: 0n, due: 0n, coupons: 0n, cash: 0n, settle: 0n };
    for (const f of ['list', 'discount', 'due', 'coupons', 'cash', 'settle']) g[f] += l[f];
    groups.set(k, g);
  }
  const order = [...groups.keys()].sort((a, b) => {
    const x = a.split('|').map(Number), y = b.split('|').map(Number);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  const account = await one(`SELECT account_name FROM customers WHERE id = ${BLUE}`);
  const expected = order.map((k) => {
    const g = groups.get(k);
    return { bill_cycle: cycleText(s.cycle), service_type_code: g.l.code, service_type_name: g.l.name,
      charging_mode: MODE_CODE[g.l.mode], official_amount: num(g.list), official_discount_amount: num(g.discount),
      truncated_amount: 0, consume_amount: num(g.due), coupon_amount: num(g.coupons), flexipurchase_coupon_amount: 0,
      stored_value_card_amount: 0, debt_amount: 0, writeoff_amount: 0, cash_amount: num(g.cash), credit_amount: num(g.settle),
      measure_id: 1, bill_type: TYPES.indexOf(g.l.type) + 1, customer_id: String(BLUE), account_name: account };
  });
  assert.ok(expected.length >= 5, 'several groups');
  const total = (f) => num(lines.reduce((t, l) => t + l[f], 0n));
  const r = await cust.get('/v2/bills/customer-bills/monthly-sum', { bill_cycle: cycleText(s.cycle), limit: 100 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {
    total_count: expected.length, bill_sums: expected, consume_amount: total('due'), debt_amount: 0,
    coupon_amount: total('coupons'), flexipurchase_coupon_amount: 0, stored_value_card_amount: 0, cash_amount: total('cash'),
    credit_amount: total('settle'), writeoff_amount: 0, measure_id: 1, currency: 'USD',
  });
  assert.ok(r.text.includes(`"official_amount":${dec(s.usage.list)}`), 'an 8-decimal amount, exact');
  // paging, the service filter, the enterprise project and method rules
  const page = await cust.get('/v2/bills/customer-bills/monthly-sum', { bill_cycle: cycleText(s.cycle), offset: 1, limit: 2 });
  assert.deepEqual([page.json.total_count, page.json.bill_sums], [expected.length, expected.slice(1, 3)]);
  assert.equal(page.json.consume_amount, total('due'), 'totals cover every page');
  const obs = await cust.get('/v2/bills/customer-bills/monthly-sum', { bill_cycle: cycleText(s.cycle), service_type_code: 'object_storage_service' });
  assert.deepEqual(obs.json.bill_sums, expected.filter((e) => e.service_type_code === 'object_storage_service'));
  const q = { bill_cycle: cycleText(s.cycle) };
  assert.equal((await cust.get('/v2/bills/customer-bills/monthly-sum', { ...q, enterprise_project_id: '-1' })).json.total_count, expected.length);
  assert.equal((await cust.get('/v2/bills/customer-bills/monthly-sum', { ...q, enterprise_project_id: '0' })).json.total_count, 0);
  assert.equal((await cust.get('/v2/bills/customer-bills/monthly-sum', { ...q, method: 'sub_customer', sub_customer_id: '42' })).json.total_count, 0);
  assert.equal((await cust.get('/v2/bills/customer-bills/monthly-sum', { ...q, method: 'oneself' })).json.total_count, expected.length);
  for (const [bad, field] of [[{}, 'bill_cycle'], [{ bill_cycle: '2026/10' }, 'bill_cycle'],
    [{ ...q, enterprise_project_id: '' }, 'enterprise_project_id'], [{ ...q, method: 'everyone' }, 'method'],
    [{ ...q, method: 'sub_customer' }, 'sub_customer_id'], [{ ...q, limit: 1001 }, 'limit']])
    badParam(await cust.get('/v2/bills/customer-bills/monthly-sum', bad), field);
  denied(await csp.get('/v2/bills/customer-bills/monthly-sum', q));
  denied(await am.get('/v2/bills/customer-bills/monthly-sum', q));
});

test('list_customerself_resource_records: one fee record per line, newest first, with the contract\'s filters', async () => {
  const s = await seedCustomerLines();
  const lines = (await linesOf(BLUE, s.cycle)).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : Number(b.id) - Number(a.id)));
  const q = { cycle: cycleText(s.cycle) };
  const r = await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, limit: 1000 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total_count, lines.length);
  assert.equal(r.json.currency, 'USD');
  assert.deepEqual(r.json.fee_records.map((f) => f.id), lines.map((l) => l.id));
  const order = r.json.fee_records.find((f) => f.id === s.order.id);
  assert.deepEqual(order, {
    bill_date: `${cycleText(s.cycle)}-05`, bill_type: 1, customer_id: String(BLUE), region: 'ap-southeast-1',
    region_name: await one("SELECT name FROM regions WHERE code = 'ap-southeast-1'"), cloud_service_type: 'elastic_cloud_server',
    resource_type: 'cloudserver', cloud_service_type_name: 'Elastic Cloud Server', resource_id: s.order.resource,
    resource_name: `name ${s.order.resource}`, trade_id: 'CS00000199', id: s.order.id,
    trade_time: `${cycleText(s.cycle)}-05T03:00:00Z`, charge_mode: '1', order_id: 'CS00000199', usage_type: 'instance_hours',
    usage: 2.5, unit: 'hour', official_amount: 100, discount_amount: 20, amount: 80, cash_amount: 70, credit_amount: 0,
    coupon_amount: 10, flexipurchase_coupon_amount: 0, stored_card_amount: 0, bonus_amount: 0, debt_amount: 0,
    adjustment_amount: 0, measure_id: 1, consume_time: `${cycleText(s.cycle)}-05T03:00:00Z`,
    account_name: await one(`SELECT account_name FROM customers WHERE id = ${BLUE}`),
  });
  for (const f of r.json.fee_records) {
    const l = lines.find((x) => x.id === f.id);
    assert.equal(f.amount, num(l.due));
    assert.equal(f.amount, num(l.cash + l.coupons + l.settle), 'amount = cash + credit + coupons');
  }
  const usage = r.json.fee_records.find((f) => f.id === s.usage2.id);
  assert.equal(usage.bill_type, 5);
  assert.equal(usage.charge_mode, '3');
  assert.equal(usage.effective_time, `${cycleText(s.cycle)}-04T02:00:00Z`);
  assert.equal(usage.expire_time, `${cycleText(s.cycle)}-04T03:00:00Z`);
  assert.equal(usage.order_id, undefined, 'pay-per-use has no order');
  assert.match(r.text, /"usage":12\.3456789[,}]/, 'usage exact from its DECIMAL');
  assert.equal(r.json.fee_records.find((f) => f.id === s.refund.id).bill_type, 4);
  assert.equal(r.json.fee_records.find((f) => f.id === s.adjustment.id).bill_type, 9, 'a negative adjustment: compensation');
  assert.ok(!r.json.fee_records.some((f) => f.id === s.other.id), 'another customer\'s line');
  // filters
  const ids = async (extra) => (await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, limit: 1000, ...extra })).json.fee_records.map((f) => f.id);
  assert.deepEqual(await ids({ bill_type: 4 }), [s.refund.id]);
  assert.deepEqual(await ids({ charge_mode: '1', include_zero_record: false }), [s.refund.id, s.order.id]);
  assert.deepEqual(await ids({ include_zero_record: false }), lines.filter((l) => l.due !== 0n).map((l) => l.id));
  assert.deepEqual(await ids({ trade_id: 'CS00000199' }), [s.refund.id, s.order.id]);
  assert.deepEqual(await ids({ resource_id: s.usage.resource }), [s.usage.id]);
  assert.deepEqual(await ids({ region: 'eu-west-101' }), [s.usage2.id]);
  assert.deepEqual(await ids({ cloud_service_type: 'object_storage_service' }), [s.usage2.id]);
  assert.deepEqual(await ids({ bill_date_begin: `${cycleText(s.cycle)}-04`, bill_date_end: `${cycleText(s.cycle)}-05` }),
    lines.filter((l) => l.at >= `${cycleText(s.cycle)}-03 16:00:00` && l.at < `${cycleText(s.cycle)}-05 16:00:00`).map((l) => l.id));
  assert.deepEqual(await ids({ enterprise_project_id: '0' }), []);
  const p = await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, offset: 2, limit: 2 });
  assert.deepEqual([p.json.total_count, p.json.fee_records.map((f) => f.id)], [lines.length, lines.slice(2, 4).map((l) => l.id)]);
  for (const [bad, field] of [[{}, 'cycle'], [{ ...q, charge_mode: '2' }, 'charge_mode'], [{ ...q, bill_type: 'x' }, 'bill_type'],
    [{ ...q, statistic_type: 4 }, 'statistic_type'], [{ ...q, include_zero_record: 'yes' }, 'include_zero_record'],
    [{ ...q, bill_date_begin: '2020-01-01', bill_date_end: '2020-01-02' }, 'bill_date_begin'], [{ ...q, limit: 0 }, 'limit']])
    badParam(await cust.get('/v2/bills/customer-bills/res-fee-records', bad), field);
  denied(await csp.get('/v2/bills/customer-bills/res-fee-records', q));
});

test('list_customerself_resource_records: statistic_type 1 sums a resource\'s month, 2 its days', async () => {
  const s = await seedCustomerLines();
  // a second and third charge of the first usage resource: the same day, and the next day
  const again = await line({ resource: s.usage.resource, list: 100000000n, settle: 100000000n, due: 100000000n, day: 3, hour: 5, qty: '1.25' });
  const next = await line({ resource: s.usage.resource, list: 30000000n, settle: 30000000n, due: 30000000n, day: 4, hour: 5, qty: '0.5' });
  const rows = (await stack.sql(`SELECT l.id, l.source_key, l.bill_type, l.amount_due, l.region, l.product_id, l.billing_mode,
    l.resource_key, l.billing_item, l.pricing_unit, DATE(l.transaction_at + INTERVAL 8 HOUR), l.list_amount, l.usage_qty
    FROM expenditure_lines l WHERE l.customer_id = ${BLUE} AND l.billing_cycle = ${s.cycle}`)).map((r) => ({
    id: r[0], source: r[1], type: r[2], due: BigInt(r[3]), key: r.slice(4, 10).join('|'), day: r[10], list: BigInt(r[11]), qty: r[12],
  }));
  const code = (l) => (l.type === 'refund' ? 4 : l.type === 'adjustment' ? (l.due < 0n ? 9 : 16) : l.source.startsWith('o:') ? 1 : 5);
  const groups = (byDay) => new Set(rows.map((l) => `${byDay ? l.day : ''}|${code(l)}|${l.key}`));
  const q = { cycle: cycleText(s.cycle), limit: 1000 };
  const month = await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, statistic_type: 1 });
  assert.equal(month.status, 200, month.text);
  assert.equal(month.json.total_count, groups(false).size);
  const mine = rows.filter((l) => [s.usage.id, again.id, next.id].includes(l.id));
  const r1 = month.json.fee_records.filter((f) => f.resource_id === s.usage.resource);
  assert.equal(r1.length, 1);
  assert.equal(r1[0].amount, num(mine.reduce((t, l) => t + l.due, 0n)));
  assert.equal(r1[0].official_amount, num(mine.reduce((t, l) => t + l.list, 0n)));
  assert.equal(r1[0].usage, 2.5 + 1.25 + 0.5);
  assert.equal(r1[0].bill_type, 5);
  assert.equal(r1[0].effective_time, `${cycleText(s.cycle)}-03T02:00:00Z`);
  assert.equal(r1[0].expire_time, `${cycleText(s.cycle)}-04T05:00:00Z`);
  for (const k of ['id', 'trade_id', 'trade_time', 'consume_time', 'order_id', 'bill_date']) assert.ok(!(k in r1[0]), k);
  const days = await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, statistic_type: 2 });
  assert.equal(days.json.total_count, groups(true).size);
  const r2 = days.json.fee_records.filter((f) => f.resource_id === s.usage.resource);
  assert.deepEqual(r2.map((f) => [f.bill_date, f.amount]), [
    [`${cycleText(s.cycle)}-04`, num(next.due)], [`${cycleText(s.cycle)}-03`, num(s.usage.due + again.due)]]);
  const dates = days.json.fee_records.map((f) => f.bill_date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest day first');
  const paged = await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, statistic_type: 2, offset: 1, limit: 2 });
  assert.deepEqual(paged.json.fee_records, days.json.fee_records.slice(1, 3));
  const none = await cust.get('/v2/bills/customer-bills/res-fee-records', { ...q, statistic_type: 2, bill_type: 4 });
  assert.deepEqual(none.json.fee_records.map((f) => f.bill_type), [4]);
});

const costsBody = (over = {}) => ({
  time_condition: { time_measure_id: 2, begin_time: cycleText(monthsBack(2)), end_time: cycleText(monthsBack(0)) },
  groupby: [{ type: 'dimension', key: 'CLOUD_SERVICE_TYPE' }], cost_type: 'ORIGINAL_COST', amount_type: 'PAYMENT_AMOUNT', ...over,
});

test('list_costs: original cost per service and month, per day with filters, net of coupons', async () => {
  const s = await seedCustomerLines();
  const cycles = [monthsBack(2), monthsBack(1), monthsBack(0)];
  const all = (await Promise.all(cycles.map((c) => linesOf(BLUE, c).then((ls) => ls.map((l) => ({ ...l, cycle: c })))))).flat();
  const byService = new Map();
  for (const l of all) {
    const g = byService.get(l.code) || new Map();
    const slot = g.get(l.cycle) || { due: 0n, list: 0n };
    slot.due += l.due;
    slot.list += l.list;
    g.set(l.cycle, slot);
    byService.set(l.code, g);
  }
  const expected = [...byService.keys()].sort().map((code) => {
    const g = byService.get(code), slots = [...g.keys()].sort();
    const sum = (f) => slots.reduce((t, c) => t + g.get(c)[f], 0n);
    return { dimensions: [{ key: 'CLOUD_SERVICE_TYPE', value: code }],
      costs: slots.map((c) => ({ time_dimension_value: cycleText(c), time_measure_id: 2, amount: dec(g.get(c).due), official_amount: dec(g.get(c).list) })),
      amount_by_costs: dec(sum('due')), official_amount_by_costs: dec(sum('list')) };
  });
  const r = await cust.post('/v4/costs/cost-analysed-bills/query', costsBody({ limit: 100 }));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { currency: 'USD', cost_data: expected, total_count: expected.length });
  const page = await cust.post('/v4/costs/cost-analysed-bills/query', costsBody({ offset: 1, limit: 1 }));
  assert.deepEqual(page.json, { currency: 'USD', cost_data: expected.slice(1, 2), total_count: expected.length });

  // per day, pay-per-use only, by charging mode and region, net of coupons
  const day = cycleText(s.cycle);
  const d = await cust.post('/v4/costs/cost-analysed-bills/query', costsBody({
    time_condition: { time_measure_id: 1, begin_time: `${day}-01`, end_time: `${day}-28` },
    groupby: [{ type: 'dimension', key: 'CHARGING_MODE' }, { key: 'REGION_CODE' }], amount_type: 'NET_AMOUNT',
    filters: [{ operator: 0, filter_factor: { key: 'CHARGING_MODE', value: ['3'] } },
      { operator: 1, filter_factor: { key: 'REGION_CODE', value: ['eu-west-101'] } }, { operator: null }],
  }));
  assert.equal(d.status, 200, d.text);
  const ppu = all.filter((l) => l.cycle === s.cycle && l.mode === 'pay_per_use' && l.region !== 'eu-west-101');
  const days = new Map();
  for (const l of ppu) {
    const k = l.at.slice(0, 10); // 02:00-03:00 UTC lines: the same day in GMT+08:00
    const v = days.get(k) || { due: 0n, list: 0n };
    v.due += l.due - l.coupons;
    v.list += l.list;
    days.set(k, v);
  }
  const ks = [...days.keys()].sort();
  assert.deepEqual(d.json.cost_data, [{
    dimensions: [{ key: 'CHARGING_MODE', value: '3' }, { key: 'REGION_CODE', value: 'ap-southeast-1' }],
    costs: ks.map((k) => ({ time_dimension_value: k, time_measure_id: 1, amount: dec(days.get(k).due), official_amount: dec(days.get(k).list) })),
    amount_by_costs: dec(ks.reduce((t, k) => t + days.get(k).due, 0n)), official_amount_by_costs: dec(ks.reduce((t, k) => t + days.get(k).list, 0n)),
  }]);
  // net of coupons on the order: amount due 80 − coupons 10
  const net = await cust.post('/v4/costs/cost-analysed-bills/query', costsBody({
    groupby: [{ type: 'dimension', key: 'BILL_TYPE' }], amount_type: 'NET_AMOUNT',
    filters: [{ operator: 0, filter_factor: { key: 'RESOURCE_ID', value: [s.order.resource] } }],
  }));
  assert.deepEqual(net.json.cost_data, [{ dimensions: [{ key: 'BILL_TYPE', value: '1' }],
    costs: [{ time_dimension_value: day, time_measure_id: 2, amount: '70', official_amount: '100' }],
    amount_by_costs: '70', official_amount_by_costs: '100' }]);
});

test('list_costs: what our data cannot answer and bad bodies are 400 naming the field; partners may not call it', async () => {
  for (const [body, field] of [
    [costsBody({ cost_type: 'AMORTIZED_COST' }), 'cost_type'],
    [costsBody({ cost_type: 'SOMETHING' }), 'cost_type'],
    [costsBody({ amount_type: undefined }), 'amount_type'],
    [costsBody({ time_condition: undefined }), 'time_condition'],
    [costsBody({ time_condition: { time_measure_id: 3, begin_time: '2026-01', end_time: '2026-02' } }), 'time_condition.time_measure_id'],
    [costsBody({ time_condition: { time_measure_id: 2, begin_time: '2026-01-01', end_time: '2026-02' } }), 'time_condition.begin_time'],
    [costsBody({ time_condition: { time_measure_id: 2, begin_time: '2026-05', end_time: '2026-02' } }), 'time_condition.end_time'],
    [costsBody({ time_condition: { time_measure_id: 2, begin_time: '2025-01', end_time: '2026-02' } }), 'time_condition.end_time'],
    [costsBody({ groupby: undefined }), 'groupby'],
    [costsBody({ groupby: [{ type: 'tag', key: 'team' }] }), 'groupby[0].type'],
    [costsBody({ groupby: [{ type: 'dimension', key: 'ENTERPRISE_PROJECT_ID' }] }), 'groupby[0].key'],
    [costsBody({ groupby: [{ type: 'dimension', key: 'NOPE' }] }), 'groupby[0].key'],
    [costsBody({ filters: [{ operator: 0, filter_factor: { key: 'AZ_CODE', value: ['x'] } }] }), 'filters[0].filter_factor.key'],
    [costsBody({ filters: [{ operator: 2, filter_factor: { key: 'REGION_CODE', value: ['x'] } }] }), 'filters[0].operator'],
    [costsBody({ filters: [{ operator: 0, filter_factor: { key: 'REGION_CODE', value: 'x' } }] }), 'filters[0].filter_factor.value'],
    [costsBody({ filters: [{ operator: 0, filter_factor: { key: 'REGION_CODE', value: [decimal('1.5')] } }] }), 'filters[0].filter_factor.value'],
    [costsBody({ cost_type: decimal('2.5') }), 'cost_type'],
    [costsBody({ limit: 0 }), 'limit'],
    ['{"time_condition": [1]}', 'time_condition'],
  ]) badParam(await cust.post('/v4/costs/cost-analysed-bills/query', body), field);
  denied(await csp.post('/v4/costs/cost-analysed-bills/query', costsBody()));
  denied(await dist.post('/v4/costs/cost-analysed-bills/query', costsBody()));
});

// ---- list_postpaid_bill_sum: the contract's identity on a bill with tax, coupons, refunds and adjustments ----

/** The exact value of a JSON number field of the answer's text, ×10^8. */
function exact(text, field) {
  const m = new RegExp(`"${field}":(-?)(\\d+)(?:\\.(\\d{1,8}))?[,}]`).exec(text);
  assert.ok(m, `${field} is a JSON number in ${text}`);
  const v = BigInt(m[2]) * USD + BigInt((m[3] || '').padEnd(8, '0'));
  return m[1] ? -v : v;
}

test('list_postpaid_bill_sum: initial_amount_due = consume_amount + refunds + adjustments, tax and coupons inside', async () => {
  const cycle = monthsBack(4), empty = monthsBack(5);
  // a cash coupon of 100 on ECS pay-per-use; lines with sub-cent amounts so that the bill rounds
  await grantCoupon(stack, P1, { amount: 100n * USD, productId: PRODUCT, mode: 'pay_per_use' });
  const seeded = [
    { customer: BLUE, productId: PRODUCT, list: 1000n * USD + 123456n },
    { customer: OTHER, productId: PRODUCT2, list: 3030000007n },
    { customer: BLUE, productId: PRODUCT, mode: 'yearly_monthly', bill: 'refund', list: -40n * USD },
    { customer: OTHER, productId: PRODUCT2, bill: 'adjustment', list: -5n * USD - 333n },
  ];
  for (const l of seeded) await seedLine(stack, P1, cycle, l);
  // a month whose only line is a refund: its bill's total is negative and its amount due 0
  await seedLine(stack, P1, empty, { customer: BLUE, productId: PRODUCT, mode: 'yearly_monthly', bill: 'refund', list: -50n * USD });
  await runBills(stack, cycle);
  await runBills(stack, empty);

  for (const cy of [cycle, empty]) {
    const [[id, due, tax, coupons, lines]] = await stack.sql(`SELECT id, amount_due, tax, coupons_used, line_count
      FROM partner_bills WHERE partner_id = ${P1} AND billing_cycle = ${cy}`);
    const byType = Object.fromEntries((await stack.sql(`SELECT bill_type, SUM(amount_due) FROM bill_lines
      WHERE bill_id = ${id} GROUP BY bill_type`)).map(([t, s]) => [t, BigInt(s)]));
    const linesDue = Object.values(byType).reduce((a, b) => a + b, 0n);
    const r = await csp.get('/v2/bills/partner-bills/postpaid-bill-summary', { bill_cycle: cycleText(cy) });
    assert.equal(r.status, 200, r.text);
    const got = Object.fromEntries(['initial_amount_due', 'consume_amount', 'refunds', 'adjustments', 'tax_amount']
      .map((f) => [f, exact(r.text, f)]));
    // the contract's identity, exactly
    assert.equal(got.initial_amount_due, got.consume_amount + got.refunds + got.adjustments, r.text);
    // initial_amount_due is the bill's amount due (what the Bills page, the invoice and a payment show)
    assert.equal(got.initial_amount_due, BigInt(due));
    // consumption and refunds are their lines' amounts due: coupons deducted, tax included
    assert.equal(got.consume_amount, byType.expenditure ?? 0n);
    assert.equal(got.refunds, byType.refund ?? 0n);
    // adjustments: the adjustment lines' amounts due and what the bill's rounding and floor at 0 wrote off
    assert.equal(got.adjustments, (byType.adjustment ?? 0n) + BigInt(due) - linesDue);
    // the tax is the bill's, already inside the three amounts: not a further term
    assert.equal(got.tax_amount, BigInt(tax));
    if (cy === cycle) {
      assert.equal(lines, String(seeded.length));
      assert.ok(BigInt(tax) > 0n && BigInt(coupons) > 0n && got.refunds < 0n && byType.adjustment < 0n,
        'the bill has tax, coupons, a refund and an adjustment');
      assert.notEqual(BigInt(due), linesDue, 'the bill rounded to the cent');
    } else {
      assert.equal(got.initial_amount_due, 0n);
      assert.ok(got.refunds < 0n && got.adjustments === -got.refunds, 'the floor at 0 is written off as an adjustment');
    }
  }
});
