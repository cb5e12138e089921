// Invoices of the bill run (ch09 §9.4.3a) and tax as data (ch11-14 §13.6):
// the bill run makes each bill's invoice in the bill's transaction, taxed at
// the rate valid on the cycle's last day, numbered without gaps per issuing
// entity even when a run is killed inside a bill's transaction; reverse
// charge (AE) for a VAT-registered EU business partner carries both VAT ids
// and the exemption note; a partner whose country has no rate gets no bill
// and a clear error; an invoice breaking an EN 16931 rule is refused and
// listed with the reason; void and credit note at /admin/invoices.  The UBL
// is parsed back with python3's xml and its totals re-checked
// (tests/lib/ubl_check.py).  Cycles are in 2028 and 2023/24, away from the
// demo data and from each other.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '../lib/client.mjs';
import { local } from '../lib/dates.mjs';
import { startStack, TOP } from '../lib/stack.mjs';

let stack, operator;
const E8 = 100000000n;
const u = (s) => String(BigInt(Math.round(Number(s) * 100)) * (E8 / 100n));

before(async () => {
  stack = await startStack();
  operator = new Client(stack.base);
  assert.equal((await operator.login('operator')).status, 303);
});
after(async () => { await stack?.stop(); });

const one = async (q) => (await stack.sql(q))[0] || null;
const run = (now, env = {}) => stack.workerWith(env, 'run', 'bills', '--now', now);

let seq = 0;
/** A solution provider in `country` with one reseller customer; vat: its VAT id (registered). */
async function partner(account, country, vat = null) {
  await stack.sql(`INSERT INTO partners (kind, name, account_name, country, vat_registered, vat_id)
    VALUES ('solution_provider', 'Partner ${account}', '${account}', '${country}', ${vat ? 1 : 0}, ${vat ? `'${vat}'` : 'NULL'})`);
  const [id] = await one(`SELECT id FROM partners WHERE account_name = '${account}'`);
  await stack.sql(`INSERT INTO customers (partner_id, name, account_name, association_type, associated_at)
    VALUES (${id}, 'Customer of ${account}', '${account}-c', 'reseller', '2020-01-01 00:00:00')`);
  const [customer] = await one(`SELECT id FROM customers WHERE account_name = '${account}-c'`);
  return { id, customer };
}

