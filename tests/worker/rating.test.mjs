// Usage in, priced (issue 4): `pcadm import-usage` / `import-bandwidth` with
// their bad-line rules, the usage_spool, rating, bandwidth and spend_daily
// jobs, and what budgets see of it.  Golden numbers are worked out by hand
// from the demo list prices of sql/007_catalog.sql (10^-8 USD):
//   OBS traffic_out 0.12 / GB (MB in, factor 1024); OBS storage 0.0000326 / GB-hour (MB-hour in);
//   ECS instance_hours 0.0464 / hour, 0.0512 in af-south-1; CDN bandwidth_p95 6.5 / Mbps.
// Dates are in 2027, after the demo data; the billing time zone is GMT+08:00.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startStack } from '../lib/stack.mjs';

const spool = mkdtempSync(join(tmpdir(), 'pc-spool-'));
let stack;
let files;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);
const HEADER = 'record_id,customer,resource,product,region,billing_item,start,end,quantity,unit';

before(async () => {
  // the usage here is dated 2027 whatever the real clock says: pcadm takes the real time, so the
  // future limit of imports is set to its maximum (tests/worker/usage_import.test.mjs tests it)
  stack = await startStack({ extraConf: `Paths.usage_spool = ${spool}\nUsage.max_future_seconds = 31622400` });
  files = join(stack.varDir, 'usage-files');
  mkdirSync(files);
});
after(async () => {
  await stack?.stop();
  rmSync(spool, { recursive: true, force: true });
});

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0] : null;
}
const count = async (query) => Number((await one(query))[0]);

function file(name, lines, header = HEADER) {
  const path = join(files, name);
  writeFileSync(path, [header, ...lines].join('\n') + '\n');
  return path;
}

async function run(job, now) {
  const r = await stack.worker('run', job, '--now', now);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r;
}

/** A customer of partner 1 (Sunrise), associated (reseller) from `from` UTC, or never. */
async function customer(account, from) {
  await stack.sql(`INSERT INTO customers (partner_id, name, account_name, association_type, associated_at) VALUES (${from ? 1 : 'NULL'}, 'Rating ${account}', '${account}', ${from ? "'reseller'" : 'NULL'}, ${from ? `'${from}'` : 'NULL'})`);
  const [id] = await one(`SELECT id FROM customers WHERE account_name = '${account}'`);
  if (from) await stack.sql(`INSERT INTO associations (customer_id, partner_id, type, initiation, associated_at) VALUES (${id}, 1, 'reseller', 'partner', '${from}')`);
  return id;
}

const line = async (key) => one(`SELECT partner_id, association_type, account_manager_id, billing_cycle, billing_mode, bill_type, pricing_qty, list_amount, discount, amount_due, transaction_at FROM expenditure_lines WHERE source_key = '${key}'`);
const spendRows = async (id) => (await stack.sql(`SELECT day, monthly_settled, list_amount FROM customer_spend_daily WHERE customer_id = ${id} ORDER BY day, monthly_settled`)).map((r) => r.join('/'));
const snapshot = async () => (await stack.sql("SELECT (SELECT COUNT(*) FROM expenditure_lines), (SELECT IFNULL(SUM(list_amount), 0) FROM customer_spend_daily WHERE day >= '2027-01-01'), (SELECT COUNT(*) FROM usage_records), (SELECT COUNT(*) FROM expenditure_daily), (SELECT IFNULL(SUM(amount), 0) FROM expenditure_daily), (SELECT COUNT(*) FROM bandwidth_monthly)"))[0].join('/');

