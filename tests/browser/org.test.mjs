// Organization > Member Management in headless Chromium: the navigation, Create
// User, an error next to its field, a custom role through the Roles tab, escaping
// of a hostile member name, the Chinese interface, and a member without access.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const XSS = '<script>alert(1)</script>';

let stack, browser, context, page;
const dialogs = [];
const pageErrors = [];

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, stack.base, 'csp.admin');
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function userCount(username) {
  return Number((await stack.sql(`SELECT COUNT(*) FROM users WHERE username = ${q(username)}`))[0][0]);
}

/** Fill the Create User form (page already on it). */
async function fillMember(p, { username, name, email, role }) {
  await p.fill('#f-username', username);
  await p.fill('#f-name', name);
  await p.fill('#f-mobile', '13912345678');
  await p.fill('#f-email', email);
  await p.fill('#f-password', 'Init#2026a');
  await p.fill('#f-confirm', 'Init#2026a');
  await p.getByLabel(role, { exact: true }).check();
}

async function submit(p, selector = '#save') {
  await Promise.all([p.waitForNavigation(), p.click(selector)]);
}

test('Organization > Members opens from the navigation, and a user is created through the form', async () => {
  await page.goto(stack.base + '/home');
  const org = page.locator('nav.main details#menu-org');
  await org.locator('summary').click();
  await Promise.all([page.waitForURL('**/org/members'), org.getByRole('link', { name: 'Member Management', exact: true }).click()]);
  assert.equal(await page.locator('main h1').textContent(), 'Users');
  assert.ok(await page.locator('tr[data-username="csp.am1"]').isVisible());

  await Promise.all([page.waitForURL('**/org/members/new'), page.click('#create-user')]);
  await fillMember(page, { username: 'web.am', name: 'Web Manager', email: 'web.am@sunrise.example',
    role: 'Account manager' });
  await submit(page);
  assert.match(page.url(), /\/org\/members\/\d+\?msg=member_created$/);
  assert.equal(await page.locator('p.flash').textContent(), 'The user has been created.');
  assert.equal(await page.locator('#member-name').textContent(), 'Web Manager');
  assert.equal(await page.locator('#member-username').textContent(), 'web.am');
  assert.equal((await page.locator('#member-roles').textContent()).trim(), 'Account manager');
  const stored = await stack.sql("SELECT u.status, u.must_change_password, r.code FROM users u "
    + "JOIN member_roles mr ON mr.user_id = u.id JOIN roles r ON r.id = mr.role_id WHERE u.username = 'web.am'");
  assert.deepEqual(stored, [['normal', '1', 'ACCOUNT_MANAGER']]);
});

test('an invalid e-mail shows its error next to the E-mail field and creates nothing', async () => {
  await page.goto(stack.base + '/org/members/new');
  await fillMember(page, { username: 'web.bad', name: 'Bad Mail', email: 'not-an-email', role: 'Finance specialist' });
  await submit(page);
  const field = page.locator('div.field', { has: page.locator('#f-email') });
  assert.equal(await field.locator('p.error').textContent(), 'Enter a valid e-mail address.');
  assert.equal(await field.locator('label').textContent(), 'Email');
  assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#f-email').getAttribute('aria-describedby'), 'e-email');
  assert.equal(await page.locator('#f-email').inputValue(), 'not-an-email', 'what was typed is kept');
  assert.equal(await page.locator('#f-name').inputValue(), 'Bad Mail');
  assert.equal(await page.locator('p.error').count(), 1, 'no other field is blamed');
  assert.ok(await page.getByLabel('Finance specialist', { exact: true }).isChecked(), 'the role stays ticked');
  assert.equal(await userCount('web.bad'), 0);
});

test('a custom role is created through the Roles tab and listed', async () => {
  await page.goto(stack.base + '/org/members');
  await Promise.all([page.waitForURL('**/org/roles'), page.locator('nav.tabs').getByRole('link', { name: 'Roles' }).click()]);
  assert.match(await page.locator('#custom-count').textContent(), /Custom roles: 0 \/ 10/);
  await Promise.all([page.waitForURL('**/org/roles/new'), page.click('#create-role')]);
  await page.fill('#f-name', 'Browser role');
  await page.fill('#f-description', 'Made in Chromium');
  await page.getByLabel('Sales · Customer orders').check();
  await submit(page);
  assert.match(page.url(), /\/org\/roles\/\d+\?msg=role_saved$/);
  assert.equal(await page.locator('#role-name').textContent(), 'Browser role');
  assert.ok(await page.locator('#role-perms li[data-perm="order.view"]').isVisible());

  await page.goto(stack.base + '/org/roles');
  const row = page.locator('tr[data-role="Browser role"]');
  assert.equal(await row.locator('td').nth(1).textContent(), 'Custom role');
  assert.equal(await row.locator('td').nth(2).textContent(), 'Made in Chromium');
  assert.equal(await row.locator('td').nth(3).textContent(), '0');
  assert.match(await page.locator('#custom-count').textContent(), /Custom roles: 1 \/ 10/);
  const perms = (await stack.sql("SELECT rp.perm_code FROM role_permissions rp JOIN roles r ON r.id = rp.role_id "
    + "WHERE r.name = 'Browser role' ORDER BY rp.perm_code")).map((r) => r[0]);
  assert.ok(perms.includes('order.view'));
  assert.ok(perms.includes('default.home'), 'the defaults were added');
});

