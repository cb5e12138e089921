/*
 * pc-home — the signed-in home page, /healthz, and the answer for every URL no
 * other program serves (404 from the error template).
 */
#include <string.h>

#include "web/app.h"
#include "base/db.h"
#include "base/version.h"

enum stmt { ST_CUSTOMER_PARTNER, ST_WORKER_LAST_OK, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the newest first (job_runs grows by a few rows a minute; its id is the order of runs) */
    [ST_WORKER_LAST_OK] = "SELECT DATE_FORMAT(ended_at, '%Y-%m-%dT%H:%i:%sZ'), job FROM job_runs "
                          "WHERE status = 'ok' ORDER BY id DESC LIMIT 1",
    [ST_CUSTOMER_PARTNER] =
        "SELECT c.name AS customer, IFNULL(p.name, '') AS partner FROM customers c "
        "LEFT JOIN partners p ON p.id = c.partner_id WHERE c.id = ?",
};
PC_SQL_TABLE(home_sql, sql);

static int home_page(pc_ctx *c)
{
    pc_set(c, "Page.title", pc_t(c, "home.title"));
    if (c->user.kind == PC_KIND_MEMBER) { /* the session load brought the partner along */
        pc_set(c, "Partner.0.name", c->user.partner_name);
        pc_set(c, "Partner.0.kind", c->user.partner_kind);
        pc_set(c, "Partner.0.distributor", c->user.distributor_name);
    }
    if (c->user.kind == PC_KIND_CUSTOMER &&
        pc_db_hdf(&home_sql, ST_CUSTOMER_PARTNER, PC_BINDS(PC_I64(c->user.customer_id)), c->hdf,
                  "Customer") < 0)
        return pc_error(c, 500);
    /* development paths come with the programs issue; none is selected before it */
    pc_set_int(c, "Home.paths_selected", 0);
    return pc_render(c, "home/home.cs");
}

static int last_run_row(void *arg, const pc_row *r)
{
    snprintf(arg, 120, "%s (job %s)", pc_row_str(r, 0), pc_row_str(r, 1));
    return 1;
}

/* For monitors: the first line says whether the portal can serve ("ok" or why not); the others
 * are for the admin: the release, and when the worker last finished a job. */
static int healthz(pc_ctx *c)
{
    char last[120] = "never";
    if (pc_db_ping())
        return pc_text(
            c, 503, pc_arena_printf(&c->arena, "database unavailable\nversion %s\n", pc_version()));
    pc_db_query(&home_sql, ST_WORKER_LAST_OK, PC_NOBINDS, last_run_row, last);
    return pc_text(
        c, 200,
        pc_arena_printf(&c->arena, "ok\nversion %s\nworker last ok %s\n", pc_version(), last));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/home", PC_GUARD_SIGNED_IN, home_page, 0),
    PC_ROUTE("GET", "/healthz", PC_GUARD_PUBLIC, healthz, 0),
};

int main(int argc, char **argv)
{
    /* nginx passes every path no other program's prefix takes: /home, /healthz, and the
     * 404 page of an unknown path */
    return pc_app_main(argc, argv, "/", routes, sizeof routes / sizeof routes[0]);
}
