/*
 * The set-based half of the independent bill recomputation: which records a
 * stored bill must carry, and how each one settles, in one statement written
 * from the spec (ch09 §9.4.1.2–9.4.1.3, §9.4.4.1, §9.7, 3d.2–3d.3; ch10
 * §10.2.4) and docs/bills.md — not from lib/billing/billcalc.c.  All amounts stay
 * exact: DECIMAL arithmetic and an explicit half-away-from-zero integer
 * division (MariaDB's "/" would round to div_precision_increment first).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bills/bill_verify_int.h"
#include "base/db.h"

enum stmt { ST_SETTLE, ST_COUPONS, ST_ORIGINAL, ST__MAX };

/* Records of the bill: the reseller records of the cycle of the billed partner and of its
   resellers (a reseller with a bill of its own for the cycle keeps its records), less those
   rated after the cycle was billed; and the late records of earlier cycles found before this
   bill that no other bill carries.  binds: partner ×2, cycle, partner, partner, cycle,
   generated_at, bill */
#define VB_RECORDS                                                                                 \
    "WITH grp AS (SELECT id FROM partners WHERE id = ? OR distributor_id = ?), "                   \
    "rec AS (SELECT e.*, 0 AS late FROM expenditure_lines e WHERE e.partner_id IN "                \
    "(SELECT id FROM grp) AND e.billing_cycle = ? AND e.association_type = 'reseller' "            \
    "AND NOT EXISTS (SELECT 1 FROM bill_late_lines k WHERE k.line_id = e.id) "                     \
    "AND NOT EXISTS (SELECT 1 FROM partner_bills o WHERE o.partner_id = e.partner_id "             \
    "AND o.partner_id <> ? AND o.billing_cycle = e.billing_cycle) "                                \
    "UNION ALL SELECT e.*, k.billing_cycle FROM bill_late_lines k JOIN expenditure_lines e "       \
    "ON e.id = k.line_id WHERE k.partner_id = ? AND k.billing_cycle < ? AND k.found_at <= ? "      \
    "AND NOT EXISTS (SELECT 1 FROM bill_lines x WHERE x.line_id = k.line_id AND x.bill_id <> "     \
    "?)), "
/* The discount rules of the billed partner, ranked by precedence: KooGallery customer 0,
   partner 1, product 2; savings customer 3, partner 4; product type customer 5, partner 6.
   A withdrawn KooGallery discount ends when it was withdrawn.  binds: partner ×2 */
#define VB_RULES                                                                                   \
    "rule AS (SELECT CASE k.level WHEN 'customer' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END AS rk, " \
    "k.id AS rid, 0 AS item, k.customer_id AS cust, k.product_id AS prod, '' AS region, "          \
    "'' AS mode, k.valid_from AS f, IF(k.status = 'invalid', LEAST(k.valid_until, k.updated_at), " \
    "k.valid_until) AS t, k.discount_ppm AS ppm, CAST(NULL AS SIGNED) AS price, "                  \
    "CAST(NULL AS SIGNED) AS size, 0 AS days, k.uuid AS ref FROM koogallery_discounts k "          \
    "WHERE k.status <> 'to_be_validated' AND (k.partner_id IS NULL OR k.partner_id = ?) "          \
    "UNION ALL SELECT IF(d.body = 'savings', 3, 5) + IF(d.level = 'customer', 0, 1), d.id, i.id, " \
    "d.customer_id, i.product_id, i.region, COALESCE(i.billing_mode, ''), d.effective_at, "        \
    "d.expires_at, i.discount_ppm, i.fixed_price, i.linear_size_milli, i.usage_days, d.code "      \
    "FROM commercial_discounts d JOIN commercial_discount_items i ON i.discount_id = d.id "        \
    "WHERE d.partner_id = ?), "
