/*
 * Close account manager assignments whose unassignment took effect: an
 * assignment pending its end through month M ends once the local date is in
 * M+1 (9.3.2.1).  Safe to re-run: only rows still pending are touched.
 */
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"

enum stmt { ST_DUE, ST_END, ST_CLEAR, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DUE] = "SELECT id, customer_id, account_manager_id FROM am_assignments "
               "WHERE status = 'pending_end' AND effective_to < ? ORDER BY id LIMIT 500 FOR UPDATE "
               "SKIP LOCKED",
    [ST_END] = "UPDATE am_assignments SET status = 'ended' WHERE id = ? AND status = 'pending_end'",
    /* the customer keeps no manager unless a newer assignment gave it one */
    [ST_CLEAR] =
        "UPDATE customers SET account_manager_id = NULL WHERE id = ? AND account_manager_id = ?",
};
PC_SQL_TABLE(assign_job_sql, sql);

typedef struct end_batch {
    const char *today;
    int done, failed;
} end_batch;

static int end_row(void *arg, const pc_row *r)
{
    end_batch *b = arg;
    if (pc_db_exec(&assign_job_sql, ST_END, PC_BINDS(PC_I64(pc_row_i64(r, 0))), NULL) < 0 ||
        pc_db_exec(&assign_job_sql, ST_CLEAR,
                   PC_BINDS(PC_I64(pc_row_i64(r, 1)), PC_I64(pc_row_i64(r, 2))), NULL) < 0) {
        b->failed = 1;
        return 1;
    }
    b->done++;
    return 0;
}

static int end_due(void *arg)
{
    end_batch *b = arg;
    b->done = b->failed = 0;
    return pc_db_query(&assign_job_sql, ST_DUE, PC_BINDS(PC_STR(b->today)), end_row, b) < 0 ||
                   b->failed
               ? -1
               : 0;
}

int job_assignments(const char *now, job_result *res)
{
    char today[11];
    if (pc_clock_local_date_of(now, today))
        return -1;
    end_batch b = {today, 0, 0};
    do {
        if (pc_db_tx(end_due, &b))
            return -1;
        res->items += b.done;
    } while (b.done == 500);
    return 0;
}
