// Discounts in the browser: the operator grants a commercial discount through
// its form; the partner finds it in Contracts and Commerce (search, status
// filter, eye toggle, details with the product search) and browses the
// KooGallery discounts by tab and sub-tab; the pages in Chinese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickEye, launchBrowser, signedInPage } from '../lib/browser.mjs';
import { localMinute, monthStart } from '../lib/dates.mjs';
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

const page = (user) => signedInPage(browser, stack.base, user);

test('the operator grants a customer-level discount through the form; a bad rate is shown next to its field', async () => {
  const p = await page('operator');
  await p.goto(stack.base + '/admin/discounts');
  await Promise.all([p.waitForNavigation(), p.click('nav.tabs >> text=Commercial Discounts')]);
  await p.selectOption('#f-partner_id', { label: 'Sunrise Cloud Solutions (sunrise)' });
  await p.selectOption('#f-level', 'customer');
  await p.fill('#f-customer', 'xinghe');
  await p.selectOption('#f-body', 'product_type');
  await p.fill('#f-effective_at', monthStart());
  await p.fill('#f-expires_at', localMinute(90));
  await p.selectOption('#f-product_id', { label: 'Relational Database Service' });
  await p.fill('#f-discount', '120');
  await Promise.all([p.waitForNavigation(), p.click('#create-discount')]);
  assert.equal(await p.textContent('#e-discount'), 'Enter a percentage from 0 to 100 with at most 2 decimals.');
  assert.equal(await p.inputValue('#f-customer'), 'xinghe', 'the form keeps what was typed');
  await p.fill('#f-discount', '22.5');
  await Promise.all([p.waitForNavigation(), p.click('#create-discount')]);
  assert.match(p.url(), /\/admin\/discounts\/\d+\?msg=disc_saved$/);
  assert.equal(await p.textContent('#status'), 'Effective');
  assert.match(await p.textContent('#items'), /Relational Database Service[\s\S]*22\.50 % off/);
  await p.close();
});

test('the partner searches, filters, unmasks and opens its discounts', async () => {
  const p = await page('csp.admin');
  await p.click('nav.main >> text=Sales');
  await Promise.all([p.waitForNavigation(), p.click('nav.main >> text=Contracts and Commerce')]);
  assert.equal(await p.textContent('h1'), 'Contracts and Commerce');
  assert.equal(await p.locator('#discounts tbody tr').count(), 3);
  assert.equal(await p.locator('#discounts .customer', { hasText: '深圳星河科技有限公司' }).count(), 0, 'masked by default');
  await p.fill('#f-q', 'xinghe');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#discounts tbody tr').count(), 1);
  await clickEye(p, '#eye-customer');
  assert.equal(await p.textContent('#discounts .customer'), '深圳星河科技有限公司 (xinghe)');
  assert.equal(await p.inputValue('#f-q'), 'xinghe', 'the eye keeps the search');
  await p.fill('#f-q', '');
  await p.selectOption('#f-status', 'expired');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#discounts tbody tr').count(), 0);
  assert.equal(await p.textContent('#none'), 'No discount to show.');
  await p.selectOption('#f-status', 'effective');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  await Promise.all([p.waitForNavigation(), p.click('#discounts tr[data-code="0HEIDEMO000002"] a')]);
  assert.equal(await p.textContent('h1'), '0HEIDEMO000002');
  assert.equal(await p.textContent('#customer'), 'Northwind Traders (northwind)', 'unmasked as on the list');
  assert.match(await p.textContent('#items'), /General-Purpose SSD \| 10\.0 GB/);
  await p.fill('#f-q', 'compute');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.textContent('#no-items'), 'No item matches.');
  await p.close();
});

test('the partner browses the KooGallery discounts by tab and sub-tab', async () => {
  await stack.sql(`INSERT INTO koogallery_discounts (uuid, level, product_id, delivery_method, discount_ppm, status, valid_from, valid_until, updated_at)
    SELECT '00000000-0000-4000-8000-0000000000c1', 'product', id, 'Professional services', 70000, 'invalid', '2024-01-01', '2024-06-01', UTC_TIMESTAMP() FROM products WHERE code = 'meeting'`);
  const p = await page('csp.finance1');
  await p.click('nav.main >> text=Sales');
  await Promise.all([p.waitForNavigation(), p.click('nav.main >> text=KooGallery Discounts')]);
  assert.equal(await p.textContent('h1'), 'Discounts for KooGallery Products');
  assert.equal(await p.textContent('#koo-tabs a[aria-current="page"]'), 'Product Discounts');
  assert.equal(await p.textContent('#koo-subtabs a[aria-current="page"]'), 'Authorized');
  assert.equal(await p.textContent('#koo .rate'), '15.00 % off');
  await Promise.all([p.waitForNavigation(), p.click('#sub-invalid')]);
  assert.equal(await p.locator('#koo tbody tr').count(), 1);
  assert.match(await p.textContent('#koo tbody tr'), /Professional services[\s\S]*7\.00 % off[\s\S]*Invalid/);
  await Promise.all([p.waitForNavigation(), p.click('#tab-customer')]);
  assert.equal(await p.textContent('#koo-subtabs a[aria-current="page"]'), 'Authorized');
  assert.equal(await p.textContent('#koo .rate'), '20.00 % off');
  assert.match(await p.textContent('#koo tbody tr'), /Contoso collaboration rollout/);
  await p.selectOption('#f-delivery', 'License');
  await p.fill('#f-q', 'nothing like this');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#koo tbody tr').count(), 0);
  assert.equal(await p.textContent('#koo-tabs a[aria-current="page"]'), 'Customer Discounts', 'the filters keep the tab');
  await p.close();
});

test('the pages in Chinese; a partner outside the Sales Program is told to join', async () => {
  const p = await page('csp.admin');
  await p.goto(stack.base + '/finance/discounts');
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  assert.equal(await p.textContent('h1'), '合同与商务');
  await p.goto(stack.base + '/finance/koogallery');
  assert.equal(await p.textContent('#koo-tabs a[aria-current="page"]'), '产品折扣');
  await p.close();
  const d = await page('dist.admin');
  const r = await d.goto(stack.base + '/finance/koogallery');
  assert.equal(r.status(), 403);
  assert.match(await d.textContent('body'), /Join the program to see them\./);
  await d.close();
});
