/*
 * The "exports" job (ch09 §0 export tasks, `export_runner` of the spec):
 * every minute it deletes the files of tasks past their expiry, then claims
 * queued tasks one at a time (SELECT … FOR UPDATE SKIP LOCKED, so two
 * workers never take the same task) and runs each: the user's permission and
 * scope as they are now, the row limit checked on a COUNT(*) before anything
 * is written (a task over Exports.max_rows fails, it is never truncated),
 * then the rows streamed from MariaDB into the file with the sensitive
 * columns masked; the expected total is recorded once counted and the rows
 * written every twentieth of it (at most PROGRESS_EVERY rows apart).
 *
 * Safe to re-run: a task leaves `queued` only in the claiming transaction;
 * completed, failed and expired tasks are never touched again (but expired
 * ones by the expiry, once); a task left `processing` by a worker that died
 * fails after STALE_HOURS so that its user can start it again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "access/audit.h"
#include "base/conf.h"
#include "base/db.h"
#include "exports/export_file.h"
#include "exports/export_kinds.h"
#include "jobs/jobs.h"
#include "base/money.h"
#include "base/req.h"
#include "access/session.h"
#include "base/view.h"
#include "query/catalog_names.h"

#define MAX_TASKS      50    /* tasks per run; the next run takes the rest */
#define PROGRESS_EVERY 10000 /* most rows between two progress updates */
#define PROGRESS_STEPS 20    /* and at least this many updates over a task of any size */
#define STALE_HOURS    6     /* in ST_STALE */
#define MAX_COLS       64

enum stmt {
    ST_EXPIRING,
    ST_EXPIRE,
    ST_STALE,
    ST_CLAIM,
    ST_START,
    ST_PROGRESS,
    ST_EXPECT,
    ST_DONE,
    ST_FAIL,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_EXPIRING] = "SELECT id, partner_id, IFNULL(file_path, '') FROM export_tasks "
                    "WHERE status = 'completed' AND expires_at <= ? ORDER BY id LIMIT 1000",
    [ST_EXPIRE] = "UPDATE export_tasks SET status = 'expired', file_path = NULL "
                  "WHERE id = ? AND status = 'completed'",
    [ST_STALE] =
        "UPDATE export_tasks SET status = 'failed', error = ?, completed_at = ? "
        "WHERE status = 'processing' AND started_at < ? - INTERVAL 6 HOUR" /* STALE_HOURS */,
    /* the session's time zone is UTC (lib/base/db.c), as created_at is */
    [ST_CLAIM] =
        "SELECT id, partner_id, user_id, kind, filters, format, UNIX_TIMESTAMP(created_at) "
        "FROM export_tasks "
        "WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
    [ST_START] =
        "UPDATE export_tasks SET status = 'processing', started_at = ?, worker = LEFT(?, 64), "
        "progress_rows = 0, expected_rows = NULL, error = '' WHERE id = ? AND status = 'queued'",
    [ST_PROGRESS] = "UPDATE export_tasks SET progress_rows = ? WHERE id = ?",
    /* the total is known before the first row is written: Export History shows a percentage */
    [ST_EXPECT] = "UPDATE export_tasks SET expected_rows = ?, progress_rows = 0 WHERE id = ? AND "
                  "status = 'processing'",
    [ST_DONE] = "UPDATE export_tasks SET status = 'completed', row_count = ?, progress_rows = ?, "
                "file_path = ?, completed_at = ?, expires_at = ? + INTERVAL ? HOUR "
                "WHERE id = ? AND status = 'processing'",
    [ST_FAIL] = "UPDATE export_tasks SET status = 'failed', error = LEFT(?, 500), completed_at = ? "
                "WHERE id = ? AND status = 'processing'",
};
PC_SQL_TABLE(exports_job_sql, sql);
PC_SQL_COMPOSER(export_count_composer);

/* The last codes of a label column and their words: a column holds a handful of codes, and
   looking each up in the language tree cost a tenth of a row. */
#define LABEL_CACHE 8
typedef struct label_cache {
    char code[LABEL_CACHE][32];
    const char *word[LABEL_CACHE];
    int n;
} label_cache;

typedef struct task {
    int64_t id, partner_id, user_id;
    char kind[33], format[8];
    char *filters; /* malloc'd: the query string of the page, any length */
    const char *now, *lang;
    const export_kind *k;
    export_type types[MAX_COLS];
    export_file *file;
    int64_t rows, max, expected, step; /* step: rows between two progress updates */
    time_t created;                    /* the filters are read as of then */
    int over, write_error;
    char name[64], part[640], error[512];
    label_cache labels[MAX_COLS];
} task;

