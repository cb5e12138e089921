// The Export menu of the lists (issue 16, exports): Export All through the guide's precautions
// dialog, Export History refreshing itself while the worker runs, the download of a file whose
// rows are the list's; Export Selected giving exactly the rows checked; the progress of a running
// task; the precautions page without script; who sees no Export menu and who cannot download.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn, signedInPage } from '../lib/browser.mjs';
import { signIn as httpSignIn } from '../lib/client.mjs';
import { parseCsv } from '../lib/csv.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser, adminId, admin; // admin: csp.admin's page, shared by the tests (one sign-in)

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  [[adminId]] = await stack.sql("SELECT id FROM users WHERE username = 'csp.admin'");
  admin = await signedInPage(browser, stack.base, 'csp.admin');
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const tasks = async () => Number((await stack.sql(`SELECT COUNT(*) FROM export_tasks WHERE user_id = ${adminId}`))[0][0]);

/** The text of a download (saved to a scratch file: with the run's shared browser, connected
 * remotely, a download has no local path of its own). */
async function downloaded(download) {
  const dir = await mkdtemp(join(tmpdir(), 'pc-dl-'));
  try {
    await download.saveAs(join(dir, 'file'));
    return (await readFile(join(dir, 'file'), 'utf8')).replace(/^\uFEFF/, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The customer ids of a downloaded CSV (first column, header row dropped). */
async function csvIds(download) {
  const text = await downloaded(download);
  const rows = parseCsv(text);
  assert.equal(rows[0][0], 'Customer ID');
  return rows.slice(1).map((r) => r[0]).sort();
}

/** Click an Export menu button and confirm the precautions dialog: lands on Export History. */
async function exportThroughDialog(p, button) {
  if (!(await p.isVisible(button))) await p.click('#export-open');
  await p.click(button);
  await p.waitForSelector('#precautions[open]');
  await Promise.all([p.waitForNavigation(), p.click('#got-it-button')]);
  assert.equal(new URL(p.url()).pathname, '/exports/');
}

test('Export All: precautions (Escape cancels, Got It exports), History refreshes by itself, the file holds the list', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/`);
  assert.equal(await p.locator('#next-page').count(), 0, 'the demo list fits one page');
  const listed = (await p.locator('#customers tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id))).sort();
  assert.ok(listed.length >= 3);

  // a closed menu, then its items; Export Selected waits for a selection
  assert.equal(await p.isVisible('#export-list'), false);
  await p.click('#export-open');
  assert.equal(await p.isVisible('#export-list'), true);
  assert.equal(await p.isDisabled('#export-selected'), true);
  assert.equal(await p.getAttribute('#view-exports', 'href'), '/exports/');

  // the precautions name what happens; Escape and Cancel create nothing
  const before = await tasks();
  await p.click('#export-list');
  await p.waitForSelector('#precautions[open]');
  assert.match(await p.textContent('#precautions'), /anonymized/);
  assert.equal(await p.evaluate(() => document.activeElement.id), 'got-it-button', 'focus in the dialog');
  await p.keyboard.press('Escape');
  await p.waitForSelector('#precautions', { state: 'hidden' });
  await p.click('#export-list');
  await p.waitForSelector('#precautions[open]');
  await p.click('#precautions-cancel');
  await p.waitForSelector('#precautions', { state: 'hidden' });
  assert.equal(new URL(p.url()).pathname, '/customers/');
  assert.equal(await tasks(), before, 'nothing exported before Got It');

  await exportThroughDialog(p, '#export-list');
  assert.match(await p.textContent('.flash'), /Export task created\./);
  assert.equal(await tasks(), before + 1);
  const row = p.locator('#exports tbody tr').first();
  const id = await row.getAttribute('data-id');
  assert.equal(await row.getAttribute('data-status'), 'queued');
  assert.match(await p.textContent('#export-running'), /refreshes by itself/);

  // the worker runs; the page, not reloaded, shows the file ready
  const r = await stack.worker('run', 'exports');
  assert.equal(r.code, 0, r.stderr);
  await p.waitForSelector(`#exports tbody tr[data-id="${id}"][data-status="completed"]`, { timeout: 20000 });
  assert.equal(await p.locator('#export-running').count(), 0);
  assert.match(await p.textContent('#export-ready'), /ready to download: 1\./);
  assert.equal((await row.locator('.rows').textContent()).trim(), String(listed.length));
  const [[expected, written]] = await stack.sql(`SELECT expected_rows, progress_rows FROM export_tasks WHERE id = ${id}`);
  assert.deepEqual([expected, written], [String(listed.length), String(listed.length)]);

  const [download] = await Promise.all([p.waitForEvent('download'), row.locator('a.download').click()]);
  assert.equal(download.suggestedFilename(), `customers-${id}.csv`);
  assert.deepEqual(await csvIds(download), listed);
  await p.reload();
  assert.equal(await p.locator('#export-ready').count(), 0, 'a downloaded file is no longer announced');
});

test('Export Selected with two rows checked exports exactly those two', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/`);
  const boxes = p.locator('#customers tbody input[name=ids]');
  const chosen = [await boxes.nth(0).getAttribute('value'), await boxes.nth(2).getAttribute('value')].sort();
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  await p.click('#export-open');
  assert.equal(await p.isDisabled('#export-selected'), false);
  await boxes.nth(0).uncheck();
  await boxes.nth(0).check();
  await exportThroughDialog(p, '#export-selected');
  const id = await p.locator('#exports tbody tr').first().getAttribute('data-id');
  const [[filters]] = await stack.sql(`SELECT filters FROM export_tasks WHERE id = ${id}`);
  assert.match(filters, new RegExp(`ids=${chosen.join('%2C')}|ids=${[...chosen].reverse().join('%2C')}`));
  assert.equal((await stack.worker('run', 'exports')).code, 0);
  const row = p.locator(`#exports tbody tr[data-id="${id}"][data-status="completed"]`);
  await row.waitFor({ timeout: 20000 });
  const [download] = await Promise.all([p.waitForEvent('download'), row.locator('a.download').click()]);
  assert.deepEqual(await csvIds(download), chosen);
});

test('Invoices: Export All of the filtered list gives its invoices, 8-decimal amounts', async () => {
  const p = await signedInPage(browser, stack.base, 'csp.finance1');
  await p.goto(`${stack.base}/finance/invoices?status=issued`);
  const listed = await p.locator('#invoices tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[1].textContent.trim()));
  assert.ok(listed.length >= 1, 'the demo bills are invoiced');
  await exportThroughDialog(p, '#export-invoices');
  const id = await p.locator('#exports tbody tr').first().getAttribute('data-id');
  assert.equal((await p.textContent(`#exports tr[data-id="${id}"] td:nth-child(2)`)).trim(), 'Invoices');
  assert.equal((await stack.worker('run', 'exports')).code, 0);
  const row = p.locator(`#exports tbody tr[data-id="${id}"][data-status="completed"]`);
  await row.waitFor({ timeout: 20000 });
  const [download] = await Promise.all([p.waitForEvent('download'), row.locator('a.download').click()]);
  const [header, ...rows] = parseCsv(await downloaded(download));
  assert.deepEqual(header.slice(0, 3), ['Period', 'Invoice No.', 'Invoice Content']);
  assert.deepEqual(rows.map((r) => r[1]), listed);
  assert.ok(rows.every((r) => r[8] === 'Invoiced' && /^\d+\.\d{8}$/.test(r[7])), JSON.stringify(rows[0]));
  await p.close();
});

test('a running task shows rows written and percent, refreshed until it ends; a failure says why', async () => {
  await stack.sql(`INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, status,
    created_at, started_at, expected_rows, progress_rows)
    SELECT partner_id, id, 'customers', 'Customer list', '', 'csv', 'processing', UTC_TIMESTAMP(),
    UTC_TIMESTAMP(), 2000, 500 FROM users WHERE id = ${adminId}`);
  const [[id]] = await stack.sql(`SELECT MAX(id) FROM export_tasks WHERE user_id = ${adminId}`);
  const p = admin;
  await p.goto(`${stack.base}/exports/`);
  const row = p.locator(`#exports tbody tr[data-id="${id}"]`);
  assert.equal(await row.getAttribute('data-status'), 'processing');
  assert.equal((await row.locator('.progress').textContent()).trim(), '500 of 2,000 rows (25%)');
  assert.equal(await row.locator('progress').getAttribute('value'), '25');

  await stack.sql(`UPDATE export_tasks SET progress_rows = 1500 WHERE id = ${id}`);
  await p.waitForFunction((tid) => document.querySelector(`#exports tr[data-id="${tid}"] .progress`)?.textContent.includes('75%'), id, { timeout: 20000 });
  await stack.sql(`UPDATE export_tasks SET status = 'failed', error = 'The export was interrupted. Export the list again.' WHERE id = ${id}`);
  await p.waitForSelector(`#exports tr[data-id="${id}"][data-status="failed"]`, { timeout: 20000 });
  assert.match(await p.locator(`#exports tr[data-id="${id}"] .reason`).textContent(), /interrupted/);
  assert.equal(await p.locator('#export-running').count(), 0, 'nothing runs: the page stops refreshing');
});

test('without script: the menu still opens, the server shows the precautions page, Cancel goes back', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await signIn(p, stack.base, 'csp.admin');
  await p.goto(`${stack.base}/customers/?name=Contoso`);
  const before = await tasks();
  await p.click('#export-open');
  await Promise.all([p.waitForNavigation(), p.click('#export-list')]);
  assert.equal(new URL(p.url()).pathname, '/customers/export');
  assert.match(await p.textContent('h1'), /Precautions/);
  assert.match(await p.textContent('.precaution-list'), /anonymized/);
  assert.equal(await p.getAttribute('#precautions-cancel', 'href'), '/customers/?name=Contoso');
  assert.equal(await tasks(), before, 'the precautions page creates nothing');
  await Promise.all([p.waitForNavigation(), p.click('#got-it-button')]);
  assert.equal(new URL(p.url()).pathname, '/exports/');
  assert.equal(await tasks(), before + 1);
  const [[filters]] = await stack.sql(`SELECT filters FROM export_tasks WHERE user_id = ${adminId} ORDER BY id DESC LIMIT 1`);
  assert.match(filters, /name=Contoso/);
  await ctx.close();
});

test('who may not export sees no Export menu; nobody downloads a file of someone else', async () => {
  const am = await httpSignIn(stack.base, 'csp.am1');
  const list = await am.get('/customers/');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /class="export-menu"|id="precautions"/);
  const [[done]] = await stack.sql(`SELECT id FROM export_tasks WHERE user_id = ${adminId} AND status = 'completed' LIMIT 1`);
  for (const [user, c] of [['csp.am1', am], ['csp.finance1', await httpSignIn(stack.base, 'csp.finance1')],
    ['dist.admin', await httpSignIn(stack.base, 'dist.admin')]]) {
    assert.equal((await c.get(`/exports/${done}/download`)).status, 404, `${user} cannot download task ${done}`);
    const hist = await c.get('/exports/');
    assert.equal(hist.status, 200);
    assert.doesNotMatch(hist.text, new RegExp(`data-id="${done}"`), `${user} does not see task ${done}`);
  }
});

