// The pages of issue 14's bill engine on the demo data, which the real bill run billed for
// the two months before this one: the distributor's bill carries its reseller's customers
// (Partner Name = the reseller, §10.2.4.1.2), the reseller has none, reserved-instance usage
// is "not billed separately", and the monthly bill's parts shown to the cent add up to its
// amount due (a Rounding line, and the credit of a negative bill).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { parseCsv } from '../lib/csv.mjs';
import { cycleText, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';
import { runBills, seedLine, USD } from '../lib/bill_seed.mjs';

let stack;
const one = async (q) => (await stack.sql(q))[0] || null;
const signed = (name) => signIn(stack.base, name);
const text = (html, id) => { const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html); return m ? m[1] : null; };
/** "1,234.56" → cents as a BigInt. */
const cents = (s) => { const neg = s.startsWith('-'); const [i, f] = s.replace(/[-,]/g, '').split('.'); const v = BigInt(i) * 100n + BigInt(f); return neg ? -v : v; };

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

test('the demo distributor is billed for its reseller\'s customers, the reseller not at all', async () => {
  const [dist, reseller] = await one(`SELECT d.id, r.id FROM partners r JOIN partners d ON d.id = r.distributor_id WHERE r.account_name = 'harbor'`);
  assert.equal((await one(`SELECT COUNT(*) FROM partner_bills WHERE partner_id = ${reseller}`))[0], '0');
  const [bill, cycle] = await one(`SELECT id, billing_cycle FROM partner_bills WHERE partner_id = ${dist} ORDER BY billing_cycle DESC LIMIT 1`);
  // every reseller record of the month is on the distributor's bill, with the reseller as its partner
  const [records, onBill] = await one(`SELECT COUNT(*), SUM(EXISTS (SELECT 1 FROM bill_lines bl WHERE bl.line_id = l.id AND bl.bill_id = ${bill} AND bl.partner_id = ${reseller}))
    FROM expenditure_lines l WHERE l.partner_id = ${reseller} AND l.billing_cycle = ${cycle} AND l.association_type = 'reseller'`);
  assert.ok(Number(records) > 0, 'the demo reseller has records');
  assert.equal(onBill, records);

  const d = await signed('dist.admin');
  const month = cycleText(Number(cycle));
  const page = await d.get(`/finance/bills/details?cycle=${month}&customer=harborcafe`);
  assert.equal(page.status, 200);
  const reseller_name = (await one(`SELECT name FROM partners WHERE id = ${reseller}`))[0];
  assert.match(page.text, new RegExp(`<td class="partner">${reseller_name}</td>`));
  // Harbor Cafe's ECS hours run on a reserved instance: on the bill, not billed separately
  assert.match(page.text, /class="hint covered">Not billed separately/);
  const [covered] = await one(`SELECT COUNT(*) FROM bill_lines bl JOIN expenditure_lines l ON l.id = bl.line_id
    WHERE bl.bill_id = ${bill} AND l.resource_key = 'harborcafe-ri-01' AND bl.covered = 1 AND bl.settlement = 0 AND bl.list_amount = 0`);
  assert.ok(Number(covered) > 0);
  // in Chinese too
  await d.get('/home');
  await d.post('/auth/lang', { lang: 'zh', back: '/home' });
  const zh = await d.get(`/finance/bills/details?cycle=${month}&customer=harborcafe`);
  assert.match(zh.text, /不单独计费/);
  await d.post('/auth/lang', { lang: 'en', back: '/home' });
  // a solution provider's page has no partner column (every line is its own)
  const s = await signed('csp.admin');
  const own = await s.get(`/finance/bills/details?cycle=${month}`);
  assert.equal(own.status, 200);
  assert.doesNotMatch(own.text, /<td class="partner">/);
});

