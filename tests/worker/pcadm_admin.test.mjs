// The admin's pcadm commands on a server.  check-config checks what the config names on this
// machine, each problem with the file and line of its key: the database (socket, password), the
// paths, the API key file, the URLs, and the enumerated and time-zone values; a page program
// refuses to start on such a problem and says why in its log.  reset-password gives a user a
// temporary password; rotate-api-key-file seals every API secret again under a new key file.
// One stack; each config case is a copy of its config with lines appended (the last assignment
// of a key wins, and its line is the one named).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { Client, signIn } from '../lib/client.mjs';
import { BUILD, SANITIZER_REPORT, startStack } from '../lib/stack.mjs';

const run = promisify(execFile);
let stack, good, n = 0;

before(async () => {
  stack = await startStack();
  good = readFileSync(join(stack.varDir, 'partner-center.hdf'), 'utf8');
});
after(async () => { await stack?.stop(); });

/** A copy of the stack's config with `lines` appended: [path, line number of the first added line]. */
function configWith(lines) {
  const path = join(stack.varDir, `check-${++n}.hdf`);
  const text = good.endsWith('\n') ? good : `${good}\n`;
  writeFileSync(path, `${text}${lines.join('\n')}\n`);
  return [path, text.split('\n').length];
}

async function checkConfig(lines) {
  const [path, line] = configWith(lines);
  const r = await stack.pcadm(['-c', path, 'check-config']);
  return { ...r, path, line };
}

