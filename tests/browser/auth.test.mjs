// Sign-in through the page in headless chromium: names and navigation per kind
// of user, the language switch, escaping of a hostile display name, and the
// error of a wrong password.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser;
before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A fresh page in its own context (own cookies); problems of the page fail the test. */
async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // a missing favicon is the browser's own guess, not a broken link of a page
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

async function navText(page) {
  return (await page.locator('nav.main').textContent()).replace(/\s+/g, ' ').trim();
}

for (const [username, name] of [['csp.admin', 'Chen Wei'], ['csp.am1', 'Li Na'], ['operator', 'Olivia Operator'],
  ['customer1', 'Zhou Min']]) {
  test(`${username} signs in through the page and sees their name`, async () => {
    const { context, page, problems } = await freshPage();
    try {
      await signIn(page, stack.base, username);
      assert.equal(new URL(page.url()).pathname, '/home');
      assert.equal((await page.locator('#current-user').textContent()).trim(), `${name} (${username})`);
      assert.equal((await page.locator('#welcome-name').textContent()).trim(), name);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test("csp.admin's navigation has Organization with Member Management and Account Managers", async () => {
  const { context, page } = await freshPage();
  try {
    await signIn(page, stack.base, 'csp.admin');
    const org = page.locator('nav.main details#menu-org');
    assert.equal(await org.count(), 1);
    const subs = (await org.locator('ul.sub li').allTextContents()).map((s) => s.trim());
    assert.deepEqual(subs, ['Member Management', 'Account Managers']);
    assert.equal(await org.locator('a[href="/org/members"]').count(), 1);
    // the sub-menu opens on click and its links are usable
    assert.equal(await org.locator('a[href="/org/members"]').isVisible(), false);
    await org.locator('summary').click();
    assert.equal(await org.locator('a[href="/org/members"]').isVisible(), true);
    assert.match(await navText(page), /Sales/);
  } finally {
    await context.close();
  }
});

test("csp.am1's navigation has Sales but no Organization", async () => {
  const { context, page } = await freshPage();
  try {
    await signIn(page, stack.base, 'csp.am1');
    const nav = await navText(page);
    assert.match(nav, /Sales/);
    assert.doesNotMatch(nav, /Organization/);
    assert.equal(await page.locator('nav.main a[href^="/org/"]').count(), 0);
    assert.equal(await page.locator('nav.main details#menu-sales summary', { hasText: 'Sales' }).count(), 1);
  } finally {
    await context.close();
  }
});

test('operator sees the Vendor console and not Sales', async () => {
  const { context, page } = await freshPage();
  try {
    await signIn(page, stack.base, 'operator');
    const nav = await navText(page);
    assert.match(nav, /Vendor console/);
    assert.doesNotMatch(nav, /Sales/);
    assert.doesNotMatch(nav, /Organization/);
    assert.equal(await page.locator('#operator-home').count(), 1);
  } finally {
    await context.close();
  }
});

test('switching to 中文 reloads the page in Chinese, and it stays Chinese after sign-out and sign-in', async () => {
  const { context, page, problems } = await freshPage();
  try {
    await signIn(page, stack.base, 'dist.admin');
    assert.match(await navText(page), /Home/);
    // the script hides the button: choosing the option alone submits the form
    assert.equal(await page.locator('form.lang button[type=submit]').isVisible(), false);
    await Promise.all([page.waitForNavigation(), page.selectOption('#lang-select', 'zh')]);
    assert.equal(new URL(page.url()).pathname, '/home');
    assert.match(await navText(page), /首页/);
    assert.doesNotMatch(await navText(page), /\bHome\b/);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('#lang-select').inputValue(), 'zh');

    await Promise.all([page.waitForNavigation(), page.click('#logout')]);
    assert.equal(new URL(page.url()).pathname, '/auth/login');
    assert.match(await page.locator('h1').textContent(), /登录伙伴中心/);
    await signIn(page, stack.base, 'dist.admin');
    assert.match(await navText(page), /首页/);

    // a browser that never chose a language gets the stored choice of the user
    const other = await freshPage();
    try {
      await other.page.goto(stack.base + '/auth/login');
      assert.match(await other.page.locator('h1').textContent(), /Sign in to Partner Center/);
      await signIn(other.page, stack.base, 'dist.admin');
      assert.match(await navText(other.page), /首页/);
    } finally {
      await other.context.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a display name with a script tag is shown as text and runs nothing', async () => {
  const name = '<script>alert(1)</script>';
  await stack.sql(`UPDATE users SET name = '${name}' WHERE username = 'csp.finance1'`);
  const { context, page } = await freshPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  try {
    await signIn(page, stack.base, 'csp.finance1');
    assert.equal((await page.locator('#current-user').textContent()).trim(), `${name} (csp.finance1)`);
    assert.equal((await page.locator('#welcome-name').textContent()).trim(), name);
    assert.equal(await page.locator('#welcome-name').isVisible(), true);
    assert.equal(await page.locator('main script, header script').count(), 0);
    await page.reload();
    await page.waitForLoadState('load');
    assert.deepEqual(dialogs, []);
  } finally {
    await context.close();
    await stack.sql("UPDATE users SET name = 'Zhao Lei' WHERE username = 'csp.finance1'");
  }
});

test('a wrong password shows the error on the sign-in page', async () => {
  const { context, page } = await freshPage();
  try {
    await signIn(page, stack.base, 'csp.director1', 'Wrong#2026');
    assert.equal(new URL(page.url()).pathname, '/auth/login');
    const err = page.locator('.form-error');
    assert.equal(await err.isVisible(), true);
    assert.equal((await err.textContent()).trim(), 'The username or password is wrong.');
    assert.equal(await page.locator('#f-username').inputValue(), 'csp.director1');
    assert.equal(await page.locator('#f-password').inputValue(), '');
    assert.equal(await page.locator('#current-user').count(), 0);
  } finally {
    await context.close();
  }
});
