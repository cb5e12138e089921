// Customer Expenditure (spec 9.3.4.1 summary, 9.3.4.2 details; ch10 §2): every
// filter of the details, Hide 0 by default, the 18- and 36-month windows,
// keyset pages, masking and the eye toggle, the summary's D+2 rule, tabs and
// totals, export tasks, and who must not see what.  The lines and the daily
// summary are inserted with SQL as the rating job would write them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { cycleText, daysAgo, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

const USD = 100000000n;
let stack, admin, am, dist, viewer;
const ids = {}, users = {}, products = {};

// Months and days in GMT+08:00, the billing time zone.
const CUR = monthsBack(0), PREV = monthsBack(1);

const lineIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
const summaryRows = (html) => [...html.matchAll(/<tr data-customer="(\d+)"/g)].map((m) => Number(m[1]));
const num = (v) => (v === null ? 'NULL' : String(v));
const str = (v) => (v === null ? 'NULL' : `'${v}'`);

/** Insert one expenditure line; returns its id. */
async function line(l) {
  const v = {
    partner: 1, assoc: 'reseller', am: null, cycle: CUR, product: 'elastic_cloud_server', mode: 'pay_per_use',
    bill: 'expenditure', region: 'ap-southeast-1', resKey: '', resName: '', item: 'instance_hours',
    due: 0n, list: null, payment: 'unsettled', ...l,
  };
  const list = v.list ?? v.due;
  const y = Math.floor(v.cycle / 100), m = v.cycle % 100;
  const from = `${y}-${String(m).padStart(2, '0')}-02 00:00:00`;
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type,
    account_manager_id, billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at,
    transaction_no, region, resource_key, resource_name, billing_item, list_amount, discount, amount_due,
    cash_payment, coupons_used, monthly_settlement, payment_status, created_at) VALUES (${str(v.key)}, ${v.customer},
    ${num(v.partner)}, ${str(v.assoc)}, ${num(v.am)}, ${v.cycle}, ${products[v.product]}, '${v.mode}', '${v.bill}',
    '${from}', '${from}' + INTERVAL 1 HOUR, '${from}', '${v.txn}', '${v.region}', '${v.resKey}', '${v.resName}',
    '${v.item}', ${list}, ${list - v.due}, ${v.due}, 0, 0, ${v.due}, '${v.payment}', UTC_TIMESTAMP())`);
  return Number((await stack.sql(`SELECT id FROM expenditure_lines WHERE source_key = '${v.key}'`))[0][0]);
}

/** Insert one day of the summary (expenditure_daily). */
async function daily(d) {
  const v = { partner: 1, product: 'elastic_cloud_server', mode: 'pay_per_use', assoc: 'reseller', bill: 'expenditure', am: null, ...d };
  await stack.sql(`INSERT INTO expenditure_daily (partner_id, day, customer_id, product_id, billing_mode,
    association_type, bill_type, account_manager_id, amount, cash_payment, coupons_used, monthly_settlement, discount)
    VALUES (${v.partner}, '${v.day}', ${v.customer}, ${products[v.product]}, '${v.mode}', '${v.assoc}', '${v.bill}',
    ${num(v.am)}, ${v.amount}, 0, 0, ${v.amount}, 0)`);
}

const L = {};
before(async () => {
  stack = await startStack();
  // this file's lines only: without the demo's rated usage (worker/demo/demo_usage.c)
  await stack.sql('DELETE FROM expenditure_lines; DELETE FROM expenditure_daily');
  for (const [a, p] of await stack.sql('SELECT account_name, id FROM customers')) ids[a] = Number(p);
  for (const [u, p] of await stack.sql('SELECT username, id FROM users')) users[u] = Number(p);
  for (const [c, p] of await stack.sql('SELECT code, id FROM products')) products[c] = Number(p);
  // a member whose role has no spend.view
  await stack.sql(`INSERT INTO roles (partner_id, name) VALUES (1, 'Customer viewer');
    INSERT INTO role_permissions (role_id, perm_code) SELECT LAST_INSERT_ID(), code FROM permissions
      WHERE is_default = 1 OR code = 'customer.view_all';
    INSERT INTO users (kind, partner_id, username, name, email, password_hash)
      SELECT 'member', 1, 'csp.viewer', 'Vera Viewer', 'viewer@sunrise.example', password_hash FROM users WHERE username = 'csp.admin';
    INSERT INTO member_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r
      WHERE u.username = 'csp.viewer' AND r.name = 'Customer viewer'`);
  const am1 = users['csp.am1'];
  L.nw = await line({ key: 'u:nw-1', customer: ids.northwind, am: am1, txn: 'T-NW-1', resKey: 'i-nw-1', resName: 'web-server-1', due: 123456789n });
  L.nwZero = await line({ key: 'u:nw-0', customer: ids.northwind, am: am1, txn: 'T-NW-0', resKey: 'i-nw-0', due: 0n, list: 5n * USD });
  L.contoso = await line({ key: 'r:CS-ORDER-2', customer: ids.contoso, am: am1, assoc: 'referral', product: 'object_storage_service',
    mode: 'yearly_monthly', bill: 'refund', region: 'af-south-1', txn: 'CS-ORDER-2', due: -5n * USD, payment: 'paid' });
  L.fab = await line({ key: 'u:fb-3', customer: ids.fabrikam, product: 'relational_database_service', mode: 'reserved_instance',
    bill: 'adjustment', region: 'eu-west-101', txn: 'T-FB-3', resKey: 'db-3', resName: 'db-main', due: 250000000n });
  L.harbor = await line({ key: 'u:hb-1', customer: ids.harborcafe, partner: 3, txn: 'T-HB-1', due: 7n * USD });
  L.wide = await line({ key: 'u:ww-1', customer: ids.wideworld, partner: 2, txn: 'T-WW-1', due: 3n * USD });
  L.nwPrev = await line({ key: 'u:nw-prev', customer: ids.northwind, am: am1, cycle: PREV, txn: 'T-NW-P', due: 4n * USD });
  // northwind's line from when it was with another partner: never shown to either
  L.nwOther = await line({ key: 'u:nw-other', customer: ids.northwind, partner: 2, txn: 'T-NW-OTHER', due: 9n * USD });
  const signed = async (name) => { const c = new Client(stack.base); await c.login(name); return c; };
  [admin, am, dist, viewer] = await Promise.all(['csp.admin', 'csp.am1', 'dist.admin', 'csp.viewer'].map(signed));
});
after(async () => { await stack?.stop(); });

const details = async (c, q = '') => {
  const r = await c.get(`/spend/details?${q}`);
  return { ...r, ids: lineIds(r.text) };
};

test('the admin sees its lines of the current cycle, newest first, zero amounts hidden, the total to the cent', async () => {
  const r = await details(admin);
  assert.equal(r.status, 200);
  assert.deepEqual(r.ids, [L.fab, L.contoso, L.nw]);
  assert.match(r.text, /<input id="q-cycle" name="cycle" type="month"[^>]*value="(\d{4}-\d\d)"/);
  assert.equal(/id="q-cycle"[^>]*value="([^"]+)"/.exec(r.text)[1], cycleText(CUR));
  // 1.23456789 - 5 + 2.5 = -1.26543211, rounded half away from zero to the cent
  assert.match(r.text, /id="total-due">-1\.27</);
  assert.match(r.text, /id="total-lines">3</);
  // amounts with 8 decimals
  assert.match(r.text, /class="num due">1\.23456789</);
  assert.match(r.text, /class="num due">-5\.00000000</);
  // the same page at /spend/ (the menu entry)
  assert.deepEqual(lineIds((await admin.get('/spend/')).text), r.ids);
});

test('"All" shows the lines with amount due 0; another cycle shows its own lines', async () => {
  assert.deepEqual((await details(admin, 'amount=all')).ids, [L.fab, L.contoso, L.nwZero, L.nw]);
  assert.deepEqual((await details(admin, 'amount=nonzero')).ids, [L.fab, L.contoso, L.nw]);
  assert.deepEqual((await details(admin, `cycle=${cycleText(PREV)}`)).ids, [L.nwPrev]);
});

test('every filter of the details narrows the lines as the data says', async () => {
  const f = async (q) => (await details(admin, q)).ids;
  assert.deepEqual(await f('name=Northwind'), [L.nw]);
  assert.deepEqual(await f('account=fabrik'), [L.fab]);
  assert.deepEqual(await f(`am=${users['csp.am1']}`), [L.contoso, L.nw]);
  assert.deepEqual(await f('assoc=referral'), [L.contoso]);
  assert.deepEqual(await f('assoc=reseller'), [L.fab, L.nw]);
  assert.deepEqual(await f('product=object_storage_service'), [L.contoso]);
  assert.deepEqual(await f('product=no_such_product'), []);
  assert.deepEqual(await f('mode=reserved_instance'), [L.fab]);
  assert.deepEqual(await f('bill_type=refund'), [L.contoso]);
  assert.deepEqual(await f('bill_type=adjustment'), [L.fab]);
  assert.deepEqual(await f('region=eu-west-101'), [L.fab]);
  assert.deepEqual(await f('txn=CS-ORDER-2'), [L.contoso]);
  assert.deepEqual(await f('txn=CS-ORDER'), [], 'the order id matches exactly');
  assert.deepEqual(await f('res_name=db-ma'), [L.fab]);
  assert.deepEqual(await f('res_id=i-nw-1'), [L.nw]);
  assert.deepEqual(await f('res_id=i-nw'), []);
  assert.deepEqual(await f(`customer=${ids.contoso}`), [L.contoso]);
  assert.deepEqual(await f('name=%25'), [], 'a LIKE wildcard matches only itself');
  // filters combine, and the total follows them
  const r = await details(admin, 'name=Northwind&amount=all&res_id=i-nw-0');
  assert.deepEqual(r.ids, [L.nwZero]);
  assert.match(r.text, /id="total-due">0\.00</);
  // the filter form offers the products and regions
  assert.match(r.text, /<option value="object_storage_service">Object Storage Service<\/option>/);
  assert.match(r.text, /<option value="eu-west-101">EU-Dublin<\/option>/);
});

test('billing cycles: 18 months back is allowed, 19 or a future month is refused on the page', async () => {
  assert.equal((await details(admin, `cycle=${cycleText(monthsBack(18))}`)).status, 200);
  for (const c of [monthsBack(19), monthsBack(-1)]) {
    const r = await details(admin, `cycle=${cycleText(c)}`);
    assert.equal(r.status, 400);
    assert.match(r.text, new RegExp(`Choose a billing cycle from ${cycleText(monthsBack(18))} to ${cycleText(CUR)}\\.`));
    assert.deepEqual(r.ids, [], 'nothing is listed under a refused filter');
    assert.doesNotMatch(r.text, /id="export-button"/);
  }
});

test('bad inputs are shown next to their field and nothing is listed', async () => {
  const month = await details(admin, 'cycle=2026-13');
  assert.equal(month.status, 400);
  assert.match(month.text, /id="e-cycle">Enter a month as YYYY-MM\.</);
  const amount = await details(admin, 'amount=lots');
  assert.equal(amount.status, 400);
  assert.match(amount.text, /id="e-amount">Choose one of the options\.</);
  assert.deepEqual(amount.ids, []);
  const am = await details(admin, 'am=-4');
  assert.equal(am.status, 400);
  assert.match(am.text, /id="e-am">Invalid reference\.</);
  const long = await details(admin, `name=${'x'.repeat(65)}`);
  assert.equal(long.status, 400);
  assert.match(long.text, /id="e-name">Too long\.</);
  // a hostile value comes back escaped
  const evil = await details(admin, `name=${encodeURIComponent('</title><script>x</script>')}`);
  assert.doesNotMatch(evil.text, /<script>x<\/script>/);
  assert.match(evil.text, /&lt;\/title&gt;&lt;script&gt;/);
});

test('customer names are masked until the eye is opened; the eye keeps the filters', async () => {
  const r = await details(admin, 'name=Northwind');
  assert.match(r.text, /class="cname">N\*\*\*\*s</);
  assert.match(r.text, /class="hint account">n\*\*\*\*d</);
  assert.doesNotMatch(r.text, /Northwind Traders/);
  const eye = /<a [^>]*href="([^"]+)"[^>]*id="eye-name"/.exec(r.text)[1].replaceAll('&amp;', '&');
  assert.match(eye, /name=Northwind/);
  assert.match(eye, /show=name/);
  const shown = await admin.get(eye);
  assert.match(shown.text, /class="cname">Northwind Traders</);
  assert.match(shown.text, /class="hint account">northwind</);
  const back = /<a [^>]*href="([^"]+)"[^>]*id="eye-name"/.exec(shown.text)[1].replaceAll('&amp;', '&');
  assert.doesNotMatch(back, /show=name/);
  assert.match((await admin.get(back)).text, /class="cname">N\*\*\*\*s</);
});

test('keyset pages of 50 lines without OFFSET; the next page keeps the filters', async () => {
  const values = Array.from({ length: 60 }, (_, i) => `('u:bulk-${i}', ${ids.lanhai}, 1, 'reseller', ${CUR}, `
    + `${products.elastic_cloud_server}, 'pay_per_use', UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP(), 'T-BULK-${i}', `
    + `'bulk-${i}', 100000000, 100000000, UTC_TIMESTAMP())`).join(',');
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle,
    product_id, billing_mode, spent_from, spent_to, transaction_at, transaction_no, resource_name, list_amount,
    amount_due, created_at) VALUES ${values}`);
  const first = await details(admin, 'res_name=bulk&size=50');
  assert.equal(first.ids.length, 50);
  assert.match(first.text, /id="list-range">1–50 of 60</);
  assert.match(first.text, /id="total-lines">60</);
  assert.match(first.text, /id="total-due">60\.00</);
  const next = /id="next-page" href="([^"]+)"/.exec(first.text)[1].replaceAll('&amp;', '&');
  assert.match(next, /res_name=bulk/);
  assert.match(next, /size=50&after=\d+&n=50/);
  const second = await details(admin, next.split('?')[1]);
  assert.equal(second.ids.length, 10);
  assert.ok(Math.max(...second.ids) < Math.min(...first.ids));
  assert.match(second.text, /id="list-range">51–60 of 60</);
  assert.doesNotMatch(second.text, /id="next-page"/);
  // back by the key of the page's first line: the first page again
  const prev = /id="prev-page" href="([^"]+)"/.exec(second.text)[1].replaceAll('&amp;', '&');
  assert.doesNotMatch(prev, /after=|before=/, 'the page before the second of 50 is the first');
  assert.deepEqual((await details(admin, prev.split('?')[1])).ids, first.ids);
  // pages of 20: forward twice, then back by key (before=) to the second
  const p1 = await details(admin, 'res_name=bulk');
  assert.equal(p1.ids.length, 20);
  const to2 = /id="next-page" href="([^"]+)"/.exec(p1.text)[1].replaceAll('&amp;', '&');
  const p2 = await details(admin, to2.split('?')[1]);
  const to3 = /id="next-page" href="([^"]+)"/.exec(p2.text)[1].replaceAll('&amp;', '&');
  const p3 = await details(admin, to3.split('?')[1]);
  assert.match(p3.text, /id="list-range">41–60 of 60</);
  const back = /id="prev-page" href="([^"]+)"/.exec(p3.text)[1].replaceAll('&amp;', '&');
  assert.match(back, /before=\d+&n=20/);
  const again = await details(admin, back.split('?')[1]);
  assert.deepEqual(again.ids, p2.ids);
  assert.match(again.text, /id="list-range">21–40 of 60</);
  // a key that is not one is refused beside nothing: the first page
  assert.equal((await details(admin, 'res_name=bulk&before=x')).ids.length, 20);
  await stack.sql("DELETE FROM expenditure_lines WHERE source_key LIKE 'u:bulk-%'");
});

