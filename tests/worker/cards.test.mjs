// The card jobs of spec 9.4.2.2: card_quota (hourly) charges a partner whose spending
// (unpaid bills + unbilled estimate + credit used − top-up balance) passes its credit
// quota the excess, as a pre-payment (top-up balance, a pre-payment invoice numbered in
// the payment's transaction), keyed per partner and hour so that a re-run never charges
// twice; card_expiry (daily) marks cards past their month EXPIRED, and no job charges them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { local, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';
import { runEstimates, seedLine } from '../lib/bill_seed.mjs';
import { USD, cleanWorld, ledgerClean, makeBill, moneyState, units } from '../lib/funds_seed.mjs';

let stack, w, bill, cardA, cardB;
const one = async (q) => (await stack.sql(q))[0]?.[0];
const run = async (job, now) => {
  const r = await stack.worker('run', job, '--now', now);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r;
};
const addCard = async (partner, last4, expiry, isDefault) => {
  await stack.sql(`INSERT INTO payment_cards (partner_id, last4, holder, expiry, is_default, created_at)
    VALUES (${partner}, '${last4}', 'TEST HOLDER', '${expiry}', ${isDefault}, UTC_TIMESTAMP())`);
  return Number(await one(`SELECT MAX(id) FROM payment_cards WHERE partner_id = ${partner}`));
};
const invoiceState = () => stack.sql('SELECT COUNT(*), (SELECT GROUP_CONCAT(last_no ORDER BY entity, kind) FROM invoice_counters) FROM invoices');

before(async () => {
  stack = await startStack();
  w = await cleanWorld(stack);
  bill = await makeBill(stack, w, w.p1, w.c1, monthsBack(2), units('100.00'));
  cardA = await addCard(w.p1, '1111', '2031-01', 1);
  cardB = await addCard(w.p1, '4444', '2031-02', 0);
  await stack.sql(`INSERT INTO credit_quotas (partner_id, quota, updated_at) VALUES (${w.p1}, ${60n * USD}, UTC_TIMESTAMP())
    ON DUPLICATE KEY UPDATE quota = ${60n * USD}`);
});
after(async () => { await stack?.stop(); });

test('within the quota nothing is charged', async () => {
  await stack.sql(`UPDATE credit_quotas SET quota = ${100n * USD} WHERE partner_id = ${w.p1}`);
  const before = await moneyState(stack);
  await run('card_quota', '2026-11-22 09:10:00');
  assert.deepEqual(await moneyState(stack), before, '100 owed, quota 100: not over');
  await stack.sql(`UPDATE credit_quotas SET quota = ${60n * USD} WHERE partner_id = ${w.p1}`);
});

