// Customer orders and resources through the partner API (issue 7,
// partner-api.md §5.4, §5.5): list_customer_orders, show_customer_order_details,
// show_refund_order_details, list_customer_on_demand_resources,
// list_pay_per_use_customer_resources — the rows and scope of Customer Orders
// and of the customers' resources, exact JSON shapes and types against the
// demo data, filters and paging, who must not, bad inputs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, DEMO_KEYS, asUser, assertApiError } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp, dist;
const ORDERS = '/v2/orders/customer-orders';
const DETAILS = '/v2/orders/customer-orders/details/';
const REFUND = '/v2/orders/customer-orders/refund-orders';
const ON_DEMAND = '/v2/partners/sub-customers/on-demand-resources/query';
const SUBSCRIPTIONS = '/v2/orders/suscriptions/resources/query';

before(async () => {
  stack = await startStack();
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  dist = new ApiClient(stack.base, DEMO_KEYS.dist);
});
after(async () => { await stack?.stop(); });

const one = async (q) => (await stack.sql(q))[0]; // the first row
const id = async (account) => (await one(`SELECT id FROM customers WHERE account_name = '${account}'`))[0];
const partner = async (account) => (await one(`SELECT id FROM partners WHERE account_name = '${account}'`))[0];
const utc = (dt) => `${dt.replace(' ', 'T')}Z`;



