// Security properties over HTTP: CSRF, state-changing GETs, headers, access of
// anonymous visitors, unknown addresses and methods, password storage, the audit
// trail, escaping, and /healthz without a database (last: it stops MariaDB).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Client, DEMO_PASSWORD, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

const run = promisify(execFile);
let stack;
// the one stack that hashes the passwords set here with the shipped Argon2id parameters (the
// others hash at the cheapest, as the demo users are in every stack)
before(async () => { stack = await startStack({ fastPasswords: false, https: true }); });
after(async () => { await stack?.stop(); });

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const signedIn = (username, password) => signIn(stack.base, username, { password });

async function sessionAlive(c) {
  const r = await c.get('/home');
  return r.status === 200;
}

async function userId(username) {
  return (await stack.sql(`SELECT id FROM users WHERE username = ${q(username)}`))[0][0];
}

async function passwordHash(username) {
  return (await stack.sql(`SELECT password_hash FROM users WHERE username = ${q(username)}`))[0][0];
}

async function maxAuditId() {
  return Number((await stack.sql('SELECT IFNULL(MAX(id), 0) FROM audit_events'))[0][0]);
}

const WRONG = '0'.repeat(64);

// ---------------------------------------------------------------- CSRF

test('CSRF: a password change without the right token is refused and changes nothing', async () => {
  const c = await signedIn('csp.finance1');
  const hash = await passwordHash('csp.finance1');
  const uid = await userId('csp.finance1');
  for (const csrf of [null, WRONG, '', 'x']) {
    const since = await maxAuditId();
    await c.get('/auth/password');
    const r = await c.post('/auth/password', { csrf, current: DEMO_PASSWORD, password: 'Taken#2027',
      confirm: 'Taken#2027' });
    assert.equal(r.status, 403, `csrf=${csrf}`);
    assert.match(r.text, /403 · Not allowed/);
    assert.equal(await passwordHash('csp.finance1'), hash, `csrf=${csrf}`);
    const audit = await stack.sql('SELECT actor_user_id, actor_name, result, detail FROM audit_events '
      + `WHERE id > ${since} AND action = 'csrf.reject'`);
    assert.deepEqual(audit, [[uid, 'csp.finance1', 'denied', '/auth/password']], `csrf=${csrf}`);
  }
  assert.equal(await sessionAlive(c), true);
  // the token of another session does not do either
  const other = await signedIn('csp.am1');
  await other.get('/home');
  const foreign = (/name="csrf" value="([0-9a-f]{64})"/.exec(other.lastHtml))[1];
  const r = await c.post('/auth/password', { csrf: foreign, current: DEMO_PASSWORD, password: 'Taken#2027',
    confirm: 'Taken#2027' });
  assert.equal(r.status, 403);
  assert.equal(await passwordHash('csp.finance1'), hash);
});

test('CSRF: sign-out without the right token is refused and the session stays', async () => {
  const c = await signedIn('csp.am1');
  const uid = await userId('csp.am1');
  for (const csrf of [null, WRONG]) {
    const since = await maxAuditId();
    await c.get('/home');
    const r = await c.post('/auth/logout', { csrf });
    assert.equal(r.status, 403, `csrf=${csrf}`);
    assert.ok(c.cookies.has('pc_sid'));
    assert.equal(await sessionAlive(c), true, `csrf=${csrf}`);
    const audit = await stack.sql('SELECT actor_user_id, detail FROM audit_events '
      + `WHERE id > ${since} AND action = 'csrf.reject'`);
    assert.deepEqual(audit, [[uid, '/auth/logout']]);
  }
  // and with the right token it works (the refusal above was for the token)
  await c.get('/home');
  assert.equal((await c.post('/auth/logout')).status, 303);
  assert.equal(await sessionAlive(c), false);
});

