// Phone width (390×844): the busiest pages do not overflow the page sideways (their tables scroll
// inside their box), the header folds into a menu button that opens the menu by mouse and by
// keyboard (and, without script, as the #main-menu target), and long texts wrap.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, signIn } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser, context, page;
const PHONE = { width: 390, height: 844 };

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
  await signIn(page, stack.base, 'csp.admin');
});
after(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

/** The page's width beyond the screen's, and the wide tables: whether each scrolls in its box. */
const layout = () => page.evaluate(() => {
  const tables = [...document.querySelectorAll('main table')].map((t) => {
    // the box that scrolls: the table itself (display: block) or a wrapper of it
    let box = t;
    while (box && box !== document.body && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    const r = t.getBoundingClientRect();
    return { id: t.id || t.className || '?', wide: t.scrollWidth > window.innerWidth, scrolls: !!box && box !== document.body,
      boxRight: box && box !== document.body ? box.getBoundingClientRect().right : r.right };
  });
  return { overflow: document.scrollingElement.scrollWidth - window.innerWidth, tables };
});

const PAGES = [
  ['home', '/home'],
  ['customers list', '/customers/'],
  ['customer detail', '/customers/1'],
  ['expenditure details', '/spend/details'],
  ['partner bills', '/finance/bills'],
  ['funds', '/finance/funds'],
];

for (const [name, path] of PAGES) {
  test(`phone: ${name} fits the screen, its tables scroll in their box`, async () => {
    const resp = await page.goto(stack.base + path);
    assert.equal(resp.status(), 200);
    const { overflow, tables } = await layout();
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
    for (const t of tables) {
      assert.ok(t.boxRight <= PHONE.width + 1, `${path}: table ${t.id} sticks out of the screen`);
      if (t.wide) assert.ok(t.scrolls, `${path}: the wide table ${t.id} does not scroll in a box`);
    }
    // the header is folded: the menu is hidden until its button opens it
    assert.equal(await page.isVisible('#menu-button'), true);
    assert.equal(await page.isVisible('nav.main'), false);
    assert.equal(await page.isVisible('h1'), true);
  });
}

test('phone: a tab bar stays one line that scrolls sideways, its current tab in view', async () => {
  await page.goto(stack.base + '/customers/recipients');
  const bar = await page.$eval('nav.tabs ul.tab-list', (ul) => {
    const cur = ul.querySelector('a.primary, a[aria-current]').getBoundingClientRect();
    const box = ul.getBoundingClientRect();
    return { height: box.height, scrolls: ul.scrollWidth > ul.clientWidth, overflow: getComputedStyle(ul).overflowX,
      curIn: cur.left >= box.left - 1 && cur.right <= box.right + 1 };
  });
  assert.ok(bar.height < 60, `the tab bar is ${bar.height}px high`);
  assert.equal(bar.overflow, 'auto');
  assert.ok(bar.scrolls, 'the customers tab bar is wider than a phone');
  assert.ok(bar.curIn, 'the current tab (the last) is scrolled into view');
});

test('phone: the authorization letter wraps inside its box', async () => {
  const resp = await page.goto(stack.base + '/customers/1/authorize');
  assert.equal(resp.status(), 200);
  const box = await page.$eval('#commitment-letter', (el) => ({ right: el.getBoundingClientRect().right, sw: el.scrollWidth, cw: el.clientWidth,
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)) }));
  assert.ok(box.right <= PHONE.width, `the letter ends at ${box.right}px`);
  assert.ok(box.sw <= box.cw, `the letter's text is ${box.sw - box.cw}px wider than its box`);
  assert.ok(box.lines > 3, 'the letter is several lines');
  const { overflow } = await layout();
  assert.ok(overflow <= 0, `the page is ${overflow}px too wide`);
});

