// SQL-INSERTED BILL FIXTURES for the Partner Bills tests (tests/http/bills.test.mjs,
// tests/browser/bills.test.mjs): expenditure lines as the rating job writes them and
// partner_bills / bill_lines rows as the worker's bill run (worker/job_bills.c, built by
// the lead) writes them, with the header figures computed here from the lines.  The
// tests assert what the pages show against these computed figures, never against the
// pages themselves.  Once the bill run is on main, a test that needs the real run
// produces its bills with `pc-worker run bills --now ...` instead.
export const USD = 100000000n;

const q = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
const n = (v) => (v === null || v === undefined ? 'NULL' : String(v));

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

export const cycleText = (c) => `${Math.floor(c / 100)}-${String(c % 100).padStart(2, '0')}`;

/** Months in GMT+08:00, the billing time zone: monthsBack(0) is the current cycle (YYYYMM). */
export function monthsBack(k) {
  const d = new Date(Date.now() + 8 * 3600e3);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - k);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

/**
 * Insert one expenditure line and its bill line; returns the full line (with id).
 * l: { customer, productId, mode, bill, region, list, settlementType, ppm | fixed, settlement,
 *      coupons, tax, key, txn, cycle, partner }
 */
async function insertLine(stack, billId, l) {
  const y = Math.floor(l.cycle / 100), m = String(l.cycle % 100).padStart(2, '0');
  const at = `${y}-${m}-${String(l.day || 10).padStart(2, '0')} 02:00:00`;
  await stack.sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type,
    billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at, transaction_no,
    region, billing_item, usage_qty, pricing_qty, pricing_unit, list_amount, discount, amount_due, created_at)
    VALUES (${q(l.key)}, ${l.customer}, ${l.partner}, 'reseller', ${l.cycle}, ${l.productId}, '${l.mode}', '${l.bill}',
    '${at}' - INTERVAL 1 HOUR, '${at}', '${at}', ${q(l.txn)}, '${l.region}', ${q(l.item || 'usage')}, ${n(l.usage || 0)},
    ${n(l.usage || 0)}, 'hour', ${l.list}, 0, ${l.list}, UTC_TIMESTAMP())`);
  const [[id]] = await stack.sql(`SELECT id FROM expenditure_lines WHERE source_key = ${q(l.key)}`);
  const due = l.settlement - l.coupons + l.tax;
  await stack.sql(`INSERT INTO bill_lines (bill_id, line_id, customer_id, product_id, billing_mode, bill_type,
    list_amount, settlement_type, discount_ppm, fixed_price, settlement, coupons, refund_coupons, tax, amount_due)
    VALUES (${billId}, ${id}, ${l.customer}, ${l.productId}, '${l.mode}', '${l.bill}', ${l.list},
    '${l.settlementType || 'common'}', ${n(l.ppm)}, ${n(l.fixed)}, ${l.settlement}, ${l.coupons}, 0, ${l.tax}, ${due})`);
  return { ...l, id: Number(id), due };
}

/** The header of a bill as the bill run computes it from its lines (spec 9.4.1.2, 3d.7–8). */
export function headerOf(lines) {
  const sum = (f, pred = () => true) => lines.filter(pred).reduce((a, l) => a + f(l), 0n);
  const exp = sum((l) => l.settlement, (l) => l.bill === 'expenditure');
  const ref = sum((l) => l.settlement, (l) => l.bill === 'refund');
  const adj = sum((l) => l.settlement, (l) => l.bill === 'adjustment');
  const exact = exp + ref + adj;
  const coupons = sum((l) => l.coupons), tax = sum((l) => l.tax);
  const dueRounded = round2(exact - coupons + tax);
  return {
    expenditures: exp, refunds: ref, adjustments: adj, totalExact: exact, totalRounded: round2(exact),
    coupons, tax, amountDue: dueRounded < 0n ? 0n : dueRounded, list: sum((l) => l.list),
  };
}

let seq = 0;
/**
 * Insert a bill of `partner` for `cycle` with its lines (defaults filled); returns
 * { id, cycle, lines, header, hash }.  status: unpaid (default) | partially_paid | paid | overdue.
 */
export async function insertBill(stack, { partner = 1, cycle, status = 'unpaid', paid = 0n, lines }) {
  const full = lines.map((l) => ({
    mode: 'pay_per_use', bill: 'expenditure', region: 'ap-southeast-1', coupons: 0n, tax: 0n,
    ppm: 250000, partner, cycle, ...l, key: l.key || `fx:${partner}:${cycle}:${++seq}`, txn: l.txn || `TX-${cycle}-${seq}`,
  }));
  const h = headerOf(full);
  const hash = (BigInt(cycle) * 7919n + BigInt(partner)).toString(16).padStart(64, 'a');
  const y = Math.floor(cycle / 100), m = cycle % 100;
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  await stack.sql(`INSERT INTO partner_bills (partner_id, billing_cycle, status, line_count, list_total, expenditures,
    refunds, adjustments, total_exact, total_rounded, coupons_used, tax, amount_due, amount_paid, tax_region,
    tax_rate_ppm, payment_currency, exchange_rate, due_at, generated_at, canonical_sha256) VALUES (${partner}, ${cycle},
    '${status}', ${full.length}, ${h.list}, ${h.expenditures}, ${h.refunds}, ${h.adjustments}, ${h.totalExact},
    ${h.totalRounded}, ${h.coupons}, ${h.tax}, ${h.amountDue}, ${paid}, 'SG', 90000, 'USD', 1.0000000000,
    '${next}-05 04:00:00', '${next}-04 00:30:00', '${hash}')`);
  const [[id]] = await stack.sql(`SELECT id FROM partner_bills WHERE partner_id = ${partner} AND billing_cycle = ${cycle}`);
  const out = [];
  for (const l of full) out.push(await insertLine(stack, Number(id), l));
  return { id: Number(id), cycle, lines: out, header: h, hash, status, paid };
}
