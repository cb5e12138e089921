// One month-to-date figure everywhere (issue 14): the customer list's
// Month-to-Date column, the customer's page, the Set Budget page's Current
// Estimate, the budget API's used_amount, the expenditure details of the
// month and the expenditure summary (with its "Data up to" cut-off) agree for
// the same customer and month.  Spend comes in through the real usage import,
// the rating job and the daily summary job.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { DAY_MS, localDayAt, TZ_MS, utcOfLocal } from '../lib/dates.mjs';
import { ApiClient, DEMO_KEYS } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp, admin;
const one = async (q) => (await stack.sql(q))[0];
const idOf = async (account) => (await one(`SELECT id FROM customers WHERE account_name = '${account}'`))[0];
/** 10^-8 units as the pages show them: 1,234.57 (half-up to the cent). */
function shown(units) {
  const v = BigInt(units), neg = v < 0n, a = neg ? -v : v;
  const cents = (a + 500000n) / 1000000n;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(cents % 100n).padStart(2, '0')}`;
}
const cell = (html, re) => { const m = re.exec(html); assert.ok(m, `${re} not on the page`); return m[1]; };

before(async () => {
  stack = await startStack();
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  admin = await signIn(stack.base, 'csp.admin');
});
after(async () => { await stack?.stop(); });

/** The figure of customer id on each page and in the API, as shown. */
async function figures(id, account) {
  const list = await admin.get(`/customers/?account=${account}`);
  assert.equal(list.status, 200);
  const detail = await admin.get(`/customers/${id}`);
  assert.equal(detail.status, 200);
  const budget = await admin.get(`/customers/${id}/budget`);
  assert.equal(budget.status, 200);
  const api = await csp.get('/v2/partners/sub-customers/budget', { customer_id: String(id) });
  assert.equal(api.status, 200, api.text);
  return {
    list: cell(list.text, new RegExp(`<tr data-id="${id}">[\\s\\S]*?<td class="[^"]*\\bspend\\b[^"]*">([^<]*)</td>`)),
    detail: cell(detail.text, /<span id="spend-month">([^<]*)<\/span>/),
    budget: cell(budget.text, /<span id="budget-estimate">([^<]*)<\/span>/),
    api: api.json.used_amount,
  };
}

test('the demo customer of the report (xinghe): after rating its orders the list shows what its page shows', async () => {
  const id = await idOf('xinghe');
  const r = await stack.worker('run', 'rating');
  assert.equal(r.code, 0, r.stderr);
  const [mtd] = await one(`SELECT IFNULL(SUM(list_amount), 0) FROM customer_spend_daily WHERE customer_id = ${id}
    AND day >= '${localDayAt(Date.now()).slice(0, 8)}01' AND monthly_settled = 0`);
  const f = await figures(id, 'xinghe');
  assert.equal(f.detail, shown(mtd));
  assert.equal(f.list, f.detail, 'list and customer page');
  assert.equal(f.budget, f.detail, 'Set Budget Current Estimate');
  assert.equal(Math.round(f.api * 100), Math.round(Number(mtd) / 1e6), 'API used_amount');
  // the budget usage of the list and of the customer page is that figure over the budget
  const [amount, bp] = await one(`SELECT b.amount, c.budget_usage_bp FROM budgets b JOIN customers c ON c.id = b.customer_id WHERE c.id = ${id}`);
  assert.equal(bp, String(Number(mtd) > 0 ? Math.floor(Number(mtd) * 10000 / Number(amount)) : 0));
});

test('a month of rated usage: list, page, budget, API and details agree; the summary says up to which day and sums to it', async () => {
  const id = await idOf('fabrikam');
  const now = Date.now(), today = localDayAt(now), first = `${today.slice(0, 8)}01`;
  // one ECS record a day from the 1st to yesterday, and an hour of today
  const rows = ['record_id,customer,resource,product,region,billing_item,start,end,quantity,unit'];
  const days = [];
  for (let d = first; d < today; d = localDayAt(Date.parse(`${d}T12:00:00Z`) - TZ_MS + DAY_MS)) days.push(d);
  for (const d of days)
    rows.push(`mtd-${d},${id},fabrikam-ecs-77,elastic_cloud_server,ap-southeast-1,instance_hours,${utcOfLocal(d)},${utcOfLocal(d, 86399)},24,hour`);
  rows.push(`mtd-${today},${id},fabrikam-ecs-77,elastic_cloud_server,ap-southeast-1,instance_hours,${utcOfLocal(today)},${new Date(now - 60e3).toISOString().slice(0, 19).replace('T', ' ')},1,hour`);
  const file = join(stack.varDir, 'mtd-usage.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const imp = await stack.pcadm(['import-usage', file]);
  assert.equal(imp.code, 0, imp.stderr + imp.stdout);
  assert.equal((await stack.worker('run', 'rating')).code, 0);
  for (const d of days) // the daily summary of day d, built at 01:00 of the day after
    assert.equal((await stack.worker('run', 'spend_daily', '--now', utcOfLocal(localDayAt(Date.parse(`${d}T12:00:00Z`) - TZ_MS + DAY_MS), 3600))).code, 0);

  const cycle = Number(today.slice(0, 4) + today.slice(5, 7));
  const [mtd, due] = await one(`SELECT SUM(list_amount), SUM(amount_due) FROM expenditure_lines WHERE customer_id = ${id} AND billing_cycle = ${cycle}`);
  assert.ok(BigInt(mtd) > 0n);
  assert.equal(due, mtd, 'pay-per-use at list price: amount due = list price');
  const f = await figures(id, 'fabrikam');
  assert.deepEqual({ list: f.list, detail: f.detail, budget: f.budget }, { list: shown(mtd), detail: shown(mtd), budget: shown(mtd) });
  assert.equal(Math.round(f.api * 100), Number((BigInt(mtd) + 500000n) / 1000000n));
  // the expenditure details of the month (no cut-off): the same total
  const details = await admin.get(`/spend/details?cycle=${today.slice(0, 7)}&amount=all&customer=${id}`);
  assert.equal(details.status, 200);
  assert.equal(cell(details.text, /<strong id="total-due">([^<]*)<\/strong>/), shown(mtd));
  // the summary: data up to the day before yesterday, said on the page, and the sum up to that day
  const upto = localDayAt(now - 2 * DAY_MS);
  const summary = await admin.get(`/spend/summary?cycle=${today.slice(0, 7)}&name=Fabrikam`);
  assert.equal(summary.status, 200);
  assert.match(summary.text, new RegExp(`<p class="notice" id="data-upto">Data up to ${upto} \\(GMT\\+08:00\\)</p>`));
  const [untilCutoff] = await one(`SELECT IFNULL(SUM(amount_due), 0) FROM expenditure_lines WHERE customer_id = ${id}
    AND billing_cycle = ${cycle} AND transaction_at < '${utcOfLocal(localDayAt(now - DAY_MS))}'`);
  assert.equal(cell(summary.text, /<strong id="total-amount">([^<]*)<\/strong>/), shown(untilCutoff));
});
