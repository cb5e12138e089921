#include "bills/bill_load.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"

enum stmt {
    ST_LINES,
    ST_LATE_LINES,
    ST_RULES,
    ST_SD,
    ST_COUPONS,
    ST_PRIOR,
    ST_TAX,
    ST_RATE,
    ST__MAX
};
/* One bill line's record: rating set the partner by the association active at the transaction
   time; 95th-percentile lines carry their Usage Days/Total; usage of a package, RI or savings
   plan is covered (worker/jobs/job_rating.c: its list amount is all discount) */
#define LINE_COLUMNS                                                                               \
    "SELECT l.id, l.customer_id, l.product_id, l.bill_type, l.billing_mode, l.region, "            \
    "l.transaction_at, l.list_amount, l.pricing_qty, COALESCE(m.usage_days_bp, -1), "              \
    "p.settlement_type, p.koogallery_seller IS NOT NULL, l.refund_coupons, "                       \
    "COALESCE(l.original_line_id, 0), l.partner_id, "                                              \
    "l.source_key LIKE 'u:%' AND l.billing_mode <> 'pay_per_use', "
#define LINE_JOINS                                                                                 \
    "JOIN products p ON p.id = l.product_id "                                                      \
    "LEFT JOIN bandwidth_monthly m ON l.monthly_settled = 1 "                                      \
    "AND m.resource_key = l.resource_key AND m.billing_cycle = l.billing_cycle "
/* the billed partner and, for a distributor, its resellers (ch10 §10.2.4.1.1) */
#define GROUP_OF(bind)                                                                             \
    "(SELECT g.id FROM partners g WHERE g.id = " bind " OR g.distributor_id = " bind ")"
/* the original lines of the refunds that give coupons back: the group's of the cycle and the
   late ones (binds: partner ×2, cycle, partner) */
#define REFUNDED                                                                                   \
    "(SELECT r.original_line_id FROM expenditure_lines r WHERE r.refund_coupons = 1 "              \
    "AND r.association_type = 'reseller' AND ((r.partner_id IN " GROUP_OF(                         \
        "?") " "                                                                                   \
             "AND r.billing_cycle = ?) OR r.id IN (SELECT k.line_id FROM bill_late_lines k "       \
             "WHERE k.partner_id = ?)))"