test('the monthly bill: the parts shown to the cent add up to the amount due; a negative bill shows its credit', async () => {
  const d = await signed('dist.admin');
  const [dist] = await one(`SELECT id FROM partners WHERE account_name = (SELECT p.account_name FROM partners p JOIN partners r ON r.distributor_id = p.id WHERE r.account_name = 'harbor')`);
  for (const [cycle] of await stack.sql(`SELECT billing_cycle FROM partner_bills WHERE partner_id = ${dist}`)) {
    const html = (await d.get(`/finance/bills?month=${cycleText(Number(cycle))}`)).text;
    const v = (id) => { const t = text(html, id); return t === null ? 0n : cents(t); };
    assert.equal(v('bill-expenditures') + v('bill-refunds') + v('bill-adjustments') - v('bill-coupons') + v('bill-tax') + v('bill-rounding'),
      v('bill-amount-due') - v('bill-credited'), `bill ${cycle}`);
  }
  // a month of the solution provider Sunrise (account csp…) whose refund outweighs its spending:
  // 10 − 25 = −15 at its settlement discounts, credited to its top-up balance
  const [sunrise] = await one(`SELECT partner_id FROM users WHERE username = 'csp.admin'`);
  const [cust] = await one(`SELECT customer_id FROM associations WHERE partner_id = ${sunrise} AND status = 'active' AND type = 'reseller' LIMIT 1`);
  const [ecs] = await one(`SELECT id FROM products WHERE code = 'elastic_cloud_server'`);
  const cycle = monthsBack(5);
  await seedLine(stack, sunrise, cycle, { customer: cust, productId: ecs, list: 10n * USD });
  await seedLine(stack, sunrise, cycle, { customer: cust, productId: ecs, bill: 'refund', list: -25n * USD });
  await runBills(stack, cycle);
  const [due, credited] = await one(`SELECT amount_due, credited FROM partner_bills WHERE partner_id = ${sunrise} AND billing_cycle = ${cycle}`);
  assert.equal(due, '0');
  assert.ok(BigInt(credited) > 0n);
  const s = await signed('csp.admin');
  const html = (await s.get(`/finance/bills?month=${cycleText(cycle)}`)).text;
  assert.equal(text(html, 'bill-amount-due'), '0.00');
  assert.equal(cents(text(html, 'bill-credited')), BigInt(credited) / 1000000n);
  const v = (id) => { const t = text(html, id); return t === null ? 0n : cents(t); };
  assert.equal(v('bill-expenditures') + v('bill-refunds') + v('bill-adjustments') - v('bill-coupons') + v('bill-tax') + v('bill-rounding'),
    -v('bill-credited'));
  // the credit is a Refund line of the account statement
  const [from] = await one(`SELECT DATE(created_at) FROM journal_entries WHERE idem_key = 'bill_credit:${sunrise}:${cycle}'`);
  const statement = (await s.get(`/finance/funds/statements?type=refund&from=${from}`)).text;
  assert.equal(statement.includes('negative partner bill'), true, 'the refund entry is listed');
});

test('Export Bill Details of the distributor: the Partner fields of a reseller\'s customer hold the reseller', async () => {
  const [dist, reseller, name, account] = await one(`SELECT d.id, r.id, r.name, r.account_name FROM partners r JOIN partners d ON d.id = r.distributor_id WHERE r.account_name = 'harbor'`);
  const [cycle] = await one(`SELECT billing_cycle FROM partner_bills WHERE partner_id = ${dist} ORDER BY billing_cycle DESC LIMIT 1`);
  const d = await signed('dist.admin');
  await d.get(`/finance/bills/details?cycle=${cycleText(Number(cycle))}`);
  const r = await d.post('/finance/bills/details/export', { cycle: cycleText(Number(cycle)), format: 'csv' });
  assert.equal(r.status, 303);
  const [[id]] = await stack.sql('SELECT id FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.equal((await stack.worker('run', 'exports')).code, 0);
  const res = await fetch(`${stack.base}/exports/${id}/download`, { headers: { cookie: d.cookieHeader() } });
  assert.equal(res.status, 200);
  const [header, ...rows] = parseCsv(Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8'));
  const col = (h) => header.indexOf(h);
  const own = await stack.sql(`SELECT CAST(bl.customer_id AS CHAR) FROM bill_lines bl JOIN partner_bills b ON b.id = bl.bill_id
    WHERE b.partner_id = ${dist} AND b.billing_cycle = ${cycle} AND bl.partner_id = ${reseller}`);
  const resellerCustomers = new Set(own.map((x) => x[0]));
  const theirs = rows.filter((x) => resellerCustomers.has(x[col('Customer ID')]));
  assert.equal(theirs.length, own.length);
  for (const x of theirs) {
    assert.equal(x[col('Partner ID')], String(reseller));
    assert.equal(x[col('Partner Name')], name);
    assert.equal(x[col('Partner Account Name')], account);
  }
});
