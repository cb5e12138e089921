#include "usage/expenditure.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <stdlib.h>

#include "rules/budget.h"
#include "base/clock.h"
#include "base/bulk.h"
#include "base/db.h"

#define LINE_COLUMNS                                                                               \
    "INSERT INTO expenditure_lines (source_key, customer_id, partner_id, association_type, "       \
    "account_manager_id, billing_cycle, product_id, billing_mode, bill_type, monthly_settled, "    \
    "spent_from, spent_to, transaction_at, transaction_no, region, resource_key, resource_name, "  \
    "billing_item, usage_qty, pricing_qty, pricing_unit, list_amount, discount, amount_due, "      \
    "cash_payment, coupons_used, monthly_settlement, payment_status, original_line_id, "           \
    "refund_coupons, created_at) VALUES "
#define LINE_VALUES "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
#define LINE_BINDS  31
/* a line stored already is left alone: affected rows 0 */
#define LINE_KEEP " ON DUPLICATE KEY UPDATE id = id"
#define CHUNK     100

enum stmt { ST_LINE, ST_SPEND, ST_ATTRIBUTE, ST_LOCK_CYCLE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LINE] = LINE_COLUMNS LINE_VALUES LINE_KEEP,
    [ST_SPEND] =
        "INSERT INTO customer_spend_daily (customer_id, day, monthly_settled, list_amount) "
        "VALUES (?, ?, ?, ?) "
        "ON DUPLICATE KEY UPDATE list_amount = list_amount + VALUES(list_amount)",
    /* binds: local day, local day, customer, at, at */
    [ST_ATTRIBUTE] = "SELECT a.partner_id, a.type, " EXP_AM_SQL(
        "a.customer_id",
        "?") " FROM associations a WHERE a.customer_id = ? AND a.associated_at <= ? "
             "AND (a.ended_at IS NULL OR a.ended_at > ?) "
             "ORDER BY a.associated_at DESC, a.id DESC LIMIT 1",
    /* the cycle's lock row, exclusively (a bill transaction of the cycle holds it shared) */
    [ST_LOCK_CYCLE] = "INSERT INTO bill_cycle_locks (billing_cycle) VALUES (?) "
                      "ON DUPLICATE KEY UPDATE billing_cycle = billing_cycle",
};
PC_SQL_TABLE(exp_sql, sql);
BULK_STMT(lines_insert, LINE_COLUMNS, LINE_VALUES, LINE_KEEP, CHUNK, LINE_BINDS);
/* the lines (by source key) that a bill of their cycle left out: INSERT … SELECT reads
   partner_bills with a locking read, so it sees a bill committed after this transaction began */
BULK_STMT(late_insert,
          "INSERT IGNORE INTO bill_late_lines (line_id, partner_id, billing_cycle, found_at) "
          "SELECT l.id, b.partner_id, l.billing_cycle, l.created_at FROM expenditure_lines l "
          "JOIN partners r ON r.id = l.partner_id JOIN partner_bills b ON b.partner_id = "
          "COALESCE(r.distributor_id, r.id) AND b.billing_cycle = l.billing_cycle "
          "WHERE l.association_type = 'reseller' AND NOT EXISTS (SELECT 1 FROM bill_lines x "
          "WHERE x.line_id = l.id) AND l.source_key IN (",
          "?", ")", CHUNK, 1);

static pc_bind opt_id(int64_t v)
{
    return v ? PC_I64(v) : PC_NULL;
}

static void line_binds(const exp_line *l, const char *now, pc_bind *b)
{
    pc_bind v[LINE_BINDS] = {PC_STR(l->source_key),
                             PC_I64(l->customer),
                             opt_id(l->partner),
                             l->partner ? PC_STR(l->association_type) : PC_NULL,
                             opt_id(l->account_manager),
                             PC_I64(l->billing_cycle),
                             PC_I64(l->product),
                             PC_STR(l->billing_mode),
                             PC_STR(l->bill_type),
                             PC_I64(l->monthly_settled),
                             PC_STR(l->spent_from),
                             PC_STR(l->spent_to),
                             PC_STR(l->transaction_at),
                             PC_STR(l->transaction_no),
                             PC_STR(l->region),
                             PC_STR(l->resource_key),
                             PC_STR(l->resource_name),
                             PC_STR(l->billing_item),
                             PC_STR(l->usage_qty[0] ? l->usage_qty : "0"),
                             PC_STR(l->pricing_qty[0] ? l->pricing_qty : "0"),
                             PC_STR(l->pricing_unit),
                             PC_I64(l->list_amount),
                             PC_I64(l->discount),
                             PC_I64(l->amount_due),
                             PC_I64(l->cash_payment),
                             PC_I64(l->coupons_used),
                             PC_I64(l->monthly_settlement),
                             PC_STR(l->payment_status ? l->payment_status : "unsettled"),
                             opt_id(l->original_line),
                             PC_I64(l->refund_coupons),
                             PC_STR(now)};
    memcpy(b, v, sizeof v);
}

static int add_spend(int64_t customer, const char *day, int settled, int64_t amount)
{
    return pc_db_exec(&exp_sql, ST_SPEND,
                      PC_BINDS(PC_I64(customer), PC_STR(day), PC_I64(settled), PC_I64(amount)),
                      NULL) < 0
               ? -1
               : 0;
}

/*
 * The figures the customer list keeps (month-to-date spend, budget usage) of
 * each customer whose spend lines l[0..n) changed, at `now` (lib/rules/budget.c's
 * one definition), in the transaction that wrote the spend: the list never
 * shows another figure than the customer's page.  0 or -1.
 */
