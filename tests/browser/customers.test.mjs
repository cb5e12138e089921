// Customer Management in the browser: the list from the menu, the eye toggle,
// details, assigning an account manager, and the page in Chinese.
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

test('the admin opens Customers from the menu, unmasks names and opens a customer', async () => {
  const p = await page('csp.admin');
  await p.click('nav.main >> text=Sales');
  await Promise.all([p.waitForNavigation(), p.click('nav.main >> text=Customer Management')]);
  assert.equal(await p.textContent('h1'), 'Customer Management');
  assert.equal(await p.locator('#customers tbody tr').count(), 7);
  assert.equal(await p.locator('#customers a.cname', { hasText: 'Northwind Traders' }).count(), 0, 'masked by default');
  await clickEye(p, '#eye-name');
  await Promise.all([p.waitForNavigation(), p.click('#customers a.cname >> text=Northwind Traders')]);
  assert.match(await p.textContent('#customer-name'), /Northwind Traders/);
  assert.match(await p.textContent('#customer-am'), /Li Na/);
  await p.close();
});

test('filtering by name and assigning an account manager through the pages', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/customers/?show=name`);
  await p.fill('#q-name', 'Fabrikam');
  await Promise.all([p.waitForNavigation(), p.click('#search')]);
  assert.equal(await p.locator('#customers tbody tr').count(), 1);
  await Promise.all([p.waitForNavigation(), p.click('#customers a.cname')]);
  await p.click('#assign-am'); // opens over the page (issue 16)
  await p.selectOption('dialog[open] #f-am', { label: 'Li Na (csp.am1)' });
  await Promise.all([p.waitForNavigation(), p.click('dialog[open] #save')]);
  assert.match(await p.textContent('.flash'), /The account manager has been assigned\./);
  assert.match(await p.textContent('#customer-am'), /Li Na/);
  await p.close();
});

test('the account manager sees only its customers; the list in Chinese', async () => {
  const p = await page('csp.am1');
  await p.goto(`${stack.base}/customers/`);
  const n = await p.locator('#customers tbody tr').count();
  const assigned = await stack.sql("SELECT COUNT(*) FROM customers c JOIN users u ON u.id = c.account_manager_id WHERE u.username = 'csp.am1'");
  assert.equal(n, Number(assigned[0][0]));
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  assert.equal(await p.textContent('h1'), '客户管理');
  await p.close();
});
