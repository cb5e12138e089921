// Customer Orders (spec 9.3.3.1) and Order Resource Details (S2): every filter,
// the order time range rules, numbered pages with a total, masking and the eye toggle, the
// distributor's Resellers' Customers tab, order details with Transaction
// Records, the resources of orders, exports — and who must not see what.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { daysAgo, local } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin, am, director, finance, dist, reseller, viewer;

const rowIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
const ids = (rows) => rows.map((r) => Number(r[0]));
const one = async (q) => (await stack.sql(q))[0][0];
const orderId = async (no) => Number(await one(`SELECT id FROM orders WHERE order_no = '${no}'`));
const orderOf = async (account, type) => Number(await one(
  `SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.account_name = '${account}' ` +
  `AND o.order_type = '${type}' AND o.order_no LIKE 'CS%7____' ORDER BY o.id LIMIT 1`));
// the local (GMT+08:00) date `days` before today, as the filters take it
// the orders a partner's full-scope member sees in the range, newest first
const expected = async (where, days = 30) => ids(await stack.sql(
  'SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id ' +
  `WHERE ${where} AND o.ordered_at >= TIMESTAMP(DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR) - INTERVAL ${days} DAY) - INTERVAL 8 HOUR ` +
  'ORDER BY o.ordered_at DESC, o.id DESC'));

before(async () => {
  stack = await startStack();
  // a member whose only role grants the customer list, not the orders
  await stack.sql("INSERT INTO roles (partner_id, name) VALUES (1, 'Customer viewer')");
  await stack.sql("INSERT INTO role_permissions (role_id, perm_code) SELECT id, 'customer.view_all' FROM roles WHERE name = 'Customer viewer'");
  await stack.sql("INSERT INTO users (kind, partner_id, username, name, email, password_hash) SELECT 'member', 1, 'csp.viewer', "
    + "'Viewer Wu', 'viewer@sunrise.example', password_hash FROM users WHERE username = 'csp.admin'");
  await stack.sql("INSERT INTO member_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.username = 'csp.viewer' AND r.name = 'Customer viewer'");
  const signed = async (name) => { const c = new Client(stack.base); await c.login(name); return c; };
  [admin, am, director, finance, dist, reseller, viewer] = await Promise.all(
    ['csp.admin', 'csp.am1', 'csp.director1', 'csp.finance1', 'dist.admin', 'reseller.admin', 'csp.viewer'].map(signed));
});
after(async () => { await stack?.stop(); });

test('the admin sees its customers\' orders of the last 30 days, newest first, names masked', async () => {
  const r = await admin.get('/orders/');
  assert.equal(r.status, 200);
  const want = await expected('c.partner_id = 1');
  assert.ok(want.length >= 8, `demo orders of sunrise: ${want.length}`);
  assert.deepEqual(rowIds(r.text), want);
  // the range in force is on the page
  assert.match(r.text, new RegExp(`id="q-from"[^>]*value="${daysAgo(30)}"`));
  assert.match(r.text, new RegExp(`id="q-to"[^>]*value="${daysAgo(0)}"`));
  // the database bought 60 days ago is outside the default range
  assert.ok(!rowIds(r.text).includes(await orderOf('lanhai', 'new')));
  // names masked by default: 深圳星河科技有限公司 → 深****司
  assert.match(r.text, /深\*\*\*\*司/);
  assert.doesNotMatch(r.text, /深圳星河科技有限公司/);
  assert.match(r.text, /x\*\*\*\*e/, 'account name xinghe masked');
  // another partner's orders never show
  const harbor = await expected('c.partner_id = 3');
  assert.ok(harbor.length > 0 && harbor.every((id) => !rowIds(r.text).includes(id)));
});

test('the eye shows the names in full and keeps the filters; the next-page link keeps the eye', async () => {
  const r = await admin.get('/orders/?account=xinghe');
  const eye = /<a [^>]*href="([^"]+)"[^>]*id="eye-name"/.exec(r.text)[1].replaceAll('&amp;', '&');
  assert.match(eye, /account=xinghe/);
  assert.match(eye, /show=name/);
  const shown = await admin.get(eye);
  assert.equal(shown.status, 200);
  assert.match(shown.text, /深圳星河科技有限公司/);
  assert.match(shown.text, /<span class="hint account">xinghe<\/span>/);
  const back = /<a [^>]*href="([^"]+)"[^>]*id="eye-name"/.exec(shown.text)[1].replaceAll('&amp;', '&');
  assert.doesNotMatch(back, /show=name/);
});

