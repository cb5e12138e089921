/*
 * The daily expenditure summary (spec 9.3.4.1; 3e expenditure_summary_daily):
 * day D−1 in Billing.timezone of the expenditure lines that belong to a
 * partner, per partner, customer, product, billing mode, association type
 * and bill type, into expenditure_daily.  The day is deleted and inserted
 * again in one transaction, so a re-run (hourly, catching lines rated late)
 * gives the same rows.  Amount is the amount due (cash + coupons + monthly
 * settlement).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"

enum stmt { ST_DELETE, ST_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DELETE] = "DELETE FROM expenditure_daily WHERE day = ?",
    [ST_INSERT] =
        "INSERT INTO expenditure_daily (partner_id, day, customer_id, product_id, billing_mode, "
        "association_type, bill_type, account_manager_id, amount, cash_payment, coupons_used, "
        "monthly_settlement, discount) SELECT l.partner_id, ?, l.customer_id, l.product_id, "
        "l.billing_mode, l.association_type, l.bill_type, MAX(l.account_manager_id), "
        "SUM(l.amount_due), "
        "SUM(l.cash_payment), SUM(l.coupons_used), SUM(l.monthly_settlement), SUM(l.discount) "
        "FROM expenditure_lines l WHERE l.partner_id IS NOT NULL AND l.association_type IS NOT "
        "NULL "
        "AND l.transaction_at >= ? AND l.transaction_at < ? GROUP BY l.partner_id, l.customer_id, "
        "l.product_id, l.billing_mode, l.association_type, l.bill_type",
};
PC_SQL_TABLE(spend_daily_sql, sql);

typedef struct day_ctx {
    char day[11], from[20], to[20];
    int64_t rows;
} day_ctx;

static int day_tx(void *arg)
{
    day_ctx *d = arg;
    if (pc_db_exec(&spend_daily_sql, ST_DELETE, PC_BINDS(PC_STR(d->day)), NULL) < 0)
        return -1;
    d->rows = pc_db_exec(&spend_daily_sql, ST_INSERT,
                         PC_BINDS(PC_STR(d->day), PC_STR(d->from), PC_STR(d->to)), NULL);
    return d->rows < 0 ? -1 : 0;
}

int job_spend_daily(const char *now, job_result *res)
{
    day_ctx d = {0};
    char today[11];
    if (pc_clock_local_date_of(now, today))
        return -1;
    pc_clock_date_add(today, -1, d.day);
    pc_clock_day_start(d.day, 0, d.from);
    pc_clock_day_start(today, 0, d.to);
    if (pc_db_tx(day_tx, &d))
        return -1;
    res->items = (int)d.rows;
    return 0;
}
