// Independent bill verification (issue 14): `pcadm verify-bill` recomputes a bill without the
// engine's code, so a bill whose storage is consistent (lines, SHA-256 and header agree) but
// whose arithmetic is not what the rules give is still reported; and the nightly `ledger` job
// reports such a bill to the operator.  Fixture in 2029, billing time zone GMT+08:00, tax
// region SG (GST 9 %), every billed partner with a common settlement discount of 10 %.
//
// Distributor VD with reseller VR1; customer d1 of VR1, d2 of VD.  Coupons of VD: KR limited
// to reseller VR1 (20), KG for all (30).  VD's partner-level savings on CDN: 0.3 fixed × linear
// size 1.5.
//
// March  line  customer  record                               settlement   coupons    tax 9 %
//        V1    d1 (VR1)  ECS 100                               90           KR 20 + KG 30  3.6
//        V2    d1 (VR1)  ECS usage in a yearly package (40)     0, list 0   (covered)
//        V3    d2 (VD)   CDN 3.3333333333 × 0.3 × 1.5           1.5 (1.49999999998 rounded once)
//        V5    d2 (VD)   EVS 10                                 9
// April  R     d1 (VR1)  refund of V1 −50, coupons come back   −45          −45 (KR 20, KG 25)
//        V4    d2 (VD)   ECS 30                                27           KG 25 (net total 27)
// Partner VN: ECS 100 → 90, refund −150 → −135: total −45, tax −4.05, Σ due −49.05: nothing due,
// 49.05 credited, its coupon KN (50) unused.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { E8, billFixture, dec8 } from '../lib/bill_fixture.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const fx = billFixture(() => stack, 2029);
const u = dec8;
const { one, product, partner, customer, coupon, run } = fx;
/** One rated record, stored when it happened (created_at = its transaction time). */
const record = (key, o) => fx.record(key, { createdAt: o.at, ...o });
const ids = {};

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** verify-bill, timed. */
async function verify(account, month) {
  const t0 = process.hrtime.bigint();
  const r = await stack.pcadm(['verify-bill', account, month]);
  r.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`# verify-bill ${account} ${month}: exit ${r.code} in ${r.ms.toFixed(0)} ms (ASan build)`);
  return r;
}

const line = (id) => one(`SELECT settlement_type, IFNULL(discount_ppm, ''), list_amount, settlement, coupons, tax, amount_due, covered FROM bill_lines WHERE line_id = ${id}`);
const HEADER = 'line_count, list_total, expenditures, refunds, adjustments, total_exact, total_rounded, coupons_used, tax, amount_due, credited';
const header = (p, cycle) => one(`SELECT ${HEADER} FROM partner_bills WHERE partner_id = ${p} AND billing_cycle = ${cycle}`);

test('March: a distributor bill with reseller lines, a covered line and a fixed-price line; a negative bill with unused coupons: verify-bill equal', async () => {
  ids.vd = await partner('vdist', 'distributor');
  ids.vr1 = await partner('vres1', 'reseller', ids.vd);
  ids.d1 = await customer('vd1', ids.vr1);
  ids.d2 = await customer('vd2', ids.vd);
  await stack.sql(`INSERT INTO commercial_discounts (code, partner_id, level, customer_id, body, effective_at, expires_at, created_at)
      VALUES ('VDSAVCDN01', ${ids.vd}, 'partner', NULL, 'savings', '2029-01-01 00:00:00', '2029-12-31 15:59:59', UTC_TIMESTAMP());
    INSERT INTO commercial_discount_items (discount_id, product_id, discount_ppm, fixed_price, linear_size_milli, usage_days)
      SELECT id, ${product('content_delivery_network')}, NULL, ${u('0.3')}, 1500, 0 FROM commercial_discounts WHERE code = 'VDSAVCDN01'`);
  ids.V1 = await record('vd-V1', { customer: ids.d1, partner: ids.vr1, code: 'elastic_cloud_server', at: '2029-03-05 00:00:00', list: '100' });
  ids.V2 = await record('u:vd-V2', { customer: ids.d1, partner: ids.vr1, code: 'elastic_cloud_server', mode: 'yearly_monthly', at: '2029-03-06 00:00:00', list: '40' });
  ids.V3 = await record('vd-V3', { customer: ids.d2, partner: ids.vd, code: 'content_delivery_network', at: '2029-03-07 00:00:00', list: '2', qty: '3.3333333333' });
  ids.V5 = await record('vd-V5', { customer: ids.d2, partner: ids.vd, code: 'elastic_volume_service', at: '2029-03-08 00:00:00', list: '10' });
  ids.KR = await coupon('VD-KR', { partner: ids.vd, reseller: ids.vr1, face: '20' });
  ids.KG = await coupon('VD-KG', { partner: ids.vd, face: '30' });
  ids.vn = await partner('vneg', 'solution_provider');
  ids.n1c = await customer('vn1', ids.vn);
  await record('vn-N1', { customer: ids.n1c, partner: ids.vn, code: 'elastic_cloud_server', at: '2029-03-10 00:00:00', list: '100' });
  await record('vn-N2', { customer: ids.n1c, partner: ids.vn, code: 'elastic_cloud_server', mode: 'yearly_monthly', bill: 'refund', at: '2029-03-11 00:00:00', list: '-150' });
  ids.KN = await coupon('VN-KN', { partner: ids.vn, face: '50' });
  await run('bills', '2029-04-04 01:00:00');

  // the engine's bill, worked out by hand
  assert.deepEqual(await line(ids.V1), ['common', '100000', u('100'), u('90'), u('50'), u('3.6'), u('43.6'), '0']);
  assert.deepEqual(await line(ids.V2), ['no_discount', '0', '0', '0', '0', '0', '0', '1']);
  assert.deepEqual(await line(ids.V3), ['special', '', u('2'), u('1.5'), '0', u('0.135'), u('1.635'), '0']);
  assert.deepEqual(await header(ids.vn, 202903), ['2', u('-50'), u('90'), u('-135'), '0', u('-45'), u('-45'), '0', u('-4.05'), '0', u('49.05')]);
  assert.deepEqual(await one(`SELECT balance FROM coupons WHERE code = 'VN-KN'`), [u('50')]);

  for (const p of ['vdist', 'vneg']) {
    const r = await verify(p, '2029-03');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^bill of partner \d+ for 2029-03: equal \(\d+ lines\)$/m);
  }
});

