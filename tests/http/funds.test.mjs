// Funds (spec 9.4.2.1, 9.4.2.2, 9.4.1.6, 3d.9): the Pay tab with the unsettled bills, their
// rate and the payable amount in the payment currency, the bank reference (ISO 11649);
// payments from the top-up balance, the credit account and by card through the test provider
// (approve, decline), within the limits and never above what is due; the Payment Method tab
// (cards: only last 4, holder and expiry kept; the credit quota rule; the default card);
// who must not see or do what; every refused request leaves the database as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { local, monthsBack } from '../lib/dates.mjs';
import { startStack } from '../lib/stack.mjs';
import { runEstimates, seedLine } from '../lib/bill_seed.mjs';
import { USD, cleanWorld, ledgerClean, makeBill, moneyState, rfValid, topUp, units } from '../lib/funds_seed.mjs';

let stack, w, admin, finance, am, dist, billA, billB, billOther, billOlder;

const signed = (name) => signIn(stack.base, name);
const text = (html, id) => { const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html); return m ? m[1] : null; };
const row = (html, bill) => { const m = new RegExp(`<tr data-bill="${bill}">[\\s\\S]*?</tr>`).exec(html); return m ? m[0] : null; };
const one = async (q) => (await stack.sql(q))[0]?.[0];
const payKey = (html) => /name="key" value="([0-9a-f]{64})"/.exec(html)[1];

async function pay(client, fields) {
  const page = await client.get('/finance/funds?tab=pay');
  return client.post('/finance/funds/pay', { key: payKey(page.text), ...fields });
}

before(async () => {
  stack = await startStack();
  w = await cleanWorld(stack);
  // partner 1 pays in EUR at the spec's rate (3d.9)
  await stack.sql(`UPDATE partners SET payment_currency = 'EUR' WHERE id = ${w.p1};
    INSERT INTO exchange_rates (currency, day, rate) VALUES ('EUR', '2000-01-01', 0.9010211901)`);
  billA = await makeBill(stack, w, w.p1, w.c1, monthsBack(3), units('113345.00'));
  billB = await makeBill(stack, w, w.p1, w.c1, monthsBack(2), units('100.00'));
  billOther = await makeBill(stack, w, w.p2, w.c2, monthsBack(2), units('50.00'));
  billOlder = await makeBill(stack, w, w.p2, w.c2, monthsBack(4), units('30.00'));
  admin = await signed('csp.admin');
  finance = await signed('csp.finance1');
  am = await signed('csp.am1');
  dist = await signed('dist.admin');
});
after(async () => { await stack?.stop(); });

test('Pay lists the unsettled bills with deadline, status, rate, payable EUR (half-up) and a valid RF reference', async () => {
  const r = await finance.get('/finance/funds?tab=pay');
  assert.equal(r.status, 200);
  const a = row(r.text, billA);
  assert.ok(a, 'bill A is listed');
  assert.match(a, /class="num outstanding">113,345\.00</);
  assert.match(a, /1 USD = 0\.9010211901 EUR/);
  assert.match(a, /class="num payable">102,126\.25 EUR</, '113,345.00 × 0.9010211901 = 102,126.2467… → 102,126.25');
  assert.match(a, /class="status">Unpaid</);
  assert.equal(text(r.text, 'amount-due'), '113,445.00', 'the two bills of partner 1');
  assert.equal(text(r.text, 'estimate'), 'none yet');
  await seedLine(stack, w.p1, monthsBack(0), { customer: w.c1, productId: w.product, list: units('12.34') });
  await runEstimates(stack);
  assert.equal(text((await finance.get('/finance/funds?tab=pay')).text, 'estimate'), '12.34 USD');
  const rf = /<code>(RF[0-9A-Z]+)<\/code>/.exec(a)[1];
  assert.ok(rfValid(rf), rf);
  assert.ok(rf.endsWith(`PCB${billA}`));
  assert.ok(row(r.text, billB));
  assert.equal(row(r.text, billOther), null, "another partner's bill is not listed");
  assert.doesNotMatch(r.text, /id="pay-submit"/, 'a finance specialist does not pay');
  assert.match((await admin.get('/finance/funds?tab=pay')).text, /id="pay-submit"/);
  const zh = await finance.get('/finance/funds?tab=pay&lang=zh');
  assert.equal(zh.status, 200);
});

test('who may not: an account manager gets 403, a non-Admin cannot pay, a bad tab is 400', async () => {
  const before = await moneyState(stack);
  assert.equal((await am.get('/finance/funds')).status, 403);
  assert.equal((await am.get('/finance/funds?tab=pay')).status, 403);
  const page = await admin.get('/finance/funds?tab=pay');
  assert.equal((await finance.post('/finance/funds/pay', { csrf: null, key: payKey(page.text), bill_id: billB, amount: '1.00', method: 'card' })).status, 403);
  await finance.get('/finance/funds?tab=pay');
  assert.equal((await finance.post('/finance/funds/pay', { key: payKey(page.text), bill_id: billB, amount: '1.00', method: 'balance' })).status, 403);
  assert.equal((await finance.get('/finance/funds?tab=nope')).status, 400);
  assert.deepEqual(await moneyState(stack), before);
});

