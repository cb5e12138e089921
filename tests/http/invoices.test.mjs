// Sales > Financial Information > Invoices (ch09 §9.4.3a): the list with
// its filters, PDF and UBL downloads, the invoice info (added once, then
// modified; the tax id from registration is not editable: a POST trying to
// change it is a 400) and the no-expenditure e-mail switch.  Who must not:
// an account manager (no finance.view) gets 403, partner B's invoice is a
// 404, a Finance specialist sees but cannot change the invoice info.  The
// next bill's invoice carries the partner's current address (acceptance
// check of §9.4.3a).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin, finance, am, other, SUNRISE, OTHER, scratch;
const E8 = 100000000n;

before(async () => {
  stack = await startStack();
  scratch = mkdtempSync(join(tmpdir(), 'pc-invoices-'));
  SUNRISE = (await one("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0];
  admin = await signedIn('csp.admin');
  finance = await signedIn('csp.finance1');
  am = await signedIn('csp.am1');
  other = await signedIn('dist.admin');
  OTHER = (await one("SELECT partner_id FROM users WHERE username = 'dist.admin'"))[0];
  // one more month for sunrise and partner B, billed by the worker: 2029-01
  for (const p of [SUNRISE, OTHER]) {
    let [c] = (await one(`SELECT id FROM customers WHERE partner_id = ${p} AND association_type = 'reseller' ORDER BY id LIMIT 1`)) || [];
    if (!c) {
      await stack.sql(`INSERT INTO customers (partner_id, name, account_name, association_type, associated_at) VALUES (${p}, 'Invoice customer ${p}', 'inv-c-${p}', 'reseller', '2020-01-01 00:00:00')`);
      [c] = await one(`SELECT id FROM customers WHERE account_name = 'inv-c-${p}'`);
    }
    await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle, product_id, billing_mode,
      bill_type, monthly_settled, spent_from, spent_to, transaction_at, transaction_no, region, resource_key, pricing_qty, list_amount, amount_due,
      refund_coupons, created_at) VALUES ('inv-http-${p}', ${c}, ${p}, 'reseller', 202901, (SELECT id FROM products WHERE code = 'elastic_cloud_server'),
      'pay_per_use', 'expenditure', 0, '2029-01-15 04:00:00', '2029-01-15 04:00:00', '2029-01-15 04:00:00', 'inv-http-${p}', 'ap-southeast-1', '', 0,
      ${100n * E8}, ${100n * E8}, 0, UTC_TIMESTAMP())`);
  }
});
after(async () => {
  await stack?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const one = async (q) => (await stack.sql(q))[0] || null;
const signedIn = (username) => signIn(stack.base, username);
const rowIds = (html) => [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => m[1]);
const infoRow = () => stack.sql(`SELECT address, email FROM partner_invoice_info WHERE partner_id = ${SUNRISE}`);

test('invoice info: added once, then modified; the tax id cannot be changed; bad input changes nothing', async () => {
  let page = await admin.get('/finance/invoices/info');
  assert.equal(page.status, 200);
  assert.match(page.text, /Manage Invoice Info/);
  assert.match(page.text, /id="invoice-info-form"/);
  const bad = [
    [{ address: '', email: 'billing@sunrise.example' }, /This field is required/],
    [{ address: 'Road 1', email: 'not-an-email' }, /e-mail|email/i],
    [{ address: 'x'.repeat(301), email: 'billing@sunrise.example' }, /Too long/],
  ];
  for (const [body, message] of bad) {
    const r = await admin.post('/finance/invoices/info', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(r.text, message);
  }
  assert.deepEqual(await infoRow(), []);
  let r = await admin.post('/finance/invoices/info', { address: '88 Century Avenue, Shanghai', email: 'billing@sunrise.example' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/finance/invoices/info?msg=invoice_info_added');
  page = await admin.get('/finance/invoices/info');
  assert.match(page.text, /Invoice Info Management/);
  assert.match(page.text, /value="88 Century Avenue, Shanghai"/);
  r = await admin.post('/finance/invoices/info', { address: '1 Bund Road, Shanghai', email: 'invoices@sunrise.example' });
  assert.equal(r.location, '/finance/invoices/info?msg=invoice_info_modified');
  assert.deepEqual(await infoRow(), [['1 Bund Road, Shanghai', 'invoices@sunrise.example']]);
  // the tax id comes from registration: a POST trying to set it is refused and changes nothing
  await stack.sql(`UPDATE partners SET vat_id = '91310000MA1FL0001X' WHERE id = ${SUNRISE}`);
  await admin.get('/finance/invoices/info');
  for (const field of ['tax_id', 'vat_id']) {
    r = await admin.post('/finance/invoices/info', { address: 'Elsewhere', email: 'x@sunrise.example', [field]: 'CN000' });
    assert.equal(r.status, 400, field);
    assert.match(r.text, /comes from the registration and cannot be changed/);
  }
  assert.deepEqual(await stack.sql(`SELECT vat_id FROM partners WHERE id = ${SUNRISE}`), [['91310000MA1FL0001X']]);
  assert.deepEqual(await infoRow(), [['1 Bund Road, Shanghai', 'invoices@sunrise.example']]);
  assert.deepEqual(await stack.sql(`SELECT action FROM audit_events WHERE action LIKE 'invoice_info.%' ORDER BY id`),
    [['invoice_info.add'], ['invoice_info.modify']]);
  // a Finance specialist sees the info, cannot change it
  page = await finance.get('/finance/invoices/info');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /id="invoice-info-form"/);
  assert.match(page.text, /1 Bund Road, Shanghai/);
  assert.equal((await finance.post('/finance/invoices/info', { address: 'Finance Road', email: 'f@sunrise.example' })).status, 403);
  assert.deepEqual(await infoRow(), [['1 Bund Road, Shanghai', 'invoices@sunrise.example']]);
});

test('the next bill\'s invoice carries the partner\'s current invoice info and tax id', async () => {
  const r = await stack.workerWith({}, 'run', 'bills', '--now', '2029-02-04 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const [[number, period, address, email, vat, status]] = await stack.sql(`SELECT number, period, buyer_address, buyer_email, buyer_vat_id, status
    FROM invoices WHERE partner_id = ${SUNRISE} AND period = 202901`);
  assert.match(number, /^CSER29\d{6}$/);
  assert.deepEqual([period, address, email, vat, status], ['202901', '1 Bund Road, Shanghai', 'invoices@sunrise.example', '91310000MA1FL0001X', 'issued']);
});

test('the list: period, number, content, amount and currency, status, downloads; filters', async () => {
  const want = (await stack.sql(`SELECT id FROM invoices WHERE partner_id = ${SUNRISE} AND status <> 'refused' ORDER BY period DESC, id DESC`)).map((x) => x[0]);
  assert.ok(want.length >= 2, 'the demo bills and 2029-01 are invoiced');
  const page = await finance.get('/finance/invoices');
  assert.equal(page.status, 200);
  assert.deepEqual(rowIds(page.text), want);
  const [[id, number, payable]] = await stack.sql(`SELECT id, number, payable FROM invoices WHERE partner_id = ${SUNRISE} AND period = 202901`);
  const amount = (BigInt(payable) / (E8 / 100n));
  const text = `${amount / 100n}.${String(amount % 100n).padStart(2, '0')}`;
  assert.match(page.text, new RegExp(`data-id="${id}">\\s*<td>202901</td><td>${number}</td>\\s*<td>Monthly bill</td>\\s*<td class="amount">${text} USD</td>\\s*<td>Invoiced</td>`));
  assert.match(page.text, new RegExp(`href="/finance/invoices/${id}/pdf"`));
  assert.match(page.text, new RegExp(`href="/finance/invoices/${id}/xml"`));
  // filters
  assert.deepEqual(rowIds((await finance.get('/finance/invoices?period=2029-01')).text), [id]);
  assert.deepEqual(rowIds((await finance.get('/finance/invoices?period=2029-03')).text), []);
  assert.deepEqual(rowIds((await finance.get('/finance/invoices?status=voided')).text), []);
  assert.deepEqual(rowIds((await finance.get('/finance/invoices?status=issued')).text), want);
  for (const q of ['period=2029-13', 'period=202901', 'status=refused', 'status=lost']) {
    const r = await finance.get(`/finance/invoices?${q}`);
    assert.equal(r.status, 400, q);
    // the page itself, with the reason beside the field and no rows
    const [name, value] = q.split('=');
    assert.match(r.text, new RegExp(`id="e-${name}"`), q);
    if (name === 'period') assert.match(r.text, new RegExp(`id="f-period"[^>]*value="${value}"`), q);
    assert.deepEqual(rowIds(r.text), [], q);
  }
  // the total and the page size
  const listed = await finance.get('/finance/invoices?size=10');
  assert.match(listed.text, new RegExp(`id="list-range">1–${Math.min(10, want.length)} of ${want.length}<`));
  // a hostile invoice address is escaped where it is shown
  await stack.sql(`UPDATE partner_invoice_info SET address = '</dd><script>alert(1)</script>' WHERE partner_id = ${SUNRISE}`);
  const info = await finance.get('/finance/invoices/info');
  assert.doesNotMatch(info.text, /<script>alert/);
  assert.match(info.text, /&lt;script&gt;/);
});

test('the vendor\'s invoice list pages with its total; a bad status is refused beside its field', async () => {
  const operator = await signIn(stack.base, 'operator');
  const all = Number((await stack.sql('SELECT COUNT(*) FROM invoices'))[0][0]);
  const r = await operator.get('/admin/invoices?size=10');
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`id="list-range">${all ? `1–${Math.min(10, all)}` : '0–0'} of ${all}<`));
  const bad = await operator.get('/admin/invoices?status=lost');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="e-status">Choose one of the options\.</);
  assert.doesNotMatch(bad.text, /<table id="invoices"/);
});

test('PDF and UBL of an invoice; partner B\'s invoice is a 404', async () => {
  const [[id, number, tax, payable, ppm]] = await stack.sql(`SELECT id, number, tax, payable, tax_rate_ppm FROM invoices WHERE partner_id = ${SUNRISE} AND period = 202901`);
  const rate = (Number(ppm) / 10000).toFixed(2).replace('.', '\\.');
  const cents = (v) => { const c = BigInt(v) / (E8 / 100n); return `${c / 100n}.${String(c % 100n).padStart(2, '0')}`; };
  assert.ok(BigInt(tax) > 0n, 'the partner\'s rate');
  const res = await fetch(`${stack.base}/finance/invoices/${id}/pdf`, { headers: { cookie: admin.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = join(scratch, 'invoice.pdf');
  writeFileSync(file, body);
  const txt = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(txt, new RegExp(`Invoice No\\.\\s+${number}`));
  assert.match(txt, /Sparkoo Technologies Hong Kong/);
  assert.match(txt, /VAT ID\s+91310000MA1FL0001X/);
  assert.match(txt, new RegExp(`VAT\\s+${cents(tax).replace('.', '\\.')} USD \\(S, ${rate}%\\)`));
  assert.match(txt, new RegExp(`Amount due\\s+${cents(payable).replace('.', '\\.')} USD`));
  const xml = await finance.get(`/finance/invoices/${id}/xml`);
  assert.equal(xml.status, 200);
  assert.match(xml.headers.get('content-type'), /^application\/xml/);
  assert.match(xml.text, new RegExp(`<cbc:ID>${number}</cbc:ID>`));
  assert.ok(xml.text.includes(`<cbc:PayableAmount currencyID="USD">${cents(payable)}</cbc:PayableAmount>`));

  const [[otherId]] = await stack.sql(`SELECT id FROM invoices WHERE partner_id = ${OTHER} AND period = 202901`);
  for (const path of [`/finance/invoices/${otherId}/pdf`, `/finance/invoices/${otherId}/xml`, '/finance/invoices/99999999/pdf']) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
  assert.doesNotMatch((await admin.get('/finance/invoices')).text, new RegExp(`data-id="${otherId}"`));
  assert.equal((await other.get(`/finance/invoices/${otherId}/xml`)).status, 200, 'partner B reads its own');
  assert.equal((await other.get(`/finance/invoices/${id}/pdf`)).status, 404);
});

test('who must not: an account manager gets 403 everywhere; changes need the Admin role', async () => {
  const [[id]] = await stack.sql(`SELECT id FROM invoices WHERE partner_id = ${SUNRISE} AND period = 202901`);
  for (const path of ['/finance/invoices', '/finance/invoices/info', `/finance/invoices/${id}/pdf`, `/finance/invoices/${id}/xml`]) {
    assert.equal((await am.get(path)).status, 403, path);
  }
  await am.get('/home');
  assert.equal((await am.post('/finance/invoices/notice', { notice: 'on' })).status, 403);
  assert.equal((await am.post('/finance/invoices/info', { address: 'a', email: 'a@b.example' })).status, 403);
  const customer = await signedIn('customer1');
  assert.ok([403, 404].includes((await customer.get('/finance/invoices')).status));
});

test('the no-expenditure e-mail switch: Admin only, audited, a bad value changes nothing', async () => {
  const flag = async () => (await one(`SELECT invoice_notice_no_expenditure FROM partners WHERE id = ${SUNRISE}`))[0];
  assert.equal(await flag(), '0', 'off by default');
  await finance.get('/finance/invoices/info');
  assert.equal((await finance.post('/finance/invoices/notice', { notice: 'on' })).status, 403);
  await admin.get('/finance/invoices/info');
  assert.equal((await admin.post('/finance/invoices/notice', { notice: 'maybe' })).status, 400);
  assert.equal(await flag(), '0');
  const r = await admin.post('/finance/invoices/notice', { notice: 'on' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/finance/invoices/info?msg=invoice_notice_on');
  assert.equal(await flag(), '1');
  assert.match((await admin.get('/finance/invoices/info')).text, /when there is no expenditure this month: <strong>On/);
  assert.deepEqual(await stack.sql("SELECT action FROM audit_events WHERE action LIKE 'invoice_notice.%'"), [['invoice_notice.on']]);
});
