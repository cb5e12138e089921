// Remittance (spec 9.4.2.3, issue 6): the partner's remittance claim (amount, currency, transfer
// date, sender, bills to apply to, one attachment under 10 MB of the allowed types, a ZIP only
// holding those types) waits for the vendor operator, who approves it (the selected bills
// first, the rest as top-up balance: 1,000 applied 600 to bill A → A reduced by 600, balance
// +400) or rejects it with a reason; the partner sees each transfer's status.  The operator's
// upload page /admin/bank-statements imports camt.053 files.  Who must not: an account
// manager (403), partner B on A's claim (404), partner members and customers on /admin/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { csrfFrom, signIn } from '../lib/client.mjs';
import { local, monthsBack } from '../lib/dates.mjs';
import { TOP, startStack } from '../lib/stack.mjs';
import { USD, cleanWorld, ledgerClean, makeBill, moneyState, rfFor, units } from '../lib/funds_seed.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'pc-remit-'));
let stack, w, admin, finance, am, dist, operator, customer, billA, billB;
const signed = (name) => signIn(stack.base, name);
const one = async (q) => (await stack.sql(q))[0]?.[0];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64)]);

/** A ZIP made by python3's zipfile (deflated) holding the named files, each beginning as its type
 * does (%PDF-, PK, the PNG signature); an entry [name, kind] holds instead: 'exe' a Windows
 * program's first bytes, 'bomb' a PDF of 60 MB of zeros (about 60 KB packed). */
function zipOf(entries) {
  const path = join(scratch, `z${Math.random().toString(36).slice(2)}.zip`);
  const py = `import sys, zipfile
magic = {"pdf": b"%PDF-1.4 x", "xlsx": b"PK\\x03\\x04x", "docx": b"PK\\x03\\x04x", "png": b"\\x89PNG\\r\\n\\x1a\\nx"}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
  for e in sys.argv[2:]:
    name, _, kind = e.partition("|")
    if kind == "exe": data = b"MZ\\x90\\x00 not a document"
    elif kind == "bomb": data = b"%PDF-1.4 " + bytes(60 * 1024 * 1024)
    else: data = magic.get(name.rsplit(".", 1)[-1].lower(), b"x")
    z.writestr(name, data)`;
  execFileSync('python3', ['-c', py, path, ...entries.map((e) => (Array.isArray(e) ? e.join('|') : e))]);
  return readFileSync(path);
}

/** POST a multipart form (the CSRF token of the page at `page`), files as [field, name, Buffer]. */
async function multipart(client, page, path, fields, files = []) {
  const p = await client.get(page);
  const form = new FormData();
  form.append('csrf', csrfFrom(p.text) || '');
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, String(x));
  for (const [field, name, data] of files) form.append(field, new Blob([data]), name);
  return client.request('POST', path, { body: form });
}

const claim = (client, fields, files = [['attachment', 'receipt.pdf', PDF]]) => multipart(client, '/finance/funds?tab=remittance', '/finance/funds/claims', {
  amount: '1000.00', currency: 'USD', transfer_date: '2026-01-15', sender: 'Sunrise Cloud Ltd', sender_account: 'SG00 1234', ...fields }, files);
const state = async () => [await moneyState(stack), await stack.sql('SELECT COUNT(*), GROUP_CONCAT(status ORDER BY id) FROM remittance_claims')];

