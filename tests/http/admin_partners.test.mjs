// Admin > Partner Settlement, Exchange Rates, Vendor Adjustments and the
// catalog's settlement fields (9.4.1.2, 9.4.1.3): what the bill run settles
// with, entered by the vendor's operator, each change one transaction with its
// audit event; bad input shows a message and changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { cycleText, localMinute, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, operator, SUNRISE, ECS, NORTHWIND;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  ECS = await one("SELECT id FROM products WHERE code = 'elastic_cloud_server'");
  NORTHWIND = await one("SELECT id FROM customers WHERE account_name = 'northwind'");
  operator = await signedIn('operator');
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

const signedIn = (username) => signIn(stack.base, username);

const settlement = () => stack.sql(`SELECT settlement_type, discount_ppm, valid_from, IFNULL(valid_to, '-') FROM settlement_discounts
  WHERE partner_id = ${SUNRISE} ORDER BY settlement_type, valid_from`);

test('the partner list shows the demo settlement data; no language key shows', async () => {
  const page = await operator.get('/admin/partners');
  assert.equal(page.status, 200);
  assert.match(page.text, /<tr data-account="sunrise">[\s\S]*?<td>SG<\/td>[\s\S]*?<td>USD<\/td>[\s\S]*?<td>Yes<\/td>[\s\S]*?10\.00 %[\s\S]*?5\.00 %/);
  // numbered pages with the total, by name
  const partners = Number((await stack.sql('SELECT COUNT(*) FROM partners'))[0][0]);
  const small = await operator.get('/admin/partners?size=10&page=2');
  const rows = (small.text.match(/<tr data-account=/g) || []).length;
  assert.equal(rows, Math.max(0, Math.min(10, partners - 10)));
  assert.match(small.text, new RegExp(`id="list-range">${rows ? `11–${10 + rows}` : '0–0'} of ${partners}<`));
  for (const path of [`/admin/partners/${SUNRISE}`, '/admin/rates', '/admin/adjustments', `/admin/catalog/${ECS}`]) {
    const p = await operator.get(path);
    assert.equal(p.status, 200, path);
    assert.doesNotMatch(p.text, />disc\.|"disc\./, path);
  }
  assert.equal((await operator.get('/admin/partners/999999')).status, 404);
});

test('settings: tax region with a rate, currency USD or with rates, KooGallery program', async () => {
  await operator.get(`/admin/partners/${SUNRISE}`);
  const r = await operator.post(`/admin/partners/${SUNRISE}`, { tax_region: 'MY', payment_currency: 'SGD', koogallery_program: '0' });
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  assert.deepEqual(await stack.sql(`SELECT tax_region, payment_currency, koogallery_program FROM partners WHERE id = ${SUNRISE}`), [['MY', 'SGD', '0']]);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'partner.settlement.update' AND object_id = ${SUNRISE}`), '1');
  const before = await stack.sql(`SELECT tax_region, payment_currency, koogallery_program FROM partners WHERE id = ${SUNRISE}`);
  for (const [fields, message] of [
    [{ tax_region: 'ZZ', payment_currency: 'USD', koogallery_program: '1' }, /This region has no tax rate\./],
    [{ tax_region: 'SG', payment_currency: 'EUR', koogallery_program: '1' }, /Choose USD or a currency with exchange rates\./],
    [{ tax_region: '', payment_currency: 'USD', koogallery_program: '1' }, /This field is required\./],
    [{ tax_region: 'SG', payment_currency: 'USD', koogallery_program: '2' }, /Choose one of the options\./],
  ]) {
    await operator.get(`/admin/partners/${SUNRISE}`);
    const bad = await operator.post(`/admin/partners/${SUNRISE}`, fields);
    assert.equal(bad.status, 400, JSON.stringify(fields));
    assert.match(bad.text, message);
  }
  assert.deepEqual(await stack.sql(`SELECT tax_region, payment_currency, koogallery_program FROM partners WHERE id = ${SUNRISE}`), before);
  await operator.get(`/admin/partners/${SUNRISE}`);
  await operator.post(`/admin/partners/${SUNRISE}`, { tax_region: 'SG', payment_currency: 'USD', koogallery_program: '1' });
});

test('a new settlement discount ends the open one of its type; overlaps and bad rates are refused', async () => {
  const demo = await settlement();
  assert.deepEqual(demo.map((r) => [r[0], r[1], r[3]]), [['common', '100000', '-'], ['promotional', '50000', '-']]);
  await operator.get(`/admin/partners/${SUNRISE}`);
  const from = localMinute(10);
  const r = await operator.post(`/admin/partners/${SUNRISE}/discounts`, { settlement_type: 'common', discount: '12.5', valid_from: from });
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  const fromUtc = await one(`SELECT MAX(valid_from) FROM settlement_discounts WHERE partner_id = ${SUNRISE} AND settlement_type = 'common'`);
  const rows = await settlement();
  assert.deepEqual(rows.map((x) => [x[0], x[1], x[3]]), [['common', '100000', fromUtc], ['common', '125000', '-'], ['promotional', '50000', '-']]);
  assert.equal(await one(`SELECT DATE_FORMAT('${fromUtc}' + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')`), from);
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'partner.settlement_discount.create'"), '1');

  const before = await settlement();
  for (const [fields, status, message] of [
    [{ settlement_type: 'common', discount: '8', valid_from: localMinute(5) }, 409, /overlaps another settlement discount/],
    [{ settlement_type: 'promotional', discount: '8', valid_from: '2023-06-01 00:00', valid_to: '2024-06-01 00:00' }, 400, /Bills of that month exist already/],
    [{ settlement_type: 'common', discount: '101', valid_from: localMinute(20) }, 400, /Enter a percentage from 0 to 100/],
    [{ settlement_type: 'common', discount: '1.005', valid_from: localMinute(20) }, 400, /at most 2 decimals/],
    [{ settlement_type: 'common', discount: '5', valid_from: localMinute(20), valid_to: localMinute(19) }, 400, /The end must come after the start\./],
    [{ settlement_type: 'special', discount: '5', valid_from: localMinute(20) }, 400, /Choose one of the options\./],
    [{ settlement_type: 'common', discount: '5', valid_from: 'tomorrow' }, 400, /Enter a time as YYYY-MM-DD HH:MM/],
  ]) {
    await operator.get(`/admin/partners/${SUNRISE}`);
    const bad = await operator.post(`/admin/partners/${SUNRISE}/discounts`, fields);
    assert.equal(bad.status, status, JSON.stringify(fields));
    assert.match(bad.text, message, JSON.stringify(fields));
  }
  assert.deepEqual(await settlement(), before);
  const page = await operator.get(`/admin/partners/${SUNRISE}`);
  assert.match(page.text, /data-type="common" data-rate="12.50"/);
});

test('exchange rates: saved, corrected on the same day; bad input refused', async () => {
  await operator.get('/admin/rates');
  assert.equal((await operator.post('/admin/rates', { currency: 'EUR', day: '2026-10-31', rate: '0.9234567891' })).status, 303);
  await operator.get('/admin/rates');
  assert.equal((await operator.post('/admin/rates', { currency: 'EUR', day: '2026-10-31', rate: '0.95' })).status, 303);
  assert.deepEqual(await stack.sql("SELECT rate FROM exchange_rates WHERE currency = 'EUR'"), [['0.9500000000']]);
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'exchange_rate.save'"), '2');
  const before = await stack.sql('SELECT * FROM exchange_rates ORDER BY currency, day');
  for (const [fields, message] of [
    [{ currency: 'eur', day: '2026-10-31', rate: '1' }, /three capital letters/],
    [{ currency: 'USD', day: '2026-10-31', rate: '1' }, /three capital letters other than USD/],
    [{ currency: 'EURO', day: '2026-10-31', rate: '1' }, /class="error"/],
    [{ currency: 'JPY', day: '2026-02-30', rate: '150' }, /Enter a date as YYYY-MM-DD\./],
    [{ currency: 'JPY', day: '2026-10-31', rate: '0' }, /Enter a rate greater than 0/],
    [{ currency: 'JPY', day: '2026-10-31', rate: '1.12345678901' }, /Enter a rate greater than 0/],
    [{ currency: 'JPY', day: '2026-10-31', rate: '-3' }, /Enter a rate greater than 0/],
    [{ currency: 'JPY', day: '2026-10-31', rate: '12345678901' }, /Enter a rate greater than 0/],
  ]) {
    await operator.get('/admin/rates');
    const bad = await operator.post('/admin/rates', fields);
    assert.equal(bad.status, 400, JSON.stringify(fields));
    assert.match(bad.text, message, JSON.stringify(fields));
  }
  assert.deepEqual(await stack.sql('SELECT * FROM exchange_rates ORDER BY currency, day'), before);
  // the currency now with rates may be chosen as payment currency
  await operator.get(`/admin/partners/${SUNRISE}`);
  assert.equal((await operator.post(`/admin/partners/${SUNRISE}`, { tax_region: 'SG', payment_currency: 'EUR', koogallery_program: '1' })).status, 303);
});

test('an adjustment is one expenditure line of the cycle of its transaction time, with reason and audit', async () => {
  await operator.get('/admin/adjustments');
  const r = await operator.post('/admin/adjustments', {
    customer: 'northwind', product_id: ECS, region: 'ap-southeast-1', amount: '-37.9425', transaction_at: localMinute(0).slice(0, 8) + '01 03:00', reason: 'Compensation for outage',
  });
  assert.equal(r.status, 303, r.text.slice(0, 3000));
  const [adj] = await stack.sql('SELECT id, partner_id, customer_id, amount, billing_cycle, line_id, reason FROM adjustments');
  const cycle = localMinute(0).slice(0, 7).replace('-', '');
  assert.deepEqual(adj.slice(1), [SUNRISE, NORTHWIND, '-3794250000', cycle, adj[5], 'Compensation for outage']);
  const [line] = await stack.sql(`SELECT source_key, bill_type, partner_id, customer_id, association_type, billing_cycle, product_id, region,
    list_amount, amount_due, discount, DATE_FORMAT(transaction_at + INTERVAL 8 HOUR, '%d %H:%i') FROM expenditure_lines WHERE id = ${adj[5]}`);
  assert.deepEqual(line, [`a:${adj[0]}`, 'adjustment', SUNRISE, NORTHWIND, 'reseller', cycle, ECS, 'ap-southeast-1',
    '-3794250000', '-3794250000', '0', '01 03:00']);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'adjustment.create' AND object_id = ${adj[0]}`), '1');
  const page = await operator.get('/admin/adjustments');
  assert.match(page.text, /-37\.94250000[\s\S]*Compensation for outage[\s\S]*operator/);
});

test('adjustments: bad input, a customer not associated then, and a billed cycle are refused; nothing changes', async () => {
  const snap = () => stack.sql("SELECT (SELECT COUNT(*) FROM adjustments), (SELECT COUNT(*) FROM expenditure_lines), (SELECT COUNT(*) FROM audit_events WHERE action = 'adjustment.create')");
  const good = { customer: 'northwind', product_id: ECS, amount: '5', transaction_at: localMinute(0), reason: 'Correction' };
  // a bill of last month exists for sunrise (the demo bills it; else this one)
  const lm = cycleText(monthsBack(1));
  await stack.sql(`INSERT IGNORE INTO partner_bills (partner_id, billing_cycle, status, line_count, list_total, expenditures, refunds, adjustments, total_exact,
    total_rounded, coupons_used, tax, amount_due, tax_region, tax_rate_ppm, payment_currency, exchange_rate, due_at, generated_at, canonical_sha256)
    VALUES (${SUNRISE}, ${lm.replace('-', '')}, 'unpaid', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'SG', 90000, 'USD', 1, UTC_TIMESTAMP(), UTC_TIMESTAMP(), REPEAT('0', 64))`);
  const before = await snap();
  for (const [change, message] of [
    [{ amount: '0' }, /The amount may not be 0\./],
    [{ amount: '1.123456789' }, /Enter an amount/],
    [{ reason: '' }, /This field is required\./],
    [{ customer: 'nobody' }, /was not associated with a partner as a reseller customer at that time/],
    [{ transaction_at: '2001-01-01 00:00' }, /was not associated with a partner/],
    [{ product_id: '999999' }, /Choose a product\./],
    [{ region: 'mars-1' }, /Unknown region\./],
    [{ transaction_at: '2026-13-01 00:00' }, /Enter a time as YYYY-MM-DD HH:MM/],
    [{ transaction_at: `${lm}-15 12:00` }, /lines are immutable once the bill is committed/],
  ]) {
    await operator.get('/admin/adjustments');
    const bad = await operator.post('/admin/adjustments', { ...good, ...change });
    assert.equal(bad.status, 400, JSON.stringify(change));
    assert.match(bad.text, message, JSON.stringify(change));
  }
  assert.deepEqual(await snap(), before);
});

test('the catalog product page sets the settlement type and the KooGallery seller; its other fields stay', async () => {
  await operator.get(`/admin/catalog/${ECS}`);
  const r = await operator.post(`/admin/catalog/${ECS}`, { name: 'Elastic Cloud Server', p95: '0', active: '1', settlement_type: 'promotional', koogallery_seller: 'Acme' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT settlement_type, koogallery_seller FROM products WHERE id = ${ECS}`), [['promotional', 'Acme']]);
  const page = await operator.get(`/admin/catalog/${ECS}`);
  assert.match(page.text, /<option value="promotional" selected>/);
  assert.match(page.text, /name="koogallery_seller" type="text" value="Acme"/);
  // blank seller: not a KooGallery product
  await operator.post(`/admin/catalog/${ECS}`, { name: 'Elastic Cloud Server', p95: '0', active: '1', settlement_type: 'common', koogallery_seller: '' });
  assert.deepEqual(await stack.sql(`SELECT settlement_type, koogallery_seller IS NULL FROM products WHERE id = ${ECS}`), [['common', '1']]);
  await operator.get(`/admin/catalog/${ECS}`);
  const bad = await operator.post(`/admin/catalog/${ECS}`, { name: 'Elastic Cloud Server', p95: '0', active: '1', settlement_type: 'special' });
  assert.equal(bad.status, 400);
  assert.deepEqual(await stack.sql(`SELECT settlement_type, koogallery_seller IS NULL FROM products WHERE id = ${ECS}`), [['common', '1']]);
});

