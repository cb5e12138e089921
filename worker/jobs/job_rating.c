/*
 * The rating job (spec 9.3.4.2, 3d.6; 3e rating_ingest).  Unrated usage
 * records become expenditure lines at list price, in batches of BATCH
 * records, each batch one transaction that writes the lines (source_key
 * "u:<record id>", UNIQUE), marks the records rated and adds the list
 * amounts to customer_spend_daily.  Paid orders become lines "o:<order no>"
 * and unsubscriptions refund lines "r:<order no>" the same way.  A named
 * lock keeps a second worker out; a re-run finds everything done.
 *
 * A record is priced by the price item of its product, billing item and
 * region, else the item's region '' price.  Usage of a resource bought as
 * reserved instance, savings plan or yearly/monthly package is covered: its
 * list amount is all discount, nothing is due, and it is not spend (the
 * package's order is).  The line belongs to the partner the customer was
 * associated with at its transaction time (the record's end) — none: the
 * line is the customer's alone — and to the account manager whose credit
 * window covers that day.  Usage of a product billed by 95th-percentile
 * bandwidth (its other items, e.g. OBS storage) is monthly settled like the
 * product's bandwidth, so monthly budgets leave it out (3d.10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/bulk.h"
#include "base/db.h"
#include "usage/expenditure.h"
#include "jobs/jobs.h"
#include "billing/rating.h"

#define BATCH 500

/* the local day of the usage's end, for the account manager's credit window */
#define USAGE_DAY "DATE(CONVERT_TZ(u.end_at, '+00:00', ?))"

enum stmt { ST_LOCK, ST_UNLOCK, ST_USAGE, ST_ORDERS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LOCK] = "SELECT GET_LOCK('pc_rating', 0)",
    [ST_UNLOCK] = "SELECT RELEASE_LOCK('pc_rating')",
    /* binds: time zone twice, last id; price of the region, else of region '', and attribution */
    // clang-format off
    [ST_USAGE] =
        "SELECT u.id, u.record_id, u.customer_id, u.product_id, u.resource_key, u.region, "
        "u.billing_item, u.start_at, u.end_at, u.quantity, u.unit, "
        "COALESCE(pr.conversion_factor, pd.conversion_factor), "
        "COALESCE(pr.list_price, pd.list_price), COALESCE(pr.pricing_unit, pd.pricing_unit), "
        "IFNULL(r.billing_mode, 'pay_per_use'), IFNULL(r.name, ''), a.partner_id, a.type, "
        EXP_AM_SQL("u.customer_id", USAGE_DAY) ", p.p95 "
        "FROM usage_records u JOIN products p ON p.id = u.product_id "
        "LEFT JOIN price_items pr ON pr.product_id = u.product_id "
        "AND pr.billing_item = u.billing_item AND pr.region = u.region "
        "LEFT JOIN price_items pd ON pd.product_id = u.product_id "
        "AND pd.billing_item = u.billing_item AND pd.region = '' "
        "LEFT JOIN resources r ON r.resource_key = u.resource_key "
        "LEFT JOIN associations a ON a.id = (SELECT a2.id FROM associations a2 "
        "WHERE a2.customer_id = u.customer_id AND a2.associated_at <= u.end_at "
        "AND (a2.ended_at IS NULL OR a2.ended_at > u.end_at) "
        "ORDER BY a2.associated_at DESC, a2.id DESC LIMIT 1) "
        "WHERE u.rated = 0 AND u.id > ? ORDER BY u.id LIMIT 500",
    // clang-format on
    [ST_ORDERS] =
        "SELECT o.id, o.order_no, o.customer_id, o.product_id, o.billing_mode, o.region, "
        "o.paid_at, o.list_amount, o.amount_paid, o.cash_paid, o.coupons_paid, "
        "o.order_type = 'unsubscription', "
        "IFNULL((SELECT r.resource_key FROM resources r WHERE r.order_id = o.id "
        "ORDER BY r.id LIMIT 1), ''), "
        "IFNULL((SELECT r.name FROM resources r WHERE r.order_id = o.id "
        "ORDER BY r.id LIMIT 1), ''), "
        /* an unsubscription: the line of the order it refunds, and whether its coupons return */
        "IF(o.order_type = 'unsubscription', (SELECT ol.id FROM orders oo JOIN expenditure_lines "
        "ol "
        "ON ol.source_key = CONCAT('o:', oo.order_no) WHERE oo.id = o.original_order_id), NULL), "
        "o.order_type = 'unsubscription' AND o.refund_cause <> 'requested' "
        "FROM orders o WHERE o.paid_at IS NOT NULL AND o.product_id IS NOT NULL "
        "AND (o.order_type = 'unsubscription') = ? AND o.id > ? "
        "AND NOT EXISTS (SELECT 1 FROM expenditure_lines l WHERE l.source_key = "
        "CONCAT(IF(o.order_type = 'unsubscription', 'r:', 'o:'), o.order_no)) "
        "ORDER BY o.id LIMIT 500",
};
PC_SQL_TABLE(rating_sql, sql);
BULK_STMT(mark_rated, "UPDATE usage_records SET rated = 1 WHERE id IN (", "?", ")", BATCH, 1);