test('April: a refund gives its coupons back, the coupons pay the net total; verify-bill equal', async () => {
  ids.R = await record('vd-R', { customer: ids.d1, partner: ids.vr1, code: 'elastic_cloud_server', bill: 'refund', at: '2029-04-02 00:00:00', list: '-50', cycle: 202904, refundCoupons: 1, original: ids.V1 });
  ids.V4 = await record('vd-V4', { customer: ids.d2, partner: ids.vd, code: 'elastic_cloud_server', at: '2029-04-03 00:00:00', list: '30', cycle: 202904 });
  await run('bills', '2029-05-04 01:00:00');
  assert.deepEqual(await line(ids.R), ['common', '100000', u('-50'), u('-45'), u('-45'), '0', '0', '0']);
  assert.deepEqual(await line(ids.V4), ['common', '100000', u('30'), u('27'), u('25'), u('0.18'), u('2.18'), '0']);
  const r = await verify('vdist', '2029-04');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /equal \(2 lines\)/);
});

/** ×10^-8 → the canonical text's amount: 8 decimals, '-' when negative. */
const amt = (v) => {
  const x = BigInt(v), a = x < 0n ? -x : x;
  return `${x < 0n ? '-' : ''}${a / E8}.${String(a % E8).padStart(8, '0')}`;
};
const opt = (v, money) => (v === 'NULL' ? '-' : money ? amt(v) : v);

/** The stored bill's canonical text (docs/bills.md), its header made from its lines. */
async function canonical(p, cycle) {
  const [billId, region, rate] = await one(`SELECT id, tax_region, tax_rate_ppm FROM partner_bills WHERE partner_id = ${p} AND billing_cycle = ${cycle}`);
  const rows = await stack.sql(`SELECT line_id, customer_id, product_id, billing_mode, bill_type, list_amount, settlement_type, IFNULL(discount_ppm, 'NULL'),
      IFNULL(fixed_price, 'NULL'), IFNULL(linear_size_milli, 'NULL'), IFNULL(usage_days_bp, 'NULL'), discount_ref, settlement, coupons, refund_coupons, tax, amount_due,
      IFNULL(partner_id, 0), IFNULL(late_cycle, 0), covered FROM bill_lines WHERE bill_id = ${billId} ORDER BY line_id`);
  const t = { list: 0n, expenditure: 0n, refund: 0n, adjustment: 0n, coupons: 0n, tax: 0n, due: 0n };
  const lines = rows.map((r) => {
    t.list += BigInt(r[5]); t[r[4]] += BigInt(r[12]); t.coupons += BigInt(r[13]); t.tax += BigInt(r[15]); t.due += BigInt(r[16]);
    return `${r.slice(0, 5).join('|')}|${amt(r[5])}|${r[6]}|${opt(r[7])}|${opt(r[8], 1)}|${opt(r[9])}|${opt(r[10])}|${r[11]}|${amt(r[12])}|${amt(r[13])}|${r[14]}|${amt(r[15])}|${amt(r[16])}|${r[17]}|${r[18]}|${r[19]}\n`;
  });
  const round2 = (v) => { const a = v < 0n ? -v : v, r = ((a + 500000n) / 1000000n) * 1000000n; return v < 0n ? -r : r; };
  const exact = t.expenditure + t.refund + t.adjustment, due = round2(t.due);
  const h = { lines: rows.length, list: t.list, exp: t.expenditure, ref: t.refund, adj: t.adjustment, exact, rounded: round2(exact), coupons: t.coupons, tax: t.tax,
    due: due > 0n ? due : 0n, credited: due < 0n ? -due : 0n };
  const text = `bill|${p}|${cycle}|${h.lines}|${[h.list, h.exp, h.ref, h.adj, h.exact, h.rounded, h.coupons, h.tax, h.due].map(amt).join('|')}|${region}|${rate}|${amt(h.credited)}\n${lines.join('')}`;
  return { billId, h, sha: createHash('sha256').update(text).digest('hex') };
}