/* Usage within a package, RI or savings plan is covered: billed through its order. */
#define VB_COVERED "(r.source_key LIKE 'u:%' AND r.billing_mode <> 'pay_per_use')"
/* The first matching rule of each record; a fixed price only settles positive usage. */
#define VB_MATCH                                                                                   \
    "hit AS (SELECT r.id AS line_id, u.*, ROW_NUMBER() OVER (PARTITION BY r.id "                   \
    "ORDER BY u.rk, u.rid, u.item) AS n FROM rec r JOIN products p ON p.id = r.product_id "        \
    "JOIN rule u ON u.prod = r.product_id WHERE r.bill_type <> 'adjustment' AND NOT " VB_COVERED   \
    " AND (u.rk > 2 OR p.koogallery_seller IS NOT NULL) "                                          \
    "AND (u.rk NOT IN (0, 3, 5) OR u.cust = r.customer_id) "                                       \
    "AND (u.region = '' OR u.region = r.region) AND (u.mode = '' OR u.mode = r.billing_mode) "     \
    "AND r.transaction_at BETWEEN u.f AND u.t "                                                    \
    "AND (u.price IS NULL OR (r.pricing_qty > 0 AND r.bill_type <> 'refund'))), "
/* The partner's settlement discount of the product's type in force: the latest started.
   bind: partner */
#define VB_TYPE_DISCOUNT                                                                           \
    "sd AS (SELECT r.id AS line_id, d.discount_ppm, ROW_NUMBER() OVER (PARTITION BY r.id "         \
    "ORDER BY d.valid_from DESC, d.id) AS n FROM rec r JOIN products p ON p.id = r.product_id "    \
    "JOIN settlement_discounts d ON d.partner_id = ? AND d.settlement_type = p.settlement_type "   \
    "AND d.valid_from <= r.transaction_at AND (d.valid_to IS NULL OR r.transaction_at < "          \
    "d.valid_to)), "
/* Each record with how it settles: 'c' covered, 'a' adjustment, 't' settlement discount of
   its type, 'r' a rule's rate, 'f' a rule's fixed price; num / den is the exact settlement. */
#define VB_CASES                                                                                   \
    "how AS (SELECT r.*, p.settlement_type AS ptype, h.rk, h.ppm AS rppm, h.price, h.size, "       \
    "h.ref, IF(h.price IS NOT NULL AND h.days = 1, w.usage_days_bp, NULL) AS udays, "              \
    "IF(p.settlement_type = 'no_discount', 0, COALESCE(s.discount_ppm, 0)) AS tppm, "              \
    "CASE WHEN " VB_COVERED " THEN 'c' WHEN r.bill_type = 'adjustment' THEN 'a' "                  \
    "WHEN h.rk IS NULL THEN 't' WHEN h.price IS NULL THEN 'r' ELSE 'f' END AS k "                  \
    "FROM rec r JOIN products p ON p.id = r.product_id "                                           \
    "LEFT JOIN hit h ON h.line_id = r.id AND h.n = 1 LEFT JOIN sd s ON s.line_id = r.id AND s.n "  \
    "= 1 "                                                                                         \
    "LEFT JOIN bandwidth_monthly w ON r.monthly_settled = 1 AND w.resource_key = r.resource_key "  \
    "AND w.billing_cycle = r.billing_cycle), "                                                     \
    "frac AS (SELECT how.*, CASE k WHEN 'c' THEN 0 WHEN 'a' THEN CAST(list_amount AS "             \
    "DECIMAL(65,0)) "                                                                              \
    "WHEN 't' THEN CAST(list_amount AS DECIMAL(65,0)) * (1000000 - tppm) "                         \
    "WHEN 'r' THEN CAST(list_amount AS DECIMAL(65,0)) * (1000000 - rppm) "                         \
    "ELSE CAST(price AS DECIMAL(65,0)) * CAST(pricing_qty * 10000000000 AS DECIMAL(65,0)) "        \
    "* COALESCE(size, 1) * COALESCE(udays, 1) END AS num, CASE k WHEN 'c' THEN 1 WHEN 'a' THEN 1 " \
    "WHEN 'f' THEN 10000000000 * IF(size IS NULL, 1, 1000) * IF(udays IS NULL, 1, 10000) "         \
    "ELSE 1000000 END AS den FROM how) "
