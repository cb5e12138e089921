// The list component (issue 16, part "lists") in headless Chromium, on Customer Management:
// numbered pages forward and back with the total, the page size, sorting on a header both
// ways (aria-sort), More filters opening by itself, a bad filter value and a reversed date
// range kept as typed with the reason beside the field, the Operation column whose every
// link opens (no 403), and the pager in Chinese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, pageSignedIn } from '../lib/browser.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser, admin;
const errors = [];
const N = 45; // customers named "Lst NN": three pages of 20

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  // month-to-date spend 10, 20, ... 450 USD (10^8 units), associated one day apart
  await stack.sql('INSERT INTO customers (partner_id, name, account_name, association_type, associated_at, mtd_spend) '
    + `SELECT 1, CONCAT('Lst ', LPAD(seq, 2, '0')), CONCAT('lst', LPAD(seq, 2, '0')), 'reseller', `
    + `UTC_TIMESTAMP() - INTERVAL seq DAY, seq * 1000000000 FROM seq_1_to_${N}`);
  admin = await page('csp.admin'); // one sign-in for the tests of csp.admin
});
after(async () => {
  await browser?.close();
  await stack?.stop();
  assert.deepEqual(errors, []);
});

const page = (user) => pageSignedIn(browser, stack.base, user, errors);
const go = (p, sel) => Promise.all([p.waitForNavigation(), p.click(sel)]);
const names = (p) => p.locator('#customers tbody a.cname').allTextContents();

test('paging forward and back with the total, then a bigger page size', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/?show=name`);
  await p.fill('#q-name', 'Lst');
  await go(p, '#search');
  assert.equal(await p.locator('#customers tbody tr').count(), 20);
  assert.equal(await p.textContent('#list-range'), `1–20 of ${N}`);
  assert.equal(await p.getAttribute('#pager a[aria-current="page"]', 'aria-label'), 'Page 1');
  assert.equal(await p.locator('#pager span.disabled', { hasText: 'Previous' }).count(), 1, 'no previous page on the first');
  const first = await names(p);
  assert.equal(first[0], 'Lst 01');

  await go(p, '#next-page');
  assert.match(p.url(), /page=2/);
  assert.match(p.url(), /show=name/, 'the pager keeps the eye');
  assert.equal(await p.textContent('#list-range'), `21–40 of ${N}`);
  assert.equal((await names(p))[0], 'Lst 21');
  assert.equal(await p.inputValue('#q-name'), 'Lst', 'the filter is kept');

  await go(p, '#pager a[aria-label="Page 3"]');
  assert.equal(await p.textContent('#list-range'), `41–45 of ${N}`);
  assert.equal(await p.locator('#customers tbody tr').count(), 5);
  assert.equal(await p.locator('#next-page').count(), 0, 'no next page on the last');

  await go(p, '#prev-page');
  assert.equal(await p.textContent('#list-range'), `21–40 of ${N}`);
  await go(p, '#prev-page');
  assert.deepEqual(await names(p), first, 'back on the first page, the same rows');

  // the page size: 50 rows hold them all, kept in the URL and by the next search
  await go(p, '#size-50');
  assert.match(p.url(), /size=50/);
  assert.equal(await p.locator('#customers tbody tr').count(), N);
  assert.equal(await p.textContent('#list-range'), `1–${N} of ${N}`);
  assert.equal(await p.getAttribute('#size-50', 'aria-current'), 'true');
  assert.equal(await p.locator('#next-page').count(), 0);
  await p.fill('#q-name', 'Lst 1');
  await go(p, '#search');
  assert.match(p.url(), /size=50/);
  assert.equal(await p.textContent('#list-range'), '1–10 of 10'); // Lst 10 … Lst 19
});

test('sorting on a header both ways, aria-sort on the header, the filters kept', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/?name=Lst&show=name`);
  assert.equal(await p.locator('#customers th[aria-sort]').count(), 0, 'the default order marks no header');
  await go(p, '#sort-spend');
  assert.equal(await p.getAttribute('#customers th:has(#sort-spend)', 'aria-sort'), 'descending');
  assert.equal((await names(p))[0], `Lst ${N}`, 'highest month-to-date spend first');
  assert.equal(await p.textContent('#list-range'), `1–20 of ${N}`);
  await go(p, '#sort-spend');
  assert.equal(await p.getAttribute('#customers th:has(#sort-spend)', 'aria-sort'), 'ascending');
  assert.equal((await names(p))[0], 'Lst 01');
  // the order holds across pages: page 2 ascending starts at the 21st
  await go(p, '#next-page');
  assert.equal((await names(p))[0], 'Lst 21');
  assert.equal(await p.getAttribute('#customers th:has(#sort-spend)', 'aria-sort'), 'ascending');
  // another column: names descending after a first click on the name (ascending), a new order
  // starting at page 1
  await go(p, '#sort-name');
  assert.equal(await p.getAttribute('#customers th:has(#sort-name)', 'aria-sort'), 'ascending');
  assert.equal(await p.locator('#customers th:has(#sort-spend)[aria-sort]').count(), 0);
  assert.equal(await p.textContent('#list-range'), `1–20 of ${N}`);
  await go(p, '#sort-name');
  assert.equal((await names(p))[0], `Lst ${N}`);
  // the search keeps the order
  await go(p, '#search');
  assert.match(p.url(), /sort=name_desc/);
  assert.equal(await p.getAttribute('#customers th:has(#sort-name)', 'aria-sort'), 'descending');
});

