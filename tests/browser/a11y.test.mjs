// Accessibility of every page a role reaches: for every demo role, the pages of its menu and
// tab bars (and the tabs of those pages), plus one detail page behind each list (the first link
// of its table: one customer, one bill, one order…), checked with axe-core (@axe-core/playwright):
// no serious or critical violation; and on every one of them one h1, headings that skip no level,
// the page's lang.  One stack, one browser context per role, one page reused.  axe runs once per
// kind of page in the whole run (its path with ids and query left out: /customers/N/freeze): the
// variants of a page by id, query or role are the same template, each visited and checked for
// headings and lang but not analysed again — an analysis costs a second or more, and every role
// analysing every page took over six minutes (A11Y_ALL=1 analyses every path of every role;
// A11Y_LIST=1 prints the pages visited; A11Y_NO_AXE=1 checks only the outline, quickly).  Each role
// opens every page of its menu; a tab or detail page whose kind another role (or a query variant)
// has opened already is not opened again (A11Y_ALL=1 opens everything).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, signIn } from '../lib/browser.mjs';
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

const ROLES = ['operator', 'csp.admin', 'csp.director1', 'csp.am1', 'csp.finance1', 'dist.admin', 'reseller.admin', 'customer1'];
// links that are not pages to check: downloads, signing out, switching language
const SKIP = /\/(download|logout|lang|pdf|xml|csv|zip)\b|\.(csv|pdf|xml|zip|png)$|[?&](format|export)=/;

// the WCAG 2.x A and AA rules (the best-practice rules are moderate or minor at most)
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Where a page's links lead, same origin, as path+query. */
async function links(page, selector) {
  const hrefs = await page.$$eval(selector, (as) => as.map((a) => a.href));
  const out = [];
  for (const h of hrefs) {
    const u = new URL(h);
    if (u.origin !== new URL(stack.base).origin) continue;
    const p = u.pathname + u.search;
    if (!SKIP.test(p)) out.push(p);
  }
  return out;
}

/** A readable list of the serious and critical violations of one page. */
function describe(url, violations) {
  return violations.map((v) => `${url}: [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.slice(0, 4).map((n) => `    ${n.target.join(' ')}  ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')).join('\n');
}

/** The shape of a detail page's path (digits and ids replaced), so one per kind is enough. */
const shape = (p) => p.replace(/\?.*$/, '').replace(/\/[0-9A-Za-z_-]*\d[0-9A-Za-z_-]*/g, '/N');
const analysed = new Set(); // the kinds of page axe has analysed in this run, over all roles
// the kinds of page visited by any role: another role opens a kind again only from its menu (its
// own entry pages); its tabs and detail pages of a kind already seen are the same template
const visitedKinds = new Set();

// A11Y_ROLES=a,b checks only those roles (while fixing)
for (const user of ROLES.filter((r) => !process.env.A11Y_ROLES || process.env.A11Y_ROLES.split(',').includes(r))) {
  test(`axe on every page of ${user}`, async (t) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, stack.base, user);
    const start = new URL(page.url()).pathname;
    const seen = new Set();
    const shapes = new Set();
    const queue = [start];
    const fromMenu = new Set([start]);
    const problems = [];
    const visited = [];
    const refused = [];
    while (queue.length) {
      const path = queue.shift();
      if (seen.has(path)) continue;
      seen.add(path);
      if (!process.env.A11Y_ALL && !fromMenu.has(path) && visitedKinds.has(shape(path))) continue;
      visitedKinds.add(shape(path));
      let resp;
      try {
        resp = await page.goto(stack.base + path);
      } catch (e) {
        if (/Download is starting/.test(e.message)) continue; // a file, not a page
        throw e;
      }
      const ctype = resp.headers()['content-type'] || '';
      if (!ctype.includes('text/html')) continue;
      // a link that answers 403 is the navigation's business (tests/browser of the menu), not axe's
      if (resp.status() >= 400) { refused.push(`${path} ${resp.status()}`); continue; }
      visited.push(path);
      const kind = process.env.A11Y_ALL ? `${user} ${path}` : shape(path);
      if (!analysed.has(kind) && !process.env.A11Y_NO_AXE) {
        analysed.add(kind);
        const result = await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ['violations'] }).analyze();
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (bad.length) problems.push(describe(path, bad));
        if (bad.length && process.env.A11Y_LIST) console.log(describe(path, bad));
      }
      // one h1, headings that do not skip a level, the page's language
      const outline = await page.evaluate(() => ({
        levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => h.offsetParent !== null || h.closest('details'))
          .map((h) => Number(h.tagName[1])),
        lang: document.documentElement.lang,
      }));
      const h1s = outline.levels.filter((l) => l === 1).length;
      if (h1s !== 1) problems.push(`${path}: ${h1s} h1 headings`);
      const skip = outline.levels.findIndex((l, i) => i > 0 && l > outline.levels[i - 1] + 1);
      if (outline.levels[0] !== 1 || skip > 0) problems.push(`${path}: headings out of order: ${outline.levels.join(' ')}`);
      if (outline.lang !== 'en') problems.push(`${path}: lang="${outline.lang}"`);
      if (process.env.A11Y_LIST && problems.length) console.log(problems.at(-1));
      // the menu and the tab bars lead on; the first row link of a list leads to a detail page
      for (const l of await links(page, 'nav.main a[href]')) { fromMenu.add(l); queue.push(l); }
      for (const l of await links(page, 'nav.tabs a[href], nav.subtabs a[href], nav.toolbar a[href]')) queue.push(l);
      for (const l of await links(page, 'main table tbody tr:first-child a[href]')) {
        const s = shape(l);
        if (!shapes.has(s)) { shapes.add(s); queue.push(l); }
      }
    }
    if (refused.length) t.diagnostic(`${user}: links answering an error: ${refused.join(', ')}`);
    if (process.env.A11Y_LIST) console.log(`${user}: ${visited.length} pages, ${analysed.size} analysed\n  ${visited.join('\n  ')}`);
    assert.ok(visited.length >= 3, `${user} reached only ${visited.join(', ')}`);
    assert.equal(problems.length, 0, `serious or critical axe violations for ${user}:\n${problems.join('\n')}`);
    await context.close();
  });
}

test('in Chinese the pages say lang="zh-CN" and pass axe too', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, stack.base, 'csp.admin');
  await Promise.all([page.waitForNavigation(), page.selectOption('#lang-select', 'zh')]);
  const problems = [];
  for (const path of ['/home', '/customers/', '/finance/bills']) {
    await page.goto(stack.base + path);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', path);
    const result = await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ['violations'] }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) problems.push(describe(path, bad));
  }
  assert.equal(problems.length, 0, problems.join('\n'));
  await context.close();
});

test('the keyboard: the skip link comes first and moves the focus to the main content; focus is visible', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, stack.base, 'csp.admin');
  await page.goto(stack.base + '/customers/');
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => ({ cls: document.activeElement.className, top: document.activeElement.getBoundingClientRect().top }));
  assert.equal(skip.cls, 'skip');
  assert.ok(skip.top >= 0, 'the focused skip link is on the screen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // the next Tab lands inside the main content, with a visible outline
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const st = getComputedStyle(el);
    return { inMain: !!el.closest('main'), outline: st.outlineStyle, width: parseFloat(st.outlineWidth) };
  });
  assert.ok(focused.inMain, 'Tab after the skip link goes into the main content');
  assert.notEqual(focused.outline, 'none');
  assert.ok(focused.width >= 2, `outline ${focused.width}px`);
  await context.close();
});
