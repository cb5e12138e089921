// The monthly bill run (issue 5): a fixture worked out by hand and the exact
// bill it must produce, re-runs, runs killed at several points, two workers
// at once, verify-bill and verify-ledger on good and tampered rows, the
// daily estimate.  Dates are in 2027, after the demo data; the billing time
// zone is GMT+08:00, so March 2027 is [2027-02-28 16:00, 2027-03-31 16:00) UTC
// and its bill is made from 2027-04-04 00:00 local = 2027-04-03 16:00 UTC.
//
// Fixture partner FX (tax region SG, GST 9 %): common settlement discount
// 10 %, promotional 5 %; commercial discounts: partner-level 30 % on ECS,
// customer B's savings ECS at 0.60 fixed, customer C's 20 % on EVS expiring
// 2027-03-20 23:59:59 local, partner-level savings CDN at 0.15 × linear size
// 10 × Usage Days/Total; KooGallery product "koomessage": product level 15 %,
// customer A 20 %.  Coupons: X (A only, 100), Y (all, 40), Z (OBS only, no
// promotional products, 5), W (all, 50, expired 2027-03-31 23:59:59 local).
//
// line  customer  product / kind          list          settled by            settlement    coupons  tax 9 %      amount due
// L1    A         ECS                     100           ECS 30 % (partner)     70.00000000  X 70     0.00000000    0.00000000
// L2    B         ECS, 100 units          100           B savings 0.60 × 100   60.00000000  Y 40     1.80000000   21.80000000
// L3    A         KooGallery              100           resale customer 20 %   80.00000000  X 30     4.50000000   54.50000000
// L4    B         KooGallery              200           resale product 15 %   170.00000000           15.30000000  185.30000000
// L5    C         EVS 23:59:59 local      50.12345678   C 20 %                 40.09876542            3.60888889   43.70765431
// L6    C         EVS 00:00:00 next day   50.12345678   common 10 %            45.11111110            4.06000000   49.17111110
// L7    C         CDN 95th pct, 100 Mbps  650           0.15×100×10×50 %       75.00000000            6.75000000   81.75000000
// L8    D         OBS (promotional)       30.30303031   promotional 5 %        28.78787879            2.59090909   31.37878788
// L9    D         ECS refund              -150          ECS 30 %             -105.00000000           -9.45000000 -114.45000000
// L10   A         adjustment              -10           at its amount         -10.00000000           -0.90000000  -10.90000000
// L13   A         OBS (promotional)       20            promotional 5 %        19.00000000            1.71000000   20.71000000
// (L11, a referral customer's line, and L12, a line from before association, are not billed.)
// Expenditures 587.99775531, refunds -105, adjustments -10: total 472.99775531 → 473.00;
// coupons 140 (Z fits no line: OBS lines are promotional; W has expired); tax 29.96979798;
// Σ amounts due 362.96755329 → amount due 362.97.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dec8 } from '../lib/bill_fixture.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const u = dec8;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

const one = async (s, q) => (await s.sql(q))[0] || null;

async function run(s, job, now, env = {}) {
  const r = await s.workerWith(env, 'run', job, '--now', now);
  return r;
}

/** A partner (solution provider) with one reseller customer per name; returns ids. */
async function partner(s, account, country, customers) {
  await s.sql(`INSERT INTO partners (kind, name, account_name, country) VALUES ('solution_provider', 'Partner ${account}', '${account}', '${country}')`);
  const [pid] = await one(s, `SELECT id FROM partners WHERE account_name = '${account}'`);
  const ids = { partner: pid };
  for (const c of customers) {
    await s.sql(`INSERT INTO customers (partner_id, name, account_name, association_type, associated_at) VALUES (${pid}, 'Customer ${account}-${c}', '${account}-${c}', 'reseller', '2027-01-01 00:00:00')`);
    [ids[c]] = await one(s, `SELECT id FROM customers WHERE account_name = '${account}-${c}'`);
  }
  return ids;
}

const product = (code) => `(SELECT id FROM products WHERE code = '${code}')`;

