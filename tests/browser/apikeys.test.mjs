// Organization > API keys in headless Chromium (issue 7): the tab, an access key created for
// an account manager with the secret shown once, the key deleted through the confirmation,
// the Chinese interface, and a customer's own page in its console.
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

const pageAs = (username) => pageSignedIn(browser, stack.base, username, pageErrors);

test('the admin creates a key for an account manager on the API keys tab; the SK is shown once', async () => {
  const page = await pageAs('csp.admin');
  await page.goto(stack.base + '/org/members');
  await Promise.all([page.waitForURL('**/org/api-keys'), page.locator('nav.tabs').getByRole('link', { name: 'API keys' }).click()]);
  assert.equal(await page.locator('main h1').textContent(), 'API keys');
  assert.match(await page.locator('#api-keys').textContent(), /PCDEMOCSPADMIN000001/);
  await page.selectOption('#f-owner', { label: 'Li Na (csp.am1)' });
  await page.fill('#f-description', 'CRM sync');
  await Promise.all([page.waitForLoadState(), page.click('#create-key')]);
  const ak = (await page.locator('#new-ak').textContent()).trim();
  const sk = (await page.locator('#new-sk').textContent()).trim();
  assert.match(ak, /^PC[A-Z0-9]{18}$/);
  assert.match(sk, /^[A-Za-z0-9]{40}$/);
  const [[owner, description]] = await stack.sql(`SELECT u.username, k.description FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.access_key = '${ak}'`);
  assert.deepEqual([owner, description], ['csp.am1', 'CRM sync']);
  await page.goto(stack.base + '/org/api-keys');
  assert.equal(await page.locator('#new-sk').count(), 0);
  assert.ok(!(await page.content()).includes(sk), 'never shown again');
  // delete it through the confirmation page
  const row = page.locator('#api-keys tr', { hasText: ak });
  await Promise.all([page.waitForURL('**/delete'), row.getByRole('link', { name: 'Delete' }).click()]);
  assert.equal((await page.locator('#confirm-subject').textContent()).trim(), ak);
  await Promise.all([page.waitForURL('**/org/api-keys?msg=apikey_deleted'), page.click('#confirm')]);
  assert.equal(await page.locator('#api-keys tr', { hasText: ak }).count(), 0);
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM api_keys WHERE access_key = '${ak}'`))[0][0], '0');
  assert.deepEqual(pageErrors, []);
});

test('a member who is not admin has no API keys tab; the Chinese page; the customer console', async () => {
  const am = await pageAs('csp.am1');
  await am.goto(stack.base + '/org/');
  assert.equal(await am.locator('nav.tabs a[href="/org/api-keys"]').count(), 0);
  const res = await am.goto(stack.base + '/org/api-keys');
  assert.equal(res.status(), 403);
  await stack.sql("UPDATE users SET lang = 'zh' WHERE username = 'dist.admin'");
  const zh = await pageAs('dist.admin');
  await zh.goto(stack.base + '/org/api-keys');
  assert.equal(await zh.locator('main h1').textContent(), 'API 密钥');
  assert.match(await zh.locator('#create-key').textContent(), /创建访问密钥/);
  const customer = await pageAs('customer1');
  await customer.goto(stack.base + '/console/');
  await Promise.all([customer.waitForURL('**/console/api-keys'), customer.click('#nav-apikeys')]);
  await Promise.all([customer.waitForLoadState(), customer.click('#create-key')]);
  assert.match(await customer.locator('#new-ak').textContent(), /^PC[A-Z0-9]{18}$/);
  assert.equal(await customer.locator('#f-owner').count(), 0, 'a customer makes keys for itself only');
  assert.deepEqual(pageErrors, []);
});