test('import-usage: a file with bad lines imports nothing and names every bad line; --skip-bad imports the rest; a re-import is a no-op', async () => {
  const c = await customer('rt-import', '2027-01-01 00:00:00');
  const path = file('mixed.csv', [
    `imp-1,${c},bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,1024,MB`,
    `imp-2,999999,bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,1,MB`,
    `imp-3,${c},bucket-1,no_such_product,ap-southeast-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,1,MB`,
    `imp-4,${c},bucket-1,object_storage_service,mars-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,1,MB`,
    `imp-5,${c},bucket-1,object_storage_service,ap-southeast-1,teleport,2027-02-01 00:00:00,2027-02-01 01:00:00,1,MB`,
    `imp-6,${c},bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-01 01:00:00,2027-02-01 01:00:00,1,MB`,
    `imp-7,${c},bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-30 00:00:00,2027-03-01 01:00:00,1,MB`,
    `imp-8,${c},bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,1.00000000001,MB`,
    `imp-9,${c},bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,-1,MB`,
    `imp-10,${c},bucket-1,object_storage_service,ap-southeast-1,traffic_out,2027-02-01 00:00:00,2027-02-01 01:00:00,1,GB`,
    `imp-11,${c},bucket-1,object_storage_service`,
    `imp-12,${c},bucket-1,elastic_cloud_server,af-south-1,instance_hours,2027-02-01 00:00:00,2027-02-01 01:00:00,1,hour`,
    `imp-13,${c},bucket-1,object_storage_service,ap-southeast-1,bandwidth_p95,2027-02-01 00:00:00,2027-02-01 01:00:00,1,Mbps`,
  ]);
  const before = await count('SELECT COUNT(*) FROM usage_records');
  const r = await stack.pcadm(['import-usage', path]);
  assert.notEqual(r.code, 0);
  assert.match(r.stdout, /rejected: 11 bad lines of 13, nothing imported/);
  const expected = [
    "line 3: customer '999999' does not exist",
    "line 4: product 'no_such_product' does not exist",
    "line 5: region 'mars-1' does not exist",
    "line 6: billing item 'teleport' does not exist for product 'object_storage_service'",
    'line 7: end must be after start',
    'line 8: start must be YYYY-MM-DD HH:MM:SS',
    'line 9: quantity must be a non-negative number with at most 10 decimals',
    'line 10: quantity must be a non-negative number with at most 10 decimals',
    "line 11: unit 'GB' is not the usage unit 'MB' of billing item 'traffic_out'",
    'line 12: 4 fields, expected 10',
    'line 14: 95th-percentile bandwidth is imported with import-bandwidth',
  ];
  assert.deepEqual(r.stderr.trim().split('\n'), expected);
  assert.equal(await count('SELECT COUNT(*) FROM usage_records'), before);
  assert.deepEqual(await stack.sql("SELECT source, records, status FROM usage_imports WHERE file_name = 'mixed.csv'"), [['cli', '0', 'rejected']]);
  assert.match((await one("SELECT report FROM usage_imports WHERE file_name = 'mixed.csv'"))[0], /line 12: 4 fields, expected 10/);
  assert.deepEqual(await stack.sql("SELECT e.actor_name, e.result, e.detail FROM audit_events e JOIN usage_imports i ON i.id = e.object_id WHERE e.action = 'usage.import' AND i.file_name = 'mixed.csv'"),
    [['pcadm', 'failed', 'usage records=0 duplicates=0 bad=11']]);

  // --skip-bad: the two good lines go in, every skipped line is reported
  const s = await stack.pcadm(['import-usage', path, '--skip-bad']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /: 2 imported, 0 duplicates, 11 bad lines skipped/);
  assert.deepEqual(await stack.sql("SELECT e.result, e.detail FROM audit_events e JOIN usage_imports i ON i.id = e.object_id WHERE e.action = 'usage.import' AND i.file_name = 'mixed.csv' AND i.status = 'ok'"),
    [['ok', 'usage records=2 duplicates=0 bad=11']]);
  assert.deepEqual(s.stderr.trim().split('\n'), expected);
  assert.deepEqual(await stack.sql(`SELECT record_id, quantity, unit, rated FROM usage_records WHERE customer_id = ${c} ORDER BY record_id`),
    [['imp-1', '1024.0000000000', 'MB', '0'], ['imp-12', '1.0000000000', 'hour', '0']]);

  // the same file again: nothing new; rating then rates each record once
  const again = await stack.pcadm(['import-usage', path, '--skip-bad']);
  assert.match(again.stdout, /: 0 imported, 2 duplicates, 11 bad lines skipped/);
  assert.equal(await count(`SELECT COUNT(*) FROM usage_records WHERE customer_id = ${c}`), 2);
  await run('rating', '2027-02-02 00:00:00');
  const spent = await spendRows(c);
  // 1 h × 0.0512 (af-south-1); 1024 MB = 1 GB × 0.12 of OBS, a 95th-percentile product: monthly settled
  assert.deepEqual(spent, ['2027-02-01/0/5120000', '2027-02-01/1/12000000']);
  assert.equal((await stack.pcadm(['import-usage', path, '--skip-bad'])).code, 0);
  await run('rating', '2027-02-02 00:05:00');
  assert.deepEqual(await spendRows(c), spent);
  assert.equal(await count(`SELECT COUNT(*) FROM expenditure_lines WHERE customer_id = ${c}`), 2);

  // a wrong header is refused outright
  const h = await stack.pcadm(['import-usage', file('header.csv', [], 'id,customer')]);
  assert.notEqual(h.code, 0);
  assert.match(h.stderr, /^line 1: the header must be record_id,customer,resource,product,region,billing_item,start,end,quantity,unit$/m);
  assert.notEqual((await stack.pcadm(['import-usage', join(files, 'missing.csv')])).code, 0);
});

