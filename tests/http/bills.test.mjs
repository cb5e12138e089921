// Partner Bills (spec 9.4.1.2–9.4.1.5): the Amount Due pane, the monthly bill with its
// header and verification hash, the current month's estimate, By Product (with the
// KooGallery summary, "Other" and the region filter) and By Customer (masked names, eye
// toggle, Total Amount), Consumed Product Details in keyset pages, Export Bills (max 12
// months) and Export Bill Details (the 56 fields of §9.4.1.3), the PDF of a bill, and who
// must not see what.  The bills are made by the worker's bill run from seeded expenditure
// lines (tests/lib/bill_seed.mjs); every figure asserted is worked out from the lines here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { parseCsv } from '../lib/csv.mjs';
import { cycleText, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';
import { CLEAN, USD, billOf, grantCoupon, headerOf, money, money8, round2, runBills, runEstimates, seedLine } from '../lib/bill_seed.mjs';

const CUR = monthsBack(0), P1 = monthsBack(1), P2 = monthsBack(2), P3 = monthsBack(3), P4 = monthsBack(4);
const C = 1000000n; // a cent ×10^8 / 10^6: amounts below are written in USD × 10^8
let stack, admin, finance, am, other;
const ids = {}, products = {}, categories = {};
let billA, billB, billC, billD, billOther;
const scratch = mkdtempSync(join(tmpdir(), 'pc-bills-files-'));

const signed = (name) => signIn(stack.base, name);
const text = (html, id) => { const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html); return m ? m[1] : null; };
const lineIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

