/* Claiming and recording job runs: safe with several workers on several hosts. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "jobs.h"

const job_def pc_jobs[] = {
    {"mail", job_mail},
    {"purge", job_purge},
    {"assignments", job_assignments},
    {"traces", job_traces},
    {"development", job_development},
    {"budgets", job_budgets},
    {"release", job_release},
    {"usage_spool", job_usage_spool},
    {"rating", job_rating},
    {"bandwidth", job_bandwidth},
    {"spend_daily", job_spend_daily},
    {"exports", job_exports},
    {"bills", job_bills},
    {"bill_estimates", job_bill_estimates},
    {"coupon_expiry", job_coupon_expiry},
    {"coupon_notices", job_coupon_notices},
    {"ledger", job_ledger},
    {"discount_status", job_discounts},
    {"due_settle", job_due_settle},
    {"card_autocharge", job_card_autocharge},
    {"card_quota", job_card_quota},
    {"card_expiry", job_card_expiry},
    {"claim_reminder", job_claim_reminder},
    {"invoice_mail", job_invoice_mail},
    {NULL, NULL},
};

enum stmt { ST_DUE, ST_ADVANCE, ST_RUN_START, ST_RUN_END, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* SKIP LOCKED: a second worker passes over a job the first is claiming */
    [ST_DUE] = "SELECT name FROM jobs WHERE enabled = 1 AND next_run_at <= ? ORDER BY name "
               "FOR UPDATE SKIP LOCKED",
    [ST_ADVANCE] =
        "UPDATE jobs SET next_run_at = ? + INTERVAL interval_seconds SECOND WHERE name = ?",
    [ST_RUN_START] = "INSERT INTO job_runs (job, started_at, host) VALUES (?, ?, ?)",
    [ST_RUN_END] =
        "UPDATE job_runs SET ended_at = UTC_TIMESTAMP(), items = ?, failures = ?, status = ?, "
        "error = LEFT(?, 1000) WHERE id = ?",
};
PC_SQL_TABLE(runner_sql, sql);

const job_def *pc_job_find(const char *name)
{
    for (const job_def *j = pc_jobs; j->name; j++)
        if (strcmp(j->name, name) == 0)
            return j;
    return NULL;
}

struct claim {
    const char *now;
    char names[64][33]; /* more than the jobs table holds (17 with the coupon jobs) */
    int n;
};

static int due_row(void *arg, const pc_row *r)
{
    struct claim *c = arg;
    if (c->n < 64)
        snprintf(c->names[c->n++], 33, "%s", pc_row_str(r, 0));
    return 0;
}

/* One short transaction: lock the due rows and move their next run forward. */
static int claim_due(void *arg)
{
    struct claim *c = arg;
    c->n = 0;
    if (pc_db_query(&runner_sql, ST_DUE, PC_BINDS(PC_STR(c->now)), due_row, c) < 0)
        return -1;
    for (int i = 0; i < c->n; i++)
        if (pc_db_exec(&runner_sql, ST_ADVANCE, PC_BINDS(PC_STR(c->now), PC_STR(c->names[i])),
                       NULL) < 0)
            return -1;
    return 0;
}

int pc_jobs_run(const char *name, const char *now)
{
    const job_def *j = pc_job_find(name);
    char host[64] = "";
    int64_t run_id = 0;
    if (!j) {
        fprintf(stderr, "pc-worker: no job '%s'\n", name);
        return -1;
    }
    gethostname(host, sizeof host - 1);
    if (pc_db_exec(&runner_sql, ST_RUN_START, PC_BINDS(PC_STR(name), PC_STR(now), PC_STR(host)),
                   &run_id) < 0)
        return -1;
    job_result res = {0};
    int rc = j->run(now, &res);
    if (rc && !res.error[0])
        snprintf(res.error, sizeof res.error, "%s", pc_db_error());
    pc_db_exec(&runner_sql, ST_RUN_END,
               PC_BINDS(PC_I64(res.items), PC_I64(res.failures), PC_STR(rc ? "error" : "ok"),
                        PC_STR(res.error), PC_I64(run_id)),
               NULL);
    printf("%s job %s: %s, %d done, %d failed%s%s\n", now, name, rc ? "error" : "ok", res.items,
           res.failures, res.error[0] ? ": " : "", res.error);
    return rc ? -1 : 0;
}

int pc_jobs_tick(const char *now)
{
    struct claim c = {.now = now};
    int failed = 0;
    if (pc_db_tx(claim_due, &c))
        return 1;
    for (int i = 0; i < c.n; i++)
        failed += pc_jobs_run(c.names[i], now) != 0;
    return failed;
}
