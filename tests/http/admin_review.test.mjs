// Admin > Pre-registration Review (9.2.2.1): the vendor approves or rejects the
// pre-registrations partners sent to manual review; the submitter is mailed;
// partners may not review.  Over HTTP; state is read back with SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, operator, TIANFU, SUNRISE, ADMIN;

before(async () => {
  stack = await startStack();
  TIANFU = (await stack.sql("SELECT id FROM preregistrations WHERE email = 'it@tianfu.example'"))[0][0];
  SUNRISE = (await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0][0];
  ADMIN = (await stack.sql("SELECT id FROM users WHERE username = 'csp.admin'"))[0][0];
  operator = await signedIn('operator');
});
after(async () => { await stack?.stop(); });

const signedIn = (username) => signIn(stack.base, username);

const row = async (id) => (await stack.sql(`SELECT status, review_comment, IFNULL(reviewed_by, 0),
  TIMESTAMPDIFF(HOUR, UTC_TIMESTAMP(), expires_at) FROM preregistrations WHERE id = ${id}`))[0];

async function underReview(email) {
  await stack.sql(`INSERT INTO preregistrations (partner_id, full_name, email, status, review_reasons, review_spend,
    review_process, preregistered_at, expires_at, created_by) VALUES (${SUNRISE}, 'Review Test', '${email}',
    'UNDER_REVIEW', 'reg_over_7_days,cash_spend', '2,000 USD a month', 'met twice', UTC_TIMESTAMP() - INTERVAL 5 DAY,
    UTC_TIMESTAMP() + INTERVAL 10 DAY, ${ADMIN})`);
  return (await stack.sql(`SELECT id FROM preregistrations WHERE email = '${email}'`))[0][0];
}

test('the queue shows what the partner sent: reasons, details, the due date (2 working days), overdue', async () => {
  // the demo's submission of two days ago is overdue from Tuesday to Friday (no weekend in its two
  // days): one of a day ago is never
  await stack.sql(`UPDATE preregistrations SET preregistered_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = ${TIANFU}`);
  const id = await underReview('late@review.example');
  const page = await operator.get('/admin/preregistrations');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<tr data-id="${TIANFU}"`));
  assert.match(page.text, /成都天府软件/);
  assert.match(page.text, /The customer registered more than 7 days ago\./);
  assert.match(page.text, new RegExp(`<tr data-id="${id}" class="overdue"`), 'submitted 5 days ago: overdue');
  assert.match(page.text, /2,000 USD a month/);
  assert.doesNotMatch(page.text, new RegExp(`<tr data-id="${TIANFU}" class="overdue"`), 'submitted a day ago');
});

test('approving starts the 15-day validity, is audited, mails the submitter, and happens once', async () => {
  await operator.get('/admin/preregistrations');
  const r = await operator.post(`/admin/preregistrations/${TIANFU}/approve`, { comment: 'checked' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/preregistrations?msg=prereg_approved');
  const [status, comment, by, hours] = await row(TIANFU);
  assert.deepEqual([status, comment], ['PREREGISTERED', 'checked']);
  assert.notEqual(by, '0');
  assert.ok(Number(hours) >= 359 && Number(hours) <= 360, `expires in 15 days, got ${hours} h`);
  const mail = await stack.sql(`SELECT to_addr, subject FROM mail_outbox WHERE subject LIKE 'Pre-registration of%'`);
  assert.deepEqual(mail, [['csp.admin@sunrise.example', 'Pre-registration of 成都天府软件 approved']]);
  assert.equal((await stack.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'preregistration.approve'"))[0][0], '1');
  await operator.get('/admin/preregistrations');
  const again = await operator.post(`/admin/preregistrations/${TIANFU}/reject`, { comment: 'too late' });
  assert.equal(again.status, 409);
  assert.equal((await row(TIANFU))[0], 'PREREGISTERED');
});

test('rejecting needs a reason; the partner sees the reason in its list', async () => {
  const id = await underReview('reject@review.example');
  await operator.get('/admin/preregistrations');
  const bad = await operator.post(`/admin/preregistrations/${id}/reject`, { comment: '' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter the reason for the rejection\./);
  assert.equal((await row(id))[0], 'UNDER_REVIEW');
  const tooLong = await operator.post(`/admin/preregistrations/${id}/reject`, { comment: 'x'.repeat(501) });
  assert.equal(tooLong.status, 400);
  const ok = await operator.post(`/admin/preregistrations/${id}/reject`, { comment: 'The customer signed with the vendor.' });
  assert.equal(ok.status, 303);
  assert.deepEqual((await row(id)).slice(0, 2), ['REVIEW_REJECTED', 'The customer signed with the vendor.']);
  const mail = await stack.sql("SELECT subject FROM mail_outbox WHERE subject LIKE '%Review Test rejected'");
  assert.equal(mail.length, 1);
  const partner = await signedIn('csp.admin');
  const list = await partner.get('/customers/development');
  assert.match(list.text, /Review rejected<br><small class="review-comment">The customer signed with the vendor\.<\/small>/);
});

test('an unknown pre-registration is a 404', async () => {
  await operator.get('/admin/preregistrations');
  assert.equal((await operator.post('/admin/preregistrations/999999/approve', {})).status, 404);
});

test('partners and customers may not review', async () => {
  const id = await underReview('guard@review.example');
  for (const user of ['csp.admin', 'dist.admin', 'customer1']) {
    const c = await signedIn(user);
    assert.equal((await c.get('/admin/preregistrations')).status, 403, user);
    await c.get('/home');
    assert.equal((await c.post(`/admin/preregistrations/${id}/approve`, {})).status, 403, user);
  }
  assert.equal((await row(id))[0], 'UNDER_REVIEW');
});