test('every filter narrows the list', async () => {
  const from = daysAgo(90), to = daysAgo(0);
  const range = `from=${from}&to=${to}`;
  const all = await expected('c.partner_id = 1', 90);
  assert.deepEqual(rowIds((await admin.get(`/orders/?${range}`)).text), all);
  const lanhaiNew = await orderOf('lanhai', 'new'), lanhaiUnsub = await orderOf('lanhai', 'unsubscription');
  assert.ok(all.includes(lanhaiNew), 'a 90-day range reaches the 60-day-old order');
  // a range that ends before the recent orders
  const old = rowIds((await admin.get(`/orders/?from=${daysAgo(90)}&to=${daysAgo(30)}`)).text);
  assert.ok(old.includes(lanhaiNew) && !old.includes(lanhaiUnsub));
  const q = async (extra) => rowIds((await admin.get(`/orders/?${range}&${extra}`)).text);
  const lanhai = await expected("c.account_name = 'lanhai'", 90); // with its older demo order
  assert.ok(lanhai.length === 3 && lanhai.includes(lanhaiNew) && lanhai.includes(lanhaiUnsub));
  assert.deepEqual(await q(`name=${encodeURIComponent('蓝海')}`), lanhai);
  assert.deepEqual(await q('account=lanha'), lanhai);
  assert.deepEqual(await q('product=relational_database_service'), [lanhaiUnsub, lanhaiNew]);
  const no = await one(`SELECT order_no FROM orders WHERE id = ${lanhaiNew}`);
  assert.deepEqual(await q(`order_no=${no}`), [lanhaiNew]);
  assert.deepEqual(await q('type=unsubscription'), [lanhaiUnsub]);
  assert.deepEqual(await q('status=unsubscribed'), [lanhaiNew], 'the unsubscription marked its original');
  assert.deepEqual(await q('status=cancelled'), ids(await stack.sql(
    "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.partner_id = 1 AND o.status = 'cancelled'")));
  const xinghe = Number(await one("SELECT id FROM customers WHERE account_name = 'xinghe'"));
  assert.deepEqual(await q(`customer_id=${xinghe}`), await expected(`c.id = ${xinghe}`, 90));
  assert.deepEqual(await q('type=renewal&account=xinghe'), [await orderOf('xinghe', 'renewal')]);
  // filters combine with AND: no renewal of lanhai
  assert.deepEqual(await q('type=renewal&account=lanhai'), []);
  assert.match((await admin.get(`/orders/?${range}&account=nobody`)).text, /id="no-orders"/);
});

test('bad filters: a clear message on the page and no rows', async () => {
  const bad = async (query, field, text) => {
    const r = await admin.get(`/orders/?${query}`);
    assert.equal(r.status, 400, query);
    assert.match(r.text, new RegExp(`id="e-${field}">${text}`), query);
    assert.match(r.text, /id="filter-error"/);
    assert.deepEqual(rowIds(r.text), [], query);
    assert.match(r.text, /<table id="orders"[ >]/, 'the page itself is shown');
  };
  await bad('from=2026-13-01', 'from', 'Enter a date as YYYY-MM-DD\\.');
  await bad('from=yesterday&to=2026-01-01', 'from', 'Enter a date as YYYY-MM-DD\\.');
  await bad(`from=${daysAgo(400)}&to=${daysAgo(0)}`, 'to', 'The order time range may span at most 366 days\\.');
  await bad(`from=${daysAgo(1)}&to=${daysAgo(5)}`, 'to', 'The end of the range must not be before its start\\.');
  await bad('type=gift', 'type', 'Choose one of the options\\.');
  await bad('status=paid', 'status', 'Choose one of the options\\.');
  // the largest range allowed is accepted
  assert.equal((await admin.get(`/orders/?from=${daysAgo(366)}&to=${daysAgo(0)}`)).status, 200);
  // the typed value stays in its field
  assert.match((await admin.get('/orders/?from=2026-02-30')).text, /id="q-from"[^>]*value="2026-02-30"/);
});

