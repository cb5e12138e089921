/*
 * CTS retention (11.7.2): traces are kept 7 days.  Deletes in batches of
 * 5,000 rows, each its own statement, so a large purge never holds long
 * locks; a re-run finds nothing older left.
 */
#include "base/db.h"
#include "jobs/jobs.h"

#define BATCH 5000

enum stmt { ST_PURGE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PURGE] = "DELETE FROM cts_traces WHERE operated_at < ? - INTERVAL 7 DAY LIMIT 5000",
};
PC_SQL_TABLE(traces_job_sql, sql);

int job_traces(const char *now, job_result *res)
{
    int64_t n;
    do {
        n = pc_db_exec(&traces_job_sql, ST_PURGE, PC_BINDS(PC_STR(now)), NULL);
        if (n < 0)
            return -1;
        res->items += (int)n;
    } while (n == BATCH);
    return 0;
}