/** The JSON types of CustomerOrderV2 / V3. */
function assertOrderTypes(o) {
  for (const k of ['order_id', 'customer_id', 'currency', 'create_time']) assert.equal(typeof o[k], 'string', k);
  for (const k of ['source_type', 'status', 'order_type', 'measure_id']) assert.ok(Number.isInteger(o[k]), k);
  for (const k of ['amount_after_discount', 'official_amount']) assert.equal(typeof o[k], 'number', k);
  assert.equal(typeof o.amount_info.coupon_amount, 'number');
  assert.match(o.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  if ('payment_time' in o) assert.match(o.payment_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
}

/** The order of account's order of `type` as the API must show it (from the rows, by hand). */
async function orderRow(account, type) {
  return one('SELECT o.order_no, o.customer_id, o.ordered_at, IFNULL(o.paid_at, \'\'), o.id FROM orders o '
    + `JOIN customers c ON c.id = o.customer_id WHERE c.account_name = '${account}' AND o.order_type = '${type}' `
    + 'AND o.product_id IS NOT NULL ORDER BY o.id LIMIT 1');
}

test('list_customer_orders: the partner\'s customers\' orders, newest first, exact shape and types', async () => {
  const r = await csp.get(ORDERS, { limit: 100 });
  assert.equal(r.status, 200, r.text);
  const expected = await one('SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id '
    + `WHERE c.partner_id = ${await partner('sunrise')}`);
  assert.equal(r.json.total_count, Number(expected[0]));
  assert.equal(r.json.order_infos.length, r.json.total_count);
  r.json.order_infos.forEach(assertOrderTypes);
  const times = r.json.order_infos.map((o) => o.create_time);
  assert.deepEqual(times, [...times].sort().reverse());
  // the purchase of two ECS and one EVS of 星河: 1,240.00 list, 1,140.00 cash and 100.00 coupons
  const [no, cust, at, paid] = await orderRow('xinghe', 'new');
  const o = r.json.order_infos.find((x) => x.order_id === no);
  assert.deepEqual(o, {
    order_id: no, customer_id: cust, service_type_code: 'elastic_cloud_server', service_type_name: 'Elastic Cloud Server',
    source_type: 1, status: 5, order_type: 1, amount_after_discount: 1240, official_amount: 1240, measure_id: 1,
    amount_info: { coupon_amount: 100 }, create_time: utc(at), payment_time: utc(paid), currency: 'USD', sub_order_infos: [],
  });
  // the change placed by the partner on the customer's behalf is source 2, processing 3
  const [chg] = await orderRow('xinghe', 'change');
  assert.deepEqual((({ source_type, status, order_type }) => ({ source_type, status, order_type }))(
    r.json.order_infos.find((x) => x.order_id === chg)), { source_type: 2, status: 3, order_type: 3 });
  // the unsubscription gives money back: negative amounts with their decimals
  const [unsub] = await orderRow('lanhai', 'unsubscription');
  const u = r.json.order_infos.find((x) => x.order_id === unsub);
  assert.equal(u.amount_after_discount, -500);
  assert.equal(u.official_amount, -500);
  assert.equal(u.order_type, 4);
  // an order awaiting payment is worth its price; it has no payment time
  const [pending] = await orderRow('fabrikam', 'new');
  const w = r.json.order_infos.find((x) => x.order_id === pending);
  assert.deepEqual([w.status, w.amount_after_discount, w.official_amount, 'payment_time' in w], [6, 99, 99, false]);
  // an amount with cents keeps them on the wire
  assert.match(r.text, /"official_amount":0\.46/);
});

test('list_customer_orders: an order awaiting payment whose price a referral partner adjusted (S11) is worth that price', async () => {
  const [pending] = await orderRow('fabrikam', 'new');
  await stack.sql(`UPDATE orders SET adjusted_amount = 8012345678 WHERE order_no = '${pending}'`);
  try {
    const r = await csp.get(ORDERS, { limit: 100 });
    const w = r.json.order_infos.find((x) => x.order_id === pending);
    assert.deepEqual([w.amount_after_discount, w.official_amount], [80.12345678, 99]);
  } finally {
    await stack.sql(`UPDATE orders SET adjusted_amount = NULL WHERE order_no = '${pending}'`);
  }
});

test('list_customer_orders: filters and offset paging', async () => {
  const xinghe = String(await id('xinghe'));
  const mine = await csp.get(ORDERS, { customer_id: xinghe });
  assert.equal(mine.json.total_count, 4); // 3 of demo_orders and one of demo_customers
  assert.ok(mine.json.order_infos.every((o) => o.customer_id === xinghe));
  const renewals = await csp.get(ORDERS, { customer_id: xinghe, order_type: '2' });
  assert.deepEqual(renewals.json.order_infos.map((o) => o.order_type), [2]);
  const asc = await csp.get(ORDERS, { customer_id: xinghe, order_by: 'createTime' });
  const times = asc.json.order_infos.map((o) => o.create_time);
  assert.deepEqual(times, [...times].sort());
  const page = await csp.get(ORDERS, { customer_id: xinghe, order_by: 'createTime', offset: 1, limit: 2 });
  assert.equal(page.json.total_count, 4);
  assert.deepEqual(page.json.order_infos.map((o) => o.order_id), asc.json.order_infos.slice(1, 3).map((o) => o.order_id));
  // status 5 (completed) also holds the order whose resources were unsubscribed
  const [original] = await orderRow('lanhai', 'new');
  const done = await csp.get(ORDERS, { customer_id: String(await id('lanhai')), status: 5 });
  assert.ok(done.json.order_infos.some((o) => o.order_id === original));
  assert.ok(done.json.order_infos.every((o) => o.status === 5));
  // codes we never hold match nothing
  assert.equal((await csp.get(ORDERS, { status: 9 })).json.total_count, 0);
  assert.equal((await csp.get(ORDERS, { order_type: '13' })).json.total_count, 0);
  assert.equal((await csp.get(ORDERS, { customer_id: xinghe, method: 'sub_customer' })).json.total_count, 0);
  // one order by its number; by product; by creation and payment windows (inclusive)
  const [no, , at, paid] = await orderRow('xinghe', 'new');
  assert.deepEqual((await csp.get(ORDERS, { order_id: no })).json.order_infos.map((o) => o.order_id), [no]);
  const ecs = await csp.get(ORDERS, { service_type_code: 'elastic_cloud_server', limit: 100 });
  assert.ok(ecs.json.total_count >= 3 && ecs.json.order_infos.every((o) => o.service_type_code === 'elastic_cloud_server'));
  const exact = await csp.get(ORDERS, { create_time_begin: utc(at), create_time_end: utc(at) });
  assert.deepEqual(exact.json.order_infos.map((o) => o.order_id), [no]);
  const byPaid = await csp.get(ORDERS, { payment_time_begin: utc(paid), payment_time_end: utc(paid) });
  assert.deepEqual(byPaid.json.order_infos.map((o) => o.order_id), [no]);
});

test('show_customer_order_details: the order and its single line item (what it created)', async () => {
  const [no, cust, at, paid, oid] = await orderRow('xinghe', 'new');
  const res = await one(`SELECT MIN(effective_at), MAX(expires_at), COUNT(*), MIN(spec) FROM resources WHERE order_id = ${oid}`);
  const r = await csp.get(`${DETAILS}${no}`, {}, { headers: { 'X-Language': 'en_US' } });
  assert.equal(r.status, 200, r.text);
  const amounts = { amount_after_discount: 1240, official_amount: 1240, amount_info: { coupon_amount: 100 }, currency: 'USD' };
  assert.deepEqual(r.json, {
    order_info: {
      order_id: no, customer_id: cust, service_type_code: 'elastic_cloud_server', service_type_name: 'Elastic Cloud Server',
      source_type: 1, status: 5, order_type: 1, measure_id: 1, create_time: utc(at), payment_time: utc(paid),
      sub_order_infos: [], user_name: 'xinghe', ...amounts,
    },
    total_count: 1,
    order_line_items: [{
      order_line_item_id: no, service_type_code: 'elastic_cloud_server', service_type_name: 'Elastic Cloud Server',
      product_spec_desc: res[3], effective_time: utc(res[0]), expire_time: utc(res[1]), subscription_num: Number(res[2]),
      product_owner_service: 'elastic_cloud_server', ...amounts,
      base_product_info: { product_spec_desc: res[3], product_owner_service: 'elastic_cloud_server' }, order_id: no,
    }],
  });
  assert.equal(res[2], '3');
  assertOrderTypes(r.json.order_info);
  // the next page of line items is empty
  const next = await csp.get(`${DETAILS}${no}`, { offset: 1 });
  assert.deepEqual(next.json.order_line_items, []);
  assert.equal(next.json.total_count, 1);
  // placed on the customer's behalf: the member's login name
  const [chg] = await orderRow('xinghe', 'change');
  assert.equal((await csp.get(`${DETAILS}${chg}`)).json.order_info.user_name, 'csp.admin');
});

test('show_refund_order_details: an unsubscription\'s refund and its original order; other orders refused', async () => {
  const [unsub, cust] = await orderRow('lanhai', 'unsubscription');
  const [original] = await orderRow('lanhai', 'new');
  const r = await csp.get(REFUND, { order_id: unsub, customer_id: cust });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {
    total_count: 1,
    refund_infos: [{
      id: unsub, amount: -500, measure_id: '1', customer_id: cust, service_type_code: 'relational_database_service',
      service_type_name: 'Relational Database Service', region_code: 'ap-southeast-1', base_order_id: original,
    }],
  });
  assertApiError(await csp.get(REFUND, { order_id: original }), 400, 'CBC.99005026');
  assertApiError(await csp.get(REFUND, {}), 400, 'CBC.0100', 'order_id');
  // the customer named must be the order's
  assertApiError(await csp.get(REFUND, { order_id: unsub, customer_id: String(await id('xinghe')) }), 403, 'CBC.0151');
});

test('list_customer_on_demand_resources: a customer\'s pay-per-use resources, filters', async () => {
  const wide = String(await id('wideworld'));
  const r = await dist.post(ON_DEMAND, { customer_id: wide });
  assert.equal(r.status, 200, r.text);
  const rows = await stack.sql('SELECT IFNULL(resource_key, id), name, region, effective_at, expires_at FROM resources '
    + `WHERE customer_id = ${wide} AND billing_mode = 'pay_per_use' ORDER BY id DESC`);
  assert.equal(r.json.total_count, rows.length);
  assert.ok(rows.length >= 2);
  assert.deepEqual(r.json.resources.map((x) => x.resource_id), rows.map((x) => x[0]));
  const ecs = r.json.resources.find((x) => x.resource_id === 'wideworld-ecs-05');
  assert.deepEqual(ecs, {
    customer_id: wide, resource_id: 'wideworld-ecs-05', resource_name: rows.find((x) => x[0] === 'wideworld-ecs-05')[1],
    region_code: 'ap-southeast-3', service_type_code: 'elastic_cloud_server', service_type_name: 'Elastic Cloud Server',
    product_spec_desc: 's6.large.2 | 2 vCPUs | 4 GiB', effective_time: utc(rows.find((x) => x[0] === 'wideworld-ecs-05')[3]),
    status: 1,
  });
  for (const x of r.json.resources) assert.ok(Number.isInteger(x.status));
  const some = await dist.post(ON_DEMAND, { customer_id: wide, resource_ids: ['wideworld-evs-01', 'nope'] });
  assert.deepEqual(some.json.resources.map((x) => x.resource_id), ['wideworld-evs-01']);
  assert.equal(some.json.total_count, 1);
  assert.equal((await dist.post(ON_DEMAND, { customer_id: wide, status: 3 })).json.total_count, 0);
  assert.equal((await dist.post(ON_DEMAND, { customer_id: wide, region_code: 'cn-north-4' })).json.total_count, 0);
  const paged = await dist.post(ON_DEMAND, { customer_id: wide, offset: 1, limit: 1 });
  assert.deepEqual(paged.json.resources.map((x) => x.resource_id), [rows[1][0]]);
  // frozen resources are status 3
  await stack.sql(`UPDATE resources SET status = 'frozen' WHERE resource_key = 'wideworld-evs-01'`);
  try {
    const frozen = await dist.post(ON_DEMAND, { customer_id: wide, status: 3 });
    assert.deepEqual(frozen.json.resources.map((x) => [x.resource_id, x.status]), [['wideworld-evs-01', 3]]);
  } finally {
    await stack.sql(`UPDATE resources SET status = 'running' WHERE resource_key = 'wideworld-evs-01'`);
  }
});

test('list_pay_per_use_customer_resources: a customer\'s yearly/monthly resources, filters', async () => {
  const xinghe = String(await id('xinghe'));
  const r = await csp.post(SUBSCRIPTIONS, { customer_id: xinghe, limit: 100 });
  assert.equal(r.status, 200, r.text);
  const rows = await stack.sql('SELECT id, IFNULL(resource_key, id), expires_at FROM resources '
    + `WHERE customer_id = ${xinghe} AND billing_mode = 'yearly_monthly' ORDER BY id DESC`);
  assert.equal(r.json.total_count, rows.length);
  assert.deepEqual(r.json.data.map((x) => [x.id, x.resource_id]), rows.map((x) => [x[0], x[1]]));
  for (const x of r.json.data) {
    assert.ok(Number.isInteger(x.status) && Number.isInteger(x.is_main_resource));
    assert.equal(typeof x.id, 'string');
    assert.equal(x.expire_time, utc(rows.find((y) => y[0] === x.id)[2]));
  }
  const [no] = await orderRow('xinghe', 'new');
  const ofOrder = await csp.post(SUBSCRIPTIONS, { customer_id: xinghe, order_id: no });
  assert.equal(ofOrder.json.total_count, 3);
  assert.ok(ofOrder.json.data.every((x) => x.service_type_code === 'elastic_cloud_server' || x.service_type_code === 'elastic_volume_service'));
  const evs = await csp.post(SUBSCRIPTIONS, { customer_id: xinghe, service_type_code: 'elastic_volume_service' });
  assert.deepEqual(evs.json.data.map((x) => x.resource_name), ['xinghe-data-01']);
  // the released database of 上海蓝海 is status 3 (closed)
  const lanhai = String(await id('lanhai'));
  const closed = await csp.post(SUBSCRIPTIONS, { customer_id: lanhai, status_list: [3] });
  assert.deepEqual(closed.json.data.map((x) => [x.resource_name, x.status]), [['lanhai-mysql-01', 3]]);
  // without customer_id: every customer of the partner
  const all = await csp.post(SUBSCRIPTIONS, { limit: 1 });
  const count = await one('SELECT COUNT(*) FROM resources r JOIN customers c ON c.id = r.customer_id '
    + `WHERE c.partner_id = ${await partner('sunrise')} AND r.billing_mode = 'yearly_monthly'`);
  assert.equal(all.json.total_count, Number(count[0]));
});

test('who must not: another partner\'s customer or order 403 CBC.0151, a foreign reseller 400 CBC.99000037, the distributor and its reseller', async () => {
  const wide = String(await id('wideworld')), cafe = String(await id('harborcafe'));
  const [cafeOrder] = await orderRow('harborcafe', 'new');
  const [sunriseOrder] = await orderRow('xinghe', 'new');
  assertApiError(await csp.get(ORDERS, { customer_id: wide }), 403, 'CBC.0151');
  assertApiError(await csp.get(`${DETAILS}${cafeOrder}`), 403, 'CBC.0151');
  assertApiError(await csp.get(`${DETAILS}NO-SUCH-ORDER`), 403, 'CBC.0151');
  assertApiError(await csp.get(REFUND, { order_id: cafeOrder }), 403, 'CBC.0151');
  assertApiError(await csp.post(ON_DEMAND, { customer_id: wide }), 403, 'CBC.0151');
  assertApiError(await csp.post(SUBSCRIPTIONS, { customer_id: wide }), 403, 'CBC.0151');
  // the distributor: its own customers by default, a reseller's with indirect_partner_id
  const own = await dist.get(ORDERS, { limit: 100 });
  const ownIds = new Set([String(await id('wideworld')), String(await id('changcheng'))]);
  assert.ok(own.json.total_count > 0 && own.json.order_infos.every((o) => ownIds.has(o.customer_id)));
  assertApiError(await dist.get(`${DETAILS}${cafeOrder}`), 403, 'CBC.0151');
  const harbor = await partner('harbor'), sunrise = await partner('sunrise');
  const resold = await dist.get(ORDERS, { indirect_partner_id: harbor, limit: 100 });
  const harborCount = await one(`SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id WHERE c.partner_id = ${harbor}`);
  assert.equal(resold.json.total_count, Number(harborCount[0]));
  const detail = await dist.get(`${DETAILS}${cafeOrder}`, { indirect_partner_id: harbor });
  assert.equal(detail.status, 200, detail.text);
  assert.notEqual(detail.json.order_info.user_name, 'harborcafe', 'a reseller\'s customer is masked for the distributor');
  assert.equal((await dist.post(ON_DEMAND, { customer_id: cafe, indirect_partner_id: harbor })).status, 200);
  for (const r of [
    await dist.get(ORDERS, { indirect_partner_id: sunrise }),
    await dist.get(`${DETAILS}${sunriseOrder}`, { indirect_partner_id: sunrise }),
    await dist.get(REFUND, { order_id: sunriseOrder, indirect_partner_id: sunrise }),
    await dist.post(ON_DEMAND, { customer_id: cafe, indirect_partner_id: sunrise }),
  ]) assertApiError(r, 400, 'CBC.99000037');
});

test('an account manager\'s key sees the orders and resources of its assigned customers only', async () => {
  const assigned = new Set(['blueocean', 'northwind', 'xinghe', 'contoso']);
  const ids = new Map();
  for (const a of [...assigned, 'lanhai']) ids.set(a, String(await id(a)));
  await asUser(stack, DEMO_KEYS.csp.ak, 'csp.am1', async () => {
    const r = await csp.get(ORDERS, { limit: 100 });
    assert.equal(r.status, 200, r.text);
    const mine = new Set([...assigned].map((a) => ids.get(a)));
    assert.ok(r.json.total_count > 0 && r.json.order_infos.every((o) => mine.has(o.customer_id)));
    const [lanhaiOrder] = await orderRow('lanhai', 'new');
    assertApiError(await csp.get(`${DETAILS}${lanhaiOrder}`), 403, 'CBC.0151');
    assertApiError(await csp.get(ORDERS, { customer_id: ids.get('lanhai') }), 403, 'CBC.0151');
    assertApiError(await csp.post(SUBSCRIPTIONS, { customer_id: ids.get('lanhai') }), 403, 'CBC.0151');
    assert.equal((await csp.post(SUBSCRIPTIONS, { customer_id: ids.get('xinghe') })).status, 200);
  });
  // a member without order.view (finance) may not read orders
  await asUser(stack, DEMO_KEYS.csp.ak, 'csp.finance1', async () => {
    const perms = await one("SELECT COUNT(*) FROM member_roles mr JOIN role_permissions rp ON rp.role_id = mr.role_id JOIN users u ON u.id = mr.user_id WHERE u.username = 'csp.finance1' AND rp.perm_code = 'order.view'");
    if (perms[0] === '0') assertApiError(await csp.get(ORDERS), 403, 'CBC.0151');
  });
});

test('bad inputs: 400 CBC.0100 naming the field', async () => {
  const c = String(await id('xinghe'));
  const bad = [
    [{ limit: 0 }, 'limit'], [{ limit: 101 }, 'limit'], [{ offset: -1 }, 'offset'], [{ status: 7 }, 'status'],
    [{ status: 'x' }, 'status'], [{ order_type: '9' }, 'order_type'], [{ order_by: 'name' }, 'order_by'],
    [{ create_time_begin: '2026-11-01' }, 'create_time_begin'], [{ create_time_end: '2026-13-01T00:00:00Z' }, 'create_time_end'],
    [{ payment_time_begin: 'yesterday' }, 'payment_time_begin'], [{ method: 'all' }, 'method'],
    [{ customer_id: 'x'.repeat(65) }, 'customer_id'],
  ];
  for (const [query, field] of bad) assertApiError(await csp.get(ORDERS, query), 400, 'CBC.0100', field);
  assertApiError(await csp.get(`${DETAILS}${'x'.repeat(65)}`), 400, 'CBC.0100', 'order_id');
  assertApiError(await csp.post(ON_DEMAND, {}), 400, 'CBC.0100', 'customer_id');
  assertApiError(await csp.post(ON_DEMAND, { customer_id: c, resource_ids: Array.from({ length: 51 }, (_, i) => `r${i}`) }), 400, 'CBC.0100', 'resource_ids');
  assertApiError(await csp.post(ON_DEMAND, { customer_id: c, status: 7 }), 400, 'CBC.0100', 'status');
  assertApiError(await csp.post(ON_DEMAND, { customer_id: c, effective_time_begin: '2026-01-01 00:00:00' }), 400, 'CBC.0100', 'effective_time_begin');
  assertApiError(await csp.post(ON_DEMAND, { customer_id: c, limit: '10' }), 400, 'CBC.0100', 'limit');
  assertApiError(await csp.post(SUBSCRIPTIONS, { customer_id: c, service_type_code: '' }), 400, 'CBC.0100', 'service_type_code');
  assertApiError(await csp.post(SUBSCRIPTIONS, { customer_id: c, status_list: [1] }), 400, 'CBC.0100', 'status_list');
  assertApiError(await csp.post(SUBSCRIPTIONS, { customer_id: c, status_list: '2' }), 400, 'CBC.0100', 'status_list');
  assertApiError(await csp.post(SUBSCRIPTIONS, { only_main_resource: 2 }), 400, 'CBC.0100', 'only_main_resource');
  assertApiError(await csp.post(SUBSCRIPTIONS, '[1]'), 400, 'CBC.0100');
});

test('a customer\'s own key: its own orders and yearly/monthly resources only; partner operations refused', async () => {
  const blue = String(await id('blueocean')), other = String(await id('northwind'));
  const [otherOrder] = await orderRow('xinghe', 'new');
  await asUser(stack, DEMO_KEYS.csp.ak, 'customer1', async () => {
    const r = await csp.get(ORDERS, { limit: 100 });
    assert.equal(r.status, 200, r.text);
    const count = await one(`SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id WHERE c.id = ${blue}`);
    assert.equal(r.json.total_count, Number(count[0]));
    assert.ok(r.json.total_count > 0 && r.json.order_infos.every((o) => o.customer_id === blue));
    const mine = r.json.order_infos[0].order_id;
    const d = await csp.get(`${DETAILS}${mine}`);
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.order_info.user_name, 'blueocean', 'its own account name, unmasked');
    assertApiError(await csp.get(ORDERS, { customer_id: other }), 403, 'CBC.0151');
    assertApiError(await csp.get(`${DETAILS}${otherOrder}`), 403, 'CBC.0151');
    const res = await csp.post(SUBSCRIPTIONS, {});
    const n = await one(`SELECT COUNT(*) FROM resources WHERE customer_id = ${blue} AND billing_mode = 'yearly_monthly'`);
    assert.equal(res.json.total_count, Number(n[0]));
    assertApiError(await csp.post(SUBSCRIPTIONS, { customer_id: other }), 403, 'CBC.0151');
    assertApiError(await csp.post(ON_DEMAND, { customer_id: blue }), 403, 'CBC.0151');
    assertApiError(await csp.get('/v2/partners/sub-customers/budget', { customer_id: blue }), 403, 'CBC.0151');
  });
});
