// The customer operations of the partner API (partner-api.md §5.1, §5.2) against the demo data:
// exact JSON shapes and types, the scope of the pages (an account manager's key, a distributor
// and its reseller's masked customers, partner A's key on partner B's customer), bad inputs
// (400 CBC.0100 naming the field, nothing changed), and the idempotent replay of a freeze.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { ApiClient, DEMO_KEYS } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, csp, dist, am;

const QUERY = '/v2/partners/sub-customers/query';
const FREEZE = '/v2/partners/sub-customers/freeze';
const UNFREEZE = '/v2/partners/sub-customers/unfreeze';
const CREATE = '/v2/partners/sub-customers';
const CHECK = '/v2/partners/sub-customers/users/check-identity';
const RESELLERS = '/v2/partners/indirect-partners/query';

const one = async (q) => (await stack.sql(q))[0];
const id = async (q) => (await one(q))[0];
const iso = (dt) => `${dt.replace(' ', 'T')}Z`;

/** An access key made on the /org/ page by csp.admin for the member `username`. */
async function keyFor(username) {
  const admin = new Client(stack.base);
  assert.equal((await admin.login('csp.admin')).status, 303);
  await admin.get('/org/api-keys');
  const owner = await id(`SELECT id FROM users WHERE username = '${username}'`);
  const r = await admin.post('/org/api-keys/new', { owner, description: `${username} test` });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const ak = /id="new-ak">([A-Z0-9]+)</.exec(r.text)[1];
  const sk = /id="new-sk">([A-Za-z0-9]+)</.exec(r.text)[1];
  return { ak, sk };
}

before(async () => {
  stack = await startStack();
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  dist = new ApiClient(stack.base, DEMO_KEYS.dist);
  am = new ApiClient(stack.base, await keyFor('csp.am1'));
});
after(async () => { await stack?.stop(); });

function assertBad(r, field, code = 'CBC.0100') {
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error_code, code, r.text);
  if (field) assert.match(r.json.error_msg, new RegExp(field), r.text);
}

test('list_sub_customers: one customer in the exact shape and types of §5.1', async () => {
  const [cid, at, amName] = await one("SELECT c.id, c.associated_at, u.username FROM customers c JOIN users u ON u.id = c.account_manager_id WHERE c.account_name = 'northwind'");
  const r = await csp.post(QUERY, { customer_id: cid });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.deepEqual(r.json, {
    customer_infos: [{
      customer: 'Northwind Traders', account_name: 'northwind', customer_id: cid, associated_on: iso(at),
      association_type: '3', label: 'events', telephone: '13811112222', is_frozen: 0,
      account_managers: [{ account_name: amName }], email: 'it@northwind.example',
    }],
    count: 1,
  });
});

test('list_sub_customers: paging, count of all pages, filters', async () => {
  const total = Number(await id("SELECT COUNT(*) FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.account_name = 'sunrise'"));
  let r = await csp.post(QUERY, { offset: 0, limit: 3 });
  assert.equal(r.json.count, total);
  assert.equal(r.json.customer_infos.length, 3);
  const firstIds = r.json.customer_infos.map((c) => c.customer_id);
  r = await csp.post(QUERY, { offset: 1, limit: 2 });
  assert.deepEqual(r.json.customer_infos.map((c) => c.customer_id), firstIds.slice(1, 3));
  r = await csp.post(QUERY, { offset: total, limit: 10 });
  assert.deepEqual(r.json, { customer_infos: [], count: total });
  r = await csp.post(QUERY, { offset: total - 2, limit: 10 });
  assert.equal(r.json.customer_infos.length, 2);
  assert.equal(r.json.count, total, 'a short last page counts all pages too');
  r = await csp.post(QUERY, {});
  assert.equal(r.json.customer_infos.length, Math.min(10, total), 'default limit 10');
  assert.equal((await csp.post(QUERY, { account_name: 'NORTH' })).json.count, 1);
  assert.equal((await csp.post(QUERY, { customer: 'Ocean' })).json.customer_infos[0].account_name, 'blueocean');
  const tagged = Number(await id("SELECT COUNT(*) FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.account_name = 'sunrise' AND c.custom_tag LIKE '%event%'"));
  assert.ok(tagged > 0);
  assert.equal((await csp.post(QUERY, { label: 'event' })).json.count, tagged);
  assert.equal((await csp.post(QUERY, { association_type: '1' })).json.count, 0);
  assert.equal((await csp.post(QUERY, { association_type: '3' })).json.count, total);
  assert.equal((await csp.post(QUERY, { associated_on_begin: '2099-01-01T00:00:00Z' })).json.count, 0);
  assert.equal((await csp.post(QUERY, { associated_on_end: '2099-01-01T00:00:00Z' })).json.count, total);
  assert.equal((await csp.post(QUERY, { customer_id: 'not-an-id' })).json.count, 0);
});

