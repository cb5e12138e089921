// Navigation and structure in the browser (issue 16): the grouped menu opened by keyboard and
// by click, per role; breadcrumbs and titles that say where you are; the active tab marked by
// aria-current and shape, not as a primary button; the partner home's to-dos and key figures,
// cross-checked with the database and with the lists they link to.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signedInPage } from '../lib/browser.mjs';
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
const one = async (q) => (await stack.sql(q))[0][0];
const texts = async (loc) => (await loc.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
/** 10^-8 units as the pages show them: 1,234.57 (half-up to the cent). */
const shown = (units) => {
  const v = BigInt(units), neg = v < 0n, a = neg ? -v : v;
  const cents = (a + 500000n) / 1000000n;
  return `${neg ? '-' : ''}${(cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents % 100n).padStart(2, '0')}`;
};

test('the menu opens by keyboard: Enter and Space open a group, Tab reaches its links, Escape closes it', async () => {
  const p = await page('csp.admin');
  const sales = p.locator('#menu-sales');
  assert.equal(await sales.locator('a[href="/customers/"]').isVisible(), false, 'closed at first');
  await p.focus('#menu-sales summary');
  await p.keyboard.press('Enter');
  assert.equal(await sales.getAttribute('open'), '');
  assert.deepEqual(await texts(sales.locator('.sub-label')), ['Customers', 'Financial Information', 'KooGallery']);
  assert.deepEqual(await texts(sales.locator('#menu-customers a')),
    ['Customer Management', 'Customer Orders', 'Customer Expenditure', 'Customer Assignment']);
  assert.deepEqual(await texts(sales.locator('#menu-fin_info a')),
    ['Partner Bills', 'Funds', 'Invoices', 'Coupons', 'Contracts and Commerce']);
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('href')), '/customers/');
  // the focus is visible: an outline on the focused link
  assert.notEqual(await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none');
  await p.keyboard.press('Escape');
  assert.equal(await sales.getAttribute('open'), null, 'Escape closes the group');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'Sales', 'and gives the focus back');
  await p.keyboard.press(' ');
  assert.equal(await sales.getAttribute('open'), '', 'Space opens it again');
  // opening another group closes the first; a click elsewhere closes it
  await p.focus('#menu-org summary');
  await p.keyboard.press('Enter');
  assert.equal(await sales.getAttribute('open'), null);
  assert.deepEqual(await texts(p.locator('#menu-org a')), ['Member Management', 'Account Managers']);
  await p.click('main');
  assert.equal(await p.locator('#menu-org').getAttribute('open'), null);
  // Enter on a link goes there
  await p.click('#menu-sales summary');
  await p.focus('#menu-sales a[href="/finance/funds"]');
  await Promise.all([p.waitForURL('**/finance/funds'), p.keyboard.press('Enter')]);
  assert.equal(await p.textContent('h1'), 'Funds');
  await p.close();
});

test('each role opens only what it may: no Assignment for a director, no KooGallery outside the program', async () => {
  const director = await page('csp.director1');
  await director.click('#menu-sales summary');
  assert.deepEqual(await texts(director.locator('#menu-sales a')),
    ['Customer Management', 'Customer Orders', 'Customer Expenditure']);
  await director.goto(`${stack.base}/customers/`);
  assert.equal(await director.locator('a[href="/customers/assignment"]').count(), 0, 'no tab or link to Assignment');
  await director.close();

  const dist = await page('dist.admin');
  await dist.click('#menu-sales summary');
  assert.deepEqual(await texts(dist.locator('#menu-sales .sub-label')), ['Customers', 'Financial Information']);
  assert.equal(await dist.locator('a[href="/finance/koogallery"]').count(), 0);
  assert.equal(await dist.textContent('[data-notice="home.notice.koogallery"]'),
    'Join the KooGallery Sales Program to see the discounts for KooGallery products.');
  await dist.close();

  const reseller = await page('reseller.admin');
  assert.equal(await reseller.locator('#menu-fin_info').count(), 0, 'a reseller has no finance');
  const harbor = await one("SELECT c.id FROM customers c JOIN partners p ON p.id = c.partner_id "
    + "WHERE p.name = 'Harbor IT Reseller' ORDER BY c.id LIMIT 1");
  await reseller.goto(`${stack.base}/customers/${harbor}`);
  assert.equal(await reseller.locator(`a[href="/customers/${harbor}/authorize"]`).count(), 0,
    'no Request Authorization without the distributor\'s grant');
  await reseller.goto(`${stack.base}/home`);
  assert.match(await reseller.textContent('[data-notice="home.notice.no_grant"]'), /has not granted you/);
  await reseller.close();
});