static const char *const sql[ST__MAX] = {
    /* the group's reseller records of the cycle (binds: partner ×2, cycle, partner), leaving out
       a reseller's own bill of it, made before resellers were billed through their distributor */
    [ST_LINES] = LINE_COLUMNS
    "0 FROM expenditure_lines l " LINE_JOINS "WHERE l.partner_id IN " GROUP_OF(
        "?") " AND l.billing_cycle = ? "
             "AND l.association_type = 'reseller' AND NOT EXISTS (SELECT 1 FROM partner_bills rb "
             "WHERE rb.partner_id = l.partner_id AND rb.partner_id <> ? "
             "AND rb.billing_cycle = l.billing_cycle) ORDER BY l.id",
    /* the late records of earlier billed cycles queued for the partner and on no bill yet
       (binds: partner, cycle) */
    [ST_LATE_LINES] =
        LINE_COLUMNS "k.billing_cycle FROM bill_late_lines k "
                     "JOIN expenditure_lines l ON l.id = k.line_id " LINE_JOINS
                     "WHERE k.partner_id = ? AND k.billing_cycle < ? AND NOT EXISTS "
                     "(SELECT 1 FROM bill_lines b WHERE b.line_id = k.line_id) ORDER BY l.id",
    /* every discount in force at some moment of the cycle [from, to); a withdrawn KooGallery
       discount applies until it was withdrawn */
    [ST_RULES] =
        "SELECT * FROM (SELECT 0 AS src, k.id, 0 AS item, CONCAT('koo_', k.level), "
        "COALESCE(k.customer_id, 0), k.product_id, '' AS region, '' AS mode, k.valid_from, "
        "IF(k.status = 'invalid', LEAST(k.valid_until, k.updated_at), k.valid_until), "
        "k.discount_ppm, -1 AS price, -1 AS size, 0 AS days, k.uuid FROM koogallery_discounts k "
        "WHERE k.status <> 'to_be_validated' AND (k.partner_id IS NULL OR k.partner_id = ?) "
        "AND k.valid_from < ? AND k.valid_until >= ? "
        "UNION ALL SELECT 1, d.id, i.id, CONCAT(d.body, '_', d.level), COALESCE(d.customer_id, 0), "
        "i.product_id, i.region, COALESCE(i.billing_mode, ''), d.effective_at, d.expires_at, "
        "COALESCE(i.discount_ppm, -1), COALESCE(i.fixed_price, -1), "
        "COALESCE(i.linear_size_milli, -1), i.usage_days, d.code FROM commercial_discounts d "
        "JOIN commercial_discount_items i ON i.discount_id = d.id WHERE d.partner_id = ? "
        "AND d.effective_at < ? AND d.expires_at >= ?) r ORDER BY src, id, item",
    [ST_SD] = "SELECT settlement_type, discount_ppm, valid_from, COALESCE(valid_to, '') "
              "FROM settlement_discounts WHERE partner_id = ? ORDER BY valid_from, id",
    /* a run: the vendor's coupons of the partner not expired or revoked at the run */
    [ST_COUPONS] = "SELECT c.id, COALESCE(c.customer_id, 0), COALESCE(c.product_id, 0), "
                   "COALESCE(c.excluded_product_id, 0), COALESCE(c.billing_mode, ''), c.region, "
                   "c.no_promotion, c.valid_from, c.valid_to, c.balance, COALESCE(c.reseller_id, "
                   "0) FROM coupons c "
                   "WHERE c.owner_partner_id = ? AND c.issuer = 'vendor' AND c.status IN "
                   "('available', 'used') "
                   "AND c.valid_to >= ? ORDER BY c.id FOR UPDATE",
    /* (binds: (partner ×2, cycle, partner) twice): what each original line of the cycle's
       refunds (and the late ones) still holds of each coupon — its deductions less what
       earlier refunds of it gave back (their usage rows, on the refund lines) */
    [ST_PRIOR] = "SELECT COALESCE(ul.original_line_id, ul.id) AS orig, u.coupon_id, SUM(u.amount) "
                 "FROM coupon_usage u JOIN expenditure_lines ul ON ul.id = u.line_id "
                 "WHERE u.coupon_id IN (SELECT u0.coupon_id FROM coupon_usage u0 WHERE u0.line_id "
                 "IN " REFUNDED ") AND COALESCE(ul.original_line_id, ul.id) IN " REFUNDED
                 " GROUP BY orig, u.coupon_id HAVING SUM(u.amount) > 0 ORDER BY orig, u.coupon_id",
    /* the rate valid on the cycle's last day; 0 under reverse charge (sql/020, §13.6) */
    [ST_TAX] = "SELECT COALESCE(p.tax_region, p.country), IF(rc.reverse_charge, 0, t.rate_ppm), "
               "p.payment_currency FROM partners p LEFT JOIN tax_rates t ON t.region = "
               "COALESCE(p.tax_region, p.country) AND t.valid_from <= ? AND (t.valid_to IS NULL "
               "OR t.valid_to >= ?) LEFT JOIN partner_reverse_charge rc ON rc.partner_id = p.id "
               "WHERE p.id = ?",
    /* the rate of the cycle's last day, or the latest before it */
    [ST_RATE] = "SELECT rate FROM exchange_rates WHERE currency = ? AND day <= ? "
                "ORDER BY day DESC LIMIT 1",
};
PC_SQL_TABLE(bill_load_sql, sql);

/* Room for element n of *arr (elements of `size`): capacities 16, 32, 64, …; aborts when out of
 * memory. */
