// The partner API driven by the vendor's own SDK core, unchanged
// (@huaweicloud/huaweicloud-sdk-core 3.1.211, the version the contract was
// taken from; partner-api.md Appendix B): its GlobalCredentials, its signer
// and its HTTP client, pointed at our endpoint.  The service package
// (bssintl) is not on the npm registry, so each operation is sent the way a
// generated service client sends it (HcClient.sendRequest with the method,
// path, query, path parameters and body of the contract).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import core from '@huaweicloud/huaweicloud-sdk-core';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import { Client } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { DEMO_KEYS } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

const { GlobalCredentials } = core;
let stack;

before(async () => {
  stack = await startStack();
});
after(async () => { await stack?.stop(); });

/** A client as the SDK builds one: GlobalCredentials and an explicit endpoint (§4.6). */
function vendorClient(ak, sk) {
  class Bss {
    constructor(hc) { this.hc = hc; }
    call(method, url, { query = {}, path = {}, data } = {}) {
      return this.hc.sendRequest({ method, url, contentType: 'application/json', queryParams: query, pathParams: path, headers: {}, data });
    }
  }
  const credentials = new GlobalCredentials().withAk(ak).withSk(sk);
  return new ClientBuilder((hc) => new Bss(hc)).withCredential(credentials).withEndpoint(stack.base).build();
}
const csp = () => vendorClient(DEMO_KEYS.csp.ak, DEMO_KEYS.csp.sk);
const one = async (sql) => (await stack.sql(sql))[0]?.[0];

/** The SDK's exception for a refused call: status, error_code and error_msg as it parsed them. */
async function refusal(promise) {
  try {
    await promise;
  } catch (e) {
    return { status: Number(e.httpStatusCode), code: e.errorCode, msg: e.errorMsg };
  }
  assert.fail('the call was expected to be refused');
}

test('POST list_sub_customers: the SDK signs, we verify, it parses the customers', async () => {
  const r = await csp().call('POST', '/v2/partners/sub-customers/query', { data: { offset: 0, limit: 100 } });
  assert.equal(r.httpStatusCode, 200);
  const partner = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
  assert.equal(r.count, Number(await one(`SELECT COUNT(*) FROM customers WHERE partner_id = ${partner}`)));
  const blue = r.customer_infos.find((c) => c.account_name === 'blueocean');
  assert.equal(blue.customer, 'Blue Ocean Retail');
  assert.equal(typeof blue.is_frozen, 'number');
});

test('GET with a query: show_sub_customer_budget', async () => {
  const id = await one("SELECT id FROM customers WHERE account_name = 'blueocean'");
  const r = await csp().call('GET', '/v2/partners/sub-customers/budget', { query: { customer_id: id } });
  assert.equal(r.httpStatusCode, 200);
  assert.equal(r.currency, 'USD');
  assert.equal(r.budget_amount, Number(await one(`SELECT amount FROM budgets WHERE customer_id = ${id}`)) / 1e8);
});

test('an encoded query value (space, slash, non-ASCII) is signed alike: the answer is the business refusal, not a signature failure', async () => {
  const id = await one("SELECT id FROM customers WHERE account_name = 'blueocean'");
  const dist = vendorClient(DEMO_KEYS.dist.ak, DEMO_KEYS.dist.sk);
  const r = await refusal(dist.call('GET', '/v2/partners/sub-customers/budget', { query: { customer_id: id, indirect_partner_id: 'r 1/ü' } }));
  assert.deepEqual([r.status, r.code], [400, 'CBC.99000037']);
});

// The Node SDK puts path parameters into the path as they are (the Python SDK percent-encodes
// them, which tests/http/api_core.test.mjs covers with a "/" inside): a space and non-ASCII
// letters here, which its HTTP client encodes and its signer encodes again (lib/base/aksk.h).
test('a path parameter holding a space and non-ASCII letters reaches the operation (signature accepted)', async () => {
  const r = await refusal(csp().call('GET', '/v2/orders/customer-orders/details/{order_id}', { path: { order_id: 'CS no ü' } }));
  assert.notEqual(r.status, 401, JSON.stringify(r));
  assert.match(r.code, /^CBC\./);
});