test('over the quota: the default card is charged the excess as a pre-payment with its invoice, in one transaction', async () => {
  const [[invoicesBefore]] = await stack.sql(`SELECT COUNT(*) FROM invoices WHERE kind = 'prepayment'`);
  await run('card_quota', '2026-11-22 10:05:00');
  const key = `quota:${w.p1}:2026112210:CARD:${cardA}`;
  const [[id, method, amount, status, billId, entry, topEntry]] = await stack.sql(`SELECT id, method, amount, status, IFNULL(bill_id, 0), journal_entry_id, IFNULL(top_up_entry_id, 0)
    FROM payments WHERE idempotency_key = '${key}'`);
  assert.deepEqual([method, amount, status, billId, topEntry], ['AUTO_CARD_CHARGE', String(40n * USD), 'SUCCEEDED', '0', '0'], '100 owed − quota 60');
  assert.deepEqual(await stack.sql(`SELECT e.kind, a.code, p.amount FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = ${entry} ORDER BY a.code`),
  [['top_up', `p${w.p1}:top_up`, String(-40n * USD)], ['top_up', 'vendor:cash', String(40n * USD)]]);
  assert.deepEqual(await stack.sql(`SELECT amount_paid, status FROM partner_bills WHERE id = ${bill}`), [['0', 'unpaid']], 'a pre-payment pays no bill');
  const [[kind, number, istatus, payable, category, tax]] = await stack.sql(`SELECT kind, number, status, payable, tax_category, tax FROM invoices
    WHERE partner_id = ${w.p1} AND kind = 'prepayment' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual([kind, istatus, payable, category, tax], ['prepayment', 'issued', String(40n * USD), 'O', '0']);
  assert.equal(Number(await one(`SELECT COUNT(*) FROM invoices WHERE kind = 'prepayment'`)), Number(invoicesBefore) + 1);
  // numbered in the entity's invoice sequence like bills and top-ups: no gap, no repeat
  const [[entity, counter]] = await stack.sql(`SELECT i.entity, c.last_no FROM invoices i JOIN invoice_counters c ON c.entity = i.entity AND c.kind = 'invoice' WHERE i.number = '${number}'`);
  assert.ok(number.endsWith(String(counter).padStart(6, '0')), `${number} is number ${counter} of ${entity}`);
  assert.match(await one(`SELECT description FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number = '${number}'`), new RegExp(`^Pre-payment ${key}`));
  assert.ok(id);
  await ledgerClean(stack);
});

test('a re-run in the same hour and a run the next hour charge nothing more (the top-up balance covers the excess)', async () => {
  const before = await moneyState(stack);
  const inv = await invoiceState();
  await run('card_quota', '2026-11-22 10:40:00');
  await run('card_quota', '2026-11-22 11:05:00');
  assert.deepEqual(await moneyState(stack), before);
  assert.deepEqual(await invoiceState(), inv);
});

test('a declined excess tries the other cards in order, posts nothing, and is not tried again in the hour', async () => {
  // 25.13 of unbilled estimate: the test provider declines amounts ending in .13
  await seedLine(stack, w.p1, monthsBack(0), { customer: w.c1, productId: w.product, list: units('25.13') });
  await runEstimates(stack);
  const entries = await one('SELECT COUNT(*) FROM journal_entries');
  const inv = await invoiceState();
  await run('card_quota', '2026-11-22 12:05:00');
  assert.deepEqual(await stack.sql(`SELECT idempotency_key, amount, status, IFNULL(journal_entry_id, 0) FROM payments WHERE idempotency_key LIKE 'quota:${w.p1}:2026112212:%' ORDER BY id`), [
    [`quota:${w.p1}:2026112212:CARD:${cardA}`, String(units('25.13')), 'FAILED', '0'],
    [`quota:${w.p1}:2026112212:CARD:${cardB}`, String(units('25.13')), 'FAILED', '0']]);
  assert.equal(await one('SELECT COUNT(*) FROM journal_entries'), entries);
  assert.deepEqual(await invoiceState(), inv, 'a declined charge has no invoice and takes no number');
  const before = await moneyState(stack);
  await run('card_quota', '2026-11-22 12:50:00');
  assert.deepEqual(await moneyState(stack), before, 'one attempt per partner and hour');
  await ledgerClean(stack);
});

test('a charge whose answer never came (INITIATED) stops further quota charges of the partner', async () => {
  await stack.sql(`INSERT INTO payments (idempotency_key, partner_id, method, amount, amount_ccy, currency, status, card_id, created_at)
    VALUES ('quota:${w.p1}:2026112213:CARD:${cardA}', ${w.p1}, 'AUTO_CARD_CHARGE', ${units('25.13')}, ${units('25.13')}, 'USD', 'INITIATED', ${cardA}, '2026-11-22 13:05:00')`);
  const before = await moneyState(stack);
  await run('card_quota', '2026-11-22 14:05:00');
  assert.deepEqual(await moneyState(stack), before, 'the excess is still there, but an unanswered charge may have been made');
  await stack.sql(`UPDATE payments SET status = 'FAILED' WHERE idempotency_key = 'quota:${w.p1}:2026112213:CARD:${cardA}'`);
});

test('card_expiry marks cards past their month EXPIRED; expired cards are not charged', async () => {
  // at 2031-02-01 (local) card A (2031-01) has expired, card B (2031-02) is valid for the month
  await run('card_expiry', '2031-01-31 15:59:00');
  assert.deepEqual(await stack.sql(`SELECT status FROM payment_cards WHERE id IN (${cardA}, ${cardB}) ORDER BY id`), [['ACTIVE'], ['ACTIVE']], '23:59 local on Jan 31');
  // before the marking: the quota job already skips card A
  await stack.sql(`DELETE FROM bill_estimates WHERE partner_id = ${w.p1}`);
  await stack.sql(`UPDATE credit_quotas SET quota = ${50n * USD} WHERE partner_id = ${w.p1}`);
  await run('card_quota', '2031-01-31 16:10:00');
  assert.deepEqual(await stack.sql(`SELECT idempotency_key, amount, status FROM payments WHERE idempotency_key LIKE 'quota:${w.p1}:2031013116:%'`),
    [[`quota:${w.p1}:2031013116:CARD:${cardB}`, String(10n * USD), 'SUCCEEDED']], '100 − 40 − 50 on card B only');
  const r = await run('card_expiry', '2031-01-31 16:10:00');
  assert.deepEqual(await stack.sql(`SELECT status FROM payment_cards WHERE id IN (${cardA}, ${cardB}) ORDER BY id`), [['EXPIRED'], ['ACTIVE']]);
  await run('card_expiry', '2031-02-01 16:10:00');
  assert.deepEqual(await stack.sql(`SELECT status FROM payment_cards WHERE id IN (${cardA}, ${cardB}) ORDER BY id`), [['EXPIRED'], ['ACTIVE']], 'a re-run changes nothing');
  assert.ok(r);
  await ledgerClean(stack);
});