test('refused payments say why and change nothing: over the limit, over the amount due, bad amounts, short balance', async () => {
  await admin.get('/finance/funds?tab=methods');
  assert.equal((await admin.post('/finance/funds/cards', { card_no: '4111 1111 1111 1111', holder: 'APRIL SMITH', expiry: '2031-07', security_code: '123', agree: 'yes' })).status, 303);
  const card = await one(`SELECT id FROM payment_cards WHERE partner_id = ${w.p1}`);
  const before = await moneyState(stack);
  let r = await pay(admin, { bill_id: billA, amount: '40000.01', method: 'card', card_id: card });
  assert.equal(r.status, 400);
  assert.match(r.text, /A single online payment must be above 0 and at most 40,000\.00 USD/);
  r = await pay(admin, { bill_id: billA, amount: '113346.00', method: 'balance' });
  assert.equal(r.status, 400);
  assert.match(r.text, /more than the bill still owes/);
  r = await pay(admin, { bill_id: billB, amount: '100.01', method: 'card', card_id: card });
  assert.match(r.text, /more than the bill still owes/);
  r = await pay(admin, { bill_id: billB, amount: '1.001', method: 'balance' });
  assert.match(r.text, /at most 2 decimals/);
  r = await pay(admin, { bill_id: billB, amount: 'ten', method: 'balance' });
  assert.equal(r.status, 400);
  r = await pay(admin, { bill_id: billB, amount: '0', method: 'balance' });
  assert.equal(r.status, 400);
  r = await pay(admin, { bill_id: billB, amount: '1.00', method: 'cash' });
  assert.equal(r.status, 400);
  r = await pay(admin, { bill_id: billB, amount: '10.00', method: 'balance' });
  assert.equal(r.status, 400);
  assert.match(r.text, /top-up balance is not enough/);
  r = await pay(admin, { bill_id: billB, amount: '10.00', method: 'card', card_id: 999999 });
  assert.match(r.text, /Choose one of your cards/);
  assert.deepEqual(await moneyState(stack), before);
});

test("partner B's bill is 404 to partner A, and a card of another partner is refused", async () => {
  const before = await moneyState(stack);
  assert.equal((await pay(admin, { bill_id: billOther, amount: '1.00', method: 'balance' })).status, 404);
  assert.equal((await pay(dist, { bill_id: billA, amount: '1.00', method: 'balance' })).status, 404);
  assert.deepEqual(await moneyState(stack), before);
  await ledgerClean(stack);
});

test('paying from the top-up balance: one entry top_up Dr / receivable Cr, the bill partially paid then paid', async () => {
  await topUp(stack, w.p1, '150.00', 'BANK-REF-1');
  await topUp(stack, w.p1, '150.00', 'BANK-REF-1'); // the same bank reference again: a no-op
  let r = await admin.get('/finance/funds?tab=pay');
  assert.equal(text(r.text, 'top-up-balance'), '150.00');
  r = await pay(admin, { bill_id: billB, amount: '40.00', method: 'balance' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT amount_paid, status FROM partner_bills WHERE id = ${billB}`), [[String(40n * USD), 'partially_paid']]);
  const [[method, status, amount, entry]] = await stack.sql(`SELECT method, status, amount, journal_entry_id FROM payments WHERE bill_id = ${billB}`);
  assert.deepEqual([method, status, amount], ['BALANCE_DEDUCTION', 'SUCCEEDED', String(40n * USD)]);
  const postings = await stack.sql(`SELECT a.code, p.amount FROM journal_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = ${entry} ORDER BY a.code`);
  assert.deepEqual(postings, [[`p${w.p1}:receivable`, String(-40n * USD)], [`p${w.p1}:top_up`, String(40n * USD)]]);
  r = await pay(admin, { bill_id: billB, amount: '60.00', method: 'balance' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT amount_paid, status FROM partner_bills WHERE id = ${billB}`), [[String(100n * USD), 'paid']]);
  r = await admin.get('/finance/funds?tab=pay');
  assert.equal(text(r.text, 'top-up-balance'), '50.00');
  assert.equal(row(r.text, billB), null, 'a paid bill is no longer listed');
  await ledgerClean(stack);
});