test('phone: some table of the busiest pages is wider than the screen and scrolls', async () => {
  await page.goto(stack.base + '/customers/');
  const { tables } = await layout();
  const t = tables.find((x) => x.id === 'customers');
  assert.ok(t.wide && t.scrolls, JSON.stringify(t));
  // scrolled sideways, the table moves, the page does not
  const scrolled = await page.$eval('#customers', (t) => {
    let box = t;
    while (!/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    box.scrollLeft = 200;
    return box.scrollLeft;
  });
  assert.ok(scrolled > 0);
  assert.equal(await page.evaluate(() => window.scrollX), 0);
});

test('phone: the menu opens from its button, its links are visible and lead on; Escape closes it', async () => {
  await page.goto(stack.base + '/home');
  assert.equal(await page.getAttribute('#menu-button', 'aria-expanded'), 'false');
  await page.click('#menu-button');
  assert.equal(await page.getAttribute('#menu-button', 'aria-expanded'), 'true');
  // the menu's entries: links and groups (<details>, closed until tapped)
  const entries = page.locator('nav.main > ul > li > a[href], nav.main > ul > li > details > summary');
  const n = await entries.count();
  assert.ok(n >= 3, `only ${n} menu entries`);
  for (let i = 0; i < n; i++) assert.equal(await entries.nth(i).isVisible(), true, `menu entry ${i} hidden`);
  // a group opens inline with its links visible, inside the screen
  await page.locator('nav.main details.menu-group > summary').first().click();
  const links = page.locator('nav.main details.menu-group[open] a[href]');
  assert.ok(await links.count() >= 3, 'the open group shows its links');
  for (let i = 0; i < await links.count(); i++) assert.equal(await links.nth(i).isVisible(), true, `group link ${i} hidden`);
  const right = await page.$$eval('nav.main details[open] a[href], nav.main > ul > li > a[href]', (as) => Math.max(...as.map((a) => a.getBoundingClientRect().right)));
  assert.ok(right <= PHONE.width, `a menu link ends at ${right}px`);
  assert.equal(await page.isVisible('#logout'), true, 'signing out is reachable from the menu');
  assert.equal(await page.isVisible('#lang-select'), true, 'the language is reachable from the menu');
  const { overflow } = await layout();
  assert.ok(overflow <= 0, `the open menu makes the page ${overflow}px too wide`);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('nav.main'), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'menu-button');
  // by keyboard: Enter and Space on the focused button
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('nav.main'), true);
  await page.keyboard.press(' ');
  assert.equal(await page.isVisible('nav.main'), false);
  await page.keyboard.press(' ');
  // the link is inside its group (a <details>): open it, as a tap on the group does
  await page.evaluate(() => { document.querySelector('nav.main a[href="/customers/"]').closest('details').open = true; });
  await Promise.all([page.waitForNavigation(), page.locator('nav.main a[href="/customers/"]').first().click()]);
  assert.equal(new URL(page.url()).pathname, '/customers/');
});

test('phone: without script the menu button still opens the menu (#main-menu)', async () => {
  const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const p = await ctx.newPage();
  await signIn(p, stack.base, 'csp.admin');
  await p.goto(stack.base + '/home');
  assert.equal(await p.isVisible('nav.main'), false);
  await p.click('#menu-button');
  assert.equal(await p.isVisible('nav.main'), true);
  assert.equal(await p.isVisible('#logout'), true);
  // and the tables scroll in their box without the wrapper of pc.js
  await p.goto(stack.base + '/customers/');
  const fit = await p.evaluate(() => {
    const t = document.getElementById('customers');
    // the table scrolls, or the list's own box around it does (.table-wrap)
    const box = [t, t.parentElement].find((e) => getComputedStyle(e).overflowX === 'auto');
    return { overflow: document.scrollingElement.scrollWidth - window.innerWidth, scrolls: Boolean(box) };
  });
  assert.ok(fit.overflow <= 0, `without script the list is ${fit.overflow}px too wide`);
  assert.ok(fit.scrolls, 'the table or its box scrolls');
  await ctx.close();
});

test('desktop width: no menu button, the navigation in the header', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  await signIn(p, stack.base, 'csp.admin');
  await p.goto(stack.base + '/customers/');
  assert.equal(await p.isVisible('#menu-button'), false);
  assert.equal(await p.isVisible('nav.main'), true);
  assert.ok(await p.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth));
  await ctx.close();
});