/** One rated record: the bill run's input. */
async function record(s, key, { customer, partner, type = 'reseller', product: code, mode = 'pay_per_use', bill = 'expenditure', at, list, qty = '0', resource = '', monthly = 0, cycle = 202703, refundCoupons = 0, original = null }) {
  await s.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle, product_id, billing_mode, bill_type, monthly_settled, spent_from, spent_to, transaction_at, transaction_no, region, resource_key, pricing_qty, list_amount, amount_due, refund_coupons, original_line_id, created_at)
    VALUES ('${key}', ${customer}, ${partner ?? 'NULL'}, ${partner ? `'${type}'` : 'NULL'}, ${cycle}, ${product(code)}, '${mode}', '${bill}', ${monthly}, '${at}', '${at}', '${at}', '${key}', 'ap-southeast-1', '${resource}', ${qty}, ${u(list)}, ${u(list)}, ${refundCoupons}, ${original ?? 'NULL'}, UTC_TIMESTAMP())`);
  const [id] = await one(s, `SELECT id FROM expenditure_lines WHERE source_key = '${key}'`);
  return id;
}

/** A vendor cash coupon with its issue entry in the ledger (vendor_coupons debit, coupon credit). */
async function coupon(s, code, { partner, customer = null, face, to = '2027-12-31 15:59:59', product: code2 = null, noPromotion = 0 }) {
  await s.sql(`INSERT INTO coupons (code, name, issuer, owner_partner_id, customer_id, face_value, balance, valid_from, valid_to, product_id, no_promotion, created_at)
    VALUES ('${code}', 'Coupon ${code}', 'vendor', ${partner}, ${customer ?? 'NULL'}, ${u(face)}, ${u(face)}, '2027-01-01 00:00:00', '${to}', ${code2 ? product(code2) : 'NULL'}, ${noPromotion}, UTC_TIMESTAMP())`);
  const [id] = await one(s, `SELECT id FROM coupons WHERE code = '${code}'`);
  await s.sql(`INSERT INTO ledger_accounts (code, kind, partner_id, coupon_id, balance, created_at) VALUES ('coupon:${id}', 'coupon', ${partner}, ${id}, -${u(face)}, UTC_TIMESTAMP());
    INSERT INTO ledger_accounts (code, kind, balance, created_at) VALUES ('vendor:coupons', 'vendor_coupons', ${u(face)}, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE balance = balance + ${u(face)};
    INSERT INTO journal_entries (idem_key, kind, partner_id, created_at) VALUES ('coupon_issue:${id}', 'coupon_issue', ${partner}, UTC_TIMESTAMP());
    INSERT INTO journal_postings (entry_id, account_id, amount) SELECT LAST_INSERT_ID(), a.id, IF(a.code = 'vendor:coupons', ${u(face)}, -${u(face)}) FROM ledger_accounts a WHERE a.code IN ('coupon:${id}', 'vendor:coupons')`);
  return id;
}

let fx;
async function marchFixture(s) {
  const ids = await partner(s, 'fx', 'SG', ['a', 'b', 'c', 'd', 'e', 'f']);
  const p = ids.partner;
  await s.sql(`UPDATE products SET settlement_type = 'promotional' WHERE code = 'object_storage_service';
    UPDATE products SET koogallery_seller = 'Fixture Seller' WHERE code = 'koomessage';
    INSERT INTO settlement_discounts (partner_id, settlement_type, discount_ppm, valid_from, created_at) VALUES (${p}, 'common', 100000, '2027-01-01 00:00:00', UTC_TIMESTAMP()), (${p}, 'promotional', 50000, '2027-01-01 00:00:00', UTC_TIMESTAMP());
    INSERT INTO commercial_discounts (code, partner_id, level, customer_id, body, effective_at, expires_at, created_at) VALUES
      ('FXTYPE0001', ${p}, 'partner', NULL, 'product_type', '2027-01-01 00:00:00', '2027-12-31 15:59:59', UTC_TIMESTAMP()),
      ('FXSAVB0001', ${p}, 'customer', ${ids.b}, 'savings', '2027-01-01 00:00:00', '2027-12-31 15:59:59', UTC_TIMESTAMP()),
      ('FXTYPEC001', ${p}, 'customer', ${ids.c}, 'product_type', '2027-01-01 00:00:00', '2027-03-20 15:59:59', UTC_TIMESTAMP()),
      ('FXSAVCDN01', ${p}, 'partner', NULL, 'savings', '2027-01-01 00:00:00', '2027-12-31 15:59:59', UTC_TIMESTAMP());
    INSERT INTO commercial_discount_items (discount_id, product_id, discount_ppm, fixed_price, linear_size_milli, usage_days)
      SELECT id, ${product('elastic_cloud_server')}, 300000, NULL, NULL, 0 FROM commercial_discounts WHERE code = 'FXTYPE0001' UNION ALL
      SELECT id, ${product('elastic_cloud_server')}, NULL, ${u('0.6')}, NULL, 0 FROM commercial_discounts WHERE code = 'FXSAVB0001' UNION ALL
      SELECT id, ${product('elastic_volume_service')}, 200000, NULL, NULL, 0 FROM commercial_discounts WHERE code = 'FXTYPEC001' UNION ALL
      SELECT id, ${product('content_delivery_network')}, NULL, ${u('0.15')}, 10000, 1 FROM commercial_discounts WHERE code = 'FXSAVCDN01';
    INSERT INTO koogallery_discounts (uuid, level, product_id, partner_id, customer_id, discount_ppm, status, valid_from, valid_until, updated_at) VALUES
      ('fx-koo-product', 'product', ${product('koomessage')}, NULL, NULL, 150000, 'effective', '2027-01-01 00:00:00', '2027-12-31 15:59:59', '2027-01-01 00:00:00'),
      ('fx-koo-customer-a', 'customer', ${product('koomessage')}, ${p}, ${ids.a}, 200000, 'effective', '2027-01-01 00:00:00', '2027-12-31 15:59:59', '2027-01-01 00:00:00');
    INSERT INTO bandwidth_monthly (resource_key, billing_cycle, samples, discarded, billable_mbps, usage_days_bp, computed_at) VALUES ('fx-cdn-1', 202703, 4464, 223, 100, 5000, UTC_TIMESTAMP())`);
  const r = (key, o) => record(s, key, { partner: p, ...o });
  ids.L1 = await r('fx-L1', { customer: ids.a, product: 'elastic_cloud_server', at: '2027-03-05 00:00:00', list: '100', qty: '50' });
  ids.L2 = await r('fx-L2', { customer: ids.b, product: 'elastic_cloud_server', at: '2027-03-06 00:00:00', list: '100', qty: '100' });
  ids.L3 = await r('fx-L3', { customer: ids.a, product: 'koomessage', mode: 'yearly_monthly', at: '2027-03-07 00:00:00', list: '100' });
  ids.L4 = await r('fx-L4', { customer: ids.b, product: 'koomessage', mode: 'yearly_monthly', at: '2027-03-08 00:00:00', list: '200' });
  ids.L5 = await r('fx-L5', { customer: ids.c, product: 'elastic_volume_service', at: '2027-03-20 15:59:59', list: '50.12345678' });
  ids.L6 = await r('fx-L6', { customer: ids.c, product: 'elastic_volume_service', at: '2027-03-20 16:00:00', list: '50.12345678' });
  ids.L7 = await r('fx-L7', { customer: ids.c, product: 'content_delivery_network', at: '2027-03-31 15:59:59', list: '650', qty: '100', resource: 'fx-cdn-1', monthly: 1 });
  ids.L8 = await r('fx-L8', { customer: ids.d, product: 'object_storage_service', at: '2027-03-16 00:00:00', list: '30.30303031' });
  ids.L9 = await r('fx-L9', { customer: ids.d, product: 'elastic_cloud_server', mode: 'yearly_monthly', bill: 'refund', at: '2027-03-17 00:00:00', list: '-150' });
  ids.L10 = await r('fx-L10', { customer: ids.a, product: 'elastic_cloud_server', bill: 'adjustment', at: '2027-03-18 00:00:00', list: '-10' });
  ids.L11 = await r('fx-L11', { customer: ids.e, type: 'referral', product: 'elastic_cloud_server', at: '2027-03-19 00:00:00', list: '999' });
  ids.L12 = await record(s, 'fx-L12', { customer: ids.f, partner: null, product: 'elastic_cloud_server', at: '2027-03-19 00:00:00', list: '555' });
  ids.L13 = await r('fx-L13', { customer: ids.a, product: 'object_storage_service', at: '2027-03-21 00:00:00', list: '20' });
  ids.X = await coupon(s, 'FX-X', { partner: p, customer: ids.a, face: '100' });
  ids.Y = await coupon(s, 'FX-Y', { partner: p, face: '40' });
  ids.Z = await coupon(s, 'FX-Z', { partner: p, face: '5', to: '2027-06-30 15:59:59', product: 'object_storage_service', noPromotion: 1 });
  ids.W = await coupon(s, 'FX-W', { partner: p, face: '50', to: '2027-03-31 15:59:59' });
  return ids;
}

const BILL_COLUMNS = 'status, line_count, list_total, expenditures, refunds, adjustments, total_exact, total_rounded, coupons_used, tax, amount_due, tax_region, tax_rate_ppm, payment_currency, exchange_rate, due_at, generated_at';

test('the bill estimate of the current month: settlement so far, no coupons or tax, once a day', async () => {
  fx = await marchFixture(stack);
  assert.equal((await run(stack, 'bill_estimates', '2027-03-25 02:00:00')).code, 0);
  const est = await one(stack, `SELECT line_count, expenditures, refunds, adjustments, amount, computed_at FROM bill_estimates WHERE partner_id = ${fx.partner} AND billing_cycle = 202703`);
  assert.deepEqual(est, ['11', u('587.99775531'), u('-105'), u('-10'), u('472.99775531'), '2027-03-25 02:00:00']);
  await run(stack, 'bill_estimates', '2027-03-25 09:00:00'); // same local day: left alone
  assert.equal((await one(stack, `SELECT computed_at FROM bill_estimates WHERE partner_id = ${fx.partner}`))[0], '2027-03-25 02:00:00');
  await run(stack, 'bill_estimates', '2027-03-25 16:30:00'); // 00:30 of the 26th local: refreshed
  assert.equal((await one(stack, `SELECT computed_at FROM bill_estimates WHERE partner_id = ${fx.partner}`))[0], '2027-03-25 16:30:00');
});

test('before the run day nothing is billed; on day 4 the hand-worked March bill comes out exactly', async () => {
  assert.ok(fx, 'the fixture of the first test');
  assert.equal((await run(stack, 'bills', '2027-04-03 15:59:59')).code, 0); // 23:59:59 of day 3, local
  assert.equal((await one(stack, 'SELECT COUNT(*) FROM partner_bills WHERE billing_cycle = 202703'))[0], '0');
  const r = await run(stack, 'bills', '2027-04-04 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const bill = await one(stack, `SELECT ${BILL_COLUMNS} FROM partner_bills WHERE partner_id = ${fx.partner} AND billing_cycle = 202703`);
  assert.deepEqual(bill, ['unpaid', '11', u('1140.54994387'), u('587.99775531'), u('-105'), u('-10'), u('472.99775531'), u('473'),
    u('140'), u('29.96979798'), u('362.97'), 'SG', '90000', 'USD', '1.0000000000', '2027-04-20 15:59:59', '2027-04-04 01:00:00']);
  const want = {
    L1: ['special', '300000', '', 'FXTYPE0001', '70', '70', '0', '0'],
    L2: ['special', '', u('0.6'), 'FXSAVB0001', '60', '40', '1.8', '21.8'],
    L3: ['resale_customer', '200000', '', 'fx-koo-customer-a', '80', '30', '4.5', '54.5'],
    L4: ['resale_product', '150000', '', 'fx-koo-product', '170', '0', '15.3', '185.3'],
    L5: ['special', '200000', '', 'FXTYPEC001', '40.09876542', '0', '3.60888889', '43.70765431'],
    L6: ['common', '100000', '', '', '45.1111111', '0', '4.06', '49.1711111'],
    L7: ['special', '', u('0.15'), 'FXSAVCDN01', '75', '0', '6.75', '81.75'],
    L8: ['promotional', '50000', '', '', '28.78787879', '0', '2.59090909', '31.37878788'],
    L9: ['special', '300000', '', 'FXTYPE0001', '-105', '0', '-9.45', '-114.45'],
    L10: ['no_discount', '0', '', '', '-10', '0', '-0.9', '-10.9'],
    L13: ['promotional', '50000', '', '', '19', '0', '1.71', '20.71'],
  };
  for (const [name, w] of Object.entries(want)) {
    const got = await one(stack, `SELECT settlement_type, IFNULL(discount_ppm, ''), IFNULL(fixed_price, ''), discount_ref, settlement, coupons, tax, amount_due FROM bill_lines WHERE line_id = ${fx[name]}`);
    assert.deepEqual(got, [...w.slice(0, 4), ...w.slice(4).map(u)], name);
  }
  const l7 = await one(stack, `SELECT linear_size_milli, usage_days_bp FROM bill_lines WHERE line_id = ${fx.L7}`);
  assert.deepEqual(l7, ['10000', '5000']);
  assert.equal((await one(stack, `SELECT COUNT(*) FROM bill_lines WHERE line_id IN (${fx.L11}, ${fx.L12})`))[0], '0');
  // coupons: X 70 + 30, Y 40; Z and W untouched
  const coupons = await stack.sql(`SELECT code, balance, status FROM coupons WHERE code LIKE 'FX-%' ORDER BY code`);
  assert.deepEqual(coupons, [['FX-W', u('50'), 'available'], ['FX-X', '0', 'used'], ['FX-Y', '0', 'used'], ['FX-Z', u('5'), 'available']]);
  const usage = await stack.sql(`SELECT c.code, u.line_id, u.amount FROM coupon_usage u JOIN coupons c ON c.id = u.coupon_id ORDER BY c.code, u.line_id`);
  assert.deepEqual(usage, [['FX-X', String(fx.L1), u('70')], ['FX-X', String(fx.L3), u('30')], ['FX-Y', String(fx.L2), u('40')]]);
  // the journal entry: receivable 362.97, coupons 140 back to the vendor, sales and tax credited,
  // the rounding of the total (362.97 - 362.96755329) to the rounding account
  const postings = await stack.sql(`SELECT a.code, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key = 'bill:${fx.partner}:202703' ORDER BY a.code`);
  assert.deepEqual(postings, [[`coupon:${fx.X}`, u('100')], [`coupon:${fx.Y}`, u('40')], [`p${fx.partner}:receivable`, u('362.97')],
    ['vendor:rounding', u('-0.00244671')], ['vendor:sales', u('-472.99775531')], ['vendor:tax', u('-29.96979798')]]);
  const v = await stack.pcadm(['verify-ledger']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const vb = await stack.pcadm(['verify-bill', 'fx', '2027-03']);
  assert.equal(vb.code, 0, vb.stdout + vb.stderr);
  assert.match(vb.stdout, /equal \(11 lines/);
});

const snapshot = async (s, cycle) => (await s.sql(`SELECT p.account_name, ${BILL_COLUMNS.split(', ').map((c) => `b.${c}`).join(', ')}, b.canonical_sha256,
    (SELECT GROUP_CONCAT(CONCAT_WS('/', l.line_id, l.settlement_type, l.settlement, l.coupons, l.tax, l.amount_due) ORDER BY l.line_id) FROM bill_lines l WHERE l.bill_id = b.id),
    (SELECT COUNT(*) FROM bill_lines l WHERE l.bill_id = b.id)
    FROM partner_bills b JOIN partners p ON p.id = b.partner_id WHERE b.billing_cycle = ${cycle} ORDER BY p.account_name`)).map((r) => r.join('|'))
  .concat((await s.sql(`SELECT code, balance FROM ledger_accounts ORDER BY code`)).map((r) => r.join('=')))
  .concat((await s.sql(`SELECT code, balance, status FROM coupons ORDER BY code`)).map((r) => r.join('=')))
  .concat((await s.sql(`SELECT COUNT(*), IFNULL(SUM(amount), 0) FROM coupon_usage`)).map((r) => r.join('=')));

test('a re-run changes nothing', async () => {
  const before = await snapshot(stack, 202703);
  const r = await run(stack, 'bills', '2027-04-05 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 done/);
  assert.deepEqual(await snapshot(stack, 202703), before);
});

test('verify-bill finds a tampered line, a tampered header and a changed record; verify-ledger a tampered balance', async () => {
  const line = `line_id = ${fx.L5}`;
  await stack.sql(`UPDATE bill_lines SET settlement = settlement + 1 WHERE ${line}`);
  let r = await stack.pcadm(['verify-bill', 'fx', '2027-03']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /do not hash to the bill's SHA-256/);
  assert.match(r.stdout, new RegExp(`stored: +${fx.L5}\\|.*\\|40\\.09876543\\|`));
  assert.match(r.stdout, new RegExp(`recomputed: ${fx.L5}\\|.*\\|40\\.09876542\\|`));
  await stack.sql(`UPDATE bill_lines SET settlement = settlement - 1 WHERE ${line}`);
  await stack.sql(`UPDATE partner_bills SET amount_due = amount_due + 1000000 WHERE partner_id = ${fx.partner} AND billing_cycle = 202703`);
  r = await stack.pcadm(['verify-bill', String(fx.partner), '2027-03']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /stored header differs from its lines/);
  await stack.sql(`UPDATE partner_bills SET amount_due = amount_due - 1000000 WHERE partner_id = ${fx.partner} AND billing_cycle = 202703`);
  await stack.sql(`UPDATE expenditure_lines SET list_amount = list_amount + 100000000 WHERE id = ${fx.L6}`);
  r = await stack.pcadm(['verify-bill', 'fx', '2027-03']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`recomputed: ${fx.L6}\\|.*\\|46\\.01111110\\|`));
  await stack.sql(`UPDATE expenditure_lines SET list_amount = list_amount - 100000000 WHERE id = ${fx.L6}`);
  assert.equal((await stack.pcadm(['verify-bill', 'fx', '2027-03'])).code, 0);
  await stack.sql(`UPDATE coupons SET balance = 1 WHERE code = 'FX-X'`);
  r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`coupon ${fx.X} \\(FX-X\\): balance 1, its ledger account says 0`));
  await stack.sql(`UPDATE coupons SET balance = 0 WHERE code = 'FX-X'`);
  await stack.sql(`UPDATE journal_postings p JOIN ledger_accounts a ON a.id = p.account_id SET p.amount = p.amount + 1 WHERE a.code = 'vendor:tax'`);
  r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /postings sum to 1, not 0/);
  assert.match(r.stdout, /account \d+ \(vendor:tax\): cached balance/);
  await stack.sql(`UPDATE journal_postings p JOIN ledger_accounts a ON a.id = p.account_id SET p.amount = p.amount - 1 WHERE a.code = 'vendor:tax'`);
  assert.equal((await stack.pcadm(['verify-ledger'])).code, 0);
  r = await stack.pcadm(['verify-bill', 'fx', '2027-13']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /YYYY-MM/);
  r = await stack.pcadm(['verify-bill', 'nobody', '2027-03']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no bill of partner 'nobody' for 2027-03/);
});

test('April: a refund of a not-yet-effective renewal returns its coupon, a downgrade refund does not; verify-bill equal', async () => {
  const p = fx.partner;
  // refunds of L1 (which X paid 70 of): one returning coupons (-50 → -35 settled), one not
  const back = await record(stack, 'fx-A1', { partner: p, customer: fx.a, product: 'elastic_cloud_server', bill: 'refund', at: '2027-04-02 00:00:00', list: '-50', cycle: 202704, refundCoupons: 1, original: fx.L1 });
  const down = await record(stack, 'fx-A2', { partner: p, customer: fx.a, product: 'elastic_cloud_server', bill: 'refund', at: '2027-04-03 00:00:00', list: '-20', cycle: 202704, original: fx.L1 });
  const spend = await record(stack, 'fx-A3', { partner: p, customer: fx.a, product: 'elastic_cloud_server', at: '2027-04-10 00:00:00', list: '10', cycle: 202704 });
  const r = await run(stack, 'bills', '2027-05-04 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const rows = await stack.sql(`SELECT line_id, settlement, coupons, refund_coupons FROM bill_lines WHERE line_id IN (${back}, ${down}, ${spend}) ORDER BY line_id`);
  // the refunds make April negative (net 7 − 35 − 14 + 35 returned = −7): X pays nothing of A's
  // new spending (issue 14: coupons are not spent on a bill that owes nothing)
  assert.deepEqual(rows, [[String(back), u('-35'), u('-35'), '1'], [String(down), u('-14'), '0', '0'], [String(spend), u('7'), '0', '0']]);
  // X got 35 back
  assert.deepEqual(await one(stack, `SELECT balance, status FROM coupons WHERE code = 'FX-X'`), [u('35'), 'available']);
  const bill = await one(stack, `SELECT refunds, expenditures, coupons_used, tax, amount_due, credited, status FROM partner_bills WHERE partner_id = ${p} AND billing_cycle = 202704`);
  // refunds -49, expenditures 7; coupons -35; tax 9 % of (-35+35) + (-14) + 7 = -0.63; Σ due: 0 - 15.26 + 7.63 = -7.63
  // → amount due 0, 7.63 credited to the top-up balance
  assert.deepEqual(bill, [u('-49'), u('7'), u('-35'), u('-0.63'), '0', u('7.63'), 'paid']);
  assert.equal((await stack.pcadm(['verify-bill', 'fx', '2027-04'])).code, 0);
  assert.equal((await stack.pcadm(['verify-ledger'])).code, 0);
});

test('a partner whose region has no tax rate gets no bill and a clear error; the others are billed', async () => {
  const bad = await partner(stack, 'fxnotax', 'ZZ', ['a']);
  const good = await partner(stack, 'fxneg', 'HK', ['a']);
  await record(stack, 'fx-T1', { partner: bad.partner, customer: bad.a, product: 'elastic_cloud_server', at: '2027-06-01 00:00:00', list: '10', cycle: 202706 });
  // a month whose refunds exceed its spending: total -50.00, amount due 0 (9.4.1.4)
  await record(stack, 'fx-N1', { partner: good.partner, customer: good.a, product: 'elastic_cloud_server', at: '2027-06-01 00:00:00', list: '100', cycle: 202706 });
  await record(stack, 'fx-N2', { partner: good.partner, customer: good.a, product: 'elastic_cloud_server', bill: 'refund', at: '2027-06-02 00:00:00', list: '-150', cycle: 202706 });
  const r = await run(stack, 'bills', '2027-07-04 01:00:00');
  assert.notEqual(r.code, 0);
  assert.match(r.stdout, new RegExp(`partner ${bad.partner}: no tax rate for region 'ZZ'`), JSON.stringify(r));
  assert.equal((await one(stack, `SELECT COUNT(*) FROM partner_bills WHERE partner_id = ${bad.partner}`))[0], '0');
  // HK has no tax: the 50 come back to the top-up balance
  assert.deepEqual(await one(stack, `SELECT total_exact, total_rounded, amount_due, credited, status FROM partner_bills WHERE partner_id = ${good.partner} AND billing_cycle = 202706`),
    [u('-50'), u('-50'), '0', u('50'), 'paid']);
  await stack.sql(`INSERT INTO tax_rates (region, tax_name, rate_ppm) VALUES ('ZZ', 'VAT', 0)`);
  assert.equal((await run(stack, 'bills', '2027-07-04 02:00:00')).code, 0);
  assert.equal((await one(stack, `SELECT COUNT(*) FROM partner_bills WHERE partner_id = ${bad.partner}`))[0], '1');
  assert.equal((await stack.pcadm(['verify-ledger'])).code, 0);
});

/** Partners kNN with one customer and `n` records each in cycle yyyymm (amounts vary by line). */
async function manyPartners(s, prefix, count, n, cycle) {
  const made = [];
  for (let i = 1; i <= count; i++) {
    const ids = await partner(s, `${prefix}${i}`, 'SG', ['a']);
    made.push(ids.partner);
    const y = Math.floor(cycle / 100), m = cycle % 100;
    await s.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at, transaction_no, list_amount, amount_due, created_at)
      SELECT CONCAT('${prefix}${i}-', s.seq), ${ids.a}, ${ids.partner}, 'reseller', ${cycle}, ${product('elastic_cloud_server')}, 'pay_per_use', IF(s.seq % 17 = 0, 'refund', 'expenditure'),
        '${y}-${String(m).padStart(2, '0')}-05 00:00:00', '${y}-${String(m).padStart(2, '0')}-05 00:00:00', '${y}-${String(m).padStart(2, '0')}-05 00:00:00' + INTERVAL s.seq MINUTE, CONCAT('T', s.seq),
        IF(s.seq % 17 = 0, -1, 1) * CAST(s.seq * 1234567 + ${i} * 89 AS SIGNED), IF(s.seq % 17 = 0, -1, 1) * CAST(s.seq * 1234567 + ${i} * 89 AS SIGNED), UTC_TIMESTAMP() FROM seq_1_to_${n} s`);
    await coupon(s, `${prefix}${i}-C`, { partner: ids.partner, face: String(i * 3) });
  }
  return made;
}

