// Bills a partner can trust (issue 14): who is billed, what, and when — a hand-worked
// fixture in 2028 (billing time zone GMT+08:00, tax region SG, GST 9 %, every partner with
// a common settlement discount of 10 %).  Amounts to 8 decimals.
//
// Distributor TD with resellers TR1 and TR2 (ch10 §10.2.4.1): the vendor bills TD alone, for
// its own customer c3 and its resellers' customers c1 (TR1) and c2 (TR2); each line carries
// the reseller it came through.  Coupons: K1 limited to reseller TR1 (30), K2 limited to
// customer c2 (10).  TD's savings on CDN: 0.15 fixed × linear size 10 × Usage Days/Total.
//
// line  customer        record                          settlement      coupons   tax 9 %       amount due
// T1    c1 (TR1)        ECS 100                          90.00000000    K1 30     5.40000000    65.40000000
// T2    c2 (TR2)        ECS 50.5                         45.45000000    K2 10     3.19050000    38.64050000
// T3    c3 (TD)         EVS 20                           18.00000000              1.62000000    19.62000000
// T4    c1 (TR1)        ECS usage in a yearly package     0 (list 0)    (covered: not billed separately)
// T5    c2 (TR2)        ECS usage in a reserved instance  0 (list 0)    (covered)
// T6    c2 (TR2)        CDN 0.7142857142 × 0.15 × 10 × 50 %   0.53571429 (one rounding; two steps gave
//                       0.53571430)                                 0.04821429    0.58392858
// Expenditures 153.98571429 → 153.99; list 100 + 50.5 + 20 + 5 = 175.5; coupons 40; tax
// 10.25871429; Σ amounts due 124.24442858 → 124.24.
//
// A record of c1 for March (ECS 25 h × 0.0464 = 1.16 list → 1.044) rated on 10 April, after
// March was billed, goes on TD's April bill as a late line: tax 0.09396, due 1.13796 → 1.14.
//
// Partner TN: expenditure 100 → 90 and a refund −150 → −135: total −45, tax 8.1 − 12.15 =
// −4.05, Σ due −49.05.  Its coupon K3 (50) pays nothing and keeps its balance; amount due 0,
// 49.05 credited to TN's top-up balance (a "Refund" statement line), nothing to rounding.
//
// Partner TM, orders rated by the rating job: March O1 ECS 100 → 90, coupon K4 (50) pays 50:
// due 40 + 3.6 = 43.60.  April: O2 unsubscribes O1 because its renewal had not taken effect
// (coupons come back), O3 ECS 200 → 180, O4 a downgrade refund of O3 −20 → −18 (no coupons
// back).  O2: −90, coupons −50 (back to K4), tax −3.6, due −43.6; then K4 (50) pays 50 of O3
// (net total 180 − 90 − 18 + 50 = 122 leaves room): O3 130 + 11.7 = 141.7; O4 −18 − 1.62 =
// −19.62.  Expenditures 180, refunds −108, coupons 0, tax 6.48, amount due 78.48.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { billFixture, dec8 } from '../lib/bill_fixture.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const fx = billFixture(() => stack, 2028);
const u = dec8;
const { one, product, partner, customer, record, coupon, run } = fx;
const ids = {};

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** A paid order of ECS (yearly/monthly), as the order flow stores it. */
async function order(no, { customer: c, partner: p, type = 'new', paid, list, original = null, cause = 'requested' }) {
  await stack.sql(`INSERT INTO orders (order_no, customer_id, partner_id, order_type, status, ordered_at, list_amount, product_id, billing_mode, region, paid_at, amount_paid, cash_paid, original_order_id, refund_cause)
    VALUES ('${no}', ${c}, ${p}, '${type}', 'completed', '${paid}', ${u(list)}, ${product('elastic_cloud_server')}, 'yearly_monthly', 'ap-southeast-1', '${paid}', ${u(list)}, ${u(list)},
      ${original ? `(SELECT o.id FROM orders o WHERE o.order_no = '${original}')` : 'NULL'}, '${cause}')`);
}

const lineOf = async (key) => (await one(`SELECT id FROM expenditure_lines WHERE source_key = '${key}'`))[0];
const billLine = (lineId) => one(`SELECT p.account_name, bl.list_amount, bl.settlement_type, bl.settlement, bl.coupons, bl.tax, bl.amount_due, bl.covered, IFNULL(bl.late_cycle, '')
  FROM bill_lines bl JOIN partners p ON p.id = bl.partner_id WHERE bl.line_id = ${lineId}`);