test('account managers see only their customers\' orders; others are 404', async () => {
  const assigned = await expected("c.account_manager_id = (SELECT id FROM users WHERE username = 'csp.am1')");
  assert.ok(assigned.length >= 3);
  assert.deepEqual(rowIds((await am.get('/orders/')).text), assigned);
  assert.deepEqual(rowIds((await director.get('/orders/')).text), assigned, 'the director sees its manager\'s');
  const lanhai = await orderOf('lanhai', 'new'); // not assigned to csp.am1
  assert.equal((await am.get(`/orders/${lanhai}`)).status, 404);
  assert.equal((await director.get(`/orders/${lanhai}`)).status, 404);
  assert.equal((await am.get(`/orders/${await orderOf('xinghe', 'new')}`)).status, 200);
  assert.deepEqual(rowIds((await am.get(`/orders/?from=${daysAgo(90)}&account=lanhai`)).text), []);
  // the finance specialist sees all of the partner's
  assert.deepEqual(rowIds((await finance.get('/orders/')).text), await expected('c.partner_id = 1'));
});

test('partner A never sees partner B\'s orders; a member without the permission gets 403', async () => {
  const harborOrder = await orderOf('harborcafe', 'new');
  const sunriseOrder = await orderOf('xinghe', 'new');
  assert.equal((await admin.get(`/orders/${harborOrder}`)).status, 404);
  assert.equal((await reseller.get(`/orders/${sunriseOrder}`)).status, 404);
  assert.equal((await reseller.get(`/orders/${harborOrder}`)).status, 200);
  assert.equal((await admin.get('/orders/999999')).status, 404);
  assert.deepEqual(rowIds((await admin.get(`/orders/resources?order_no=${await one(`SELECT order_no FROM orders WHERE id = ${harborOrder}`)}`)).text), []);
  for (const path of ['/orders/', '/orders/resources', `/orders/${sunriseOrder}`]) {
    assert.equal((await viewer.get(path)).status, 403, path);
  }
  assert.equal((await viewer.get('/customers/')).status, 200, 'the viewer may open customers');
  const anon = new Client(stack.base);
  const r = await anon.get('/orders/');
  assert.ok([302, 303].includes(r.status), 'signed out: to the login page');
});