test('rating: golden numbers, association and account manager windows, covered RI usage, orders and refunds, spend_daily, budgets', async () => {
  // associated from 2027-03-10 00:00 UTC; account manager csp.am1 assigned on 2027-03-15 → credited from the 16th
  const c = await customer('rt-golden', '2027-03-10 00:00:00');
  const [am] = await one("SELECT id FROM users WHERE username = 'csp.am1'");
  await stack.sql(`INSERT INTO am_assignments (customer_id, partner_id, account_manager_id, effective_from, assigned_by, created_at) VALUES (${c}, 1, ${am}, '2027-03-15', ${am}, '2027-03-15 02:00:00')`);
  await stack.sql(`INSERT INTO resources (customer_id, billing_mode, name, product_type, region, resource_key) VALUES (${c}, 'reserved_instance', 'ri server', 'elastic_cloud_server', 'ap-southeast-1', 'rt-ri-1')`);
  const u = (id, res, product, region, item, start, end, qty, unit) => `${id},${c},${res},${product},${region},${item},${start},${end},${qty},${unit}`;
  const path = file('golden.csv', [
    // before the association: no partner
    u('g1', 'b1', 'object_storage_service', 'ap-southeast-1', 'traffic_out', '2027-03-09 09:00:00', '2027-03-09 10:00:00', '1000.5', 'MB'),
    u('g2', 'b1', 'object_storage_service', 'ap-southeast-1', 'traffic_out', '2027-03-12 01:00:00', '2027-03-12 02:00:00', '1536', 'MB'),
    u('g3', 'vm1', 'elastic_cloud_server', 'af-south-1', 'instance_hours', '2027-02-18 01:00:00', '2027-03-20 01:00:00', '730', 'hour'),
    u('g4', 'vm2', 'elastic_cloud_server', 'ap-southeast-1', 'instance_hours', '2027-03-15 15:00:00', '2027-03-15 15:59:59', '0.000003125', 'hour'),
    u('g5', 'vm2', 'elastic_cloud_server', 'ap-southeast-1', 'instance_hours', '2027-03-15 15:00:00', '2027-03-15 16:00:00', '0.000003125', 'hour'),
    u('g6', 'rt-ri-1', 'elastic_cloud_server', 'ap-southeast-1', 'instance_hours', '2027-03-20 14:00:00', '2027-03-21 00:00:00', '10', 'hour'),
    u('g7', 'b1', 'object_storage_service', 'ap-southeast-1', 'storage', '2027-03-31 15:30:00', '2027-03-31 16:30:00', '3000000', 'MB-hour'),
    u('g8', 'vm1', 'elastic_cloud_server', 'af-south-1', 'instance_hours', '2027-03-20 01:00:00', '2027-03-20 02:00:00', '1', 'hour'),
  ]);
  const [ecs] = await one("SELECT id FROM products WHERE code = 'elastic_cloud_server'");
  await stack.sql(`INSERT INTO orders (order_no, customer_id, partner_id, order_type, status, ordered_at, list_amount, product_id, billing_mode, region, paid_at, amount_paid, cash_paid) VALUES
    ('RT-O-1', ${c}, 1, 'new', 'completed', '2027-03-22 03:00:00', ${USD(100)}, ${ecs}, 'yearly_monthly', 'ap-southeast-1', '2027-03-22 04:00:00', ${USD(80)}, ${USD(80)}),
    ('RT-U-1', ${c}, 1, 'unsubscription', 'completed', '2027-03-25 03:00:00', ${USD(30)}, ${ecs}, 'yearly_monthly', 'ap-southeast-1', '2027-03-25 04:00:00', ${USD(24)}, ${USD(24)}),
    ('RT-P-1', ${c}, 1, 'new', 'pending_payment', '2027-03-26 03:00:00', ${USD(55)}, ${ecs}, 'yearly_monthly', 'ap-southeast-1', NULL, 0, 0)`);
  const r = await stack.pcadm(['import-usage', path]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /: 8 imported, 0 duplicates, 0 bad lines skipped/);
  await run('rating', '2027-04-01 00:00:00');
  assert.equal(await count(`SELECT COUNT(*) FROM usage_records WHERE customer_id = ${c} AND rated = 0`), 0);

  // partner, type, AM, cycle, mode, bill type, pricing qty, list, discount, due, transaction time
  // 1000.5 MB / 1024 = 0.97705078125 → cut to 0.9770507812 GB; × 0.12 = 0.117246093744 → 0.11724609
  assert.deepEqual(await line('u:g1'), ['NULL', 'NULL', 'NULL', '202703', 'pay_per_use', 'expenditure', '0.9770507812', '11724609', '0', '11724609', '2027-03-09 10:00:00']);
  // 1536 MB = 1.5 GB × 0.12 = 0.18: the partner's, no account manager yet
  assert.deepEqual(await line('u:g2'), ['1', 'reseller', 'NULL', '202703', 'pay_per_use', 'expenditure', '1.5000000000', '18000000', '0', '18000000', '2027-03-12 02:00:00']);
  // 730 h × 0.0512 (the af-south-1 price) = 37.376; 03-20 09:00 local: credited to the AM
  assert.deepEqual(await line('u:g3'), ['1', 'reseller', am, '202703', 'pay_per_use', 'expenditure', '730.0000000000', '3737600000', '0', '3737600000', '2027-03-20 01:00:00']);
  // 0.000003125 h × 0.0464 = 0.000000145 → half-up 0.00000015; 23:59:59 on the 15th local: not yet the AM's
  assert.deepEqual(await line('u:g4'), ['1', 'reseller', 'NULL', '202703', 'pay_per_use', 'expenditure', '0.0000031250', '15', '0', '15', '2027-03-15 15:59:59']);
  // one second later it is 00:00 on the 16th local: the AM's
  assert.deepEqual((await line('u:g5')).slice(0, 3), ['1', 'reseller', am]);
  // usage of a reserved instance: 10 h × 0.0464 = 0.464 list, all discount, nothing due
  assert.deepEqual(await line('u:g6'), ['1', 'reseller', am, '202703', 'reserved_instance', 'expenditure', '10.0000000000', '46400000', '46400000', '0', '2027-03-21 00:00:00']);
  // 3,000,000 MB-hour / 1024 = 2929.6875 GB-hour × 0.0000326 = 0.0955078125 → 0.09550781; 00:30 on April 1st local → cycle 202704
  assert.deepEqual(await line('u:g7'), ['1', 'reseller', am, '202704', 'pay_per_use', 'expenditure', '2929.6875000000', '9550781', '0', '9550781', '2027-03-31 16:30:00']);
  // paid order: list 100, paid 80, discount 20; unsubscription: a refund line, negative; unpaid: no line
  assert.deepEqual(await line('o:RT-O-1'), ['1', 'reseller', am, '202703', 'yearly_monthly', 'expenditure', '0.0000000000', USD(100), USD(20), USD(80), '2027-03-22 04:00:00']);
  assert.deepEqual(await line('r:RT-U-1'), ['1', 'reseller', am, '202703', 'yearly_monthly', 'refund', '0.0000000000', '-' + USD(30), '-' + USD(6), '-' + USD(24), '2027-03-25 04:00:00']);
  assert.equal(await line('o:RT-P-1'), null);
  assert.deepEqual(await stack.sql("SELECT cash_payment, payment_status FROM expenditure_lines WHERE source_key IN ('o:RT-O-1', 'r:RT-U-1') ORDER BY source_key"), [[USD(80), 'paid'], ['-' + USD(24), 'paid']]);

  // the list amounts by local day; the covered RI usage is not spend (its package order is);
  // OBS is billed by 95th-percentile bandwidth: its usage is monthly settled
  assert.deepEqual(await spendRows(c), [
    '2027-03-09/1/11724609', '2027-03-12/1/18000000', '2027-03-15/0/15', '2027-03-16/0/15',
    '2027-03-20/0/3742720000', '2027-03-22/0/10000000000', '2027-03-25/0/-3000000000', '2027-04-01/1/9550781',
  ]);
  assert.deepEqual(await stack.sql(`SELECT source_key FROM expenditure_lines WHERE customer_id = ${c} AND monthly_settled = 1 ORDER BY source_key`), [['u:g1'], ['u:g2'], ['u:g7']]);

  // spend_daily at 01:00 on 03-21 local sums 03-20 (g3 + g8 = 37.376 + 0.0512) for the partner
  await run('spend_daily', '2027-03-20 17:00:00');
  const daily = `SELECT partner_id, customer_id, billing_mode, association_type, bill_type, account_manager_id, amount, monthly_settlement, discount FROM expenditure_daily WHERE customer_id = ${c} ORDER BY day, bill_type`;
  assert.deepEqual(await stack.sql(`SELECT day FROM expenditure_daily WHERE customer_id = ${c}`), [['2027-03-20']]);
  assert.deepEqual(await stack.sql(daily), [['1', String(c), 'pay_per_use', 'reseller', 'expenditure', am, '3742720000', '3742720000', '0']]);
  // 03-09 (before the association) has nothing for the partner
  await run('spend_daily', '2027-03-09 17:00:00');
  assert.equal(await count(`SELECT COUNT(*) FROM expenditure_daily WHERE customer_id = ${c} AND day = '2027-03-09'`), 0);
  await run('spend_daily', '2027-03-25 17:00:00');
  assert.deepEqual(await stack.sql(`SELECT bill_type, amount, cash_payment, discount FROM expenditure_daily WHERE customer_id = ${c} AND day = '2027-03-25'`), [['refund', '-' + USD(24), '-' + USD(24), '-' + USD(6)]]);

  // budgets read the spend: 200 USD monthly; March without the monthly-settled OBS = 0.00000030 + 37.42720000 + 100 − 30 = 107.42720030
  await stack.sql(`INSERT INTO budgets (customer_id, type, amount, policy, window_start, version, updated_by, updated_at) VALUES (${c}, 'monthly', ${USD(200)}, 'manual', '2027-03-01', 1, 1, UTC_TIMESTAMP())`);
  await run('budgets', '2027-03-28 00:00:00');
  assert.deepEqual(await one(`SELECT mtd_spend, budget_usage_bp FROM customers WHERE id = ${c}`), ['10742720030', '5371']);

  // re-running every job changes nothing
  const snap = await snapshot();
  await run('rating', '2027-04-01 00:05:00');
  await run('spend_daily', '2027-03-20 18:00:00');
  assert.equal((await stack.pcadm(['import-usage', path])).code, 0);
  await run('rating', '2027-04-01 00:10:00');
  assert.equal(await snapshot(), snap);
  // records whose lines exist already (rated flag lost): marked rated again, no second line, no second spend
  await stack.sql(`UPDATE usage_records SET rated = 0 WHERE customer_id = ${c} AND record_id IN ('g2', 'g3')`);
  await run('rating', '2027-04-01 00:15:00');
  assert.equal(await count(`SELECT COUNT(*) FROM usage_records WHERE customer_id = ${c} AND rated = 0`), 0);
  assert.equal(await snapshot(), snap);
  assert.deepEqual(await stack.sql(`SELECT day, amount FROM expenditure_daily WHERE customer_id = ${c} AND day = '2027-03-20'`), [['2027-03-20', '3742720000']]);
});