static int refresh_figures(const exp_line *l, int n, const char *now)
{
    time_t t;
    pc_budget_months m;
    if (pc_clock_parse(now, &t))
        return -1;
    pc_budget_months_at(t, &m);
    for (int i = 0; i < n; i++) {
        int seen = !l[i].count_spend;
        for (int j = 0; j < i && !seen; j++)
            seen = l[j].count_spend && l[j].customer == l[i].customer;
        if (!seen && pc_budget_figures_refresh(l[i].customer, &m))
            return -1;
    }
    return 0;
}

int exp_line_write(const exp_line *l, const char *now)
{
    pc_bind b[LINE_BINDS];
    line_binds(l, now, b);
    int64_t n = pc_db_exec(&exp_sql, ST_LINE, b, LINE_BINDS, NULL);
    if (n <= 0)
        return (int)n;
    if (exp_lines_mark_late(l, 1, now))
        return -1;
    if (!l->count_spend)
        return 1;
    if (add_spend(l->customer, l->day, l->monthly_settled, l->list_amount))
        return -1;
    return refresh_figures(l, 1, now) ? -1 : 1;
}

/* A line of a closed cycle that a bill may have been made for already. */
static int may_be_late(const exp_line *l, int open_cycle)
{
    return l->partner && strcmp(l->association_type, "reseller") == 0 &&
           l->billing_cycle < open_cycle;
}

/* Lock each closed cycle of the lines (waits for the bill transactions of that cycle). */
static int lock_cycles(const exp_line *l, int n, int open_cycle)
{
    for (int i = 0; i < n; i++) {
        int seen = !may_be_late(&l[i], open_cycle);
        for (int j = 0; j < i && !seen; j++)
            seen = may_be_late(&l[j], open_cycle) && l[j].billing_cycle == l[i].billing_cycle;
        if (!seen &&
            pc_db_exec(&exp_sql, ST_LOCK_CYCLE, PC_BINDS(PC_I64(l[i].billing_cycle)), NULL) < 0)
            return -1;
    }
    return 0;
}

int exp_lines_mark_late(const exp_line *l, int n, const char *now)
{
    char today[11];
    pc_clock_local_date_of(now, today);
    int open_cycle = pc_clock_cycle_of_date(today);
    if (lock_cycles(l, n, open_cycle))
        return -1;
    pc_bind *keys = malloc((size_t)CHUNK * sizeof *keys);
    if (!keys)
        abort();
    int rc = 0, k = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (!may_be_late(&l[i], open_cycle))
            continue;
        keys[k++] = PC_STR(l[i].source_key);
        if (k == CHUNK) {
            rc = bulk_exec(&late_insert, keys, k) < 0 ? -1 : 0;
            k = 0;
        }
    }
    if (rc == 0 && k)
        rc = bulk_exec(&late_insert, keys, k) < 0 ? -1 : 0;
    free(keys);
    return rc;
}

/* The spend of lines l[0..n) summed per customer, day and settlement, one upsert each. */
static int add_spend_summed(const exp_line *l, int n)
{
    char *done = calloc((size_t)n, 1);
    int rc = 0;
    if (!done)
        abort();
    for (int i = 0; i < n && rc == 0; i++) {
        if (done[i] || !l[i].count_spend)
            continue;
        int64_t sum = 0;
        for (int j = i; j < n; j++)
            if (!done[j] && l[j].count_spend && l[j].customer == l[i].customer &&
                l[j].monthly_settled == l[i].monthly_settled && strcmp(l[j].day, l[i].day) == 0) {
                sum += l[j].list_amount;
                done[j] = 1;
            }
        rc = add_spend(l[i].customer, l[i].day, l[i].monthly_settled, sum);
    }
    free(done);
    return rc;
}

int exp_lines_write_new(const exp_line *l, int n, const char *now)
{
    pc_bind *b = malloc((size_t)CHUNK * LINE_BINDS * sizeof *b);
    int64_t inserted = 0;
    if (!b)
        abort();
    for (int at = 0; at < n && inserted >= 0; at += CHUNK) {
        int k = n - at < CHUNK ? n - at : CHUNK;
        for (int i = 0; i < k; i++)
            line_binds(&l[at + i], now, b + (size_t)i * LINE_BINDS);
        int64_t got = bulk_exec(&lines_insert, b, k);
        inserted = got < 0 ? -1 : inserted + got;
    }
    free(b);
    if (inserted != n)
        return inserted < 0 ? -1 : 1;
    return add_spend_summed(l, n) || refresh_figures(l, n, now) || exp_lines_mark_late(l, n, now)
               ? -1
               : 0;
}

static int attribute_row(void *arg, const pc_row *r)
{
    exp_line *l = arg;
    l->partner = pc_row_i64(r, 0);
    snprintf(l->association_type, sizeof l->association_type, "%s", pc_row_str(r, 1));
    l->account_manager = pc_row_i64(r, 2);
    return 1;
}

int exp_line_attribute(exp_line *l, const char *at)
{
    char day[11];
    l->partner = l->account_manager = 0;
    l->association_type[0] = '\0';
    pc_clock_local_date_of(at, day);
    return pc_db_query(
               &exp_sql, ST_ATTRIBUTE,
               PC_BINDS(PC_STR(day), PC_STR(day), PC_I64(l->customer), PC_STR(at), PC_STR(at)),
               attribute_row, l) < 0
               ? -1
               : 0;
}
