// The export kinds of the expenditure pages (9.3.4.1 summary, 9.3.4.2 details)
// and of Customer Orders / Order Resource Details (9.3.3.1, S2): a task made by
// the page's export button, run by the "exports" job, downloaded from Export
// History, holds the rows the page lists for the same filters and user, in
// the page's order, amounts with 8 decimals, names always masked; the row
// limit is counted first; Export History is in the menu of who may export.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { cycleText, daysAgo, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';
import { parseCsv } from '../lib/csv.mjs';

const USD = 100000000n;
let stack, admin, am, dist, finance;
const ids = {}, users = {}, products = {};
const scratch = mkdtempSync(join(tmpdir(), 'pc-kinds-files-'));

// Months and days in GMT+08:00, the billing time zone.
const CUR = monthsBack(0);

const num = (v) => (v === null ? 'NULL' : String(v));
const str = (v) => (v === null ? 'NULL' : `'${v}'`);
const cellsOf = (html, cls) => [...html.matchAll(new RegExp(`class="${cls}">([^<]*)<`, 'g'))].map((m) => m[1]);
const rowIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
const summaryRows = (html) => [...html.matchAll(/<tr data-customer="(\d+)"/g)].map((m) => Number(m[1]));

/** Insert one expenditure line as the rating job writes it (as tests/http/spend.test.mjs does). */
async function line(s, l) {
  const v = {
    partner: 1, assoc: 'reseller', am: null, cycle: CUR, product: 'elastic_cloud_server', mode: 'pay_per_use',
    bill: 'expenditure', region: 'ap-southeast-1', resKey: '', resName: '', item: 'instance_hours',
    due: 0n, payment: 'unsettled', ...l,
  };
  const y = Math.floor(v.cycle / 100), m = v.cycle % 100;
  const from = `${y}-${String(m).padStart(2, '0')}-02 00:00:00`;
  await s.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type,
    account_manager_id, billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at,
    transaction_no, region, resource_key, resource_name, billing_item, list_amount, discount, amount_due,
    cash_payment, coupons_used, monthly_settlement, payment_status, created_at) VALUES (${str(v.key)}, ${v.customer},
    ${num(v.partner)}, ${str(v.assoc)}, ${num(v.am)}, ${v.cycle}, ${products[v.product]}, '${v.mode}', '${v.bill}',
    '${from}', '${from}' + INTERVAL 1 HOUR, '${from}', '${v.txn}', '${v.region}', '${v.resKey}', '${v.resName}',
    '${v.item}', ${v.due + USD}, ${USD}, ${v.due}, ${v.due}, 0, 0, '${v.payment}', UTC_TIMESTAMP())`);
}

/** Insert one day of the expenditure summary (expenditure_daily). */
async function daily(d) {
  const v = { partner: 1, product: 'elastic_cloud_server', mode: 'pay_per_use', assoc: 'reseller', bill: 'expenditure', am: null, ...d };
  await stack.sql(`INSERT INTO expenditure_daily (partner_id, day, customer_id, product_id, billing_mode,
    association_type, bill_type, account_manager_id, amount, cash_payment, coupons_used, monthly_settlement, discount)
    VALUES (${v.partner}, '${v.day}', ${v.customer}, ${products[v.product]}, '${v.mode}', '${v.assoc}', '${v.bill}',
    ${num(v.am)}, ${v.amount}, ${v.amount}, 0, 0, 0)`);
}

const signedIn = (s, name) => signIn(s.base, name);

async function seed(s) {
  // this file's lines only: without the demo's rated usage (worker/demo/demo_usage.c)
  await s.sql('DELETE FROM expenditure_lines; DELETE FROM expenditure_daily');
  for (const [a, p] of await s.sql('SELECT account_name, id FROM customers')) ids[a] = Number(p);
  for (const [u, p] of await s.sql('SELECT username, id FROM users')) users[u] = Number(p);
  for (const [c, p] of await s.sql('SELECT code, id FROM products')) products[c] = Number(p);
  const am1 = users['csp.am1'];
  await line(s, { key: 'u:nw-1', customer: ids.northwind, am: am1, txn: 'T-NW-1', resKey: 'i-nw-1', resName: 'web-server-1', due: 123456789n });
  await line(s, { key: 'u:nw-0', customer: ids.northwind, am: am1, txn: 'T-NW-0', resKey: 'i-nw-0', due: 0n });
  await line(s, { key: 'r:CS-2', customer: ids.contoso, am: am1, assoc: 'referral', product: 'object_storage_service',
    mode: 'yearly_monthly', bill: 'refund', region: 'af-south-1', txn: 'CS-ORDER-2', due: -5n * USD, payment: 'paid' });
  await line(s, { key: 'u:fb-3', customer: ids.fabrikam, assoc: null, product: 'relational_database_service', mode: 'reserved_instance',
    bill: 'adjustment', region: 'eu-west-101', txn: 'T-FB-3', resKey: 'db-3', resName: 'db-main', due: 250000000n });
  await line(s, { key: 'u:hb-1', customer: ids.harborcafe, partner: 3, txn: 'T-HB-1', due: 7n * USD });
  await line(s, { key: 'u:nw-other', customer: ids.northwind, partner: 2, txn: 'T-NW-OTHER', due: 9n * USD });
}

before(async () => {
  stack = await startStack();
  await seed(stack);
  // an account manager whose extra custom role grants spend.export (grantable, 009_spend.sql)
  await stack.sql(`INSERT INTO roles (partner_id, name) VALUES (1, 'Spend exporter');
    INSERT INTO role_permissions (role_id, perm_code) SELECT LAST_INSERT_ID(), 'spend.export';
    INSERT INTO member_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r
      WHERE u.username = 'csp.am1' AND r.name = 'Spend exporter'`);
  [admin, am, dist, finance] = await Promise.all(['csp.admin', 'csp.am1', 'dist.admin', 'csp.finance1'].map((n) => signedIn(stack, n)));
});
after(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Run the "exports" job, at `now` (UTC "YYYY-MM-DD HH:MM:SS") when given. */
async function runExports(s, now) {
  const r = await s.worker('run', 'exports', ...(now ? ['--now', now] : []));
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** Open the list page and POST its export form (path: the page's + "/export"); the new task's id. */
async function exportTask(s, client, path, fields) {
  const page = path.replace(/\/export$/, '');
  assert.equal((await client.get(page === '/orders' ? '/orders/' : page)).status, 200);
  const r = await client.post(path, fields);
  assert.equal(r.status, 303, `${path}: ${r.status}`);
  assert.equal(r.location, '/exports/?msg=export_created');
  return Number((await s.sql('SELECT MAX(id) FROM export_tasks'))[0][0]);
}

async function task(s, id) {
  const [[status, rows, file, error, kind]] = await s.sql(`SELECT status, row_count, IFNULL(file_path, ''), error, kind FROM export_tasks WHERE id = ${id}`);
  return { status, rows: Number(rows), file, error, kind };
}

async function rawGet(s, client, path) {
  const res = await fetch(s.base + path, { redirect: 'manual', headers: { cookie: client.cookieHeader() } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** Run the job, check the task completed, download its CSV; { header, rows (objects by header), text }. */
async function csvOf(s, client, id, kind, now) {
  await runExports(s, now);
  const t = await task(s, id);
  assert.equal(t.status, 'completed', t.error);
  assert.equal(t.kind, kind);
  const d = await rawGet(s, client, `/exports/${id}/download`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-disposition'), `attachment; filename="${kind}-${id}.csv"`);
  const text = d.body.subarray(3).toString('utf8');
  const [header, ...body] = parseCsv(text);
  assert.equal(body.length, t.rows);
  return { header, text, cells: body.flat(), rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** No customer's name, e-mail or mobile (nor an account name as a cell) is in the file. */
async function assertNoSecrets(s, text, cells) {
  for (const [name, account, email, mobile] of await s.sql("SELECT name, account_name, IFNULL(email, ''), mobile FROM customers")) {
    for (const v of [name, email, mobile]) if (v.length >= 4) assert.ok(!text.includes(v), `no unmasked value in the file: ${v}`);
    assert.ok(!cells.includes(account), `no unmasked account name: ${account}`);
  }
  for (const [name] of await s.sql("SELECT name FROM partners WHERE kind = 'reseller'")) assert.ok(!text.includes(name), `no reseller name: ${name}`);
}

const DETAIL_HEADER = ['Billing Cycle', 'Customer ID', 'Customer Name', 'Account Name', 'Reseller', 'Association Type',
  'Account Manager', 'Product Type', 'Billing Item', 'Billing Mode', 'Spent From', 'Spent To', 'Order/Transaction ID',
  'Region', 'Resource Name', 'Resource ID', 'Bill Type', 'List Price (USD)', 'Discount (USD)', 'Amount Due (USD)',
  'Cash Payment (USD)', 'Coupons Used (USD)', 'Monthly Settlement (USD)', 'Payment Status'];

test('expenditure details: the lines of the page for the same filters, in its order, 8 decimals, masked', async () => {
  const page = await admin.get('/spend/details?amount=all');
  const txns = cellsOf(page.text, 'txn');
  assert.deepEqual(txns, ['T-FB-3', 'CS-ORDER-2', 'T-NW-0', 'T-NW-1'], 'own customers, with the current partner only');
  const id = await exportTask(stack, admin, '/spend/details/export', { cycle: cycleText(CUR), amount: 'all', format: 'csv' });
  const f = await csvOf(stack, admin, id, 'expenditure_details');
  assert.deepEqual(f.header, DETAIL_HEADER);
  assert.deepEqual(f.rows.map((r) => r['Order/Transaction ID']), txns);
  const nw = f.rows.find((r) => r['Order/Transaction ID'] === 'T-NW-1');
  assert.deepEqual([nw['Billing Cycle'], nw['Customer ID'], nw['Customer Name'], nw['Account Name'], nw.Reseller],
    [cycleText(CUR), String(ids.northwind), 'N****s', 'n****d', '']);
  assert.deepEqual([nw['Association Type'], nw['Account Manager'], nw['Billing Mode'], nw['Bill Type'], nw['Payment Status']],
    ['Reseller', 'Li Na', 'Pay-per-use', 'Expenditure', 'Unsettled']);
  assert.deepEqual([nw['Amount Due (USD)'], nw['List Price (USD)'], nw['Discount (USD)'], nw['Cash Payment (USD)']],
    ['1.23456789', '2.23456789', '1.00000000', '1.23456789']);
  assert.deepEqual([nw['Resource Name'], nw['Resource ID'], nw['Billing Item']], ['web-server-1', 'i-nw-1', 'instance_hours']);
  assert.match(nw['Spent From'], /^\d{4}-\d\d-02 \d\d:\d\d:\d\d GMT\+08:00$/, 'the pages\' date form');
  const refund = f.rows.find((r) => r['Order/Transaction ID'] === 'CS-ORDER-2');
  assert.deepEqual([refund['Amount Due (USD)'], refund['Bill Type'], refund['Association Type'], refund['Billing Mode']],
    ['-5.00000000', 'Refund', 'Referral', 'Yearly/Monthly']);
  assert.equal(f.rows.find((r) => r['Order/Transaction ID'] === 'T-FB-3')['Association Type'], '', 'no association: empty');
  await assertNoSecrets(stack, f.text, f.cells);

  // the default "Hide 0 Expenditures" and a name filter: the page's rows again
  const filtered = await admin.get('/spend/details?name=Northwind');
  assert.deepEqual(cellsOf(filtered.text, 'txn'), ['T-NW-1']);
  const id2 = await exportTask(stack, admin, '/spend/details/export', { name: 'Northwind', format: 'csv' });
  assert.deepEqual((await csvOf(stack, admin, id2, 'expenditure_details')).rows.map((r) => r['Order/Transaction ID']), ['T-NW-1']);
});

test('expenditure details as XLSX for a Chinese user: the rows, masked, headers and words in Chinese (python3 zipfile)', async () => {
  const zh = await signedIn(stack, 'csp.admin');
  await zh.get('/home');
  await zh.post('/auth/lang', { lang: 'zh', back: '/spend/details' });
  const id = await exportTask(stack, zh, '/spend/details/export', { cycle: cycleText(CUR), amount: 'all', format: 'xlsx' });
  await runExports(stack);
  await zh.post('/auth/lang', { lang: 'en', back: '/home' });
  assert.equal((await task(stack, id)).status, 'completed');
  const d = await rawGet(stack, zh, `/exports/${id}/download`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-disposition'), `attachment; filename="expenditure_details-${id}.xlsx"`);
  const file = join(scratch, `details-${id}.xlsx`);
  writeFileSync(file, d.body);
  const xml = execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', file]).toString();
  assert.equal([...xml.matchAll(/<row /g)].length, 5, 'header and four lines');
  const texts = [...xml.matchAll(/<t>([^<]*)<\/t>/g)].map((m) => m[1]);
  for (const v of ['账期', '客户名称', '计费项', '应付金额（美元）', 'T-NW-1', 'CS-ORDER-2', 'N****s', 'C****a', '按需', '退款']) assert.ok(texts.includes(v), v);
  // product names as the Chinese pages write them (the catalog's Chinese names, issue 16)
  for (const v of ['弹性云服务器', '对象存储服务']) assert.ok(texts.includes(v), v);
  assert.ok(!texts.includes('Elastic Cloud Server'), 'no English product name in a Chinese file');
  assert.match(xml, /1\.23456789/);
  await assertNoSecrets(stack, xml, texts);
});

test("an account manager's details export holds only its assigned customers' lines, as its page", async () => {
  const page = await am.get('/spend/details?amount=all');
  assert.match(page.text, /id="export-button"/);
  const txns = cellsOf(page.text, 'txn');
  assert.deepEqual(txns, ['CS-ORDER-2', 'T-NW-0', 'T-NW-1']);
  const id = await exportTask(stack, am, '/spend/details/export', { cycle: cycleText(CUR), amount: 'all', format: 'csv' });
  const f = await csvOf(stack, am, id, 'expenditure_details');
  assert.deepEqual(f.rows.map((r) => r['Order/Transaction ID']), txns);
  const assigned = (await stack.sql(`SELECT id FROM customers WHERE account_manager_id = ${users['csp.am1']}`)).map((r) => r[0]);
  assert.ok(f.rows.every((r) => assigned.includes(r['Customer ID'])));
  assert.ok(!f.text.includes('T-FB-3'), 'fabrikam is not assigned to it');
});

test("a distributor's details export: its resellers' customers' lines, reseller names masked", async () => {
  const page = await dist.get('/spend/details');
  assert.deepEqual(cellsOf(page.text, 'txn'), ['T-HB-1']);
  const id = await exportTask(stack, dist, '/spend/details/export', { format: 'csv' });
  const f = await csvOf(stack, dist, id, 'expenditure_details');
  assert.equal(f.rows.length, 1);
  assert.deepEqual([f.rows[0]['Customer Name'], f.rows[0].Reseller, f.rows[0]['Amount Due (USD)']], ['H****p', 'H****r', '7.00000000']);
  await assertNoSecrets(stack, f.text, f.cells);
});

test('expenditure summary: the rows of the page (D+2 rule, tab, filters), 8 decimals, masked', async () => {
  const shown = daysAgo(2), hidden = daysAgo(1);
  const am1 = users['csp.am1'];
  await daily({ customer: ids.northwind, day: shown, amount: 10n * USD, am: am1 });
  await daily({ customer: ids.northwind, day: hidden, amount: 20n * USD, am: am1 });
  await daily({ customer: ids.northwind, day: shown, bill: 'refund', amount: -3n * USD, am: am1 });
  await daily({ customer: ids.fabrikam, day: shown, product: 'relational_database_service', mode: 'yearly_monthly', assoc: 'referral', amount: 250000000n });
  await daily({ customer: ids.harborcafe, partner: 3, day: shown, amount: 8n * USD });
  const cycle = cycleText(Number(shown.slice(0, 4)) * 100 + Number(shown.slice(5, 7)));
  const page = await admin.get(`/spend/summary?cycle=${cycle}`);
  assert.deepEqual(summaryRows(page.text), [ids.northwind, ids.fabrikam]);
  const id = await exportTask(stack, admin, '/spend/summary/export', { cycle, format: 'csv' });
  // run two days later: the file is still the page as it was when exported (yesterday not in it)
  const later = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 19).replace('T', ' ');
  const f = await csvOf(stack, admin, id, 'expenditure_summary', later);
  assert.deepEqual(f.header, ['Customer ID', 'Customer Name', 'Account Name', 'Reseller', 'Service Type', 'Billing Mode',
    'Association Type', 'Amount (USD)', 'Cash Payment (USD)', 'Coupons Used (USD)', 'Monthly Settlement (USD)', 'Discount (USD)']);
  assert.deepEqual(f.rows.map((r) => Number(r['Customer ID'])), summaryRows(page.text));
  assert.deepEqual(f.rows.map((r) => r['Amount (USD)']), cellsOf(page.text, 'num amount'));
  assert.deepEqual(Object.values(f.rows[0]).slice(1), ['N****s', 'n****d', '', 'Elastic Cloud Server', 'Pay-per-use', 'Reseller',
    '10.00000000', '10.00000000', '0.00000000', '0.00000000', '0.00000000']);
  assert.deepEqual([f.rows[1]['Amount (USD)'], f.rows[1]['Association Type'], f.rows[1]['Billing Mode']], ['2.50000000', 'Referral', 'Yearly/Monthly']);
  await assertNoSecrets(stack, f.text, f.cells);
  // the Refunds tab and the account manager filter: the page's rows again
  const refunds = await admin.get(`/spend/summary?cycle=${cycle}&tab=refunds&am=${am1}`);
  assert.deepEqual(summaryRows(refunds.text), [ids.northwind]);
  const id2 = await exportTask(stack, admin, '/spend/summary/export', { cycle, tab: 'refunds', am: String(am1), format: 'csv' });
  const r2 = await csvOf(stack, admin, id2, 'expenditure_summary');
  assert.deepEqual(r2.rows.map((r) => [Number(r['Customer ID']), r['Amount (USD)']]), [[ids.northwind, '-3.00000000']]);
  // the account manager's own export: only its customers
  const id3 = await exportTask(stack, am, '/spend/summary/export', { cycle, format: 'csv' });
  assert.deepEqual((await csvOf(stack, am, id3, 'expenditure_summary')).rows.map((r) => Number(r['Customer ID'])),
    summaryRows((await am.get(`/spend/summary?cycle=${cycle}`)).text));
});

test('customer orders: the orders of the page for the same filters, newest first, masked, labels', async () => {
  const page = await admin.get('/orders/');
  const nos = cellsOf(page.text, 'order-no');
  assert.ok(nos.length >= 8, `demo orders: ${nos.length}`);
  const id = await exportTask(stack, admin, '/orders/export', { scope: 'selected', format: 'csv' });
  const f = await csvOf(stack, admin, id, 'orders');
  assert.deepEqual(f.header, ['Order No.', 'Customer ID', 'Customer Name', 'Account Name', 'Reseller', 'Product Type',
    'Order Type', 'Status', 'Ordered On', 'Amount Paid (USD)', 'Cash Paid (USD)', 'Cash Coupons Paid (USD)']);
  assert.deepEqual(f.rows.map((r) => r['Order No.']), nos);
  const [[no, account, paid, cash, status]] = await stack.sql(`SELECT o.order_no, c.account_name, o.amount_paid, o.cash_paid, o.status
    FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.order_no = '${nos[0]}'`);
  const row = f.rows[0];
  assert.equal(row['Order No.'], no);
  assert.equal(row['Amount Paid (USD)'], (Number(paid) / 1e8).toFixed(8));
  assert.equal(row['Cash Paid (USD)'], status === 'completed' ? (Number(cash) / 1e8).toFixed(8) : '');
  assert.equal(row['Account Name'], `${account[0]}****${account.at(-1)}`);
  assert.ok(f.rows.every((r) => ['New purchase', 'Renewal', 'Change', 'Unsubscription', 'Price adjustment'].includes(r['Order Type'])));
  assert.ok(f.rows.every((r) => r.Reseller === ''), 'own customers only');
  assert.ok(f.rows.some((r) => r['Customer Name'] === '深****司'));
  await assertNoSecrets(stack, f.text, f.cells);
  // a filter of the page: one account's orders
  const xinghe = cellsOf((await admin.get('/orders/?account=xinghe')).text, 'order-no');
  assert.ok(xinghe.length > 0 && xinghe.length < nos.length);
  const id2 = await exportTask(stack, admin, '/orders/export', { scope: 'selected', account: 'xinghe', format: 'csv' });
  assert.deepEqual((await csvOf(stack, admin, id2, 'orders')).rows.map((r) => r['Order No.']), xinghe);
});

test("a distributor's orders export of its resellers' customers: reseller names masked", async () => {
  const page = await dist.get('/orders/?tab=resellers');
  const nos = cellsOf(page.text, 'order-no');
  assert.ok(nos.length > 0);
  const id = await exportTask(stack, dist, '/orders/export', { scope: 'selected', tab: 'resellers', format: 'csv' });
  const f = await csvOf(stack, dist, id, 'orders');
  assert.deepEqual(f.rows.map((r) => r['Order No.']), nos);
  assert.ok(f.rows.every((r) => r.Reseller === 'H****r'));
  await assertNoSecrets(stack, f.text, f.cells);
});

test('order resource details: the resources of the page, masked, status labels, times', async () => {
  const page = await admin.get('/orders/resources');
  const want = rowIds(page.text);
  assert.ok(want.length > 0);
  const names = [...page.text.matchAll(/class="resource">([^<]*)<br>/g)].map((m) => m[1]);
  const id = await exportTask(stack, admin, '/orders/resources/export', { scope: 'selected', format: 'csv' });
  const f = await csvOf(stack, admin, id, 'order_resources');
  assert.deepEqual(f.header, ['Order No.', 'Customer ID', 'Customer Name', 'Account Name', 'Reseller', 'Resource Name',
    'Resource ID', 'Product Type', 'Specifications', 'Region', 'Status', 'Effective Time', 'Expiration Time']);
  assert.equal(f.rows.length, want.length);
  assert.deepEqual(f.rows.map((r) => r['Resource Name']), names);
  const keys = (await stack.sql(`SELECT IFNULL(resource_key, '') FROM resources WHERE id IN (${want.join(',')}) ORDER BY id DESC`)).map((r) => r[0]);
  assert.deepEqual(f.rows.map((r) => r['Resource ID']), keys);
  assert.ok(f.rows.every((r) => ['Running', 'Stopped', 'Frozen', 'Expired', 'Released'].includes(r.Status)));
  await assertNoSecrets(stack, f.text, f.cells);
});

test('who may: finance cannot export orders or spend; a task whose user lost the permission fails', async () => {
  assert.equal((await finance.post('/orders/export', { scope: 'all', format: 'csv' })).status, 403);
  assert.equal((await finance.post('/spend/details/export', { format: 'csv' })).status, 403);
  const id = await exportTask(stack, am, '/spend/details/export', { format: 'csv' });
  await stack.sql("DELETE mr FROM member_roles mr JOIN roles r ON r.id = mr.role_id WHERE r.name = 'Spend exporter'");
  await runExports(stack);
  const t = await task(stack, id);
  assert.deepEqual([t.status, t.error], ['failed', 'You no longer have the permission for this export.']);
  await stack.sql(`INSERT INTO member_roles (user_id, role_id) SELECT ${users['csp.am1']}, id FROM roles WHERE name = 'Spend exporter'`);
});

test('Export History is reached from the Export menu of the lists (View Export) of who may export, not by the others', async () => {
  // the guide reaches it through Export ▸ View Export, not through the top menu (docs/DECISIONS.md)
  const view = /<a href="\/exports\/" class="view-exports" id="view-exports">View Export<\/a>/;
  assert.match((await admin.get('/customers/')).text, view, 'the admin, from the customer list');
  assert.match((await am.get('/spend/details')).text, view, 'spend.export is enough, from the expenditure details');
  // the finance specialist exports bills only (its bill page's note links to the history): no
  // customer or expenditure export, and its home offers none
  assert.doesNotMatch((await finance.get('/home')).text, /href="\/exports\/"/, 'not on the home of who exports nothing yet');
  const page = await admin.get('/exports/');
  assert.equal(page.status, 200);
  assert.match(page.text, /<title>Export History/);
});

test('the row limit: counted first; expenditure and order exports over Exports.max_rows fail, no file', async () => {
  const small = await startStack({ extraConf: `Exports.max_rows = 2` });
  try {
    await seed(small);
    const a = await signedIn(small, 'csp.admin');
    const over = await exportTask(small, a, '/spend/details/export', { amount: 'all', format: 'csv' });
    const orders = await exportTask(small, a, '/orders/export', { scope: 'selected', format: 'xlsx' });
    const fits = await exportTask(small, a, '/spend/details/export', { name: 'Northwind', amount: 'all', format: 'csv' });
    await runExports(small);
    const t = await task(small, over);
    assert.equal(t.status, 'failed');
    assert.equal(t.error, 'This export would hold 4 rows, more than the limit of 2 rows per export. Narrow the filters and export again.');
    assert.equal(t.file, '');
    assert.ok(!existsSync(join(small.varDir, 'exports', `export-${over}.csv`)));
    const o = await task(small, orders);
    assert.equal(o.status, 'failed');
    assert.match(o.error, /^This export would hold \d+ rows, more than the limit of 2 rows per export/);
    assert.ok(!existsSync(join(small.varDir, 'exports', `export-${orders}.xlsx`)));
    const ok = await task(small, fits);
    assert.deepEqual([ok.status, ok.rows], ['completed', 2], 'two lines are within the limit');
  } finally {
    await small.stop();
  }
});