test('an account manager\'s key sees only the customers assigned to it', async () => {
  const mine = (await stack.sql("SELECT c.id FROM customers c JOIN users u ON u.id = c.account_manager_id WHERE u.username = 'csp.am1' ORDER BY c.id")).map((x) => x[0]);
  const r = await am.post(QUERY, { limit: 100 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.customer_infos.map((c) => c.customer_id), mine);
  assert.equal(r.json.count, mine.length);
  const other = await id("SELECT c.id FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.account_name = 'sunrise' AND c.account_manager_id IS NULL LIMIT 1");
  assert.equal((await am.post(QUERY, { customer_id: other })).json.count, 0);
  // an account manager has no customer.budget: no freezing at all, as on the pages
  const f = await am.post(FREEZE, { customer_ids: [mine[0]], reason: 'x' });
  assert.equal(f.status, 403, f.text);
  assert.equal(f.json.error_code, 'CBC.0151');
});

test('a distributor lists its reseller\'s customers masked, and no foreign reseller (CBC.99000037)', async () => {
  const harbor = await id("SELECT id FROM partners WHERE account_name = 'harbor'");
  const n = Number(await id(`SELECT COUNT(*) FROM customers WHERE partner_id = ${harbor}`));
  const r = await dist.post(QUERY, { indirect_partner_id: harbor, limit: 100 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.count, n);
  const cafe = r.json.customer_infos.find((c) => c.email?.endsWith('@harborcafe.example'));
  assert.ok(cafe, r.text);
  assert.match(cafe.customer, /\*/, 'name masked');
  assert.match(cafe.account_name, /\*/);
  assert.match(cafe.telephone, /\*/);
  assert.match(cafe.email, /\*/);
  // without indirect_partner_id: its own customers, unmasked
  const own = await dist.post(QUERY, {});
  assert.ok(own.json.customer_infos.every((c) => !c.customer.includes('*')), own.text);
  const sunrise = await id("SELECT id FROM partners WHERE account_name = 'sunrise'");
  for (const bad of [sunrise, '999999', 'x']) {
    const b = await dist.post(QUERY, { indirect_partner_id: bad });
    assertBad(b, 'indirect_partner_id', 'CBC.99000037');
  }
  // for a partner that is no distributor the parameter is ignored (§1.5)
  assert.equal((await csp.post(QUERY, { indirect_partner_id: harbor })).json.count,
    (await csp.post(QUERY, {})).json.count);
});

test('partner A\'s key on partner B\'s customer: not found in lists, CBC.5002 on freeze, nothing changed', async () => {
  const [foreign, state] = await one("SELECT c.id, c.freeze_state FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.account_name = 'greatwall' AND c.freeze_state = 'normal' LIMIT 1");
  assert.equal((await csp.post(QUERY, { customer_id: foreign })).json.count, 0);
  const r = await csp.post(FREEZE, { customer_ids: [foreign], reason: 'overdue' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { error_details: [{ error_code: 'CBC.5002', error_msg: r.json.error_details[0].error_msg, id: foreign }] });
  assert.equal(await id(`SELECT freeze_state FROM customers WHERE id = ${foreign}`), state);
});

test('freeze and unfreeze a resale customer: {} answers, the state, the freeze record, the audit', async () => {
  const cid = await id("SELECT id FROM customers WHERE account_name = 'northwind'");
  const records = Number(await id(`SELECT COUNT(*) FROM freeze_records WHERE customer_id = ${cid}`));
  let r = await csp.post(FREEZE, { customer_ids: [cid], reason: 'overdue', freeze_type: 'ACCOUNT' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {});
  assert.deepEqual(await one(`SELECT freeze_state, freeze_source FROM customers WHERE id = ${cid}`), ['account', 'manual']);
  assert.equal(Number(await id(`SELECT COUNT(*) FROM freeze_records WHERE customer_id = ${cid}`)), records + 1);
  assert.equal(await id(`SELECT reason FROM freeze_records WHERE customer_id = ${cid} ORDER BY id DESC LIMIT 1`), 'overdue');
  const [actor] = await one(`SELECT u.username FROM audit_events a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'customer.freeze' AND a.object_id = ${cid} ORDER BY a.id DESC LIMIT 1`);
  assert.equal(actor, 'csp.admin');
  assert.equal((await csp.post(QUERY, { customer_id: cid })).json.customer_infos[0].is_frozen, 1);
  // frozen already: the same freeze is refused for this ID, HTTP 200
  r = await csp.post(FREEZE, { customer_ids: [cid], reason: 'again' });
  assert.equal(r.json.error_details[0].error_code, 'CBC.0155');
  // the unfreeze type must match the freeze: ACCOUNT_AND_RESOURCE does not undo ACCOUNT
  r = await csp.post(UNFREEZE, { customer_ids: [cid], reason: 'paid', unfreeze_type: 'ACCOUNT_AND_RESOURCE' });
  assert.equal(r.json.error_details[0].error_code, 'CBC.0155');
  r = await csp.post(UNFREEZE, { customer_ids: [cid], reason: 'paid' });
  assert.deepEqual(r.json, {});
  assert.deepEqual(await one(`SELECT freeze_state FROM customers WHERE id = ${cid}`), ['normal']);
});

test('freeze with an Idempotency-Key: the same request replays the first answer, another body is refused', async () => {
  const cid = await id("SELECT id FROM customers WHERE account_name = 'blueocean'");
  const body = { customer_ids: [cid], reason: 'idempotent' };
  const headers = { 'Idempotency-Key': 'freeze-blueocean-1' };
  const at = new Date(); // one X-Sdk-Date: the repeat is the same signed request (a retry)
  const first = await csp.post(FREEZE, body, { unsigned: headers, date: at });
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.json, {});
  const audits = await id(`SELECT COUNT(*) FROM audit_events WHERE action = 'customer.freeze' AND object_id = ${cid}`);
  const again = await csp.post(FREEZE, body, { unsigned: headers, date: at });
  assert.equal(again.status, 200);
  assert.equal(again.text, first.text);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(await id(`SELECT COUNT(*) FROM audit_events WHERE action = 'customer.freeze' AND object_id = ${cid}`), audits, 'not run twice');
  // the same signed request without its key is a replay: refused, nothing runs
  const replay = await csp.post(FREEZE, body, { date: at });
  assert.equal(replay.status, 401);
  assert.equal(replay.json.error_code, 'APIGW.0301');
  assert.match(replay.json.error_msg, /request replayed/);
  assert.equal(await id(`SELECT COUNT(*) FROM audit_events WHERE action = 'customer.freeze' AND object_id = ${cid}`), audits, 'not run by the replay');
  // signed anew without the key, the same request runs again, and fails for this ID now
  assert.equal((await csp.post(FREEZE, body, { date: new Date(at.getTime() + 1000) })).json.error_details[0].error_code, 'CBC.0155');
  const other = await csp.post(FREEZE, { ...body, reason: 'other' }, { unsigned: headers });
  assertBad(other, 'Idempotency-Key');
  assertBad(await csp.post(FREEZE, body, { unsigned: { 'Idempotency-Key': 'bad key!' }, date: new Date(at.getTime() + 2000) }), 'Idempotency-Key');
  await csp.post(UNFREEZE, { customer_ids: [cid], reason: 'done' });
});

test('freeze: bad inputs are 400 CBC.0100 naming the field, and change nothing', async () => {
  const cid = await id("SELECT id FROM customers WHERE account_name = 'northwind'");
  const before = await stack.sql('SELECT id, freeze_state FROM customers ORDER BY id');
  const records = await id('SELECT COUNT(*) FROM freeze_records');
  const ids = Array.from({ length: 11 }, (_, i) => String(i + 1));
  assertBad(await csp.post(FREEZE, { customer_ids: ids, reason: 'x' }), 'customer_ids');
  assertBad(await csp.post(FREEZE, { customer_ids: [], reason: 'x' }), 'customer_ids');
  assertBad(await csp.post(FREEZE, { customer_ids: cid, reason: 'x' }), 'customer_ids');
  assertBad(await csp.post(FREEZE, { customer_ids: [Number(cid)], reason: 'x' }), 'customer_ids');
  assertBad(await csp.post(FREEZE, { customer_ids: [cid] }), 'reason');
  assertBad(await csp.post(FREEZE, { customer_ids: [cid], reason: 'r'.repeat(257) }), 'reason');
  assertBad(await csp.post(FREEZE, { customer_ids: [cid], reason: 'x', freeze_type: '' }), 'freeze_type');
  assertBad(await csp.post(FREEZE, { customer_ids: [cid], reason: 'x', freeze_type: 'ALL' }), 'freeze_type');
  assertBad(await csp.post(UNFREEZE, { customer_ids: [cid], reason: 'x', unfreeze_type: 'X' }), 'unfreeze_type');
  assertBad(await csp.post(FREEZE, '{"customer_ids": ["1"], "reason": '), 'JSON');
  assertBad(await csp.post(FREEZE, '[1, 2]'), 'JSON object');
  assert.deepEqual(await stack.sql('SELECT id, freeze_state FROM customers ORDER BY id'), before);
  assert.equal(await id('SELECT COUNT(*) FROM freeze_records'), records);
});

test('list_sub_customers: limits of S4 (limit ≤ 100, offset ≤ 40,000,000, strings ≤ 64) and types', async () => {
  assertBad(await csp.post(QUERY, { limit: 101 }), 'limit');
  assertBad(await csp.post(QUERY, { limit: 0 }), 'limit');
  assertBad(await csp.post(QUERY, { limit: '10' }), 'limit');
  assertBad(await csp.post(QUERY, { offset: 40000001 }), 'offset');
  assertBad(await csp.post(QUERY, { offset: -1 }), 'offset');
  assert.equal((await csp.post(QUERY, { offset: 40000000 })).status, 200);
  assertBad(await csp.post(QUERY, { account_name: 'a'.repeat(65) }), 'account_name');
  assert.equal((await csp.post(QUERY, { account_name: '很'.repeat(64) })).status, 200, '64 characters, not bytes');
  assertBad(await csp.post(QUERY, { customer: 5 }), 'customer');
  assertBad(await csp.post(QUERY, { association_type: '2' }), 'association_type');
  assertBad(await csp.post(QUERY, { associated_on_begin: '2024-05-06 08:05:01' }), 'associated_on_begin');
  assertBad(await csp.post(QUERY, { associated_on_end: '2024-02-30T00:00:00Z' }), 'associated_on_end');
});

test('a distributor may not freeze a customer of a reseller that holds the budget grant (CBC.0151)', async () => {
  const [cid, state] = await one("SELECT c.id, c.freeze_state FROM customers c JOIN partners p ON p.id = c.partner_id WHERE p.account_name = 'harbor' LIMIT 1");
  const harbor = await id("SELECT id FROM partners WHERE account_name = 'harbor'");
  const r = await dist.post(FREEZE, { customer_ids: [cid], reason: 'x', indirect_partner_id: harbor });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.error_details[0].error_code, 'CBC.0151');
  assert.equal(await id(`SELECT freeze_state FROM customers WHERE id = ${cid}`), state);
  assertBad(await dist.post(FREEZE, { customer_ids: [cid], reason: 'x', indirect_partner_id: '424242' }), 'indirect_partner_id', 'CBC.99000037');
});

test('list_indirect_partners: the distributor\'s resellers in the shape of §5.2; others 403 CBC.0151', async () => {
  const [rid, created] = await one("SELECT id, created_at FROM partners WHERE account_name = 'harbor'");
  const r = await dist.post(RESELLERS, {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {
    indirect_partners: [{
      indirect_partner_id: rid, mobile_phone: '+86 13800000007', email: 'reseller.admin@harbor.example',
      account_name: 'harbor', name: 'Harbor IT Reseller', associated_on: iso(created),
    }],
    count: 1,
  });
  assert.equal((await dist.post(RESELLERS, { account_name: 'nobody' })).json.count, 0);
  assert.equal((await dist.post(RESELLERS, { indirect_partner_id: rid })).json.count, 1);
  assertBad(await dist.post(RESELLERS, { limit: 101 }), 'limit');
  const c = await csp.post(RESELLERS, {});
  assert.equal(c.status, 403);
  assert.equal(c.json.error_code, 'CBC.0151');
});

test('check_user_identity: name, email and mobile', async () => {
  let r = await csp.post(CHECK, { search_type: 'name', search_value: 'blueocean' });
  assert.deepEqual(r.json, { check_result: 'used_by_user' });
  r = await csp.post(CHECK, { search_type: 'name', search_value: 'fresh-name-01' });
  assert.deepEqual(r.json, { check_result: 'available' });
  r = await csp.post(CHECK, { search_type: 'email', search_value: 'it@northwind.example' });
  assert.deepEqual(r.json, { check_result: 'used_by_user' });
  r = await csp.post(CHECK, { search_type: 'mobile', search_value: '0044-20123456' });
  assert.deepEqual(r.json, { check_result: 'available', mobile_remain_available_num: 5 });
  assertBad(await csp.post(CHECK, { search_type: 'name', search_value: '12345678' }), 'search_value');
  assertBad(await csp.post(CHECK, { search_type: 'name', search_value: 'op_admin' }), 'search_value');
  assertBad(await csp.post(CHECK, { search_type: 'mobile', search_value: '+44 20123456' }), 'search_value');
  assertBad(await csp.post(CHECK, { search_type: 'phone', search_value: 'x' }), 'search_type');
  assertBad(await csp.post(CHECK, { search_type: 'name' }), 'search_value');
});

test('create_sub_customer: a new resale customer of the partner, listed with its xaccount', async () => {
  const r = await csp.post(CREATE, {
    domain_name: 'api-created-01', email: 'new@api.example', domain_area: 'MX',
    xaccount_id: 'shop-0001', xaccount_type: 'partner-shop', password: 'Secret#2026x', is_close_market_ms: 'true',
  }, { unsigned: { 'Idempotency-Key': 'create-0001' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json).sort(), ['domain_id', 'domain_name']);
  assert.equal(r.json.domain_name, 'api-created-01');
  assert.equal(typeof r.json.domain_id, 'string');
  const [partner, type, country] = await one(`SELECT p.account_name, c.association_type, c.country FROM customers c JOIN partners p ON p.id = c.partner_id WHERE c.id = ${r.json.domain_id}`);
  assert.deepEqual([partner, type, country], ['sunrise', 'reseller', 'MX']);
  const listed = (await csp.post(QUERY, { customer_id: r.json.domain_id })).json.customer_infos[0];
  assert.equal(listed.xaccount_id, 'shop-0001');
  assert.equal(listed.xaccount_type, 'partner-shop');
  assert.equal(await id(`SELECT COUNT(*) FROM audit_events WHERE action = 'api.customer.create' AND object_id = ${r.json.domain_id}`), '1');
  // the same Idempotency-Key and body: the first answer, no second customer
  const again = await csp.post(CREATE, {
    domain_name: 'api-created-01', email: 'new@api.example', domain_area: 'MX',
    xaccount_id: 'shop-0001', xaccount_type: 'partner-shop', password: 'Secret#2026x', is_close_market_ms: 'true',
  }, { unsigned: { 'Idempotency-Key': 'create-0001' } });
  assert.equal(again.text, r.text);
  assert.equal(await id("SELECT COUNT(*) FROM customers WHERE account_name = 'api-created-01'"), '1');
  // a generated name when none is given
  const gen = await csp.post(CREATE, { domain_area: 'CN', xaccount_id: 'shop-0002', xaccount_type: 'partner-shop' });
  assert.match(gen.json.domain_name, /^[a-z][a-z0-9]{31}$/);
});

test('create_sub_customer: business rules and bad inputs, nothing created', async () => {
  const count = await id('SELECT COUNT(*) FROM customers');
  const base = { domain_area: 'MX', xaccount_id: 'shop-9', xaccount_type: 'partner-shop' };
  assertBad(await csp.post(CREATE, { ...base, domain_name: 'blueocean' }), 'domain_name', 'CBC.99000038');
  assertBad(await csp.post(CREATE, { ...base, domain_name: '1234567' }), 'domain_name', 'CBC.99000031');
  assertBad(await csp.post(CREATE, { ...base, domain_name: 'shadow_x1' }), 'domain_name', 'CBC.99000031');
  assertBad(await csp.post(CREATE, { ...base, domain_name: 'okname01', password: 'short' }), 'password', 'CBC.99000036');
  assertBad(await csp.post(CREATE, { ...base, domain_name: 'okname01', password: '10emanko' }), 'password', 'CBC.99000036');
  assertBad(await csp.post(CREATE, { ...base, xaccount_id: 'shop-0001' }), 'xaccount_id', 'CBC.99000039');
  assertBad(await csp.post(CREATE, { ...base, domain_area: 'Mexico' }), 'domain_area');
  assertBad(await csp.post(CREATE, { ...base, domain_area: undefined }), 'domain_area');
  assertBad(await csp.post(CREATE, { ...base, xaccount_id: undefined }), 'xaccount_id');
  assertBad(await csp.post(CREATE, { ...base, email: 'no-at-sign' }), 'email');
  assertBad(await csp.post(CREATE, { ...base, include_association_result: 'yes' }), 'include_association_result');
  assertBad(await dist.post(CREATE, base), 'indirect_partner_id', 'CBC.50010059');
  assertBad(await dist.post(CREATE, { ...base, indirect_partner_id: '1' }), 'indirect_partner_id', 'CBC.99000037');
  assert.equal(await id('SELECT COUNT(*) FROM customers'), count);
  // a distributor creates a customer for its reseller
  const harbor = await id("SELECT id FROM partners WHERE account_name = 'harbor'");
  const r = await dist.post(CREATE, { ...base, indirect_partner_id: harbor, domain_name: 'harbor-new-1' });
  assert.equal(r.status, 200, r.text);
  assert.equal(await id(`SELECT partner_id FROM customers WHERE id = ${r.json.domain_id}`), harbor);
});
