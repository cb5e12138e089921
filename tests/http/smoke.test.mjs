// The stack comes up, answers /healthz, and a demo login reaches /home.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

test('/healthz answers ok while the database is up', async () => {
  const r = await new Client(stack.base).get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok\n');
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