test('breadcrumbs and titles say where you are; the current menu entry and tab carry aria-current', async () => {
  const p = await page('csp.admin');
  const [id, name] = (await stack.sql("SELECT id, name FROM customers WHERE account_name = 'blueocean'"))[0] ?? [];
  const blue = id ?? await one("SELECT id FROM customers WHERE name = 'Blue Ocean Retail'");
  const title = name ?? 'Blue Ocean Retail';
  await p.goto(`${stack.base}/customers/${blue}`);
  assert.deepEqual(await texts(p.locator('nav.breadcrumbs li')), ['Sales', 'Customers', 'Customer Management', title]);
  assert.equal(await p.getAttribute('nav.breadcrumbs a', 'href'), '/customers/');
  assert.equal(await p.textContent('nav.breadcrumbs [aria-current="page"]'), title);
  assert.equal(await p.title(), `${title} · Customer Management · Partner Center`);
  // the menu marks the group and the entry of the page
  assert.equal(await p.getAttribute('#menu-sales', 'class'), 'menu-group');
  assert.match(await p.getAttribute('nav.main > ul > li:has(#menu-sales)', 'class'), /active/);

  await p.goto(`${stack.base}/customers/`);
  assert.deepEqual(await texts(p.locator('nav.breadcrumbs li')), ['Sales', 'Customers', 'Customer Management']);
  assert.equal(await p.getAttribute('nav.main a[aria-current="page"]', 'href'), '/customers/');
  // the active tab: aria-current, a tab's shape, not a primary button
  const tab = p.locator('nav.tabs a[aria-current="page"]');
  assert.equal(await tab.textContent(), 'Customer Management');
  assert.equal(await tab.getAttribute('class'), 'tab active');
  assert.equal(await p.locator('nav.tabs a.primary, nav.tabs a.button').count(), 0);
  const style = await tab.evaluate((a) => { const s = getComputedStyle(a); return [s.fontWeight, s.boxShadow, s.borderTopLeftRadius]; });
  assert.equal(style[0], '600');
  assert.notEqual(style[1], 'none', 'an accent bar, not colour alone');
  const other = p.locator('nav.tabs a:not([aria-current])').first();
  assert.equal(await other.evaluate((a) => getComputedStyle(a).fontWeight), '400');

  await p.goto(`${stack.base}/org/roles`);
  assert.deepEqual(await texts(p.locator('nav.breadcrumbs li')), ['Organization', 'Member Management', 'Roles']);
  assert.equal(await p.title(), 'Roles · Member Management · Partner Center');

  // in Chinese
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  await p.goto(`${stack.base}/finance/funds`);
  assert.deepEqual(await texts(p.locator('nav.breadcrumbs li')), ['销售', '财务信息', '资金管理']);
  await p.goto(`${stack.base}/home`);
  assert.equal(await p.locator('nav.breadcrumbs').count(), 0, 'no breadcrumbs on the top level');
  assert.equal(await p.textContent('#menu-sales summary'), '销售');
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'en')]);
  await p.close();
});