test('Export Selected refuses a bad list of rows and never reaches a customer out of scope', async () => {
  const c = await httpSignIn(stack.base, 'csp.admin');
  await c.get('/customers/');
  const bad = await c.post('/customers/export', { ids: '1,abc', format: 'csv' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /The selected rows could not be read/);
  const [[own]] = await stack.sql(`SELECT MIN(id) FROM customers WHERE partner_id = (SELECT partner_id FROM users WHERE id = ${adminId})`);
  const [[foreign]] = await stack.sql("SELECT MIN(c.id) FROM customers c JOIN users u ON u.partner_id = c.partner_id WHERE u.username = 'dist.admin'");
  await c.get('/customers/');
  const r = await c.post('/customers/export', { ids: `${foreign},${own}`, format: 'csv' });
  assert.equal(r.status, 303);
  assert.equal((await stack.worker('run', 'exports')).code, 0);
  const [[id, rows]] = await stack.sql(`SELECT id, row_count FROM export_tasks WHERE user_id = ${adminId} ORDER BY id DESC LIMIT 1`);
  assert.equal(rows, '1', `task ${id}: only the partner's own customer ${own}, not ${foreign}`);
});

test('Chinese: the menu, the precautions and the progress are in Chinese', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/`);
  await p.evaluate(async () => {
    const csrf = document.querySelector('input[name=csrf]').value;
    await fetch('/auth/lang', { method: 'POST', body: new URLSearchParams({ lang: 'zh', back: '/customers/', csrf }) });
  });
  await p.reload();
  assert.equal((await p.textContent('#export-open')).trim(), '导出');
  await p.click('#export-open');
  assert.equal((await p.textContent('#export-selected')).trim(), '导出所选');
  assert.equal((await p.textContent('#export-list')).trim(), '导出全部');
  assert.equal((await p.textContent('#view-exports')).trim(), '查看导出记录');
  await p.click('#export-list');
  await p.waitForSelector('#precautions[open]');
  assert.match(await p.textContent('#precautions'), /注意事项[\s\S]*匿名化/);
  assert.doesNotMatch(await p.textContent('#precautions'), /[A-Za-z]{3,}/);
  await p.keyboard.press('Escape');
  // at phone width the open menu stays on the screen
  await p.setViewportSize({ width: 390, height: 844 });
  const box = await p.locator('.export-menu-body').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
  const dialog = await p.evaluate(() => { const d = document.getElementById('precautions'); d.showModal(); const r = d.getBoundingClientRect(); d.close(); return [r.left, r.right]; });
  assert.ok(dialog[0] >= 0 && dialog[1] <= 390, `the precautions dialog fits: ${dialog}`);
  await p.goto(`${stack.base}/exports/`);
  assert.equal(await p.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await p.textContent('#exports thead'), /进度/);
  assert.match(await p.textContent('#exports tbody'), /已完成[^]*下载/);
});