/** Store the bill's header and SHA-256 as its (changed) lines make them: the storage checks pass. */
async function restamp(p, cycle) {
  const { billId, h, sha } = await canonical(p, cycle);
  await stack.sql(`UPDATE partner_bills SET list_total = ${h.list}, expenditures = ${h.exp}, refunds = ${h.ref}, adjustments = ${h.adj}, total_exact = ${h.exact},
    total_rounded = ${h.rounded}, coupons_used = ${h.coupons}, tax = ${h.tax}, amount_due = ${h.due}, credited = ${h.credited}, canonical_sha256 = '${sha}' WHERE id = ${billId}`);
}

test('a bill stored consistently (lines, SHA-256, header) but settled wrongly is still reported: the recomputation is independent', async () => {
  // the test's canonical text is the engine's: an untouched bill hashes alike
  const before = await canonical(ids.vd, 202903);
  assert.equal(before.sha, (await one(`SELECT canonical_sha256 FROM partner_bills WHERE id = ${before.billId}`))[0]);
  // what an engine applying 15 % instead of the 10 % in force would have stored for V5
  await stack.sql(`UPDATE bill_lines SET discount_ppm = 150000, settlement = ${u('8.5')}, tax = ${u('0.765')}, amount_due = ${u('9.265')} WHERE line_id = ${ids.V5}`);
  await restamp(ids.vd, 202903);
  const r = await verify('vdist', '2029-03');
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /do not hash|differs from its lines/, 'the storage checks pass');
  assert.match(r.stdout, new RegExp(`line ${ids.V5} differs \\(discount, settlement, tax, amount due\\):\\n  stored: +${ids.V5}\\|.*\\|150000\\|.*\\|8\\.50000000\\|.*\\n  recomputed: ${ids.V5}\\|.*\\|100000\\|.*\\|9\\.00000000\\|`));
  assert.match(r.stdout, /the header differs from the recomputation/);
  assert.match(r.stdout, /different \(4 lines\)/);
  // a coupon allocated to the wrong line, stored consistently: found too
  await stack.sql(`UPDATE bill_lines SET discount_ppm = 100000, settlement = ${u('9')}, tax = ${u('0.81')}, amount_due = ${u('9.81')} WHERE line_id = ${ids.V5};
    UPDATE bill_lines SET coupons = coupons - ${u('1')}, tax = tax + ${u('0.09')}, amount_due = amount_due + ${u('1.09')} WHERE line_id = ${ids.V1};
    UPDATE bill_lines SET coupons = ${u('1')}, tax = ${u('0.72')}, amount_due = ${u('8.72')} WHERE line_id = ${ids.V5}`);
  await restamp(ids.vd, 202903);
  const c = await verify('vdist', '2029-03');
  assert.equal(c.code, 1, c.stdout);
  assert.doesNotMatch(c.stdout, /do not hash|differs from its lines/);
  assert.match(c.stdout, new RegExp(`line ${ids.V1} differs \\(coupons, tax, amount due\\)`));
  assert.match(c.stdout, new RegExp(`line ${ids.V5} differs \\(coupons, tax, amount due\\)`));
});

test('the nightly ledger job reports the bill that differs to the operator; clean bills add nothing', async () => {
  // the latest billed cycle is April: clean
  await run('ledger', '2029-05-06 00:00:00');
  let [problems, report] = await one('SELECT problems, report FROM ledger_checks ORDER BY id DESC LIMIT 1');
  assert.equal(problems, '0', report);
  assert.equal(report, '');
  // an April line changed consistently with its header and SHA-256
  await stack.sql(`UPDATE bill_lines SET settlement = settlement + ${u('1')}, amount_due = amount_due + ${u('1')} WHERE line_id = ${ids.V4}`);
  await restamp(ids.vd, 202904);
  await run('ledger', '2029-05-07 00:00:00');
  [problems, report] = await one('SELECT problems, report FROM ledger_checks ORDER BY id DESC LIMIT 1');
  assert.equal(problems, '1', report);
  const [billId] = await one(`SELECT id FROM partner_bills WHERE partner_id = ${ids.vd} AND billing_cycle = 202904`);
  assert.match(report, new RegExp(`^bill ${billId} of partner ${ids.vd} \\(vdist\\) for 2029-04 differs:\\\\nline ${ids.V4} differs \\(settlement, amount due\\)`));
  const job = await one("SELECT error FROM job_runs WHERE job = 'ledger' ORDER BY id DESC LIMIT 1");
  assert.match(job[0], /ledger: 1 problem/);
});