before(async () => {
  stack = await startStack();
  await stack.sql(CLEAN);
  for (const [a, p] of await stack.sql('SELECT account_name, id FROM customers')) ids[a] = Number(p);
  for (const [c, p, cat, sort] of await stack.sql('SELECT code, id, category_id, sort FROM products')) {
    products[c] = Number(p);
    categories[c] = { id: Number(cat), sort: Number(sort) };
  }
  const P = products;
  // partner 1 is taxed in SG (GST 9 %) and settles common products at 25 % off; partner 2 at 10 % off;
  // a KooGallery product of seller betam-hk-saas at a partner-level resale discount of 10 %;
  // a fixed-price deal (savings): VPC at 0.15 per pricing unit × linear size 5
  await stack.sql(`UPDATE partners SET tax_region = 'SG' WHERE id = 1;
    INSERT INTO settlement_discounts (partner_id, settlement_type, discount_ppm, valid_from, created_at) VALUES
      (1, 'common', 250000, '2000-01-01 00:00:00', UTC_TIMESTAMP()), (2, 'common', 100000, '2000-01-01 00:00:00', UTC_TIMESTAMP());
    UPDATE products SET koogallery_seller = 'betam-hk-saas' WHERE code = 'log_tank_service';
    INSERT INTO koogallery_discounts (uuid, level, product_id, partner_id, discount_ppm, status, valid_from, valid_until, updated_at)
      VALUES (UUID(), 'partner', ${P.log_tank_service}, 1, 100000, 'effective', '2000-01-01 00:00:00', '2099-12-31 00:00:00', UTC_TIMESTAMP());
    INSERT INTO commercial_discounts (code, partner_id, level, body, effective_at, expires_at, status, created_at)
      VALUES ('CD-VPC-1', 1, 'partner', 'savings', '2000-01-01 00:00:00', '2099-12-31 00:00:00', 'effective', UTC_TIMESTAMP());
    INSERT INTO commercial_discount_items (discount_id, product_id, fixed_price, linear_size_milli)
      SELECT id, ${P.virtual_private_cloud}, 15000000, 5000 FROM commercial_discounts WHERE code = 'CD-VPC-1'`);
  const seed = (partner, cycle, lines) => Promise.all(lines.map((l) => seedLine(stack, partner, cycle, l)));
  // P4: 55 lines, two pages of Consumed Product Details
  const d = await seed(1, P4, Array.from({ length: 55 }, (_, i) => ({
    customer: i % 2 ? ids.contoso : ids.northwind, productId: i % 3 ? P.elastic_cloud_server : P.elastic_volume_service,
    list: BigInt(i + 1) * USD })));
  const b = await seed(1, P2, [{ customer: ids.northwind, productId: P.elastic_cloud_server, list: 20n * USD }]);
  const c = await seed(1, P3, [{ customer: ids.fabrikam, productId: P.elastic_cloud_server, list: 10n * USD }]);
  for (const cy of [P4, P3, P2]) await runBills(stack, cy);
  // cash coupons for P1 only: 100 on ECS pay-per-use (general), 10 on Contoso's EVS (customer-specific)
  await grantCoupon(stack, 1, { amount: 100n * USD, productId: P.elastic_cloud_server, mode: 'pay_per_use' });
  await grantCoupon(stack, 1, { amount: 10n * USD, customer: ids.contoso, productId: P.elastic_volume_service });
  // P1, worked out by hand (settlement, coupons, tax at 9 % half-up at 10^-8):
  const a = [];
  // 1,000 at 25 % → 750; coupons 100 → 650; tax 58.5 → 708.5 (the spec's 9.4.1.3 line with SG tax)
  a.push({ customer: ids.northwind, productId: P.elastic_cloud_server, list: 1000n * USD, expect: [750n * USD, 100n * USD, 5850n * C] });
  // 30.30 at 25 % → 22.725 (3f.3: the guide's 25.22 is wrong); coupons 10 → 12.725; tax 1.14525 → 13.87025
  a.push({ customer: ids.contoso, productId: P.elastic_volume_service, mode: 'yearly_monthly', region: 'af-south-1',
    list: 3030n * C, expect: [2272500000n, 10n * USD, 114525000n] });
  // a refund: −40 at 25 % → −30, tax −2.7
  a.push({ customer: ids.northwind, productId: P.elastic_cloud_server, mode: 'yearly_monthly', bill: 'refund', list: -40n * USD,
    expect: [-30n * USD, 0n, -270n * C] });
  // a vendor adjustment settles at its amount: −5, tax −0.45
  a.push({ customer: ids.fabrikam, productId: P.relational_database_service, bill: 'adjustment', region: 'eu-west-101',
    list: -5n * USD, expect: [-5n * USD, 0n, -45n * C] });
  // KooGallery: 12.3456789 at 10 % → 11.11111101; tax 0.9999999909 → 0.99999999
  a.push({ customer: ids.contoso, productId: P.log_tank_service, list: 1234567890n, expect: [1111111101n, 0n, 99999999n] });
  // fixed price 0.15 × 100 × 5 = 75; tax 6.75
  a.push({ customer: ids.northwind, productId: P.virtual_private_cloud, item: 'bandwidth_p95', qty: 100, list: 100n * USD,
    expect: [75n * USD, 0n, 675n * C] });
  const aSeeded = [];
  for (const l of a) aSeeded.push(await seedLine(stack, 1, P1, l));
  const o = await seed(2, P1, [{ customer: ids.wideworld, productId: P.elastic_cloud_server, list: 999n * USD }]);
  await runBills(stack, P1);
  billA = await billOf(stack, 1, P1, aSeeded);
  billB = await billOf(stack, 1, P2, b);
  billC = await billOf(stack, 1, P3, c);
  billD = await billOf(stack, 1, P4, d);
  billOther = await billOf(stack, 2, P1, o);
  // payments are issue 6: B partially paid, C and D paid, as a payment would leave them
  await stack.sql(`UPDATE partner_bills SET status = 'partially_paid', amount_paid = ${5n * USD} WHERE id = ${billB.id};
    UPDATE partner_bills SET status = 'paid', amount_paid = amount_due WHERE id IN (${billC.id}, ${billD.id})`);
  // the current month: 200 at 25 % → 150 and a refund −20 → −15: the estimate is 135, no tax or coupons
  await seed(1, CUR, [{ customer: ids.northwind, productId: P.elastic_cloud_server, list: 200n * USD, day: 1 },
    { customer: ids.northwind, productId: P.elastic_cloud_server, mode: 'yearly_monthly', bill: 'refund', list: -20n * USD, day: 1 }]);
  await runEstimates(stack);
  [admin, finance, am, other] = await Promise.all(['csp.admin', 'csp.finance1', 'csp.am1', 'dist.admin'].map(signed));
});
after(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('the bill run settled the seeded lines as worked out by hand, and its header adds them up', async () => {
  for (const l of billA.lines) assert.deepEqual([l.settlement, l.coupons, l.tax], l.expect, l.key);
  assert.deepEqual(billA.lines.map((l) => l.settlementType), ['common', 'common', 'common', 'no_discount', 'resale_partner', 'special']);
  assert.deepEqual(billA.header, { ...headerOf(billA.lines), paid: 0n });
  assert.equal(billA.status, 'unpaid');
  // 750 + 22.725 + 11.11111101 + 75 − 30 − 5 = 823.83611101; due round2(823.83611101 − 110 + 64.24524999) = 778.08
  assert.equal(billA.header.totalExact, 82383611101n);
  assert.equal(billA.header.amountDue, 77808n * C);
  for (const bill of [billB, billC, billD, billOther]) {
    const { paid, ...h } = bill.header;
    assert.deepEqual(h, headerOf(bill.lines));
  }
});

test('Amount Due: the unpaid part of the unpaid, partially paid and overdue bills, with the Unpaid Bills list', async () => {
  const r = await admin.get('/finance/bills');
  assert.equal(r.status, 200);
  const expected = billA.header.amountDue + (billB.header.amountDue - 5n * USD); // C and D are paid
  assert.equal(text(r.text, 'due-total'), money(expected));
  const unpaid = [...r.text.matchAll(/<tr data-bill="(\d+)">.*?class="num due">([^<]*)</g)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(unpaid, [[billA.id, money(billA.header.amountDue)], [billB.id, money(billB.header.amountDue - 5n * USD)]]);
  assert.match(r.text, /id="pay" href="\/finance\/funds\?tab=pay"/, 'Pay leads to Funds');
});

test('the monthly bill of the newest cycle by default: every header figure, the hash, rate and currency', async () => {
  const r = await finance.get('/finance/bills'); // the Finance specialist has finance.view
  assert.equal(r.status, 200);
  const h = headerOf(billA.lines);
  assert.equal(/<select id="q-month"[\s\S]*?<option value="([^"]+)" selected/.exec(r.text)[1], cycleText(P1));
  assert.equal(text(r.text, 'bill-status'), 'Unpaid');
  assert.equal(text(r.text, 'bill-amount-due'), '778.08');
  assert.equal(text(r.text, 'bill-expenditures'), money(h.expenditures));
  assert.equal(text(r.text, 'bill-expenditures'), '858.84');
  assert.equal(text(r.text, 'bill-refunds'), '-30.00');
  assert.equal(text(r.text, 'bill-adjustments'), '-5.00');
  assert.equal(text(r.text, 'bill-coupons'), '110.00');
  assert.equal(text(r.text, 'bill-tax'), money(h.tax));
  assert.equal(text(r.text, 'bill-total'), '823.84');
  assert.equal(text(r.text, 'bill-total-exact'), '823.83611101');
  assert.equal(text(r.text, 'bill-hash'), billA.hash);
  assert.match(r.text, /Verification hash/);
  assert.match(text(r.text, 'bill-rate'), /^1\.0000000000 \(USD\)$/);
  // due on Billing.due_day (20) of the next month at 23:59:59, generated by the run of day 4 (GMT+08:00)
  assert.match(text(r.text, 'bill-due-at'), /^\d{4}-\d\d-20 23:59:59 GMT\+08:00$/);
  assert.match(text(r.text, 'bill-generated-at'), /^\d{4}-\d\d-04 08:00:00 GMT\+08:00$/);
  // the month selector: the current month, then the partner's cycles newest first (not partner 2's)
  const months = [.../<select id="q-month"[\s\S]*?<\/select>/.exec(r.text)[0].matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(months, [CUR, P1, P2, P3, P4].map(cycleText));
});

test('the current month shows the estimate (no tax, no coupons); a month without either says so; a bad month is refused', async () => {
  const r = await admin.get(`/finance/bills?month=${cycleText(CUR)}`);
  assert.equal(r.status, 200);
  assert.match(text(r.text, 'estimate-note'), /estimate, refreshed daily, no tax or coupons/);
  assert.equal(text(r.text, 'estimate-amount'), '135.00000000');
  assert.equal(text(r.text, 'estimate-expenditures'), '150.00000000');
  assert.equal(text(r.text, 'estimate-refunds'), '-15.00000000');
  assert.equal(text(r.text, 'estimate-adjustments'), '0.00000000');
  assert.doesNotMatch(r.text, /id="bill"/);
  const none = await admin.get(`/finance/bills?month=${cycleText(monthsBack(7))}`);
  assert.equal(none.status, 200);
  assert.equal(text(none.text, 'no-bill'), 'There is no bill for this month.');
  // partner 2 has no estimate: its current month has no bill either
  assert.equal(text((await other.get(`/finance/bills?month=${cycleText(CUR)}`)).text, 'no-bill'), 'There is no bill for this month.');
  for (const bad of ['2026-13', 'abc', '2026-1']) {
    const b = await admin.get(`/finance/bills?month=${bad}`);
    assert.equal(b.status, 400);
    assert.equal(text(b.text, 'e-month'), 'The month must be given as YYYY-MM.');
    assert.doesNotMatch(b.text, /id="bill"|id="no-bill"/);
  }
});

/** [level, label (or "mode / type"), amount] of the By Product tree. */
function treeOf(html) {
  return [...html.matchAll(/<tr class="lvl-(\d)"[^>]*>\s*(?:<td class="label" colspan="3">([^<]*)<\/td>|<td><\/td><td class="mode">([^<]*)<\/td><td class="type">([^<]*)<\/td>)\s*<td class="num amount">([^<]*)</g)]
    .map((m) => [Number(m[1]), m[2] !== undefined ? decode(m[2]) : `${m[3]} / ${m[4]}`, m[5]]);
}

test('By Product: cloud expenditure by category and product, Other for refunds and adjustments, KooGallery by seller', async () => {
  const r = await admin.get(`/finance/bills?month=${cycleText(P1)}&tab=product`);
  assert.equal(r.status, 200);
  const cat = Object.fromEntries(await stack.sql('SELECT id, name FROM product_categories'));
  const name = Object.fromEntries((await stack.sql('SELECT code, name FROM products')).map(([c, n]) => [c, n]));
  // worked out from the lines: sections in order, categories by id, products by sort
  const cloud = ['elastic_cloud_server', 'virtual_private_cloud', 'elastic_volume_service'] // compute(1), networking(2), storage
    .sort((a, b) => categories[a].id - categories[b].id);
  const amounts = { elastic_cloud_server: 750n * USD, virtual_private_cloud: 75n * USD, elastic_volume_service: 2272500000n };
  const modes = { elastic_cloud_server: 'Pay-per-use', virtual_private_cloud: 'Pay-per-use', elastic_volume_service: 'Yearly/monthly' };
  const expected = [[0, 'Cloud expenditure summary', money(825n * USD + 2272500000n, 8)]];
  for (const p of cloud) {
    expected.push([1, cat[categories[p].id], money(amounts[p], 8)], [2, name[p], money(amounts[p], 8)], [3, `${modes[p]} / Expenditure`, money(amounts[p], 8)]);
  }
  const otherRows = [['elastic_cloud_server', 'Yearly/monthly / Refund', -30n * USD], ['relational_database_service', 'Pay-per-use / Adjustment', -5n * USD]]
    .sort((a, b) => categories[a[0]].id - categories[b[0]].id);
  expected.push([0, 'Other (refunds and adjustments)', money(-35n * USD, 8)]);
  for (const [p, leaf, v] of otherRows) expected.push([1, cat[categories[p].id], money(v, 8)], [2, name[p], money(v, 8)], [3, leaf, money(v, 8)]);
  expected.push([0, 'Marketplace (KooGallery) expenditure summary', '11.11111101'], [1, 'betam-hk-saas', '11.11111101'],
    [2, name.log_tank_service, '11.11111101'], [3, 'Pay-per-use / Expenditure', '11.11111101']);
  assert.deepEqual(treeOf(r.text), expected);
  // the sections add up to the bill's exact total
  assert.equal(825n * USD + 2272500000n - 35n * USD + 1111111101n, billA.header.totalExact);
  // the region filter: only af-south-1's line
  const af = await admin.get(`/finance/bills?month=${cycleText(P1)}&tab=product&region=af-south-1`);
  assert.deepEqual(treeOf(af.text), [[0, 'Cloud expenditure summary', '22.72500000'], [1, cat[categories.elastic_volume_service.id], '22.72500000'],
    [2, name.elastic_volume_service, '22.72500000'], [3, 'Yearly/monthly / Expenditure', '22.72500000']]);
  const none = await admin.get(`/finance/bills?month=${cycleText(P1)}&tab=product&region=eu-west-0`);
  assert.deepEqual(treeOf(none.text), []);
  assert.ok(text(none.text, 'no-tree'));
});

test('By Customer: a row per customer × product × mode × bill type, rounded to 2 decimals, a Total Amount row, masked names', async () => {
  const r = await admin.get(`/finance/bills?month=${cycleText(P1)}&tab=customer`);
  assert.equal(r.status, 200);
  assert.match(text(r.text, 'rounded-note'), /the exported bill has exact values/);
  const rows = [...r.text.matchAll(/<tr data-customer="(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
    customer: Number(m[1]), html: m[2],
    cells: Object.fromEntries([...m[2].matchAll(/class="(?:num )?(list|settlement|coupons|excl_tax|tax|due|discount)">([^<]*)</g)].map((x) => [x[1], x[2]])),
  }));
  assert.equal(rows.length, 6);
  const contosoEvs = rows.find((x) => x.customer === ids.contoso && /Yearly\/monthly/.test(x.html));
  // 22.725 → 22.73, 12.725 → 12.73, 1.14525 → 1.15, 13.87025 → 13.87: each cell rounded on its own
  assert.deepEqual(contosoEvs.cells, { list: '30.30', discount: '25%', settlement: '22.73', coupons: '10.00', excl_tax: '12.73', tax: '1.15', due: '13.87' });
  const fixed = rows.find((x) => x.cells.discount === '0.15000000');
  assert.deepEqual([fixed.customer, fixed.cells.settlement, fixed.cells.due], [ids.northwind, '75.00', '81.75']);
  const total = /<tr id="customer-total">([\s\S]*?)<\/tr>/.exec(r.text)[1];
  const t = Object.fromEntries([...total.matchAll(/class="num (\w+)">([^<]*)</g)].map((x) => [x[1], x[2]]));
  const sum = (f) => billA.lines.reduce((a, l) => a + f(l), 0n);
  assert.deepEqual(t, {
    list: money(sum((l) => l.list)), settlement: money(sum((l) => l.settlement)), coupons: money(sum((l) => l.coupons)),
    excl_tax: money(sum((l) => l.settlement - l.coupons)), tax: money(sum((l) => l.tax)), due: money(sum((l) => l.due)),
  });
  assert.equal(t.due, '778.08');
  // View More: the details of that customer, product and bill type
  const more = decode(new RegExp(`<tr data-customer="${ids.contoso}">(?:(?!</tr>)[\\s\\S])*?Yearly/monthly[\\s\\S]*?class="more" href="([^"]+)"`).exec(r.text)[1]);
  assert.match(more, new RegExp(`cid=${ids.contoso}&product=elastic_volume_service&bill_type=expenditure`));
  assert.deepEqual(lineIds((await admin.get(more)).text), [billA.lines[1].id]);
  // names masked by default; the eye toggle shows them
  assert.ok(!r.text.includes('Northwind Traders') && !r.text.includes('Contoso Pharma'));
  const eye = decode(/href="([^"]+)" id="eye-name"/.exec(r.text)[1]);
  const shown = await admin.get(eye);
  assert.ok(shown.text.includes('Northwind Traders') && shown.text.includes('Contoso Pharma'));
});