test('More filters, a bad value and a reversed range keep what was typed and say what is wrong', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/?name=Lst`);
  assert.equal(await p.getAttribute('#more-filters', 'open'), null, 'closed while none of its filters is set');
  assert.equal(await p.isVisible('#q-spend_min'), false);
  await p.click('#more-filters > summary');
  assert.equal(await p.isVisible('#q-spend_min'), true);
  await p.fill('#q-spend_min', '12abc');
  await p.fill('#q-assoc_from', '2026-03-10');
  await p.fill('#q-assoc_to', '2026-03-01');
  await go(p, '#search');
  assert.notEqual(await p.getAttribute('#more-filters', 'open'), null, 'opens by itself on an error');
  assert.equal(await p.inputValue('#q-spend_min'), '12abc', 'the bad value is kept as typed');
  assert.equal(await p.textContent('#e-spend_min'), 'Enter an amount such as 1,234.56.');
  assert.equal(await p.getAttribute('#q-spend_min', 'aria-invalid'), 'true');
  assert.equal(await p.inputValue('#q-assoc_from'), '2026-03-10');
  assert.equal(await p.inputValue('#q-assoc_to'), '2026-03-01');
  assert.equal(await p.textContent('#e-assoc_to'), 'The end date is before the start date.');
  assert.equal(await p.getAttribute('#q-assoc_to', 'aria-describedby'), 'e-assoc_to');
  // the wrong values are ignored, the right ones apply: associated on or after March 10
  const since = Number((await stack.sql("SELECT COUNT(*) FROM customers WHERE partner_id = 1 AND name LIKE 'Lst%' "
    + "AND associated_at >= '2026-03-09 16:00:00'"))[0][0]);
  assert.equal(await p.textContent('#list-range'), since ? `1–${Math.min(since, 20)} of ${since}` : `0–0 of 0`);
  // an inverted spend range says so too; put right, the list narrows (100 to 150 USD: Lst 10–15)
  await p.fill('#q-spend_min', '150');
  await p.fill('#q-spend_max', '100');
  await p.fill('#q-assoc_from', '');
  await p.fill('#q-assoc_to', '');
  await go(p, '#search');
  assert.equal(await p.textContent('#e-spend_max'), 'The maximum is less than the minimum.');
  assert.equal(await p.inputValue('#q-spend_max'), '100');
  await p.fill('#q-spend_min', '100');
  await p.fill('#q-spend_max', '150');
  await go(p, '#search');
  assert.equal(await p.locator('.more-filters .error').count(), 0);
  assert.equal(await p.textContent('#list-range'), '1–6 of 6');
  assert.notEqual(await p.getAttribute('#more-filters', 'open'), null, 'open while one of its filters is set');
  await go(p, '#reset');
  assert.equal(await p.inputValue('#q-name'), '');
  assert.equal(await p.getAttribute('#more-filters', 'open'), null);
});

test('the Operation column offers only what opens, per role', async () => {
  for (const [user, path] of [['csp.admin', '/customers/?name=Lst'], ['csp.am1', '/customers/'],
    ['dist.admin', '/customers/?tab=resellers']]) {
    const p = user === 'csp.admin' ? admin : await page(user);
    await p.goto(stack.base + path);
    // every kind of operation the first row offers (the others differ only by the id)
    const hrefs = await p.locator('#customers tbody tr:first-child td.ops a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= 3, `${user} has operations`);
    for (const href of hrefs) {
      const r = await p.request.get(stack.base + href, { maxRedirects: 0 });
      assert.equal(r.status(), 200, `${user}: ${href}`);
    }
    const budget = await p.locator('#customers td.ops a.op-budget').count();
    if (user === 'csp.admin') {
      assert.equal(budget, 20, 'the admin sets the budgets of its reseller-model customers');
      // More ▸ opens a menu of links
      await p.click('#customers tbody tr:first-child details.op-more > summary');
      assert.equal(await p.isVisible('#customers tbody tr:first-child details.op-more a[href$="?tab=resources"]'), true);
    }
    if (user === 'csp.am1') assert.equal(budget, 0, `${user} may not set budgets`);
    if (p !== admin) await p.close();
  }
});

test('the list in Chinese: the pager, headers and More filters', async () => {
  const p = admin;
  await p.goto(`${stack.base}/customers/`);
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  await p.goto(`${stack.base}/customers/?name=Lst`);
  assert.equal(await p.textContent('#list-range'), `第 1–20 条，共 ${N} 条`);
  assert.equal(await p.textContent('#more-filters > summary'), '更多筛选');
  assert.equal(await p.textContent('#next-page'), '下一页');
  assert.match(await p.textContent('#page-sizes'), /每页条数/);
  assert.equal(await p.textContent('#customers th.ops'), '操作');
  await p.goto(`${stack.base}/customers/?name=Lst&assoc_from=2026-03-10&assoc_to=2026-03-01`);
  assert.equal(await p.textContent('#e-assoc_to'), '结束日期早于开始日期。');
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'en')]);
});

test('at phone width the list scrolls inside its card; the filter bar and the pager fit', async () => {
  const p = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(`${stack.base}/auth/login`);
  await p.fill('#f-username', 'csp.admin');
  await p.fill('#f-password', 'Demo#2026');
  await Promise.all([p.waitForNavigation(), p.click('#login-submit')]);
  await p.goto(`${stack.base}/customers/?name=Lst`);
  const box = await p.evaluate(() => {
    const wrap = document.querySelector('#customers').closest('.table-wrap');
    const right = (sel) => Math.ceil(document.querySelector(sel).getBoundingClientRect().right);
    return { scrolls: wrap.scrollWidth > wrap.clientWidth, wrapRight: right('.table-wrap'), filters: right('#filters'), pager: right('#pager'),
      sizes: right('#page-sizes'), next: right('#next-page') };
  });
  assert.ok(box.scrolls, 'the wide table scrolls inside its box');
  for (const [name, right] of Object.entries(box)) if (name !== 'scrolls') assert.ok(right <= 390, `${name} ends at ${right}px`);
  await p.close();
});
