/*
 * Claiming and recording job runs: safe with several workers on several hosts.
 *
 * A run holds the named lock "pc_job_run:<run id>" on its database connection
 * from the moment its row exists (row and lock are made in one transaction,
 * so no other worker ever sees the row without the lock) until it ends.  A
 * worker killed mid-run cannot record its end, but the server releases its
 * lock when the connection goes, so every tick first looks at each job's
 * latest run: 'running' with its lock free means its worker is gone.  That
 * run is marked failed ("abandoned") and the job made due at once, instead of
 * waiting a whole interval after the claim of the dead run (issue 14).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/db.h"
#include "jobs/jobs.h"

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

enum stmt {
    ST_DUE,
    ST_ADVANCE,
    ST_RUN_START,
    ST_RUN_LOCK,
    ST_RUN_END,
    ST_RUN_UNLOCK,
    ST_DEAD,
    ST_ABANDON,
    ST_DUE_NOW,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    /* SKIP LOCKED: a second worker passes over a job the first is claiming */
    [ST_DUE] = "SELECT name FROM jobs WHERE enabled = 1 AND next_run_at <= ? ORDER BY name "
               "FOR UPDATE SKIP LOCKED",
    [ST_ADVANCE] =
        "UPDATE jobs SET next_run_at = ? + INTERVAL interval_seconds SECOND WHERE name = ?",
    [ST_RUN_START] = "INSERT INTO job_runs (job, started_at, host) VALUES (?, ?, ?)",
    [ST_RUN_LOCK] = "SELECT GET_LOCK(CONCAT('pc_job_run:', ?), 0)",
    [ST_RUN_END] =
        "UPDATE job_runs SET ended_at = UTC_TIMESTAMP(), items = ?, failures = ?, status = ?, "
        "error = LEFT(?, 1000) WHERE id = ?",
    [ST_RUN_UNLOCK] = "SELECT RELEASE_LOCK(CONCAT('pc_job_run:', ?))",
    /* each job's latest run (index k_run_job: one row per job, however long the history),
       when it is running and nobody holds its lock */
    [ST_DEAD] = "SELECT r.id, r.job, r.host, r.started_at FROM jobs j JOIN job_runs r ON r.id = "
                "(SELECT r2.id FROM job_runs r2 WHERE r2.job = j.name "
                "ORDER BY r2.started_at DESC, r2.id DESC LIMIT 1) "
                "WHERE r.status = 'running' AND IS_USED_LOCK(CONCAT('pc_job_run:', r.id)) IS NULL "
                "ORDER BY j.name",
    /* status 'running' again: a run that ended meanwhile keeps its own end */
    [ST_ABANDON] = "UPDATE job_runs SET ended_at = UTC_TIMESTAMP(), status = 'error', "
                   "error = LEFT(?, 1000) WHERE id = ? AND status = 'running'",
    [ST_DUE_NOW] = "UPDATE jobs SET next_run_at = LEAST(next_run_at, ?) WHERE name = ?",
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
    char names[64][33]; /* more than the jobs table holds (24 jobs) */
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

struct run_start {
    const char *name, *now;
    char host[64];
    int64_t id;
};

/* The run's row and its lock, together (see the top of the file). */
static int start_tx(void *arg)
{
    struct run_start *r = arg;
    if (r->id) /* a retried transaction: the lock of the row rolled back */
        pc_db_int(&runner_sql, ST_RUN_UNLOCK, PC_BINDS(PC_I64(r->id)), 0);
    r->id = 0;
    if (pc_db_exec(&runner_sql, ST_RUN_START,
                   PC_BINDS(PC_STR(r->name), PC_STR(r->now), PC_STR(r->host)), &r->id) < 0)
        return -1;
    return pc_db_int(&runner_sql, ST_RUN_LOCK, PC_BINDS(PC_I64(r->id)), 0) == 1 ? 0 : -1;
}

int pc_jobs_run(const char *name, const char *now)
{
    const job_def *j = pc_job_find(name);
    struct run_start start = {.name = name, .now = now};
    if (!j) {
        fprintf(stderr, "pc-worker: no job '%s'\n", name);
        return -1;
    }
    gethostname(start.host, sizeof start.host - 1);
    if (pc_db_tx(start_tx, &start))
        return -1;
    int64_t run_id = start.id;
    job_result res = {0};
    int rc = j->run(now, &res);
    if (rc && !res.error[0])
        snprintf(res.error, sizeof res.error, "%s", pc_db_error());
    pc_db_exec(&runner_sql, ST_RUN_END,
               PC_BINDS(PC_I64(res.items), PC_I64(res.failures), PC_STR(rc ? "error" : "ok"),
                        PC_STR(res.error), PC_I64(run_id)),
               NULL);
    pc_db_int(&runner_sql, ST_RUN_UNLOCK, PC_BINDS(PC_I64(run_id)), 0);
    printf("%s job %s: %s, %d done, %d failed%s%s\n", now, name, rc ? "error" : "ok", res.items,
           res.failures, res.error[0] ? ": " : "", res.error);
    return rc ? -1 : 0;
}

struct dead {
    int64_t id[64];
    char job[64][33], detail[64][200];
    int n;
};

static int dead_row(void *arg, const pc_row *r)
{
    struct dead *d = arg;
    if (d->n == 64)
        return 0;
    d->id[d->n] = pc_row_i64(r, 0);
    snprintf(d->job[d->n], sizeof d->job[0], "%s", pc_row_str(r, 1));
    snprintf(d->detail[d->n], sizeof d->detail[0],
             "abandoned: its worker (host %.64s) ended without finishing the run started at %s",
             pc_row_str(r, 2), pc_row_str(r, 3));
    d->n++;
    return 0;
}

/* Mark the runs whose worker is gone failed and make their jobs due now.  One statement each,
 * outside a transaction: the UPDATE's own check of the status decides between two workers. */
static int reclaim_dead(const char *now)
{
    struct dead d = {.n = 0};
    if (pc_db_query(&runner_sql, ST_DEAD, PC_NOBINDS, dead_row, &d) < 0)
        return -1;
    for (int i = 0; i < d.n; i++) {
        int64_t n = pc_db_exec(&runner_sql, ST_ABANDON,
                               PC_BINDS(PC_STR(d.detail[i]), PC_I64(d.id[i])), NULL);
        if (n < 0 || (n == 1 && pc_db_exec(&runner_sql, ST_DUE_NOW,
                                           PC_BINDS(PC_STR(now), PC_STR(d.job[i])), NULL) < 0))
            return -1;
        if (n == 1)
            printf("%s job %s: run %lld %s; run again now\n", now, d.job[i], (long long)d.id[i],
                   d.detail[i]);
    }
    return 0;
}

int pc_jobs_tick(const char *now)
{
    struct claim c = {.now = now};
    int failed = 0;
    if (reclaim_dead(now) || pc_db_tx(claim_due, &c))
        return 1;
    for (int i = 0; i < c.n; i++)
        failed += pc_jobs_run(c.names[i], now) != 0;
    return failed;
}