test('an account manager sees only the lines of its assigned customers', async () => {
  const assigned = (await stack.sql(`SELECT id FROM customers WHERE account_manager_id = ${users['csp.am1']}`)).map((x) => Number(x[0]));
  assert.ok(assigned.includes(ids.northwind) && assigned.includes(ids.contoso) && !assigned.includes(ids.fabrikam));
  assert.deepEqual((await details(am)).ids, [L.contoso, L.nw]);
  assert.deepEqual((await details(am, 'account=fabrikam')).ids, []);
  assert.deepEqual((await details(am, `customer=${ids.fabrikam}`)).ids, []);
  assert.match((await details(am)).text, /id="total-due">-3\.77</);
});

test("partner A never sees partner B's lines; a distributor sees its resellers' customers' lines masked", async () => {
  const a = await details(admin, 'amount=all&show=name');
  for (const id of [L.harbor, L.wide, L.nwOther]) assert.ok(!a.ids.includes(id));
  assert.deepEqual((await details(admin, 'txn=T-NW-OTHER')).ids, [], 'a line made with another partner');
  const d = await details(dist);
  assert.equal(d.status, 200);
  assert.deepEqual(d.ids, [L.wide, L.harbor]);
  assert.match(d.text, /class="cname">H\*\*\*\*p</);
  assert.match(d.text, /class="hint reseller">Reseller: H\*\*\*\*r</);
  assert.doesNotMatch(d.text, /Harbor Cafe Group/);
  assert.match((await details(dist, 'show=name')).text, /class="cname">Harbor Cafe Group</);
  assert.deepEqual((await details(dist, 'txn=T-NW-1')).ids, []);
  // the reseller sees its own customer's line, not the distributor's
  const reseller = new Client(stack.base);
  await reseller.login('reseller.admin');
  const own = await details(reseller);
  assert.deepEqual(own.ids, [L.harbor]);
  // a reseller's details go back 36 months and have no Association Type filter (ch10 §2)
  assert.doesNotMatch(own.text, /id="q-assoc"/);
  assert.match((await details(admin)).text, /id="q-assoc"/);
  assert.equal((await details(reseller, `cycle=${cycleText(monthsBack(36))}`)).status, 200);
  assert.equal((await details(reseller, `cycle=${cycleText(monthsBack(37))}`)).status, 400);
});