test('Consumed Product Details: the lines of the cycle in keyset pages (here of 50) with the total, 8 decimals, filters, masked names', async () => {
  const first = await admin.get(`/finance/bills/details?cycle=${cycleText(P4)}&size=50`);
  assert.equal(first.status, 200);
  const all = billD.lines.map((l) => l.id).sort((a, b) => b - a);
  assert.deepEqual(lineIds(first.text), all.slice(0, 50));
  assert.match(first.text, new RegExp(`id="list-range">1–50 of ${all.length}<`));
  const next = decode(/id="next-page" href="([^"]+)"/.exec(first.text)[1]);
  assert.match(next, /size=50&after=\d+&n=50/);
  assert.doesNotMatch(next, /offset|page=/);
  const second = await admin.get(next);
  assert.deepEqual(lineIds(second.text), all.slice(50));
  assert.doesNotMatch(second.text, /id="next-page"/);
  // back by key: the first page again; a bad key is refused like a bad after
  const prev = decode(/id="prev-page" href="([^"]+)"/.exec(second.text)[1]);
  assert.deepEqual(lineIds((await admin.get(prev)).text), all.slice(0, 50));
  const small = await admin.get(`/finance/bills/details?cycle=${cycleText(P4)}&size=10&before=${all[25]}&n=20`);
  assert.deepEqual(lineIds(small.text), all.slice(15, 25), 'the 10 lines above the key');
  assert.equal((await admin.get(`/finance/bills/details?cycle=${cycleText(P4)}&before=x1`)).status, 400);
  // the newest bill by default, amounts with 8 decimals
  const d = await admin.get('/finance/bills/details');
  assert.deepEqual(lineIds(d.text), billA.lines.map((l) => l.id).sort((a, b) => b - a));
  const a2 = billA.lines[4];
  assert.match(d.text, new RegExp(`<tr data-id="${a2.id}">[\\s\\S]*?class="num settlement">11\\.11111101<`));
  assert.match(d.text, new RegExp(`<tr data-id="${billA.lines[0].id}">[\\s\\S]*?class="num due">708\\.50000000<`));
  assert.ok(!d.text.includes('Northwind Traders'));
  assert.ok((await admin.get('/finance/bills/details?show=name')).text.includes('Northwind Traders'));
  // filters: customer (name part), product, bill type
  const f = async (q) => lineIds((await admin.get(`/finance/bills/details?cycle=${cycleText(P1)}&${q}`)).text).sort((a, b) => a - b);
  const pick = (pred) => billA.lines.filter(pred).map((l) => l.id).sort((a, b) => a - b);
  assert.deepEqual(await f('customer=Contoso'), pick((l) => l.customer === ids.contoso));
  assert.deepEqual(await f('customer=fabrikam'), pick((l) => l.customer === ids.fabrikam)); // the account name
  assert.deepEqual(await f('product=elastic_cloud_server'), pick((l) => l.productId === products.elastic_cloud_server));
  assert.deepEqual(await f('bill_type=refund'), pick((l) => l.bill === 'refund'));
  assert.deepEqual(await f('bill_type=adjustment&customer=North'), []);
  // bad filters: a clear message and no lines
  for (const q of ['cycle=2026-13', 'bill_type=gift', 'after=x1']) {
    const b = await admin.get(`/finance/bills/details?${q}`);
    assert.equal(b.status, 400, q);
    assert.ok(text(b.text, 'filter-error'), q);
    assert.deepEqual(lineIds(b.text), [], q);
  }
  // a cycle without a bill
  const none = await admin.get(`/finance/bills/details?cycle=${cycleText(monthsBack(9))}`);
  assert.equal(none.status, 200);
  assert.equal(text(none.text, 'no-bill'), 'There is no bill for this month.');
});