test('the home page: to-dos and key figures equal the database and the lists they open', async () => {
  const p = await page('csp.admin');
  const sunrise = await one("SELECT id FROM partners WHERE name = 'Sunrise Cloud Solutions'");
  assert.equal(await p.locator('ul.shortcuts').count(), 0, 'no list of links any more');
  // bills to pay: count, amount still due (10^-8 units, shown to the cent) and the earliest due date
  const [due, bills, first] = (await stack.sql('SELECT SUM(amount_due - amount_paid), COUNT(*), '
    + "DATE(MIN(due_at) + INTERVAL 8 HOUR) FROM partner_bills WHERE partner_id = "
    + `${sunrise} AND status IN ('unpaid', 'partially_paid', 'overdue')`))[0];
  assert.ok(Number(bills) > 0, 'the demo has unpaid bills');
  const dueShown = shown(due);
  const todo = p.locator('[data-todo="home.todo.bills"]');
  assert.equal(await todo.locator('.todo-count').textContent(), bills);
  assert.equal(await todo.locator('.todo-amount').textContent(), dueShown);
  assert.equal(await todo.locator('.todo-date').textContent(), first);
  assert.equal(await p.textContent('[data-figure="home.fig.due"] .figure-value'), dueShown);
  // customers and their month-to-date spend
  const [count, mtd] = (await stack.sql(`SELECT COUNT(*), SUM(mtd_spend) FROM customers WHERE partner_id = ${sunrise}`))[0];
  assert.equal(await p.textContent('[data-figure="home.fig.customers"] .figure-value'), count);
  assert.equal(await p.textContent('[data-figure="home.fig.mtd"] .figure-value'), shown(mtd));
  const frozen = await one(`SELECT COUNT(*) FROM customers WHERE partner_id = ${sunrise} `
    + "AND freeze_source = 'budget_auto' AND freeze_state <> 'normal'");
  assert.equal(await p.textContent('[data-todo="home.todo.frozen"] .todo-count'), frozen);
  const expiring = await p.textContent('[data-todo="home.todo.expiring"] .todo-count');

  // each opens the list that shows as many rows
  await Promise.all([p.waitForNavigation(), p.click('[data-todo="home.todo.bills"] a')]);
  assert.equal(new URL(p.url()).pathname, '/finance/bills');
  assert.equal(await p.textContent('#due-total'), dueShown);
  await p.goBack();
  await Promise.all([p.waitForNavigation(), p.click('[data-todo="home.todo.frozen"] a')]);
  assert.equal(await p.locator('#customers tbody tr').count(), Number(frozen));
  assert.equal(await p.inputValue('#q-auto_frozen'), 'yes', 'the filter is shown as set');
  await p.goBack();
  await Promise.all([p.waitForNavigation(), p.click('[data-todo="home.todo.expiring"] a')]);
  assert.equal(await p.locator('#customers tbody tr').count(), Number(expiring));
  await p.goBack();
  await Promise.all([p.waitForNavigation(), p.click('[data-figure="home.fig.top_up"] a')]);
  const top = await p.textContent('#top-up-balance');
  await p.goBack();
  assert.equal(await p.textContent('[data-figure="home.fig.top_up"] .figure-value'), top);

  // an authorization request waiting for the customer becomes a to-do, and the list shows it
  const customer = await one(`SELECT id FROM customers WHERE partner_id = ${sunrise} ORDER BY id LIMIT 1`);
  const user = await one("SELECT id FROM users WHERE username = 'csp.admin'");
  await stack.sql('INSERT INTO authorizations (customer_id, partner_id, requested_by, requested_at, status) '
    + `VALUES (${customer}, ${sunrise}, ${user}, UTC_TIMESTAMP(), 'pending')`);
  await p.reload();
  const pending = await one(`SELECT COUNT(DISTINCT customer_id) FROM authorizations WHERE partner_id = ${sunrise} AND status = 'pending'`);
  assert.equal(await p.textContent('[data-todo="home.todo.auth"] .todo-count'), pending);
  await Promise.all([p.waitForNavigation(), p.click('[data-todo="home.todo.auth"] a')]);
  assert.equal(await p.locator('#customers tbody tr').count(), Number(pending));
  assert.equal(await p.inputValue('#q-auth'), 'pending');
  await p.close();

  // an account manager sees no finance figures; its customer figures are its own scope
  const am = await page('csp.am1');
  assert.equal(await am.locator('[data-todo="home.todo.bills"], [data-figure="home.fig.due"], [data-figure="home.fig.top_up"]').count(), 0);
  const amCount = await am.textContent('[data-figure="home.fig.customers"] .figure-value');
  await am.goto(`${stack.base}/customers/`);
  assert.equal(await am.locator('#customers tbody tr').count(), Number(amCount));
  await am.close();
});
