/*
 * My Account > My Partner (11.3, 5.1.1.6): the partner the customer is
 * associated with and how to reach it — its customer contacts, or its admin
 * account when it has none.  A reseller-model customer cannot top up: it asks
 * its partner for more budget here.
 */
#include <stdlib.h>

#include "console.h"
#include "base/db.h"
#include "base/money.h"
#include "base/view.h"

enum stmt { ST_PARTNER, ST_CONTACTS, ST_ADMIN, ST_BUDGET, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] =
        "SELECT p.id, p.name, p.account_name, c.freeze_state, IFNULL(c.associated_at, '') AS "
        "associated_at, "
        "c.mtd_spend FROM customers c JOIN partners p ON p.id = c.partner_id WHERE c.id = ?",
    [ST_CONTACTS] = "SELECT name, mobile_cc, mobile, email, position FROM customer_contacts WHERE "
                    "partner_id = ? ORDER BY id",
    /* without contacts the customer sees the partner's admin account (5.1.1.6) */
    [ST_ADMIN] = "SELECT u.name, u.mobile_cc, u.mobile, u.email, '' AS position FROM users u "
                 "JOIN member_roles mr ON mr.user_id = u.id JOIN roles r ON r.id = mr.role_id AND "
                 "r.code = 'ADMIN' "
                 "WHERE u.partner_id = ? AND u.status = 'normal' ORDER BY u.id LIMIT 1",
    [ST_BUDGET] = "SELECT type, amount FROM budgets WHERE customer_id = ?",
};
PC_SQL_TABLE(partner_sql, sql);

static int budget_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    char out[40];
    pc_set(c, "Budget.type", pc_row_str(r, 0));
    pc_set(c, "Budget.amount", pc_money_format(pc_row_i64(r, 1), 2, 1, out, sizeof out));
    return 1;
}

static int my_partner(pc_ctx *c)
{
    int64_t cid = c->user.customer_id;
    int n = pc_db_hdf(&partner_sql, ST_PARTNER, PC_BINDS(PC_I64(cid)), c->hdf, "Partner");
    if (n < 0)
        return pc_error(c, 500);
    if (n == 1) {
        int64_t pid = strtoll(hdf_get_value(c->hdf, "Partner.0.id", "0"), NULL, 10);
        int k = pc_db_hdf(&partner_sql, ST_CONTACTS, PC_BINDS(PC_I64(pid)), c->hdf, "Contacts");
        if (k == 0)
            k = pc_db_hdf(&partner_sql, ST_ADMIN, PC_BINDS(PC_I64(pid)), c->hdf, "Contacts");
        if (k < 0 || pc_db_query(&partner_sql, ST_BUDGET, PC_BINDS(PC_I64(cid)), budget_row, c) < 0)
            return pc_error(c, 500);
        char when[64], out[40];
        pc_set(c, "Partner.0.associated",
               pc_view_datetime(hdf_get_value(c->hdf, "Partner.0.associated_at", ""), when,
                                sizeof when));
        pc_set(c, "Partner.0.mtd",
               pc_money_format(strtoll(hdf_get_value(c->hdf, "Partner.0.mtd_spend", "0"), NULL, 10),
                               2, 1, out, sizeof out));
    }
    pc_set(c, "Page.title", pc_t(c, "console.partner.title"));
    return pc_render(c, "console/partner.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/console/", PC_GUARD_CUSTOMER, my_partner, 0),
};
CONSOLE_ROUTES(console_partner_routes, routes);
