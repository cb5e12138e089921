// Partner Bills test data made the real way: expenditure lines inserted as the rating
// job writes them (and, for the cases the run settles, the discounts and cash coupons as
// the vendor operator grants them: coupons with their coupon_issue journal entry), then
// the worker's bill run `pc-worker run bills --now …` bills the month and
// `pc-worker run bill_estimates --now …` refreshes the current month's estimate.  Each
// seeded line carries its expected settlement, coupons and tax, worked out by hand in the
// test; after the run, billOf() reads the bill back so that the test can check the run
// wrote those figures and compute what every page must show from them.
import { cycleText } from './dates.mjs';

export const USD = 100000000n;

/**
 * This file's lines and bills only: the demo's rated usage (worker/demo/demo_usage.c), the
 * bills and estimates its bill run made (worker/demo/demo_bills.c) with their journal entries,
 * their invoices, and what the demo grants that would settle this file's lines differently (its discounts,
 * settlement discounts, KooGallery product and vendor coupons: worker/demo/demo_discounts.c,
 * demo_coupons.c) go; the coupons stay in the ledger, made unusable.
 */
export const CLEAN = `DELETE FROM wht_certificate_invoices; DELETE FROM invoice_lines; UPDATE partner_bills SET invoice_id = NULL;
  UPDATE invoices SET credits_invoice_id = NULL; DELETE FROM invoices; DELETE FROM coupon_usage; DELETE FROM bill_lines; DELETE FROM partner_bills;
  DELETE FROM bill_estimates; DELETE p FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
  WHERE e.kind = 'bill'; DELETE FROM journal_entries WHERE kind = 'bill'; DELETE FROM expenditure_lines;
  DELETE FROM commercial_discount_items; DELETE FROM commercial_discounts; DELETE FROM koogallery_discounts;
  DELETE FROM settlement_discounts; UPDATE coupons SET status = 'invalid' WHERE issuer = 'vendor';
  UPDATE products SET koogallery_seller = NULL, settlement_type = 'common'`;

const q = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

/** Half-up (away from zero) to the cent, on ×10^8 integers. */
export function round2(v) {
  const unit = 1000000n, neg = v < 0n, a = neg ? -v : v;
  const r = ((a + unit / 2n) / unit) * unit;
  return neg ? -r : r;
}

/** ×10^8 → "1,234.56" (2 decimals, rounded half-up) or with 8 decimals, grouped like the pages. */
export function money(v, decimals = 2) {
  const x = decimals === 2 ? round2(v) : v;
  const neg = x < 0n, a = neg ? -x : x;
  const int = (a / USD).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (a % USD).toString().padStart(8, '0').slice(0, decimals);
  return `${neg ? '-' : ''}${int}.${frac}`;
}

/** ×10^8 → "1234.50000000" as the export files write amounts (8 decimals, no grouping). */
export const money8 = (v) => money(v, 8).replace(/,/g, '');

const nextMonth = (c) => (c % 100 === 12 ? (Math.floor(c / 100) + 1) * 100 + 1 : c + 1);

let seq = 0;
/**
 * Insert one reseller expenditure line of `partner` in `cycle` as rating writes it.
 * l: { customer, productId, mode, bill, region, list, qty, item, day } — returns l with key/txn.
 */
