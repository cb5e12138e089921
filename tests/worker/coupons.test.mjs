// The coupon jobs with time moved by --now: coupon_expiry (9.4.5.1.2: a
// coupon valid to 2025-09-30 23:59:59 GMT+08:00 is available at 23:59 and
// invalid after the next run, its balance written off once), coupon_notices
// (9.4.5.1.3: April → mails on the 23rd and the 27th only, once each, none
// when the switch is off) and the nightly ledger verification (a tampered
// coupon balance is found by pcadm verify-ledger and recorded by the job).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { localDay } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, SUNRISE;
const USD = (n) => String(BigInt(Math.round(n * 100)) * 1000000n);

before(async () => {
  stack = await startStack();
  SUNRISE = await one("SELECT id FROM partners WHERE account_name = 'sunrise'");
});
after(async () => { await stack?.stop(); });

async function one(query) {
  const rows = await stack.sql(query);
  return rows.length ? rows[0][0] : null;
}

async function run(job, now) {
  const r = await stack.worker('run', job, '--now', now);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r.stdout;
}

async function verify() {
  return stack.pcadm(['verify-ledger']);
}

test('coupon_expiry: available at 23:59 of the last day, invalid after the next run, written off once', async () => {
  const id = await one("SELECT id FROM coupons WHERE name = 'Partner growth coupon'");
  // valid to 2025-09-30 23:59:59 in GMT+08:00
  await stack.sql(`UPDATE coupons SET valid_from = '2025-01-01 00:00:00', valid_to = '2025-09-30 15:59:59' WHERE id = ${id}`);
  const entries = await one('SELECT COUNT(*) FROM journal_entries');
  await run('coupon_expiry', '2025-09-30 15:59:00');
  assert.deepEqual(await stack.sql(`SELECT status, balance FROM coupons WHERE id = ${id}`), [['available', USD(1000)]]);
  assert.equal(await one('SELECT COUNT(*) FROM journal_entries'), entries);
  const out = await run('coupon_expiry', '2025-09-30 16:15:00');
  assert.match(out, /coupon_expiry: ok, 1 done/);
  assert.deepEqual(await stack.sql(`SELECT status, balance FROM coupons WHERE id = ${id}`), [['invalid', '0']]);
  assert.deepEqual(await stack.sql(`SELECT e.kind, a.code, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key = 'coupon_expiry:${id}' ORDER BY p.amount`),
  [['coupon_expiry', 'vendor:coupons', `-${USD(1000)}`], ['coupon_expiry', `coupon:${id}`, USD(1000)]]);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'coupon.expire' AND object_id = ${id}`), '1');
  // the other coupons are valid for months yet; a re-run changes nothing
  assert.equal(await one("SELECT COUNT(*) FROM coupons WHERE status = 'available'"), '2');
  assert.match(await run('coupon_expiry', '2025-10-01 16:15:00'), /0 done/);
  assert.equal(await one('SELECT COUNT(*) FROM journal_entries'), String(Number(entries) + 1));
  const v = await verify();
  assert.equal(v.code, 0, v.stdout);
});

const aprilDays = Array.from({ length: 30 }, (_, i) => `2025-04-${String(i + 1).padStart(2, '0')}`);
// 09:00 GMT+08:00 is 01:00 UTC
const at9 = (day) => `${day} 01:00:00`;
const noticeMails = (like = '%') => stack.sql(`SELECT to_addr, subject FROM mail_outbox WHERE subject LIKE 'Test coupon balances%' AND subject LIKE '${like}' ORDER BY id`);

test('coupon_notices: April → mails on the 23rd and the 27th only, once each, with balances and the estimate', async () => {
  const id = await one("SELECT id FROM coupons WHERE name = 'PoC test coupon'");
  await stack.sql(`UPDATE coupons SET valid_from = '2025-03-01 00:00:00' WHERE id = ${id}`);
  for (const day of aprilDays.slice(0, 23)) await run('coupon_notices', at9(day));
  let mails = await noticeMails();
  assert.deepEqual(mails, [['csp.admin@sunrise.example', 'Test coupon balances: 7 days until the end of 2025-04']]);
  const body = await one("SELECT body FROM mail_outbox WHERE subject LIKE 'Test coupon balances: 7%'");
  assert.match(body, /PoC test coupon \(CP[0-9A-Z]{16}\): balance 300\.00 USD, used this month 0\.00 USD/);
  assert.match(body, /Estimated amount due this month: none yet\./);
  // a second run on the 23rd (another worker, a retry) sends nothing more
  await run('coupon_notices', '2025-04-23 05:00:00');
  assert.equal((await noticeMails()).length, 1);
  await stack.sql(`INSERT INTO bill_estimates (partner_id, billing_cycle, line_count, expenditures, refunds, adjustments, amount, computed_at)
    VALUES (${SUNRISE}, 202504, 3, ${USD(1300)}, -${USD(65.43)}, 0, ${USD(1234.57)}, '2025-04-26 16:00:00')`);
  for (const day of aprilDays.slice(23)) await run('coupon_notices', at9(day));
  mails = await noticeMails();
  assert.deepEqual(mails.map((m) => m[1]), ['Test coupon balances: 7 days until the end of 2025-04', 'Test coupon balances: 3 days until the end of 2025-04']);
  const second = await one("SELECT body FROM mail_outbox WHERE subject LIKE 'Test coupon balances: 3%'");
  assert.match(second, /Estimated amount due this month \(no tax, no coupons\): 1,234\.57 USD/);
  assert.deepEqual(await stack.sql(`SELECT partner_id, month, days_left, mails FROM coupon_notices ORDER BY days_left DESC`),
    [[SUNRISE, '202504', '7', '1'], [SUNRISE, '202504', '3', '1']]);
});

test('coupon_notices: nothing when the switch is off; February of a leap year counts 29 days', async () => {
  await stack.sql(`UPDATE coupons SET valid_to = '2028-12-31 15:59:59' WHERE name = 'PoC test coupon'`);
  await stack.sql(`UPDATE partners SET test_coupon_notice = 0 WHERE id = ${SUNRISE}`);
  await run('coupon_notices', at9('2025-06-23'));
  await run('coupon_notices', at9('2025-06-27'));
  assert.equal((await noticeMails('%2025-06')).length, 0);
  assert.equal(await one("SELECT COUNT(*) FROM coupon_notices WHERE month = 202506"), '0');
  await stack.sql(`UPDATE partners SET test_coupon_notice = 1 WHERE id = ${SUNRISE}`);
  for (const day of ['2028-02-21', '2028-02-22', '2028-02-23', '2028-02-25', '2028-02-26', '2028-02-27']) await run('coupon_notices', at9(day));
  assert.deepEqual((await noticeMails('%2028-02')).map((m) => m[1]),
    ['Test coupon balances: 7 days until the end of 2028-02', 'Test coupon balances: 3 days until the end of 2028-02']);
});

test('ledger job and pcadm verify-ledger: clean → 0; a tampered coupon balance is named and recorded', async () => {
  let v = await verify();
  assert.equal(v.code, 0, v.stdout);
  assert.match(await run('ledger', '2025-10-02 18:00:00'), /ledger: ok, 1 done/);
  assert.deepEqual(await stack.sql('SELECT problems, report FROM ledger_checks'), [['0', '']]);
  const [[id, code]] = await stack.sql("SELECT id, code FROM coupons WHERE name = 'PoC test coupon'");
  await stack.sql(`UPDATE coupons SET balance = balance - 100000000 WHERE id = ${id}`);
  v = await verify();
  assert.equal(v.code, 1);
  assert.match(v.stdout, new RegExp(`coupon ${id} \\(${code}\\): balance ${USD(299)}, its ledger account says ${USD(300)}`));
  await run('ledger', '2025-10-03 18:00:00');
  const [[problems, report]] = await stack.sql('SELECT problems, report FROM ledger_checks ORDER BY id DESC LIMIT 1');
  assert.ok(Number(problems) > 0);
  assert.match(report, new RegExp(`coupon ${id} \\(${code}\\)`));
  assert.match(await one("SELECT error FROM job_runs WHERE job = 'ledger' ORDER BY id DESC LIMIT 1"), /ledger: 1 problem/);
  await stack.sql(`UPDATE coupons SET balance = balance + 100000000 WHERE id = ${id}`);
  assert.equal((await verify()).code, 0);
  assert.equal(await one("SELECT COUNT(*) FROM jobs WHERE name IN ('ledger', 'coupon_expiry', 'coupon_notices') AND interval_seconds = 86400"), '3');
});

test('after the bill run the usage record shows what each coupon paid, and the ledger agrees', async () => {
  // every partner holds a coupon (the run is exercised with coupons on each bill)
  const operator = new Client(stack.base);
  assert.equal((await operator.login('operator')).status, 303);
  const month = localDay().slice(0, 7); // this cycle in GMT+08:00
  for (const [partner] of await stack.sql("SELECT p.id FROM partners p WHERE NOT EXISTS (SELECT 1 FROM coupons k WHERE k.owner_partner_id = p.id)")) {
    await operator.get('/admin/coupons');
    const r = await operator.post('/admin/coupons', { partner_id: partner, name: `Coupon of ${partner}`, face_value: '50', kind: 'normal',
      valid_from: '2025-01-01', valid_to: `${Number(month.slice(0, 4)) + 1}-12-31` });
    assert.equal(r.status, 303);
  }
  // the demo data billed the two previous months; day 4 of next month (GMT+08:00) bills this one
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const out = await run('bills', `${next}-04 04:00:00`);
  assert.match(out, /bills: ok/);
  assert.equal(await one(`SELECT COUNT(*) FROM partner_bills WHERE partner_id = ${SUNRISE} AND billing_cycle = ${month.replace('-', '')}`), '1');
  // a coupon's face value = its balance + what bills took + what was written off
  const rows = await stack.sql(`SELECT k.id, k.face_value - k.balance, COALESCE((SELECT SUM(u.amount) FROM coupon_usage u WHERE u.coupon_id = k.id), 0),
    COALESCE((SELECT SUM(p.amount) FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
      WHERE a.code = CONCAT('coupon:', k.id) AND e.kind IN ('coupon_expiry', 'coupon_reclaim')), 0) FROM coupons k WHERE k.issuer = 'vendor'`);
  for (const [id, spent, used, writtenOff] of rows) assert.equal(BigInt(spent), BigInt(used) + BigInt(writtenOff), `coupon ${id}`);
  const v = await verify();
  assert.equal(v.code, 0, v.stdout);
  const [[couponId, uses]] = await stack.sql(`SELECT u.coupon_id, COUNT(*) FROM coupon_usage u JOIN coupons k ON k.id = u.coupon_id
    WHERE k.owner_partner_id = ${SUNRISE} GROUP BY u.coupon_id ORDER BY COUNT(*) DESC LIMIT 1`);
  const admin = new Client(stack.base);
  assert.equal((await admin.login('csp.finance1')).status, 303);
  const page = await admin.get(`/finance/coupons/${couponId}`);
  assert.equal(page.status, 200);
  const amounts = [...page.text.matchAll(/<td class="amount">([\d,]+\.\d{8})<\/td>/g)];
  assert.equal(amounts.length, Number(uses));
});
