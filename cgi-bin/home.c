/*
 * pc-home — the signed-in home page, /healthz, and the answer for every URL no
 * other program serves (404 from the error template).
 */
#include <string.h>

#include "web/app.h"
#include "base/db.h"

enum stmt { ST_CUSTOMER_PARTNER, ST__MAX };
static const char *const sql[ST__MAX] = {
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

static int healthz(pc_ctx *c)
{
    return pc_db_ping() == 0 ? pc_text(c, 200, "ok\n") : pc_text(c, 503, "database unavailable\n");
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
