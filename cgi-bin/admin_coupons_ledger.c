/*
 * Admin > Ledger Checks (issue 5): the results of the nightly ledger
 * verification (worker job "ledger", the same check as `pcadm
 * verify-ledger`), newest first; a check that found problems is highlighted
 * with its report (one offending entry or account per line).
 */
#include "admin.h"
#include "base/db.h"
#include "base/view.h"

enum stmt { ST_CHECKS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CHECKS] = "SELECT id, checked_at, entries, accounts, problems, report FROM ledger_checks "
                  "ORDER BY id DESC LIMIT 30",
};
PC_SQL_TABLE(aledger_sql, sql);

static int checks_page(pc_ctx *c)
{
    if (pc_db_hdf(&aledger_sql, ST_CHECKS, PC_NOBINDS, c->hdf, "Checks") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Checks"); h; h = hdf_obj_next(h))
        pc_view_hdf_datetime(h, "checked_at", "checked_at");
    pc_set(c, "Page.title", pc_t(c, "coupons.ledger.title"));
    admin_tabs(c, "ledger");
    return pc_render(c, "admin/ledger.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/ledger", PC_GUARD_OPERATOR, checks_page, 0),
};
PC_ROUTE_TABLE(admin_ledger_routes, routes);