/** "YYYY-MM-DD HH:MM:SS" (UTC) of ms since the epoch. */
const fmt = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

test('95th percentile (9.3.4.3): 8,640 samples, the 432 largest dropped → 200 Mbps; 4,320 points → 50 %; monthly budgets leave it out', async () => {
  const c = await customer('rt-p95', '2027-01-01 00:00:00');
  // September 2027 in GMT+08:00 starts at 2027-08-31 16:00 UTC
  const start = Date.parse('2027-08-31T16:00:00Z');
  const rows = [];
  for (let i = 0; i < 8640; i++) {
    // 432 samples of 1,000 Mbps spread over the month, one of 200, the rest 100–149
    const mbps = i % 20 === 7 ? '1000' : i === 8000 ? '200' : String(100 + (i % 50)) + '.5';
    rows.push(`cdn-a,${c},content_delivery_network,ap-southeast-1,${fmt(start + i * 300000)},${mbps}`);
  }
  for (let i = 0; i < 4320; i++) {
    // the first 15 days only: k = 216 of 500 Mbps dropped, then 80
    rows.push(`cdn-b,${c},content_delivery_network,ap-southeast-1,${fmt(start + i * 300000)},${i % 20 === 0 ? '500' : '80'}`);
  }
  // one sample of October: not September's
  rows.push(`cdn-a,${c},content_delivery_network,ap-southeast-1,2027-09-30 16:00:00,9999`);
  const BW = 'resource,customer,product,region,sampled_at,mbps';
  const bad = await stack.pcadm(['import-bandwidth', file('bw-bad.csv', [
    rows[0],
    `cdn-a,${c},content_delivery_network,ap-southeast-1,2027-09-01 00:03:00,5`,
    `cdn-a,${c},elastic_cloud_server,ap-southeast-1,2027-09-01 00:05:00,5`,
    `cdn-a,${c},content_delivery_network,ap-southeast-1,2027-09-01 00:05:00,5.1234567`,
  ], BW)]);
  assert.notEqual(bad.code, 0);
  assert.deepEqual(bad.stderr.trim().split('\n'), [
    'line 3: sampled_at must be YYYY-MM-DD HH:MM:SS on a 5-minute boundary',
    "line 4: product 'elastic_cloud_server' is not billed by 95th-percentile bandwidth",
    'line 5: mbps must be a non-negative number with at most 6 decimals',
  ]);
  assert.equal(await count("SELECT COUNT(*) FROM bandwidth_samples WHERE resource_key LIKE 'cdn-%'"), 0);
  const ok = await stack.pcadm(['import-bandwidth', file('bw.csv', rows, BW)]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /: 12961 imported, 0 duplicates, 0 bad lines skipped/);
  assert.match((await stack.pcadm(['import-bandwidth', file('bw.csv', rows, BW)])).stdout, /: 0 imported, 12961 duplicates/);

  // still September (local): nothing to bill yet for September
  await run('bandwidth', '2027-09-30 15:00:00');
  assert.equal(await count("SELECT COUNT(*) FROM bandwidth_monthly WHERE resource_key LIKE 'cdn-%'"), 0);
  // 00:30 on October 1st local
  await run('bandwidth', '2027-09-30 16:30:00');
  assert.deepEqual(await stack.sql("SELECT resource_key, billing_cycle, samples, discarded, billable_mbps, usage_days_bp FROM bandwidth_monthly WHERE resource_key LIKE 'cdn-%' ORDER BY resource_key"), [
    ['cdn-a', '202709', '8640', '432', '200.000000', '10000'],
    ['cdn-b', '202709', '4320', '216', '80.000000', '5000'],
  ]);
  // 6.5 × 200 × 100 % = 1,300 USD; 6.5 × 80 × 50 % = 260 USD
  const p95 = "SELECT source_key, partner_id, billing_cycle, billing_mode, monthly_settled, billing_item, pricing_qty, list_amount, amount_due, transaction_at FROM expenditure_lines WHERE source_key LIKE 'p95:cdn-%' ORDER BY source_key";
  assert.deepEqual(await stack.sql(p95), [
    ['p95:cdn-a:202709', '1', '202709', 'pay_per_use', '1', 'bandwidth_p95', '200.0000000000', USD(1300), USD(1300), '2027-09-30 15:59:59'],
    ['p95:cdn-b:202709', '1', '202709', 'pay_per_use', '1', 'bandwidth_p95', '80.0000000000', USD(260), USD(260), '2027-09-30 15:59:59'],
  ]);
  assert.deepEqual(await spendRows(c), [`2027-09-30/1/${USD(1560)}`]);

  // monthly budgets exclude monthly-settled spend: September's usage of 10 h ECS (0.464) counts, the 1,560 do not
  await stack.sql(`INSERT INTO usage_records (record_id, customer_id, resource_key, product_id, region, billing_item, start_at, end_at, quantity, unit, imported_at, import_batch) SELECT 'p95-ecs', ${c}, 'vm9', id, 'ap-southeast-1', 'instance_hours', '2027-09-09 00:00:00', '2027-09-10 00:00:00', 10, 'hour', '2027-09-10 00:00:00', 0 FROM products WHERE code = 'elastic_cloud_server'`);
  await run('rating', '2027-09-30 16:31:00');
  await stack.sql(`INSERT INTO budgets (customer_id, type, amount, policy, window_start, version, updated_by, updated_at) VALUES (${c}, 'monthly', ${USD(100)}, 'manual', '2027-09-01', 1, 1, UTC_TIMESTAMP())`);
  await run('budgets', '2027-09-30 12:00:00');
  assert.deepEqual(await one(`SELECT mtd_spend, budget_usage_bp, budget_exhausted FROM customers WHERE id = ${c}`), ['46400000', '46', '0']);

  // re-running bandwidth changes nothing
  const snap = await snapshot();
  await run('bandwidth', '2027-10-02 00:00:00');
  await run('bandwidth', '2027-09-30 16:30:00');
  assert.equal(await snapshot(), snap);
});

