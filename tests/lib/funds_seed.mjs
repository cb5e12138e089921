// Funds test data made the real way: bills by the worker's bill run from seeded expenditure
// lines (tests/lib/bill_seed.mjs), top-ups by `pcadm top-up` (the operator's credit of a bank
// transfer), both through lib/payment; and the checks every funds test ends with.
import assert from 'node:assert/strict';
import { CLEAN, USD, runBills, seedLine } from './bill_seed.mjs';
import { monthsBack } from './dates.mjs';

export { USD };

/** "1,234.56" → ×10^8 BigInt. */
export function units(s) {
  const [i, f = ''] = s.replace(/,/g, '').split('.');
  return BigInt(i) * USD + BigInt((f + '00000000').slice(0, 8));
}

/** ISO 11649 check of an "RF…" reference (mod 97 of the body + "RF" + check digits is 1). */
export function rfValid(ref) {
  const s = ref.replace(/ /g, '').toUpperCase();
  const moved = s.slice(4) + s.slice(0, 4);
  const digits = [...moved].map((ch) => (/[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  return /^RF\d\d[0-9A-Z]{1,21}$/.test(s) && BigInt(digits) % 97n === 1n;
}

/**
 * A clean bill world: no demo bills, no coupons the run could use, partners taxed at 0 % (US)
 * so that a bill's amount due is its lines' list total; the cached balances follow the entries
 * CLEAN removed.  Returns the ids of two partners and
 * of a customer of each.
 */
export async function cleanWorld(stack) {
  await stack.sql(`${CLEAN}; UPDATE coupons SET valid_to = '2000-01-02 00:00:00' WHERE status = 'available';
    UPDATE partners SET tax_region = 'US';
    UPDATE ledger_accounts a SET balance = (SELECT COALESCE(SUM(p.amount), 0) FROM journal_postings p WHERE p.account_id = a.id)`);
  const [[p1]] = await stack.sql("SELECT id FROM partners WHERE account_name = 'sunrise'");
  const [[p2]] = await stack.sql("SELECT partner_id FROM users WHERE username = 'dist.admin'");
  const [[c1]] = await stack.sql(`SELECT MIN(id) FROM customers WHERE partner_id = ${p1}`);
  const [[c2]] = await stack.sql(`SELECT MIN(id) FROM customers WHERE partner_id = ${p2}`);
  const [[product]] = await stack.sql("SELECT id FROM products WHERE code = 'elastic_cloud_server'");
  return { p1: Number(p1), p2: Number(p2), c1: Number(c1), c2: Number(c2), product: Number(product) };
}

/** One bill of `partner` for `cycle` with amount due `amount` (×10^8, tax 0 %, no discount). */
export async function makeBill(stack, w, partner, customer, cycle, amount) {
  await seedLine(stack, partner, cycle, { customer, productId: w.product, list: amount });
  await runBills(stack, cycle);
  const [[id, due, status]] = await stack.sql(`SELECT id, amount_due, status FROM partner_bills WHERE partner_id = ${partner} AND billing_cycle = ${cycle}`);
  assert.equal(BigInt(due), amount, `bill ${cycle} of partner ${partner}`);
  assert.equal(status, 'unpaid');
  return Number(id);
}

/** pcadm top-up: the operator credits a bank transfer. */
export async function topUp(stack, partner, amount, reference) {
  const r = await stack.pcadm(['top-up', String(partner), amount, reference]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return r;
}

export async function ledgerClean(stack) {
  const r = await stack.pcadm(['verify-ledger']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

/** What a payment test compares before and after a refused request: nothing may change. */
export async function moneyState(stack) {
  return stack.sql(`SELECT (SELECT COUNT(*) FROM payments), (SELECT COUNT(*) FROM journal_entries),
    (SELECT COALESCE(SUM(amount_paid), 0) FROM partner_bills), (SELECT GROUP_CONCAT(status ORDER BY id) FROM partner_bills),
    (SELECT COUNT(*) FROM payment_cards), (SELECT COALESCE(SUM(quota), 0) FROM credit_quotas)`);
}

/** The ISO 11649 reference lib/rf_ref gives bill `id`: "RF" + check digits + "PCB<id>". */
export function rfFor(id) {
  const body = `PCB${id}`;
  const digits = [...`${body}RF00`].map((ch) => (/[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  return `RF${String(98n - (BigInt(digits) % 97n)).padStart(2, '0')}${body}`;
}