test('POST with non-ASCII JSON: freeze and unfreeze a customer, each once', async () => {
  const id = await one("SELECT id FROM customers WHERE account_name = 'fabrikam'");
  const client = csp();
  const frozen = await client.call('POST', '/v2/partners/sub-customers/freeze', { data: { customer_ids: [id], reason: '逾期未付 — überfällig', freeze_type: 'ACCOUNT' } });
  assert.equal(frozen.httpStatusCode, 200);
  assert.equal(frozen.error_details, undefined, JSON.stringify(frozen));
  assert.equal(await one(`SELECT freeze_state FROM customers WHERE id = ${id}`), 'account');
  assert.equal(await one(`SELECT reason FROM freeze_records WHERE customer_id = ${id} ORDER BY id DESC LIMIT 1`), '逾期未付 — überfällig');
  const thawed = await client.call('POST', '/v2/partners/sub-customers/unfreeze', { data: { customer_ids: [id], reason: 'paid' } });
  assert.equal(thawed.httpStatusCode, 200);
  assert.equal(await one(`SELECT freeze_state FROM customers WHERE id = ${id}`), 'normal');
});

test('a wrong secret or an unknown key: the SDK raises the 401 with the gateway code', async () => {
  const wrong = await refusal(vendorClient(DEMO_KEYS.csp.ak, 'not-the-secret').call('POST', '/v2/partners/sub-customers/query', { data: { limit: 1 } }));
  assert.deepEqual([wrong.status, wrong.code], [401, 'APIGW.0301']);
  assert.match(wrong.msg, /verify aksk signature fail/);
  const unknown = await refusal(vendorClient('PCNOSUCHKEY000000001', 'x').call('POST', '/v2/partners/sub-customers/query', { data: { limit: 1 } }));
  assert.deepEqual([unknown.status, unknown.code], [401, 'APIGW.0301']);
  assert.match(unknown.msg, /ak not exist/);
});

/** A customer's own key, made on its console page (the secret is shown once). */
async function customerKey() {
  const c = new Client(stack.base);
  assert.equal((await c.login('customer1')).status, 303);
  await c.get('/console/api-keys');
  const made = await c.post('/console/api-keys/new', { description: 'vendor sdk' });
  assert.equal(made.status, 200, made.text);
  const shown = (id) => new RegExp(`id="${id}">([^<]+)<`).exec(made.text)[1];
  return vendorClient(shown('new-ak'), shown('new-sk'));
}