test('usage_spool: a good file goes to done/, a file with bad lines to rejected/ with a report, nothing of it imported', async () => {
  const c = await customer('rt-spool', '2027-01-01 00:00:00');
  const row = (id, qty) => `${id},${c},vm-s,elastic_cloud_server,ap-southeast-1,instance_hours,2027-05-01 00:00:00,2027-05-01 01:00:00,${qty},hour`;
  writeFileSync(join(spool, 'a-good.csv'), [HEADER, row('sp-1', '1'), row('sp-2', '2')].join('\n') + '\n');
  writeFileSync(join(spool, 'b-bad.csv'), [HEADER, row('sp-3', '1'), row('sp-4', 'lots')].join('\r\n') + '\r\n');
  writeFileSync(join(spool, 'c-header.csv'), 'id;customer\n1;2\n');
  writeFileSync(join(spool, 'd-empty.csv'), '');
  writeFileSync(join(spool, 'notes.txt'), 'not usage');
  await run('usage_spool', '2027-05-01 02:00:00');
  assert.ok(existsSync(join(spool, 'done', 'a-good.csv')));
  assert.ok(existsSync(join(spool, 'rejected', 'b-bad.csv')));
  assert.equal(readFileSync(join(spool, 'rejected', 'b-bad.csv.report'), 'utf8'), 'line 3: quantity must be a non-negative number with at most 10 decimals\n');
  for (const name of ['c-header.csv', 'd-empty.csv']) {
    assert.equal(readFileSync(join(spool, 'rejected', `${name}.report`), 'utf8'), `line 1: the header must be ${HEADER}\n`);
  }
  assert.ok(!existsSync(join(spool, 'a-good.csv')) && !existsSync(join(spool, 'b-bad.csv')));
  assert.ok(existsSync(join(spool, 'notes.txt')));
  assert.deepEqual(await stack.sql(`SELECT record_id FROM usage_records WHERE customer_id = ${c} ORDER BY record_id`), [['sp-1'], ['sp-2']]);
  assert.deepEqual(await stack.sql("SELECT file_name, source, records, status FROM usage_imports WHERE source = 'spool' ORDER BY id"), [
    ['a-good.csv', 'spool', '2', 'ok'], ['b-bad.csv', 'spool', '0', 'rejected'],
    ['c-header.csv', 'spool', '0', 'rejected'], ['d-empty.csv', 'spool', '0', 'rejected'],
  ]);
  // an empty spool: nothing to do
  const r = await run('usage_spool', '2027-05-01 02:05:00');
  assert.match(r.stdout, /job usage_spool: ok, 0 done, 0 failed/);
});
