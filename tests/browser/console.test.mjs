// The customer's console in headless Chromium: the partner asks for
// authorization (through its own pages), the customer opens My Partner >
// Authorization Management, sends itself a code, ticks the Customer
// Authorization Letter and agrees (spec 11.5).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn } from '../lib/browser.mjs';
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

test('the partner requests, the customer agrees to the authorization in the console', async () => {
  // partner side: Request Authorization from the customer's detail page
  const partner = await (await browser.newContext()).newPage();
  partner.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(partner, stack.base, 'csp.admin');
  await partner.goto(stack.base + '/customers/1');
  await Promise.all([partner.waitForNavigation(), partner.click('a[href="/customers/1/authorize"]')]);
  await partner.check('#f-letter');
  await Promise.all([partner.waitForNavigation(), partner.click('#send-request')]);
  assert.match(await partner.textContent('body'), /The authorization request has been sent\./);

  // customer side
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.base, 'customer1');
  await page.goto(stack.base + '/console/');
  await Promise.all([page.waitForNavigation(), page.click('#nav-auth')]);
  const row = page.locator('tr[data-status="pending"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /Pending acceptance/);
  await Promise.all([page.waitForNavigation(), page.click('#send-code-button')]);
  assert.match(await page.textContent('body'), /A verification code has been sent/);
  const [[body]] = await stack.sql("SELECT body FROM mail_outbox WHERE to_addr = 'customer1@blueocean.example' ORDER BY id DESC LIMIT 1");
  const code = /(\d{6})/.exec(body)[1];
  await page.check('tr[data-status="pending"] .letter-tick');
  await page.fill('tr[data-status="pending"] .code', code);
  await Promise.all([page.waitForNavigation(), page.click('tr[data-status="pending"] button.agree')]);
  assert.match(page.url(), /\/console\/authorizations\?msg=auth_agreed$/);
  assert.match(await page.textContent('body'), /You agreed to the authorization/);
  const accepted = page.locator('tr[data-status="accepted"]');
  assert.equal(await accepted.count(), 1);
  assert.match(await accepted.locator('.effective').textContent(), /\d{4}/);
  assert.equal((await accepted.locator('.expiration').textContent()).trim(), '--');
  assert.deepEqual(await stack.sql("SELECT status, letter_version FROM authorizations WHERE customer_id = 1"), [['accepted', 'V1001']]);

  // the letter it accepted
  await Promise.all([page.waitForNavigation(), accepted.locator('a.view-letter').click()]);
  assert.equal(await page.textContent('#letter-version'), 'V1001');
  assert.deepEqual(pageErrors, []);
});