test('a double submit of one form pays once (the form key is the idempotency key)', async () => {
  const page = await admin.get('/finance/funds?tab=pay');
  const key = payKey(page.text);
  const before = await one(`SELECT amount_paid FROM partner_bills WHERE id = ${billA}`);
  assert.equal((await admin.post('/finance/funds/pay', { key, bill_id: billA, amount: '5.00', method: 'balance' })).status, 303);
  await admin.get('/finance/funds?tab=pay');
  assert.equal((await admin.post('/finance/funds/pay', { key, bill_id: billA, amount: '5.00', method: 'balance' })).status, 303);
  assert.equal(BigInt(await one(`SELECT amount_paid FROM partner_bills WHERE id = ${billA}`)) - BigInt(before), 5n * USD);
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${billA}`), 'partially_paid');
  await ledgerClean(stack);
});

test('paying from the credit account uses the quota of the card', async () => {
  const r = await pay(admin, { bill_id: billA, amount: '995.00', method: 'credit' });
  assert.equal(r.status, 303);
  const page = await admin.get('/finance/funds?tab=pay');
  assert.equal(text(page.text, 'credit-used'), '995.00');
  assert.equal(text(page.text, 'credit-available'), '5.00');
  const over = await pay(admin, { bill_id: billA, amount: '5.01', method: 'credit' });
  assert.match(over.text, /credit available is not enough/);
  const [[entry]] = await stack.sql(`SELECT journal_entry_id FROM payments WHERE method = 'CREDIT_DEDUCTION'`);
  assert.deepEqual(await stack.sql(`SELECT a.code, p.amount FROM journal_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = ${entry} ORDER BY a.code`),
    [[`p${w.p1}:credit`, String(995n * USD)], [`p${w.p1}:receivable`, String(-995n * USD)]]);
  await ledgerClean(stack);
});

test('by card: the test provider approves (a top-up entry vendor_cash Dr / top_up Cr, a payment entry top_up Dr / receivable Cr) and declines amounts ending in .13', async () => {
  const card = await one(`SELECT id FROM payment_cards WHERE partner_id = ${w.p1}`);
  const paidBefore = BigInt(await one(`SELECT amount_paid FROM partner_bills WHERE id = ${billA}`));
  let r = await pay(admin, { bill_id: billA, amount: '40000.00', method: 'card', card_id: card });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /msg=payment_done/);
  const [[payId, status, entry, topEntry, key]] = await stack.sql(`SELECT id, status, journal_entry_id, top_up_entry_id, idempotency_key FROM payments WHERE method = 'ONLINE_CARD' AND amount = ${40000n * USD}`);
  assert.equal(status, 'SUCCEEDED');
  const postings = (id) => stack.sql(`SELECT e.kind, e.idem_key, a.code, p.amount FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = ${id} ORDER BY a.code`);
  assert.deepEqual(await postings(topEntry),
    [['top_up', `${key}:top_up`, `p${w.p1}:top_up`, String(-40000n * USD)], ['top_up', `${key}:top_up`, 'vendor:cash', String(40000n * USD)]]);
  assert.deepEqual(await postings(entry),
    [['payment', key, `p${w.p1}:receivable`, String(-40000n * USD)], ['payment', key, `p${w.p1}:top_up`, String(40000n * USD)]]);
  // 9.4.2.1: an online payment shows as a top-up line and a payment line, each its own entry
  const st = await admin.get('/finance/funds/statements?account=top_up');
  const mine = [...st.text.matchAll(/<tr data-entry="(\d+)">([\s\S]*?)<\/tr>/g)].filter((m) => [entry, topEntry].includes(m[1]))
    .map((m) => [m[1], /class="type">([^<]*)</.exec(m[2])[1], /class="dir">([^<]*)</.exec(m[2])[1], /class="num amount">([^<]*)</.exec(m[2])[1],
      /class="order-id">([^<]*)</.exec(m[2])[1], /<code>([^<]*)<\/code>/.exec(m[2])[1]]);
  assert.deepEqual(mine, [
    [entry, 'Payment', 'Expense', '-40,000.00', `PAY-${payId} / BILL-${billA}`, key],
    [topEntry, 'Top-up', 'Income', '40,000.00', `PAY-${payId} / BILL-${billA}`, `${key}:top_up`]]);
  const entries = await one('SELECT COUNT(*) FROM journal_entries');
  r = await pay(admin, { bill_id: billA, amount: '12.13', method: 'card', card_id: card });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /msg=card_declined/);
  const shown = await admin.get(r.headers.get('location'));
  assert.match(shown.text, /The card was declined/);
  assert.deepEqual(await stack.sql(`SELECT status, journal_entry_id FROM payments WHERE amount = ${units('12.13')}`), [['FAILED', 'NULL']]);
  assert.equal(await one('SELECT COUNT(*) FROM journal_entries'), entries, 'a declined payment posts nothing');
  assert.equal(BigInt(await one(`SELECT amount_paid FROM partner_bills WHERE id = ${billA}`)) - paidBefore, 40000n * USD);
  await ledgerClean(stack);
});

test('cards: only the last 4, the holder and the expiry are stored; the quota rule; the default card cannot be deleted', async () => {
  // the first card (added above) raised the quota from none to 1,000
  assert.equal(await one(`SELECT quota FROM credit_quotas WHERE partner_id = ${w.p1}`), String(1000n * USD));
  await stack.sql(`UPDATE credit_quotas SET quota = ${2000n * USD} WHERE partner_id = ${w.p1}`);
  await admin.get('/finance/funds');
  let r = await admin.post('/finance/funds/cards', { card_no: '5555555555554444', holder: 'APRIL SMITH', expiry: '2030-01', security_code: '987', agree: 'yes' });
  assert.equal(r.status, 303);
  assert.equal(await one(`SELECT quota FROM credit_quotas WHERE partner_id = ${w.p1}`), String(2000n * USD), '2,000 stays 2,000');
  const cards = await stack.sql(`SELECT * FROM payment_cards WHERE partner_id = ${w.p1}`);
  const dump = JSON.stringify(cards) + JSON.stringify(await stack.sql('SELECT detail FROM audit_events'));
  for (const secret of ['4111111111111111', '5555555555554444', '555555', '411111', '987']) assert.ok(!dump.includes(secret), secret);
  const page = await admin.get('/finance/funds?tab=methods');
  assert.match(page.text, /\*\*\*\* 1111/);
  assert.match(page.text, /\*\*\*\* 4444/);
  const [[def], [other]] = await stack.sql(`SELECT id FROM payment_cards WHERE partner_id = ${w.p1} ORDER BY is_default DESC, id`);
  assert.match(page.text, new RegExp(`<tr data-card="${def}">[\\s\\S]*?class="delete" disabled`));
  const before = await moneyState(stack);
  r = await admin.post(`/finance/funds/cards/${def}/delete`, { confirm: '1' });
  assert.equal(r.status, 409);
  assert.match(r.text, /default card cannot be deleted/);
  await admin.get('/finance/funds');
  assert.equal((await dist.post(`/finance/funds/cards/${other}/delete`, { confirm: '1' })).status, 404);
  assert.equal((await finance.post(`/finance/funds/cards/${other}/delete`, { confirm: '1' })).status, 403);
  assert.deepEqual(await moneyState(stack), before);
  await admin.get('/finance/funds');
  assert.equal((await admin.post(`/finance/funds/cards/${other}/default`, {})).status, 303);
  await admin.get('/finance/funds');
  assert.equal((await admin.post(`/finance/funds/cards/${def}/delete`, { confirm: '1' })).status, 303);
  assert.equal(await one(`SELECT status FROM payment_cards WHERE id = ${def}`), 'DELETED');
});

test('bad cards are refused with a message and nothing stored; a quota below 1,000 is raised to 1,000', async () => {
  await stack.sql(`UPDATE credit_quotas SET quota = ${500n * USD} WHERE partner_id = ${w.p1}`);
  const before = await moneyState(stack);
  const bad = [
    [{ card_no: '4111 1111 1111 1112', holder: 'A', expiry: '2031-01', security_code: '123', agree: 'yes' }, /valid card number/],
    [{ card_no: '4111111111111111', holder: 'A', expiry: '2020-01', security_code: '123', agree: 'yes' }, /has expired/],
    [{ card_no: '4111111111111111', holder: 'A', expiry: '2031-01', security_code: '12a', agree: 'yes' }, /security code/],
    [{ card_no: '4111111111111111', holder: '', expiry: '2031-01', security_code: '123', agree: 'yes' }, /class="error"/],
    [{ card_no: '4111111111111111', holder: 'A', expiry: '2031-01', security_code: '123' }, /class="error"/],
  ];
  for (const [fields, message] of bad) {
    await admin.get('/finance/funds');
    const r = await admin.post('/finance/funds/cards', fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(r.text, message);
    assert.doesNotMatch(r.text, /value="4111111111111111"|value="123"/, 'the number and code are not echoed');
  }
  assert.deepEqual(await moneyState(stack), before);
  await admin.get('/finance/funds');
  assert.equal((await admin.post('/finance/funds/cards', { card_no: '4012888888881881', holder: 'B', expiry: '2031-01', security_code: '123', agree: 'yes' })).status, 303);
  assert.equal(await one(`SELECT quota FROM credit_quotas WHERE partner_id = ${w.p1}`), String(1000n * USD));
});

test('a card is VERIFYING while the provider checks it, then ACTIVE; a refused one is FAILED with the reason in the card history', async () => {
  await admin.get('/finance/funds');
  const quota = await one(`SELECT quota FROM credit_quotas WHERE partner_id = ${w.p1}`);
  let r = await admin.post('/finance/funds/cards', { card_no: '4000000000000002', holder: 'REFUSED CARD', expiry: '2031-01', security_code: '123', agree: 'yes' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/finance/funds?tab=methods&msg=card_failed#card-history');
  const [[id, status, reason, last4, def]] = await stack.sql(`SELECT id, status, failure_reason, last4, is_default FROM payment_cards WHERE holder = 'REFUSED CARD'`);
  assert.deepEqual([status, reason, last4, def], ['FAILED', 'funds.err.card_declined', '0002', '0']);
  assert.equal(await one(`SELECT quota FROM credit_quotas WHERE partner_id = ${w.p1}`), quota, 'a refused card does not raise the quota');
  assert.deepEqual(await stack.sql(`SELECT action, result FROM audit_events WHERE object_type = 'payment_card' AND object_id = ${id} ORDER BY id`),
    [['funds.card_verify', 'ok'], ['funds.card_add', 'failed']], 'stored VERIFYING before the provider was asked');
  const page = await admin.get('/finance/funds?tab=methods&msg=card_failed');
  assert.match(page.text, new RegExp(`<tr data-attempt="${id}">[\\s\\S]*?class="result">Failed: The card was declined by the card provider\\.<`));
  assert.doesNotMatch(page.text, new RegExp(`<tr data-card="${id}">`), 'not among the cards to pay with');
  assert.equal((await admin.get('/finance/funds?tab=methods&lang=zh')).status, 200);
  // a failed card cannot be paid with
  const before = await moneyState(stack);
  r = await pay(admin, { bill_id: billA, amount: '1.00', method: 'card', card_id: id });
  assert.match(r.text, /Choose one of your cards/);
  assert.deepEqual(await moneyState(stack), before);
  await admin.get('/finance/funds');
  r = await admin.post('/finance/funds/cards', { card_no: '4242424242424242', holder: 'GOOD CARD', expiry: '2031-01', security_code: '123', agree: 'yes' });
  assert.equal(r.status, 303);
  const [[good, gstatus]] = await stack.sql(`SELECT id, status FROM payment_cards WHERE holder = 'GOOD CARD'`);
  assert.equal(gstatus, 'ACTIVE');
  assert.deepEqual(await stack.sql(`SELECT action, result FROM audit_events WHERE object_type = 'payment_card' AND object_id = ${good} ORDER BY id`),
    [['funds.card_verify', 'ok'], ['funds.card_add', 'ok']]);
});

test('an expired card is not charged on the Pay tab even before the worker marks it', async () => {
  await stack.sql(`INSERT INTO payment_cards (partner_id, last4, holder, expiry, is_default, status, created_at)
    VALUES (${w.p1}, '9999', 'OLD CARD', '2020-01', 0, 'ACTIVE', UTC_TIMESTAMP())`);
  const old = await one(`SELECT id FROM payment_cards WHERE holder = 'OLD CARD'`);
  const before = await moneyState(stack);
  const r = await pay(admin, { bill_id: billA, amount: '1.00', method: 'card', card_id: old });
  assert.equal(r.status, 400);
  assert.match(r.text, /Choose one of your cards/);
  assert.deepEqual(await moneyState(stack), before);
  await stack.sql(`UPDATE payment_cards SET status = 'DELETED' WHERE id = ${old}`);
});

test('editing a card changes only its validity period, after a new test charge; a declined or bad edit changes nothing', async () => {
  await stack.sql(`INSERT INTO payment_cards (partner_id, last4, holder, expiry, is_default, status, created_at)
    VALUES (${w.p1}, '7777', 'EDIT CARD', '2020-05', 0, 'EXPIRED', UTC_TIMESTAMP())`);
  const card = await one(`SELECT id FROM payment_cards WHERE holder = 'EDIT CARD'`);
  const row = () => stack.sql(`SELECT expiry, status, last4, holder FROM payment_cards WHERE id = ${card}`);
  const page = await admin.get('/finance/funds?tab=methods');
  assert.match(page.text, /1 USD authorization charge, refunded automatically/);
  for (const [fields, message] of [
    [{ new_expiry: '2020-01', edit_code: '123' }, /The card has expired/],
    [{ new_expiry: 'soon', edit_code: '123' }, /./],
    [{ new_expiry: '2032-03', edit_code: '12a' }, /./],
    [{ new_expiry: '2032-03', edit_code: '000' }, /declined by the card provider/],
  ]) {
    const r = await admin.post(`/finance/funds/cards/${card}/edit`, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(r.text, message);
    assert.deepEqual((await row())[0], ['2020-05', 'EXPIRED', '7777', 'EDIT CARD']);
  }
  await finance.get('/finance/funds');
  await dist.get('/finance/funds');
  assert.equal((await finance.post(`/finance/funds/cards/${card}/edit`, { new_expiry: '2032-03', edit_code: '123' })).status, 403, 'not an Admin');
  assert.equal((await dist.post(`/finance/funds/cards/${card}/edit`, { new_expiry: '2032-03', edit_code: '123' })).status, 404);
  const ok = await admin.post(`/finance/funds/cards/${card}/edit`, { new_expiry: '2032-03', edit_code: '123' });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location'), /msg=card_edited/);
  assert.deepEqual((await row())[0], ['2032-03', 'ACTIVE', '7777', 'EDIT CARD']);
  assert.equal(await one(`SELECT COUNT(*) FROM audit_events WHERE action = 'funds.card_edit' AND object_id = ${card}`), '1');
  await stack.sql(`UPDATE payment_cards SET status = 'DELETED' WHERE id = ${card}`);
  assert.equal((await admin.post(`/finance/funds/cards/${card}/edit`, { new_expiry: '2032-03', edit_code: '123' })).status, 404, 'a deleted card cannot be edited');
});

test('Chile: a partner registered in CL gives the holder\'s RUT or OTRO ID; bad ones are refused and nothing stored', async () => {
  const country = await one(`SELECT country FROM partners WHERE id = ${w.p1}`);
  await stack.sql(`UPDATE partners SET country = 'CL' WHERE id = ${w.p1}`);
  try {
    let page = await admin.get('/finance/funds?tab=methods');
    assert.match(page.text, /name="id_type"/);
    assert.doesNotMatch((await dist.get('/finance/funds?tab=methods')).text, /name="id_type"/, 'only in Chile');
    const card = { card_no: '4111111111111111', holder: 'CHILE HOLDER', expiry: '2031-01', security_code: '123', agree: 'yes' };
    const before = await moneyState(stack);
    for (const [extra, field] of [[{}, 'id_type'], [{ id_type: 'RUT', id_number: '8148691' }, 'id_number'], [{ id_type: 'RUT', id_number: '81486910' }, 'id_number'],
      [{ id_type: 'OTRO', id_number: 'ab1' }, 'id_number'], [{ id_type: 'OTRO', id_number: 'ab-123' }, 'id_number'], [{ id_type: 'DNI', id_number: '12345' }, 'id_type']]) {
      await admin.get('/finance/funds');
      const r = await admin.post('/finance/funds/cards', { ...card, ...extra });
      assert.equal(r.status, 400, JSON.stringify(extra));
      assert.match(r.text, new RegExp(`name="${field}"[\\s\\S]*?class="error"|class="error"[\\s\\S]*?name="${field}"`));
    }
    assert.deepEqual(await moneyState(stack), before);
    await admin.get('/finance/funds');
    assert.equal((await admin.post('/finance/funds/cards', { ...card, id_type: 'RUT', id_number: '8148691-0' })).status, 303);
    await admin.get('/finance/funds');
    assert.equal((await admin.post('/finance/funds/cards', { ...card, holder: 'OTRO HOLDER', id_type: 'OTRO', id_number: 'P1234567' })).status, 303);
    assert.deepEqual(await stack.sql(`SELECT holder, id_type, id_number, status FROM payment_cards WHERE holder IN ('CHILE HOLDER', 'OTRO HOLDER') ORDER BY id`),
      [['CHILE HOLDER', 'RUT', '8148691-0', 'ACTIVE'], ['OTRO HOLDER', 'OTRO', 'P1234567', 'ACTIVE']]);
  } finally {
    await stack.sql(`UPDATE partners SET country = '${country}' WHERE id = ${w.p1}`);
  }
  // outside Chile the fields are ignored
  await admin.get('/finance/funds');
  assert.equal((await admin.post('/finance/funds/cards', { card_no: '4111111111111111', holder: 'NOT CHILE', expiry: '2031-01', security_code: '123', agree: 'yes', id_type: 'RUT', id_number: 'x' })).status, 303);
  assert.deepEqual(await stack.sql(`SELECT IFNULL(id_type, '-'), IFNULL(id_number, '-') FROM payment_cards WHERE holder = 'NOT CHILE'`), [['-', '-']]);
});

test('Add Card is disabled until a payment currency is set (409 on a POST)', async () => {
  await stack.sql(`UPDATE partners SET payment_currency_set = 0 WHERE id = ${w.p1}`);
  const page = await admin.get('/finance/funds?tab=methods');
  assert.match(page.text, /id="add-card" disabled/);
  assert.match(page.text, /id="currency-needed"/);
  const before = await moneyState(stack);
  const r = await admin.post('/finance/funds/cards', { card_no: '4111111111111111', holder: 'A', expiry: '2031-01', security_code: '123', agree: 'yes' });
  assert.equal(r.status, 409);
  assert.deepEqual(await moneyState(stack), before);
  await stack.sql(`UPDATE partners SET payment_currency_set = 1 WHERE id = ${w.p1}`);
  await ledgerClean(stack);
});

// ---------------------------------------------------------------- account statements (9.4.2.4)
/** "YYYY-MM-DD" in GMT+08:00, months (and days) from today; the day kept within the month. */
const monthsAway = (months = 0, days = 0) => {
  const d = local();
  d.setUTCDate(d.getUTCDate() + days);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
};
const lines = (html) => [...html.matchAll(/<tr data-entry="(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
  entry: m[1], amount: /class="num amount">([^<]*)</.exec(m[2])[1], balance: /class="num balance">([^<]*)</.exec(m[2])[1],
  type: /class="type">([^<]*)</.exec(m[2])[1], dir: /class="dir">([^<]*)</.exec(m[2])[1], key: /<code>([^<]*)<\/code>/.exec(m[2])[1],
  txn: /class="txn-no">([^<]*)</.exec(m[2])[1], order: /class="order-id">([^<]*)</.exec(m[2])[1] }));

test('statement acceptance: two +0.10 top-ups from 20,564.86 give balances 20,564.96 and 20,565.06, each with its entry key', async () => {
  await topUp(stack, w.p2, '20564.86', 'ST-0');
  await topUp(stack, w.p2, '0.10', 'ST-1');
  await topUp(stack, w.p2, '0.10', 'ST-2');
  const r = await dist.get('/finance/funds/statements');
  assert.equal(r.status, 200);
  const l = lines(r.text);
  assert.deepEqual(l.map((x) => [x.type, x.dir, x.amount, x.balance]), [
    ['Top-up', 'Income', '0.10', '20,565.06'], ['Top-up', 'Income', '0.10', '20,564.96'], ['Top-up', 'Income', '20,564.86', '20,564.86']]);
  assert.deepEqual(l.map((x) => x.key), ['topup:bank:ST-2', 'topup:bank:ST-1', 'topup:bank:ST-0']);
  for (const x of l) {
    assert.equal(await one(`SELECT idem_key FROM journal_entries WHERE id = ${x.entry}`), x.key, 'the line is its journal entry');
    assert.equal(x.txn, `AC-${x.entry.padStart(11, '0')}-0`);
  }
  assert.match(r.text, /id="tab-top-up" href/);
  assert.equal((await dist.get('/finance/funds/statements?lang=zh')).status, 200);
  await ledgerClean(stack);
});

test('statements: payments are expenses with their payment and bill; the credit account; type filter', async () => {
  const top = lines((await admin.get('/finance/funds/statements?account=top_up')).text);
  const pay = top.find((x) => x.type === 'Payment');
  assert.ok(pay, 'a payment from the balance is on the top-up statement');
  assert.equal(pay.dir, 'Expense');
  const [, payId, billId] = /^PAY-(\d+) \/ BILL-(\d+)$/.exec(pay.order);
  assert.deepEqual(await stack.sql(`SELECT journal_entry_id, bill_id FROM payments WHERE id = ${payId}`), [[pay.entry, billId]]);
  assert.ok([billA, billB].includes(Number(billId)));
  assert.ok(!top.some((x) => x.key.startsWith('settle')), 'only this partner');
  const onlyTopUps = lines((await admin.get('/finance/funds/statements?account=top_up&type=top_up')).text);
  assert.ok(onlyTopUps.length > 0 && onlyTopUps.every((x) => x.type === 'Top-up'));
  const credit = lines((await admin.get('/finance/funds/statements?account=credit')).text);
  assert.deepEqual(credit.map((x) => [x.type, x.dir, x.amount, x.balance]), [['Payment', 'Expense', '-995.00', '-995.00']]);
  assert.ok(credit[0].txn.endsWith('-1'));
  assert.equal((await am.get('/finance/funds/statements')).status, 403);
});

test('statements: a search starting 13 months ago is refused with the reason; 12 months is allowed; bad filters are 400', async () => {
  let r = await finance.get(`/finance/funds/statements?from=${monthsAway(-13)}&to=${monthsAway()}`);
  assert.equal(r.status, 400);
  assert.match(r.text, /at most 12 months ago/);
  assert.equal(lines(r.text).length, 0);
  r = await finance.get(`/finance/funds/statements?from=${monthsAway(-12)}&to=${monthsAway()}`);
  assert.equal(r.status, 200);
  for (const q of ['type=bogus', 'account=vendor', 'from=2026-13-01', `from=${monthsAway()}&to=${monthsAway(-1)}`, 'after=x']) {
    r = await finance.get(`/finance/funds/statements?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.text, /class="error/);
  }
  // a date error is beside its field, with what was typed
  r = await finance.get('/finance/funds/statements?from=2026-13-01');
  assert.match(r.text, /id="f-from"[^>]*value="2026-13-01"[^>]*aria-invalid="true"/);
  assert.match(r.text, /id="e-from"/);
  r = await finance.get(`/finance/funds/statements?from=${monthsAway()}&to=${monthsAway(-1)}`);
  assert.match(r.text, /id="e-to"/);
  r = await finance.get('/finance/funds/statements?type=%3Cscript%3E');
  assert.doesNotMatch(r.text, /<script>/);
});