test('CSRF: the language switch without the right token is refused and changes nothing', async () => {
  const c = await signedIn('csp.director1');
  for (const csrf of [null, WRONG]) {
    const since = await maxAuditId();
    await c.get('/home');
    const r = await c.post('/auth/lang', { csrf, lang: 'zh', back: '/home' });
    assert.equal(r.status, 403, `csrf=${csrf}`);
    assert.equal(c.cookies.has('pc_lang'), false);
    assert.deepEqual(await stack.sql("SELECT lang FROM users WHERE username = 'csp.director1'"), [['en']]);
    const audit = await stack.sql(`SELECT detail FROM audit_events WHERE id > ${since} AND action = 'csrf.reject'`);
    assert.deepEqual(audit, [['/auth/lang']]);
  }
  assert.equal(await sessionAlive(c), true);
  // anonymous: no cookie either
  const anon = new Client(stack.base);
  await anon.get('/auth/login');
  const r = await anon.post('/auth/lang', { csrf: WRONG, lang: 'zh', back: '/auth/login' });
  assert.equal(r.status, 403);
  assert.equal(anon.cookies.has('pc_lang'), false);
});

test('CSRF: a login POST without the anonymous token is refused and starts no session', async () => {
  const before = Number((await stack.sql('SELECT COUNT(*) FROM sessions'))[0][0]);
  // no cookie and no field (a cross-site form post)
  const bare = new Client(stack.base);
  const r1 = await bare.post('/auth/login', { csrf: null, username: 'csp.admin', password: DEMO_PASSWORD });
  assert.equal(r1.status, 403);
  assert.equal(bare.cookies.has('pc_sid'), false);
  // the cookie of the browser but a field that does not match it
  const c = new Client(stack.base);
  await c.get('/auth/login');
  assert.match(c.cookies.get('pc_csrf') || '', /^[0-9a-f]{64}$/);
  const r2 = await c.post('/auth/login', { csrf: WRONG, username: 'csp.admin', password: DEMO_PASSWORD });
  assert.equal(r2.status, 403);
  const r3 = await c.post('/auth/login', { csrf: null, username: 'csp.admin', password: DEMO_PASSWORD });
  assert.equal(r3.status, 403);
  assert.equal(c.cookies.has('pc_sid'), false);
  assert.equal(Number((await stack.sql('SELECT COUNT(*) FROM sessions'))[0][0]), before);
  // the same client with the token of its page signs in
  await c.get('/auth/login');
  assert.equal((await c.post('/auth/login', { username: 'csp.admin', password: DEMO_PASSWORD })).status, 303);
});

test('GET never changes state', async () => {
  const c = await signedIn('dist.admin');
  const hash = await passwordHash('dist.admin');
  const logout = await c.get('/auth/logout');
  assert.equal(logout.status, 405);
  assert.equal(await sessionAlive(c), true);
  const lang = await c.get('/auth/lang?lang=zh&back=/home');
  assert.equal(lang.status, 405);
  assert.equal(c.cookies.has('pc_lang'), false);
  assert.deepEqual(await stack.sql("SELECT lang FROM users WHERE username = 'dist.admin'"), [['en']]);
  const pw = await c.get('/auth/password?current=Demo%232026&password=Taken%232027&confirm=Taken%232027');
  assert.equal(pw.status, 200);
  assert.equal(await passwordHash('dist.admin'), hash);
  const code = await c.get('/auth/signup/code?email=getter%40example.com');
  assert.equal(code.status, 405);
  assert.deepEqual(await stack.sql("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'getter@example.com'"), [['0']]);
  const anon = new Client(stack.base);
  const login = await anon.get('/auth/login?username=csp.admin&password=Demo%232026');
  assert.equal(login.status, 200);
  assert.equal(anon.cookies.has('pc_sid'), false);
});

// ---------------------------------------------------------------- headers, access, routing