/** One rated ECS record of list amount `list` (USD) in `cycle` (yyyymm), mid-month. */
async function record(p, cycle, list) {
  const at = `${Math.floor(cycle / 100)}-${String(cycle % 100).padStart(2, '0')}-15 04:00:00`;
  const key = `inv-${p.id}-${cycle}-${++seq}`;
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle,
    product_id, billing_mode, bill_type, monthly_settled, spent_from, spent_to, transaction_at, transaction_no, region,
    resource_key, pricing_qty, list_amount, amount_due, refund_coupons, created_at)
    VALUES ('${key}', ${p.customer}, ${p.id}, 'reseller', ${cycle}, (SELECT id FROM products WHERE code = 'elastic_cloud_server'),
    'pay_per_use', 'expenditure', 0, '${at}', '${at}', '${at}', '${key}', 'ap-southeast-1', '', 0, ${u(list)}, ${u(list)}, 0, UTC_TIMESTAMP())`);
}

const bill = (p, cycle) => one(`SELECT id, total_exact, tax, amount_due, tax_rate_ppm, invoice_id FROM partner_bills
  WHERE partner_id = ${p.id} AND billing_cycle = ${cycle}`);
const invoice = (id) => one(`SELECT number, status, kind, period, tax_category, tax_rate_ppm, tax, payable,
  COALESCE(exemption_note, ''), COALESCE(buyer_vat_id, ''), entity, COALESCE(refused_reason, '') FROM invoices WHERE id = ${id}`);

/** The UBL of invoice `id` (operator's download), parsed and re-checked by python3. */
async function ubl(id) {
  const r = await operator.get(`/admin/invoices/${id}/xml`);
  assert.equal(r.status, 200, r.text);
  return new Promise((resolve, reject) => {
    const child = execFile('python3', [join(TOP, 'tests/lib/ubl_check.py')], (err, out) => (err ? reject(err) : resolve(JSON.parse(out))));
    child.stdin.end(r.text);
  });
}

async function ledgerClean() {
  const r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

let at, atrc, ie, derc, de;
test('the bill run makes each bill\'s invoice: standard rate, reverse charge, domestic rule, no rate → no bill', async () => {
  at = await partner('inv_at', 'AT');                     // non-VAT-registered Austrian: 20 %
  atrc = await partner('inv_atrc', 'AT', 'ATU12345678');  // VAT-registered Austrian: reverse charge
  ie = await partner('inv_ie', 'IE', 'IE6388047V');       // Irish, VAT-registered: still 23 % (domestic)
  derc = await partner('inv_derc', 'DE', 'DE123456789');  // German, VAT-registered: reverse charge without a DE row
  de = await partner('inv_de', 'DE');                     // German, not registered: no rate configured
  for (const p of [at, atrc, ie, derc, de]) await record(p, 202801, '100');
  const r = await run('2028-02-04 01:00:00');
  assert.match(r.stdout + r.stderr, new RegExp(`partner ${de.id}: no tax rate for region 'DE' \\(tax rate not configured on 2028-01-31\\)`));
  assert.equal(await bill(de, 202801), null, 'no bill, no silent 0 %');
  assert.equal((await one(`SELECT COUNT(*) FROM invoices WHERE partner_id = ${de.id}`))[0], '0');

  // §13.6: Austrian non-VAT customer with a 100.00 settlement: tax 20.00, amount due 120.00
  const b = await bill(at, 202801);
  assert.deepEqual(b.slice(1, 5), [u('100'), u('20'), u('120'), '200000']);
  const inv = await invoice(b[5]);
  assert.deepEqual(inv, [inv[0], 'issued', 'bill', '202801', 'S', '200000', u('20'), u('120'), '', '', 'IE', '']);
  assert.match(inv[0], /^CIE28\d{6}$/);

  const brc = await bill(atrc, 202801);
  assert.deepEqual(brc.slice(2, 5), ['0', u('100'), '0'], 'reverse charge: tax 0.00');
  assert.deepEqual((await invoice(brc[5])).slice(4, 10), ['AE', '0', '0', u('100'), 'Reverse charge', 'ATU12345678']);
  assert.deepEqual((await bill(ie, 202801)).slice(2, 5), [u('23'), u('123'), '230000'], 'the domestic rule wins');
  assert.equal((await invoice((await bill(ie, 202801))[5]))[4], 'S');
  const bde = await bill(derc, 202801);
  assert.deepEqual(bde.slice(2, 5), ['0', u('100'), '0']);
  assert.equal((await invoice(bde[5]))[4], 'AE');

  // one sequence per entity, no gaps: CIE28000001..4 for the four bills of this run
  const numbers = (await stack.sql("SELECT number FROM invoices WHERE entity = 'IE' AND number LIKE 'CIE28%' ORDER BY number")).map((x) => x[0]);
  assert.deepEqual(numbers, ['CIE28000001', 'CIE28000002', 'CIE28000003', 'CIE28000004']);
  assert.deepEqual(await one("SELECT last_no FROM invoice_counters WHERE entity = 'IE' AND kind = 'invoice'"), ['4']);
  // a re-run makes nothing more
  await run('2028-02-04 02:00:00');
  assert.equal((await one("SELECT COUNT(*) FROM invoices WHERE number LIKE 'CIE28%'"))[0], '4');
  await ledgerClean();
});

test('the UBL of a reverse-charge invoice carries both VAT ids and the exemption note; its totals re-check', async () => {
  const doc = await ubl((await bill(atrc, 202801))[5]);
  assert.equal(doc.kind, 'Invoice');
  assert.equal(doc.type, '380');
  assert.equal(doc.sellerVat, '3921024FH');
  assert.equal(doc.buyerVat, 'ATU12345678');
  assert.equal(doc.buyerCountry, 'AT');
  assert.deepEqual(doc.categories, ['AE']);
  assert.deepEqual(doc.exemption, ['Reverse charge']);
  assert.deepEqual(doc.percent, ['0.00']);
  assert.deepEqual(doc.broken, []);
  assert.equal(doc.totals.PayableAmount, '100.00');
  assert.equal(doc.tax, '0.00');

  const std = await ubl((await bill(at, 202801))[5]);
  assert.deepEqual(std.categories, ['S']);
  assert.deepEqual(std.percent, ['20.00']);
  assert.deepEqual(std.broken, []);
  assert.deepEqual([std.totals.LineExtensionAmount, std.totals.TaxExclusiveAmount, std.tax, std.totals.TaxInclusiveAmount, std.totals.PayableAmount],
    ['100.00', '100.00', '20.00', '120.00', '120.00']);
  assert.equal(std.buyerVat, null, 'a partner without VAT id has none on the invoice');
});

test('Switzerland: cycle 2023-12 is taxed at 7.7 %, cycle 2024-01 at 8.1 %', async () => {
  const ch = await partner('inv_ch', 'CH');
  await record(ch, 202312, '100');
  await record(ch, 202401, '100');
  assert.equal((await run('2024-01-04 01:00:00')).code, 0);
  assert.equal((await run('2024-02-04 01:00:00')).code, 0);
  assert.deepEqual((await bill(ch, 202312)).slice(2, 5), [u('7.7'), u('107.7'), '77000']);
  assert.deepEqual((await bill(ch, 202401)).slice(2, 5), [u('8.1'), u('108.1'), '81000']);
  const numbers = await stack.sql(`SELECT number FROM invoices WHERE partner_id = ${ch.id} ORDER BY id`);
  // the year of the issue date; the entity's sequence runs on across years
  assert.deepEqual(numbers, [['CIE24000005'], ['CIE24000006']]);
  await ledgerClean();
});

test('a run killed inside a bill\'s transaction leaves no gap in the invoice numbers', async () => {
  const ps = [];
  for (const c of ['NL', 'BE', 'PL']) {
    const p = await partner(`inv_kill_${c.toLowerCase()}`, c);
    await record(p, 202802, '10');
    ps.push(p);
  }
  let r = await run('2028-03-04 01:00:00', { PC_BILLS_EXIT_IN_TX: '2' });
  assert.equal(r.code, 75);
  assert.equal((await one('SELECT COUNT(*) FROM partner_bills WHERE billing_cycle = 202802'))[0], '1');
  assert.deepEqual(await stack.sql("SELECT number FROM invoices WHERE period = 202802"), [['CIE28000007']]);
  assert.deepEqual(await one("SELECT last_no FROM invoice_counters WHERE entity = 'IE' AND kind = 'invoice'"), ['7'],
    'the killed transaction took its number back');
  r = await run('2028-03-04 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const numbers = (await stack.sql('SELECT i.number FROM invoices i JOIN partner_bills b ON b.invoice_id = i.id WHERE b.billing_cycle = 202802 ORDER BY i.number')).map((x) => x[0]);
  assert.deepEqual(numbers, ['CIE28000007', 'CIE28000008', 'CIE28000009']);
  await ledgerClean();
});

test('an invoice breaking an EN 16931 rule is not issued: the bill stands, the operator sees why and tries again after a fix', async () => {
  // the operator files France as exempt (E) but with 20 %: the bill is taxed, the invoice cannot be
  await operator.get('/admin/tax');
  const r = await operator.post('/admin/tax', { region: 'FR', tax_name: 'TVA', rate: '20', category: 'E', valid_from: '2028-01-01', valid_to: '' });
  assert.equal(r.status, 303, r.text);
  const fr = await partner('inv_fr', 'FR');
  await record(fr, 202803, '50');
  const before = await one("SELECT last_no FROM invoice_counters WHERE entity = 'IE' AND kind = 'invoice'");
  assert.equal((await run('2028-04-04 01:00:00')).code, 0);
  const b = await bill(fr, 202803);
  assert.deepEqual(b.slice(2, 6), [u('10'), u('60'), '200000', 'NULL'], 'the bill is made, without invoice');
  const [[id, number, status, reason]] = await stack.sql(`SELECT id, number, status, refused_reason FROM invoices WHERE partner_id = ${fr.id}`);
  assert.equal(number, 'NULL');
  assert.equal(status, 'refused');
  assert.match(reason, /^BR-E-05: a VAT breakdown of category E must have the rate 0/);
  assert.deepEqual(await one("SELECT last_no FROM invoice_counters WHERE entity = 'IE' AND kind = 'invoice'"), before, 'no number used');
  const page = await operator.get('/admin/invoices?status=refused');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`data-id="${id}"[\\s\\S]*?Partner inv_fr[\\s\\S]*?BR-E-05: a VAT breakdown of category E must have the rate 0`));
  assert.equal((await operator.get(`/admin/invoices/${id}/xml`)).status, 404, 'no document for a refused invoice');
  assert.equal((await operator.get('/admin/invoices?status=lost')).status, 400);

  // the operator corrects France (standard rate from March) and tries again: a new, issued invoice
  let fix = await operator.post('/admin/tax', { region: 'FR', tax_name: 'TVA', rate: '20', category: '', valid_from: '2028-03-01', valid_to: '' });
  assert.equal(fix.status, 303, fix.text);
  await operator.get('/admin/invoices?status=refused');
  fix = await operator.post(`/admin/invoices/${id}/retry`, {});
  assert.equal(fix.status, 303);
  assert.equal(fix.location, '/admin/invoices?msg=invoice_retried');
  const [[newId, newNumber, newStatus, category]] = await stack.sql(`SELECT id, number, status, tax_category FROM invoices WHERE partner_id = ${fr.id} AND status <> 'refused'`);
  assert.match(newNumber, /^CIE\d{8}$/);
  assert.deepEqual([newStatus, category], ['issued', 'S']);
  assert.equal((await bill(fr, 202803))[5], newId, 'the bill points at its invoice');
  assert.equal((await one(`SELECT status FROM invoices WHERE id = ${id}`))[0], 'refused', 'the refused attempt stays as history');
  assert.equal((await operator.post(`/admin/invoices/${id}/retry`, {})).status, 409, 'the bill has its invoice now');
  assert.equal((await operator.post(`/admin/invoices/${newId}/retry`, {})).status, 409, 'an issued invoice is not retried');
  assert.deepEqual(await stack.sql("SELECT action, object_id FROM audit_events WHERE action = 'invoice.retry'"), [['invoice.retry', String(id)]]);
  await ledgerClean();
});

test('void and credit note: never deleted, a credit note of its own sequence, audited; bad input changes nothing', async () => {
  const voidId = (await bill(ie, 202801))[5];
  const creditId = (await bill(at, 202801))[5];
  const count = () => stack.sql("SELECT status, COUNT(*) FROM invoices GROUP BY status ORDER BY status");
  await operator.get('/admin/invoices');
  const before = await count();
  for (const [path, body, status] of [[`/admin/invoices/${voidId}/void`, { reason: '' }, 400], [`/admin/invoices/999999/void`, { reason: 'x' }, 404],
    [`/admin/invoices/${creditId}/credit`, { reason: 'x'.repeat(301) }, 400]]) {
    const r = await operator.post(path, body);
    assert.equal(r.status, status, path);
  }
  assert.deepEqual(await count(), before);

  let r = await operator.post(`/admin/invoices/${voidId}/void`, { reason: 'issued to the wrong address' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/invoices?msg=invoice_voided');
  const [voidNumber] = await invoice(voidId);
  assert.match(voidNumber, /^CIE28\d{6}$/);
  assert.deepEqual((await invoice(voidId)).slice(0, 2), [voidNumber, 'voided'], 'kept with its number');
  r = await operator.post(`/admin/invoices/${voidId}/void`, { reason: 'again' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Only an issued invoice can be voided or credited/);

  r = await operator.post(`/admin/invoices/${creditId}/credit`, { reason: 'discount granted afterwards' });
  assert.equal(r.status, 303);
  assert.equal((await invoice(creditId))[1], 'credited');
  const [[cn, cnNumber, cnKind, cnPayable, cnPeriod]] = await stack.sql(`SELECT id, number, kind, payable, period FROM invoices WHERE credits_invoice_id = ${creditId}`);
  const yy = String(local().getUTCFullYear() % 100).padStart(2, '0');
  assert.equal(cnNumber, `NIE${yy}000001`, 'the credit notes\' own sequence, issued today');
  assert.equal(cnKind, 'credit_note');
  assert.equal(cnPayable, u('120'));
  assert.equal(cnPeriod, '202801');
  const doc = await ubl(cn);
  assert.equal(doc.kind, 'CreditNote');
  assert.equal(doc.type, '381');
  assert.equal(doc.billingReference, (await invoice(creditId))[0]);
  assert.deepEqual(doc.broken, []);
  assert.equal((await operator.post(`/admin/invoices/${cn}/credit`, { reason: 'a credit note is not credited' })).status, 409);

  assert.deepEqual(await stack.sql(`SELECT action, object_id FROM audit_events WHERE action IN ('invoice.void', 'invoice.credit') ORDER BY id`),
    [['invoice.void', String(voidId)], ['invoice.credit', String(creditId)]]);
  assert.equal((await one('SELECT COUNT(*) FROM invoices WHERE number IS NOT NULL'))[0],
    (await one("SELECT COUNT(DISTINCT entity, number) FROM invoices WHERE number IS NOT NULL"))[0]);
  await ledgerClean();
});

test('members and customers cannot reach the operator\'s invoice pages', async () => {
  const id = (await bill(atrc, 202801))[5];
  for (const name of ['csp.admin', 'csp.finance1', 'customer1']) {
    const c = new Client(stack.base);
    assert.equal((await c.login(name)).status, 303);
    for (const path of ['/admin/invoices', `/admin/invoices/${id}/xml`]) {
      const r = await c.get(path);
      assert.ok([403, 404].includes(r.status), `${name} ${path}: ${r.status}`);
    }
    const r = await c.post(`/admin/invoices/${id}/void`, { reason: 'no' });
    assert.ok([403, 404].includes(r.status), `${name} void: ${r.status}`);
  }
  assert.equal((await invoice(id))[1], 'issued');
});

test('invoice_mail: each issued invoice mailed once through the outbox; the no-expenditure notice once, only when asked for', async () => {
  const mailed = await partner('inv_mail', 'NL');
  await stack.sql(`INSERT INTO partner_invoice_info (partner_id, address, email, created_at, updated_at)
    VALUES (${mailed.id}, 'Keizersgracht 1, Amsterdam', 'ap@mail.example', UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
  await record(mailed, 202804, '10');
  const quiet = await partner('inv_quiet', 'NL');
  const silent = await partner('inv_silent', 'NL');
  await stack.sql(`UPDATE partners SET contact_email = 'quiet@mail.example', invoice_notice_no_expenditure = 1 WHERE id = ${quiet.id}`);
  await stack.sql(`UPDATE partners SET contact_email = 'silent@mail.example' WHERE id = ${silent.id}`);
  assert.equal((await run('2028-05-04 01:00:00')).code, 0);
  const [number] = await one(`SELECT number FROM invoices WHERE partner_id = ${mailed.id} AND period = 202804`);
  const outbox = () => stack.sql(`SELECT to_addr, subject FROM mail_outbox WHERE to_addr LIKE '%@mail.example' ORDER BY id`);
  // before the run day: invoices only, no notice yet for the month that is not billed yet
  let r = await stack.workerWith({}, 'run', 'invoice_mail', '--now', '2028-05-02 01:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(await outbox(), [['ap@mail.example', `Your invoice ${number}`]]);
  r = await stack.workerWith({}, 'run', 'invoice_mail', '--now', '2028-05-04 02:00:00');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  r = await stack.workerWith({}, 'run', 'invoice_mail', '--now', '2028-05-04 03:00:00');
  assert.deepEqual(await outbox(), [['ap@mail.example', `Your invoice ${number}`], ['quiet@mail.example', 'No invoice for 202804: no expenditure']]);
  const [body] = await one(`SELECT body FROM mail_outbox WHERE to_addr = 'ap@mail.example'`);
  assert.match(body, new RegExp(`Invoice ${number} \\(Monthly bill, period 202804\\) was issued: 12\\.10 USD\\.`));
  assert.equal((await one(`SELECT mailed_at IS NOT NULL FROM invoices WHERE number = '${number}'`))[0], '1');
});