export async function seedLine(stack, partner, cycle, l) {
  const v = { mode: 'pay_per_use', bill: 'expenditure', region: 'ap-southeast-1', qty: 1, item: 'usage', day: 10, ...l };
  // keys as the rating writes them: usage u:, orders o:, their refunds r:, vendor adjustments a:
  // (a usage line of a package or RI mode would be covered usage, not billed separately)
  const kind = v.bill === 'refund' ? 'r' : v.bill === 'adjustment' ? 'a' : v.mode === 'pay_per_use' ? 'u' : 'o';
  v.key = v.key || `${kind}:bt-${partner}-${cycle}-${++seq}`;
  v.txn = v.txn || `TX-${cycle}-${seq}`;
  const at = `${cycleText(cycle)}-${String(v.day).padStart(2, '0')} 02:00:00`;
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type,
    billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at, transaction_no,
    region, billing_item, usage_qty, pricing_qty, pricing_unit, list_amount, discount, amount_due, created_at)
    VALUES (${q(v.key)}, ${v.customer}, ${partner}, 'reseller', ${cycle}, ${v.productId}, '${v.mode}', '${v.bill}',
    '${at}' - INTERVAL 1 HOUR, '${at}', '${at}', ${q(v.txn)}, '${v.region}', ${q(v.item)}, ${v.qty}, ${v.qty},
    'hour', ${v.list}, 0, ${v.list}, UTC_TIMESTAMP())`);
  return { ...v, partner, cycle };
}

/**
 * A vendor cash coupon of `partner` (S1): the coupons row and its issue entry in the ledger
 * (vendor_coupons debit, the coupon's account credit), as the operator's grant writes them.
 */
export async function grantCoupon(stack, partner, { amount, customer = null, productId = null, mode = null }) {
  const code = `BT${++seq}${Date.now() % 100000}`;
  await stack.sql(`INSERT INTO coupons (code, name, issuer, owner_partner_id, customer_id, face_value, balance,
    valid_from, valid_to, product_id, billing_mode, created_at) VALUES ('${code}', 'Test coupon', 'vendor', ${partner},
    ${customer ?? 'NULL'}, ${amount}, ${amount}, '2000-01-01 00:00:00', '2099-12-31 00:00:00', ${productId ?? 'NULL'},
    ${q(mode)}, UTC_TIMESTAMP())`);
  const [[id]] = await stack.sql(`SELECT id FROM coupons WHERE code = '${code}'`);
  await stack.sql(`INSERT INTO ledger_accounts (code, kind, balance, created_at) VALUES ('vendor:coupons', 'vendor_coupons', ${amount}, UTC_TIMESTAMP())
      ON DUPLICATE KEY UPDATE balance = balance + ${amount};
    INSERT INTO ledger_accounts (code, kind, partner_id, coupon_id, balance, created_at)
      VALUES ('coupon:${id}', 'coupon', ${partner}, ${id}, -${amount}, UTC_TIMESTAMP());
    INSERT INTO journal_entries (idem_key, kind, partner_id, memo, created_at)
      VALUES ('coupon_issue:${id}', 'coupon_issue', ${partner}, 'test coupon', UTC_TIMESTAMP());
    SET @e = LAST_INSERT_ID();
    INSERT INTO journal_postings (entry_id, account_id, amount)
      SELECT @e, id, ${amount} FROM ledger_accounts WHERE code = 'vendor:coupons';
    INSERT INTO journal_postings (entry_id, account_id, amount)
      SELECT @e, id, -${amount} FROM ledger_accounts WHERE code = 'coupon:${id}'`);
  return Number(id);
}

/** Run the bill run as on day 4 (GMT+08:00, 08:00) of the month after `cycle`. */
export async function runBills(stack, cycle) {
  const now = `${cycleText(nextMonth(cycle))}-04 00:00:00`;
  const r = await stack.worker('run', 'bills', '--now', now);
  if (r.code !== 0) throw new Error(`bill run at ${now}: ${r.stderr}`);
  return now;
}

/** Run the estimate of the current month now. */
export async function runEstimates(stack) {
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const r = await stack.worker('run', 'bill_estimates', '--now', now);
  if (r.code !== 0) throw new Error(`estimates at ${now}: ${r.stderr}`);
}

/**
 * The bill of (partner, cycle) as the run wrote it: { id, hash, status, header (the stored
 * figures, BigInt), lines: the seeded lines joined with their bill_lines row (id, settlement,
 * coupons, tax, due, settlementType) }.
 */
export async function billOf(stack, partner, cycle, seeded) {
  const [[id, hash, status, exp, ref, adj, exact, rounded, coupons, tax, due, paid, lines]] = await stack.sql(
    `SELECT id, canonical_sha256, status, expenditures, refunds, adjustments, total_exact, total_rounded, coupons_used,
       tax, amount_due, amount_paid, line_count FROM partner_bills WHERE partner_id = ${partner} AND billing_cycle = ${cycle}`);
  const rows = await stack.sql(`SELECT l.source_key, bl.line_id, bl.settlement, bl.coupons, bl.tax, bl.amount_due,
      bl.settlement_type, bl.list_amount FROM bill_lines bl JOIN expenditure_lines l ON l.id = bl.line_id WHERE bl.bill_id = ${id}`);
  const byKey = new Map(rows.map((r) => [r[0], r]));
  const out = seeded.map((s) => {
    const r = byKey.get(s.key);
    if (!r) throw new Error(`line ${s.key} is not in the bill`);
    return { ...s, id: Number(r[1]), settlement: BigInt(r[2]), coupons: BigInt(r[3]), tax: BigInt(r[4]), due: BigInt(r[5]),
      settlementType: r[6], list: BigInt(r[7]) };
  });
  const B = BigInt;
  return { id: Number(id), hash, status, lineCount: Number(lines), lines: out,
    header: { expenditures: B(exp), refunds: B(ref), adjustments: B(adj), totalExact: B(exact), totalRounded: B(rounded),
      coupons: B(coupons), tax: B(tax), amountDue: B(due), paid: B(paid) } };
}

/** The header a bill must have, computed from its lines (spec 9.4.1.2, 3d.7–8). */
export function headerOf(lines) {
  const sum = (f, pred = () => true) => lines.filter(pred).reduce((a, l) => a + f(l), 0n);
  const exp = sum((l) => l.settlement, (l) => l.bill === 'expenditure');
  const ref = sum((l) => l.settlement, (l) => l.bill === 'refund');
  const adj = sum((l) => l.settlement, (l) => l.bill === 'adjustment');
  const exact = exp + ref + adj, coupons = sum((l) => l.coupons), tax = sum((l) => l.tax);
  const due = round2(exact - coupons + tax);
  return { expenditures: exp, refunds: ref, adjustments: adj, totalExact: exact, totalRounded: round2(exact),
    coupons, tax, amountDue: due < 0n ? 0n : due };
}
