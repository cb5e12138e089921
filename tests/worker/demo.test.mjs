// The demo world's usage (worker/demo/demo_usage.c): `pcadm demo-data` imports
// usage of this and the two previous months and last month's CDN bandwidth
// through the real import, rates it with the rating and bandwidth jobs and
// builds the daily summary, so that /spend/ shows numbers after `make run`.
// Every test stack starts from this demo data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { cycleText, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const DEMO = "source_key LIKE 'u:demo-%'";
const MONTH_START = "DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-01')";

before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const one = async (query) => (await stack.sql(query))[0];
const count = async (query) => Number((await one(query))[0]);

test('the demo usage is imported through the real import and every record is rated', async () => {
  assert.deepEqual(await stack.sql("SELECT file_name, source, status FROM usage_imports ORDER BY id"),
    [['demo-usage.csv', 'cli', 'ok'], ['demo-bandwidth.csv', 'cli', 'ok']]);
  const records = await count("SELECT COUNT(*) FROM usage_records WHERE record_id LIKE 'demo-%'");
  assert.ok(records >= 300 && records <= 700, `a few hundred records, got ${records}`);
  assert.equal(await count('SELECT COUNT(*) FROM usage_records WHERE rated = 0'), 0);
  assert.equal(await count(`SELECT COUNT(*) FROM expenditure_lines WHERE ${DEMO}`), records);
  // the two previous billing cycles and this one (from its 2nd day: records end yesterday)
  const cycles = (await stack.sql(`SELECT DISTINCT billing_cycle FROM expenditure_lines WHERE ${DEMO} ORDER BY 1`)).map((r) => Number(r[0]));
  assert.deepEqual(cycles.slice(0, 2), [monthsBack(2), monthsBack(1)]);
  assert.ok(cycles.every((c) => c >= monthsBack(2) && c <= monthsBack(0)));
  // the paid demo orders are left to the worker's next rating run
  assert.equal(await count("SELECT COUNT(*) FROM expenditure_lines WHERE source_key LIKE 'o:%' OR source_key LIKE 'r:%'"), 0);
});

test('each demo partner has rated lines with amounts due, and the daily summary has its days', async () => {
  const due = await stack.sql(`SELECT partner_id, COUNT(*) FROM expenditure_lines WHERE ${DEMO} AND amount_due > 0 AND partner_id IS NOT NULL GROUP BY partner_id ORDER BY partner_id`);
  assert.deepEqual(due.map((r) => r[0]), ['1', '2', '3']);
  for (const [, n] of due) assert.ok(Number(n) > 5);
  assert.deepEqual((await stack.sql('SELECT DISTINCT partner_id FROM expenditure_daily ORDER BY 1')).map((r) => r[0]), ['1', '2', '3']);
  assert.ok(await count(`SELECT COUNT(DISTINCT day) FROM expenditure_daily WHERE day < ${MONTH_START}`) >= 28);
});

test('OBS traffic and storage are priced per GB from MB with factor 1024, trunc10 then half-up', async () => {
  assert.ok(await count(`SELECT COUNT(*) FROM expenditure_lines WHERE ${DEMO} AND billing_item IN ('traffic_out', 'storage') AND pricing_unit IN ('GB', 'GB-hour') AND usage_qty > 0`) > 50);
  assert.equal(await count(`SELECT COUNT(*) FROM expenditure_lines l JOIN products p ON p.id = l.product_id
    WHERE l.${DEMO} AND p.code = 'object_storage_service' AND (l.pricing_qty <> TRUNCATE(l.usage_qty / 1024, 10)
      OR l.list_amount <> ROUND(l.pricing_qty * IF(l.billing_item = 'storage', 3260, 12000000)) OR l.monthly_settled <> 1)`), 0);
});

test('usage from before the association has no partner; after it, the partner', async () => {
  const [before, beforeNull, after, afterPartner] = (await one(`SELECT SUM(l.transaction_at < c.associated_at),
      SUM(l.transaction_at < c.associated_at AND l.partner_id IS NULL), SUM(l.transaction_at >= c.associated_at),
      SUM(l.transaction_at >= c.associated_at AND l.partner_id = 3)
    FROM expenditure_lines l JOIN customers c ON c.id = l.customer_id WHERE l.${DEMO} AND c.account_name = 'lucerne'`)).map(Number);
  assert.ok(before > 0 && after > 0, `lines on both sides (${before}, ${after})`);
  assert.equal(beforeNull, before);
  assert.equal(afterPartner, after);
});