test('statements: keyset pages (here of 50) with the total, newest first, and back by key', async () => {
  for (let i = 0; i < 50; i++) await topUp(stack, w.p2, '1.00', `PAGE-${i}`);
  const first = await dist.get('/finance/funds/statements?size=50');
  const a = lines(first.text);
  assert.equal(a.length, 50);
  assert.equal(a[0].balance, '20,615.06');
  assert.match(first.text, /id="list-range">1–50 of 53</);
  const next = /id="next-page" href="([^"]+)"/.exec(first.text)[1].replace(/&amp;/g, '&');
  assert.match(next, /size=50&after=\d+&n=50/);
  const second = await dist.get(next);
  const b = lines(second.text);
  assert.deepEqual(b.map((x) => x.balance), ['20,565.06', '20,564.96', '20,564.86']);
  assert.match(second.text, /id="list-range">51–53 of 53</);
  const all = [...a, ...b].map((x) => Number(x.entry));
  assert.deepEqual(all, [...all].sort((x, y) => y - x));
  // pages of 10: the third, then back by key to the second
  const p1 = await dist.get('/finance/funds/statements?size=10');
  const to2 = /id="next-page" href="([^"]+)"/.exec(p1.text)[1].replace(/&amp;/g, '&');
  const p2 = await dist.get(to2);
  const to3 = /id="next-page" href="([^"]+)"/.exec(p2.text)[1].replace(/&amp;/g, '&');
  const p3 = await dist.get(to3);
  assert.match(p3.text, /id="list-range">21–30 of 53</);
  const back = /id="prev-page" href="([^"]+)"/.exec(p3.text)[1].replace(/&amp;/g, '&');
  assert.match(back, /before=\d+&n=10/);
  assert.deepEqual(lines((await dist.get(back)).text), lines(p2.text));
  await ledgerClean(stack);
});

