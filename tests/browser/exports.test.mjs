// Exporting the customer list in the browser: the format choice on the list,
// Export History with the task's status, and the download once the worker
// has written the file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signedInPage } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('the admin exports the filtered list as XLSX, follows it in Export History and downloads it', async () => {
  const p = await signedInPage(browser, stack.base, 'csp.admin');
  await p.goto(`${stack.base}/customers/`);
  await p.fill('#q-name', 'Contoso');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  await p.click('#export-open');
  await p.selectOption('#export-format', 'xlsx');
  await p.click('#export-list');
  await p.waitForSelector('#precautions[open]');
  await Promise.all([p.waitForNavigation(), p.click('#got-it-button')]);
  assert.equal(new URL(p.url()).pathname, '/exports/');
  assert.match(await p.textContent('.flash'), /Export task created\./);
  const row = p.locator('#exports tbody tr').first();
  assert.equal(await row.getAttribute('data-status'), 'queued');
  assert.equal((await row.locator('.format').textContent()).trim(), 'Excel (XLSX)');
  assert.equal(await row.locator('a.download').count(), 0, 'nothing to download yet');

  const r = await stack.worker('run', 'exports');
  assert.equal(r.code, 0, r.stderr);
  await p.reload();
  assert.equal(await row.getAttribute('data-status'), 'completed');
  assert.equal((await row.locator('.rows').textContent()).trim(), '1');
  const id = await row.getAttribute('data-id');
  const [download] = await Promise.all([p.waitForEvent('download'), row.locator('a.download').click()]);
  assert.equal(download.suggestedFilename(), `customers-${id}.xlsx`);
  await p.close();
});
