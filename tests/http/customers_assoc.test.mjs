// Disassociation and Association Records (spec 9.3.1.2, 11.2.1, 13.5): the
// account check, the statement, reason and code, the limit of 3 requests per
// initiator in 90 days counted inside the transaction, the decision by the
// partner administrator only or by the customer, and the completion (the
// association ends and the customer leaves the partner).  Stored state is
// read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postWithCsrf, signInWithCsrf } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack;
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const one = async (sql) => (await stack.sql(sql))[0]?.[0];
let ADMIN_EMAIL;

before(async () => {
  stack = await startStack();
  ADMIN_EMAIL = await one("SELECT email FROM users WHERE username = 'csp.admin'");
  // console accounts for customers 3 (auto-frozen) and 6
  for (const [cid, user] of [[3, 'customer3'], [6, 'customer6']]) {
    await stack.sql("INSERT INTO users (kind, customer_id, username, name, email, password_hash) SELECT 'customer', "
      + `${cid}, '${user}', 'Test ${user}', '${user}@example.com', password_hash FROM users WHERE username = 'customer1'`);
  }
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signInWithCsrf(stack.base, username);
const post = postWithCsrf;

/** A fresh code: console ("/console/code") or partner ("/customers/code"). */
async function freshCode(c, email, sender, back) {
  await stack.sql(`UPDATE verify_codes SET created_at = created_at - INTERVAL 2 MINUTE WHERE target = ${q(email)}`);
  const r = await post(c, sender, { back });
  assert.equal(r.status, 303);
  const body = await one(`SELECT body FROM mail_outbox WHERE to_addr = ${q(email)} ORDER BY id DESC LIMIT 1`);
  return /(\d{6})/.exec(body)[1];
}
const requests = (customer) => stack.sql(`SELECT initiator, status FROM association_requests WHERE customer_id = ${customer} ORDER BY id`);
const reason = 'The project moved to another provider';

test('partner pre-check lists each failure: valid RI, manual freeze (9.3.1.2)', async () => {
  const admin = await signedIn('csp.admin');
  await stack.sql("UPDATE customers SET blockers = 'valid_ri' WHERE id = 4");
  const page = await admin.get('/customers/4/disassociate');
  assert.equal(page.status, 200);
  assert.match(page.text, /data-code="valid_ri"/);
  assert.match(page.text, /id="submit-disassociate" disabled/);
  const r = await post(admin, '/customers/4/disassociate', { statement: '1', reason });
  assert.equal(r.status, 409);
  assert.deepEqual(await requests(4), []);

  await stack.sql("UPDATE customers SET blockers = '', freeze_state = 'account', freeze_source = 'manual' WHERE id = 4");
  const frozen = await admin.get('/customers/4/disassociate');
  assert.match(frozen.text, /data-code="manually_frozen"/);
  assert.doesNotMatch(frozen.text, /data-code="valid_ri"/);
  // an automatic (budget) freeze does not stop the partner
  await stack.sql("UPDATE customers SET freeze_source = 'budget_auto' WHERE id = 4");
  assert.match((await admin.get('/customers/4/disassociate')).text, /id="check-passed"/);
  await stack.sql("UPDATE customers SET freeze_state = 'normal', freeze_source = 'none' WHERE id = 4");
});

test('partner request: statement, reason and (switch on) a code are required (9.3.1.2, 13.5)', async () => {
  const admin = await signedIn('csp.admin');
  const noStatement = await post(admin, '/customers/6/disassociate', { reason });
  assert.equal(noStatement.status, 400);
  const noReason = await post(admin, '/customers/6/disassociate', { statement: '1', reason: '' });
  assert.equal(noReason.status, 400);
  assert.match(noReason.text, /This field is required\./);
  const tooLong = await post(admin, '/customers/6/disassociate', { statement: '1', reason: 'x'.repeat(257) });
  assert.equal(tooLong.status, 400);

  await stack.sql('UPDATE partners SET verification_codes = 1 WHERE id = 1');
  try {
    const noCode = await post(admin, '/customers/6/disassociate', { statement: '1', reason });
    assert.equal(noCode.status, 400);
    assert.deepEqual(await requests(6), []);
    const code = await freshCode(admin, ADMIN_EMAIL, '/customers/code', '/customers/6/disassociate');
    const bad = await post(admin, '/customers/6/disassociate', { statement: '1', reason, code: code === '000000' ? '000001' : '000000' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await requests(6), []);
    const ok = await post(admin, '/customers/6/disassociate', { statement: '1', reason, code });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/customers/6?msg=assoc_requested');
  } finally {
    await stack.sql('UPDATE partners SET verification_codes = 0 WHERE id = 1');
  }
  assert.deepEqual(await requests(6), [['partner', 'pending']]);
  assert.equal(await one("SELECT reason FROM association_requests WHERE customer_id = 6"), reason);
  assert.equal(await one("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'it@fabrikam.example' AND subject = 'Disassociation request'"), '1');
  // one pending request per pair
  assert.equal((await post(admin, '/customers/6/disassociate', { statement: '1', reason })).status, 409);
});

test('customer rejects the partner\'s request with a code; the association stays active (11.2.1)', async () => {
  const cust = await signedIn('customer6');
  const [[id]] = await stack.sql("SELECT id FROM association_requests WHERE customer_id = 6 AND status = 'pending'");
  const log = await cust.get('/console/associations');
  assert.match(log.text, new RegExp(`id="request-${id}" data-status="pending"`));
  const noCode = await post(cust, `/console/associations/${id}/reject`, {});
  assert.equal(noCode.status, 400);
  const code = await freshCode(cust, 'customer6@example.com', '/console/code', '/console/associations');
  const r = await post(cust, `/console/associations/${id}/reject`, { code });
  assert.equal(r.status, 303);
  assert.deepEqual(await requests(6), [['partner', 'rejected']]);
  assert.equal(await one("SELECT status FROM associations WHERE customer_id = 6"), 'active');
  assert.equal(await one('SELECT partner_id FROM customers WHERE id = 6'), '1');
  const after = await cust.get('/console/associations');
  const row = new RegExp(`id="request-${id}"[\\s\\S]*?class="purpose">Disassociate<[\\s\\S]*?class="initiation">Requested by partners<`
    + `[\\s\\S]*?class="status">Rejected<`);
  assert.match(after.text, row, 'Disassociate | Requested by partners | Rejected');
});

test('at most 3 partner requests in 90 days; a 4th is refused with no row, accepted once the first is older (9.3.1.2)', async () => {
  const admin = await signedIn('csp.admin');
  // the first of the three was rejected above; two more, each rejected by SQL to free the pair
  for (let i = 0; i < 2; i++) {
    assert.equal((await post(admin, '/customers/6/disassociate', { statement: '1', reason })).status, 303);
    await stack.sql("UPDATE association_requests SET status = 'rejected' WHERE customer_id = 6 AND status = 'pending'");
  }
  // the three were made 74, 47 and 19 days ago (spec: Jan 5, Feb 1, Mar 1 → Mar 20)
  const ids = (await stack.sql('SELECT id FROM association_requests WHERE customer_id = 6 ORDER BY id')).map((r) => r[0]);
  for (const [id, days] of [[ids[0], 74], [ids[1], 47], [ids[2], 19]]) {
    await stack.sql(`UPDATE association_requests SET requested_at = UTC_TIMESTAMP() - INTERVAL ${days} DAY WHERE id = ${id}`);
  }
  const fourth = await post(admin, '/customers/6/disassociate', { statement: '1', reason });
  assert.equal(fourth.status, 409);
  assert.match(fourth.text, /At most 3 disassociation requests/);
  assert.equal(await one('SELECT COUNT(*) FROM association_requests WHERE customer_id = 6'), '3');
  assert.match((await admin.get('/customers/6/disassociate')).text, /id="limited"/);

  // 17 days later (Apr 6) the first is more than 90 days old
  await stack.sql('UPDATE association_requests SET requested_at = requested_at - INTERVAL 17 DAY WHERE customer_id = 6');
  const later = await post(admin, '/customers/6/disassociate', { statement: '1', reason });
  assert.equal(later.status, 303);
  assert.equal(await one("SELECT COUNT(*) FROM association_requests WHERE customer_id = 6 AND status = 'pending'"), '1');
});

test('customer pre-check: a frozen account fails with "account frozen" and cannot submit (11.2.1)', async () => {
  const cust = await signedIn('customer3');
  const page = await cust.get('/console/disassociate');
  assert.equal(page.status, 200);
  assert.match(page.text, /data-code="frozen"/);
  assert.match(page.text, /id="submit-disassociate" disabled/);
  const code = await freshCode(cust, 'customer3@example.com', '/console/code', '/console/disassociate');
  const r = await post(cust, '/console/disassociate', { statement: '1', reason_code: 'changing_partners', code });
  assert.equal(r.status, 409);
  assert.deepEqual(await requests(3), []);
});

test('customer agrees to the partner\'s request only with a passing check, the statement and a code (11.2.1)', async () => {
  const cust = await signedIn('customer6');
  const [[id]] = await stack.sql("SELECT id FROM association_requests WHERE customer_id = 6 AND status = 'pending'");
  await stack.sql("UPDATE customers SET blockers = 'support_plan' WHERE id = 6");
  let code = await freshCode(cust, 'customer6@example.com', '/console/code', '/console/associations');
  const failing = await post(cust, `/console/associations/${id}/agree`, { statement: '1', code });
  assert.equal(failing.status, 409);
  assert.match(failing.text, /data-code="support_plan"/);
  await stack.sql("UPDATE customers SET blockers = '' WHERE id = 6");
  const noStatement = await post(cust, `/console/associations/${id}/agree`, { code });
  assert.equal(noStatement.status, 400);
  assert.equal(await one(`SELECT status FROM association_requests WHERE id = ${id}`), 'pending');
  code = await freshCode(cust, 'customer6@example.com', '/console/code', '/console/associations');
  const ok = await post(cust, `/console/associations/${id}/agree`, { statement: '1', code });
  assert.equal(ok.status, 303);
  assert.equal(await one(`SELECT status FROM association_requests WHERE id = ${id}`), 'completed');
  assert.equal(await one('SELECT status FROM associations WHERE customer_id = 6'), 'ended');
  assert.equal(await one('SELECT partner_id IS NULL FROM customers WHERE id = 6'), '1');
});

test('customer-initiated request: bad inputs and the 4th in 90 days refused (11.2.1)', async () => {
  const cust = await signedIn('customer1');
  const page = await cust.get('/console/disassociate');
  assert.match(page.text, /id="check-passed"/);
  const noReason = await post(cust, '/console/disassociate', { statement: '1', code: '123456' });
  assert.equal(noReason.status, 400);
  const others = await post(cust, '/console/disassociate', { statement: '1', reason_code: 'others', reason: '', code: '123456' });
  assert.equal(others.status, 400);
  const wrong = await post(cust, '/console/disassociate', { statement: '1', reason_code: 'changing_partners', code: '' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await requests(1), []);

  // three earlier customer requests within 90 days → the 4th is blocked, no row
  for (const days of [80, 50, 10]) {
    await stack.sql('INSERT INTO association_requests (customer_id, partner_id, initiator, reason_code, status, requested_by, requested_at) '
      + `VALUES (1, 1, 'customer', 'others', 'rejected', (SELECT id FROM users WHERE username = 'customer1'), UTC_TIMESTAMP() - INTERVAL ${days} DAY)`);
  }
  let code = await freshCode(cust, 'customer1@blueocean.example', '/console/code', '/console/disassociate');
  const blocked = await post(cust, '/console/disassociate', { statement: '1', reason_code: 'changing_partners', code });
  assert.equal(blocked.status, 409);
  assert.equal(await one('SELECT COUNT(*) FROM association_requests WHERE customer_id = 1'), '3');
  await stack.sql("DELETE FROM association_requests WHERE customer_id = 1 AND requested_at < UTC_TIMESTAMP() - INTERVAL 40 DAY");

  code = await freshCode(cust, 'customer1@blueocean.example', '/console/code', '/console/disassociate');
  const ok = await post(cust, '/console/disassociate', { statement: '1', reason_code: 'changing_partners', reason: 'Moving on', code });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/console/associations?msg=assoc_submitted');
  assert.deepEqual(await stack.sql("SELECT initiator, reason_code, reason, status FROM association_requests WHERE customer_id = 1 AND status = 'pending'"),
    [['customer', 'changing_partners', 'Moving on', 'pending']]);
});

test('Association Records: scope of members, who must not decide, the admin agrees and the customer leaves (9.3.1.2, 11.2.1)', async () => {
  const [[id]] = await stack.sql("SELECT id FROM association_requests WHERE customer_id = 1 AND status = 'pending'");
  const admin = await signedIn('csp.admin');
  const records = await admin.get('/customers/associations');
  assert.equal(records.status, 200);
  assert.match(records.text, new RegExp(`id="request-${id}" data-status="pending"`));
  assert.match(records.text, /Requested by customer/);
  assert.match(records.text, new RegExp(`action="/customers/associations/${id}/agree"`));
  assert.match(records.text, /139\*\*\*\*5678/, 'mobile masked');

  // the account manager sees its assigned customer 1's request but not customer 6's, and may not decide
  const am = await signedIn('csp.am1');
  const amRecords = await am.get('/customers/associations');
  assert.equal(amRecords.status, 200);
  assert.match(amRecords.text, new RegExp(`id="request-${id}"`));
  assert.doesNotMatch(amRecords.text, /data-customer="6"/);
  assert.doesNotMatch(amRecords.text, /\/agree"/);
  assert.equal((await post(am, `/customers/associations/${id}/agree`, {})).status, 403);
  const director = await signedIn('csp.director1');
  assert.equal((await post(director, `/customers/associations/${id}/agree`, {})).status, 403);
  // another partner's administrator: not found
  const dist = await signedIn('dist.admin');
  assert.equal((await post(dist, `/customers/associations/${id}/agree`, {})).status, 404);
  assert.equal((await post(dist, '/customers/1/disassociate', { statement: '1', reason })).status, 404);
  assert.equal((await post(dist, '/customers/10/disassociate', { statement: '1', reason })).status, 404, "a reseller's customer");
  assert.equal(await one(`SELECT status FROM association_requests WHERE id = ${id}`), 'pending');

  // with an accepted authorization and an open assignment, the admin agrees
  await stack.sql("INSERT INTO authorizations (customer_id, partner_id, requested_by, requested_at, status, effective_at) "
    + "VALUES (1, 1, (SELECT id FROM users WHERE username = 'csp.admin'), UTC_TIMESTAMP(), 'accepted', UTC_TIMESTAMP())");
  assert.equal(await one("SELECT COUNT(*) FROM am_assignments WHERE customer_id = 1 AND status <> 'ended'"), '1');
  const ok = await post(admin, `/customers/associations/${id}/agree`, {});
  assert.equal(ok.status, 303);
  assert.equal(await one(`SELECT status FROM association_requests WHERE id = ${id}`), 'completed');
  assert.deepEqual(await stack.sql("SELECT status, ended_at IS NOT NULL FROM associations WHERE customer_id = 1"), [['ended', '1']]);
  assert.deepEqual(await stack.sql('SELECT partner_id IS NULL, association_type IS NULL, account_manager_id IS NULL FROM customers WHERE id = 1'),
    [['1', '1', '1']]);
  assert.equal(await one("SELECT COUNT(*) FROM am_assignments WHERE customer_id = 1 AND status <> 'ended'"), '0');
  assert.equal(await one("SELECT status FROM authorizations WHERE customer_id = 1"), 'ended');
  // the customer leaves the partner's list and pages
  const list = await admin.get('/customers/');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /blueocean/);
  assert.equal((await admin.get('/customers/1')).status, 404);
  // the record stays for the partner, now completed
  assert.match((await admin.get('/customers/associations')).text, new RegExp(`id="request-${id}" data-status="completed"`));
  assert.equal(await one("SELECT COUNT(*) FROM audit_events WHERE action = 'association.disassociate_agree' AND object_id = 1"), '1');
});
