// Customer Development in headless Chromium: pre-register a customer through
// the page (an error next to its field first), find it in the list, generate a
// customized link and open its QR code image: a PNG of a QR symbol's size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser, page;
const pageErrors = [];

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.base, 'csp.am1');
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('pre-register through the page, then open the QR code of a new customized link', async () => {
  await page.goto(stack.base + '/customers/');
  await Promise.all([page.waitForURL('**/customers/development'), page.click('a[href="/customers/development"]')]);
  assert.equal(await page.locator('#live-count').textContent(), '2', 'the partner-wide count against the limit');
  await Promise.all([page.waitForURL('**/customers/development/new'), page.click('#preregister')]);

  await page.fill('#f-full_name', 'Browser Co');
  await page.fill('#f-email', 'bad+mail@browser.example');
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  assert.equal(await page.locator('#e-email').textContent(), 'Only letters, digits, _ - . and @ are allowed.');
  await page.fill('#f-email', 'cloud@browser.example');
  await page.check('#send-yes');
  await Promise.all([page.waitForURL('**/customers/development?msg=dev_preregistered_invited'), page.click('#save')]);
  const row = page.locator('#preregs tr', { hasText: 'Browser Co' });
  assert.equal(await row.locator('.status').textContent(), 'Pre-registered');
  assert.equal(await page.locator('#live-count').textContent(), '3');
  const stored = await stack.sql("SELECT p.status, i.status FROM preregistrations p JOIN invitations i "
    + "ON i.preregistration_id = p.id WHERE p.email = 'cloud@browser.example'");
  assert.deepEqual(stored, [['PREREGISTERED', 'INVITED']]);

  await Promise.all([page.waitForURL('**/customers/development/links'), page.click('#dev-tabs a[href="/customers/development/links"]')]);
  await page.fill('#f-remarks', 'Browser poster');
  await Promise.all([page.waitForURL('**/links?msg=dev_link_created&new=*'), page.click('#generate')]);
  const fresh = page.locator('#links tr.new');
  assert.ok(await fresh.locator('#created').isVisible());
  assert.match(await fresh.locator('input.link-url').inputValue(), /\/console\/join\?t=[0-9a-f]{64}$/);
  const href = await fresh.locator('a.qr').getAttribute('href');
  const res = await page.goto(stack.base + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'image/png');
  const png = await res.body();
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const side = png.readUInt32BE(16);
  assert.equal(png.readUInt32BE(20), side);
  const modules = side / 6 - 8;
  assert.ok(Number.isInteger(modules) && modules >= 21 && (modules - 17) % 4 === 0, `QR size ${side}px`);
  // the browser decoded it as an image of that size
  const dims = await page.evaluate(() => { const i = document.querySelector('img'); return [i.naturalWidth, i.naturalHeight]; });
  assert.deepEqual(dims, [side, side]);
  assert.deepEqual(pageErrors, []);
});