static void *grow(void *arr, size_t n, size_t size)
{
    if (n != 0 && (n < 16 || (n & (n - 1))))
        return arr;
    void *p = realloc(arr, (n ? 2 * n : 16) * size);
    if (!p)
        abort();
    return p;
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src);
}

static pc_qty signed_qty(const char *s)
{
    pc_qty q = 0;
    if (s[0] == '-')
        return pc_qty_parse(s + 1, 10, &q) ? 0 : -q;
    return pc_qty_parse(s, 10, &q) ? 0 : q;
}

static int line_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    in->lines = grow(in->lines, in->nlines, sizeof *in->lines);
    bc_line *l = &in->lines[in->nlines++];
    memset(l, 0, sizeof *l);
    l->line_id = pc_row_i64(r, 0);
    l->customer_id = pc_row_i64(r, 1);
    l->product_id = pc_row_i64(r, 2);
    l->bill_type = (enum bc_bill_type)bc_enum_of(bc_bill_type_name, 3, pc_row_str(r, 3));
    copy(l->billing_mode, sizeof l->billing_mode, pc_row_str(r, 4));
    copy(l->region, sizeof l->region, pc_row_str(r, 5));
    copy(l->transaction_at, sizeof l->transaction_at, pc_row_str(r, 6));
    l->list_amount = pc_row_i64(r, 7);
    l->pricing_qty = signed_qty(pc_row_str(r, 8));
    l->usage_days_bp = (int)pc_row_i64(r, 9);
    l->product_type = (enum bc_settlement)bc_enum_of(bc_settlement_name, 3, pc_row_str(r, 10));
    l->koogallery = (int)pc_row_i64(r, 11);
    l->refund_coupons = (int)pc_row_i64(r, 12);
    l->original_line_id = pc_row_i64(r, 13);
    l->partner_id = pc_row_i64(r, 14);
    l->covered = (int)pc_row_i64(r, 15);
    l->late_cycle = (int)pc_row_i64(r, 16);
    return 0;
}

static int by_line_id(const void *a, const void *b)
{
    int64_t x = ((const bc_line *)a)->line_id, y = ((const bc_line *)b)->line_id;
    return x < y ? -1 : x > y;
}

int bill_load_lines(bill_input *in)
{
    int64_t p = in->partner_id, c = in->cycle;
    in->nlines = 0;
    if (pc_db_query(&bill_load_sql, ST_LINES, PC_BINDS(PC_I64(p), PC_I64(p), PC_I64(c), PC_I64(p)),
                    line_row, in) < 0)
        return -1;
    size_t own = in->nlines;
    if (pc_db_query(&bill_load_sql, ST_LATE_LINES, PC_BINDS(PC_I64(p), PC_I64(c)), line_row, in) <
        0)
        return -1;
    /* both reads come in line order; late records (rare) are merged in by a sort */
    if (in->nlines > own && own > 0)
        qsort(in->lines, in->nlines, sizeof *in->lines, by_line_id);
    return 0;
}

/* The earliest cycle of the lines: late records reach back before the bill's own cycle. */
static int first_cycle(const bill_input *in)
{
    int first = in->cycle;
    for (size_t i = 0; i < in->nlines; i++)
        if (in->lines[i].late_cycle && in->lines[i].late_cycle < first)
            first = in->lines[i].late_cycle;
    return first;
}

