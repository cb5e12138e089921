// Withholding-tax certificates (ch09 §9.4.3b, ch11-14 §13.7): only partners
// registered in MY, TH or PH see the page (others: 404); an Admin uploads a
// certificate with its invoices and per-invoice amounts whose sum must equal
// the certificate amount (20 = 12 + 8 accepted, 12 + 9 refused), an
// attachment (JPEG/PNG/GIF/PDF by content, ≤ 10 MB); an invoice is in one
// non-rejected certificate only.  The operator approves (the amounts are
// credited to the bills with a ledger entry each) or rejects with a reason
// (the invoices are free again); the partner sees the status.  Refused
// uploads change nothing and leave no file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { csrfFrom, signIn } from '../lib/client.mjs';
import { startStack } from '../lib/stack.mjs';

let stack, admin, finance, am, other, operator, SUNRISE, INV;
const E8 = 100000000n;
const usd = (s) => String(BigInt(Math.round(Number(s) * 100)) * (E8 / 100n));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

before(async () => {
  stack = await startStack({ extraConf: 'Tax.wht_post_my = Sparkoo Malaysia, Level 10, Kuala Lumpur' });
  SUNRISE = (await one("SELECT id FROM partners WHERE account_name = 'sunrise'"))[0];
  await stack.sql(`UPDATE partners SET country = 'MY' WHERE id = ${SUNRISE}`); // a Malaysian partner
  admin = await signedIn('csp.admin');
  finance = await signedIn('csp.finance1');
  am = await signedIn('csp.am1');
  other = await signedIn('dist.admin');
  operator = await signedIn('operator');
  // three months billed by the worker: three issued bill invoices with 108.00 due each (SST 8 %)
  const [c] = await one(`SELECT id FROM customers WHERE partner_id = ${SUNRISE} AND association_type = 'reseller' ORDER BY id LIMIT 1`);
  for (const m of [1, 2, 3]) {
    const cycle = 202900 + m, at = `2029-0${m}-15 04:00:00`;
    await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle, product_id, billing_mode,
      bill_type, monthly_settled, spent_from, spent_to, transaction_at, transaction_no, region, resource_key, pricing_qty, list_amount, amount_due,
      refund_coupons, created_at) VALUES ('wht-${cycle}', ${c}, ${SUNRISE}, 'reseller', ${cycle}, (SELECT id FROM products WHERE code = 'elastic_cloud_server'),
      'pay_per_use', 'expenditure', 0, '${at}', '${at}', '${at}', 'wht-${cycle}', 'ap-southeast-1', '', 0, ${usd('100')}, ${usd('100')}, 0, UTC_TIMESTAMP())`);
    const r = await stack.workerWith({}, 'run', 'bills', '--now', `2029-0${m + 1}-04 01:00:00`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  }
  INV = (await stack.sql(`SELECT i.id, i.number, i.bill_id FROM invoices i WHERE i.partner_id = ${SUNRISE} AND i.period BETWEEN 202901 AND 202903
    AND i.status = 'issued' ORDER BY i.period`)).map(([id, number, bill]) => ({ id, number, bill }));
  assert.equal(INV.length, 3);
});
after(async () => { await stack?.stop(); });

const one = async (q) => (await stack.sql(q))[0] || null;
const signedIn = (username) => signIn(stack.base, username);
/** A ZIP made by python3's zipfile holding the named files (a few bytes each, beginning as their
 * type does: the server checks each member's content against its name). */
function zipOf(names) {
  const dir = mkdtempSync(join(tmpdir(), 'pc-wht-'));
  try {
    const path = join(dir, 'c.zip');
    execFileSync('python3', ['-c', 'import sys,zipfile\nm={"jpg":b"\\xff\\xd8\\xffx","png":b"\\x89PNG\\r\\n\\x1a\\nx","gif":b"GIF89ax"}\n'
      + 'with zipfile.ZipFile(sys.argv[1],"w") as z:\n  [z.writestr(n, m.get(n.rsplit(".",1)[-1].lower(), b"%PDF-1.4 x")) for n in sys.argv[2:]]', path, ...names]);
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const files = () => (existsSync(join(stack.varDir, 'exports/wht')) ? readdirSync(join(stack.varDir, 'exports/wht')).length : 0);
const snapshot = async () => [await stack.sql(`SELECT (SELECT COUNT(*) FROM wht_certificates), (SELECT COUNT(*) FROM wht_certificate_invoices),
  (SELECT COUNT(*) FROM audit_events WHERE action LIKE 'wht.%'), (SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%WHT%')`), files()];

/** POST the upload form as multipart (rows: [invoiceId, certAmount, invoiceAmount]). */
async function upload(c, { code = '', date = '2026-01-15', amount = '20', currency = 'MYR', rows = [], file = PDF, name = 'cert.pdf', remarks = '' } = {}) {
  await c.get('/finance/wht');
  const fd = new FormData();
  fd.append('csrf', csrfFrom(c.lastHtml));
  for (const [k, v] of Object.entries({ code, certificate_date: date, amount, currency, remarks })) fd.append(k, v);
  for (const [id, a, b] of rows) {
    fd.append('invoice_id', String(id));
    fd.append('inv_amount', a);
    fd.append('inv_amount_invoice', b);
  }
  if (file) fd.append('attachment', new Blob([file]), name);
  const res = await fetch(`${stack.base}/finance/wht`, { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: c.cookieHeader() } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

test('only partners registered in MY, TH or PH see the page; an account manager gets 403', async () => {
  const page = await admin.get('/finance/wht');
  assert.equal(page.status, 200);
  assert.match(page.text, /id="wht-form"/);
  assert.match(page.text, /Post the original certificate to: Sparkoo Malaysia, Level 10, Kuala Lumpur/, 'the address from the configuration (§13.7)');
  assert.match((await admin.get('/finance/invoices')).text, /href="\/finance\/wht"/);
  assert.equal((await other.get('/finance/wht')).status, 404, 'a partner registered in CN');
  assert.doesNotMatch((await other.get('/finance/invoices')).text, /href="\/finance\/wht"/);
  assert.equal((await am.get('/finance/wht')).status, 403);
  const seen = await finance.get('/finance/wht');
  assert.equal(seen.status, 200);
  assert.doesNotMatch(seen.text, /id="wht-form"/, 'a Finance specialist sees, an Admin uploads');
});

test('bad uploads are refused with a message and change nothing (12 + 9 ≠ 20 among them)', async () => {
  const before = await snapshot();
  const [a, b] = INV;
  const [[otherInv]] = await stack.sql(`SELECT id FROM invoices WHERE partner_id <> ${SUNRISE} AND status = 'issued' LIMIT 1`);
  const html = Buffer.from('<html><body>not a certificate</body></html>');
  const cases = [
    [{ rows: [[a.id, '12', '3'], [b.id, '9', '2']] }, /must add up to the certificate amount/],
    [{ rows: [[a.id, '12', '3'], [b.id, '8', '2']], file: html, name: 'cert.pdf' }, /must be a JPEG, PNG, GIF or PDF/],
    [{ rows: [[a.id, '12', '3'], [b.id, '8', '2']], file: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) }, /larger than 10 MB/],
    [{ rows: [[a.id, '12', '3'], [b.id, '8', '2']], file: null }, /Attach the certificate/],
    [{ rows: [[a.id, '12', '3'], [b.id, '8', '2']], file: zipOf(['cert.pdf', 'run.exe']), name: 'certs.zip' }, /ZIP file contains a file that is not a JPEG, PNG, GIF or PDF/],
    [{ rows: [[a.id, '12', '3'], [b.id, '8', '2']], file: zipOf(['cert.pdf', 'notes.docx']), name: 'certs.zip' }, /ZIP file contains a file that is not/],
    [{ rows: [[a.id, '12', '3'], [b.id, '8', '2']], file: Buffer.from('PK\x03\x04 not really a zip'), name: 'certs.zip' }, /or a ZIP of such files/],
    [{ rows: [[a.id, '12', '3'], [a.id, '8', '2']] }, /can be selected only once/],
    [{ rows: [[otherInv, '20', '3']] }, /Choose invoices of your own/],
    [{ rows: [] }, /Select at least one invoice/],
    [{ rows: [[a.id, '20', '3.001']] }, /Enter both amounts/],
    [{ rows: [[a.id, '20', '999999']] }, /larger than the invoice amount/],
    [{ rows: [[a.id, '20', '3']], date: '2099-01-01' }, /cannot be in the future/],
    [{ rows: [[a.id, '20', '3']], currency: 'myr' }, /three-letter currency code/],
    [{ rows: [[a.id, '20', '3']], amount: '0' }, /out of the allowed range/],
    [{ rows: [[a.id, '20', '3']], code: 'A<script>' }, /letters, digits/],
  ];
  for (const [body, message] of cases) {
    const r = await upload(admin, body);
    assert.equal(r.status, 400, JSON.stringify(body.rows) + (body.name || ''));
    assert.match(r.text, message);
  }
  const r = await upload(finance, { rows: [[a.id, '12', '3'], [b.id, '8', '2']] });
  assert.equal(r.status, 403, 'a Finance specialist cannot upload');
  assert.deepEqual(await snapshot(), before);
});

let first;
test('20 = 12 + 8 over two invoices is accepted: to be reviewed; an invoice cannot be in a second certificate', async () => {
  const [a, b, c] = INV;
  const r = await upload(admin, { code: 'MY-WHT-0001', rows: [[a.id, '12', '3.00'], [b.id, '8', '2.00']], remarks: 'Q1' });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, '/finance/wht?msg=wht_uploaded');
  [first] = await one("SELECT id FROM wht_certificates WHERE code = 'MY-WHT-0001'");
  assert.deepEqual(await stack.sql(`SELECT status, amount, currency, attachment_type FROM wht_certificates WHERE id = ${first}`),
    [['to_be_reviewed', usd('20'), 'MYR', 'application/pdf']]);
  assert.deepEqual(await stack.sql(`SELECT invoice_id, amount, invoice_amount FROM wht_certificate_invoices WHERE certificate_id = ${first} ORDER BY invoice_id`),
    [[a.id, usd('12'), usd('3')], [b.id, usd('8'), usd('2')]]);
  assert.equal(files(), 1);
  assert.deepEqual(await stack.sql("SELECT to_addr, subject FROM mail_outbox WHERE subject LIKE 'WHT certificate%'"),
    [['operator@vendor.example', 'WHT certificate MY-WHT-0001 to review']], 'the operators are told (9.4.3b)');
  const page = await finance.get('/finance/wht');
  assert.match(page.text, new RegExp(`data-id="${first}">[\\s\\S]*?MY-WHT-0001[\\s\\S]*?${a.number}: 12\\.00 MYR / 3\\.00 USD[\\s\\S]*?To be reviewed`));
  const file = await fetch(`${stack.base}/finance/wht/${first}/attachment`, { headers: { cookie: finance.cookieHeader() } });
  assert.equal(file.status, 200);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
  assert.equal((await other.get(`/finance/wht/${first}/attachment`)).status, 404);
  // the same invoice in a second certificate, the same code again
  const before = await snapshot();
  let again = await upload(admin, { code: 'MY-WHT-0002', amount: '5', rows: [[b.id, '5', '1.00']] });
  assert.equal(again.status, 400);
  assert.match(again.text, /already in another certificate/);
  again = await upload(admin, { code: 'MY-WHT-0001', amount: '5', rows: [[c.id, '5', '1.00']] });
  assert.equal(again.status, 400);
  assert.match(again.text, /uploaded before/);
  assert.deepEqual(await snapshot(), before);
  // a code left empty is generated
  const gen = await upload(admin, { amount: '5', rows: [[c.id, '5', '1.00']], file: Buffer.from('GIF89a....'), name: 'c.gif' });
  assert.equal(gen.status, 303, gen.text);
  assert.match((await one(`SELECT code FROM wht_certificates WHERE id = (SELECT MAX(id) FROM wht_certificates)`))[0], new RegExp(`^WHT-${SUNRISE}-\\d+$`));
});

test('the operator rejects with a reason (invoices free again) and approves (bills credited in the ledger)', async () => {
  const [a, b, c] = INV;
  const [[second]] = await stack.sql(`SELECT certificate_id FROM wht_certificate_invoices WHERE invoice_id = ${c.id}`);
  let page = await operator.get('/admin/wht');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`data-id="${first}"`));
  let r = await operator.post(`/admin/wht/${second}/reject`, { reason: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /This field is required/);
  r = await operator.post(`/admin/wht/${second}/reject`, { reason: 'The stamp is missing' });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT status, review_reason FROM wht_certificates WHERE id = ${second}`), [['rejected', 'The stamp is missing']]);
  assert.match((await admin.get('/finance/wht')).text, /Rejected: The stamp is missing/);
  const [[to, body]] = await stack.sql(`SELECT to_addr, body FROM mail_outbox WHERE subject LIKE '%: Rejected'`);
  assert.equal(to, 'csp.admin@sunrise.example', 'the partner\'s Admin hears the result');
  assert.match(body, /was reviewed: Rejected\. The stamp is missing/);
  const again = await upload(admin, { code: 'MY-WHT-0003', amount: '5', rows: [[c.id, '5', '1.00']] });
  assert.equal(again.status, 303, 'a rejected certificate frees its invoices');

  const due = async (bill) => (await one(`SELECT amount_paid, status FROM partner_bills WHERE id = ${bill}`));
  const [paidA] = await due(a.bill);
  const [paidB] = await due(b.bill);
  r = await operator.post(`/admin/wht/${first}/approve`, {});
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/wht?msg=wht_approved');
  assert.equal((await one(`SELECT status FROM wht_certificates WHERE id = ${first}`))[0], 'approved');
  assert.deepEqual(await due(a.bill), [String(BigInt(paidA) + BigInt(usd('3'))), 'partially_paid']);
  assert.deepEqual(await due(b.bill), [String(BigInt(paidB) + BigInt(usd('2'))), 'partially_paid']);
  assert.deepEqual(await stack.sql(`SELECT e.kind, a.code, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
    JOIN ledger_accounts a ON a.id = p.account_id WHERE e.idem_key = 'wht:${first}:${a.id}' ORDER BY p.amount`),
  [['payment', `p${SUNRISE}:receivable`, `-${usd('3')}`], ['payment', 'vendor:tax', usd('3')]]);
  // the credit is a payment of method WHT through lib/payment: its row, entry and allocation
  const [[payId, method, pStatus, pAmount, pBill, entryKey]] = await stack.sql(`SELECT p.id, p.method, p.status, p.amount, p.bill_id, e.idem_key
    FROM payments p JOIN journal_entries e ON e.id = p.journal_entry_id WHERE p.idempotency_key = 'wht:${first}:${a.id}'`);
  assert.deepEqual([method, pStatus, pAmount, pBill, entryKey], ['WHT', 'SUCCEEDED', usd('3'), String(a.bill), `wht:${first}:${a.id}`]);
  assert.deepEqual(await stack.sql(`SELECT bill_id, amount FROM payment_allocations WHERE payment_id = ${payId}`), [[String(a.bill), usd('3')]]);
  assert.equal((await one(`SELECT COUNT(*) FROM payments WHERE method = 'WHT' AND idempotency_key LIKE 'wht:${first}:%'`))[0], '2');
  assert.equal((await operator.post(`/admin/wht/${first}/approve`, {})).status, 409, 'reviewed once');
  assert.equal((await operator.post(`/admin/wht/${first}/reject`, { reason: 'late' })).status, 409);
  assert.equal((await operator.post('/admin/wht/999999/approve', {})).status, 404);
  assert.deepEqual(await stack.sql("SELECT action FROM audit_events WHERE action IN ('wht.approve', 'wht.reject') ORDER BY id"), [['wht.reject'], ['wht.approve']]);
  assert.match((await admin.get('/finance/wht')).text, new RegExp(`data-id="${first}">[\\s\\S]*?Approved`));
  const ledger = await stack.pcadm(['verify-ledger']);
  assert.equal(ledger.code, 0, ledger.stdout + ledger.stderr);
});

test('members and customers cannot reach the operator\'s review', async () => {
  for (const c of [admin, finance, await signedIn('customer1')]) {
    assert.ok([403, 404].includes((await c.get('/admin/wht')).status));
    assert.ok([403, 404].includes((await c.post(`/admin/wht/${first}/reject`, { reason: 'x' })).status));
  }
});

test('several files zipped: a ZIP of JPEG, PNG, GIF and PDF files is accepted and downloaded as it was sent', async () => {
  const [, , c] = INV;
  const [[pending]] = await stack.sql(`SELECT w.id FROM wht_certificates w JOIN wht_certificate_invoices i ON i.certificate_id = w.id
    WHERE i.invoice_id = ${c.id} AND w.status = 'to_be_reviewed'`);
  await operator.get('/admin/wht');
  assert.equal((await operator.post(`/admin/wht/${pending}/reject`, { reason: 'Send all pages in one ZIP' })).status, 303);
  const zip = zipOf(['page1.pdf', 'scans/page2.JPG', 'page3.png', 'stamp.gif']);
  const before = files();
  const r = await upload(admin, { code: 'MY-WHT-ZIP', amount: '5', rows: [[c.id, '5', '1.00']], file: zip, name: 'certificate.zip' });
  assert.equal(r.status, 303, r.text);
  const [[id, type, size]] = await stack.sql("SELECT id, attachment_type, attachment_size FROM wht_certificates WHERE code = 'MY-WHT-ZIP'");
  assert.deepEqual([type, Number(size)], ['application/zip', zip.length]);
  assert.equal(files(), before + 1);
  for (const [client, path] of [[finance, `/finance/wht/${id}/attachment`], [operator, `/admin/wht/${id}/attachment`]]) {
    const res = await fetch(`${stack.base}${path}`, { headers: { cookie: client.cookieHeader() } });
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-disposition') || '', /\.zip/);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), zip);
  }
  assert.equal((await other.get(`/finance/wht/${id}/attachment`)).status, 404);
});

test('a bill paid net of WHT is "Partially paid (WHT pending)" until its certificate is approved, then Paid (§13.7)', async () => {
  const c = INV[2];
  const [[certificate]] = await stack.sql(`SELECT w.id FROM wht_certificates w JOIN wht_certificate_invoices wi ON wi.certificate_id = w.id
    WHERE wi.invoice_id = ${c.id} AND w.status = 'to_be_reviewed'`);
  // the partner pays the bill less the 1.00 USD withheld, from its top-up balance
  const [[due, paid]] = await stack.sql(`SELECT amount_due, amount_paid FROM partner_bills WHERE id = ${c.bill}`);
  const net = ((Number(due) - Number(paid)) / 1e8 - 1).toFixed(2);
  const topUp = await stack.pcadm(['top-up', String(SUNRISE), net, 'WHT-NET-1']);
  assert.equal(topUp.code, 0, topUp.stdout + topUp.stderr);
  const page = await admin.get('/finance/funds?tab=pay');
  const key = /name="key" value="([0-9a-f]{64})"/.exec(page.text)[1];
  const r = await admin.post('/finance/funds/pay', { key, bill_id: c.bill, amount: net, method: 'balance' });
  assert.equal(r.status, 303, r.text);
  assert.equal((await one(`SELECT status FROM partner_bills WHERE id = ${c.bill}`))[0], 'partially_paid');
  const pending = new RegExp(`data-bill="${c.bill}">[\\s\\S]*?Partially paid \\(WHT pending\\)`);
  assert.match((await admin.get('/finance/funds?tab=pay')).text, pending);
  assert.match((await admin.get('/finance/bills')).text, pending);

  assert.equal((await operator.post(`/admin/wht/${certificate}/approve`, {})).status, 303);
  assert.equal((await one(`SELECT status FROM partner_bills WHERE id = ${c.bill}`))[0], 'paid');
  assert.doesNotMatch((await admin.get('/finance/bills')).text, /WHT pending/);
  const ledger = await stack.pcadm(['verify-ledger']);
  assert.equal(ledger.code, 0, ledger.stdout + ledger.stderr);
});
