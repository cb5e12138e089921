// Bank statements (issue 6, spec 9.4.2.1, 9.4.2.3): `pcadm import-camt FILE` with the sample
// camt.053 files of tests/fixtures/camt/ — credits carrying a bill's RF reference are paid onto
// the bill (the rest becomes top-up balance), others wait for a claim; a repeated statement is
// a no-op; a wrong closing balance or malformed XML is rejected with the reason and stores
// nothing; a generated 50 MB statement is imported in bounded memory (max RSS measured).
// Issue 14: only booked entries (Sts BOOK, or Sts/Cd BOOK from camt.053.001.08 on) are stored and
// pay bills, pending and information ones are skipped; an entry in another currency than the
// account's is kept out of the balance check; an RF reference in print form (groups of four) is
// found; the statement's entry count is stored; every import, rejected ones too, is audited.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { monthsBack } from '../lib/dates.mjs';
import { BUILD, TOP, startStack } from '../lib/stack.mjs';
import { USD, cleanWorld, ledgerClean, makeBill, rfFor, units } from '../lib/funds_seed.mjs';

const FIX = join(TOP, 'tests/fixtures/camt');
const scratch = mkdtempSync(join(tmpdir(), 'pc-camt-'));
let stack, w, billA, billB, billC;
const one = async (q) => (await stack.sql(q))[0]?.[0];

/** The fixture with the bills' references filled in, as a file in scratch. */
function fixture(name) {
  const text = readFileSync(join(FIX, name), 'utf8').replace(/RF_OF_BILL_A/g, rfFor(billA)).replace(/RF_OF_BILL_B/g, rfFor(billB))
    .replace(/RF_OF_BILL_C_GROUPED/g, () => grouped(rfFor(billC))).replace(/RF_OF_BILL_C/g, () => rfFor(billC));
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}
/** ISO 11649's print form: groups of four separated by a space ("RF18 PCB1 23"). */
const grouped = (ref) => ref.replace(/(.{4})(?=.)/g, '$1 ');
const importFile = (path) => stack.pcadm(['import-camt', path]);
const bankState = () => stack.sql(`SELECT (SELECT COUNT(*) FROM bank_statements), (SELECT COUNT(*) FROM bank_entries),
  (SELECT COUNT(*) FROM payments), (SELECT COUNT(*) FROM journal_entries), (SELECT SUM(amount_paid) FROM partner_bills),
  (SELECT COALESCE(SUM(balance), 0) FROM ledger_accounts WHERE kind = 'top_up')`);

