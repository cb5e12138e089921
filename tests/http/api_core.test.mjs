// The partner API's core (issue 7, partner-api.md §1, §3, §4): AK/SK signature
// over HTTP with its rejections (each audited), X-Request-Id, unknown paths,
// Content-Type on GET, the not-supported operations, the idempotency key, and
// the access-key page of /org/ (who may, the SK shown once and sealed in the DB).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, DEMO_KEYS, signRequest } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp;

before(async () => {
  stack = await startStack({ extraConf: 'Password.argon2_memory_kib = 1024\nPassword.argon2_iterations = 1' });
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
});
after(async () => { await stack?.stop(); });

const UNSUPPORTED = '/v2/products/service-types';

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(r.json.error_code, code, r.text);
  assert.equal(typeof r.json.error_msg, 'string');
  assert.ok(r.headers['x-request-id'], 'X-Request-Id on an error');
}

test('the test client reproduces the signatures of §4.4', () => {
  const headers = {
    'Content-Type': 'application/json', Host: '127.0.0.1:18080',
    'User-Agent': 'huaweicloud-usdk-python/3.0; partner-center-acceptance', 'X-Sdk-Date': '20240506T080501Z',
  };
  const key = { ak: 'EXAMPLEAK0123456789', sk: 'EXAMPLE-sk/0123456789+abcdef' };
  assert.match(signRequest({ ...key, method: 'GET', path: '/v2/partners/sub-customers/budget',
    query: 'customer_id=0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d&indirect_partner_id=r%201%2F%C3%BC', headers, body: '' }),
  /Signature=3cf7c8d572db8531233814c5081e36ad77a8a99db55abf4515fb2eb904bf59a1$/);
  const body = '{"customer_ids": ["0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d"], "reason": "overdue", "freeze_type": "ACCOUNT"}';
  assert.match(signRequest({ ...key, method: 'POST', path: '/v2/partners/sub-customers/freeze', query: '', headers, body }),
    /Signature=2e11dd489bd546eebd914849cad2c154e523e0caba91f6bdf5f1a214a76eb8c0$/);
});

test('a signed request reaches its operation: a not-supported one answers 403 CBC.0151, never a fake success', async () => {
  const r = await csp.get(UNSUPPORTED);
  assertError(r, 403, 'CBC.0151');
  assert.match(r.json.error_msg, /list_service_types is not supported/);
});

test('an unknown path or method is 404 APIGW.0101, before any signature', async () => {
  assertError(await csp.get('/v2/partners/no-such-thing'), 404, 'APIGW.0101');
  assertError(await csp.call('DELETE', UNSUPPORTED), 404, 'APIGW.0101');
  const anon = await fetch(`${stack.base}/v3/nothing`);
  assert.equal(anon.status, 404);
  assert.equal((await anon.json()).error_code, 'APIGW.0101');
});