/* half away from zero: den is 1 or even */
#define VB_HALF_UP "IF(num < 0, -((-num + den DIV 2) DIV den), (num + den DIV 2) DIV den)"

static const char *const sql[ST__MAX] = {
    [ST_SETTLE] = VB_RECORDS VB_RULES VB_MATCH VB_TYPE_DISCOUNT VB_CASES
    "SELECT id, customer_id, product_id, billing_mode, bill_type, IF(k = 'c', 0, list_amount), "
    "CASE WHEN k IN ('c', 'a') THEN 'no_discount' WHEN k = 't' THEN ptype WHEN rk = 0 THEN "
    "'resale_customer' WHEN rk = 1 THEN 'resale_partner' WHEN rk = 2 THEN 'resale_product' "
    "ELSE 'special' END, CASE k WHEN 't' THEN tppm WHEN 'r' THEN rppm WHEN 'f' THEN -1 ELSE 0 END, "
    "IF(k = 'f', price, -1), IF(k = 'f', COALESCE(size, -1), -1), IF(k = 'f', COALESCE(udays, -1), "
    "-1), "
    "IF(k IN ('r', 'f'), ref, ''), " VB_HALF_UP ", refund_coupons, partner_id, late, k = 'c', "
    "region, transaction_at, COALESCE(original_line_id, 0) FROM frac ORDER BY id",
    /* binds: entry, generated_at, partner, entry, entry */
    [ST_COUPONS] =
        "SELECT c.id, COALESCE(c.customer_id, 0), COALESCE(c.reseller_id, 0), "
        "COALESCE(c.product_id, 0), COALESCE(c.excluded_product_id, 0), "
        "COALESCE(c.billing_mode, ''), c.region, c.valid_from, c.valid_to, c.no_promotion, "
        "-(SELECT COALESCE(SUM(j.amount), 0) FROM journal_postings j JOIN ledger_accounts a "
        "ON a.id = j.account_id WHERE a.code = CONCAT('coupon:', c.id) AND j.entry_id < ?) "
        "FROM coupons c WHERE c.valid_to >= ? AND c.owner_partner_id = ? AND c.issuer = 'vendor' "
        "AND EXISTS (SELECT 1 FROM journal_entries e WHERE e.idem_key = CONCAT('coupon_issue:', "
        "c.id) "
        "AND e.id < ?) AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id < ? AND "
        "e.idem_key "
        "IN (CONCAT('coupon_expiry:', c.id), CONCAT('coupon_revoke:', c.id))) ORDER BY c.id",
    /* what an original line's deductions still hold before this bill: its own usage less what
       refunds of it got back (binds: bill, original, original) */
    [ST_ORIGINAL] =
        "SELECT u.coupon_id, SUM(u.amount) FROM coupon_usage u JOIN expenditure_lines e "
        "ON e.id = u.line_id WHERE u.bill_id < ? AND (e.id = ? OR (e.original_line_id = ? "
        "AND e.bill_type = 'refund')) GROUP BY u.coupon_id HAVING SUM(u.amount) > 0 "
        "ORDER BY u.coupon_id",
};
PC_SQL_TABLE(vb_sql, sql);

static void *grow(void *arr, size_t n, size_t size)
{
    if (n & (n - 1) || (n && n < 8))
        return arr;
    void *p = realloc(arr, (n ? 2 * n : 8) * size);
    if (!p)
        abort();
    return p;
}

static void text(char *dst, size_t n, const pc_row *r, size_t i)
{
    snprintf(dst, n, "%s", pc_row_str(r, i));
}