test('usage of a reserved instance and of yearly/monthly packages is covered: all discount, not spend', async () => {
  const ri = await stack.sql(`SELECT billing_mode, COUNT(*), SUM(amount_due), SUM(discount = list_amount AND list_amount > 0) = COUNT(*)
    FROM expenditure_lines WHERE ${DEMO} AND resource_key = 'harborcafe-ri-01' GROUP BY billing_mode`);
  assert.equal(ri.length, 1);
  assert.equal(ri[0][0], 'reserved_instance');
  assert.deepEqual(ri[0].slice(2), ['0', '1']);
  assert.ok(Number(ri[0][1]) > 10);
  assert.deepEqual(await stack.sql(`SELECT DISTINCT billing_mode, amount_due FROM expenditure_lines WHERE ${DEMO} AND resource_key IN ('blueocean-ecs-01', 'northwind-ecs-01')`),
    [['yearly_monthly', '0']]);
  // the month-to-date spend the budget tests rely on stays as the demo set it
  assert.deepEqual(await stack.sql(`SELECT c.account_name, SUM(s.list_amount) FROM customer_spend_daily s JOIN customers c ON c.id = s.customer_id
    WHERE c.account_name IN ('blueocean', 'northwind', 'xinghe') AND s.day >= ${MONTH_START} GROUP BY c.account_name ORDER BY c.account_name`),
  [['blueocean', '35000000000'], ['northwind', '76000000000'], ['xinghe', '52000000000']]);
});

test("last month's 95th-percentile bandwidth of the CDN domain is billed: the top 5 % dropped, 6.5 USD per Mbps", async () => {
  const last = monthsBack(1);
  const [samples, discarded, mbps, days] = await one(`SELECT samples, discarded, billable_mbps, usage_days_bp FROM bandwidth_monthly
    WHERE resource_key = 'contoso-cdn-01' AND billing_cycle = ${last}`);
  const y = Math.floor(last / 100), m = last % 100;
  const inMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  assert.equal(Number(samples), inMonth * 288);
  assert.equal(Number(discarded), Math.floor(inMonth * 288 * 5 / 100));
  assert.equal(days, '10000');
  const micro = BigInt(mbps.replace('.', ''));
  const [key, partner, settled, item, due] = await one(`SELECT source_key, partner_id, monthly_settled, billing_item, amount_due
    FROM expenditure_lines WHERE source_key LIKE 'p95:%'`);
  assert.deepEqual([key, partner, settled, item], [`p95:contoso-cdn-01:${last}`, '1', '1', 'bandwidth_p95']);
  assert.equal(BigInt(due), micro * 650000000n / 1000000n);
});

test('the spend pages show the demo usage: the partner admin, the distributor and the summary', async () => {
  const prev = monthsBack(1);
  const admin = new Client(stack.base);
  await admin.login('csp.admin');
  const r = await admin.get(`/spend/details?cycle=${cycleText(prev)}`);
  assert.equal(r.status, 200);
  const shown = await count(`SELECT COUNT(*) FROM expenditure_lines WHERE partner_id = 1 AND billing_cycle = ${prev} AND amount_due <> 0`);
  assert.ok(shown > 10);
  assert.equal(/id="total-lines">(\d+)</.exec(r.text)[1], String(shown));
  const summary = await admin.get(`/spend/summary?cycle=${cycleText(prev)}`);
  assert.ok([...summary.text.matchAll(/<tr data-customer="(\d+)"/g)].length > 0);
  const dist = new Client(stack.base);
  await dist.login('dist.admin');
  const d = await dist.get(`/spend/details?cycle=${cycleText(prev)}`);
  assert.ok([...d.text.matchAll(/<tr data-id="(\d+)"/g)].length > 0);
});

test('running demo-data again changes nothing', async () => {
  const snapshot = () => stack.sql(`SELECT (SELECT COUNT(*) FROM usage_records), (SELECT COUNT(*) FROM usage_imports),
    (SELECT COUNT(*) FROM bandwidth_samples), (SELECT COUNT(*) FROM bandwidth_monthly), (SELECT COUNT(*) FROM expenditure_lines),
    (SELECT IFNULL(SUM(amount_due), 0) FROM expenditure_lines), (SELECT COUNT(*) FROM expenditure_daily),
    (SELECT IFNULL(SUM(list_amount), 0) FROM customer_spend_daily), (SELECT COUNT(*) FROM resources),
    (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM audit_events), (SELECT COUNT(*) FROM job_runs)`);
  const before = await snapshot();
  const r = await stack.pcadm(['demo-data']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /demo data already present/);
  assert.deepEqual(await snapshot(), before);
});