test('who must not see bills: an account manager gets 403, partner B never sees partner A\'s bill', async () => {
  for (const path of ['/finance/bills', '/finance/bills/details', `/finance/bills/${billA.id}/pdf`, '/finance/']) {
    assert.equal((await am.get(path)).status, 403, path);
  }
  await am.get('/home');
  const before = await stack.sql('SELECT COUNT(*) FROM export_tasks');
  assert.equal((await am.post('/finance/bills/export', { from: cycleText(P2), to: cycleText(P1), format: 'csv' })).status, 403);
  assert.equal((await am.post('/finance/bills/details/export', { cycle: cycleText(P1), format: 'csv' })).status, 403);
  assert.deepEqual(await stack.sql('SELECT COUNT(*) FROM export_tasks'), before);
  // partner B (the distributor's admin): A's bill id is a 404, its pages show only its own bill
  assert.equal((await other.get(`/finance/bills/${billA.id}/pdf`)).status, 404);
  assert.equal((await admin.get(`/finance/bills/${billOther.id}/pdf`)).status, 404);
  const b = await other.get(`/finance/bills?month=${cycleText(P1)}`);
  assert.equal(text(b.text, 'bill-amount-due'), money(headerOf(billOther.lines).amountDue));
  assert.equal(text(b.text, 'bill-hash'), billOther.hash);
  assert.deepEqual(lineIds((await other.get(`/finance/bills/details?cycle=${cycleText(P1)}`)).text), billOther.lines.map((l) => l.id));
  assert.equal(text((await other.get(`/finance/bills/details?cycle=${cycleText(P4)}`)).text, 'no-bill'), 'There is no bill for this month.');
  // the menu: Partner Bills for the admin, not for the account manager
  assert.match((await admin.get('/home')).text, /href="\/finance\/bills"/);
  assert.doesNotMatch((await am.get('/home')).text, /href="\/finance\/bills"/);
});