test('a member named <script>alert(1)</script> shows literally on the list, details and team pages', async () => {
  await page.goto(stack.base + '/org/members/new');
  await fillMember(page, { username: 'web.xss', name: XSS, email: 'web.xss@sunrise.example', role: 'Account manager' });
  await page.selectOption('#f-director_id', { label: 'Wang Fang (csp.director1)' });
  await submit(page);
  assert.match(page.url(), /\/org\/members\/\d+\?msg=member_created$/);
  assert.equal((await stack.sql("SELECT name FROM users WHERE username = 'web.xss'"))[0][0], XSS);

  assert.equal(await page.locator('#member-name').textContent(), XSS, 'details page');
  assert.equal(await page.title(), `${XSS} · Member Management · Partner Center`, 'the title too');

  await page.goto(stack.base + '/org/members');
  assert.equal(await page.locator('tr[data-username="web.xss"] td:nth-child(2) a').textContent(), XSS, 'list page');

  await page.goto(stack.base + '/org/team');
  assert.equal(await page.locator('tr[data-manager="web.xss"] td').first().textContent(), XSS, 'team page');
  assert.equal(await page.locator('tr[data-manager="web.xss"] td.director').textContent(), 'Wang Fang');

  for (const path of ['/org/members', '/org/team']) {
    await page.goto(stack.base + path);
    const injected = await page.evaluate(() => [...document.scripts].filter((s) => s.textContent.includes('alert')).length);
    assert.equal(injected, 0, `${path}: no script element was injected`);
  }
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], 'no dialog was opened');
  assert.deepEqual(pageErrors, []);
});

test('in Chinese the members page and the role names are translated', async () => {
  await page.goto(stack.base + '/org/members');
  await Promise.all([page.waitForNavigation(), page.selectOption('#lang-select', 'zh')]);
  assert.match(page.url(), /\/org\/members$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.locator('main h1').textContent(), '用户');
  assert.equal((await page.locator('#create-user').textContent()).trim(), '创建用户');
  const options = await page.locator('#q-role option').allTextContents();
  for (const name of ['管理员', '财务专员', '客户总监', '客户经理']) assert.ok(options.includes(name), name);
  assert.equal(await page.locator('tr[data-username="csp.admin"] td.roles').textContent(), '管理员');
  assert.equal(await page.locator('tr[data-username="csp.finance1"] td.roles').textContent(), '财务专员');
  assert.equal((await stack.sql("SELECT lang FROM users WHERE username = 'csp.admin'"))[0][0], 'zh');
  // the role list as well
  await page.goto(stack.base + '/org/roles');
  assert.equal(await page.locator('main h1').textContent(), '角色');
  assert.equal(await page.locator('#roles tbody tr').first().locator('td').first().textContent(), '管理员');
  assert.equal(await page.locator('#roles tbody tr').first().locator('td').nth(1).textContent(), '系统预置角色');
  assert.deepEqual(dialogs, []);
});

test('csp.am1 has no Organization menu and gets the 403 page at /org/members', async () => {
  const ctx = await browser.newContext();
  try {
    const p = await ctx.newPage();
    p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    await signIn(p, stack.base, 'csp.am1');
    assert.match(p.url(), /\/home$/);
    const menu = await p.locator('nav.main').textContent();
    assert.match(menu, /Home/);
    assert.doesNotMatch(menu, /Organization|Member Management|Roles/);
    assert.equal(await p.locator('nav.main a[href^="/org/"]').count(), 0);
    const r = await p.goto(stack.base + '/org/members');
    assert.equal(r.status(), 403);
    assert.equal(await p.locator('main h1').textContent(), '403 · Not allowed');
    assert.equal(await p.locator('#members').count(), 0);
  } finally {
    await ctx.close();
  }
  assert.deepEqual(dialogs, []);
});