test('security headers are on every kind of page', async () => {
  const c = await signedIn('csp.admin');
  const anon = new Client(stack.base);
  const answers = {
    'login page': await anon.get('/auth/login'),
    'home page': await c.get('/home'),
    '404 page': await anon.get('/no/such/page'),
    redirect: await anon.get('/home'),
    healthz: await anon.get('/healthz'),
    // what nginx serves itself
    'static file': await anon.get('/css/pc.css'),
    'missing static file': await anon.get('/css/no-such.css'),
  };
  for (const [what, r] of Object.entries(answers)) {
    const csp = r.headers.get('content-security-policy') || '';
    assert.match(csp, /default-src 'self'/, what);
    assert.match(csp, /frame-ancestors 'none'/, what);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  }
  assert.equal(answers['home page'].headers.get('cache-control'), 'no-store');
});

test('anonymous: GET /home goes to sign-in with next, POST to a signed-in page is 403', async () => {
  const anon = new Client(stack.base);
  const r = await anon.get('/home');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/auth/login?next=/home');
  await anon.get('/auth/login');
  const hash = await passwordHash('csp.admin');
  const p = await anon.post('/auth/password', { current: DEMO_PASSWORD, password: 'Taken#2027', confirm: 'Taken#2027' });
  assert.equal(p.status, 403);
  assert.equal(await passwordHash('csp.admin'), hash);
  const o = await anon.post('/auth/logout');
  assert.equal(o.status, 403);
  // a stale or made-up session cookie is treated as anonymous and deleted
  const stale = new Client(stack.base);
  stale.cookies.set('pc_sid', 'f'.repeat(64));
  const s = await stale.get('/home');
  assert.equal(s.status, 303);
  assert.equal(s.location, '/auth/login?next=/home');
  assert.ok(s.headers.getSetCookie().some((h) => /^pc_sid=;.*Max-Age=0/i.test(h)));
});

test('an unknown address is the 404 page; an unsupported method is 405', async () => {
  const c = new Client(stack.base);
  const r = await c.get('/definitely/not/here');
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /<h1>404 · Not found<\/h1>/);
  const a = await c.get('/auth/nothing');
  assert.equal(a.status, 404);
  for (const method of ['PUT', 'DELETE', 'PATCH']) {
    const m = await c.request(method, '/home');
    assert.equal(m.status, 405, method);
    assert.match(m.text, /405 · Method not allowed/, method);
  }
  const put = await c.request('PUT', '/auth/login');
  assert.equal(put.status, 405);
  // a known path with the other of GET/POST is 405 too
  await c.get('/auth/login');
  assert.equal((await c.post('/home')).status, 405);
});

test('passwords are stored as Argon2id, each with its own salt', async () => {
  const rows = await stack.sql('SELECT username, password_hash FROM users');
  assert.ok(rows.length >= 8);
  for (const [u, h] of rows) assert.match(h, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/, u);
  assert.equal(new Set(rows.map(([, h]) => h)).size, rows.length, 'same password, different hashes');
  assert.ok(rows.every(([, h]) => !h.includes(DEMO_PASSWORD)));
});

test('the audit trail records sign-in ok and failed, sign-out and password change', async () => {
  const since = await maxAuditId();
  const uid = await userId('reseller.admin');
  const bad = await new Client(stack.base).login('reseller.admin', 'Wrong#0000');
  assert.equal(bad.status, 400);
  const unknown = await new Client(stack.base).login('ghost.user', 'Wrong#0000');
  assert.equal(unknown.status, 400);
  const c = await signedIn('reseller.admin');
  await c.get('/auth/password');
  const ch = await c.post('/auth/password', { current: DEMO_PASSWORD, password: 'Audit#2027', confirm: 'Audit#2027' });
  assert.equal(ch.status, 303);
  await c.get('/home');
  assert.equal((await c.post('/auth/logout')).status, 303);
  const rows = await stack.sql('SELECT action, IFNULL(actor_user_id, 0), actor_name, result, ip, object_type, '
    + `IFNULL(object_id, 0) FROM audit_events WHERE id > ${since} ORDER BY id`);
  assert.deepEqual(rows.map((r) => r.slice(0, 4)), [
    ['login', uid, 'reseller.admin', 'failed'],
    ['login', '0', 'ghost.user', 'failed'],
    ['login', uid, 'reseller.admin', 'ok'],
    ['password.change', uid, 'reseller.admin', 'ok'],
    ['logout', uid, 'reseller.admin', 'ok'],
  ]);
  for (const r of rows) assert.equal(r[4], '127.0.0.1', r.join(' '));
  assert.deepEqual(rows[2].slice(5), ['user', uid]);
});