test('a member without spend.view gets 403 on every page; the menu shows the entry only to those who may', async () => {
  for (const p of ['/spend/', '/spend/details', '/spend/summary']) assert.equal((await viewer.get(p)).status, 403);
  assert.equal((await viewer.post('/spend/details/export', { format: 'csv' })).status, 403);
  assert.doesNotMatch((await viewer.get('/customers/')).text, /href="\/spend\/"/);
  assert.match((await admin.get('/customers/')).text, /href="\/spend\/">Customer Expenditure</);
  // the customer console and signed-out visitors cannot reach it either
  const anon = new Client(stack.base);
  assert.notEqual((await anon.get('/spend/details')).status, 200);
});

test('export of the details: a task with the filters and format; only with spend.export', async () => {
  const before = Number((await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0]);
  const page = await admin.get('/spend/details?name=Northwind&amount=all');
  assert.match(page.text, /id="export-button"/);
  const r = await admin.post('/spend/details/export', { cycle: cycleText(CUR), amount: 'all', name: 'Northwind', format: 'xlsx' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/exports/?msg=export_created');
  const [task] = await stack.sql(`SELECT kind, format, filters, name, status, user_id FROM export_tasks ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(task.slice(0, 3), ['expenditure_details', 'xlsx', `cycle=${cycleText(CUR)}&amount=all&name=Northwind`]);
  assert.equal(task[4], 'queued');
  assert.equal(Number(task[5]), users['csp.admin']);
  assert.equal(Number((await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'spend.export'"))[0][0]), 1);
  // refused: a bad format, a cycle out of the window; nothing is created
  assert.equal((await admin.post('/spend/details/export', { cycle: cycleText(CUR), format: 'pdf' })).status, 400);
  assert.equal((await admin.post('/spend/details/export', { cycle: cycleText(monthsBack(19)), format: 'csv' })).status, 400);
  // the account manager may view but not export
  const amPage = await am.get('/spend/details');
  assert.doesNotMatch(amPage.text, /id="export-button"/);
  assert.equal((await am.post('/spend/details/export', { format: 'csv' })).status, 403);
  assert.equal(Number((await stack.sql('SELECT COUNT(*) FROM export_tasks'))[0][0]), before + 1);
});

test('summary: day D appears from D+2, grouped per customer, product, mode and type, with totals', async () => {
  const shown = daysAgo(2), hidden = daysAgo(1);
  await daily({ customer: ids.northwind, day: shown, amount: 10n * USD, am: users['csp.am1'] });
  await daily({ customer: ids.northwind, day: hidden, amount: 20n * USD, am: users['csp.am1'] });
  await daily({ customer: ids.northwind, day: shown, bill: 'refund', amount: -3n * USD, am: users['csp.am1'] });
  await daily({ customer: ids.fabrikam, day: shown, product: 'relational_database_service', mode: 'yearly_monthly',
    assoc: 'referral', amount: 250000000n });
  await daily({ customer: ids.harborcafe, partner: 3, day: shown, amount: 8n * USD });
  const cycle = cycleText(Number(shown.slice(0, 4)) * 100 + Number(shown.slice(5, 7)));
  const r = await admin.get(`/spend/summary?cycle=${cycle}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /The expenditures are pre-tax amounts\./);
  assert.deepEqual(summaryRows(r.text), [ids.northwind, ids.fabrikam]);
  assert.match(r.text, /class="num amount">10\.00000000</, 'the day before yesterday only');
  assert.doesNotMatch(r.text, /30\.00000000/);
  assert.match(r.text, /id="total-amount">12\.50</);
  assert.match(r.text, /id="total-refunds">-3\.00</);
  assert.match(r.text, new RegExp(`shown up to ${shown}`));
  // the Refunds tab
  const refunds = await admin.get(`/spend/summary?cycle=${cycle}&tab=refunds`);
  assert.deepEqual(summaryRows(refunds.text), [ids.northwind]);
  assert.match(refunds.text, /class="num amount">-3\.00000000</);
  // filters: customer name, account manager, association type
  assert.deepEqual(summaryRows((await admin.get(`/spend/summary?cycle=${cycle}&name=Fabrikam`)).text), [ids.fabrikam]);
  assert.deepEqual(summaryRows((await admin.get(`/spend/summary?cycle=${cycle}&am=${users['csp.am1']}`)).text), [ids.northwind]);
  assert.deepEqual(summaryRows((await admin.get(`/spend/summary?cycle=${cycle}&assoc=referral`)).text), [ids.fabrikam]);
  // Spent On: the day itself, or a range that ends before it
  assert.deepEqual(summaryRows((await admin.get(`/spend/summary?cycle=${cycle}&from=${shown}&to=${shown}`)).text),
    [ids.northwind, ids.fabrikam]);
  if (shown.slice(8) !== '01') {
    assert.deepEqual(summaryRows((await admin.get(`/spend/summary?cycle=${cycle}&to=${daysAgo(3)}`)).text), []);
  }
  const outside = await admin.get(`/spend/summary?cycle=${cycle}&from=${cycleText(monthsBack(40))}-01`);
  assert.equal(outside.status, 400);
  assert.match(outside.text, /id="e-from">Choose a day in the billing cycle\.</);
  // the row's Details link opens that customer's lines of the cycle
  const link = /class="details" href="([^"]+)"/.exec(r.text)[1].replaceAll('&amp;', '&');
  assert.match(link, new RegExp(`customer=${ids.northwind}`));
  assert.equal((await admin.get(link)).status, 200);
  // names masked until the eye is opened
  assert.match(r.text, /class="cname">N\*\*\*\*s</);
  assert.match((await admin.get(`/spend/summary?cycle=${cycle}&show=name`)).text, /class="cname">Northwind Traders</);
  // scope: the account manager sees only its customers, the distributor its reseller's, the viewer nothing
  assert.deepEqual(summaryRows((await am.get(`/spend/summary?cycle=${cycle}`)).text), [ids.northwind]);
  assert.deepEqual(summaryRows((await dist.get(`/spend/summary?cycle=${cycle}`)).text), [ids.harborcafe]);
});