const HEADER = 'line_count, list_total, expenditures, refunds, adjustments, total_exact, total_rounded, coupons_used, tax, amount_due, credited, status';
const header = (p, cycle) => one(`SELECT ${HEADER} FROM partner_bills WHERE partner_id = ${p} AND billing_cycle = ${cycle}`);

test('March: the distributor is billed for its resellers\' customers, covered usage is not billed, the fixed price is rounded once, coupons follow reseller and customer limits', async () => {
  ids.td = await partner('tdist', 'distributor');
  ids.tr1 = await partner('tres1', 'reseller', ids.td);
  ids.tr2 = await partner('tres2', 'reseller', ids.td);
  ids.c1 = await customer('tc1', ids.tr1);
  ids.c2 = await customer('tc2', ids.tr2);
  ids.c3 = await customer('tc3', ids.td);
  await stack.sql(`INSERT INTO commercial_discounts (code, partner_id, level, customer_id, body, effective_at, expires_at, created_at)
      VALUES ('TDSAVCDN01', ${ids.td}, 'partner', NULL, 'savings', '2028-01-01 00:00:00', '2028-12-31 15:59:59', UTC_TIMESTAMP());
    INSERT INTO commercial_discount_items (discount_id, product_id, discount_ppm, fixed_price, linear_size_milli, usage_days)
      SELECT id, ${product('content_delivery_network')}, NULL, ${u('0.15')}, 10000, 1 FROM commercial_discounts WHERE code = 'TDSAVCDN01';
    INSERT INTO bandwidth_monthly (resource_key, billing_cycle, samples, discarded, billable_mbps, usage_days_bp, computed_at)
      VALUES ('td-cdn', 202803, 4464, 223, 0.7142857142, 5000, UTC_TIMESTAMP())`);
  ids.T1 = await record('td-T1', { customer: ids.c1, partner: ids.tr1, code: 'elastic_cloud_server', at: '2028-03-05 00:00:00', list: '100' });
  ids.T2 = await record('td-T2', { customer: ids.c2, partner: ids.tr2, code: 'elastic_cloud_server', at: '2028-03-06 00:00:00', list: '50.5' });
  ids.T3 = await record('td-T3', { customer: ids.c3, partner: ids.td, code: 'elastic_volume_service', at: '2028-03-07 00:00:00', list: '20' });
  ids.T4 = await record('u:td-T4', { customer: ids.c1, partner: ids.tr1, code: 'elastic_cloud_server', mode: 'yearly_monthly', at: '2028-03-08 00:00:00', list: '72' });
  ids.T5 = await record('u:td-T5', { customer: ids.c2, partner: ids.tr2, code: 'elastic_cloud_server', mode: 'reserved_instance', at: '2028-03-09 00:00:00', list: '30' });
  ids.T6 = await record('td-T6', { customer: ids.c2, partner: ids.tr2, code: 'content_delivery_network', at: '2028-03-31 15:59:59', list: '5', qty: '0.7142857142', resource: 'td-cdn', monthly: 1 });
  ids.K1 = await coupon('TD-K1', { partner: ids.td, reseller: ids.tr1, face: '30' });
  ids.K2 = await coupon('TD-K2', { partner: ids.td, customer: ids.c2, face: '10' });

  // TN: a refund larger than the month's spend, with a coupon that must stay untouched
  ids.tn = await partner('tneg', 'solution_provider');
  ids.c4 = await customer('tc4', ids.tn);
  ids.N1 = await record('tn-N1', { customer: ids.c4, partner: ids.tn, code: 'elastic_cloud_server', at: '2028-03-10 00:00:00', list: '100' });
  ids.N2 = await record('tn-N2', { customer: ids.c4, partner: ids.tn, code: 'elastic_cloud_server', mode: 'yearly_monthly', bill: 'refund', at: '2028-03-11 00:00:00', list: '-150' });
  ids.K3 = await coupon('TN-K3', { partner: ids.tn, face: '50' });

  // TM: an order rated by the rating job, paid half with coupon K4
  ids.tm = await partner('tret', 'solution_provider');
  ids.c5 = await customer('tc5', ids.tm);
  await order('TRET-O1', { customer: ids.c5, partner: ids.tm, paid: '2028-03-10 02:00:00', list: '100' });
  ids.K4 = await coupon('TM-K4', { partner: ids.tm, face: '50' });
  await run('rating', '2028-03-31 00:00:00');

  await run('bills', '2028-04-04 01:00:00');
  assert.deepEqual(await header(ids.td, 202803), ['6', u('175.5'), u('153.98571429'), '0', '0', u('153.98571429'), u('153.99'),
    u('40'), u('10.25871429'), u('124.24'), '0', 'unpaid']);
  assert.equal((await one(`SELECT COUNT(*) FROM partner_bills WHERE partner_id IN (${ids.tr1}, ${ids.tr2})`))[0], '0', 'no reseller is billed');
  assert.deepEqual(await billLine(ids.T1), ['tres1', u('100'), 'common', u('90'), u('30'), u('5.4'), u('65.4'), '0', '']);
  assert.deepEqual(await billLine(ids.T2), ['tres2', u('50.5'), 'common', u('45.45'), u('10'), u('3.1905'), u('38.6405'), '0', '']);
  assert.deepEqual(await billLine(ids.T3), ['tdist', u('20'), 'common', u('18'), '0', u('1.62'), u('19.62'), '0', '']);
  assert.deepEqual(await billLine(ids.T4), ['tres1', '0', 'no_discount', '0', '0', '0', '0', '1', '']);
  assert.deepEqual(await billLine(ids.T5), ['tres2', '0', 'no_discount', '0', '0', '0', '0', '1', '']);
  assert.deepEqual(await billLine(ids.T6), ['tres2', u('5'), 'special', u('0.53571429'), '0', u('0.04821429'), u('0.58392858'), '0', '']);
  assert.deepEqual(await stack.sql(`SELECT code, balance, status FROM coupons WHERE code LIKE 'TD-%' ORDER BY code`),
    [['TD-K1', '0', 'used'], ['TD-K2', '0', 'used']]);
  const vb = await stack.pcadm(['verify-bill', 'tdist', '2028-03']);
  assert.equal(vb.code, 0, vb.stdout + vb.stderr);
});