test('the stack\'s own config passes, the database included', async () => {
  const r = await stack.pcadm(['check-config']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('values the file cannot hold stop the load with file:line: a language, a time zone name', async () => {
  let r = await checkConfig(['Site.default_lang = fr']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), `${r.path}:${r.line}: key 'Site.default_lang' must be one of: en zh; not 'fr'`);
  r = await checkConfig(['Billing.timezone = Asia/Shanghai']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^${r.path}:${r.line}: key 'Billing.timezone' must be an offset from UTC such as \\+08:00, not 'Asia/Shanghai'`));
  r = await checkConfig(['Payment.provider = paypal']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /key 'Payment.provider' must be one of: test; not 'paypal'/);
});

test('the database: a wrong password and a wrong socket are named with the cause', async () => {
  let r = await checkConfig(['DB.password = not-the-password']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${r.path}:\\d+: key 'DB.socket' = '[^']+': cannot connect to the database partner_center as \\S+: Access denied`));
  assert.doesNotMatch(r.stderr, /not-the-password/, 'the password is never printed');
  r = await checkConfig([`DB.socket = ${join(stack.varDir, 'no-such.sock')}`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${r.path}:${r.line}: key 'DB.socket' = '.*no-such\\.sock': cannot connect to the database .*Can't connect`));
});

test('paths, the API key file and the URLs: every problem at once, each at its line', async () => {
  const keyFile = join(stack.varDir, 'short.key');
  writeFileSync(keyFile, 'abc123\n');
  mkdirSync(join(stack.varDir, 'lang-en-only', 'en'), { recursive: true });
  const r = await checkConfig([
    'Paths.templates = /no/such/templates',
    `Paths.lang = ${join(stack.varDir, 'lang-en-only')}`,
    `Paths.exports = ${join(stack.varDir, 'no-such-exports')}`,
    'Paths.log = /no/such/dir/app.log',
    `Api.secret_key_file = ${keyFile}`,
    'Site.base_url = partners.example.com/',
    'Mail.smtp_url = mail.example.com:25',
  ]);
  assert.equal(r.code, 1);
  const at = (k) => `${r.path}:${r.line + k}: key `;
  const expected = [
    `${at(0)}'Paths.templates' = '/no/such/templates': not a directory this user can read`,
    `${at(1)}'Paths.lang' = '${join(stack.varDir, 'lang-en-only')}': no directory zh/ of language files in it`,
    `${at(2)}'Paths.exports' = '${join(stack.varDir, 'no-such-exports')}': not a directory this user can read`,
    `${at(3)}'Paths.log' = '/no/such/dir/app.log': this user cannot create it there`,
    `${at(5)}'Site.base_url' = 'partners.example.com/': must start with http:// or https:// and not end with /`,
    `${at(6)}'Mail.smtp_url' = 'mail.example.com:25': must start with smtp:// or smtps://`,
    `${at(4)}'Api.secret_key_file' = '${keyFile}': it must hold 64 hex digits (32 random bytes)`,
  ];
  const lines = r.stderr.trim().split('\n');
  for (const e of expected) assert.ok(lines.includes(e), `missing:\n${e}\nin:\n${r.stderr}`);
  assert.equal(lines.at(-1), `7 problems in ${r.path}`);
});

test('a page program refuses to start on such a problem and says why in its log, with the time', async () => {
  const log = join(stack.varDir, 'log', 'refused.log');
  const [path, line] = configWith([`Paths.log = ${log}`, 'Paths.templates = /no/such/templates']);
  let code = 0;
  let stderr = '';
  try {
    ({ stderr } = await run(join(BUILD, 'cgi-bin', 'pc-home'), ['-c', path], { timeout: 10000 }));
  } catch (e) {
    code = e.code;
    stderr = e.stderr;
  }
  assert.equal(code, 1, 'exits at once with 1');
  assert.doesNotMatch(stderr, SANITIZER_REPORT);
  const text = readFileSync(log, 'utf8');
  assert.match(text, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ERROR config: ${path}:${line + 1}: key 'Paths.templates' = '/no/such/templates': not a directory this user can read$`, 'm'));
  assert.match(text, /ERROR not starting: 1 problem in /);
});

test('reset-password: a temporary password that must be changed at sign-in; the old one and the user\'s sessions end; audited', async () => {
  const before = await signIn(stack.base, 'csp.am1');
  const r = await stack.pcadm(['reset-password', 'csp.am1']);
  assert.equal(r.code, 0, r.stderr);
  const m = /^temporary password of csp\.am1: ([A-Za-z0-9]{14})$/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.equal((await before.get('/home')).status, 303, 'the session that was open has ended');
  assert.equal((await new Client(stack.base).login('csp.am1')).status, 400, 'the old password no longer works');
  const c = new Client(stack.base);
  const li = await c.login('csp.am1', m[1]);
  assert.equal(li.status, 303);
  assert.equal(li.location, '/auth/password', 'the temporary password must be changed first');
  assert.deepEqual(await stack.sql("SELECT actor_name, result FROM audit_events WHERE action = 'user.password_reset'"), [['pcadm', 'ok']]);
  const unknown = await stack.pcadm(['reset-password', 'no.such.user']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no user no\.such\.user/);
});

test('rotate-api-key-file: every secret sealed again under the new file, in one transaction that a key it cannot open stops', async () => {
  const oldKey = join(stack.varDir, 'api.key');
  const newKey = join(stack.varDir, 'api-new.key');
  writeFileSync(newKey, `${'0123456789abcdef'.repeat(4)}\n`);
  const sealed = async () => (await stack.sql('SELECT id, secret_enc FROM api_keys ORDER BY id')).map((r) => r.join(' '));
  const before = await sealed();
  assert.ok(before.length >= 2, 'the demo keys');
  // the new file alone opens nothing yet: nothing changes
  const [onlyNew] = configWith([`Api.secret_key_file = ${newKey}`]);
  const refused = await stack.pcadm(['-c', onlyNew, 'rotate-api-key-file']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /opens with neither key file: nothing changed/);
  assert.deepEqual(await sealed(), before);
  // new file current, old file previous: all sealed again
  const [both] = configWith([`Api.secret_key_file = ${newKey}`, `Api.previous_secret_key_file = ${oldKey}`]);
  const ok = await stack.pcadm(['-c', both, 'rotate-api-key-file']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, `${before.length} API secrets sealed with Api.secret_key_file; Api.previous_secret_key_file may now be removed\n`);
  const after = await sealed();
  assert.equal(after.length, before.length);
  for (let i = 0; i < after.length; i++) assert.notEqual(after[i], before[i]);
  // they open with the new file alone now (a second rotation changes them again), not with the old
  assert.equal((await stack.pcadm(['-c', onlyNew, 'rotate-api-key-file'])).code, 0);
  assert.equal((await stack.pcadm(['rotate-api-key-file'])).code, 1, 'the old file opens none of them');
  // the stack's programs (the old file) now open none of the demo keys: this is the file's last test
});