/* Language strings for headers and messages, loaded once per process. */
static int lang_ready(void)
{
    static int state; /* 0 not tried, 1 ready, -1 failed */
    if (state == 0)
        state = pc_view_init() == 0 ? 1 : -1;
    return state == 1;
}

static int audit(int64_t partner_id, const char *action, int64_t id, const char *result,
                 const char *detail)
{
    pc_audit_event e = {.actor_name = "worker",
                        .partner_id = partner_id,
                        .action = action,
                        .object_type = "export_task",
                        .object_id = id,
                        .result = result,
                        .detail = detail};
    return pc_audit(&e);
}

/* ---- expiry ---- */

typedef struct expiring {
    int64_t id, partner_id;
    char file[256];
} expiring;

static int expire_one(void *arg)
{
    expiring *x = arg;
    int64_t n = pc_db_exec(&exports_job_sql, ST_EXPIRE, PC_BINDS(PC_I64(x->id)), NULL);
    if (n < 0)
        return -1;
    if (n == 0)
        return 0; /* another worker did it */
    if (audit(x->partner_id, "export.expired", x->id, "ok", x->file))
        return -1;
    /* deleted before the commit: if the commit fails the next run deletes it (again) */
    if (*x->file) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", pc_conf_str("Paths.exports"), x->file);
        unlink(path);
    }
    return 0;
}

typedef struct expiry_run {
    job_result *res;
    int failed;
} expiry_run;

static int expiring_row(void *arg, const pc_row *r)
{
    expiry_run *e = arg;
    expiring x = {pc_row_i64(r, 0), pc_row_i64(r, 1), ""};
    snprintf(x.file, sizeof x.file, "%s", pc_row_str(r, 2));
    /* the listed rows are in the client's memory (pc_db_query stores them): updates may run */
    if (pc_db_tx(expire_one, &x))
        e->failed = 1;
    else
        e->res->items++;
    return 0;
}

static int expire_files(const char *now, job_result *res)
{
    expiry_run e = {res, 0};
    if (pc_db_query(&exports_job_sql, ST_EXPIRING, PC_BINDS(PC_STR(now)), expiring_row, &e) < 0)
        return -1;
    return e.failed ? -1 : 0;
}

/* ---- one task ---- */

static int claim_row(void *arg, const pc_row *r)
{
    task *t = arg;
    t->id = pc_row_i64(r, 0);
    t->partner_id = pc_row_i64(r, 1);
    t->user_id = pc_row_i64(r, 2);
    snprintf(t->kind, sizeof t->kind, "%s", pc_row_str(r, 3));
    free(t->filters);
    t->filters = strdup(pc_row_str(r, 4));
    if (!t->filters)
        abort();
    snprintf(t->format, sizeof t->format, "%s", pc_row_str(r, 5));
    t->created = (time_t)pc_row_i64(r, 6);
    return 1;
}

/* One short transaction: the oldest queued task nobody holds becomes ours. */
static int claim_tx(void *arg)
{
    task *t = arg;
    char host[64] = "";
    t->id = 0;
    if (pc_db_query(&exports_job_sql, ST_CLAIM, PC_NOBINDS, claim_row, t) < 0)
        return -1;
    if (!t->id)
        return 0;
    gethostname(host, sizeof host - 1);
    return pc_db_exec(&exports_job_sql, ST_START,
                      PC_BINDS(PC_STR(t->now), PC_STR(host), PC_I64(t->id)), NULL) == 1
               ? 0
               : -1;
}

static int fail_tx(void *arg)
{
    task *t = arg;
    if (pc_db_exec(&exports_job_sql, ST_FAIL,
                   PC_BINDS(PC_STR(t->error), PC_STR(t->now), PC_I64(t->id)), NULL) < 0)
        return -1;
    return audit(t->partner_id, "export.failed", t->id, "failed", t->error);
}

static int done_tx(void *arg)
{
    task *t = arg;
    if (pc_db_exec(&exports_job_sql, ST_DONE,
                   PC_BINDS(PC_I64(t->rows), PC_I64(t->rows), PC_STR(t->name), PC_STR(t->now),
                            PC_STR(t->now), PC_I64(pc_conf_int("Exports.keep_hours")),
                            PC_I64(t->id)),
                   NULL) != 1)
        return -1;
    return audit(t->partner_id, "export.completed", t->id, "ok", t->name);
}