test('statements export: a task of kind account_statements whose file has every line with its entry key', async () => {
  await dist.get('/finance/funds/statements');
  const r = await dist.post('/finance/funds/statements/export', { account: 'top_up', from: monthsAway(0, -1), to: monthsAway(), type: '', format: 'csv' });
  assert.equal(r.status, 303);
  const [[id, kind, filters]] = await stack.sql('SELECT id, kind, filters FROM export_tasks ORDER BY id DESC LIMIT 1');
  assert.equal(kind, 'account_statements');
  assert.match(filters, /account=top_up&from=/);
  const run = await stack.worker('run', 'exports');
  assert.equal(run.code, 0, run.stderr);
  const [[status, rows, file]] = await stack.sql(`SELECT status, row_count, file_path FROM export_tasks WHERE id = ${id}`);
  assert.equal(status, 'completed');
  assert.equal(Number(rows), 53);
  const res = await fetch(`${stack.base}/exports/${id}/download`, { headers: { cookie: dist.cookieHeader() } });
  const csv = (await res.text()).replace(/^\uFEFF/, '');
  assert.match(csv, /^Transaction No\.,Transaction Time,Transaction Type/);
  assert.match(csv, /topup:bank:ST-0/);
  assert.match(csv, /,20564\.86000000,20564\.86000000,/);
  assert.ok(file);
  await dist.get('/finance/funds/statements');
  const before = await one('SELECT COUNT(*) FROM export_tasks');
  assert.equal((await dist.post('/finance/funds/statements/export', { from: monthsAway(-13), to: monthsAway(), format: 'csv' })).status, 400);
  assert.equal((await dist.post('/finance/funds/statements/export', { format: 'pdf' })).status, 400);
  assert.equal(await one('SELECT COUNT(*) FROM export_tasks'), before);
  await ledgerClean(stack);
});