test('a display name with markup is shown escaped on /home', async () => {
  const name = '<script>alert(1)</script>';
  await stack.sql(`UPDATE users SET name = ${q(name)} WHERE username = 'csp.admin'`);
  try {
    const c = await signedIn('csp.admin');
    const r = await c.get('/home');
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(name), 'the raw tag is not in the page');
    assert.ok(!/<script>alert/i.test(r.text));
    assert.match(r.text, /<span id="welcome-name">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/span>/);
    assert.match(r.text, /<span class="user" id="current-user">&lt;script&gt;alert\(1\)&lt;\/script&gt; \(csp\.admin\)/);
  } finally {
    await stack.sql("UPDATE users SET name = 'Chen Wei' WHERE username = 'csp.admin'");
  }
});

test('a query parameter with markup is not reflected raw', async () => {
  const r = await new Client(stack.base).get('/auth/login?next=/home%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert(1)'));
  assert.ok(!r.text.includes('"><script>'));
});

test('nothing of one request shows up in the next one (user, form values, errors, tokens)', async () => {
  const admin = await signedIn('csp.admin');
  const operator = await signedIn('operator');
  const anon = new Client(stack.base);
  await anon.get('/auth/login');
  const anonToken = anon.cookies.get('pc_csrf');
  // enough rounds to pass through every FastCGI child of each program
  for (let i = 0; i < 6; i++) {
    const home = await admin.get('/home');
    assert.match(home.text, /Chen Wei \(csp\.admin\)/);
    const adminCsrf = /name="csrf" value="([0-9a-f]{64})"/.exec(home.text)[1];
    const bad = await new Client(stack.base).login('leaky.name', 'Wrong#0000');
    assert.equal(bad.status, 400);
    const op = await operator.get('/home');
    assert.equal(op.status, 200);
    for (const leak of ['Chen Wei', 'Sunrise Cloud Solutions', 'Organization', adminCsrf, 'leaky.name']) {
      assert.ok(!op.text.includes(leak), `operator page shows ${leak}`);
    }
    const page = await anon.get('/auth/login');
    for (const leak of ['Chen Wei', 'current-user', adminCsrf, 'leaky.name', 'The username or password is wrong',
      'Olivia Operator']) {
      assert.ok(!page.text.includes(leak), `anonymous page shows ${leak}`);
    }
    assert.match(page.text, new RegExp(`name="csrf" value="${anonToken}"`));
    const missing = await anon.get('/nothing/here');
    assert.ok(!missing.text.includes('Olivia Operator') && !missing.text.includes('Chen Wei'));
  }
});

// ---------------------------------------------------------------- last: the database goes away

let duringOutage; // signed in before the database goes away

/** The Set-Cookie headers of a GET over the stack's TLS listener (self-signed: not verified). */
function cookiesOverTls(path) {
  return new Promise((ok, fail) => {
    httpsGet({ host: '127.0.0.1', port: stack.httpsPort, path, rejectUnauthorized: false }, (res) => {
      res.resume();
      ok(res.headers['set-cookie'] || []);
    }).on('error', fail);
  });
}

