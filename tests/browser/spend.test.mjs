// Customer Expenditure in the browser: the details page from the menu with
// rows, the eye toggle, a filter through the form, the page in Chinese, and
// the summary tab.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickEye, launchBrowser, signedInPage } from '../lib/browser.mjs';
import { daysAgo, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser;
const CUR = monthsBack(0);

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  // this file's lines only: without the demo's rated usage (worker/demo/demo_usage.c)
  await stack.sql('DELETE FROM expenditure_lines; DELETE FROM expenditure_daily');
  // two lines of the current cycle for Northwind and Contoso, one of 0 (hidden by default)
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle,
      product_id, billing_mode, spent_from, spent_to, transaction_at, transaction_no, region, resource_key, resource_name,
      list_amount, amount_due, created_at)
    SELECT CONCAT('u:b-', c.account_name), c.id, c.partner_id, 'reseller', ${CUR}, p.id, 'pay_per_use', UTC_TIMESTAMP(),
      UTC_TIMESTAMP(), UTC_TIMESTAMP(), CONCAT('T-', c.account_name), 'ap-southeast-1', CONCAT('i-', c.account_name),
      CONCAT(c.account_name, '-vm'), 150000000, IF(c.account_name = 'contoso', 0, 123456789), UTC_TIMESTAMP()
    FROM customers c JOIN products p ON p.code = 'elastic_cloud_server' WHERE c.account_name IN ('northwind', 'contoso')`);
  const day = daysAgo(3);
  await stack.sql(`INSERT INTO expenditure_daily (partner_id, day, customer_id, product_id, billing_mode, association_type,
      bill_type, amount, cash_payment, coupons_used, monthly_settlement, discount)
    SELECT 1, '${day}', c.id, p.id, 'pay_per_use', 'reseller', 'expenditure', 703500469, 0, 0, 703500469, 0
    FROM customers c JOIN products p ON p.code = 'elastic_cloud_server' WHERE c.account_name = 'northwind'`);
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const page = (user) => signedInPage(browser, stack.base, user);

test('the admin opens Customer Expenditure from the menu: details with rows, masked until the eye is clicked', async () => {
  const p = await page('csp.admin');
  await p.click('nav.main >> text=Sales');
  await Promise.all([p.waitForNavigation(), p.click('nav.main >> text=Customer Expenditure')]);
  assert.equal(await p.textContent('h1'), 'Expenditure Details');
  assert.equal(await p.locator('#lines tbody tr').count(), 1, 'the line of 0 is hidden by default');
  assert.equal(await p.textContent('#lines .cname'), 'N****s');
  assert.equal(await p.textContent('#lines .due'), '1.23456789');
  assert.equal(await p.textContent('#total-due'), '1.23');
  await clickEye(p, '#eye-name');
  assert.equal(await p.textContent('#lines .cname'), 'Northwind Traders');
  await clickEye(p, '#eye-name');
  assert.equal(await p.textContent('#lines .cname'), 'N****s');
  // Amount Due: All shows the line of 0 as well (under More filters, which then stays open)
  await p.click('#more-filters > summary');
  await p.selectOption('#q-amount', 'all');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#lines tbody tr').count(), 2);
  await p.fill('#q-res_id', 'i-contoso');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#lines tbody tr').count(), 1);
  assert.equal(await p.textContent('#lines .txn'), 'T-contoso');
  await p.close();
});

test('the details page in Chinese, with its rows and eye toggle', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/spend/details`);
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  assert.equal(await p.textContent('h1'), '消费明细');
  assert.equal(await p.locator('#lines tbody tr').count(), 1);
  assert.match(await p.textContent('#lines'), /按需/);
  assert.match(await p.textContent('#total'), /本账期应付金额合计/);
  assert.equal(await p.textContent('#eye-name'), '显示');
  await clickEye(p, '#eye-name');
  assert.equal(await p.textContent('#lines .cname'), 'Northwind Traders');
  assert.equal(await p.textContent('#eye-name'), '隐藏');
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'en')]);
  await p.close();
});

test('the summary tab: banner, grouped row with 8 decimals, a bad cycle shown on the page', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/spend/details`);
  await Promise.all([p.waitForNavigation(), p.click('.tabs >> text=Expenditure Summary')]);
  assert.equal(await p.textContent('h1'), 'Expenditure Summary');
  assert.equal(await p.textContent('#pre-tax'), 'The expenditures are pre-tax amounts.');
  const day = daysAgo(3).slice(0, 7);
  await p.goto(`${stack.base}/spend/summary?cycle=${day}`);
  assert.equal(await p.locator('#summary tbody tr').count(), 1);
  assert.equal(await p.textContent('#summary .amount'), '7.03500469');
  await p.goto(`${stack.base}/spend/summary?cycle=2001-01`);
  assert.match(await p.textContent('#e-cycle'), /Choose a billing cycle from/);
  await p.close();
});