test('Appendix B: each P0 operation through the vendor\'s SDK, a valid call parsed and a bad parameter refused with 400 CBC.0100', async () => {
  const blue = await one("SELECT id FROM customers WHERE account_name = 'blueocean'");
  const orderNo = await one(`SELECT order_no FROM orders WHERE customer_id = ${blue} ORDER BY id LIMIT 1`);
  const unsub = await one("SELECT order_no FROM orders WHERE order_type = 'unsubscription' AND original_order_id IS NOT NULL ORDER BY id LIMIT 1");
  const month = localDay().slice(0, 7); // the UTC+8 calendar
  const clients = { csp: csp(), dist: vendorClient(DEMO_KEYS.dist.ak, DEMO_KEYS.dist.sk), cust: await customerKey() };
  const costs = { time_condition: { time_measure_id: 2, begin_time: month, end_time: month }, groupby: [{ type: 'dimension', key: 'CLOUD_SERVICE_TYPE' }], cost_type: 'ORIGINAL_COST', amount_type: 'PAYMENT_AMOUNT' };
  // [operation, key, method, path, valid request, bad request (null: the operation takes no parameter)]
  const ops = [
    ['check_user_identity', 'csp', 'POST', '/v2/partners/sub-customers/users/check-identity', { data: { search_type: 'email', search_value: 'nobody@example.com' } }, { data: { search_type: 'fax', search_value: 'x' } }],
    ['create_sub_customer', 'csp', 'POST', '/v2/partners/sub-customers', { data: { domain_area: 'SG', xaccount_id: 'vendor-sdk-0001', xaccount_type: 'partner-shop' } }, { data: { domain_area: 'SG' } }],
    ['list_sub_customers', 'csp', 'POST', '/v2/partners/sub-customers/query', { data: { limit: 10 } }, { data: { limit: 0 } }],
    ['freeze_sub_customers', 'csp', 'POST', '/v2/partners/sub-customers/freeze', { data: { customer_ids: [blue], reason: 'sdk' } }, { data: { reason: 'no ids' } }],
    ['unfreeze_sub_customers', 'csp', 'POST', '/v2/partners/sub-customers/unfreeze', { data: { customer_ids: [blue], reason: 'sdk' } }, { data: { customer_ids: [], reason: 'x' } }],
    ['list_indirect_partners', 'dist', 'POST', '/v2/partners/indirect-partners/query', { data: { limit: 10 } }, { data: { limit: 101 } }],
    ['show_sub_customer_budget', 'csp', 'GET', '/v2/partners/sub-customers/budget', { query: { customer_id: blue } }, { query: {} }],
    ['list_sub_customer_budget', 'csp', 'POST', '/v2/partners/sub-customers/budget/query', { data: { customer_ids: [blue] } }, { data: { customer_ids: 'x' } }],
    ['update_sub_customer_budget', 'csp', 'POST', '/v2/partners/sub-customers/budget', { data: { customer_id: blue, budget_amount: 2500.5 } }, { data: { customer_id: blue, budget_amount: -1 } }],
    ['list_sub_customer_budget_records', 'csp', 'GET', '/v2/partners/sub-customers/budget/records', { query: { customer_id: blue } }, { query: { customer_id: blue, limit: 0 } }],
    ['list_customer_orders', 'csp', 'GET', '/v2/orders/customer-orders', { query: { limit: 10 } }, { query: { limit: 0 } }],
    ['show_customer_order_details', 'csp', 'GET', '/v2/orders/customer-orders/details/{order_id}', { path: { order_id: orderNo } }, { path: { order_id: orderNo }, query: { limit: 0 } }],
    ['show_refund_order_details', 'csp', 'GET', '/v2/orders/customer-orders/refund-orders', { query: { order_id: unsub } }, { query: {} }],
    ['list_customer_on_demand_resources', 'csp', 'POST', '/v2/partners/sub-customers/on-demand-resources/query', { data: { customer_id: blue } }, { data: {} }],
    ['list_pay_per_use_customer_resources', 'csp', 'POST', '/v2/orders/suscriptions/resources/query', { data: { customer_id: blue } }, { data: { customer_id: blue, limit: 0 } }],
    ['list_sub_customer_coupons', 'csp', 'GET', '/v2/promotions/benefits/coupons', { query: { limit: 10 } }, { query: { limit: 0 } }],
    ['show_customer_account_balances', 'csp', 'GET', '/v2/accounts/customer-accounts/balances', {}, null],
    ['show_partner_consumption_quota', 'csp', 'GET', '/v2/partners/credit/consumption-quota', {}, null],
    ['list_postpaid_bill_sum', 'csp', 'GET', '/v2/bills/partner-bills/postpaid-bill-summary', { query: { bill_cycle: month } }, { query: { bill_cycle: '2026-13' } }],
    ['show_customer_monthly_sum', 'cust', 'GET', '/v2/bills/customer-bills/monthly-sum', { query: { bill_cycle: month } }, { query: { bill_cycle: 'x' } }],
    ['list_customerself_resource_records', 'cust', 'GET', '/v2/bills/customer-bills/res-fee-records', { query: { cycle: month } }, { query: { cycle: 'x' } }],
    ['list_costs', 'cust', 'POST', '/v4/costs/cost-analysed-bills/query', { data: costs }, { data: { ...costs, limit: 0 } }],
  ];
  assert.equal(ops.length, 22, 'every P0 operation of the contract');
  for (const [name, key, method, path, ok, bad] of ops) {
    const r = await clients[key].call(method, path, ok).catch((e) => assert.fail(`${name}: ${e.httpStatusCode} ${e.errorCode} ${e.errorMsg}`));
    assert.equal(r.httpStatusCode, 200, name);
    if (!bad) continue;
    const refused = await refusal(clients[key].call(method, path, bad));
    assert.deepEqual([refused.status, refused.code], [400, 'CBC.0100'], `${name}: ${refused.msg}`);
  }
});
