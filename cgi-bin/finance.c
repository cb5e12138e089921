/* pc-finance — joins the route tables of the page files (see finance.h). */
#include "finance.h"

#include "base/db.h"
#include "base/valid.h"

typedef struct switch_change {
    pc_ctx *c;
    pc_sql_table *t;
    int st, on;
    const char *action;
} switch_change;

static int switch_tx(void *arg)
{
    switch_change *x = arg;
    if (pc_db_exec(x->t, x->st, PC_BINDS(PC_I64(x->on), PC_I64(x->c->user.partner_id)), NULL) < 0)
        return -1;
    pc_audit_ctx(x->c, pc_arena_printf(&x->c->arena, "%s.%s", x->action, x->on ? "on" : "off"),
                 "partner", x->c->user.partner_id, "ok", "");
    return 0;
}

int finance_switch(pc_ctx *c, pc_sql_table *t, int st, const char *action, const char *back)
{
    static const char *const onoff[] = {"off", "on", NULL};
    static const pc_field f = {"notice", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, onoff};
    pc_value v;
    const char *in = pc_params_get(&c->form, "notice");
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (!in || pc_valid_enum(&f, in, &v))
        return pc_error(c, 400);
    switch_change x = {c, t, st, (int)v.i, action};
    if (pc_db_tx(switch_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, pc_arena_printf(&c->arena, "%s%s", back, v.i ? "on" : "off"));
}

/* /finance/ opens Partner Bills, the first page of the menu. */
static int index_page(pc_ctx *c)
{
    return pc_redirect(c, "/finance/bills");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/", PC_PERM_FINANCE_VIEW, index_page, 0),
};
PC_ROUTE_TABLE(finance_index_routes, routes);

static const pc_route_table *const tables[] = {
    &finance_index_routes,
    &finance_bills_routes,
    &finance_bills_details_routes,
    &finance_bills_pdf_routes,
    &finance_coupon_routes,
    &finance_coupon_mgmt_routes,
    &finance_discount_routes,
    &finance_koogallery_routes,
    &finance_funds_routes,
    &finance_funds_cards_routes,
    &finance_funds_statements_routes,
    &finance_funds_prepay_routes,
    &finance_remit_routes,
    &finance_invoice_routes,
    &finance_invoice_pdf_routes,
    &finance_wht_routes,
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /finance/ to this program */
    return pc_app_main_tables(argc, argv, "/finance/", tables, sizeof tables / sizeof tables[0]);
}
