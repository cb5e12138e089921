// The due-date settler `due_settle` (spec 9.4.2.1, 3e due_date_settler): for bills due the
// previous day (GMT+08:00) it deducts min(top-up balance, outstanding) from the top-up
// account, then charges the default card through the test provider, then marks the rest
// OVERDUE; keyed (bill, due date, AUTO | CARD) so that a re-run changes nothing.
// Bills of January 2026 fall due on 2026-02-20 23:59:59 local = 15:59:59 UTC.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startStack } from '../lib/stack.mjs';
import { USD, cleanWorld, ledgerClean, makeBill, moneyState, topUp, units } from '../lib/funds_seed.mjs';

let stack, w, billP1, billP2, billBig;
const one = async (q) => (await stack.sql(q))[0]?.[0];
const settle = async (now) => {
  const r = await stack.worker('run', 'due_settle', '--now', now);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r;
};
const card = (partner) => stack.sql(`INSERT INTO payment_cards (partner_id, last4, holder, expiry, is_default, created_at)
  VALUES (${partner}, '1111', 'TEST HOLDER', '2031-01', 1, UTC_TIMESTAMP())`);

before(async () => {
  stack = await startStack();
  w = await cleanWorld(stack);
  billP1 = await makeBill(stack, w, w.p1, w.c1, 202601, units('300.00'));
  billP2 = await makeBill(stack, w, w.p2, w.c2, 202601, units('50.13')); // the test provider declines .13
  billBig = await makeBill(stack, w, w.p1, w.c1, 202602, units('45000.00'));
  await topUp(stack, w.p1, '100.00', 'SETTLE-1');
  await card(w.p1);
  await card(w.p2);
});
after(async () => { await stack?.stop(); });

test('before the due date has passed (23:00 local on the due day) nothing is settled', async () => {
  const before = await moneyState(stack);
  await settle('2026-02-20 15:00:00');
  assert.deepEqual(await moneyState(stack), before);
});

test('on the next day: the balance first, then the default card; a declined card leaves the bill overdue', async () => {
  await settle('2026-02-20 16:05:00');
  assert.deepEqual(await stack.sql(`SELECT method, amount, status, idempotency_key FROM payments WHERE bill_id = ${billP1} ORDER BY id`), [
    ['AUTO_DEDUCTION', String(100n * USD), 'SUCCEEDED', `settle:${billP1}:2026-02-20:AUTO`],
    ['AUTO_CARD_CHARGE', String(200n * USD), 'SUCCEEDED', `settle:${billP1}:2026-02-20:CARD`],
  ]);
  assert.deepEqual(await stack.sql(`SELECT status, amount_paid FROM partner_bills WHERE id = ${billP1}`), [['paid', String(300n * USD)]]);
  assert.equal(await one(`SELECT balance FROM ledger_accounts WHERE code = 'p${w.p1}:top_up'`), '0');
  // partner 2 has no balance and its card is declined: the bill is overdue, the attempt recorded
  assert.deepEqual(await stack.sql(`SELECT method, status, journal_entry_id FROM payments WHERE bill_id = ${billP2}`), [['AUTO_CARD_CHARGE', 'FAILED', 'NULL']]);
  assert.deepEqual(await stack.sql(`SELECT status, amount_paid FROM partner_bills WHERE id = ${billP2}`), [['overdue', '0']]);
  // February's bill is not due yet
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${billBig}`), 'unpaid');
  await ledgerClean(stack);
});

test('a re-run, the same day or later, changes nothing', async () => {
  const before = await moneyState(stack);
  await settle('2026-02-20 16:05:00');
  await settle('2026-02-21 16:05:00');
  assert.deepEqual(await moneyState(stack), before);
});

test('over the card limit only the balance is used and the bill goes overdue; an overdue bill stays overdue until paid', async () => {
  await topUp(stack, w.p1, '20.00', 'SETTLE-2');
  await settle('2026-03-20 16:05:00');
  assert.deepEqual(await stack.sql(`SELECT method, amount, status FROM payments WHERE bill_id = ${billBig}`), [['AUTO_DEDUCTION', String(20n * USD), 'SUCCEEDED']]);
  assert.deepEqual(await stack.sql(`SELECT status, amount_paid FROM partner_bills WHERE id = ${billBig}`), [['overdue', String(20n * USD)]]);
  await topUp(stack, w.p1, '30.00', 'SETTLE-3');
  const before = await moneyState(stack);
  await settle('2026-03-21 16:05:00');
  assert.deepEqual(await moneyState(stack), before, 'the settler does not touch an overdue bill again');
  await ledgerClean(stack);
});

test('card_autocharge charges a new bill to the default card, then the other cards in order; a re-run tries no card twice', async () => {
  await stack.sql(`INSERT INTO payment_cards (partner_id, last4, holder, expiry, is_default, created_at)
    VALUES (${w.p1}, '4444', 'SECOND CARD', '2031-01', 0, UTC_TIMESTAMP())`);
  const declined = await makeBill(stack, w, w.p1, w.c1, 202604, units('20.13')); // the test provider declines .13
  const charged = await makeBill(stack, w, w.p2, w.c2, 202604, units('40.00'));
  const r = await stack.worker('run', 'card_autocharge', '--now', '2026-05-04 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const cards = await stack.sql(`SELECT id FROM payment_cards WHERE partner_id = ${w.p1} ORDER BY is_default DESC, id`);
  assert.deepEqual(await stack.sql(`SELECT idempotency_key, status FROM payments WHERE bill_id = ${declined} ORDER BY id`),
    cards.map(([id]) => [`autocharge:${declined}:CARD:${id}`, 'FAILED']));
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${declined}`), 'unpaid');
  assert.deepEqual(await stack.sql(`SELECT method, status, amount FROM payments WHERE bill_id = ${charged}`), [['AUTO_CARD_CHARGE', 'SUCCEEDED', String(40n * USD)]]);
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${charged}`), 'paid');
  const before = await moneyState(stack);
  await stack.worker('run', 'card_autocharge', '--now', '2026-05-04 02:00:00');
  assert.deepEqual(await moneyState(stack), before);
  await ledgerClean(stack);
});