test('from the balance without choosing a bill: the oldest bills first; a card needs a bill', async () => {
  const before = await moneyState(stack);
  let r = await pay(dist, { amount: '60.00', method: 'card' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Choose the bill to pay by card/);
  r = await pay(dist, { amount: '80.01', method: 'balance' });
  assert.equal(r.status, 400, 'more than the 80.00 both bills owe');
  assert.deepEqual(await moneyState(stack), before);
  r = await pay(dist, { amount: '60.00', method: 'balance' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT id, status, amount_paid FROM partner_bills WHERE partner_id = ${w.p2} ORDER BY billing_cycle`),
    [[String(billOlder), 'paid', String(30n * USD)], [String(billOther), 'partially_paid', String(30n * USD)]]);
  const [[payment, bill]] = await stack.sql(`SELECT id, IFNULL(bill_id, 0) FROM payments WHERE partner_id = ${w.p2} AND method = 'BALANCE_DEDUCTION'`);
  assert.equal(bill, '0');
  assert.deepEqual(await stack.sql(`SELECT bill_id, amount FROM payment_allocations WHERE payment_id = ${payment} ORDER BY bill_id = ${billOther}`),
    [[String(billOlder), String(30n * USD)], [String(billOther), String(30n * USD)]]);
  await ledgerClean(stack);
});

test('hostile values are escaped on the funds pages', async () => {
  await stack.sql(`UPDATE journal_entries SET memo = '</title><script>alert(1)</script>' WHERE partner_id = ${w.p2} ORDER BY id DESC LIMIT 1`);
  await stack.sql(`UPDATE payment_cards SET holder = '<img src=x onerror=alert(1)>' WHERE partner_id = ${w.p1}`);
  for (const [client, path] of [[dist, '/finance/funds/statements'], [admin, '/finance/funds?tab=methods'], [admin, '/finance/funds?tab=pay']]) {
    const r = await client.get(path);
    assert.equal(r.status, 200, path);
    assert.doesNotMatch(r.text, /<script>alert\(1\)|<img src=x/, path);
  }
  assert.match((await dist.get('/finance/funds/statements')).text, /&lt;\/title&gt;&lt;script&gt;/);
});

test('pay in advance: a card pre-payment up to the unbilled estimate becomes top-up balance with a pre-payment invoice; refused ones change nothing', async () => {
  const page = await admin.get('/finance/funds?tab=pay');
  assert.match(page.text, /id="prepay-form"/);
  assert.equal(/id="unbilled">([^<]*)</.exec(page.text)[1], '12.34 USD', 'the estimate of this month, not billed');
  assert.doesNotMatch((await finance.get('/finance/funds?tab=pay')).text, /id="prepay-form"/, 'a finance specialist does not pay');
  const card = await one(`SELECT id FROM payment_cards WHERE partner_id = ${w.p1} AND status = 'ACTIVE' AND is_default = 1`);
  const prepay = async (client, fields) => {
    const p = await client.get('/finance/funds?tab=pay');
    return client.post('/finance/funds/prepay', { key: payKey(p.text), prepay_card: card, ...fields });
  };
  const inv = () => stack.sql("SELECT COUNT(*), (SELECT GROUP_CONCAT(last_no ORDER BY entity, kind) FROM invoice_counters) FROM invoices");
  const before = [await moneyState(stack), await inv()];
  for (const [fields, message] of [[{ prepay_amount: '12.35' }, /at most the expenditure not yet billed/], [{ prepay_amount: '0' }, /class="error"/],
    [{ prepay_amount: '1.001' }, /at most 2 decimals/], [{ prepay_amount: '1.00', prepay_card: 999999 }, /Choose one of your cards/],
    [{ prepay_amount: '40000.01' }, /at most 40,000\.00 USD/]]) {
    const r = await prepay(admin, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(r.text, message);
  }
  assert.equal((await prepay(finance, { prepay_amount: '1.00' })).status, 403);
  assert.equal((await prepay(dist, { prepay_amount: '1.00' })).status, 400, "another partner's card");
  assert.deepEqual([await moneyState(stack), await inv()], before);
  // declined (.13): a FAILED payment, no entry, no invoice, no number taken
  let r = await prepay(admin, { prepay_amount: '2.13' });
  assert.match(r.headers.get('location'), /msg=card_declined/);
  assert.deepEqual(await inv(), before[1]);
  // approved, and the same form sent twice pays once
  const p = await admin.get('/finance/funds?tab=pay');
  const key = payKey(p.text);
  r = await admin.post('/finance/funds/prepay', { key, prepay_card: card, prepay_amount: '10.00' });
  assert.equal(r.headers.get('location'), '/finance/funds?tab=pay&msg=prepaid');
  await admin.get('/finance/funds?tab=pay');
  await admin.post('/finance/funds/prepay', { key, prepay_card: card, prepay_amount: '10.00' });
  const [[payId, method, status, bill, entry]] = await stack.sql(`SELECT id, method, status, IFNULL(bill_id, 0), journal_entry_id FROM payments WHERE idempotency_key = 'prepay:${key}'`);
  assert.deepEqual([method, status, bill], ['ONLINE_CARD', 'SUCCEEDED', '0']);
  assert.deepEqual(await stack.sql(`SELECT e.kind, a.code, p.amount FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = ${entry} ORDER BY a.code`),
    [['top_up', `p${w.p1}:top_up`, String(-10n * USD)], ['top_up', 'vendor:cash', String(10n * USD)]]);
  const [[count]] = await inv();
  assert.equal(Number(count), Number(before[1][0][0]) + 1, 'one invoice');
  const [[kind, number, payable]] = await stack.sql(`SELECT kind, number, payable FROM invoices ORDER BY id DESC LIMIT 1`);
  assert.deepEqual([kind, payable], ['prepayment', String(10n * USD)]);
  assert.match(number, /^[A-Z]+\d{8}$/);
  const list = await admin.get('/finance/invoices');
  assert.match(list.text, new RegExp(`${number}[\\s\\S]*?Pre-payment invoice`));
  const st = await admin.get('/finance/funds/statements?account=top_up');
  assert.match(st.text, new RegExp(`<tr data-entry="${entry}">[\\s\\S]*?class="type">Top-up<[\\s\\S]*?class="order-id">PAY-${payId}<`));
  await ledgerClean(stack);
});
