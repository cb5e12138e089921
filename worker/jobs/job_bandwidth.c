/*
 * The 95th-percentile bandwidth job (spec 9.3.4.3, 3d.3–3d.5; 3e
 * bandwidth_95th).  From the 1st of a month on it bills the month before,
 * per resource with samples: the N samples sorted descending, k = floor(5 %
 * × N) discarded, billable = the (k+1)-th; Usage Days/Total = (N / 288) /
 * days in the month; charge = list price of the product's 'bandwidth_p95'
 * item × billable × that ratio, half-up to 8 decimals.  One transaction per
 * resource writes bandwidth_monthly (primary key resource and month: a
 * re-run finds it and does nothing), one monthly-settled pay-per-use line
 * "p95:<resource>:<yyyymm>" at the last second of the month, and the spend
 * of the month's last day (monthly_settled, left out of monthly budgets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "usage/expenditure.h"
#include "jobs/jobs.h"
#include "billing/rating.h"

enum stmt { ST_RESOURCES, ST_SAMPLES, ST_PRICE, ST_MONTHLY, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_RESOURCES] =
        "SELECT DISTINCT s.resource_key FROM bandwidth_samples s WHERE s.sampled_at >= ? AND "
        "s.sampled_at < ? AND NOT EXISTS (SELECT 1 FROM bandwidth_monthly m WHERE "
        "m.resource_key = s.resource_key AND m.billing_cycle = ?) ORDER BY s.resource_key",
    [ST_SAMPLES] = "SELECT mbps, customer_id, product_id, region FROM bandwidth_samples WHERE "
                   "resource_key = ? "
                   "AND sampled_at >= ? AND sampled_at < ? ORDER BY sampled_at",
    [ST_PRICE] =
        "SELECT list_price, pricing_unit FROM price_items WHERE product_id = ? AND billing_item = "
        "'bandwidth_p95' AND region IN (?, '') ORDER BY region = '' LIMIT 1",
    [ST_MONTHLY] = "INSERT INTO bandwidth_monthly (resource_key, billing_cycle, samples, "
                   "discarded, billable_mbps, "
                   "usage_days_bp, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                   "ON DUPLICATE KEY UPDATE resource_key = resource_key",
};
PC_SQL_TABLE(bandwidth_sql, sql);

typedef struct month {
    const char *now;
    int cycle, days;
    char from[20], to[20], last_second[20], last_day[32];
} month;

typedef struct samples {
    int64_t *v; /* 10^-6 Mbps */
    size_t n, cap;
    int64_t customer, product;
    char region[33];
    int bad;
} samples;

static int sample_row(void *arg, const pc_row *r)
{
    samples *s = arg;
    pc_qty q;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 9000;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            abort();
    }
    if (pc_qty_parse(pc_row_str(r, 0), 10, &q)) {
        s->bad = 1;
        return 1;
    }
    s->v[s->n++] = (int64_t)(q / 10000); /* 10^-10 → 10^-6 */
    /* the latest sample names the customer, product and region */
    s->customer = pc_row_i64(r, 1);
    s->product = pc_row_i64(r, 2);
    snprintf(s->region, sizeof s->region, "%s", pc_row_str(r, 3));
    return 0;
}

typedef struct price {
    int64_t list_price;
    char unit[17];
    int found;
} price;

static int price_row(void *arg, const pc_row *r)
{
    price *p = arg;
    p->list_price = pc_row_i64(r, 0);
    snprintf(p->unit, sizeof p->unit, "%s", pc_row_str(r, 1));
    p->found = 1;
    return 1;
}

typedef struct one {
    const month *m;
    const char *resource;
    samples s;
    char error[200];
} one;

