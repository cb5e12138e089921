/* Helpers shared by the customer pages, and the code sender of sensitive operations. */
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "customers.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/view.h"
#include "web/page.h"

enum stmt { ST_CUSTOMER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER] =
        "SELECT c.id, c.partner_id, IFNULL(c.account_manager_id, 0) AS account_manager_id, c.name, "
        "c.account_name, IFNULL(c.email, '') AS email, c.mobile, c.company, c.industry, "
        "IFNULL(c.association_type, '') AS association_type, IFNULL(c.associated_at, '') AS "
        "associated_at, "
        "IFNULL(c.custom_tag, '') AS custom_tag, c.freeze_state, c.freeze_source, "
        "c.budget_exhausted, c.mtd_spend, "
        "c.registered_at, IFNULL(am.name, '') AS am_name, IFNULL(am.username, '') AS am_username, "
        "p.name AS partner_name, p.account_name AS partner_account "
        "FROM customers c JOIN partners p ON p.id = c.partner_id "
        "LEFT JOIN users am ON am.id = c.account_manager_id WHERE c.id = ? "
        "AND " PC_SCOPE_CUSTOMER_SQL,
};
PC_SQL_TABLE(common_sql, sql);

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static int customer_row(void *arg, const pc_row *r)
{
    cust *k = arg;
    k->id = pc_row_i64(r, 0);
    k->partner_id = pc_row_i64(r, 1);
    k->account_manager_id = pc_row_i64(r, 2);
    copy(k->name, sizeof k->name, pc_row_str(r, 3));
    copy(k->account_name, sizeof k->account_name, pc_row_str(r, 4));
    copy(k->association_type, sizeof k->association_type, pc_row_str(r, 9));
    copy(k->freeze_state, sizeof k->freeze_state, pc_row_str(r, 12));
    copy(k->freeze_source, sizeof k->freeze_source, pc_row_str(r, 13));
    k->associated = *pc_row_str(r, 10) != '\0';
    return 1;
}

/* A distributor sees its resellers' customers with personal fields masked (ch10 §2 "M"). */
static void mask_for_distributor(pc_ctx *c)
{
    char out[300];
    static const struct {
        const char *field;
        char *(*mask)(const char *, char *, size_t);
    } fields[] = {{"name", pc_mask_name},
                  {"account_name", pc_mask_name},
                  {"email", pc_mask_email},
                  {"mobile", pc_mask_phone}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char *key = pc_arena_printf(&c->arena, "Customer.0.%s", fields[i].field);
        const char *v = hdf_get_value(c->hdf, key, "");
        if (*v)
            pc_set(c, key, fields[i].mask(v, out, sizeof out));
    }
}

int cust_load(pc_ctx *c, int64_t id, cust *out)
{
    pc_scope s;
    memset(out, 0, sizeof *out);
    pc_authz_scope(&c->user, &s);
    int n = pc_db_query(&common_sql, ST_CUSTOMER, PC_BINDS(PC_I64(id), PC_SCOPE_BINDS(s)),
                        customer_row, out);
    if (n <= 0)
        return n;
    if (pc_db_hdf(&common_sql, ST_CUSTOMER, PC_BINDS(PC_I64(id), PC_SCOPE_BINDS(s)), c->hdf,
                  "Customer") < 0)
        return -1;
    out->own = out->partner_id == c->user.partner_id;
    if (!out->own) {
        pc_set(c, "Customer.0.resellers", "1");
        mask_for_distributor(c);
    }
    pc_view_hdf_datetime(c->hdf, "Customer.0.associated_at", "Customer.0.associated");
    return 1;
}

int cust_partner_load(int64_t partner_id, cust_partner *p)
{
    return pc_budget_partner_load(partner_id, p);
}

#define CODE_PURPOSE "critical"

const char *cust_check_code(pc_ctx *c, int always)
{
    cust_partner p;
    if (!always) {
        if (cust_partner_load(c->user.partner_id, &p) < 0)
            return "err.code_wrong";
        if (!p.verification_codes)
            return NULL;
    }
    const char *code = pc_params_get(&c->form, "code");
    if (!code || !*code)
        return "cust.err.code_needed";
    return pc_code_check(CODE_PURPOSE, c->user.email, code);
}

/* POST /customers/code: e-mail the signed-in user a code for a sensitive operation. */
static int send_code(pc_ctx *c)
{
    return pc_send_code(c, CODE_PURPOSE, "/customers/", "/customers/");
}

int cust_codes_on(pc_ctx *c)
{
    cust_partner p;
    return cust_partner_load(c->user.partner_id, &p) == 1 && p.verification_codes;
}

void cust_action(pc_ctx *c, const char *href, const char *label_key)
{
    int n = 0;
    while (hdf_get_obj(c->hdf, pc_arena_printf(&c->arena, "Actions.%d", n)))
        n++;
    pc_set(c, pc_arena_printf(&c->arena, "Actions.%d.href", n), href);
    pc_set(c, pc_arena_printf(&c->arena, "Actions.%d.label", n), pc_t(c, label_key));
}

void cust_action_dialog(pc_ctx *c, const char *href, const char *label_key)
{
    cust_action(c, href, label_key);
    int n = 0;
    while (hdf_get_obj(c->hdf, pc_arena_printf(&c->arena, "Actions.%d", n + 1)))
        n++;
    pc_set(c, pc_arena_printf(&c->arena, "Actions.%d.dialog", n), "1");
}

void cust_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"list", "/customers/", "cust.tab.list", PC_GUARD_CUSTOMERS},
        {"assignment", "/customers/assignment", "cust.tab.assignment", PC_GUARD_ASSIGNMENT},
        {"exports", "/exports/", "cust.tab.exports", PC_PERM_CUSTOMER_EXPORT},
        {"associations", "/customers/associations", "cust.tab.associations", PC_GUARD_CUSTOMERS},
        {"development", "/customers/development", "cust.dev.tab.main", PC_PERM_CUSTOMER_DEVELOP},
        {"recipients", "/customers/recipients", "cust.tab.recipients", PC_PERM_CUSTOMER_BUDGET},
    };
    pc_tabs(c, tabs, sizeof tabs / sizeof tabs[0], active);
}

static const pc_route routes[] = {
    PC_ROUTE("POST", "/customers/code", PC_GUARD_CUSTOMERS, send_code, 0),
};
CUST_ROUTES(cust_common_routes, routes);
