// discount_status (3e discount_status_refresh, daily 00:15 GMT+08:00): commercial
// discounts move pending → effective → expired by their dates; KooGallery
// resale discounts become invalid after valid_until; a re-run changes nothing.
// And the demo settlement data, which a second demo-data run leaves alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStack } from '../lib/stack.mjs';

let stack, SUNRISE, MEETING;

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  MEETING = await one("SELECT id FROM products WHERE code = 'meeting'");
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

test('the job is scheduled daily at 00:15 GMT+08:00', async () => {
  assert.deepEqual(await stack.sql("SELECT interval_seconds, TIME(next_run_at) FROM jobs WHERE name = 'discount_status'"), [['86400', '16:15:00']]);
});

test('commercial discounts follow their dates; KooGallery ones lapse after valid_until; a re-run changes nothing', async () => {
  const add = (code, from, to, status) => `('${code}', ${SUNRISE}, 'partner', 'product_type', '${from}', '${to}', '${status}', UTC_TIMESTAMP())`;
  await stack.sql(`INSERT INTO commercial_discounts (code, partner_id, level, body, effective_at, expires_at, status, created_at) VALUES
    ${add('T-STARTS', '2030-03-01 16:00:00', '2030-06-01 16:00:00', 'pending')},
    ${add('T-LATER', '2030-04-01 16:00:00', '2030-06-01 16:00:00', 'pending')},
    ${add('T-ENDS', '2029-01-01 00:00:00', '2030-03-01 15:59:59', 'effective')},
    ${add('T-MISSED', '2030-02-01 00:00:00', '2030-02-20 00:00:00', 'pending')},
    ${add('T-RUNS', '2029-01-01 00:00:00', '2031-01-01 00:00:00', 'effective')}`);
  const koo = (uuid, until, status) => `('${uuid}', 'product', ${MEETING}, 100000, '${status}', '2029-01-01', '${until}', '2029-01-01')`;
  await stack.sql(`INSERT INTO koogallery_discounts (uuid, level, product_id, discount_ppm, status, valid_from, valid_until, updated_at) VALUES
    ${koo('k-ends', '2030-03-01 16:00:00', 'effective')}, ${koo('k-unvalidated', '2030-02-01 00:00:00', 'to_be_validated')},
    ${koo('k-runs', '2030-03-01 16:15:01', 'effective')}, ${koo('k-withdrawn', '2030-02-01 00:00:00', 'invalid')}`);
  const now = '2030-03-01 16:15:00'; // 00:15 on 2030-03-02 in GMT+08:00
  const r = await stack.worker('run', 'discount_status', '--now', now);
  assert.equal(r.code, 0, r.stderr);
  const status = async () => Object.fromEntries(await stack.sql("SELECT code, status FROM commercial_discounts WHERE code LIKE 'T-%'"));
  assert.deepEqual(await status(), { 'T-STARTS': 'effective', 'T-LATER': 'pending', 'T-ENDS': 'expired', 'T-MISSED': 'expired', 'T-RUNS': 'effective' });
  const kstatus = async () => Object.fromEntries(await stack.sql("SELECT uuid, status FROM koogallery_discounts WHERE uuid LIKE 'k-%'"));
  // a discount never validated stays so (it cannot be validated any more): the bill run applies an
  // invalid one until its updated_at and must never apply this one
  assert.deepEqual(await kstatus(), { 'k-ends': 'invalid', 'k-unvalidated': 'to_be_validated', 'k-runs': 'effective', 'k-withdrawn': 'invalid' });
  assert.equal(await one(`SELECT updated_at FROM koogallery_discounts WHERE uuid = 'k-ends'`), now);
  assert.deepEqual(await stack.sql("SELECT job, status, items FROM job_runs WHERE job = 'discount_status'"), [['discount_status', 'ok', '8']]);
  const events = await stack.sql("SELECT action, detail FROM audit_events WHERE action IN ('commercial_discount.expire', 'commercial_discount.effective', 'koogallery_discount.invalid') ORDER BY action");
  assert.deepEqual(events, [
    ['commercial_discount.effective', `rows=1 at ${now}`],
    ['commercial_discount.expire', `rows=4 at ${now}`], // with the demo's two (valid for a year from today)
    ['koogallery_discount.invalid', `rows=3 at ${now}`],
  ]);

  // the same moment again: nothing moves, no event
  const again = await stack.worker('run', 'discount_status', '--now', now);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await stack.sql("SELECT items FROM job_runs WHERE job = 'discount_status' ORDER BY id"), [['8'], ['0']]);
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action LIKE '%discount.e%' OR action = 'koogallery_discount.invalid'"), '3');

  // a month later the others follow
  await stack.worker('run', 'discount_status', '--now', '2030-04-01 16:15:00');
  assert.deepEqual(await status(), { 'T-STARTS': 'effective', 'T-LATER': 'effective', 'T-ENDS': 'expired', 'T-MISSED': 'expired', 'T-RUNS': 'effective' });
  await stack.worker('run', 'discount_status', '--now', '2031-01-01 00:00:00');
  assert.deepEqual(await status(), { 'T-STARTS': 'expired', 'T-LATER': 'expired', 'T-ENDS': 'expired', 'T-MISSED': 'expired', 'T-RUNS': 'expired' });
  assert.equal((await kstatus())['k-runs'], 'invalid');
});

test('the demo settlement data is there once; demo-data again changes nothing', async () => {
  const snap = () => stack.sql(`SELECT (SELECT CONCAT(tax_region, koogallery_program) FROM partners WHERE account_name = 'sunrise'),
    (SELECT GROUP_CONCAT(settlement_type, discount_ppm ORDER BY settlement_type) FROM settlement_discounts),
    (SELECT COUNT(*) FROM commercial_discounts WHERE code LIKE '0HEIDEMO%'), (SELECT COUNT(*) FROM commercial_discount_items),
    (SELECT GROUP_CONCAT(level, discount_ppm ORDER BY level) FROM koogallery_discounts WHERE uuid LIKE '6f1c0e1a%'),
    (SELECT koogallery_seller FROM products WHERE code = 'meeting'), (SELECT COUNT(*) FROM exchange_rates)`);
  const before = await snap();
  assert.deepEqual(before, [['SG1', 'common100000,promotional50000', '2', '2', 'product150000,customer200000', 'Acme Collaboration Ltd.', '2']]);
  assert.deepEqual(await stack.sql(`SELECT d.level, d.body, p.code, i.discount_ppm, i.fixed_price, i.linear_size_milli FROM commercial_discounts d
    JOIN commercial_discount_items i ON i.discount_id = d.id JOIN products p ON p.id = i.product_id WHERE d.code LIKE '0HEIDEMO%' ORDER BY d.code`),
  [['partner', 'product_type', 'elastic_cloud_server', '300000', 'NULL', 'NULL'], ['customer', 'savings', 'elastic_volume_service', 'NULL', '15000000', '10000']]);
  const r = await stack.pcadm(['demo-data']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /demo data already present/);
  assert.deepEqual(await snap(), before);
});
