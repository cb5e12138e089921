// Partner Bills in the browser: from the menu to the monthly bill made by the worker's bill
// run, the By Product and By Customer tabs with the eye toggle, the month selector with the
// current month's estimate, Consumed Product Details in keyset pages, the export behind its
// precautions ("Got It"), and the page in Chinese.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickEye, launchBrowser, signedInPage } from '../lib/browser.mjs';
import { CLEAN, USD, money, round2, runBills, runEstimates, seedLine } from '../lib/bill_seed.mjs';
import { cycleText, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, browser;
const CUR = monthsBack(0), P1 = monthsBack(1);
const ids = {}, products = {};
// 52 lines of P1: list (i + 1) USD at 25 % off, tax 9 % of the settlement (SG)
const LISTS = Array.from({ length: 52 }, (_, i) => BigInt(i + 1) * USD);
const settlementOf = (list) => (list * 3n) / 4n;
const taxOf = (list) => (settlementOf(list) * 9n) / 100n; // exact here: lists are whole dollars × 0.75 × 0.09
const DUE = round2(LISTS.reduce((a, l) => a + settlementOf(l) + taxOf(l), 0n));

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  await stack.sql(CLEAN);
  for (const [a, p] of await stack.sql('SELECT account_name, id FROM customers')) ids[a] = Number(p);
  for (const [c, p] of await stack.sql('SELECT code, id FROM products')) products[c] = Number(p);
  await stack.sql(`UPDATE partners SET tax_region = 'SG' WHERE id = 1;
    INSERT INTO settlement_discounts (partner_id, settlement_type, discount_ppm, valid_from, created_at)
      VALUES (1, 'common', 250000, '2000-01-01 00:00:00', UTC_TIMESTAMP())`);
  for (const [i, list] of LISTS.entries()) {
    await seedLine(stack, 1, P1, { customer: i % 2 ? ids.contoso : ids.northwind,
      productId: i % 4 === 3 ? products.elastic_volume_service : products.elastic_cloud_server, list });
  }
  await runBills(stack, P1);
  await seedLine(stack, 1, CUR, { customer: ids.northwind, productId: products.elastic_cloud_server, list: 8n * USD, day: 1 });
  await runEstimates(stack);
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const page = (user) => signedInPage(browser, stack.base, user);

test('the admin opens Partner Bills from the menu: the monthly bill, By Product, By Customer with the eye toggle', async () => {
  const p = await page('csp.admin');
  await p.click('nav.main >> text=Sales');
  await Promise.all([p.waitForNavigation(), p.click('nav.main >> text=Partner Bills')]);
  assert.equal(new URL(p.url()).pathname, '/finance/bills');
  assert.equal(await p.textContent('#amount-due-pane h2'), 'Amount Due');
  assert.equal(await p.inputValue('#q-month'), cycleText(P1));
  assert.equal(await p.textContent('#bill-amount-due'), money(DUE));
  assert.equal(await p.textContent('#due-total'), money(DUE));
  assert.equal((await p.textContent('#bill-hash')).length, 64);
  // By Product: one section, ECS and EVS under their categories
  const ecs = LISTS.filter((_, i) => i % 4 !== 3).reduce((a, l) => a + settlementOf(l), 0n);
  const evs = LISTS.filter((_, i) => i % 4 === 3).reduce((a, l) => a + settlementOf(l), 0n);
  assert.equal(await p.textContent('#by-product tr.lvl-0 .amount'), money(ecs + evs, 8));
  assert.deepEqual(await p.locator('#by-product tr.lvl-2 .label').allTextContents(), ['Elastic Cloud Server', 'Elastic Volume Service']);
  // the Unpaid Bills list opens
  await p.click('#unpaid-bills summary');
  assert.equal(await p.textContent('#unpaid .due'), money(DUE));
  // By Customer: masked names until the eye is clicked; the total row
  await Promise.all([p.waitForNavigation(), p.click('#tab-customer')]);
  // Northwind's ECS, Contoso's ECS and EVS (every fourth line, all Contoso's)
  assert.equal(await p.locator('#by-customer tr[data-customer]').count(), 3);
  assert.equal(await p.textContent('#customer-total .due'), money(DUE));
  const names = await p.locator('#by-customer .cname').allTextContents();
  assert.ok(names.every((n) => /\*/.test(n)), names.join());
  await clickEye(p, '#eye-name');
  assert.ok((await p.locator('#by-customer .cname').allTextContents()).includes('Northwind Traders'));
  // the month selector submits itself: the current month shows the estimate
  await Promise.all([p.waitForNavigation(), p.selectOption('#q-month', cycleText(CUR))]);
  assert.match(await p.textContent('#estimate-note'), /estimate, refreshed daily, no tax or coupons/);
  assert.equal(await p.textContent('#estimate-amount'), '6.00000000'); // 8 at 25 % off
  await p.close();
});

test('Consumed Product Details: two keyset pages, then Export Bill Details after the precautions', async () => {
  const p = await page('csp.finance1');
  await p.goto(`${stack.base}/finance/bills`);
  await Promise.all([p.waitForNavigation(), p.click('.tabs >> text=Consumed Product Details')]);
  assert.equal(await p.textContent('h1'), 'Consumed Product Details');
  assert.equal(await p.locator('#lines tbody tr').count(), 20, 'pages of 20 by default');
  await Promise.all([p.waitForNavigation(), p.click('#size-50')]);
  assert.equal(await p.locator('#lines tbody tr').count(), 50);
  const first = await p.locator('#lines tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.id)));
  await Promise.all([p.waitForNavigation(), p.click('#next-page')]);
  const second = await p.locator('#lines tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.id)));
  assert.equal(second.length, 2);
  assert.ok(Math.min(...first) > Math.max(...second), 'newest first, no line twice');
  // the smallest line: list 1 → settlement 0.75, tax 0.0675, due 0.8175 with 8 decimals
  assert.equal(await p.textContent(`#lines tr[data-id="${Math.min(...second)}"] .due`), '0.81750000');
  // the export: in the Export menu, precautions first (with the bill's own), the task after Got It
  assert.equal(await p.isVisible('#export-button'), false);
  await p.click('#export-open');
  await p.click('#export-button');
  await p.waitForSelector('#precautions[open]');
  assert.match(await p.textContent('#precautions'), /anonymized[^]*exact amounts \(8 decimals\)/);
  await Promise.all([p.waitForNavigation(), p.click('#got-it-button')]);
  assert.equal(new URL(p.url()).pathname, '/exports/');
  assert.match(await p.textContent('#exports'), /Bill details/);
  await p.close();
});

test('Partner Bills in Chinese', async () => {
  const p = await page('csp.admin');
  await p.goto(`${stack.base}/finance/bills`);
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'zh')]);
  await p.goto(`${stack.base}/finance/bills?month=${cycleText(P1)}&tab=customer`);
  assert.equal(await p.textContent('#amount-due-pane h2'), '应付金额');
  assert.equal(await p.textContent('#bill-status'), '未支付');
  assert.match(await p.textContent('#rounded-note'), /导出的账单为精确值/);
  assert.equal(await p.textContent('#customer-total .due'), money(DUE));
  await Promise.all([p.waitForNavigation(), p.selectOption('#lang-select', 'en')]);
  await p.close();
});