test('March: a bill that refunds make negative uses no coupon, owes nothing and credits the rest to the top-up balance', async () => {
  assert.deepEqual(await header(ids.tn, 202803), ['2', u('-50'), u('90'), u('-135'), '0', u('-45'), u('-45'),
    '0', u('-4.05'), '0', u('49.05'), 'paid']);
  assert.deepEqual(await one(`SELECT balance, status FROM coupons WHERE code = 'TN-K3'`), [u('50'), 'available']);
  assert.equal((await one(`SELECT COUNT(*) FROM coupon_usage WHERE coupon_id = ${ids.K3}`))[0], '0');
  // the bill's entry books nothing to rounding; the credit is its own "refund" entry
  const postings = await stack.sql(`SELECT e.kind, a.code, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key IN ('bill:${ids.tn}:202803', 'bill_credit:${ids.tn}:202803') ORDER BY e.id, a.code`);
  assert.deepEqual(postings, [['bill', `p${ids.tn}:receivable`, u('-49.05')], ['bill', 'vendor:sales', u('45')], ['bill', 'vendor:tax', u('4.05')],
    ['refund', `p${ids.tn}:receivable`, u('49.05')], ['refund', `p${ids.tn}:top_up`, u('-49.05')]]);
  // its invoice says the same: payable −49.05, no rounding line
  assert.deepEqual(await one(`SELECT i.payable, i.rounding FROM invoices i JOIN partner_bills b ON b.invoice_id = i.id
    WHERE b.partner_id = ${ids.tn} AND b.billing_cycle = 202803`), [u('-49.05'), '0']);
  const vb = await stack.pcadm(['verify-bill', 'tneg', '2028-03']);
  assert.equal(vb.code, 0, vb.stdout + vb.stderr);
});

