// The export engine (ch09 §0, 9.3.1.1, 9.3.4.2): export tasks created on the
// customer list, run by the "exports" job, downloaded from Export History.
// Files are CSV (RFC 4180, UTF-8 BOM) or XLSX, anonymised, in the user's
// scope and language; the row limit is counted first; two workers never run
// one task; files expire.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';
import { parseCsv } from '../lib/csv.mjs';

let stack, admin, am, finance, dist;
const scratch = mkdtempSync(join(tmpdir(), 'pc-exports-files-'));

const rowIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));

const signedIn = (s, name) => signIn(s.base, name);

before(async () => {
  stack = await startStack();
  [admin, am, finance, dist] = await Promise.all(['csp.admin', 'csp.am1', 'csp.finance1', 'dist.admin'].map((n) => signedIn(stack, n)));
});
after(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Export the customer list as filtered by `query` (the page's form posts the filters); the new task id. */
async function exportList(s, client, query, format = 'csv') {
  await client.get(`/customers/?${query}`);
  const fields = Object.fromEntries(new URLSearchParams(query));
  const r = await client.post('/customers/export', { ...fields, format });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/exports/?msg=export_created');
  return Number((await s.sql('SELECT MAX(id) FROM export_tasks'))[0][0]);
}

async function runExports(s, ...now) {
  const r = await s.worker('run', 'exports', ...(now.length ? ['--now', now[0]] : []));
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function task(s, id) {
  const [row] = await s.sql(`SELECT status, row_count, IFNULL(file_path, ''), error, progress_rows, format, IFNULL(expires_at, ''), IFNULL(completed_at, '') FROM export_tasks WHERE id = ${id}`);
  const [status, rows, file, error, progress, format, expires, completed] = row;
  return { status, rows: Number(rows), file, error, progress: Number(progress), format, expires, completed };
}

/** GET as raw bytes (the client reads text). */
async function rawGet(s, client, path) {
  const res = await fetch(s.base + path, { redirect: 'manual', headers: { cookie: client.cookieHeader() } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The personal values of every customer in the database: no name, e-mail or
 * mobile may appear in a file, and no cell may hold an account name (which
 * also appears in the masked e-mails' domains).
 */
async function assertNoSecrets(s, text, cells) {
  const rows = await s.sql("SELECT name, account_name, IFNULL(email, ''), mobile FROM customers");
  for (const [name, account, email, mobile] of rows) {
    for (const v of [name, email, mobile]) if (v.length >= 4) assert.ok(!text.includes(v), `no unmasked value in the file: ${v}`);
    assert.ok(!cells.includes(account), `no unmasked account name: ${account}`);
  }
}

function sheetXml(buf) {
  const file = join(scratch, `x-${Date.now()}-${Math.random()}.xlsx`);
  writeFileSync(file, buf);
  return execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.namelist()); sys.stdout.write(z.read("xl/worksheets/sheet1.xml").decode())', file]).toString();
}

test('CSV: the filtered list of the page, anonymised, RFC 4180 with a BOM, header in English', async () => {
  // a tag that needs quoting, and one a spreadsheet would take for a formula
  await stack.sql("UPDATE customers SET custom_tag = 'north, \"big\"' WHERE account_name = 'northwind'");
  await stack.sql("UPDATE customers SET custom_tag = '=1+2' WHERE account_name = 'contoso'");
  const query = 'spend_min=300&sort=spend_desc';
  const pageIds = rowIds((await admin.get(`/customers/?${query}`)).text);
  assert.equal(pageIds.length, 5, 'five of the seven customers spent 300 USD or more');
  const id = await exportList(stack, admin, query);
  assert.deepEqual((await stack.sql(`SELECT kind, status, format, filters FROM export_tasks WHERE id = ${id}`))[0],
    ['customers', 'queued', 'csv', 'spend_min=300&sort=spend_desc&']);
  const queued = await admin.get('/exports/');
  assert.match(queued.text, new RegExp(`data-id="${id}" data-status="queued"`));
  assert.doesNotMatch(queued.text, new RegExp(`/exports/${id}/download`));

  const out = await runExports(stack);
  assert.match(out, /job exports: ok, 1 done/);
  const t = await task(stack, id);
  assert.deepEqual([t.status, t.rows, t.progress, t.file, t.error], ['completed', 5, 5, `export-${id}.csv`, '']);
  assert.deepEqual(await stack.sql(`SELECT TIMESTAMPDIFF(SECOND, completed_at, expires_at), ABS(TIMESTAMPDIFF(SECOND, completed_at, UTC_TIMESTAMP())) < 60 FROM export_tasks WHERE id = ${id}`),
    [[String(72 * 3600), '1']], 'kept 72 hours (Exports.keep_hours)');
  assert.deepEqual((await stack.sql(`SELECT action, result FROM audit_events WHERE object_type = 'export_task' AND object_id = ${id} ORDER BY id`)),
    [['customers.export', 'ok'], ['export.completed', 'ok']]);

  const page = await admin.get('/exports/');
  assert.match(page.text, new RegExp(`data-id="${id}" data-status="completed"`));
  assert.match(page.text, /Completed/);
  assert.match(page.text, new RegExp(`data-id="${id}"[^]*?<td class="rows">5</td>\\s*<td class="expires nowrap">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT\\+08:00<`), 'rows and the time it is available until');
  assert.match(page.text, new RegExp(`href="/exports/${id}/download"`));

  const d = await rawGet(stack, admin, `/exports/${id}/download`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(d.headers.get('content-disposition'), `attachment; filename="customers-${id}.csv"`);
  assert.deepEqual([...d.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const text = d.body.subarray(3).toString('utf8');
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['Customer ID', 'Customer Name', 'Account Name', 'Email', 'Mobile Number', 'Reseller',
    'Account Manager', 'Account State', 'Month-to-Date Expenditure (USD)', 'Budget Usage (%)', 'Monthly Budget (USD)',
    'One-Time Budget (USD)', 'Alerts to Be Handled', 'Association Time', 'Custom Tag']);
  assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), pageIds, 'the rows and the order of the page');
  const north = rows.find((r) => r[4] === '138****2222');
  assert.ok(north, 'mobile numbers masked as on the page');
  assert.equal(north[1], 'N****s');
  assert.equal(north[3], 'it****@northwind.example');
  assert.equal(north[8], '760.00000000', 'amounts with 8 decimals');
  assert.equal(north[9], '76.00');
  assert.equal(north[10], '1000.00000000');
  assert.equal(north[11], '');
  assert.equal(north[14], 'north, "big"', 'a quoted field comes back whole');
  assert.match(text, /"north, ""big"""/);
  assert.equal(rows.find((r) => r[14].includes('1+2'))[14], "'=1+2", 'no formula in a CSV cell');
  const xinghe = rows.find((r) => r[7] === 'Account frozen');
  assert.ok(xinghe, 'the account state as words');
  for (const r of rows.slice(1)) for (const col of [1, 2]) assert.match(r[col], /\*\*\*\*/, 'every name masked');
  await assertNoSecrets(stack, text, rows.flat());
});

test('XLSX: a workbook whose sheet holds the filtered rows, masked, header in Chinese for a Chinese user', async () => {
  const zh = await signedIn(stack, 'csp.admin');
  await zh.get('/home');
  await zh.post('/auth/lang', { lang: 'zh', back: '/customers/' });
  const id = await exportList(stack, zh, 'tag=events', 'xlsx');
  await runExports(stack);
  const t = await task(stack, id);
  assert.deepEqual([t.status, t.rows, t.format, t.file], ['completed', 2, 'xlsx', `export-${id}.xlsx`]);
  const d = await rawGet(stack, zh, `/exports/${id}/download`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(d.headers.get('content-disposition'), `attachment; filename="customers-${id}.xlsx"`);
  assert.equal(d.body.subarray(0, 2).toString(), 'PK', 'a zip');
  const xml = sheetXml(d.body);
  assert.equal([...xml.matchAll(/<row /g)].length, 3, 'header and two rows');
  assert.match(xml, /客户名称/);
  assert.match(xml, /N\*\*\*\*s/);
  assert.match(xml, /杭\*\*\*\*络/);
  assert.match(xml, /138\*\*\*\*2222/);
  await assertNoSecrets(stack, xml, [...xml.matchAll(/<t>([^<]*)<\/t>/g)].map((m) => m[1]));
  const page = await zh.get('/exports/');
  assert.match(page.text, /已完成/);
  assert.match(page.text, /Excel（XLSX）/);
  await zh.post('/auth/lang', { lang: 'en', back: '/exports/' });
});

test("an account manager's export holds only its customers; once the permission is gone its task fails", async () => {
  // customer.export is the admin's; a partner could give it to the account managers' role
  await stack.sql("INSERT INTO role_permissions (role_id, perm_code) SELECT id, 'customer.export' FROM roles WHERE code = 'ACCOUNT_MANAGER'");
  const amClient = await signedIn(stack, 'csp.am1');
  const mine = (await stack.sql("SELECT c.id FROM customers c JOIN users u ON u.id = c.account_manager_id WHERE u.username = 'csp.am1' ORDER BY c.id")).map((r) => Number(r[0]));
  assert.ok(mine.length >= 1 && mine.length < 7);
  const id = await exportList(stack, amClient, '');
  const late = await exportList(stack, amClient, 'name=Contoso');
  await runExports(stack);
  assert.equal((await task(stack, id)).status, 'completed');
  const rows = parseCsv((await rawGet(stack, amClient, `/exports/${id}/download`)).body.subarray(3).toString('utf8'));
  assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), mine);
  assert.equal((await task(stack, late)).rows, 1);

  // the permission is withdrawn while a task waits: the worker refuses it
  const gone = await exportList(stack, amClient, '');
  await stack.sql("DELETE FROM role_permissions WHERE perm_code = 'customer.export' AND role_id = (SELECT id FROM roles WHERE code = 'ACCOUNT_MANAGER')");
  await runExports(stack);
  const t = await task(stack, gone);
  assert.deepEqual([t.status, t.file, t.error], ['failed', '', 'You no longer have the permission for this export.']);
  const page = await amClient.get('/exports/');
  assert.match(page.text, new RegExp(`data-id="${gone}" data-status="failed"`));
  assert.match(page.text, /You no longer have the permission for this export\./);
  assert.equal((await rawGet(stack, amClient, `/exports/${gone}/download`)).status, 404);
  assert.deepEqual((await stack.sql(`SELECT result FROM audit_events WHERE action = 'export.failed' AND object_id = ${gone}`)), [['failed']]);
  // and the page refuses new ones
  assert.equal((await amClient.post('/customers/export', {})).status, 403);
  // a user locked since it exported: failed too
  await stack.sql("INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, created_at) SELECT partner_id, id, 'customers', 'Customer list', '', UTC_TIMESTAMP() FROM users WHERE username = 'csp.director1'");
  const [[locked]] = await stack.sql('SELECT MAX(id) FROM export_tasks');
  await stack.sql("UPDATE users SET status = 'locked' WHERE username = 'csp.director1'");
  await runExports(stack);
  assert.deepEqual([(await task(stack, locked)).status, (await task(stack, locked)).error],
    ['failed', 'The user who created this export can no longer sign in.']);
  await stack.sql("UPDATE users SET status = 'normal' WHERE username = 'csp.director1'");
});

test("a distributor's export of its resellers' customers: the page's rows, reseller names masked", async () => {
  const pageIds = rowIds((await dist.get('/customers/?tab=resellers')).text);
  assert.ok(pageIds.length >= 1);
  const id = await exportList(stack, dist, 'tab=resellers');
  const own = await exportList(stack, dist, '');
  await runExports(stack);
  const text = (await rawGet(stack, dist, `/exports/${id}/download`)).body.subarray(3).toString('utf8');
  const rows = parseCsv(text);
  assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), pageIds);
  for (const r of rows.slice(1)) assert.match(r[5], /^.+\*\*\*\*.+$/, 'the reseller column, masked');
  for (const [name] of await stack.sql('SELECT name FROM partners WHERE distributor_id IS NOT NULL')) assert.ok(!text.includes(name));
  await assertNoSecrets(stack, text, rows.flat());
  // the distributor's own customers: no reseller, none of the resellers' customers
  const ownRows = parseCsv((await rawGet(stack, dist, `/exports/${own}/download`)).body.subarray(3).toString('utf8')).slice(1);
  assert.ok(ownRows.length >= 1);
  assert.ok(ownRows.every((r) => r[5] === '' && !pageIds.includes(Number(r[0]))));
});

test('download: only the user who created the task; other members and partners get 404, nobody signed in goes to login', async () => {
  const id = Number((await stack.sql("SELECT MIN(id) FROM export_tasks WHERE status = 'completed' AND user_id = (SELECT id FROM users WHERE username = 'csp.admin')"))[0][0]);
  assert.equal((await rawGet(stack, admin, `/exports/${id}/download`)).status, 200);
  for (const other of [finance, am, dist]) {
    assert.equal((await rawGet(stack, other, `/exports/${id}/download`)).status, 404);
    assert.doesNotMatch((await other.get('/exports/')).text, new RegExp(`data-id="${id}"`), 'nor listed');
  }
  assert.equal((await rawGet(stack, admin, '/exports/999999/download')).status, 404);
  const anon = await rawGet(stack, new Client(stack.base), `/exports/${id}/download`);
  assert.equal(anon.status, 303);
  // a task not finished has nothing to download
  const queued = await exportList(stack, admin, 'name=Fabrikam');
  assert.equal((await rawGet(stack, admin, `/exports/${queued}/download`)).status, 404);
  await runExports(stack);
  // one being written shows its progress, nothing to download either
  await stack.sql("INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, status, progress_rows, started_at, created_at) SELECT partner_id, id, 'customers', 'Customer list', '', 'processing', 12345, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM users WHERE username = 'csp.admin'");
  const [[writing]] = await stack.sql('SELECT MAX(id) FROM export_tasks');
  const page = await admin.get('/exports/');
  assert.match(page.text, new RegExp(`data-id="${writing}" data-status="processing"[^]*?Processing</td>[^]*?<span class="hint progress">12,345 rows written</span>`));
  assert.equal((await rawGet(stack, admin, `/exports/${writing}/download`)).status, 404);
  await stack.sql(`DELETE FROM export_tasks WHERE id = ${writing}`);
});

test('a bad format is refused and creates nothing; finance and account managers may not export', async () => {
  const before = (await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0];
  await admin.get('/customers/');
  assert.equal((await admin.post('/customers/export', { format: 'pdf' })).status, 400);
  for (const c of [finance, am]) {
    await c.get('/customers/');
    assert.equal((await c.post('/customers/export', { format: 'csv' })).status, 403);
  }
  assert.equal((await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0], before);
});

test('two workers at once run every task once; a re-run does nothing', async () => {
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push(await exportList(stack, admin, i % 2 ? 'tag=events' : '', i % 3 ? 'csv' : 'xlsx'));
  const [a, b] = await Promise.all([runExports(stack), runExports(stack)]);
  const done = (out) => Number(/ok, (\d+) done/.exec(out)[1]);
  assert.equal(done(a) + done(b), 6, `${a} ${b}`);
  for (const id of ids) {
    const t = await task(stack, id);
    assert.equal(t.status, 'completed');
    assert.equal(t.rows, [7, 2][ids.indexOf(id) % 2]);
  }
  const list = ids.join(',');
  assert.deepEqual(await stack.sql(`SELECT COUNT(*), COUNT(DISTINCT object_id) FROM audit_events WHERE action = 'export.completed' AND object_id IN (${list})`), [['6', '6']]);
  const before = await stack.sql(`SELECT id, completed_at, file_path FROM export_tasks WHERE id IN (${list}) ORDER BY id`);
  assert.match(await runExports(stack), /ok, 0 done/);
  assert.deepEqual(await stack.sql(`SELECT id, completed_at, file_path FROM export_tasks WHERE id IN (${list}) ORDER BY id`), before);
  assert.deepEqual(await stack.sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'export.completed' AND object_id IN (${list})`), [['6']]);
});

test('expiry: after keep_hours the job deletes the file, the task shows expired and the download says so', async () => {
  const id = await exportList(stack, admin, 'tag=events');
  await runExports(stack);
  const t = await task(stack, id);
  const file = join(stack.varDir, 'exports', t.file);
  assert.ok(existsSync(file));
  // one second early: nothing happens
  const [[early]] = await stack.sql(`SELECT expires_at - INTERVAL 1 SECOND FROM export_tasks WHERE id = ${id}`);
  await runExports(stack, early);
  assert.equal((await task(stack, id)).status, 'completed');
  await runExports(stack, t.expires);
  const e = await task(stack, id);
  assert.deepEqual([e.status, e.file, e.rows], ['expired', '', 2]);
  assert.ok(!existsSync(file), 'the file is deleted');
  const d = await admin.get(`/exports/${id}/download`);
  assert.equal(d.status, 410);
  assert.match(d.text, /This export file has expired and was deleted/);
  const page = await admin.get('/exports/');
  assert.match(page.text, new RegExp(`data-id="${id}" data-status="expired"`));
  assert.match(page.text, /Expired/);
  // a re-run finds nothing more to do
  await runExports(stack, t.expires);
  assert.deepEqual(await stack.sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'export.expired' AND object_id = ${id}`), [['1']]);
});

test('the row limit: counted first, a task over Exports.max_rows fails with the message and writes no file', async () => {
  const small = await startStack({ extraConf: `Exports.max_rows = 2` });
  try {
    const a = await signedIn(small, 'csp.admin');
    const over = await exportList(small, a, '');
    const fits = await exportList(small, a, 'tag=events', 'xlsx');
    await runExports(small);
    const t = await task(small, over);
    assert.equal(t.status, 'failed');
    assert.equal(t.error, 'This export would hold 7 rows, more than the limit of 2 rows per export. Narrow the filters and export again.');
    assert.equal(t.file, '');
    assert.ok(!existsSync(join(small.varDir, 'exports', `export-${over}.csv`)));
    assert.ok(!existsSync(join(small.varDir, 'exports', `export-${over}.csv.part`)));
    const page = await a.get('/exports/');
    assert.match(page.text, /more than the limit of 2 rows per export/);
    assert.equal((await task(small, fits)).status, 'completed', 'two rows are within the limit');
  } finally {
    await small.stop();
  }
});

test('streaming: 30,000 rows with long names go to the file in full, progress counted', async () => {
  // names of 450+ bytes: longer than the first buffer of a streamed column
  await stack.sql("INSERT INTO customers (partner_id, name, account_name, email, mobile) SELECT 1, CONCAT('长', REPEAT('名', 150), seq), CONCAT('bulk', seq), CONCAT('bulk', seq, '@bulk.example'), CONCAT('199', LPAD(seq, 8, '0')) FROM seq_1_to_30000");
  const id = await exportList(stack, admin, 'account=bulk');
  await runExports(stack);
  const t = await task(stack, id);
  assert.deepEqual([t.status, t.rows, t.progress], ['completed', 30000, 30000]);
  const d = await rawGet(stack, admin, `/exports/${id}/download`);
  assert.equal(d.status, 200);
  assert.equal(Number(d.headers.get('content-length')), d.body.length);
  const rows = parseCsv(d.body.subarray(3).toString('utf8'));
  assert.equal(rows.length, 30001);
  assert.equal(rows[1][1], '长****1');
  assert.equal(rows[30000][1], '长****0');
  assert.equal(rows[30000][4], '199****0000');
  assert.ok(rows.slice(1).every((r) => /^长\*\*\*\*\d$/.test(r[1]) && /^bulk\d\*\*\*\*@bulk\.example$/.test(r[3])));
});
