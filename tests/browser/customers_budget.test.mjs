// Set Budget in headless Chromium: from the customer detail page to the Set
// Budget page, an error next to the amount, then a saved budget with the
// header showing the new amount, and the Chinese page.
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
  await signIn(page, stack.base, 'csp.admin');
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('csp.admin sets a budget through the page', async () => {
  await page.goto(`${stack.base}/customers/6`);
  // the button opens the form as a dialog (tests/browser/dialogs.test.mjs); here the full page
  const link = page.locator('#customer-actions a[href="/customers/6/budget"]');
  assert.equal(await link.getAttribute('data-dialog'), '');
  await page.goto(`${stack.base}/customers/6/budget`);
  assert.match(await page.textContent('#budget-header'), /Monthly Budget 2,000\.00 USD/);
  assert.match(await page.textContent('#disclaimer'), /not liable/);

  await page.fill('#f-amount', '-3');
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  assert.equal(await page.textContent('#e-amount'), 'The budget must be 0 or more.');
  assert.equal((await stack.sql('SELECT amount FROM budgets WHERE customer_id = 6'))[0][0], '200000000000');

  await page.selectOption('#f-type', 'one_time');
  await page.fill('#f-amount', '1,234.50');
  await page.check('#f-policy-manual');
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  assert.match(page.url(), /\/customers\/6\/budget\?msg=budget_saved$/);
  assert.match(await page.textContent('.flash'), /The budget has been saved\./);
  assert.match(await page.textContent('#budget-header'), /One-Time Budget 1,234\.50 USD\s+\(Total Expenditure 0\.00 USD\)/);
  assert.deepEqual(await stack.sql('SELECT type, amount, policy FROM budgets WHERE customer_id = 6'), [['one_time', '123450000000', 'manual']]);

  await Promise.all([page.waitForNavigation(), page.click('#records-link')]);
  assert.equal(await page.locator('#records tbody tr').count(), 1);
  assert.deepEqual(pageErrors, []);
});