before(async () => {
  stack = await startStack();
  w = await cleanWorld(stack);
  billA = await makeBill(stack, w, w.p1, w.c1, monthsBack(3), units('700.00'));
  billB = await makeBill(stack, w, w.p2, w.c2, monthsBack(3), units('80.00'));
  admin = await signed('csp.admin');
  finance = await signed('csp.finance1');
  am = await signed('csp.am1');
  dist = await signed('dist.admin');
  operator = await signed('operator');
  customer = await signed('customer1');
});
after(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('a claim of 1,000 applied 600 to bill A waits for review; the partner sees it pending', async () => {
  const r = await claim(admin, { bill_id: billA, [`apply_${billA}`]: '600.00' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.equal(r.location, '/finance/funds?tab=remittance&msg=claim_submitted');
  const [[id, status, amount, type, size]] = await stack.sql(`SELECT id, status, amount, attachment_type, LENGTH(attachment) FROM remittance_claims`);
  assert.deepEqual([status, amount, type, Number(size)], ['PENDING_REVIEW', String(1000n * USD), 'pdf', PDF.length]);
  assert.deepEqual(await stack.sql(`SELECT bill_id, amount FROM remittance_claim_bills WHERE claim_id = ${id}`), [[String(billA), String(600n * USD)]]);
  const page = await finance.get('/finance/funds?tab=remittance');
  assert.match(page.text, new RegExp(`<tr data-claim="${id}">[\\s\\S]*?1,000\\.00 USD[\\s\\S]*?600\\.00[\\s\\S]*?Pending review`));
  const file = await finance.get(`/finance/funds/claims/${id}/attachment`);
  assert.equal(file.status, 200);
  assert.equal(file.text, PDF.toString());
  assert.equal(await one(`SELECT balance FROM ledger_accounts WHERE code = 'p${w.p1}:top_up'`) ?? '0', '0', 'nothing credited before review');
});

test('bad claims are refused with a message and store nothing', async () => {
  const before = await state();
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  PDF.copy(big);
  const cases = [
    [{}, [['attachment', 'big.pdf', big]], /smaller than 10 MB/],
    [{}, [['attachment', 'tool.exe', Buffer.from('MZ')]], /must be a JPG, JPEG, PNG/],
    [{}, [['attachment', 'fake.pdf', Buffer.from('not a pdf')]], /must be a JPG, JPEG, PNG/],
    [{}, [['attachment', 'bundle.zip', zipOf(['receipt.pdf', 'setup.exe'])]], /ZIP file contains a file of a type that is not allowed/],
    // no archive in the archive, no program named as a document, no ZIP bomb
    [{}, [['attachment', 'nested.zip', zipOf(['receipt.pdf', 'more.zip'])]], /another archive/],
    [{}, [['attachment', 'disguised.zip', zipOf(['receipt.pdf', ['invoice.pdf', 'exe']])]], /content does not match its name/],
    [{}, [['attachment', 'bomb.zip', zipOf([['huge.pdf', 'bomb']])]], /more than 50 MB when unpacked/],
    [{}, [], /Attach one file/],
    [{}, [['attachment', 'a.pdf', PDF], ['attachment', 'b.png', PNG]], /exactly one file/],
    [{ amount: '0' }, undefined, /class="error"/],
    [{ amount: '12.345' }, undefined, /at most 2 decimals/],
    [{ sender: '' }, undefined, /class="error"/],
    [{ currency: 'XXX' }, undefined, /class="error"/],
    [{ transfer_date: '2099-01-01' }, undefined, /cannot be in the future/],
    [{ bill_id: billA, [`apply_${billA}`]: '700.01' }, undefined, /more than the bill still owes/],
    [{ amount: '100.00', bill_id: billA, [`apply_${billA}`]: '100.01' }, undefined, /add up to more than the amount transferred/],
    [{ bill_id: billA }, undefined, /amount to apply to each chosen bill/],
  ];
  for (const [fields, files, message] of cases) {
    const r = await claim(admin, fields, files);
    assert.equal(r.status, 400, `${JSON.stringify(fields)} ${files?.map((f) => f[1])}`);
    assert.match(r.text, message);
  }
  // partner B's bill is not A's to apply to; a finance specialist may not submit; an account manager sees nothing
  assert.equal((await claim(admin, { bill_id: billB, [`apply_${billB}`]: '10.00' })).status, 404);
  assert.equal((await claim(finance, {})).status, 403);
  assert.equal((await am.get('/finance/funds?tab=remittance')).status, 403);
  assert.deepEqual(await state(), before);
  // the allowed types pass: a PNG, and a ZIP of PDF and XLSX files
  assert.equal((await claim(admin, { amount: '5.00' }, [['attachment', 'shot.PNG', PNG]])).status, 303);
  assert.equal((await claim(admin, { amount: '6.00' }, [['attachment', 'docs.zip', zipOf(['a.pdf', 'dir/b.xlsx'])]])).status, 303);
});

test("partner B cannot see or fetch partner A's claim (404)", async () => {
  const id = await one('SELECT MIN(id) FROM remittance_claims');
  assert.equal((await dist.get(`/finance/funds/claims/${id}/attachment`)).status, 404);
  const page = await dist.get('/finance/funds?tab=remittance');
  assert.doesNotMatch(page.text, new RegExp(`data-claim="${id}"`));
});

test('partner members and customers cannot reach the operator pages, nor decide claims', async () => {
  const id = await one('SELECT MIN(id) FROM remittance_claims');
  const before = await state();
  for (const c of [admin, finance, customer]) {
    for (const path of ['/admin/bank-statements', '/admin/remittance-claims', `/admin/remittance-claims/${id}/attachment`]) {
      const r = await c.get(path);
      assert.ok([403, 404].includes(r.status), `${path} → ${r.status}`);
    }
    await c.get('/home');
    const r = await c.post(`/admin/remittance-claims/${id}/approve`, {});
    assert.ok([403, 404].includes(r.status));
  }
  assert.deepEqual(await state(), before);
});

test('the operator rejects a claim with a reason the partner sees; a reason is required; a decided claim is 409', async () => {
  const id = await one("SELECT id FROM remittance_claims WHERE amount = 500000000");
  await operator.get('/admin/remittance-claims');
  const before = await state();
  let r = await operator.post(`/admin/remittance-claims/${id}/reject`, { comment: '' });
  assert.equal(r.status, 400);
  assert.deepEqual(await state(), before);
  await operator.get('/admin/remittance-claims');
  r = await operator.post(`/admin/remittance-claims/${id}/reject`, { comment: 'No such transfer on our account <b>' });
  assert.equal(r.status, 303);
  const page = await admin.get('/finance/funds?tab=remittance');
  assert.match(page.text, new RegExp(`<tr data-claim="${id}">[\\s\\S]*?Rejected[\\s\\S]*?No such transfer on our account &lt;b&gt;`));
  await operator.get('/admin/remittance-claims');
  assert.equal((await operator.post(`/admin/remittance-claims/${id}/approve`, {})).status, 409);
  assert.equal((await operator.post('/admin/remittance-claims/999999/approve', {})).status, 404);
  await ledgerClean(stack);
});

test('approving 1,000 applied 600 to A: A reduced by 600, the top-up balance +400, the partner sees Approved', async () => {
  const id = await one('SELECT id FROM remittance_claims WHERE amount = 100000000000');
  const paid = BigInt(await one(`SELECT amount_paid FROM partner_bills WHERE id = ${billA}`));
  const page = await operator.get('/admin/remittance-claims');
  assert.match(page.text, /Sunrise|sunrise/i);
  assert.equal((await operator.post(`/admin/remittance-claims/${id}/approve`, {})).status, 303);
  assert.equal(BigInt(await one(`SELECT amount_paid FROM partner_bills WHERE id = ${billA}`)) - paid, 600n * USD);
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${billA}`), 'partially_paid');
  assert.equal(await one(`SELECT -balance FROM ledger_accounts WHERE code = 'p${w.p1}:top_up'`), String(400n * USD));
  assert.deepEqual(await stack.sql(`SELECT idempotency_key, method, amount FROM payments WHERE idempotency_key LIKE 'claim:${id}:%' ORDER BY id`),
    [[`claim:${id}:bill:${billA}`, 'REMITTANCE_CLAIM', String(600n * USD)], [`claim:${id}:rest`, 'REMITTANCE_CLAIM', String(400n * USD)]]);
  const mine = await admin.get('/finance/funds?tab=remittance');
  assert.match(mine.text, new RegExp(`<tr data-claim="${id}">[\\s\\S]*?Approved`));
  await operator.get('/admin/remittance-claims');
  const before = await state();
  assert.equal((await operator.post(`/admin/remittance-claims/${id}/approve`, {})).status, 409, 'approved once only');
  assert.deepEqual(await state(), before);
  await ledgerClean(stack);
});

test('the operator uploads camt.053 statements: matched onto the bill, the partner sees the transfer; a bad file is rejected with its reason', async () => {
  const fix = (name) => Buffer.from(readFileSync(join(TOP, 'tests/fixtures/camt', name), 'utf8')
    .replace(/RF_OF_BILL_A/g, rfFor(billA)).replace(/RF_OF_BILL_B/g, rfFor(billB)));
  const upload = (name) => multipart(operator, '/admin/bank-statements', '/admin/bank-statements', {}, [['statement', name, fix(name)]]);
  const before = await state();
  let r = await upload('wrong_closing.xml');
  assert.equal(r.status, 400);
  assert.match(r.text, /id="import-error"[^>]*>The file was rejected and nothing was stored: line \d+: statement STMT-2026-03-003 does not balance/);
  r = await upload('malformed.xml');
  assert.equal(r.status, 400);
  assert.match(r.text, /malformed XML: line 28/);
  assert.deepEqual(await state(), before);
  r = await upload('matched.xml');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="r-statements">1<[\s\S]*id="r-matched">2</);
  // bill A had 100 left after the approved claim: M-001 (150) pays it, 50 to the top-up balance
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${billA}`), 'paid');
  assert.equal(await one(`SELECT status FROM partner_bills WHERE id = ${billB}`), 'partially_paid');
  const seen = await admin.get('/finance/funds?tab=remittance');
  assert.match(seen.text, /<td>BANK-M-001<\/td><td class="num">150\.00 USD/);
  assert.doesNotMatch(seen.text, /BANK-M-002/, "partner B's transfer is not A's to see");
  r = await upload('matched.xml');
  assert.match(r.text, /id="r-statements">0<[\s\S]*id="r-skipped">1</);
  r = await upload('unmatched.xml');
  assert.match(r.text, /<tbody><tr data-entry="\d+"><td>BANK-U-002/);
  await ledgerClean(stack);
});

test('approving a claim as a waiting bank credit marks the credit claimed; another amount or a credit used before is refused', async () => {
  assert.equal((await claim(admin, { amount: '300.00' })).status, 303);
  assert.equal((await claim(admin, { amount: '300.00', sender: 'Again' })).status, 303);
  const [[first], [second]] = await stack.sql('SELECT id FROM remittance_claims WHERE amount = 30000000000 ORDER BY id');
  const u1 = await one("SELECT id FROM bank_entries WHERE entry_ref = 'BANK-U-001'");
  const u2 = await one("SELECT id FROM bank_entries WHERE entry_ref = 'BANK-U-002'");
  const page = await operator.get('/admin/remittance-claims');
  assert.match(page.text, new RegExp(`<option value="${u1}">BANK-U-001 · 300\\.00 USD`));
  const before = await state();
  let r = await operator.post(`/admin/remittance-claims/${first}/approve`, { bank_entry_id: u2 });
  assert.equal(r.status, 400);
  assert.match(r.text, /not of the claimed amount/);
  assert.deepEqual(await state(), before);
  await operator.get('/admin/remittance-claims');
  r = await operator.post(`/admin/remittance-claims/${first}/approve`, { bank_entry_id: u1 });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT status, payment_id IS NOT NULL FROM bank_entries WHERE id = ${u1}`), [['claimed', '1']]);
  assert.equal(await one(`SELECT bank_entry_id FROM remittance_claims WHERE id = ${first}`), u1);
  await operator.get('/admin/remittance-claims');
  const again = await state();
  assert.equal((await operator.post(`/admin/remittance-claims/${second}/approve`, { bank_entry_id: u1 })).status, 409);
  assert.equal((await operator.post(`/admin/remittance-claims/${second}/approve`, { bank_entry_id: 'x' })).status, 400);
  assert.deepEqual(await state(), again);
  await ledgerClean(stack);
});

test('hostile values are escaped on the claim and operator pages', async () => {
  const hostile = '</title><script>alert(1)</script>';
  assert.equal((await claim(admin, { amount: '7.00', sender: hostile, sender_account: '<img src=x>' }, [['attachment', `${hostile}.pdf`, PDF]])).status, 303);
  await stack.sql(`UPDATE bank_entries SET debtor = '${hostile}', remittance = '<img src=x onerror=alert(1)>' WHERE status = 'waiting'`);
  for (const [client, path] of [[admin, '/finance/funds?tab=remittance'], [operator, '/admin/remittance-claims'], [operator, '/admin/bank-statements']]) {
    const r = await client.get(path);
    assert.equal(r.status, 200, path);
    assert.doesNotMatch(r.text, /<script>alert\(1\)|<img src=x/, path);
    assert.match(r.text, /&lt;\/title&gt;&lt;script&gt;alert\(1\)/, path);
  }
});

test('a claim in EUR: the amounts to apply checked at the bill\'s rate; approval converts with it (a bill in EUR) or the latest rate (no bill)', async () => {
  await stack.sql(`UPDATE partners SET payment_currency = 'EUR' WHERE id = ${w.p1};
    INSERT INTO exchange_rates (currency, day, rate) VALUES ('EUR', '2000-01-01', 0.9010211901) ON DUPLICATE KEY UPDATE rate = rate`);
  const billE = await makeBill(stack, w, w.p1, w.c1, monthsBack(5), units('1200.00'));
  await stack.sql(`UPDATE partners SET payment_currency = 'USD' WHERE id = ${w.p1}`);
  assert.equal(await one(`SELECT CONCAT(payment_currency, ' ', exchange_rate) FROM partner_bills WHERE id = ${billE}`), 'EUR 0.9010211901');
  const page = await admin.get('/finance/funds?tab=remittance');
  assert.match(page.text, /<option value="EUR">EUR<\/option>/);
  const before = await state();
  // 901.02 EUR ÷ 0.9010211901 = 999.9987 → 1,000.00 USD: 1,000.01 to apply is too much
  let r = await claim(admin, { amount: '901.02', currency: 'EUR', bill_id: billE, [`apply_${billE}`]: '1000.01' });
  assert.equal(r.status, 400);
  assert.match(r.text, /add up to more than the amount transferred/);
  for (const currency of ['GBP', 'eur', 'EU']) {
    r = await claim(admin, { amount: '10.00', currency });
    assert.equal(r.status, 400, currency);
    assert.match(r.text, /Choose a currency the vendor has exchange rates for|class="error"/);
  }
  assert.deepEqual(await state(), before);
  r = await claim(admin, { amount: '901.02', currency: 'EUR', sender: 'Euro sender', bill_id: billE, [`apply_${billE}`]: '1000.00' });
  assert.equal(r.status, 303);
  r = await claim(admin, { amount: '90.10', currency: 'EUR', sender: 'Euro no bill' });
  assert.equal(r.status, 303);
  const [[id, amount, cur, usd]] = await stack.sql(`SELECT id, amount, currency, IFNULL(amount_usd, '-') FROM remittance_claims WHERE sender = 'Euro sender'`);
  assert.deepEqual([amount, cur, usd], [String(units('901.02')), 'EUR', '-'], 'converted when the operator approves it');
  const noBill = await one(`SELECT id FROM remittance_claims WHERE sender = 'Euro no bill'`);
  const top = BigInt(await one(`SELECT -balance FROM ledger_accounts WHERE code = 'p${w.p1}:top_up'`));
  await operator.get('/admin/remittance-claims');
  assert.equal((await operator.post(`/admin/remittance-claims/${id}/approve`, {})).status, 303);
  await operator.get('/admin/remittance-claims');
  assert.equal((await operator.post(`/admin/remittance-claims/${noBill}/approve`, {})).status, 303);
  assert.deepEqual(await stack.sql(`SELECT amount_usd, rate FROM remittance_claims WHERE id IN (${id}, ${noBill}) ORDER BY id`),
    [[String(1000n * USD), '0.9010211901'], [String(100n * USD), '0.9010211901']], '90.10 EUR ÷ 0.9010211901 = 99.9976 → 100.00');
  assert.deepEqual(await stack.sql(`SELECT amount, amount_ccy, currency FROM payments WHERE idempotency_key = 'claim:${id}:bill:${billE}'`),
    [[String(1000n * USD), String(units('901.02')), 'EUR']]);
  assert.deepEqual(await stack.sql(`SELECT amount_paid, status FROM partner_bills WHERE id = ${billE}`), [[String(1000n * USD), 'partially_paid']]);
  assert.equal(BigInt(await one(`SELECT -balance FROM ledger_accounts WHERE code = 'p${w.p1}:top_up'`)) - top, 100n * USD);
  const mine = await admin.get('/finance/funds?tab=remittance');
  assert.match(mine.text, new RegExp(`<tr data-claim="${id}">[\\s\\S]*?901\\.02 EUR <span class="usd">\\(1,000\\.00 USD\\)`));
  assert.match((await operator.get('/admin/remittance-claims')).text, /901\.02 EUR <span class="usd">\(1,000\.00 USD @ 0\.9010211901\)/);
  await ledgerClean(stack);
});

test('the claim SLA reminder: after 1 working day (GMT+08:00) the operators are mailed once per claim', async () => {
  assert.equal((await claim(admin, { amount: '42.00', sender: 'Reminder test' })).status, 303);
  const id = await one(`SELECT id FROM remittance_claims WHERE sender = 'Reminder test'`);
  // submitted Friday 2026-11-20 10:00 local: due Monday 2026-11-23 10:00 local (02:00 UTC)
  await stack.sql(`UPDATE remittance_claims SET submitted_at = '2026-11-20 02:00:00' WHERE id = ${id}`);
  const mails = () => stack.sql(`SELECT to_addr, body FROM mail_outbox WHERE subject = 'Remittance claim ${id} waits for review' ORDER BY id`);
  const remind = async (now) => {
    const r = await stack.worker('run', 'claim_reminder', '--now', now);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  };
  await remind('2026-11-21 03:00:00');
  await remind('2026-11-23 01:59:00');
  assert.deepEqual(await mails(), [], 'the weekend is not a working day');
  await remind('2026-11-23 02:00:00');
  const sent = await mails();
  const operators = await stack.sql("SELECT email FROM users WHERE kind = 'operator' AND status = 'normal' ORDER BY id");
  assert.deepEqual(sent.map((m) => [m[0]]), operators);
  assert.match(sent[0][1], /The remittance claim \d+ of .* \(42\.00 USD\) was submitted on 2026-11-20 02:00:00 and has waited more than 1 working day/);
  assert.deepEqual(await stack.sql('SELECT id FROM remittance_claims WHERE reminded_at IS NOT NULL'), [[String(id)]], 'only the claim that is due');
  await remind('2026-11-23 03:00:00');
  await remind('2026-11-24 03:00:00');
  assert.equal((await mails()).length, sent.length, 'once per claim');
  // a decided claim is not reminded
  const [[decided]] = await stack.sql("SELECT id FROM remittance_claims WHERE status <> 'PENDING_REVIEW' AND reminded_at IS NULL LIMIT 1");
  await stack.sql(`UPDATE remittance_claims SET submitted_at = '2026-11-01 00:00:00' WHERE id = ${decided}`);
  await remind('2026-11-24 04:00:00');
  assert.equal(await one(`SELECT reminded_at IS NULL FROM remittance_claims WHERE id = ${decided}`), '1');
});

test('a claim in EUR is approved as a waiting EUR bank credit of its amount; a USD credit of the same figure is refused', async () => {
  await stack.sql(`INSERT INTO bank_statements (stmt_id, currency, opening, closing, entry_count, imported_at) VALUES ('STMT-EUR-T', 'EUR', 0, ${units('100.00')}, 2, UTC_TIMESTAMP());
    INSERT INTO bank_entries (statement_id, entry_ref, amount, currency, direction, status) SELECT id, 'BANK-EUR-1', ${units('50.00')}, 'EUR', 'CRDT', 'waiting' FROM bank_statements WHERE stmt_id = 'STMT-EUR-T';
    INSERT INTO bank_entries (statement_id, entry_ref, amount, currency, direction, status) SELECT id, 'BANK-USD-50', ${units('50.00')}, 'USD', 'CRDT', 'waiting' FROM bank_statements WHERE stmt_id = 'STMT-EUR-T'`);
  assert.equal((await claim(admin, { amount: '50.00', currency: 'EUR', sender: 'Euro credit' })).status, 303);
  const id = await one(`SELECT id FROM remittance_claims WHERE sender = 'Euro credit'`);
  const eur = await one("SELECT id FROM bank_entries WHERE entry_ref = 'BANK-EUR-1'");
  const usd = await one("SELECT id FROM bank_entries WHERE entry_ref = 'BANK-USD-50'");
  await operator.get('/admin/remittance-claims');
  const before = await state();
  let r = await operator.post(`/admin/remittance-claims/${id}/approve`, { bank_entry_id: usd });
  assert.equal(r.status, 400);
  assert.match(r.text, /not of the claimed amount/);
  assert.deepEqual(await state(), before);
  await operator.get('/admin/remittance-claims');
  r = await operator.post(`/admin/remittance-claims/${id}/approve`, { bank_entry_id: eur });
  assert.equal(r.status, 303);
  assert.deepEqual(await stack.sql(`SELECT status FROM bank_entries WHERE id IN (${eur}, ${usd}) ORDER BY id`), [['claimed'], ['waiting']]);
  assert.deepEqual(await stack.sql(`SELECT amount_usd, bank_entry_id FROM remittance_claims WHERE id = ${id}`), [[String(units('55.49')), eur]], '50 ÷ 0.9010211901 = 55.4925…');
  await ledgerClean(stack);
});
