// The "development" job (9.2.2.1, 9.2.2.2): pre-registrations still
// PREREGISTERED and invitations still INVITED expire at their expires_at,
// nothing else is touched, and a re-run changes nothing.  Time moves with --now.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStack } from '../lib/stack.mjs';

let stack, SUNRISE, ADMIN;

before(async () => {
  stack = await startStack();
  SUNRISE = (await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0][0];
  ADMIN = (await stack.sql("SELECT id FROM users WHERE username = 'csp.admin'"))[0][0];
  // four pre-registrations around 2030-03-16 10:00, each with an invitation expiring with it
  const rows = [
    ['due@x.example', 'PREREGISTERED', '2030-03-16 10:00:00'],
    ['later@x.example', 'PREREGISTERED', '2030-03-16 10:00:01'],
    ['review@x.example', 'UNDER_REVIEW', '2030-03-16 10:00:00'],
    ['done@x.example', 'ASSOCIATED', '2030-03-01 00:00:00'],
  ];
  for (const [email, status, expires] of rows) {
    await stack.sql('INSERT INTO preregistrations (partner_id, full_name, email, status, preregistered_at, expires_at, created_by) '
      + `VALUES (${SUNRISE}, 'W', '${email}', '${status}', '2030-03-01 10:00:00', '${expires}', ${ADMIN})`);
    await stack.sql('INSERT INTO invitations (partner_id, preregistration_id, method, token_hash, status, email, sent_at, expires_at) '
      + `SELECT ${SUNRISE}, id, 'email', SHA2(email, 256), IF(status = 'ASSOCIATED', 'ASSOCIATED', 'INVITED'), email, `
      + `'2030-03-01 10:00:00', expires_at FROM preregistrations WHERE email = '${email}'`);
  }
});
after(async () => { await stack?.stop(); });

const state = async () => stack.sql("SELECT p.email, p.status, i.status FROM preregistrations p "
  + "JOIN invitations i ON i.preregistration_id = p.id WHERE p.email LIKE '%@x.example' ORDER BY p.email");

test('nothing is due before expires_at', async () => {
  const before = await state();
  const r = await stack.worker('run', 'development', '--now', '2030-03-16 09:59:59');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await state(), before);
});

test('at expires_at the pre-registration and its invitation expire; the rest stays; a re-run is a no-op', async () => {
  const r = await stack.worker('run', 'development', '--now', '2030-03-16 10:00:00');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await state(), [
    ['done@x.example', 'ASSOCIATED', 'ASSOCIATED'],
    ['due@x.example', 'EXPIRED', 'EXPIRED'],
    ['later@x.example', 'PREREGISTERED', 'INVITED'],
    ['review@x.example', 'UNDER_REVIEW', 'EXPIRED'],
  ]);
  const runs = await stack.sql("SELECT items, status FROM job_runs WHERE job = 'development' ORDER BY id DESC LIMIT 1");
  assert.deepEqual(runs, [['3', 'ok']], 'one pre-registration and two invitations');
  const again = await stack.worker('run', 'development', '--now', '2030-03-16 10:00:00');
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual((await stack.sql("SELECT items FROM job_runs WHERE job = 'development' ORDER BY id DESC LIMIT 1")), [['0']]);
  assert.equal((await state())[1][1], 'EXPIRED');
});

test('the job is scheduled every 10 minutes and runs from tick', async () => {
  assert.deepEqual(await stack.sql("SELECT interval_seconds FROM jobs WHERE name = 'development'"), [['600']]);
  const r = await stack.worker('tick', '--now', '2030-03-20 00:00:00');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /job development: ok, 2 done/);
  assert.deepEqual(await stack.sql("SELECT next_run_at FROM jobs WHERE name = 'development'"), [['2030-03-20 00:10:00']]);
  assert.equal((await state())[2][1], 'EXPIRED');
});
