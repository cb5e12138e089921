// In headless Chromium: the partner asks to switch a customer to referral
// from the customer's details, the customer agrees in its console's
// Operation Log, and the partner then adjusts the price of the customer's
// order awaiting payment and sees it in the Price Adjustment History
// (9.3.1.2, S11); the pages in Chinese too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, pageSignedIn } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser;
const pageErrors = [];

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const pageOf = (username) => pageSignedIn(browser, stack.base, username, pageErrors);

test('switch to referral: the partner asks, the customer agrees; then the partner adjusts an order\'s price', async () => {
  const partner = await pageOf('csp.admin');
  await partner.goto(stack.base + '/customers/1');
  await Promise.all([partner.waitForNavigation(), partner.click('a[href="/customers/1/switch-type"]')]);
  assert.equal((await partner.textContent('#switch-to')).trim(), 'Referral');
  assert.equal(await partner.locator('#switch-impacts li').count(), 3);
  await partner.check('#f-statement');
  await partner.fill('#f-reason', 'Direct billing asked by the customer');
  await Promise.all([partner.waitForNavigation(), partner.click('#submit-switch')]);
  assert.match(await partner.textContent('body'), /The switch request has been sent/);

  const customer = await pageOf('customer1');
  await customer.goto(stack.base + '/console/associations');
  const row = customer.locator('tr[data-status="pending"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Switch to: Referral/);
  await Promise.all([customer.waitForNavigation(), customer.click('#send-code-button')]);
  const [[body]] = await stack.sql("SELECT body FROM mail_outbox WHERE to_addr = 'customer1@blueocean.example' ORDER BY id DESC LIMIT 1");
  const code = /(\d{6})/.exec(body)[1];
  await customer.check('tr[data-status="pending"] .decide-switch input[name="statement"]');
  await customer.fill('tr[data-status="pending"] .decide-switch input[name="code"]', code);
  await Promise.all([customer.waitForNavigation(), customer.click('tr[data-status="pending"] .decide-switch button.primary')]);
  assert.match(await customer.textContent('body'), /The association type has been switched\./);
  assert.equal((await stack.sql('SELECT association_type FROM customers WHERE id = 1'))[0][0], 'referral');

  await partner.goto(stack.base + '/orders/1');
  await Promise.all([partner.waitForNavigation(), partner.click('#adjust-price')]);
  await partner.fill('#f-price', '0.40');
  await partner.fill('#f-reason', 'Launch discount');
  await Promise.all([partner.waitForNavigation(), partner.click('#submit-price')]);
  assert.match(await partner.textContent('body'), /The order's price has been adjusted\./);
  assert.equal((await partner.textContent('#price-current')).trim(), '0.40');
  assert.match(await partner.textContent('#price-history'), /Launch discount/);
  assert.deepEqual(pageErrors, []);
});

test('the switch and price pages in Chinese', async () => {
  await stack.sql("UPDATE users SET lang = 'zh' WHERE username = 'csp.admin'");
  const partner = await pageOf('csp.admin');
  await partner.goto(stack.base + '/customers/1/switch-type');
  assert.match(await partner.textContent('h1'), /切换关联类型/);
  assert.match(await partner.textContent('#switch-impacts'), /冻结/);
  await partner.goto(stack.base + '/orders/1/price');
  assert.match(await partner.textContent('body'), /调价历史/);
  assert.deepEqual(pageErrors, []);
});
