// The stack comes up, answers /healthz, and a demo login reaches /home.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { TOP, startStack } from '../lib/stack.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

test('/healthz answers ok while the database is up, with the release and the worker\'s last good run', async () => {
  const version = readFileSync(join(TOP, 'VERSION'), 'utf8').trim();
  const r = await new Client(stack.base).get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, `ok\nversion ${version}\nworker last ok never\n`);
  await stack.sql("INSERT INTO job_runs (job, started_at, ended_at, status) VALUES ('mail', '2030-01-01 00:00:00', '2030-01-01 00:00:01', 'ok'), ('bills', '2030-01-01 00:00:02', '2030-01-01 00:00:09', 'error')");
  assert.equal((await new Client(stack.base).get('/healthz')).text, `ok\nversion ${version}\nworker last ok 2030-01-01T00:00:01Z (job mail)\n`);
  const pcadm = await stack.pcadm(['version']);
  assert.equal(pcadm.stdout, `Partner Center ${version}\n`);
  const c = new Client(stack.base);
  assert.match((await c.get('/auth/login')).text, new RegExp(`<footer class="bottom">Partner Center ${version.replace(/\./g, '\\.')} · `));
});

test('csp.admin signs in and sees the partner on the home page', async () => {
  const c = new Client(stack.base);
  const r = await c.login('csp.admin');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/home');
  const home = await c.get('/home');
  assert.equal(home.status, 200);
  assert.match(home.text, /Sunrise Cloud Solutions/);
  assert.match(home.text, /<h2 id="todos-title">To-dos<\/h2>/);
});

test('an unknown address gets the 404 page from the template', async () => {
  const r = await new Client(stack.base).get('/no/such/page');
  assert.equal(r.status, 404);
  assert.match(r.text, /<h1>404 · Not found<\/h1>/);
});