test('summary: 36 months back allowed, 37 refused; bad inputs on the page; keyset pages', async () => {
  assert.equal((await admin.get(`/spend/summary?cycle=${cycleText(monthsBack(36))}`)).status, 200);
  const old = await admin.get(`/spend/summary?cycle=${cycleText(monthsBack(37))}`);
  assert.equal(old.status, 400);
  assert.match(old.text, new RegExp(`Choose a billing cycle from ${cycleText(monthsBack(36))} to ${cycleText(CUR)}\\.`));
  const bad = await admin.get('/spend/summary?cycle=last&assoc=friends');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="e-cycle">Enter a month as YYYY-MM\.</);
  assert.match(bad.text, /id="e-assoc">Choose one of the options\.</);
  // 60 products of one customer on one old day: 50 rows, then 10
  const day = `${cycleText(monthsBack(3))}-10`;
  const codes = Object.keys(products).slice(0, 60);
  for (const code of codes) await daily({ customer: ids.lanhai, day, product: code, amount: USD });
  const first = await admin.get(`/spend/summary?cycle=${cycleText(monthsBack(3))}&name=${encodeURIComponent('蓝海')}&size=50`);
  assert.equal(summaryRows(first.text).length, 50);
  assert.match(first.text, /id="total-amount">60\.00</);
  assert.match(first.text, /id="list-range">1–50 of 60</);
  const next = /id="next-page" href="([^"]+)"/.exec(first.text)[1].replaceAll('&amp;', '&');
  assert.match(next, /size=50&after=[\d_]+&n=50/);
  const second = await admin.get(next);
  assert.equal(summaryRows(second.text).length, 10);
  assert.match(second.text, /id="list-range">51–60 of 60</);
  assert.doesNotMatch(second.text, /id="next-page"/);
  // from the second page, Previous is the first
  const prev = /id="prev-page" href="([^"]+)"/.exec(second.text)[1].replaceAll('&amp;', '&');
  assert.deepEqual(summaryRows((await admin.get(prev)).text), summaryRows(first.text));
  const productsOf = (html) => [...html.matchAll(/class="product">([^<]+)</g)].map((m) => m[1]);
  const all = [...productsOf(first.text), ...productsOf(second.text)];
  assert.equal(new Set(all).size, 60, 'no row twice, none left out');
});