static int resource_tx(void *arg)
{
    one *o = arg;
    const month *m = o->m;
    price p = {0};
    size_t k;
    int64_t amount;
    char mbps[48];
    o->s.n = 0;
    o->s.bad = 0;
    if (pc_db_query(&bandwidth_sql, ST_SAMPLES,
                    PC_BINDS(PC_STR(o->resource), PC_STR(m->from), PC_STR(m->to)), sample_row,
                    &o->s) < 0)
        return -1;
    if (o->s.bad || o->s.n == 0)
        return snprintf(o->error, sizeof o->error, "%s: unreadable samples", o->resource), 1;
    size_t n = o->s.n;
    int64_t billable = pc_p95_billable(o->s.v, n, &k);
    int bp = pc_p95_usage_days_bp((int64_t)n, m->days);
    if (pc_db_query(&bandwidth_sql, ST_PRICE, PC_BINDS(PC_I64(o->s.product), PC_STR(o->s.region)),
                    price_row, &p) < 0)
        return -1;
    if (!p.found || pc_p95_amount(p.list_price, billable, (int64_t)n, m->days, &amount))
        return snprintf(o->error, sizeof o->error,
                        "%s: no bandwidth_p95 price or amount out of range", o->resource),
               1;
    pc_qty_format((pc_qty)billable * 10000, mbps, sizeof mbps);
    int64_t fresh = pc_db_exec(&bandwidth_sql, ST_MONTHLY,
                               PC_BINDS(PC_STR(o->resource), PC_I64(m->cycle), PC_I64(n), PC_I64(k),
                                        PC_STR(mbps), PC_I64(bp), PC_STR(m->now)),
                               NULL);
    if (fresh <= 0)
        return (int)fresh; /* done by an earlier run */
    exp_line l = {0};
    snprintf(l.source_key, sizeof l.source_key, "p95:%s:%d", o->resource, m->cycle);
    snprintf(l.transaction_no, sizeof l.transaction_no, "%s", l.source_key);
    l.customer = o->s.customer;
    l.product = o->s.product;
    l.billing_cycle = m->cycle; /* month M, billed in M+1 */
    l.billing_mode = "pay_per_use";
    l.bill_type = "expenditure";
    l.monthly_settled = 1;
    snprintf(l.spent_from, sizeof l.spent_from, "%s", m->from);
    snprintf(l.spent_to, sizeof l.spent_to, "%s", m->last_second);
    snprintf(l.transaction_at, sizeof l.transaction_at, "%s", m->last_second);
    snprintf(l.region, sizeof l.region, "%s", o->s.region);
    snprintf(l.resource_key, sizeof l.resource_key, "%s", o->resource);
    snprintf(l.billing_item, sizeof l.billing_item, "bandwidth_p95");
    snprintf(l.usage_qty, sizeof l.usage_qty, "%s", mbps);
    snprintf(l.pricing_qty, sizeof l.pricing_qty, "%s", mbps);
    snprintf(l.pricing_unit, sizeof l.pricing_unit, "%s", p.unit);
    l.list_amount = l.amount_due = l.monthly_settlement = amount;
    snprintf(l.day, sizeof l.day, "%.10s", m->last_day);
    l.count_spend = 1;
    if (exp_line_attribute(&l, l.transaction_at))
        return -1;
    return exp_line_write(&l, m->now) < 0 ? -1 : 0;
}

typedef struct names {
    char (*v)[65];
    size_t n, cap;
} names;

static int name_row(void *arg, const pc_row *r)
{
    names *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    snprintf(l->v[l->n++], 65, "%s", pc_row_str(r, 0));
    return 0;
}

/* The month before the local month of now, as UTC bounds. */
static int last_month(const char *now, month *m)
{
    time_t t;
    if (pc_clock_parse(now, &t))
        return -1;
    m->cycle = pc_clock_cycle_add(pc_clock_cycle_of(t), -1);
    m->days = pc_clock_cycle_days(m->cycle);
    pc_clock_cycle_start(m->cycle, m->from);
    pc_clock_cycle_start(pc_clock_cycle_add(m->cycle, 1), m->to);
    pc_clock_cycle_end(m->cycle, m->last_second);
    pc_clock_cycle_last_day(m->cycle, m->last_day);
    return 0;
}

int job_bandwidth(const char *now, job_result *res)
{
    month m = {.now = now};
    names l = {0};
    if (last_month(now, &m) ||
        pc_db_query(&bandwidth_sql, ST_RESOURCES,
                    PC_BINDS(PC_STR(m.from), PC_STR(m.to), PC_I64(m.cycle)), name_row, &l) < 0)
        return -1;
    one o = {.m = &m};
    for (size_t i = 0; i < l.n; i++) {
        o.resource = l.v[i];
        o.error[0] = '\0';
        if (pc_db_tx(resource_tx, &o)) {
            res->failures++;
            snprintf(res->error, sizeof res->error, "%s", o.error[0] ? o.error : pc_db_error());
        } else {
            res->items++;
        }
    }
    free(o.s.v);
    free(l.v);
    return res->failures ? -1 : 0;
}