/* Fail the task with the message `key` (a format of up to two numbers) in the user's language. */
static int fail(task *t, const char *key, long long a, long long b)
{
    snprintf(t->error, sizeof t->error, pc_view_t(t->lang, key), a, b);
    return pc_db_tx(fail_tx, t) ? -1 : 1;
}

/* The word of code v in column col, in the task's language. */
static const char *label(task *t, const export_column *col, const char *v, char *buf, size_t n)
{
    label_cache *c = &t->labels[col - t->k->cols];
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->code[i], v) == 0)
            return c->word[i];
    snprintf(buf, n, "%s%s", col->label_prefix, v);
    const char *word = pc_view_t(t->lang, buf);
    if (word != buf && c->n < LABEL_CACHE && strlen(v) < sizeof c->code[0]) {
        /* the word lives in the language tree for the life of the process */
        snprintf(c->code[c->n], sizeof c->code[0], "%s", v);
        c->word[c->n++] = word;
    }
    return word;
}

/* A value of the SELECT as the file shows it. */
static const char *cell(task *t, const export_column *col, const char *v, char *buf, size_t n)
{
    if (!v)
        return "";
    switch (col->type) {
    case EXPORT_MONEY:
        return pc_money_format(strtoll(v, NULL, 10), 8, 0, buf, n);
    case EXPORT_DATETIME:
        return pc_view_datetime(v, buf, n);
    case EXPORT_BP: {
        long long bp = strtoll(v, NULL, 10), abs = bp < 0 ? -bp : bp;
        snprintf(buf, n, "%s%lld.%02lld", bp < 0 ? "-" : "", abs / 100, abs % 100);
        return buf;
    }
    case EXPORT_LABEL:
        if (!*v) /* no code: an empty cell, not a language path */
            return v;
        return label(t, col, v, buf, n);
    default:
        break;
    }
    if (!*v)
        return v;
    /* a Chinese file names products, categories and regions as the Chinese pages do */
    if (*v >= 'A' && *v <= 'Z' && col->mask == EXPORT_PLAIN && strcmp(t->lang, "zh") == 0) {
        const char *zh = pc_catalog_zh(v);
        if (zh)
            return zh;
    }
    switch (col->mask) {
    case EXPORT_MASK_NAME:
        return pc_mask_name(v, buf, n);
    case EXPORT_MASK_PHONE:
        return pc_mask_phone(v, buf, n);
    case EXPORT_MASK_EMAIL:
        return pc_mask_email(v, buf, n);
    default:
        return v;
    }
}

static int task_row(void *arg, const pc_row *r)
{
    task *t = arg;
    char bufs[MAX_COLS][512];
    const char *cells[MAX_COLS];
    if (++t->rows > t->max) { /* rows added since the count: still no truncated file */
        t->over = 1;
        return 1;
    }
    for (size_t i = 0; i < t->k->ncols; i++)
        cells[i] = cell(t, &t->k->cols[i], i < r->n ? r->v[i] : NULL, bufs[i], sizeof bufs[i]);
    if (export_file_row(t->file, cells, t->types)) {
        t->write_error = 1;
        return 1;
    }
    if (t->rows % t->step == 0) /* the main connection is free: the rows come on the stream's */
        pc_db_exec(&exports_job_sql, ST_PROGRESS, PC_BINDS(PC_I64(t->rows), PC_I64(t->id)), NULL);
    return 0;
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 1;
}

/* Write the file of t (already checked and counted); 0, or 1 after failing the task, -1 on error.
 */
static int write_file(task *t, pc_sql_build *select)
{
    const char *labels[MAX_COLS];
    char path[600];
    for (size_t i = 0; i < t->k->ncols; i++) {
        labels[i] = pc_view_t(t->lang, t->k->cols[i].label_key);
        t->types[i] = t->k->cols[i].type;
    }
    snprintf(t->name, sizeof t->name, "export-%lld.%s", (long long)t->id, t->format);
    snprintf(path, sizeof path, "%s/%s", pc_conf_str("Paths.exports"), t->name);
    snprintf(t->part, sizeof t->part, "%s.part", path);
    t->file = export_file_open(t->format, t->part, labels, t->k->ncols, (long long)t->expected);
    if (!t->file)
        return fail(t, "exports.err.internal", 0, 0);
    int n = pc_db_stream(select, task_row, t);
    int closed = export_file_close(t->file);
    if (n < 0 || closed || t->write_error || t->over || rename(t->part, path)) {
        unlink(t->part);
        return t->over ? fail(t, "exports.err.too_many", (long long)t->rows, (long long)t->max)
                       : fail(t, "exports.err.internal", 0, 0);
    }
    return pc_db_tx(done_tx, t) ? -1 : 0;
}