test('runs killed after a bill and inside a bill\'s transaction, run again, equal an uninterrupted run', async () => {
  // two fresh stacks with the same data (so the same ids): one runs uninterrupted, one is killed
  const ref = await startStack();
  const cut = await startStack().catch(async (e) => { await ref.stop(); throw e; });
  try {
    for (const s of [ref, cut]) await manyPartners(s, 'kill', 4, 60, 202708);
    assert.equal((await run(ref, 'bills', '2027-09-04 01:00:00')).code, 0);
    const want = await snapshot(ref, 202708);
    assert.equal(want.filter((r) => r.includes('|unpaid|')).length, 4);

    let r = await run(cut, 'bills', '2027-09-04 01:00:00', { PC_BILLS_EXIT_AFTER: '1' });
    assert.equal(r.code, 75);
    assert.equal((await one(cut, 'SELECT COUNT(*) FROM partner_bills WHERE billing_cycle = 202708'))[0], '1');
    r = await run(cut, 'bills', '2027-09-04 01:00:00', { PC_BILLS_EXIT_IN_TX: '2' });
    assert.equal(r.code, 75);
    // the killed transaction left nothing: one more whole bill, no partial lines, usage or entries
    assert.equal((await one(cut, 'SELECT COUNT(*) FROM partner_bills WHERE billing_cycle = 202708'))[0], '2');
    assert.equal((await one(cut, 'SELECT COUNT(*) FROM partner_bills b WHERE b.line_count <> (SELECT COUNT(*) FROM bill_lines l WHERE l.bill_id = b.id)'))[0], '0');
    assert.equal((await one(cut, 'SELECT COUNT(*) FROM bill_lines l LEFT JOIN partner_bills b ON b.id = l.bill_id WHERE b.id IS NULL'))[0], '0');
    assert.equal((await cut.pcadm(['verify-ledger'])).code, 0);
    r = await run(cut, 'bills', '2027-09-04 01:00:00');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /2 done/);
    assert.deepEqual(await snapshot(cut, 202708), want);
    for (const a of ['kill1', 'kill4']) assert.equal((await cut.pcadm(['verify-bill', a, '2027-08'])).code, 0, a);
  } finally {
    await Promise.all([ref.stop(), cut.stop()]);
  }
});

test('two workers started at once make each bill once', async () => {
  const ids = await manyPartners(stack, 'twin', 6, 300, 202709);
  const [a, b] = await Promise.all([run(stack, 'bills', '2027-10-04 01:00:00'), run(stack, 'bills', '2027-10-04 01:00:00')]);
  assert.equal(a.code, 0, a.stdout + a.stderr);
  assert.equal(b.code, 0, b.stdout + b.stderr);
  const done = [a, b].map((r) => Number(/(\d+) done/.exec(r.stdout)[1]));
  assert.equal(done[0] + done[1], 6, `${a.stdout} ${b.stdout}`);
  const bills = await stack.sql(`SELECT partner_id, COUNT(*) FROM partner_bills WHERE billing_cycle = 202709 GROUP BY partner_id ORDER BY partner_id`);
  assert.deepEqual(bills, ids.map((id) => [String(id), '1']));
  assert.equal((await one(stack, `SELECT COUNT(*) FROM bill_lines l JOIN partner_bills b ON b.id = l.bill_id WHERE b.billing_cycle = 202709`))[0], '1800');
  assert.equal((await stack.pcadm(['verify-ledger'])).code, 0);
});