/** RFC 4180 rows of fields. */
async function download(client, id) {
  const r = await stack.worker('run', 'exports');
  assert.equal(r.code, 0, r.stderr);
  const [[status, error]] = await stack.sql(`SELECT status, IFNULL(error, '') FROM export_tasks WHERE id = ${id}`);
  assert.equal(status, 'completed', error);
  const res = await fetch(`${stack.base}/exports/${id}/download`, { headers: { cookie: client.cookieHeader() } });
  assert.equal(res.status, 200);
  const body = Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8');
  const [header, ...rows] = parseCsv(body);
  return { header, rows, body };
}

test('Export Bills: a range of at most 12 months; 13 is refused with a message and nothing queued', async () => {
  await admin.get('/finance/bills');
  const count = async () => Number((await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0]);
  const n0 = await count();
  for (const [from, to, msg] of [[cycleText(monthsBack(13)), cycleText(P1), 'at most 12 months'],
    [cycleText(P1), cycleText(P4), 'must not be after'], ['2026-13', cycleText(P1), 'YYYY-MM'], ['', '', 'Choose the first']]) {
    const r = await admin.post('/finance/bills/export', { from, to, format: 'csv' });
    assert.equal(r.status, 400, `${from}..${to}`);
    assert.match(r.text, new RegExp(msg));
  }
  assert.equal(await count(), n0, 'nothing queued');
  // 12 months (P12..P1) is allowed
  const r = await admin.post('/finance/bills/export', { from: cycleText(monthsBack(12)), to: cycleText(P1), format: 'csv' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/exports/?msg=export_created');
  const [[id, kind, filters]] = await stack.sql('SELECT id, kind, filters FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.equal(kind, 'bills');
  assert.equal(filters, `from=${cycleText(monthsBack(12))}&to=${cycleText(P1)}`);
  const f = await download(admin, id);
  assert.deepEqual(f.header, ['Bill ID', 'Billing Cycle', 'Status', 'Bill Lines', 'Expenditures (USD)', 'Refunds (USD)',
    'Adjustments (USD)', 'Exact Total (USD)', 'Total (USD)', 'Coupons Used (USD)', 'Tax (USD)', 'Amount Due (USD)',
    'Amount Paid (USD)', 'Payment Currency', 'Exchange Rate', 'Due Date', 'Generated At', 'Verification hash (SHA-256)']);
  // one row per bill of partner 1, oldest first (partner 2's bill is not in it)
  assert.deepEqual(f.rows.map((x) => Number(x[0])), [billD.id, billC.id, billB.id, billA.id]);
  const a = f.rows[3], h = headerOf(billA.lines);
  assert.deepEqual(a.slice(1, 14), [cycleText(P1), 'Unpaid', '6', money8(h.expenditures), money8(h.refunds), money8(h.adjustments),
    money8(h.totalExact), money8(h.totalRounded), money8(h.coupons), money8(h.tax), money8(h.amountDue), '0.00000000', 'USD']);
  assert.equal(a[17], billA.hash);
});

const DETAIL_HEADER = ['Customer ID', 'Billing Cycle', 'Customer Name', 'Account Name', 'Partner ID', 'Partner Name',
  'Partner Account Name', 'Bill Type', 'Billing Mode', 'Product Type', 'Product Type Code', 'Product Name', 'Product ID',
  'Application', 'Specifications', 'Resource Type', 'Resource Type Code', 'Region', 'Cloud Service Region Code',
  'Order ID/Transaction ID', 'Original Order ID', 'Transaction Time', 'Order Type', 'Number of Terms', 'Term Unit',
  'Whether a Spot Instance', 'Billing Item Code', 'Billing Item Name', 'Unit Price (USD)', 'Unit', 'Usage', 'Usage Unit',
  'Package Usage', 'Unit (Package Usage)', 'Reserved Instance Usage', 'Unit (Reserved Instance Usage)',
  'Customer Expenditure (USD)', 'Settlement Type', 'Settlement Discount', 'Settlement Amount (USD)', 'Coupons Used (USD)',
  'Whether to Refund Coupons', 'Amount Due Excl. Tax (USD)', 'Tax (USD)', 'Amount Due (USD)', 'Usage Days/Total (%)',
  'Quantity', 'RI Hours Purchased', 'Unsubscription Reason', 'Total Usage (Pricing Unit)', 'Usage Unit (for Pricing)',
  'Package Usage (Pricing Unit)', 'Usage in Reserved Instances (Pricing Unit)', 'Conversion Factor', 'Start Time', 'End Time'];

test('Export Bill Details: precautions then Got It; one row per bill line with the 56 fields, 8 decimals, masked names', async () => {
  const page = await finance.get(`/finance/bills/details?cycle=${cycleText(P1)}`);
  assert.match(page.text, /id="precautions"/);
  assert.match(page.text, /id="got-it-button">Got It</);
  const r = await finance.post('/finance/bills/details/export', { cycle: cycleText(P1), format: 'csv' });
  assert.equal(r.status, 303);
  const [[id, kind]] = await stack.sql('SELECT id, kind FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.equal(kind, 'bill_details');
  const f = await download(finance, id);
  assert.equal(DETAIL_HEADER.length, 56);
  assert.deepEqual(f.header, DETAIL_HEADER);
  assert.equal(f.rows.length, billA.lines.length);
  assert.ok(f.rows.every((x) => x.length === 56));
  const byTxn = Object.fromEntries(f.rows.map((x) => [x[19], Object.fromEntries(DETAIL_HEADER.map((h, i) => [h, x[i]]))]));
  const a1 = byTxn[billA.lines[0].txn];
  assert.equal(a1['Customer ID'], String(ids.northwind));
  assert.equal(a1['Billing Cycle'], cycleText(P1));
  assert.notEqual(a1['Customer Name'], 'Northwind Traders');
  assert.match(a1['Customer Name'], /\*/);
  assert.match(a1['Account Name'], /\*/);
  assert.equal(a1['Partner Name'], 'Sunrise Cloud Solutions');
  assert.equal(a1['Bill Type'], 'Expenditure');
  assert.equal(a1['Billing Mode'], 'Pay-per-use');
  assert.equal(a1['Customer Expenditure (USD)'], '1000.00000000');
  assert.equal(a1['Settlement Type'], 'Common product');
  assert.equal(a1['Settlement Discount'], '25%');
  assert.equal(a1['Settlement Amount (USD)'], '750.00000000');
  assert.equal(a1['Coupons Used (USD)'], '100.00000000');
  assert.equal(a1['Amount Due Excl. Tax (USD)'], '650.00000000');
  assert.equal(a1['Tax (USD)'], '58.50000000');
  assert.equal(a1['Amount Due (USD)'], '708.50000000');
  assert.equal(a1['Whether to Refund Coupons'], 'No');
  for (const empty of ['Application', 'Specifications', 'Number of Terms', 'Term Unit', 'Whether a Spot Instance',
    'Quantity', 'RI Hours Purchased', 'Unsubscription Reason']) assert.equal(a1[empty], '', empty);
  assert.equal(byTxn[billA.lines[4].txn]['Settlement Amount (USD)'], '11.11111101');
  assert.equal(byTxn[billA.lines[4].txn]['Settlement Type'], 'KooGallery resale discount (partner)');
  assert.equal(byTxn[billA.lines[5].txn]['Settlement Discount'], '0.15000000');
  assert.equal(byTxn[billA.lines[3].txn]['Settlement Amount (USD)'], '-5.00000000');
  assert.equal(byTxn[billA.lines[1].txn]['Amount Due (USD)'], '13.87025000');
  for (const [name, account] of await stack.sql('SELECT name, account_name FROM customers')) {
    assert.ok(!f.body.includes(name), `no unmasked name: ${name}`);
    assert.ok(!f.rows.some((x) => x[3] === account), `no unmasked account: ${account}`);
  }
  // a cycle without a bill is refused, nothing queued
  const n0 = (await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0];
  const bad = await finance.post('/finance/bills/details/export', { cycle: cycleText(monthsBack(9)), format: 'csv' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /There is no bill for this billing cycle/);
  assert.equal((await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0], n0);
});

test('the PDF of a bill: application/pdf, starts with %PDF, names the partner and the amount due', async () => {
  const res = await fetch(`${stack.base}/finance/bills/${billA.id}/pdf`, { headers: { cookie: admin.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = join(scratch, 'bill.pdf');
  writeFileSync(file, body);
  const txt = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(txt, /Sunrise Cloud Solutions/);
  assert.match(txt, /Amount Due \(USD\)\s+778\.08 USD/);
  assert.match(txt, new RegExp(billA.hash));
  assert.match(txt, /Marketplace \(KooGallery\) expenditure summary\s+11\.11111101/);
  assert.match(txt, /Cloud expenditure summary\s+847\.72500000/);
  assert.equal(round2(billA.header.totalExact), 823n * USD + 84n * C);
});

test('a hostile product name is escaped on every bill page', async () => {
  const [[old]] = await stack.sql("SELECT name FROM products WHERE code = 'log_tank_service'");
  await stack.sql("UPDATE products SET name = '</td><script>alert(1)</script>' WHERE code = 'log_tank_service'");
  try {
    for (const path of [`/finance/bills?month=${cycleText(P1)}&tab=product`, `/finance/bills?month=${cycleText(P1)}&tab=customer&show=name`,
      `/finance/bills/details?cycle=${cycleText(P1)}`]) {
      const r = await admin.get(path);
      assert.equal(r.status, 200, path);
      assert.ok(!r.text.includes('<script>alert(1)'), path);
      assert.ok(r.text.includes('&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;'), path);
    }
  } finally {
    await stack.sql(`UPDATE products SET name = '${old}' WHERE code = 'log_tank_service'`);
  }
});

test('the Amount Due pane leads to Pay and to the payment record of Funds', async () => {
  const admin = await signed('csp.admin');
  const page = await admin.get('/finance/bills');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a class="button" id="pay" href="\/finance\/funds\?tab=pay">Pay<\/a>/);
  assert.match(page.text, /<a id="payment-record" href="\/finance\/funds\/statements">Payment record<\/a>/);
  const pay = await admin.get('/finance/funds?tab=pay');
  assert.equal(pay.status, 200);
});

test('the monthly bill names its invoice; the Invoice No. downloads the invoice PDF', async () => {
  const admin = await signed('csp.admin');
  const [[id, number, cycle]] = await stack.sql(`SELECT i.id, i.number, b.billing_cycle FROM partner_bills b JOIN invoices i ON i.id = b.invoice_id WHERE b.partner_id = 1 AND i.status = 'issued' ORDER BY b.billing_cycle DESC LIMIT 1`);
  const page = await admin.get(`/finance/bills?month=${cycleText(Number(cycle))}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<a id="bill-invoice" href="/finance/invoices/${id}/pdf">${number}</a>`));
  const pdf = await admin.get(`/finance/invoices/${id}/pdf`);
  assert.equal(pdf.status, 200);
});