before(async () => {
  stack = await startStack();
  w = await cleanWorld(stack);
  billA = await makeBill(stack, w, w.p1, w.c1, monthsBack(3), units('100.00'));
  billB = await makeBill(stack, w, w.p1, w.c1, monthsBack(2), units('200.00'));
  billC = await makeBill(stack, w, w.p2, w.c2, monthsBack(3), units('300.00'));
});
after(async () => {
  await stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('matched: credits with a bill reference pay the bill (the rest is top-up balance); the fee is recorded', async () => {
  const r = await importFile(fixture('matched.xml'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 statement\(s\) imported, 0 imported before; 3 entries, 2 matched to bills, 0 waiting/);
  assert.deepEqual(await stack.sql("SELECT stmt_id, account, opening, closing FROM bank_statements"),
    [['STMT-2026-03-001', 'SG12VEND0000000000001234', String(1000n * USD), String(units('1205.50'))]]);
  assert.deepEqual(await stack.sql('SELECT entry_ref, amount, direction, status, IFNULL(bill_id, 0) FROM bank_entries ORDER BY entry_ref'), [
    ['BANK-M-001', String(150n * USD), 'CRDT', 'matched', String(billA)],
    ['BANK-M-002', String(units('75.50')), 'CRDT', 'matched', String(billB)],
    ['BANK-M-003', String(20n * USD), 'DBIT', 'debit', '0']]);
  assert.deepEqual(await stack.sql(`SELECT status, amount_paid FROM partner_bills WHERE id IN (${billA}, ${billB}) ORDER BY id`),
    [['paid', String(100n * USD)], ['partially_paid', String(units('75.50'))]]);
  const [[key, method, entry]] = await stack.sql(`SELECT idempotency_key, method, journal_entry_id FROM payments WHERE bill_id = ${billA}`);
  assert.deepEqual([key, method], ['bank:BANK-M-001', 'BANK_TRANSFER']);
  assert.deepEqual(await stack.sql(`SELECT a.code, p.amount FROM journal_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = ${entry} ORDER BY a.code`), [
    [`p${w.p1}:receivable`, String(-100n * USD)], [`p${w.p1}:top_up`, String(-50n * USD)], ['vendor:cash', String(150n * USD)]]);
  await ledgerClean(stack);
});

test('duplicate: the same statement again (and the same file again) changes nothing', async () => {
  const before = await bankState();
  let r = await importFile(fixture('duplicate.xml'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /0 statement\(s\) imported, 1 imported before; 0 entries/);
  r = await importFile(fixture('matched.xml'));
  assert.equal(r.code, 0);
  assert.deepEqual(await bankState(), before);
  await ledgerClean(stack);
});

test('unmatched: credits without a valid bill reference wait for a claim; nothing is paid', async () => {
  const payments = await one('SELECT COUNT(*) FROM payments');
  const r = await importFile(fixture('unmatched.xml'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 entries, 0 matched to bills, 2 waiting for a claim/);
  assert.deepEqual(await stack.sql("SELECT entry_ref, status, debtor FROM bank_entries WHERE entry_ref LIKE 'BANK-U%' ORDER BY entry_ref"),
    [['BANK-U-001', 'waiting', 'Sunrise Cloud Ltd'], ['BANK-U-002', 'waiting', 'Someone Else']]);
  assert.equal(await one('SELECT COUNT(*) FROM payments'), payments);
});

test('wrong closing balance, malformed XML, not a camt.053, no file: rejected with the reason, nothing stored', async () => {
  const before = await bankState();
  let r = await importFile(fixture('wrong_closing.xml'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /rejected, nothing stored: line \d+: statement STMT-2026-03-003 does not balance: opening balance \+ entries = 2500\.00, closing balance 2500\.01/);
  r = await importFile(fixture('malformed.xml'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /rejected, nothing stored: malformed XML: line 28: Opening and ending tag mismatch: Amt/);
  writeFileSync(join(scratch, 'other.xml'), '<?xml version="1.0"?><Invoice><ID>1</ID></Invoice>');
  r = await importFile(join(scratch, 'other.xml'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not a camt\.053 Document/);
  writeFileSync(join(scratch, 'entity.xml'), '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>');
  r = await importFile(join(scratch, 'entity.xml'));
  assert.equal(r.code, 1, 'an external entity is not expanded: the statement has no Id');
  assert.doesNotMatch(r.stderr + r.stdout, /root:/);
  r = await importFile(join(scratch, 'missing.xml'));
  assert.equal(r.code, 1);
  assert.deepEqual(await bankState(), before);
  await ledgerClean(stack);
});

const auditRows = (since) => stack.sql(`SELECT actor_name, object_type, result, detail FROM audit_events
  WHERE action = 'bank_statement.import' AND id > ${since} ORDER BY id`);
const lastAudit = async () => Number(await one('SELECT IFNULL(MAX(id), 0) FROM audit_events'));

test('every import is in the audit trail: a rejected file as failed with its reason, an import with its counts', async () => {
  const since = await lastAudit();
  let r = await importFile(fixture('wrong_closing.xml'));
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stderr, /audit/);
  r = await importFile(fixture('duplicate.xml'));
  assert.equal(r.code, 0, r.stderr);
  const rows = await auditRows(since);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0].slice(0, 3), ['pcadm', 'file', 'failed']);
  assert.match(rows[0][3], /^rejected wrong_closing\.xml: line \d+: statement STMT-2026-03-003 does not balance/);
  assert.deepEqual(rows[1], ['pcadm', 'file', 'ok', 'statements=0 skipped=1 entries=0 matched=0 not_booked=0']);
});

test('pending and information entries are skipped (not stored, paying nothing); a grouped RF reference pays its bill; the entry count is stored', async () => {
  const payments = await one('SELECT COUNT(*) FROM payments');
  const r = await importFile(fixture('pending.xml'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 statement\(s\) imported, 0 imported before; 2 entries, 1 matched to bills, 0 waiting for a claim; 2 not booked \(pending or information\), skipped/);
  assert.deepEqual(await stack.sql("SELECT opening, closing, entry_count FROM bank_statements WHERE stmt_id = 'STMT-2026-04-001'"),
    [[String(units('500.00')), String(units('615.00')), '4']]);
  assert.deepEqual(await stack.sql("SELECT entry_ref, amount, status, IFNULL(bill_id, 0) FROM bank_entries WHERE entry_ref LIKE 'BANK-P-%' ORDER BY entry_ref"), [
    ['BANK-P-001', String(units('120.00')), 'matched', String(billC)],
    ['BANK-P-004', String(units('5.00')), 'debit', '0']]);
  assert.deepEqual(await stack.sql(`SELECT status, amount_paid FROM partner_bills WHERE id = ${billC}`), [['partially_paid', String(units('120.00'))]]);
  assert.equal(Number(await one('SELECT COUNT(*) FROM payments')), Number(payments) + 1);
  assert.deepEqual(await stack.sql("SELECT idempotency_key FROM payments WHERE idempotency_key LIKE 'bank:BANK-P-%'"), [['bank:BANK-P-001']]);
  await ledgerClean(stack);
});

test('camt.053.001.08 status codes: a pending entry booked later pays then; a credit in another currency waits for a claim, outside the balance', async () => {
  const r = await importFile(fixture('foreign.xml'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 statement\(s\) imported, 0 imported before; 2 entries, 1 matched to bills, 1 waiting for a claim; 0 not booked/);
  assert.deepEqual(await stack.sql("SELECT currency, opening, closing, entry_count FROM bank_statements WHERE stmt_id = 'STMT-2026-04-002'"),
    [['USD', String(units('615.00')), String(units('715.00')), '2']]);
  assert.deepEqual(await stack.sql("SELECT entry_ref, amount, currency, status, IFNULL(bill_id, 0) FROM bank_entries WHERE entry_ref IN ('BANK-P-002', 'BANK-F-001') ORDER BY entry_ref"), [
    ['BANK-F-001', String(units('80.00')), 'EUR', 'waiting', '0'],
    ['BANK-P-002', String(units('100.00')), 'USD', 'matched', String(billC)]]);
  assert.deepEqual(await stack.sql(`SELECT status, amount_paid FROM partner_bills WHERE id = ${billC}`), [['partially_paid', String(units('220.00'))]]);
  await ledgerClean(stack);
});

test('bad statuses: an entry without a status is rejected; a balance that needs the pending or the foreign amount does not balance', async () => {
  const before = await bankState();
  const base = readFileSync(fixture('foreign.xml'), 'utf8').replace(/STMT-2026-04-002/g, 'STMT-2026-04-BAD').replace(/BANK-/g, 'BANK-BAD-');
  const variant = (name, text) => { writeFileSync(join(scratch, name), text); return join(scratch, name); };
  let r = await importFile(variant('no_status.xml', base.replace(/<Sts><Cd>BOOK<\/Cd><\/Sts>/, '')));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /rejected, nothing stored: line \d+: entry BANK-BAD-F-001 has no status \(Sts\)/);
  // the EUR credit counted into the USD balance: 615.00 + 100.00 + 80.00
  r = await importFile(variant('foreign_counted.xml', base.replace('>715.00<', '>795.00<')));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /does not balance: opening balance \+ entries = 715\.00, closing balance 795\.00/);
  // a pending credit is not on the booked balance
  r = await importFile(variant('pending_counted.xml', base.replace(/<Cd>BOOK<\/Cd>/, '<Cd>PDNG</Cd>')));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /does not balance: opening balance \+ entries = 615\.00, closing balance 715\.00/);
  assert.deepEqual(await bankState(), before);
});

/** A statement of `n` unmatched credits of 1.00, each entry about 2 KB. */
async function bigStatement(path, n) {
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  const pad = 'Remittance information padding to make a realistic entry size. '.repeat(2).slice(0, 140);
  await write(`<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BIG</MsgId></GrpHdr><Stmt><Id>STMT-BIG-${n}</Id>
<Acct><Id><IBAN>SG12VEND0000000000001234</IBAN></Id><Ccy>USD</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">${n}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>\n`);
  for (let i = 0; i < n; i++) {
    const p = write(`<Ntry><NtryRef>BIG-${i}</NtryRef><Amt Ccy="USD">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-01</Dt></BookgDt><AcctSvcrRef>BIG-${n}-${i}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Debtor ${i}</Nm></Dbtr></RltdPties><RmtInf>${`<Ustrd>${pad}</Ustrd>`.repeat(12)}</RmtInf></TxDtls></NtryDtls></Ntry>\n`);
    if (p) await p;
  }
  await write('</Stmt></BkToCstmrStmt></Document>\n');
  await new Promise((ok) => out.end(ok));
}

/** Run pcadm import-camt under /usr/bin/time -v: { code, rssKb }. ASan's quarantine of freed
 * blocks is kept small so that the figure is the importer's own memory. */
function measured(path) {
  return new Promise((ok) => {
    execFile('/usr/bin/time', ['-v', join(BUILD, 'worker/pcadm'), 'import-camt', path], {
      env: { ...process.env, PC_CONF: join(stack.varDir, 'partner-center.hdf'), ASAN_OPTIONS: 'quarantine_size_mb=4:detect_leaks=0' },
      maxBuffer: 1 << 24,
    }, (err, stdout, stderr) => ok({ code: err ? err.code : 0, stdout, stderr,
      rssKb: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)[1]) }));
  });
}

test('a 50 MB statement is imported in bounded memory: max RSS close to a small file\'s', { timeout: 600000 }, async () => {
  const small = join(scratch, 'small.xml'), big = join(scratch, 'big.xml');
  await bigStatement(small, 10);
  await bigStatement(big, 27000);
  assert.ok(statSync(big).size > 50 * 1024 * 1024, `${statSync(big).size} bytes`);
  const a = await measured(small);
  assert.equal(a.code, 0, a.stderr);
  const b = await measured(big);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /27000 entries, 0 matched to bills, 27000 waiting/);
  assert.equal(await one("SELECT COUNT(*) FROM bank_entries WHERE entry_ref LIKE 'BIG-27000-%'"), '27000');
  // a parser that held the document would need several times the file's 50 MB
  assert.ok(b.rssKb - a.rssKb < 24 * 1024, `max RSS ${a.rssKb} kB for 10 entries, ${b.rssKb} kB for 50 MB`);
  await ledgerClean(stack);
});
