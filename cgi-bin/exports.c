/*
 * pc-exports — Export History (ch09 §0): the export tasks of the signed-in
 * user with their status, progress, rows and expiry, and the download of a
 * completed file.  The "exports" job (worker/jobs/job_exports.c) fills the tasks.
 * While a task is queued or running the page's script reloads the table every
 * few seconds (htdocs/js/exports.js) until none is left running.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/app.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/view.h"
#include "web/export_request.h"
#include "web/listing.h"

enum stmt { ST_LIST, ST_COUNT, ST_GET, ST_DOWNLOADED, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* a completed task past its expiry is expired already, even before the job deletes its file */
    [ST_LIST] =
        "SELECT id, kind, name, format, IF(status = 'completed' AND expires_at <= UTC_TIMESTAMP(), "
        "'expired', status) AS status, row_count, progress_rows, created_at, "
        "IFNULL(expires_at, '') AS expires_at, error, IFNULL(expected_rows, -1) AS expected_rows "
        "FROM export_tasks WHERE partner_id = ? AND user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
    /* one user's tasks (the job deletes expired ones): cheap to count */
    [ST_COUNT] = "SELECT COUNT(*) FROM export_tasks WHERE partner_id = ? AND user_id = ?",
    /* only the user who created a task may download it: anyone else finds nothing (404) */
    [ST_GET] =
        "SELECT IF(status = 'completed' AND expires_at <= UTC_TIMESTAMP(), 'expired', status), "
        "IFNULL(file_path, ''), kind, format FROM export_tasks WHERE id = ? AND partner_id = ? AND "
        "user_id = ?",
    /* the first download: the file is no longer "ready" on the home page's to-dos */
    [ST_DOWNLOADED] = "UPDATE export_tasks SET downloaded_at = UTC_TIMESTAMP() WHERE id = ? AND "
                      "user_id = ? AND downloaded_at IS NULL",
};
PC_SQL_TABLE(exports_sql, sql);

static void set_child(HDF *h, const char *name, const char *value)
{
    NEOERR *e = hdf_set_value(h, name, value);
    nerr_ignore(&e);
}

/* n with a comma between thousands ("1,200"). */
static void group(long long n, char *out, size_t size)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? 0 : n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* A running task's progress: "1,200 of 5,000 rows (24%)" once counted, the rows written before;
 * Running counts the tasks the page's script waits for. */
static void progress(pc_ctx *c, HDF *h)
{
    char text[160], rows[32], total[32];
    const char *status = hdf_get_value(h, "status", "");
    if (strcmp(status, "queued") != 0 && strcmp(status, "processing") != 0)
        return;
    pc_set_int(c, "Page.running", hdf_get_int_value(c->hdf, "Page.running", 0) + 1);
    if (strcmp(status, "processing") != 0)
        return;
    long long done = strtoll(hdf_get_value(h, "progress_rows", "0"), NULL, 10);
    long long expected = strtoll(hdf_get_value(h, "expected_rows", "-1"), NULL, 10);
    group(done, rows, sizeof rows);
    if (expected < 0) {
        snprintf(text, sizeof text, pc_t(c, "exports.progress"), rows);
    } else {
        long long pct = expected ? done * 100 / expected : 100;
        if (pct > 100)
            pct = 100;
        group(expected, total, sizeof total);
        snprintf(text, sizeof text, pc_t(c, "exports.progress_of"), rows, total, pct);
        NEOERR *e = hdf_set_int_value(h, "percent", (int)pct);
        nerr_ignore(&e);
    }
    set_child(h, "progress", text);
}

static int history(pc_ctx *c)
{
    char when[64];
    pc_list l;
    pc_list_read(c, &l);
    int shown = pc_db_hdf(&exports_sql, ST_LIST,
                          PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id),
                                   PC_I64(pc_list_limit(&l)), PC_I64(pc_list_offset(&l))),
                          c->hdf, "Tasks");
    int64_t total = pc_db_int(&exports_sql, ST_COUNT,
                              PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id)), -1);
    if (shown < 0 || total < 0)
        return pc_error(c, 500);
    pc_list_pager(c, &l, "/exports/", "", shown, total);
    for (HDF *h = hdf_get_child(c->hdf, "Tasks"); h; h = hdf_obj_next(h)) {
        set_child(h, "created",
                  pc_view_datetime(hdf_get_value(h, "created_at", ""), when, sizeof when));
        const char *expires = hdf_get_value(h, "expires_at", "");
        if (*expires)
            set_child(h, "expires", pc_view_datetime(expires, when, sizeof when));
        progress(c, h);
    }
    int64_t ready = pc_exports_ready_count(&c->user);
    if (ready > 0) {
        char n[24];
        snprintf(n, sizeof n, "%lld", (long long)ready);
        pc_set_int(c, "Page.ready", ready);
        pc_setf(c, "Page.ready_text", pc_t(c, "exports.ready"), n);
    }
    pc_set(c, "Page.title", pc_t(c, "exports.title"));
    return pc_render(c, "exports/history.cs");
}

struct file_row {
    char status[16], file[256], kind[40], format[8];
};

static int file_row(void *arg, const pc_row *r)
{
    struct file_row *f = arg;
    snprintf(f->status, sizeof f->status, "%s", pc_row_str(r, 0));
    snprintf(f->file, sizeof f->file, "%s", pc_row_str(r, 1));
    snprintf(f->kind, sizeof f->kind, "%s", pc_row_str(r, 2));
    snprintf(f->format, sizeof f->format, "%s", pc_row_str(r, 3));
    return 1;
}

/* GET /exports/{id}/download: the file of a completed task of this user, streamed. */
static int download(pc_ctx *c)
{
    struct file_row f = {"", "", "", ""};
    int n =
        pc_db_query(&exports_sql, ST_GET,
                    PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id), PC_I64(c->user.id)),
                    file_row, &f);
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    if (strcmp(f.status, "expired") == 0)
        return pc_error_say(c, 410, "exports.expired_title", "exports.expired_text");
    /* the worker stores a bare file name under Paths.exports */
    if (strcmp(f.status, "completed") != 0 || !*f.file || strchr(f.file, '/'))
        return pc_error(c, 404);
    /* an access record, not a change the user asked for: it only retires the "ready" notice */
    if (pc_db_exec(&exports_sql, ST_DOWNLOADED, PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.id)),
                   NULL) < 0)
        return pc_error(c, 500);
    int xlsx = strcmp(f.format, "xlsx") == 0;
    const char *path = pc_arena_printf(&c->arena, "%s/%s", pc_conf_str("Paths.exports"), f.file);
    const char *name = pc_arena_printf(&c->arena, "%s-%lld.%s", f.kind, (long long)c->path_id[0],
                                       xlsx ? "xlsx" : "csv");
    int rc = pc_send_file(c, path,
                          xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                               : "text/csv; charset=utf-8",
                          name);
    return rc == 200 ? rc : pc_error(c, rc);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/exports/", PC_GUARD_PARTNER, history, 0),
    PC_ROUTE("GET", "/exports/{id}/download", PC_GUARD_PARTNER, download, 0),
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /exports/ to this program */
    return pc_app_main(argc, argv, "/exports/", routes, sizeof routes / sizeof routes[0]);
}
