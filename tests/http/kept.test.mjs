// What the programs keep between requests (lib/base/keep.h, lib/base/generation.h): a
// session's user, an API key's user and short drop-down lists are served from
// memory while nothing changed, and every change made through the product — in
// whichever program or process — counts at once in every process.  Each check
// fires requests in parallel so that both FastCGI processes of a program answer.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { ApiClient } from '../lib/sdk_client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin;
const ROLE = {};
const ID = {};

before(async () => {
  stack = await startStack({ children: 2 }); // what each of two processes keeps
  for (const [code, id] of await stack.sql('SELECT code, id FROM roles WHERE code IS NOT NULL')) ROLE[code] = id;
  for (const [u, id] of await stack.sql('SELECT username, id FROM users')) ID[u] = id;
  admin = await signedIn('csp.admin');
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signIn(stack.base, username);

/** GET path 12 times at once with the cookie; resolves to the answers. */
function burst(path, cookie) {
  return Promise.all(Array.from({ length: 12 }, async () => {
    const r = await fetch(stack.base + path, { redirect: 'manual', headers: { cookie } });
    return { status: r.status, location: r.headers.get('location'), text: await r.text() };
  }));
}

async function statements() {
  const [[, n]] = await stack.sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'");
  return Number(n);
}

test('a signed-in page asks the database for the session once per process, not once per request', async () => {
  const cookie = `pc_sid=${admin.cookies.get('pc_sid')}`;
  // the password form runs no statement of its own (the home page now reads its to-dos and
  // figures): only session reads would count here
  await burst('/auth/password', cookie); // each pc-auth process reads the session once
  const before = await statements();
  const answers = await burst('/auth/password', cookie);
  assert.ok(answers.every((a) => a.status === 200 && a.text.includes('Chen Wei (csp.admin)')));
  assert.ok(await statements() - before < 3, 'the kept session serves the 12 requests');
});

test('sign-out counts at once in every process: the old cookie opens nothing', async () => {
  const c = await signedIn('csp.director1');
  const cookie = `pc_sid=${c.cookies.get('pc_sid')}`;
  for (const path of ['/home', '/customers/']) assert.ok((await burst(path, cookie)).every((a) => a.status === 200), path);
  await c.get('/home');
  assert.equal((await c.post('/auth/logout')).status, 303);
  for (const path of ['/home', '/customers/']) {
    const answers = await burst(path, cookie);
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [303], path);
    assert.ok(answers.every((a) => a.location.startsWith('/auth/login')), path);
  }
});

test('a role taken away counts at once: the member\'s next requests are refused in every process', async () => {
  const fin = await signedIn('csp.finance1');
  const cookie = `pc_sid=${fin.cookies.get('pc_sid')}`;
  const id = ID['csp.finance1'];
  assert.ok((await burst('/finance/bills', cookie)).every((a) => a.status === 200));
  await admin.get(`/org/members/${id}/roles`);
  assert.equal((await admin.post(`/org/members/${id}/roles`, { roles: [ROLE.ACCOUNT_MANAGER] })).status, 303);
  try {
    const answers = await burst('/finance/bills', cookie);
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [403]);
  } finally {
    await admin.get(`/org/members/${id}/roles`);
    assert.equal((await admin.post(`/org/members/${id}/roles`, { roles: [ROLE.FINANCE] })).status, 303);
  }
  assert.ok((await burst('/finance/bills', cookie)).every((a) => a.status === 200), 'and given back, at once');
});

test('a new account manager is in the customer list\'s filter at once in every process', async () => {
  const cookie = `pc_sid=${admin.cookies.get('pc_sid')}`;
  const before = await burst('/customers/', cookie);
  assert.ok(before.every((a) => a.status === 200 && !a.text.includes('Kept Newmanager')));
  await admin.get('/org/members/new');
  const made = await admin.post('/org/members/new', {
    username: 'kept.am', name: 'Kept Newmanager', mobile_cc: '+86', mobile: '13912345678',
    email: 'kept.am@sunrise.example', office_phone: '', status: 'normal', director_id: '',
    password: 'Init#2026a', confirm: 'Init#2026a', roles: [ROLE.ACCOUNT_MANAGER],
  });
  assert.equal(made.status, 303, made.text.slice(0, 500));
  const answers = await burst('/customers/', cookie);
  assert.ok(answers.every((a) => a.status === 200 && a.text.includes('Kept Newmanager')));
});

