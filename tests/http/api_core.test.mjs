// The partner API's core (issue 7, partner-api.md §1, §3, §4): AK/SK signature
// over HTTP with its rejections (each audited), X-Request-Id, unknown paths,
// Content-Type on GET, the not-supported operations, the idempotency key, and
// the access-key page of /org/ (who may, the SK shown once and sealed in the DB).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { ApiClient, DEMO_KEYS, assertApiError, enc, signRequest } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp;

before(async () => {
  stack = await startStack();
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
});
after(async () => { await stack?.stop(); });

const UNSUPPORTED = '/v2/products/service-types';

function assertError(r, status, code) {
  assertApiError(r, status, code);
  assert.match(r.headers['content-type'], /^application\/json/);
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

const denials = async () => Number((await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'api.auth' AND result = 'denied'"))[0][0]);

/** 401 with the gateway's code, a JSON body, X-Request-Id, and one more denial in the audit trail. */
async function assertRejected(call, code = 'APIGW.0301', msg = /verify aksk signature fail/) {
  const n = await denials();
  const r = await call();
  assertError(r, 401, code);
  assert.match(r.json.error_msg, msg);
  assert.equal(r.json.request_id, r.headers['x-request-id']);
  assert.equal(await denials(), n + 1, 'the failure is in the audit trail');
  return r;
}

test('signature failures are 401 APIGW.0301, each audited', async () => {
  await assertRejected(() => csp.get(UNSUPPORTED, undefined, { authorization: null }));
  await assertRejected(() => csp.get(UNSUPPORTED, undefined, { authorization: 'SDK-HMAC-SHA256 Access=PCDEMOCSPADMIN000001' }));
  await assertRejected(() => csp.get(UNSUPPORTED, undefined, { sk: 'not-the-secret' }));
  await assertRejected(() => new ApiClient(stack.base, { ak: 'PCNOSUCHKEY000000000', sk: 'x' }).get(UNSUPPORTED), 'APIGW.0301', /ak not exist/);
  const body = { customer_ids: ['1'], reason: 'overdue' };
  await assertRejected(() => csp.post('/v2/partners/sub-customers/freeze', body, { tamperBody: '{"customer_ids": ["2"], "reason": "overdue"}' }));
  await assertRejected(() => csp.get(UNSUPPORTED, { a: '1' }, { tamperQuery: 'a=1&b=2' }));
  await assertRejected(() => csp.get(UNSUPPORTED, undefined, { tamperQuery: 'added=1' }));
  // a signed header left out of the request, and a list without host
  await assertRejected(() => csp.get(UNSUPPORTED, undefined, { drop: 'user-agent' }));
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const noHost = signRequest({ ...DEMO_KEYS.csp, method: 'GET', path: UNSUPPORTED, query: '',
    headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': date }, body: '' });
  await assertRejected(() => csp.get(UNSUPPORTED, undefined, { authorization: noHost, headers: { 'X-Sdk-Date': date } }));
  // nothing of this changed anything: the freeze above never ran
  assert.equal((await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'customer.freeze'"))[0][0], '0');
});

test('X-Sdk-Date 16 minutes off either way is 401 APIGW.0303 saying the time is off; 14 minutes is fine', async () => {
  const min = 60 * 1000;
  for (const off of [-16, 16]) {
    const r = await assertRejected(() => csp.get(UNSUPPORTED, undefined, { date: new Date(Date.now() + off * min) }),
      'APIGW.0303', /off by more than 15 minutes/);
    assert.match(r.json.error_msg, /X-Sdk-Date \d{8}T\d{6}Z/);
  }
  for (const off of [-14, 14]) assertError(await csp.get(UNSUPPORTED, undefined, { date: new Date(Date.now() + off * min) }), 403, 'CBC.0151');
});

test('every answer has its own X-Request-Id; a GET with Content-Type: application/json is accepted', async () => {
  const a = await csp.get(UNSUPPORTED), b = await csp.get(UNSUPPORTED);
  assert.ok(a.headers['x-request-id'] && b.headers['x-request-id']);
  assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
  const ok = await csp.post('/v2/partners/sub-customers/query', { limit: 1 });
  assert.equal(ok.status, 200);
  assert.ok(ok.headers['x-request-id']);
});

test('X-Domain-Id must be the account of the key (403 CBC.0151 otherwise)', async () => {
  const partner = (await stack.sql("SELECT partner_id FROM users WHERE username = 'csp.admin'"))[0][0];
  const right = new ApiClient(stack.base, DEMO_KEYS.csp, { domainId: partner });
  assert.equal((await right.post('/v2/partners/sub-customers/query', {})).status, 200);
  const wrong = new ApiClient(stack.base, DEMO_KEYS.csp, { domainId: '0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d' });
  assertError(await wrong.post('/v2/partners/sub-customers/query', {}), 403, 'CBC.0151');
});

const signedIn = (username) => signIn(stack.base, username);

function newKey(html) {
  const ak = /id="new-ak">([A-Z0-9]+)</.exec(html)?.[1];
  const sk = /id="new-sk">([A-Za-z0-9]+)</.exec(html)?.[1];
  return ak && sk ? { ak, sk } : null;
}

test('API keys in /org/: the admin creates one, the SK is shown once and sealed in the DB, then deletes it', async () => {
  const admin = await signedIn('csp.admin');
  let page = await admin.get('/org/api-keys');
  assert.equal(page.status, 200);
  assert.match(page.text, /PCDEMOCSPADMIN000001/);
  assert.doesNotMatch(page.text, /pc-demo-sk-csp-admin-2026/);
  const made = await admin.post('/org/api-keys/new', { description: 'billing sync' });
  assert.equal(made.status, 200);
  const key = newKey(made.text);
  assert.ok(key, 'the new AK and SK are shown');
  assert.match(made.headers.get('cache-control'), /no-store/);
  page = await admin.get('/org/api-keys');
  assert.match(page.text, new RegExp(key.ak));
  assert.ok(!page.text.includes(key.sk), 'the SK is never shown again');
  // stored sealed: the column holds neither the SK nor its hex, and differs per key
  const [[sealed]] = await stack.sql(`SELECT secret_enc FROM api_keys WHERE access_key = '${key.ak}'`);
  assert.ok(!sealed.includes(key.sk));
  assert.ok(!sealed.includes(Buffer.from(key.sk).toString('hex')));
  const [[demoSealed]] = await stack.sql("SELECT secret_enc FROM api_keys WHERE access_key = 'PCDEMOCSPADMIN000001'");
  assert.ok(!demoSealed.includes('pc-demo-sk') && !demoSealed.includes(Buffer.from('pc-demo-sk').toString('hex')));
  // the key works, as csp.admin
  const api = new ApiClient(stack.base, key);
  assert.equal((await api.post('/v2/partners/sub-customers/query', {})).status, 200);
  // two keys per user at most (the demo key and this one)
  const third = await admin.post('/org/api-keys/new', { description: 'one too many' });
  assert.equal(third.status, 409);
  assert.equal(newKey(third.text), null);
  assert.equal((await stack.sql(`SELECT COUNT(*) FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.username = 'csp.admin'`))[0][0], '2');
  // a distributor's admin cannot touch it
  const [[kid]] = await stack.sql(`SELECT id FROM api_keys WHERE access_key = '${key.ak}'`);
  const other = await signedIn('dist.admin');
  assert.equal((await other.get(`/org/api-keys/${kid}/delete`)).status, 404);
  await other.get('/org/api-keys');
  assert.equal((await other.post(`/org/api-keys/${kid}/delete`)).status, 404);
  // delete: refused from then on
  await admin.get(`/org/api-keys/${kid}/delete`);
  assert.equal((await admin.post(`/org/api-keys/${kid}/delete`)).status, 303);
  await assertRejected(() => api.post('/v2/partners/sub-customers/query', {}), 'APIGW.0301', /ak not exist/);
  const audit = await stack.sql(`SELECT action FROM audit_events WHERE object_type = 'api_key' AND object_id = ${kid} ORDER BY id`);
  assert.deepEqual(audit.map((x) => x[0]), ['apikey.create', 'apikey.delete']);
});

test('API keys: a member who is not admin may not manage keys; a customer has its own page', async () => {
  const member = await signedIn('csp.am1');
  assert.equal((await member.get('/org/api-keys')).status, 403);
  const n = (await stack.sql('SELECT COUNT(*) FROM api_keys'))[0][0];
  assert.equal((await member.post('/org/api-keys/new', { description: 'x' })).status, 403);
  assert.equal((await stack.sql('SELECT COUNT(*) FROM api_keys'))[0][0], n);
  // an admin may pick only a member of its own partner
  const admin = await signedIn('dist.admin');
  await admin.get('/org/api-keys');
  const foreign = (await stack.sql("SELECT id FROM users WHERE username = 'csp.am1'"))[0][0];
  assert.equal((await admin.post('/org/api-keys/new', { owner: foreign })).status, 400);
  assert.equal((await stack.sql('SELECT COUNT(*) FROM api_keys'))[0][0], n);
  // the customer's console: its own key, refused on partner operations
  const customer = await signedIn('customer1');
  assert.equal((await customer.get('/console/api-keys')).status, 200);
  const made = await customer.post('/console/api-keys/new', { description: 'my scripts' });
  const key = newKey(made.text);
  assert.ok(key, made.text.slice(0, 200));
  const api = new ApiClient(stack.base, key);
  assertError(await api.post('/v2/partners/sub-customers/query', {}), 403, 'CBC.0151');
  assert.equal((await (await signedIn('csp.admin')).get('/console/api-keys')).status, 403);
});

test('five failed signatures in a row lock the AK for 5 minutes', async () => {
  const admin = await signedIn('csp.admin');
  await admin.get('/org/api-keys');
  const finance = (await stack.sql("SELECT id FROM users WHERE username = 'csp.finance1'"))[0][0];
  const key = newKey((await admin.post('/org/api-keys/new', { owner: finance })).text);
  const api = new ApiClient(stack.base, key);
  assert.equal((await api.get(UNSUPPORTED)).status, 403, 'the key works');
  for (let i = 0; i < 5; i++) await assertRejected(() => api.get(UNSUPPORTED, undefined, { sk: 'wrong' }));
  await assertRejected(() => api.get(UNSUPPORTED), 'APIGW.0301', /reach the limit/);
  const [[locked]] = await stack.sql(`SELECT locked_until > UTC_TIMESTAMP() FROM api_keys WHERE access_key = '${key.ak}'`);
  assert.equal(locked, '1');
  await stack.sql(`UPDATE api_keys SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE access_key = '${key.ak}'`);
  assert.equal((await api.get(UNSUPPORTED)).status, 403, 'usable again after the lock');
});

test('idempotency keys are kept 24 hours: the purge job removes older ones', async () => {
  const [[kid]] = await stack.sql("SELECT id FROM api_keys WHERE access_key = 'PCDEMOCSPADMIN000001'");
  await stack.sql(`INSERT INTO api_idempotency (key_id, idem_key, request_hash, status, body, created_at) VALUES
    (${kid}, 'old-one', REPEAT('a', 64), 200, '{}', UTC_TIMESTAMP() - INTERVAL 25 HOUR),
    (${kid}, 'new-one', REPEAT('b', 64), 200, '{}', UTC_TIMESTAMP() - INTERVAL 23 HOUR)`);
  assert.equal((await stack.worker('run', 'purge')).code, 0);
  const left = await stack.sql(`SELECT idem_key FROM api_idempotency WHERE idem_key IN ('old-one', 'new-one')`);
  assert.deepEqual(left.map((r) => r[0]), ['new-one']);
});

test('replay: a captured state-changing request sent again is 401 and changes nothing; reads may repeat; a refused one may be re-sent', async () => {
  const FREEZE = '/v2/partners/sub-customers/freeze';
  const UNFREEZE = '/v2/partners/sub-customers/unfreeze';
  const [[cid]] = await stack.sql("SELECT id FROM customers WHERE account_name = 'northwind'");
  const freezes = async () => (await stack.sql(`SELECT COUNT(*) FROM freeze_records WHERE customer_id = ${cid}`))[0][0];
  const at = new Date();
  const body = { customer_ids: [cid], reason: 'replay test' };
  const first = await csp.post(FREEZE, body, { date: at });
  assert.equal(first.status, 200, first.text);
  const n = await freezes();
  await csp.post(UNFREEZE, { customer_ids: [cid], reason: 'undo' }, { date: at });
  const denied = await denials();
  const replay = await csp.post(FREEZE, body, { date: at });
  assertApiError(replay, 401, 'APIGW.0301', 'request replayed');
  assert.equal(await freezes(), n, 'the replay froze nothing');
  assert.equal(await denials(), denied + 1, 'audited');
  // the same GET twice in one second is fine
  for (let i = 0; i < 2; i++) {
    const r = await csp.get('/v2/partners/credit/consumption-quota', undefined, { date: at });
    assert.equal(r.status, 200, r.text);
  }
  // a refused request took no effect: the client may send it again as it was
  const bad = { customer_ids: [cid] };
  assert.equal((await csp.post(FREEZE, bad, { date: at })).status, 400);
  assert.equal((await csp.post(FREEZE, bad, { date: at })).status, 400);
  // the purge drops signatures whose window is past
  await stack.sql("UPDATE api_signatures SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE");
  assert.equal((await stack.worker('run', 'purge')).code, 0);
  assert.equal((await stack.sql('SELECT COUNT(*) FROM api_signatures'))[0][0], '0');
});

test('SDK requests of Appendix B: encoded query values, a path parameter with "/" and a space, non-ASCII JSON', async () => {
  // the signature holds (the operation is reached: not supported, 403) …
  assertError(await csp.get(UNSUPPORTED, { indirect_partner_id: 'r 1/ü', z: 'a+b', a: '' }), 403, 'CBC.0151');
  const renew = `/v2/orders/subscriptions/resources/autorenew/${enc('A/B c')}`;
  assert.match(renew, /A%2FB%20c$/);
  const r = await csp.call('DELETE', renew);
  assertError(r, 403, 'CBC.0151');
  assert.match(r.json.error_msg, /cancel_auto_renewal_resources/);
  // … and a body sent as the SDK sends it (\uXXXX escapes) is read as UTF-8
  const found = await csp.post('/v2/partners/sub-customers/query', { customer: '深圳星河' });
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.count, 1);
  assert.equal(found.json.customer_infos[0].customer, '深圳星河科技有限公司');
});