/* The total counted, recorded before the first row: Export History shows a percentage. */
static int record_expected(const task *t, int64_t rows)
{
    return pc_db_exec(&exports_job_sql, ST_EXPECT, PC_BINDS(PC_I64(rows), PC_I64(t->id)), NULL) < 0
               ? -1
               : 0;
}

/* Run a claimed task as its user is now; 0 completed, 1 failed (recorded), -1 database error. */
static int run_task(task *t)
{
    pc_user u;
    pc_arena a = {0};
    pc_params filters = {0};
    pc_sql_build select = {0}, count = {0};
    int64_t rows = -1;
    int rc;
    t->lang = pc_view_lang(NULL);
    t->max = pc_conf_int("Exports.max_rows");
    int found = pc_user_load(t->user_id, &u);
    if (found != 1) /* deleted or locked since */
        return found < 0 ? -1 : fail(t, "exports.err.user", 0, 0);
    t->lang = pc_view_lang(u.lang);
    if (strcmp(t->lang, "zh") == 0) /* before the rows stream: no other query runs then */
        pc_catalog_names_load();
    t->k = export_kind_find(t->kind);
    if (!t->k || t->k->ncols > MAX_COLS)
        return fail(t, "exports.err.kind", 0, 0);
    /* as the page would answer now: a user who lost the permission gets nothing */
    if (u.partner_id != t->partner_id || !pc_authz_allows(&u, t->k->perm))
        return fail(t, "exports.err.permission", 0, 0);
    if (pc_req_parse_urlencoded(&a, t->filters, strlen(t->filters), &filters) ||
        t->k->compose(&a, &u, &filters, t->created, &select, &count))
        rc = fail(t, "exports.err.filters", 0, 0);
    else if (pc_db_query_built(&export_count_composer, &count, count_row, &rows) < 0)
        rc = -1;
    else if (rows > t->max) /* counted first: rejected, never truncated (9.3.4.2) */
        rc = fail(t, "exports.err.too_many", (long long)rows, (long long)t->max);
    else if (record_expected(t, rows))
        rc = -1;
    else {
        t->expected = rows;
        t->step = rows / PROGRESS_STEPS;
        if (t->step > PROGRESS_EVERY)
            t->step = PROGRESS_EVERY;
        if (t->step < 1)
            t->step = 1;
        rc = write_file(t, &select);
    }
    pc_arena_reset(&a);
    return rc;
}

/* Tasks left processing by a worker that died: failed, so that the user can export again. */
static int fail_stale(const char *now, job_result *res)
{
    int64_t n =
        pc_db_exec(&exports_job_sql, ST_STALE,
                   PC_BINDS(PC_STR(pc_view_t(pc_view_lang(NULL), "exports.err.interrupted")),
                            PC_STR(now), PC_STR(now)),
                   NULL);
    if (n > 0)
        res->items += (int)n;
    return n < 0 ? -1 : 0;
}

int job_exports(const char *now, job_result *res)
{
    if (!lang_ready()) {
        snprintf(res->error, sizeof res->error, "cannot load the language files");
        return -1;
    }
    /* one level, as a fresh install has it; a deeper missing path is the admin's to create */
    if (mkdir(pc_conf_str("Paths.exports"), 0750) && errno != EEXIST) {
        snprintf(res->error, sizeof res->error, "cannot create Paths.exports %s: %s",
                 pc_conf_str("Paths.exports"), strerror(errno));
        return -1;
    }
    if (expire_files(now, res) || fail_stale(now, res))
        return -1;
    for (int i = 0; i < MAX_TASKS; i++) {
        task *t = calloc(1, sizeof *t);
        if (!t)
            return -1;
        t->now = now;
        int rc = pc_db_tx(claim_tx, t);
        if (rc == 0 && t->id)
            rc = run_task(t);
        int64_t id = t->id;
        free(t->filters);
        free(t);
        if (rc < 0)
            return -1;
        if (!id)
            break;
        res->items++; /* completed or failed: either way the task is finished */
    }
    return 0;
}
