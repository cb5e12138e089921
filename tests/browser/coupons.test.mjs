// Cash coupons in a real browser: the partner's coupon list (tabs, search,
// status filter, eye toggle) and details, the notification switch, Coupon
// Management (issue to a customer and reclaim), and the operator's form with
// a refused amount.  The ledger verifies after everything.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickEye, launchBrowser, signedInPage } from '../lib/browser.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const page = (user) => signedInPage(browser, stack.base, user);
const one = async (q) => (await stack.sql(q))[0]?.[0];

async function ledgerClean() {
  const r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

test('the finance specialist lists, searches, unmasks and opens a coupon', async () => {
  const p = await page('csp.finance1');
  await p.goto(`${stack.base}/finance/coupons`);
  assert.equal(await p.textContent('h1'), 'Coupons');
  assert.equal(await p.locator('#coupons tbody tr').count(), 3);
  assert.equal(await p.locator('#coupons .customer', { hasText: 'Blue Ocean Retail' }).count(), 0, 'masked by default');
  await clickEye(p, '#eye-name');
  assert.equal(await p.locator('#coupons .customer', { hasText: 'Blue Ocean Retail' }).count(), 1);
  await p.fill('#q-q', 'blueocean');
  await p.selectOption('#q-status', 'used');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#coupons tbody tr').count(), 0);
  assert.equal(await p.textContent('#no-coupons'), 'No cash coupon.');
  await p.selectOption('#q-status', 'available');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#coupons tbody tr').count(), 3);
  await Promise.all([p.waitForNavigation(), p.click('#tab-test')]);
  assert.equal(await p.locator('#coupons tbody tr').count(), 1);
  assert.equal(await p.textContent('#notice-state'), 'On');
  assert.equal(await p.locator('#notice-toggle').count(), 0, 'not an Admin');
  await Promise.all([p.waitForNavigation(), p.click('#coupons a.cname')]);
  assert.equal(await p.textContent('#balance'), '300.00');
  assert.equal(await p.textContent('#status'), 'Available');
  assert.equal(await p.textContent('#no-usage'), 'The coupon has not been used yet.');
  assert.match(await p.textContent('#coupon-code'), /^CP[0-9A-Z]{16}$/);
  await p.close();
});

test('the account manager is refused', async () => {
  const p = await page('csp.am1');
  const r = await p.goto(`${stack.base}/finance/coupons`);
  assert.equal(r.status(), 403);
  await p.close();
});

test('the Admin turns the notification off and on', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/finance/coupons?tab=test`);
  await Promise.all([p.waitForNavigation(), p.click('#notice-toggle')]);
  assert.equal(await p.textContent('#notice-state'), 'Off');
  assert.equal(await one("SELECT test_coupon_notice FROM partners WHERE account_name = 'sunrise'"), '0');
  await Promise.all([p.waitForNavigation(), p.click('#notice-toggle')]);
  assert.equal(await p.textContent('#notice-state'), 'On');
  await p.close();
});

test('Coupon Management: the Admin issues 100 to a customer out of the quota and reclaims it', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/finance/coupon-management`);
  assert.equal(await p.textContent('#quota-available'), '500.00');
  const blue = await one("SELECT id FROM customers WHERE account_name = 'blueocean'");
  await p.selectOption('#f-customer_id', blue);
  await p.fill('#f-name', 'Browser coupon');
  await p.fill('#f-face_value', '600');
  await p.fill('#f-valid_from', localDay(0));
  await p.fill('#f-valid_to', localDay(30));
  await Promise.all([p.waitForNavigation(), p.click('#grant-coupon')]);
  assert.match(await p.textContent('#e-face_value'), /larger than the available coupon quota/);
  assert.equal(await p.textContent('#quota-available'), '500.00');
  await p.fill('#f-face_value', '100');
  await Promise.all([p.waitForNavigation(), p.click('#grant-coupon')]);
  assert.equal(await p.textContent('#quota-available'), '400.00');
  assert.equal(await p.locator('#coupons tbody tr').count(), 1);
  await p.click('#coupons button.reclaim'); // asks first (issue 16)
  await Promise.all([p.waitForNavigation(), p.click('dialog #confirm-ok')]);
  assert.equal(await p.textContent('#quota-available'), '500.00');
  assert.equal(await p.textContent('#coupons .status'), 'Reclaimed');
  await Promise.all([p.waitForNavigation(), p.click('#mgmt-tabs >> text=Operation Records')]);
  assert.equal(await p.locator('#records tbody tr').count(), 4, 'quota, failed issue, issue, reclaim');
  assert.equal(await one(`SELECT available FROM coupon_quotas WHERE partner_id = (SELECT id FROM partners WHERE account_name = 'sunrise')`), USD(500));
  await ledgerClean();
  await p.close();
});

test('the operator issues a coupon; a bad amount is explained next to the field', async () => {
  const p = await page('operator');
  await p.goto(`${stack.base}/admin/coupons`);
  const sunrise = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  await p.selectOption('#f-partner_id', sunrise);
  await p.fill('#f-name', 'Operator coupon');
  await p.fill('#f-face_value', '-3');
  await p.fill('#f-valid_from', localDay(0));
  await p.fill('#f-valid_to', localDay(10));
  await Promise.all([p.waitForNavigation(), p.click('#issue-coupon')]);
  assert.equal(await p.textContent('#e-face_value'), 'The value is out of the allowed range.');
  assert.equal(await one("SELECT COUNT(*) FROM coupons WHERE name = 'Operator coupon'"), '0');
  await p.fill('#f-face_value', '75.25');
  await Promise.all([p.waitForNavigation(), p.click('#issue-coupon')]);
  assert.equal(await p.locator('#coupons tbody tr', { hasText: 'Operator coupon' }).count(), 1);
  assert.equal(await one("SELECT balance FROM coupons WHERE name = 'Operator coupon'"), USD(75.25));
  await ledgerClean();
  await p.close();
});

test('the coupon pages in Chinese', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/finance/coupons`);
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  assert.equal(await p.textContent('h1'), '代金券');
  assert.equal(await p.textContent('#coupons thead th:first-child'), '代金券名称/ID');
  assert.ok((await p.locator('#coupons .status').allTextContents()).includes('可用'));
  await p.goto(`${stack.base}/finance/coupon-management?tab=records`);
  assert.equal(await p.textContent('h1'), '代金券管理');
  assert.ok((await p.locator('#records tbody td:first-child').allTextContents()).includes('回收代金券'));
  await p.close();
});