typedef struct batch {
    const char *now;
    exp_line line[BATCH];
    int64_t id[BATCH];      /* usage record ids (0: an order, nothing to mark) */
    char attributed[BATCH]; /* partner and account manager read with the row */
    int n, failed;
    int64_t last;
    char error[300];
} batch;

static int covered_mode(const char *mode)
{
    return strcmp(mode, "reserved_instance") == 0 || strcmp(mode, "savings_plan") == 0 ||
           strcmp(mode, "yearly_monthly") == 0;
}

static void copy(char *dst, size_t n, const pc_row *r, size_t i)
{
    snprintf(dst, n, "%s", pc_row_str(r, i));
}

/* One usage record → one line (prices and resource joined in the query). */
static int usage_row(void *arg, const pc_row *r)
{
    batch *b = arg;
    exp_line *l = &b->line[b->n];
    pc_rated rated;
    b->last = pc_row_i64(r, 0);
    memset(l, 0, sizeof *l);
    const char *mode = pc_row_str(r, 14);
    int covered = covered_mode(mode);
    if (!r->v[11] ||
        pc_rate_usage(pc_row_str(r, 9), pc_row_str(r, 11), pc_row_i64(r, 12), covered, &rated)) {
        /* no price any more, or an amount out of range: left unrated, reported */
        b->failed++;
        snprintf(b->error, sizeof b->error, "usage record %s: no price or amount out of range",
                 pc_row_str(r, 1));
        return 0;
    }
    b->attributed[b->n] = 1;
    b->id[b->n++] = b->last;
    l->partner = pc_row_i64(r, 16);
    copy(l->association_type, sizeof l->association_type, r, 17);
    l->account_manager = pc_row_i64(r, 18);
    snprintf(l->source_key, sizeof l->source_key, "u:%s", pc_row_str(r, 1));
    copy(l->transaction_no, sizeof l->transaction_no, r, 1);
    l->customer = pc_row_i64(r, 2);
    l->product = pc_row_i64(r, 3);
    copy(l->resource_key, sizeof l->resource_key, r, 4);
    copy(l->region, sizeof l->region, r, 5);
    copy(l->billing_item, sizeof l->billing_item, r, 6);
    copy(l->spent_from, sizeof l->spent_from, r, 7);
    copy(l->spent_to, sizeof l->spent_to, r, 8);
    copy(l->transaction_at, sizeof l->transaction_at, r, 8); /* pay-per-use: the end of the usage */
    copy(l->pricing_unit, sizeof l->pricing_unit, r, 13);
    copy(l->resource_name, sizeof l->resource_name, r, 15);
    pc_qty_format(rated.usage_qty, l->usage_qty, sizeof l->usage_qty);
    pc_qty_format(rated.pricing_qty, l->pricing_qty, sizeof l->pricing_qty);
    l->billing_mode = strcmp(mode, "reserved_instance") == 0 ? "reserved_instance"
                      : strcmp(mode, "savings_plan") == 0    ? "savings_plan"
                      : strcmp(mode, "yearly_monthly") == 0  ? "yearly_monthly"
                                                             : "pay_per_use";
    l->bill_type = "expenditure";
    l->list_amount = rated.list_amount;
    l->discount = rated.discount;
    l->amount_due = l->monthly_settlement = rated.amount_due;
    /* a 95th-percentile product is a monthly-settled service: left out of monthly budgets */
    l->monthly_settled = pc_row_i64(r, 19) == 1;
    l->count_spend = !covered;
    return 0;
}

static int64_t magnitude(int64_t v)
{
    return v < 0 ? -v : v;
}