static int settled_row(void *arg, const pc_row *r)
{
    vb_bill *b = arg;
    b->lines = grow(b->lines, b->nlines, sizeof *b->lines);
    bc_line *l = &b->lines[b->nlines++];
    memset(l, 0, sizeof *l);
    l->line_id = pc_row_i64(r, 0);
    l->customer_id = pc_row_i64(r, 1);
    l->product_id = pc_row_i64(r, 2);
    text(l->billing_mode, sizeof l->billing_mode, r, 3);
    l->bill_type = (enum bc_bill_type)bc_enum_of(bc_bill_type_name, 3, pc_row_str(r, 4));
    l->list_amount = pc_row_i64(r, 5);
    l->settlement_type = (enum bc_settlement)bc_enum_of(bc_settlement_name, 7, pc_row_str(r, 6));
    l->discount_ppm = (int32_t)pc_row_i64(r, 7);
    l->fixed_price = pc_row_i64(r, 8);
    l->linear_size_milli = pc_row_i64(r, 9);
    l->applied_usage_days_bp = (int)pc_row_i64(r, 10);
    text(l->discount_ref, sizeof l->discount_ref, r, 11);
    l->settlement = pc_row_i64(r, 12);
    l->refund_coupons = (int)pc_row_i64(r, 13);
    l->partner_id = pc_row_i64(r, 14);
    l->late_cycle = (int)pc_row_i64(r, 15);
    l->covered = (int)pc_row_i64(r, 16);
    text(l->region, sizeof l->region, r, 17);
    text(l->transaction_at, sizeof l->transaction_at, r, 18);
    l->original_line_id = pc_row_i64(r, 19);
    return 0;
}

int vb_settle_lines(vb_bill *b)
{
    int64_t p = b->partner_id, c = b->cycle;
    b->nlines = 0;
    return pc_db_query(&vb_sql, ST_SETTLE,
                       PC_BINDS(PC_I64(p), PC_I64(p), PC_I64(c), PC_I64(p), PC_I64(p), PC_I64(c),
                                PC_STR(b->generated_at), PC_I64(b->bill_id), PC_I64(p), PC_I64(p),
                                PC_I64(p)),
                       settled_row, b) < 0
               ? -1
               : 0;
}

static int coupon_row(void *arg, const pc_row *r)
{
    vb_bill *b = arg;
    b->coupons = grow(b->coupons, b->ncoupons, sizeof *b->coupons);
    vb_coupon *c = &b->coupons[b->ncoupons++];
    c->id = pc_row_i64(r, 0);
    c->customer_id = pc_row_i64(r, 1);
    c->reseller_id = pc_row_i64(r, 2);
    c->product_id = pc_row_i64(r, 3);
    c->excluded_product_id = pc_row_i64(r, 4);
    text(c->billing_mode, sizeof c->billing_mode, r, 5);
    text(c->region, sizeof c->region, r, 6);
    text(c->valid_from, sizeof c->valid_from, r, 7);
    text(c->valid_to, sizeof c->valid_to, r, 8);
    c->no_promotion = (int)pc_row_i64(r, 9);
    c->balance = pc_row_i64(r, 10);
    return 0;
}

int vb_load_coupons(vb_bill *b)
{
    int64_t e = b->entry_id;
    b->ncoupons = 0;
    return pc_db_query(&vb_sql, ST_COUPONS,
                       PC_BINDS(PC_I64(e), PC_STR(b->generated_at), PC_I64(b->partner_id),
                                PC_I64(e), PC_I64(e)),
                       coupon_row, b) < 0
               ? -1
               : 0;
}

typedef struct original_cb {
    void (*fn)(void *arg, int64_t coupon_id, int64_t amount);
    void *arg;
} original_cb;

static int original_row(void *arg, const pc_row *r)
{
    original_cb *cb = arg;
    cb->fn(cb->arg, pc_row_i64(r, 0), pc_row_i64(r, 1));
    return 0;
}

int vb_original_coupons(const vb_bill *b, int64_t orig,
                        void (*fn)(void *arg, int64_t coupon_id, int64_t amount), void *arg)
{
    original_cb cb = {fn, arg};
    return pc_db_query(&vb_sql, ST_ORIGINAL,
                       PC_BINDS(PC_I64(b->bill_id), PC_I64(orig), PC_I64(orig)), original_row,
                       &cb) < 0
               ? -1
               : 0;
}
