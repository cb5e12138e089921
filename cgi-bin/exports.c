/*
 * pc-exports — Export History (ch09 §0): the export tasks of the signed-in
 * user, and the download of a completed file.  The worker fills the tasks
 * (the export engine comes with the usage issue).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "view.h"

enum stmt { ST_LIST, ST_GET, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT id, kind, name, status, row_count, created_at, IFNULL(completed_at, '') AS completed_at "
                "FROM export_tasks WHERE partner_id = ? AND user_id = ? ORDER BY id DESC LIMIT 100",
    [ST_GET] = "SELECT file_path, name FROM export_tasks WHERE id = ? AND partner_id = ? AND user_id = ? "
               "AND status = 'completed' AND file_path IS NOT NULL",
};
PC_SQL_TABLE(exports_sql, sql);

static int history(pc_ctx *c)
{
    char when[64];
    if (pc_db_hdf(&exports_sql, ST_LIST, PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id)), c->hdf, "Tasks") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Tasks"); h; h = hdf_obj_next(h)) {
        NEOERR *e = hdf_set_value(h, "created", pc_view_datetime(hdf_get_value(h, "created_at", ""), when, sizeof when));
        nerr_ignore(&e);
    }
    pc_set(c, "Page.title", pc_t(c, "exports.title"));
    return pc_render(c, "exports/history.cs");
}

struct file_row {
    char path[256], name[128];
};

static int file_row(void *arg, const pc_row *r)
{
    struct file_row *f = arg;
    snprintf(f->path, sizeof f->path, "%s", pc_row_str(r, 0));
    snprintf(f->name, sizeof f->name, "%s", pc_row_str(r, 1));
    return 1;
}

/* The file of a completed task of this user; anyone else's task is a 404. */
static int download(pc_ctx *c)
{
    struct file_row f = {"", ""};
    int n = pc_db_query(&exports_sql, ST_GET, PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id), PC_I64(c->user.id)),
                        file_row, &f);
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    FILE *fp = fopen(f.path, "rb");
    if (!fp)
        return pc_error(c, 404);
    string_clear(&c->body);
    string_init(&c->body);
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0) {
        NEOERR *e = string_appendn(&c->body, buf, (int)got);
        nerr_ignore(&e);
    }
    fclose(fp);
    pc_header(c, "Content-Type", "text/csv; charset=utf-8");
    pc_header(c, "Content-Disposition", pc_arena_printf(&c->arena, "attachment; filename=\"export-%lld.csv\"",
                                                         (long long)c->path_id[0]));
    return 200;
}

static const pc_route routes[] = {
    {"GET", "/exports/", PC_GUARD_PARTNER, history, 0},
    {"GET", "/exports/{id}/download", PC_GUARD_PARTNER, download, 0},
};

int main(int argc, char **argv)
{
    return pc_app_main(argc, argv, routes, sizeof routes / sizeof routes[0]);
}