/* One paid order → a line; an unsubscription → a refund line with negative amounts. */
static int order_row(void *arg, const pc_row *r)
{
    batch *b = arg;
    exp_line *l = &b->line[b->n];
    memset(l, 0, sizeof *l);
    b->last = pc_row_i64(r, 0);
    b->attributed[b->n] = 0;
    b->id[b->n++] = 0;
    int refund = pc_row_i64(r, 11) == 1, sign = refund ? -1 : 1;
    snprintf(l->source_key, sizeof l->source_key, "%s:%s", refund ? "r" : "o", pc_row_str(r, 1));
    copy(l->transaction_no, sizeof l->transaction_no, r, 1);
    l->customer = pc_row_i64(r, 2);
    l->product = pc_row_i64(r, 3);
    const char *mode = pc_row_str(r, 4);
    l->billing_mode = strcmp(mode, "reserved_instance") == 0 ? "reserved_instance"
                      : strcmp(mode, "savings_plan") == 0    ? "savings_plan"
                                                             : "yearly_monthly";
    copy(l->region, sizeof l->region, r, 5);
    copy(l->spent_from, sizeof l->spent_from, r, 6);
    copy(l->spent_to, sizeof l->spent_to, r, 6);
    copy(l->transaction_at, sizeof l->transaction_at, r, 6);
    copy(l->resource_key, sizeof l->resource_key, r, 12);
    copy(l->resource_name, sizeof l->resource_name, r, 13);
    l->bill_type = refund ? "refund" : "expenditure";
    l->list_amount = sign * magnitude(pc_row_i64(r, 7));
    l->amount_due = sign * magnitude(pc_row_i64(r, 8));
    l->discount = l->list_amount - l->amount_due;
    l->cash_payment = sign * magnitude(pc_row_i64(r, 9));
    l->coupons_used = sign * magnitude(pc_row_i64(r, 10));
    l->payment_status = "paid";
    l->count_spend = 1;
    /* §9.4.5.1.1: coupons come back only for an order or renewal not yet in effect or an order
       exception (orders.refund_cause), from what the refunded order's bill line took */
    l->original_line = pc_row_i64(r, 14);
    l->refund_coupons = refund && pc_row_i64(r, 15) == 1;
    return 0;
}

/* Mark the batch's usage records rated, one statement. */
static int mark_batch(const batch *b)
{
    pc_bind ids[BATCH];
    int n = 0;
    for (int i = 0; i < b->n; i++)
        if (b->id[i])
            ids[n++] = PC_I64(b->id[i]);
    return n && bulk_exec(&mark_rated, ids, n) < 0 ? -1 : 0;
}

static int attribute(batch *b)
{
    for (int i = 0; i < b->n; i++) {
        exp_line *l = &b->line[i];
        pc_clock_local_date_of(l->transaction_at, l->day);
        l->billing_cycle = pc_clock_cycle_of_date(l->day);
        if (!b->attributed[i] && exp_line_attribute(l, l->transaction_at))
            return -1;
    }
    return 0;
}

/* The batch in multi-row statements; 1 (rolled back) when a line was there already. */
static int write_tx(void *arg)
{
    batch *b = arg;
    if (attribute(b))
        return -1;
    int rc = exp_lines_write_new(b->line, b->n, b->now);
    return rc ? rc : mark_batch(b);
}

/* The same line by line, adding only the spend of lines that were new. */
static int write_each_tx(void *arg)
{
    batch *b = arg;
    if (attribute(b))
        return -1;
    for (int i = 0; i < b->n; i++)
        if (exp_line_write(&b->line[i], b->now) < 0)
            return -1;
    return mark_batch(b);
}

/* Read and write batches of statement st until one comes back short; the orders statement
   reads orders (refunds 0) or unsubscriptions (1), these after the orders they refund. */
static int rate_all(int st, pc_row_fn fn, batch *b, job_result *res, int refunds)
{
    int64_t after = 0;
    for (;;) {
        b->n = 0;
        const char *tz = pc_clock_zone();
        int seen =
            st == ST_USAGE
                ? pc_db_query(&rating_sql, st, PC_BINDS(PC_STR(tz), PC_STR(tz), PC_I64(after)), fn,
                              b)
                : pc_db_query(&rating_sql, st, PC_BINDS(PC_I64(refunds), PC_I64(after)), fn, b);
        if (seen < 0)
            return -1;
        int rc = b->n ? pc_db_tx(write_tx, b) : 0;
        if (rc == 1)
            rc = pc_db_tx(write_each_tx, b);
        if (rc)
            return -1;
        res->items += b->n;
        after = b->last;
        if (seen < BATCH)
            return 0;
    }
}

int job_rating(const char *now, job_result *res)
{
    if (pc_db_int(&rating_sql, ST_LOCK, PC_NOBINDS, 0) != 1)
        return 0; /* another worker is rating */
    batch *b = calloc(1, sizeof *b);
    if (!b)
        abort();
    b->now = now;
    int rc = rate_all(ST_USAGE, usage_row, b, res, 0) ||
                     rate_all(ST_ORDERS, order_row, b, res, 0) ||
                     rate_all(ST_ORDERS, order_row, b, res, 1)
                 ? -1
                 : 0;
    res->failures += b->failed;
    if (b->failed)
        snprintf(res->error, sizeof res->error, "%s", b->error);
    free(b);
    pc_db_int(&rating_sql, ST_UNLOCK, PC_NOBINDS, 0);
    return rc ? -1 : (res->failures ? -1 : 0);
}
