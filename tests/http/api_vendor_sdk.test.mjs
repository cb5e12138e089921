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
import { DEMO_KEYS } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

const { GlobalCredentials } = core;
let stack;

before(async () => {
  stack = await startStack({ extraConf: 'Password.argon2_memory_kib = 1024\nPassword.argon2_iterations = 1' });
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
// letters here, which its HTTP client encodes and its signer encodes again (lib/aksk.h).
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