static int rule_row(void *arg, const pc_row *r)
{
    static const char *const kinds[BC_RULE_KINDS] = {
        "koo_customer",    "koo_partner",           "koo_product",         "savings_customer",
        "savings_partner", "product_type_customer", "product_type_partner"};
    bill_input *in = arg;
    in->rules = grow(in->rules, in->nrules, sizeof *in->rules);
    bc_rule *x = &in->rules[in->nrules++];
    memset(x, 0, sizeof *x);
    x->kind = (enum bc_rule_kind)bc_enum_of(kinds, BC_RULE_KINDS, pc_row_str(r, 3));
    x->customer_id = pc_row_i64(r, 4);
    x->product_id = pc_row_i64(r, 5);
    copy(x->region, sizeof x->region, pc_row_str(r, 6));
    copy(x->billing_mode, sizeof x->billing_mode, pc_row_str(r, 7));
    copy(x->from, sizeof x->from, pc_row_str(r, 8));
    copy(x->to, sizeof x->to, pc_row_str(r, 9));
    x->discount_ppm = (int32_t)pc_row_i64(r, 10);
    x->fixed_price = pc_row_i64(r, 11);
    x->linear_size_milli = pc_row_i64(r, 12);
    x->usage_days = (int)pc_row_i64(r, 13);
    copy(x->ref, sizeof x->ref, pc_row_str(r, 14));
    return 0;
}

static int sd_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    in->sd = grow(in->sd, in->nsd, sizeof *in->sd);
    bc_settlement_discount *d = &in->sd[in->nsd++];
    d->type = strcmp(pc_row_str(r, 0), "promotional") == 0 ? BC_PROMOTIONAL : BC_COMMON;
    d->discount_ppm = (int32_t)pc_row_i64(r, 1);
    copy(d->from, sizeof d->from, pc_row_str(r, 2));
    copy(d->to, sizeof d->to, pc_row_str(r, 3));
    return 0;
}

int bill_load_rules(bill_input *in)
{
    char from[20], to[20]; /* the local bounds, as UTC, of the cycles the lines belong to */
    pc_clock_cycle_start(first_cycle(in), from);
    pc_clock_cycle_start(pc_clock_cycle_add(in->cycle, 1), to);
    in->nrules = in->nsd = 0;
    if (pc_db_query(&bill_load_sql, ST_RULES,
                    PC_BINDS(PC_I64(in->partner_id), PC_STR(to), PC_STR(from),
                             PC_I64(in->partner_id), PC_STR(to), PC_STR(from)),
                    rule_row, in) < 0)
        return -1;
    return pc_db_query(&bill_load_sql, ST_SD, PC_BINDS(PC_I64(in->partner_id)), sd_row, in) < 0 ? -1
                                                                                                : 0;
}

static int coupon_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    in->coupons = grow(in->coupons, in->ncoupons, sizeof *in->coupons);
    bc_coupon *c = &in->coupons[in->ncoupons++];
    memset(c, 0, sizeof *c);
    c->id = pc_row_i64(r, 0);
    c->customer_id = pc_row_i64(r, 1);
    c->product_id = pc_row_i64(r, 2);
    c->excluded_product_id = pc_row_i64(r, 3);
    copy(c->billing_mode, sizeof c->billing_mode, pc_row_str(r, 4));
    copy(c->region, sizeof c->region, pc_row_str(r, 5));
    c->no_promotion = (int)pc_row_i64(r, 6);
    copy(c->valid_from, sizeof c->valid_from, pc_row_str(r, 7));
    copy(c->valid_to, sizeof c->valid_to, pc_row_str(r, 8));
    c->balance = pc_row_i64(r, 9);
    c->reseller_id = pc_row_i64(r, 10);
    return 0;
}

static int prior_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    in->prior = grow(in->prior, in->nprior, sizeof *in->prior);
    in->prior[in->nprior++] = (bc_prior_use){pc_row_i64(r, 0), pc_row_i64(r, 1), pc_row_i64(r, 2)};
    return 0;
}

static int tax_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    copy(in->tax_region, sizeof in->tax_region, pc_row_str(r, 0));
    in->tax_rate_ppm = r->v[1] ? (int32_t)pc_row_i64(r, 1) : -1;
    copy(in->currency, sizeof in->currency, pc_row_str(r, 2));
    return 0;
}

static int rate_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    copy(in->exchange_rate, sizeof in->exchange_rate, pc_row_str(r, 0));
    return 1;
}

