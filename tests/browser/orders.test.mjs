// Customer Orders in the browser: the list from the menu, filters and the eye
// toggle, order details with resources and transaction records, Order
// Resource Details, and the pages in Chinese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickEye, launchBrowser, signedInPage } from '../lib/browser.mjs';
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

test('the admin opens Customer Orders from the menu, filters, unmasks and opens an order', async () => {
  const p = await page('csp.admin');
  await p.click('nav.main >> text=Sales');
  await Promise.all([p.waitForNavigation(), p.click('nav.main >> text=Customer Orders')]);
  assert.equal(await p.textContent('h1'), 'Customer Orders');
  assert.equal(await p.textContent('nav.tabs a[aria-current="page"]'), 'My Customer Orders');
  assert.ok(await p.locator('#orders tbody tr').count() >= 8);
  assert.equal(await p.locator('#orders .cname', { hasText: '深圳星河科技有限公司' }).count(), 0, 'masked by default');
  await p.fill('#q-account', 'xinghe');
  await p.click('#more-filters > summary');
  await p.selectOption('#q-type', 'new');
  await p.selectOption('#q-product', 'elastic_cloud_server');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#orders tbody tr').count(), 1);
  assert.equal(await p.textContent('#orders .type'), 'New purchase');
  await clickEye(p, '#eye-name');
  assert.equal(await p.textContent('#orders .cname'), '深圳星河科技有限公司');
  assert.equal(await p.inputValue('#q-account'), 'xinghe', 'the eye keeps the filters');
  assert.match(await p.getAttribute('#orders .pay-info', 'title'), /Cash: 1,140\.00 USD/);
  await Promise.all([p.waitForNavigation(), p.click('#orders a.view-order')]);
  assert.match(await p.textContent('#order-title'), /^Order CS\d+/);
  assert.equal(await p.locator('#order-resources tbody tr').count(), 3);
  assert.equal(await p.locator('#records tbody tr').count(), 2);
  assert.equal(await p.textContent('#order-status'), 'Completed');
  await p.close();
});

test('a bad range is explained next to the field', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/orders/`);
  await p.fill('#q-from', '2020-01-01');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.textContent('#e-to'), 'The order time range may span at most 366 days.');
  assert.equal(await p.locator('#orders tbody tr').count(), 0);
  await p.close();
});

test('Order Resource Details and the distributor\'s tabs', async () => {
  const p = await page('dist.admin');
  await p.goto(`${stack.base}/orders/`);
  const tabs = await p.locator('nav.tabs a').allTextContents();
  assert.deepEqual(tabs, ['My Customer Orders', "Resellers' Customers", 'Order Resource Details']);
  await Promise.all([p.waitForNavigation(), p.click("nav.tabs >> text=Resellers' Customers")]);
  assert.ok(await p.locator('#orders tbody tr').count() >= 2);
  assert.equal(await p.locator('#orders .cname', { hasText: 'Harbor Cafe Group' }).count(), 0);
  await Promise.all([p.waitForNavigation(), p.click('nav.tabs >> text=Order Resource Details')]);
  assert.equal(await p.textContent('h1'), 'Order Resource Details');
  assert.equal(await p.locator('#order-resources tbody tr').count(), 2, 'wideworld CCE and changcheng ECS');
  await p.close();
});

test('the list, the details and the resources in Chinese', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/orders/`);
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  assert.equal(await p.textContent('h1'), '客户订单');
  assert.equal(await p.textContent('#orders thead th:first-child'), '订单号');
  assert.ok((await p.locator('#orders .status').allTextContents()).includes('已完成'));
  await p.goto(`${stack.base}/orders/?account=lanhai&from=${new Date(Date.now() - 80 * 86400e3).toISOString().slice(0, 10)}&type=unsubscription`);
  await Promise.all([p.waitForNavigation(), p.click('#orders a.view-order')]);
  assert.equal(await p.textContent('#order-type'), '退订');
  assert.equal(await p.textContent('#records .relation'), '原订单');
  await p.goto(`${stack.base}/orders/resources`);
  assert.equal(await p.textContent('h1'), '订单资源明细');
  assert.ok((await p.locator('#order-resources .status').allTextContents()).includes('运行中'));
  await p.close();
});