test('partner members and customers cannot reach these pages', async () => {
  const before = await stack.sql(`SELECT tax_region, payment_currency, (SELECT COUNT(*) FROM settlement_discounts), (SELECT COUNT(*) FROM exchange_rates),
    (SELECT COUNT(*) FROM adjustments) FROM partners WHERE id = ${SUNRISE}`);
  for (const user of ['csp.admin', 'csp.finance1', 'customer1']) {
    const c = await signedIn(user);
    for (const path of ['/admin/partners', `/admin/partners/${SUNRISE}`, '/admin/rates', '/admin/adjustments']) {
      assert.equal((await c.get(path)).status, 403, `${user} ${path}`);
    }
    await c.get('/home');
    assert.equal((await c.post(`/admin/partners/${SUNRISE}`, { tax_region: 'CN', payment_currency: 'USD', koogallery_program: '0' })).status, 403);
    assert.equal((await c.post(`/admin/partners/${SUNRISE}/discounts`, { settlement_type: 'common', discount: '50', valid_from: localMinute(40) })).status, 403);
    assert.equal((await c.post('/admin/rates', { currency: 'JPY', day: '2026-10-31', rate: '150' })).status, 403);
    assert.equal((await c.post('/admin/adjustments', { customer: 'northwind', product_id: ECS, amount: '5', transaction_at: localMinute(0), reason: 'x' })).status, 403);
  }
  assert.deepEqual(await stack.sql(`SELECT tax_region, payment_currency, (SELECT COUNT(*) FROM settlement_discounts), (SELECT COUNT(*) FROM exchange_rates),
    (SELECT COUNT(*) FROM adjustments) FROM partners WHERE id = ${SUNRISE}`), before);
});