test('a deleted API key is refused at once by every pc-api process', async () => {
  await admin.get('/org/api-keys');
  const made = await admin.post('/org/api-keys/new', { description: 'kept' });
  const ak = /id="new-ak">([A-Z0-9]+)/.exec(made.text)[1];
  const sk = /id="new-sk">([A-Za-z0-9]+)/.exec(made.text)[1];
  const [[kid]] = await stack.sql(`SELECT id FROM api_keys WHERE access_key = '${ak}'`);
  const api = new ApiClient(stack.base, { ak, sk });
  const calls = () => Promise.all(Array.from({ length: 12 }, () => api.post('/v2/partners/sub-customers/query', {})));
  assert.ok((await calls()).every((r) => r.status === 200));
  await admin.get(`/org/api-keys/${kid}/delete`);
  assert.equal((await admin.post(`/org/api-keys/${kid}/delete`)).status, 303);
  const after = await calls();
  assert.ok(after.every((r) => r.status === 401 && r.json.error_code === 'APIGW.0301'), after[0].text);
});

test('a wrong signature on a kept key still counts towards the lock, in every process', async () => {
  await admin.get('/org/api-keys');
  const made = await admin.post('/org/api-keys/new', { description: 'kept-lock' });
  const ak = /id="new-ak">([A-Z0-9]+)/.exec(made.text)[1];
  const sk = /id="new-sk">([A-Za-z0-9]+)/.exec(made.text)[1];
  const api = new ApiClient(stack.base, { ak, sk });
  assert.ok((await Promise.all([1, 2, 3, 4].map(() => api.post('/v2/partners/sub-customers/query', {}))))
    .every((r) => r.status === 200));
  for (let i = 0; i < 5; i++) {
    assert.equal((await api.post('/v2/partners/sub-customers/query', {}, { sk: 'wrong-secret' })).status, 401);
  }
  const locked = await Promise.all([1, 2, 3, 4].map(() => api.post('/v2/partners/sub-customers/query', {})));
  assert.ok(locked.every((r) => r.status === 401), 'the right secret is refused while the key is locked');
  const [[kid]] = await stack.sql(`SELECT id FROM api_keys WHERE access_key = '${ak}'`);
  await admin.get(`/org/api-keys/${kid}/delete`);
  await admin.post(`/org/api-keys/${kid}/delete`);
});

test('a change made by hand with the mariadb client counts in every process after pcadm refresh', async () => {
  const cookie = `pc_sid=${admin.cookies.get('pc_sid')}`;
  assert.ok((await burst('/home', cookie)).every((a) => a.text.includes('Sunrise Cloud Solutions')));
  await stack.sql("UPDATE partners SET name = 'Sunrise Renamed By Hand' WHERE account_name = 'sunrise'", { byHand: true });
  try {
    const r = await stack.pcadm(['refresh']);
    assert.equal(r.code, 0, r.stderr);
    const answers = await burst('/home', cookie);
    assert.ok(answers.every((a) => a.text.includes('Sunrise Renamed By Hand')), 'every process reads it again');
  } finally {
    await stack.sql("UPDATE partners SET name = 'Sunrise Cloud Solutions' WHERE account_name = 'sunrise'");
  }
});

test('a generation file that cannot be written: check-config says so, and no process touches the database', async () => {
  assert.equal((await stack.pcadm(['check-config'])).code, 0);
  const bad = join(stack.varDir, 'bad-generation.hdf');
  writeFileSync(bad, `${readFileSync(join(stack.varDir, 'partner-center.hdf'), 'utf8')}\nPaths.generation = ${join(stack.varDir, 'no-such-dir', 'generation')}\n`);
  const checked = await stack.pcadm(['-c', bad, 'check-config']);
  assert.equal(checked.code, 1);
  assert.match(checked.stderr, /:\d+: key 'Paths\.generation' = '.*no-such-dir.*': this user cannot create it there/);
  // a process that could write without moving the counter would leave the others serving stale copies
  const refused = await stack.pcadm(['-c', bad, 'verify-ledger']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /not connecting: Paths\.generation .* cannot be opened for writing/);
});