test('April: a record rated after March was billed lands once on the next bill; a refund whose renewal had not taken effect gives its coupons back', async () => {
  assert.deepEqual(await header(ids.tm, 202803), ['1', u('100'), u('90'), '0', '0', u('90'), u('90'), u('50'), u('3.6'), u('43.6'), '0', 'unpaid']);
  // c1's March usage arrives late: 25 h of ECS at 0.0464
  await stack.sql(`INSERT INTO usage_records (record_id, customer_id, resource_key, product_id, region, billing_item, start_at, end_at, quantity, unit, imported_at, import_batch)
    VALUES ('td-late-1', ${ids.c1}, 'td-vm-1', ${product('elastic_cloud_server')}, 'ap-southeast-1', 'instance_hours', '2028-03-24 01:00:00', '2028-03-25 02:00:00', 25, 'hour', '2028-04-10 00:00:00', 0)`);
  await order('TRET-O2', { customer: ids.c5, partner: ids.tm, type: 'unsubscription', paid: '2028-04-05 02:00:00', list: '100', original: 'TRET-O1', cause: 'renewal_not_effective' });
  await order('TRET-O3', { customer: ids.c5, partner: ids.tm, paid: '2028-04-06 02:00:00', list: '200' });
  await order('TRET-O4', { customer: ids.c5, partner: ids.tm, type: 'unsubscription', paid: '2028-04-07 02:00:00', list: '20', original: 'TRET-O3' });
  await run('rating', '2028-04-10 00:00:00');
  const late = await lineOf('u:td-late-1');
  assert.deepEqual(await one(`SELECT partner_id, billing_cycle FROM bill_late_lines WHERE line_id = ${late}`), [String(ids.td), '202803']);
  assert.deepEqual(await one(`SELECT refund_coupons, original_line_id FROM expenditure_lines WHERE source_key = 'r:TRET-O2'`), ['1', await lineOf('o:TRET-O1')]);
  assert.deepEqual(await one(`SELECT refund_coupons, original_line_id FROM expenditure_lines WHERE source_key = 'r:TRET-O4'`), ['0', await lineOf('o:TRET-O3')]);
  // a second March run changes nothing: March's bills are immutable
  await run('bills', '2028-04-05 01:00:00');
  assert.equal((await one(`SELECT line_count FROM partner_bills WHERE partner_id = ${ids.td} AND billing_cycle = 202803`))[0], '6');
  assert.equal((await one(`SELECT COUNT(*) FROM bill_lines WHERE line_id = ${late}`))[0], '0');

  await run('bills', '2028-05-04 01:00:00');
  assert.deepEqual(await header(ids.td, 202804), ['1', u('1.16'), u('1.044'), '0', '0', u('1.044'), u('1.04'), '0', u('0.09396'), u('1.14'), '0', 'unpaid']);
  assert.deepEqual(await billLine(late), ['tres1', u('1.16'), 'common', u('1.044'), '0', u('0.09396'), u('1.13796'), '0', '202803']);
  assert.deepEqual(await billLine(await lineOf('r:TRET-O2')), ['tret', u('-100'), 'common', u('-90'), u('-50'), u('-3.6'), u('-43.6'), '0', '']);
  assert.deepEqual(await billLine(await lineOf('o:TRET-O3')), ['tret', u('200'), 'common', u('180'), u('50'), u('11.7'), u('141.7'), '0', '']);
  assert.deepEqual(await billLine(await lineOf('r:TRET-O4')), ['tret', u('-20'), 'common', u('-18'), '0', u('-1.62'), u('-19.62'), '0', '']);
  assert.deepEqual(await header(ids.tm, 202804), ['3', u('80'), u('180'), u('-108'), '0', u('72'), u('72'), '0', u('6.48'), u('78.48'), '0', 'unpaid']);
  assert.deepEqual(await one(`SELECT balance, status FROM coupons WHERE code = 'TM-K4'`), ['0', 'used']);
  assert.deepEqual(await stack.sql(`SELECT u.billing_cycle, u.amount FROM coupon_usage u WHERE u.coupon_id = ${ids.K4} ORDER BY u.id`),
    [['202803', u('50')], ['202804', u('-50')], ['202804', u('50')]]);
  // a third run takes the late record no second time
  await run('bills', '2028-05-05 01:00:00');
  assert.equal((await one(`SELECT COUNT(*) FROM bill_lines WHERE line_id = ${late}`))[0], '1');
  for (const [p, m] of [['tdist', '2028-04'], ['tret', '2028-04'], ['tret', '2028-03']]) {
    const vb = await stack.pcadm(['verify-bill', p, m]);
    assert.equal(vb.code, 0, `${p} ${m}: ${vb.stdout}${vb.stderr}`);
  }
});

test('verify-ledger proves completeness: every billed record is on exactly one bill, and a record left off is named', async () => {
  const ok = await stack.pcadm(['verify-ledger']);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^bills: 0 billed records on no bill$/m);
  // a record slipped into billed March behind the rating's back (no late queue): found
  const lost = await record('td-lost', { customer: ids.c2, partner: ids.tr2, code: 'elastic_cloud_server', at: '2028-03-20 00:00:00', list: '7' });
  const bad = await stack.pcadm(['verify-ledger']);
  assert.equal(bad.code, 1, bad.stdout);
  assert.match(bad.stdout, new RegExp(`record td-lost \\(line ${lost}\\) of partner ${ids.td}'s cycle 202803 is on no bill`));
  assert.match(bad.stdout, /^bills: 1 billed record on no bill$/m);
  // the nightly check records it for the operator
  await run('ledger', '2028-05-06 00:00:00');
  const [problems, report] = await one(`SELECT problems, report FROM ledger_checks ORDER BY id DESC LIMIT 1`);
  assert.equal(problems, '1');
  assert.match(report, /record td-lost/);
  await stack.sql(`DELETE FROM expenditure_lines WHERE id = ${lost}`);
});