test('cookies are Secure when the request came over HTTPS, without any setting; not over plain HTTP', async () => {
  const tls = await cookiesOverTls('/auth/login');
  assert.ok(tls.length > 0, 'the sign-in page sets its CSRF cookie');
  for (const c of tls) assert.match(c, /; Secure/, c);
  const plain = await new Client(stack.base).get('/auth/login');
  const set = plain.headers.get('set-cookie') || '';
  assert.ok(set, 'the plain page sets its cookie too');
  assert.doesNotMatch(set, /Secure/);
});

const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR) /;
const appLog = () => readFileSync(join(stack.varDir, 'log', 'app.log'), 'utf8');

test('the app log: a timestamp and level on every line, the client, user, status and time; a CR/LF in the path cannot forge a line', async () => {
  const c = await signedIn('csp.admin', DEMO_PASSWORD);
  const uid = await userId('csp.admin');
  await c.get('/customers/?name=log-probe');
  const forged = '2026-01-01T00:00:00.000Z INFO forged';
  const r = await new Client(stack.base).get(`/home%0d%0a${encodeURIComponent(forged)}`);
  assert.ok(r.status >= 300, `answered ${r.status}`);
  const lines = appLog().split('\n').filter((l) => l);
  for (const l of lines) assert.match(l, LOG_LINE, `a line without timestamp and level: ${JSON.stringify(l)}`);
  assert.ok(!lines.some((l) => l.startsWith('2026-01-01T00:00:00.000Z')), 'the request forged a log line');
  assert.ok(lines.some((l) => l.includes('/home\\x0d\\x0a2026-01-01T00:00:00.000Z INFO forged')), 'the path, escaped');
  const access = lines.find((l) => l.includes(` user=${uid} GET /customers/ 200 `));
  assert.ok(access, 'the access line of the signed-in request');
  assert.match(access, / INFO [0-9a-f]+-[0-9a-f]+ 127\.0\.0\.1 user=\d+ GET \/customers\/ 200 \d+us$/);
});

test('after logrotate moves the log away, SIGHUP makes the programs write a new one', async () => {
  const dir = join(stack.varDir, 'log');
  renameSync(join(dir, 'app.log'), join(dir, 'app.log.1'));
  const pids = readdirSync(join(stack.varDir, 'run')).filter((f) => f.endsWith('.pid') && !/^(mysqld|worker|constant)\.pid$/.test(f))
    .flatMap((f) => readFileSync(join(stack.varDir, 'run', f), 'utf8').split(/\s+/).filter((p) => p));
  assert.ok(pids.length >= 5, `pids: ${pids}`);
  for (const p of pids) process.kill(Number(p), 'SIGHUP');
  const c = await signedIn('csp.admin', DEMO_PASSWORD);
  assert.equal((await c.get('/home?after=rotate')).status, 200);
  assert.match(appLog(), / GET \/home 200 /);
  assert.match(appLog(), LOG_LINE);
  assert.doesNotMatch(readFileSync(join(dir, 'app.log.1'), 'utf8'), /after=rotate|GET \/home 200 \d+us\n$/);
});

test('/healthz answers 503 when the database is down (runs last: stops MariaDB)', async () => {
  duringOutage = await signedIn('csp.am1');
  const up = await new Client(stack.base).get('/healthz');
  assert.equal(up.status, 200);
  assert.equal(up.text, 'ok\n');
  await run('mariadb-admin', [`--defaults-file=${join(stack.varDir, 'my.cnf')}`, 'shutdown']);
  const r = await new Client(stack.base).get('/healthz');
  assert.equal(r.status, 503);
  assert.equal(r.text, 'database unavailable\n');
  assert.match(r.headers.get('content-type'), /^text\/plain/);
});

test('during a database outage a signed-in page answers 503 and keeps the session cookie', async () => {
  const token = duringOutage.cookies.get('pc_sid');
  const r = await duringOutage.get('/home');
  assert.equal(r.status, 503);
  assert.match(r.text, /503 · Unavailable/);
  assert.equal(r.headers.getSetCookie().some((h) => h.startsWith('pc_sid=')), false);
  assert.equal(duringOutage.cookies.get('pc_sid'), token);
});
