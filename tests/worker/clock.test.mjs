// The one clock (lib/base/clock.h) in the worker: pc-worker's --now is the moment of the whole
// run, so a mail a job queues is due at that moment, not at the host's time — a run of the mail
// job at the same --now sends it even when --now lies in the past.  A billing time zone the clock
// cannot count days in stops the worker before it runs anything.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUILD, startStack } from '../lib/stack.mjs';

let stack;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);

before(async () => {
  stack = await startStack({ smtp: true });
  await stack.sql("INSERT INTO budget_recipients (partner_id, name, email, phone) VALUES (1, 'Rui', 'clock1@example.com', '')");
});
after(async () => { await stack?.stop(); });

test('a mail queued by a job run with --now is due at that moment, and the mail job at the same --now sends it', async () => {
  // a past month: the host's clock is later than every moment of this test
  const now = '2025-03-10 02:00:00';
  // customer 6 "Fabrikam Logistics": 760 of a 1,000 USD monthly budget is the 75 % alert
  await stack.sql(`INSERT INTO budgets (customer_id, type, amount, policy, window_start, version, updated_by, updated_at) VALUES (6, 'monthly', ${USD(1000)}, 'manual', '2025-03-01', 1, 1, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE type = VALUES(type), amount = VALUES(amount), policy = VALUES(policy), window_start = VALUES(window_start), version = version + 1`);
  await stack.sql(`INSERT INTO customer_spend_daily (customer_id, day, monthly_settled, list_amount) VALUES (6, '2025-03-05', 0, ${USD(760)})`);
  let r = await stack.worker('run', 'budgets', '--now', now);
  assert.equal(r.code, 0, r.stderr);
  const queued = await stack.sql("SELECT next_attempt_at, created_at, status FROM mail_outbox WHERE to_addr = 'clock1@example.com'");
  assert.deepEqual(queued, [[now, now, 'pending']]);

  const sent0 = stack.smtp.messages.length;
  r = await stack.worker('run', 'mail', '--now', now);
  assert.equal(r.code, 0, r.stderr);
  await stack.smtp.waitFor(sent0 + 1);
  assert.deepEqual(await stack.sql("SELECT status, sent_at FROM mail_outbox WHERE to_addr = 'clock1@example.com'"), [['sent', now]]);
  assert.ok(stack.smtp.messages.slice(sent0).some((m) => /Fabrikam Logistics/.test(m.data)), 'the alert arrived');
});

test('a Billing.timezone that is not an offset from UTC stops pc-worker with the file, line and key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pc-clock-'));
  try {
    const conf = join(dir, 'bad.hdf');
    writeFileSync(conf, 'Site.name = X\nBilling.timezone = Asia/Shanghai\n');
    const r = await new Promise((ok) => execFile(join(BUILD, 'worker/pc-worker'), ['tick', '-c', conf],
      (err, stdout, stderr) => ok({ code: err ? err.code : 0, stdout, stderr })));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.hdf:2: key 'Billing\.timezone' must be an offset from UTC such as \+08:00, not 'Asia\/Shanghai'/);
    assert.equal(r.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
