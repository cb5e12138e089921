// pcadm check-config checks what the config names on this machine, each problem with the file and
// line of its key: the database (socket, password), the paths, the API key file, the URLs, and the
// enumerated and time-zone values; a page program refuses to start on such a problem and says why
// in its log.  One stack for the database; each case is a copy of its config with lines appended
// (the last assignment of a key wins, and its line is the one named).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
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