test('an issuing entity added later starts its own sequence at 1', async () => {
  await stack.sql(`INSERT INTO invoice_entities (code, name, country, vat_id, address, invoice_prefix, credit_prefix)
    VALUES ('ZA', 'Sparkoo South Africa (Pty) Ltd', 'ZA', '4000000000', 'Johannesburg', 'CZA', 'NZA')`);
  await stack.sql("INSERT INTO invoice_entity_countries (country, entity) VALUES ('ZA', 'ZA')");
  const za = await partner('inv_za', 'ZA');
  await record(za, 202805, '100');
  assert.equal((await run('2028-06-04 01:00:00')).code, 0);
  assert.deepEqual(await stack.sql(`SELECT number, entity, tax FROM invoices WHERE partner_id = ${za.id}`), [['CZA28000001', 'ZA', u('15')]]);
});

test('a top-up is invoiced in its own transaction (category O, no tax); the same bank reference again makes neither money nor invoice', async () => {
  const [partner] = (await stack.sql(`SELECT id FROM partners WHERE account_name = 'sunrise'`))[0];
  const count = async () => (await stack.sql(`SELECT COUNT(*) FROM invoices WHERE partner_id = ${partner} AND kind = 'topup'`))[0][0];
  const before = Number(await count());
  let r = await stack.pcadm(['top-up', String(partner), '250.00', 'BANK-TOPUP-INV-1']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const [inv] = await stack.sql(`SELECT status, number IS NOT NULL, tax_category, tax, payable, currency FROM invoices WHERE partner_id = ${partner} AND kind = 'topup' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(inv, ['issued', '1', 'O', '0', '25000000000', 'USD']);
  r = await stack.pcadm(['top-up', String(partner), '250.00', 'BANK-TOPUP-INV-1']);
  assert.equal(Number(await count()), before + 1);
  assert.equal((await stack.pcadm(['verify-ledger'])).code, 0);
});