static int load_coupons(bill_input *in)
{
    in->ncoupons = in->nprior = 0;
    if (pc_db_query(&bill_load_sql, ST_COUPONS, PC_BINDS(PC_I64(in->partner_id), PC_STR(in->as_of)),
                    coupon_row, in) < 0)
        return -1;
    int64_t p = in->partner_id, c = in->cycle;
    return pc_db_query(&bill_load_sql, ST_PRIOR,
                       PC_BINDS(PC_I64(p), PC_I64(p), PC_I64(c), PC_I64(p), PC_I64(p), PC_I64(p),
                                PC_I64(c), PC_I64(p)),
                       prior_row, in) < 0
               ? -1
               : 0;
}

int bill_load_money(bill_input *in)
{
    char last[11];
    in->tax_rate_ppm = -1;
    in->tax_region[0] = in->currency[0] = in->exchange_rate[0] = in->error[0] = '\0';
    pc_clock_cycle_last_day(in->cycle, last);
    if (load_coupons(in) ||
        pc_db_query(&bill_load_sql, ST_TAX,
                    PC_BINDS(PC_STR(last), PC_STR(last), PC_I64(in->partner_id)), tax_row, in) < 0)
        return -1;
    if (in->tax_rate_ppm < 0) {
        snprintf(in->error, sizeof in->error,
                 "partner %lld: no tax rate for region '%s' (tax rate not configured on %s)",
                 (long long)in->partner_id, in->tax_region, last);
        return 1;
    }
    if (strcmp(in->currency, "USD") == 0) {
        copy(in->exchange_rate, sizeof in->exchange_rate, "1");
        return 0;
    }
    if (pc_db_query(&bill_load_sql, ST_RATE, PC_BINDS(PC_STR(in->currency), PC_STR(last)), rate_row,
                    in) < 0)
        return -1;
    if (!in->exchange_rate[0]) {
        snprintf(in->error, sizeof in->error,
                 "partner %lld: no exchange rate of %s on or before %s", (long long)in->partner_id,
                 in->currency, last);
        return 1;
    }
    return 0;
}

int bill_compute(bill_input *in, int full)
{
    for (size_t i = 0; i < in->nlines; i++)
        bc_settle(&in->lines[i], in->rules, in->nrules, in->sd, in->nsd);
    if (!full)
        return 0;
    /* each usage of a pass covers its line or empties its coupon: at most lines + coupons
       per pass, two passes, and one return per earlier use */
    size_t cap = 2 * (in->nlines + in->ncoupons) + in->nprior + 1;
    free(in->usage);
    in->usage = malloc(cap * sizeof *in->usage);
    if (!in->usage)
        abort();
    in->nusage = 0;
    if (bc_return_coupons(in->lines, in->nlines, in->prior, in->nprior, in->coupons, in->ncoupons,
                          in->usage, cap, &in->nusage) ||
        bc_allocate(in->lines, in->nlines, in->coupons, in->ncoupons, in->usage, cap, &in->nusage))
        return -1;
    for (size_t i = 0; i < in->nlines; i++)
        bc_finish(&in->lines[i], in->tax_rate_ppm);
    return 0;
}

void bill_hash(const bill_input *in, bc_totals *t, char hex[65])
{
    char buf[1024];
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    bc_totals_of(in->lines, in->nlines, t);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        abort();
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    size_t n = bc_canonical_header(in->partner_id, in->cycle, in->tax_region, in->tax_rate_ppm, t,
                                   buf, sizeof buf);
    EVP_DigestUpdate(ctx, buf, n);
    for (size_t i = 0; i < in->nlines; i++) {
        n = bc_canonical_line(&in->lines[i], buf, sizeof buf);
        EVP_DigestUpdate(ctx, buf, n);
    }
    EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    for (unsigned i = 0; i < mdlen && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

void bill_input_free(bill_input *in)
{
    free(in->lines);
    free(in->rules);
    free(in->sd);
    free(in->coupons);
    free(in->prior);
    free(in->usage);
    memset(in, 0, sizeof *in);
}