test('a distributor: its own customers\' orders, and its resellers\' on their own masked tab', async () => {
  const own = await dist.get('/orders/');
  assert.equal(own.status, 200);
  assert.deepEqual(rowIds(own.text), await expected('c.partner_id = 2'));
  assert.match(own.text, /Resellers&#39; Customers|Resellers' Customers/);
  const res = await dist.get('/orders/?tab=resellers');
  assert.deepEqual(rowIds(res.text), await expected('c.partner_id = 3'));
  assert.match(res.text, /H\*\*\*\*p/, 'Harbor Cafe Group masked');
  assert.doesNotMatch(res.text, /Harbor Cafe Group/);
  assert.match(res.text, /<td class="reseller">H\*\*\*\*r<\/td>/, 'the reseller Harbor IT Reseller masked');
  // the reseller's order details: names masked for the distributor, in full for the reseller
  const id = await orderOf('harborcafe', 'new');
  const d = await dist.get(`/orders/${id}`);
  assert.equal(d.status, 200);
  assert.match(d.text, /id="order-customer">H\*\*\*\*p/);
  assert.match((await reseller.get(`/orders/${id}`)).text, /id="order-customer"><a href="\/customers\/\d+">Harbor Cafe Group/);
  // a solution provider has no resellers' tab: the parameter changes nothing
  assert.deepEqual(rowIds((await admin.get('/orders/?tab=resellers')).text), await expected('c.partner_id = 1'));
  assert.doesNotMatch((await admin.get('/orders/')).text, /tab=resellers/);
});

test('order details: fields, payment split, resources and transaction records', async () => {
  const id = await orderOf('xinghe', 'new');
  const r = await admin.get(`/orders/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /id="order-customer"><a href="\/customers\/\d+">深圳星河科技有限公司/);
  assert.match(r.text, /id="order-type">New purchase</);
  assert.match(r.text, /id="order-status">Completed</);
  assert.match(r.text, /id="order-paid">1,240\.00</);
  assert.match(r.text, /id="order-cash">1,140\.00 USD</);
  assert.match(r.text, /id="order-coupons">100\.00 USD</);
  const resources = /<table id="order-resources">.*?<\/table>/s.exec(r.text)[0];
  assert.equal(rowIds(resources).length, 3);
  assert.match(resources, /xinghe-web-01/);
  assert.match(resources, /xinghe-web-02/);
  assert.match(resources, /xinghe-data-01/);
  // the renewal and the change name this order as their original
  const records = /<table id="records">.*?<\/table>/s.exec(r.text)[0];
  assert.deepEqual(rowIds(records).sort(), [await orderOf('xinghe', 'renewal'), await orderOf('xinghe', 'change')].sort());
  assert.match(records, /Follow-up order/);
  assert.doesNotMatch(r.text, /id="all-records"/, 'two records: no "View all records"');
  // a third one: two are shown and "View all records" lists all three
  await stack.sql(`INSERT INTO orders (order_no, customer_id, partner_id, order_type, status, ordered_at, original_order_id) `
    + `SELECT 'CSRENEW3', customer_id, partner_id, 'renewal', 'pending_payment', UTC_TIMESTAMP(), id FROM orders WHERE id = ${id}`);
  const more = await admin.get(`/orders/${id}`);
  assert.equal(rowIds(/<table id="records">.*?<\/table>/s.exec(more.text)[0]).length, 2);
  assert.match(more.text, /id="all-records" href="\/orders\/\d+\?records=all#records">View all records</);
  const all = await admin.get(`/orders/${id}?records=all`);
  assert.equal(rowIds(/<table id="records">.*?<\/table>/s.exec(all.text)[0]).length, 3);
  assert.doesNotMatch(all.text, /id="all-records"/);
  // the unsubscription shows its original; the original shows it back
  const unsub = await admin.get(`/orders/${await orderOf('lanhai', 'unsubscription')}`);
  assert.match(unsub.text, /<td class="relation">Original order<\/td><td><a href="\/orders\/(\d+)">/);
  assert.equal(Number(/<td class="relation">Original order<\/td><td><a href="\/orders\/(\d+)">/.exec(unsub.text)[1]), await orderOf('lanhai', 'new'));
  const orig = await admin.get(`/orders/${await orderOf('lanhai', 'new')}`);
  assert.match(orig.text, /id="order-status">Unsubscribed</);
  assert.doesNotMatch(orig.text, /id="order-cash"/, 'no payment split on an unsubscribed order');
  assert.match(orig.text, /Released/, 'its database was released');
});

test('payment details in the list: only for completed orders', async () => {
  const r = await admin.get('/orders/?account=xinghe&show=name');
  const row = (id) => new RegExp(`<tr data-id="${id}">.*?</tr>`, 's').exec(r.text)[0];
  assert.match(row(await orderOf('xinghe', 'new')), /class="pay-info"[^>]*title="Cash: 1,140\.00 USD · Cash coupons: 100\.00 USD"/);
  assert.doesNotMatch(row(await orderOf('xinghe', 'change')), /pay-info/, 'processing: no split');
  assert.match(row(await orderOf('xinghe', 'change')), /<td class="status">Processing<\/td>/);
});

test('numbered pages: 50 rows a page (size=50), no row twice, none lost, ties on the time broken by id', async () => {
  // 61 orders of one customer, many at the same instant
  await stack.sql('INSERT INTO orders (order_no, customer_id, partner_id, order_type, status, ordered_at, list_amount) '
    + 'WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 60) '
    + "SELECT CONCAT('CSPAGE', LPAD(n, 3, '0')), c.id, c.partner_id, 'new', 'completed', "
    + "UTC_TIMESTAMP() - INTERVAL (n % 5) HOUR, n FROM s, customers c WHERE c.account_name = 'fabrikam'");
  const want = await expected("c.account_name = 'fabrikam'");
  assert.ok(want.length >= 61);
  const first = await admin.get('/orders/?account=fabrikam&show=name&size=50');
  const page1 = rowIds(first.text);
  assert.equal(page1.length, 50);
  assert.match(first.text, new RegExp(`id="list-range">1–50 of ${want.length}<`));
  const next = /id="next-page" href="([^"]+)"/.exec(first.text)[1].replaceAll('&amp;', '&');
  assert.match(next, /account=fabrikam/);
  assert.match(next, /show=name/);
  assert.match(next, /size=50&page=2/);
  const second = await admin.get(next);
  const page2 = rowIds(second.text);
  assert.deepEqual([...page1, ...page2], want);
  assert.doesNotMatch(second.text, /id="next-page"/);
  assert.equal((await admin.get('/orders/?after=garbage')).status, 400);
});

test('Order Resource Details: one row per resource; an order of 2 ECS and 1 EVS shows 3 rows', async () => {
  const id = await orderOf('xinghe', 'new');
  const no = await one(`SELECT order_no FROM orders WHERE id = ${id}`);
  const r = await admin.get(`/orders/resources?order_no=${no}&show=name`);
  assert.equal(r.status, 200);
  const rows = [...r.text.matchAll(/<tr data-id="\d+">(.*?)<\/tr>/gs)].map((m) => m[1]);
  assert.equal(rows.length, 3);
  for (const row of rows) assert.match(row, new RegExp(`>${no}</a>`));
  assert.equal(rows.filter((x) => /Elastic Cloud Server/.test(x)).length, 2);
  assert.equal(rows.filter((x) => /Elastic Volume Service/.test(x)).length, 1);
  assert.match(r.text, /深圳星河科技有限公司/);
  // masked without the eye
  const masked = await admin.get(`/orders/resources?order_no=${no}`);
  assert.doesNotMatch(masked.text, /深圳星河科技有限公司/);
  assert.match(masked.text, /深\*\*\*\*司/);
  // every resource of the partner's orders in the range, and the product filter names the resource's product
  const want = ids(await stack.sql('SELECT r.id FROM resources r JOIN orders o ON o.id = r.order_id '
    + 'JOIN customers c ON c.id = o.customer_id WHERE c.partner_id = 1 AND o.ordered_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY ORDER BY r.id DESC'));
  assert.deepEqual(rowIds((await admin.get('/orders/resources')).text), want);
  const evs = rowIds((await admin.get('/orders/resources?product=elastic_volume_service')).text);
  assert.equal(evs.length, 1);
  // the account manager: its customers' only; the distributor: the reseller tab masked
  assert.deepEqual(rowIds((await am.get(`/orders/resources?order_no=${no}`)).text).length, 3);
  assert.deepEqual(rowIds((await am.get('/orders/resources?account=lanhai&from=' + daysAgo(90))).text), []);
  assert.ok(rowIds((await admin.get('/orders/resources?account=lanhai&from=' + daysAgo(90))).text).length === 1);
  const dr = await dist.get('/orders/resources?tab=resellers');
  assert.equal(rowIds(dr.text).length, 3, 'harbor: ECS + EIP, DCS; nothing for the pending renewal');
  assert.doesNotMatch(dr.text, /Harbor Cafe Group/);
  assert.equal((await admin.get('/orders/resources?from=bad')).status, 400);
});

test('exports: Export Selected and Export All create tasks with the filters; refused for a non-admin', async () => {
  await admin.get('/orders/?account=xinghe');
  const r = await admin.post('/orders/export', { scope: 'selected', format: 'xlsx', account: 'xinghe', from: daysAgo(10), to: daysAgo(0), show: 'name' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/exports/?msg=export_created');
  const [task] = await stack.sql("SELECT kind, format, filters, status, name FROM export_tasks ORDER BY id DESC LIMIT 1");
  assert.deepEqual(task.slice(0, 2), ['orders', 'xlsx']);
  assert.equal(task[2], `from=${daysAgo(10)}&to=${daysAgo(0)}&account=xinghe&`);
  assert.equal(task[3], 'queued');
  assert.equal(task[4], 'Customer orders');
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'orders.export'"), '1');
  await admin.get('/orders/');
  const all = await admin.post('/orders/export', { scope: 'all', format: 'csv', account: 'xinghe' });
  assert.equal(all.status, 303);
  const [t2] = await stack.sql("SELECT kind, format, filters FROM export_tasks ORDER BY id DESC LIMIT 1");
  assert.deepEqual(t2, ['orders', 'csv', `from=${daysAgo(366)}&to=${daysAgo(0)}&`]);
  await admin.get('/orders/resources');
  const res = await admin.post('/orders/resources/export', { scope: 'selected', format: 'csv', product: 'elastic_volume_service' });
  assert.equal(res.status, 303);
  const [t3] = await stack.sql("SELECT kind, filters FROM export_tasks ORDER BY id DESC LIMIT 1");
  assert.equal(t3[0], 'order_resources');
  assert.match(t3[1], /product=elastic_volume_service&$/);
  // the history lists them
  assert.match((await admin.get('/exports/')).text, /Order resource details/);
  // distributor: the tab goes with Export All
  await dist.get('/orders/?tab=resellers');
  assert.equal((await dist.post('/orders/export', { scope: 'all', format: 'csv', tab: 'resellers' })).status, 303);
  assert.match(await one('SELECT filters FROM export_tasks ORDER BY id DESC LIMIT 1'), /tab=resellers&$/);
  const before = await one('SELECT COUNT(*) FROM export_tasks');
  // bad inputs: nothing created
  await admin.get('/orders/');
  assert.equal((await admin.post('/orders/export', { scope: 'selected', format: 'pdf' })).status, 400);
  assert.equal((await admin.post('/orders/export', { scope: 'selected', format: 'csv', from: daysAgo(500) })).status, 400);
  assert.equal((await admin.post('/orders/export', { format: 'csv' })).status, 400);
  // not an admin: no export button and 403
  for (const c of [am, finance, director]) {
    const page = await c.get('/orders/');
    assert.doesNotMatch(page.text, /id="export-all"/);
    assert.equal((await c.post('/orders/export', { scope: 'all', format: 'csv' })).status, 403);
    assert.equal((await c.post('/orders/resources/export', { scope: 'all', format: 'csv' })).status, 403);
  }
  assert.match((await admin.get('/orders/')).text, /id="export-all"/);
  assert.equal(await one('SELECT COUNT(*) FROM export_tasks'), before);
});

test('the customer detail page links to the customer\'s orders and resources', async () => {
  const xinghe = Number(await one("SELECT id FROM customers WHERE account_name = 'xinghe'"));
  const o = await admin.get(`/customers/${xinghe}`);
  assert.equal(o.status, 200);
  const all = /<a [^>]*id="orders-all-link" href="([^"]+)"/.exec(o.text)[1].replaceAll('&amp;', '&');
  assert.match(all, new RegExp(`^/orders/\\?customer_id=${xinghe}&from=`));
  const list = await admin.get(all);
  assert.deepEqual(rowIds(list.text), await expected(`c.id = ${xinghe}`, 366));
  assert.equal(rowIds(list.text).length, Number(/id="orders-all">(\d+)</.exec(o.text)[1]));
  const unpaid = /<a [^>]*id="orders-unpaid-link" href="([^"]+)"/.exec(o.text)[1].replaceAll('&amp;', '&');
  assert.match(unpaid, /status=pending_payment/);
  assert.equal(rowIds((await admin.get(unpaid)).text).length, Number(/id="orders-unpaid">(\d+)</.exec(o.text)[1]));
  const res = await admin.get(`/customers/${xinghe}?tab=resources`);
  const link = /<a [^>]*id="order-resources-link" href="([^"]+)"/.exec(res.text)[1].replaceAll('&amp;', '&');
  assert.match(link, new RegExp(`^/orders/resources\\?customer_id=${xinghe}`));
  assert.equal(rowIds((await admin.get(link)).text).length, 3);
  // the order numbers of resources created by orders open the order
  const orderLinks = [...res.text.matchAll(/<a class="order-link" href="\/orders\/(\d+)">/g)].map((m) => Number(m[1]));
  assert.deepEqual(orderLinks, [await orderOf('xinghe', 'new'), await orderOf('xinghe', 'new'), await orderOf('xinghe', 'new')]);
  // a member without order.view gets no links
  assert.doesNotMatch((await viewer.get(`/customers/${xinghe}`)).text, /orders-all-link/);
});

test('hostile values are escaped on every page: customer names, filters, resource names', async () => {
  const evil = '</title><script>alert(1)</script>';
  await stack.sql(`UPDATE customers SET name = '${evil}' WHERE account_name = 'xinghe'`);
  await stack.sql(`UPDATE resources SET name = '${evil}' WHERE name = 'xinghe-web-01'`);
  const id = await orderOf('xinghe', 'new');
  const pages = [
    `/orders/?account=xinghe&show=name`,
    `/orders/?name=${encodeURIComponent(evil)}`,
    `/orders/?order_no=${encodeURIComponent(evil)}&from=${encodeURIComponent(evil)}`,
    `/orders/${id}`,
    `/orders/resources?account=xinghe&show=name`,
  ];
  for (const path of pages) {
    const r = await admin.get(path);
    assert.ok([200, 400].includes(r.status), path);
    assert.ok(!r.text.includes('<script>alert(1)'), path);
  }
  assert.match((await admin.get(`/orders/${id}`)).text, /&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('a range refused for its length keeps both dates in their fields', async () => {
  const r = await admin.get(`/orders/?from=${daysAgo(400)}`);
  assert.equal(r.status, 400);
  assert.match(r.text, new RegExp(`id="q-from"[^>]*value="${daysAgo(400)}"`));
  assert.match(r.text, new RegExp(`id="q-to"[^>]*value="${daysAgo(0)}"`));
});
