/*
 * The daily bill estimate (spec 9.4.1.4, 3e bill_estimate_daily): for each
 * billed partner with reseller records this month (GMT+08:00; a distributor
 * for its resellers' customers) or late records waiting, once a local day,
 * the settlement of the month so far by bill type, without coupons or tax,
 * settled as the bill run will (worker/bills/bill_load.c).  An upsert per partner:
 * a re-run the same day finds the estimate made and leaves it.
 */
#include <stdlib.h>

#include "bills/bill_load.h"
#include "base/clock.h"
#include "base/db.h"
#include "usage/expenditure.h"
#include "jobs/jobs.h"

enum stmt { ST_ESTIMATE_PARTNERS, ST_ESTIMATE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_ESTIMATE_PARTNERS] = "SELECT p.id FROM partners p WHERE " BILL_PARTNER_HAS_LINES(
        "p") " AND "
             "NOT EXISTS (SELECT 1 FROM bill_estimates e WHERE e.partner_id = p.id AND "
             "e.billing_cycle = ? AND e.computed_at >= ?) ORDER BY p.id",
    [ST_ESTIMATE] =
        "INSERT INTO bill_estimates (partner_id, billing_cycle, line_count, expenditures, refunds, "
        "adjustments, amount, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
        "line_count = VALUES(line_count), expenditures = VALUES(expenditures), refunds = "
        "VALUES(refunds), adjustments = VALUES(adjustments), amount = VALUES(amount), "
        "computed_at = VALUES(computed_at)",
};
PC_SQL_TABLE(estimates_sql, sql);

typedef struct partners {
    int64_t *id;
    size_t n;
} partners;

static int partner_row(void *arg, const pc_row *r)
{
    partners *p = arg;
    int64_t *grown = realloc(p->id, (p->n + 1) * sizeof *grown);
    if (!grown)
        abort();
    p->id = grown;
    p->id[p->n++] = pc_row_i64(r, 0);
    return 0;
}

/* One partner's estimate: settlement of the month so far, no coupons or tax (9.4.1.4). */
static int estimate_one(int64_t partner, int cycle, const char *now)
{
    bill_input in = {.partner_id = partner, .cycle = cycle};
    bc_totals t;
    int rc = -1;
    if (bill_load_lines(&in) == 0 && bill_load_rules(&in) == 0 && bill_compute(&in, 0) == 0) {
        bc_totals_of(in.lines, in.nlines, &t);
        rc = pc_db_exec(&estimates_sql, ST_ESTIMATE,
                        PC_BINDS(PC_I64(partner), PC_I64(cycle), PC_I64(t.lines),
                                 PC_I64(t.expenditures), PC_I64(t.refunds), PC_I64(t.adjustments),
                                 PC_I64(t.total_exact), PC_STR(now)),
                        NULL) < 0
                 ? -1
                 : 0;
    }
    bill_input_free(&in);
    return rc;
}

int job_bill_estimates(const char *now, job_result *res)
{
    char today[11], start[20];
    partners p = {0};
    pc_clock_local_date_of(now, today);
    int cycle = pc_clock_cycle_of_date(today);
    pc_clock_day_start(today, 0, start); /* each partner's estimate once a local day */
    if (pc_db_query(&estimates_sql, ST_ESTIMATE_PARTNERS,
                    PC_BINDS(PC_I64(cycle), PC_I64(cycle), PC_I64(cycle), PC_STR(start)),
                    partner_row, &p) < 0)
        return -1;
    for (size_t i = 0; i < p.n; i++) {
        if (estimate_one(p.id[i], cycle, now))
            res->failures++;
        else
            res->items++;
    }
    free(p.id);
    return res->failures ? -1 : 0;
}
