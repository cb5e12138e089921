// Flow control of the partner API (partner-api.md §3: 429 CBC.0250): each access key may
// make Api.requests_per_second requests a second, counted over both pc-api processes; a
// refused request does not run its operation, and other keys keep their own count.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, DEMO_KEYS, dec } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

const LIMIT = 5;
let stack, csp, dist;

before(async () => {
  // two pc-api processes: the limit is counted over both
  stack = await startStack({ children: 2, extraConf: `Api.requests_per_second = ${LIMIT}` });
  csp = new ApiClient(stack.base, DEMO_KEYS.csp);
  dist = new ApiClient(stack.base, DEMO_KEYS.dist);
});
after(async () => { await stack?.stop(); });

const QUERY = '/v2/partners/sub-customers/query';
const BUDGET = '/v2/partners/sub-customers/budget';
const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Wait for the start of a second, so that a burst falls within one window. */
async function startOfSecond() {
  await pause(1000 - (Date.now() % 1000) + 20);
}

test('beyond the limit a key gets 429 CBC.0250; another key is not held back; the next second it may go on', async () => {
  await startOfSecond();
  const answers = await Promise.all(Array.from({ length: 3 * LIMIT }, () => csp.post(QUERY, {})));
  const ok = answers.filter((r) => r.status === 200).length;
  const limited = answers.filter((r) => r.status === 429);
  assert.ok(ok >= 1 && ok <= 2 * LIMIT, `${ok} answered (one window, two if the burst straddled a second)`);
  assert.equal(limited.length, answers.length - ok, 'every other answer is the flow-control error');
  for (const r of limited) {
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.equal(r.json.error_code, 'CBC.0250');
    assert.match(r.json.error_msg, new RegExp(`${LIMIT} requests a second`));
  }
  assert.equal((await dist.post(QUERY, {})).status, 200, 'the distributor\'s key has its own count');
  await pause(1100);
  assert.equal((await csp.post(QUERY, {})).status, 200, 'a new second, a new allowance');
});

test('a refused request changes nothing: only the answered budget changes are stored and audited', async () => {
  const [[fab]] = await stack.sql("SELECT id FROM customers WHERE account_name = 'fabrikam'");
  const audited = async () => Number((await stack.sql(
    `SELECT COUNT(*) FROM audit_events WHERE action = 'customer.budget.set' AND object_id = ${fab}`))[0][0]);
  const before = await audited();
  await startOfSecond();
  const answers = await Promise.all(Array.from({ length: 3 * LIMIT }, (_, i) =>
    csp.post(BUDGET, { customer_id: String(fab), budget_amount: dec(String(1000 + i)) })));
  const ok = answers.filter((r) => r.status === 200);
  assert.ok(answers.some((r) => r.status === 429));
  assert.ok(answers.every((r) => r.status === 200 || r.json.error_code === 'CBC.0250'));
  assert.equal(await audited() - before, ok.length);
});

test('unsigned and wrongly signed requests are refused before they count against the key', async () => {
  await startOfSecond();
  const bad = await Promise.all(Array.from({ length: 2 * LIMIT }, () => csp.post(QUERY, {}, { authorization: null })));
  assert.ok(bad.every((r) => r.status === 401));
  assert.equal((await csp.post(QUERY, {})).status, 200, 'the key\'s allowance is untouched');
});