test('export of the summary creates a task; the account manager may not', async () => {
  const r = await admin.post('/spend/summary/export', { cycle: cycleText(CUR), tab: 'refunds', assoc: 'reseller', format: 'csv' });
  assert.equal(r.status, 303);
  const [task] = await stack.sql('SELECT kind, format, filters FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.deepEqual(task, ['expenditure_summary', 'csv', `cycle=${cycleText(CUR)}&assoc=reseller&tab=refunds`]);
  assert.equal((await am.post('/spend/summary/export', { format: 'csv' })).status, 403);
  assert.equal((await admin.post('/spend/summary/export', { cycle: cycleText(monthsBack(37)), format: 'csv' })).status, 400);
});

test('a customer name with markup is shown escaped on both pages', async () => {
  await stack.sql(`UPDATE customers SET name = '</title><script>alert(1)</script>' WHERE account_name = 'yunfan'`);
  const id = await line({ key: 'u:yf-1', customer: ids.yunfan, txn: 'T-YF-1', due: USD });
  const r = await details(admin, 'account=yunfan&show=name');
  assert.deepEqual(r.ids, [id]);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /class="cname">&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;</);
  await daily({ customer: ids.yunfan, day: daysAgo(3), amount: USD });
  const s = await admin.get(`/spend/summary?cycle=${daysAgo(3).slice(0, 7)}&show=name`);
  assert.doesNotMatch(s.text, /<script>alert/);
  assert.match(s.text, /&lt;script&gt;alert/);
});
