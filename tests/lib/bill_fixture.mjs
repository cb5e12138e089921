// Hand-worked bill fixtures (tests/worker/bills_trust, bill_verify): partners, reseller
// customers, rated records as the rating writes them and vendor cash coupons with their
// ledger entry, all dated in one year after the demo data (billing time zone GMT+08:00).
import assert from 'node:assert/strict';
import { cycleOfUtc } from './dates.mjs';

export const E8 = 100000000n;

/** "12.5" → 10^-8 units as a string (exact, no floating point). */
export function dec8(s) {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(i) * E8 + BigInt((f + '00000000').slice(0, 8));
  return String(neg ? -v : v);
}


/**
 * The helpers for one test file's stack (stackOf() gives it once the file's before() started it)
 * and a fixture year.
 */
export function billFixture(stackOf, year) {
  const one = async (q) => (await stackOf().sql(q))[0] || null;
  const product = (code) => `(SELECT id FROM products WHERE code = '${code}')`;
  const from = `${year}-01-01 00:00:00`, to = `${year}-12-31 15:59:59`;
  return {
    one,
    product,
    /** Run a worker job as at `now` (UTC); it must succeed. */
    async run(job, now) {
      const r = await stackOf().worker('run', job, '--now', now);
      assert.equal(r.code, 0, `${job} at ${now}: ${r.stdout}${r.stderr}`);
    },
    /** A partner taxed in SG (GST 9 %) with a common settlement discount of 10 %. */
    async partner(account, kind, distributor = null) {
      await stackOf().sql(`INSERT INTO partners (kind, name, account_name, country, distributor_id)
        VALUES ('${kind}', 'Partner ${account}', '${account}', 'SG', ${distributor ?? 'NULL'})`);
      const [id] = await one(`SELECT id FROM partners WHERE account_name = '${account}'`);
      await stackOf().sql(`INSERT INTO settlement_discounts (partner_id, settlement_type, discount_ppm, valid_from, created_at)
        VALUES (${id}, 'common', 100000, '${from}', UTC_TIMESTAMP())`);
      return id;
    },
    /** A customer associated (reseller) with partner p since the 1st of the year, as rating attributes it. */
    async customer(account, p) {
      await stackOf().sql(`INSERT INTO customers (partner_id, name, account_name, association_type, associated_at)
          VALUES (${p}, 'Customer ${account}', '${account}', 'reseller', '${from}');
        INSERT INTO associations (customer_id, partner_id, type, initiation, associated_at)
          SELECT id, ${p}, 'reseller', 'partner', '${from}' FROM customers WHERE account_name = '${account}'`);
      return (await one(`SELECT id FROM customers WHERE account_name = '${account}'`))[0];
    },
    /** One rated record as the rating writes it: key 'u:…' for usage (covered by a package or RI when its
     * mode is not pay-per-use: the list amount all discount); createdAt null: now. */
    async record(key, { customer: c, partner: p, code, mode = 'pay_per_use', bill = 'expenditure', at, list, qty = '0',
      resource = '', monthly = 0, refundCoupons = 0, original = null, createdAt = null }) {
      const covered = key.startsWith('u:') && mode !== 'pay_per_use';
      await stackOf().sql(`INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, billing_cycle, product_id,
          billing_mode, bill_type, monthly_settled, spent_from, spent_to, transaction_at, transaction_no, region, resource_key, pricing_qty,
          list_amount, discount, amount_due, refund_coupons, original_line_id, created_at)
        VALUES ('${key}', ${c}, ${p}, 'reseller', ${cycleOfUtc(at)}, ${product(code)}, '${mode}', '${bill}', ${monthly}, '${at}', '${at}', '${at}',
          '${key}', 'ap-southeast-1', '${resource}', ${qty}, ${dec8(list)}, ${covered ? dec8(list) : 0}, ${covered ? 0 : dec8(list)},
          ${refundCoupons}, ${original ?? 'NULL'}, ${createdAt ? `'${createdAt}'` : 'UTC_TIMESTAMP()'})`);
      return (await one(`SELECT id FROM expenditure_lines WHERE source_key = '${key}'`))[0];
    },
    /** A vendor cash coupon valid all year, with its issue entry in the ledger. */
    async coupon(code, { partner: p, customer: c = null, reseller = null, face }) {
      await stackOf().sql(`INSERT INTO coupons (code, name, issuer, owner_partner_id, customer_id, reseller_id, face_value, balance, valid_from, valid_to, created_at)
        VALUES ('${code}', 'Coupon ${code}', 'vendor', ${p}, ${c ?? 'NULL'}, ${reseller ?? 'NULL'}, ${dec8(face)}, ${dec8(face)}, '${from}', '${to}', UTC_TIMESTAMP())`);
      const [id] = await one(`SELECT id FROM coupons WHERE code = '${code}'`);
      const f = dec8(face);
      await stackOf().sql(`INSERT INTO ledger_accounts (code, kind, partner_id, coupon_id, balance, created_at) VALUES ('coupon:${id}', 'coupon', ${p}, ${id}, -${f}, UTC_TIMESTAMP());
        INSERT INTO ledger_accounts (code, kind, balance, created_at) VALUES ('vendor:coupons', 'vendor_coupons', ${f}, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE balance = balance + ${f};
        INSERT INTO journal_entries (idem_key, kind, partner_id, created_at) VALUES ('coupon_issue:${id}', 'coupon_issue', ${p}, UTC_TIMESTAMP());
        INSERT INTO journal_postings (entry_id, account_id, amount) SELECT LAST_INSERT_ID(), a.id, IF(a.code = 'vendor:coupons', ${f}, -${f}) FROM ledger_accounts a WHERE a.code IN ('coupon:${id}', 'vendor:coupons')`);
      return id;
    },
  };
}
