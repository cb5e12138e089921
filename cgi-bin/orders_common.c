/* Helpers shared by the Customer Orders pages: filters on the page, links, tabs, rows, exports. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"
#include "base/money.h"
#include "orders.h"
#include "base/view.h"
#include "web/listing.h"
#include "web/export_request.h"
#include "web/page.h"

enum stmt { ST_PRODUCTS, ST_EXPORT, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the product types a subscription order can be placed for */
    [ST_PRODUCTS] =
        "SELECT code, name FROM products WHERE kind = 'service' AND active = 1 ORDER BY name",
    [ST_EXPORT] =
        "INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(orders_common_sql, sql);

int orders_distributor(const pc_ctx *c)
{
    return strcmp(c->user.partner_kind, "distributor") == 0;
}

int orders_filters(pc_ctx *c, pc_order_query *q)
{
    int bad = pc_order_query_read(&c->arena, &c->query, orders_distributor(c), pc_clock_now(), q);
    for (int i = 0; i < PC_OF__N; i++) {
        const char *name = pc_order_fields[i].name;
        const char *value = q->f[i].s;
        if (q->error[i]) { /* show what was typed, and why it is refused */
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", name), pc_t(c, q->error[i]));
            value = pc_params_get(&c->query, name);
        }
        /* the dates in force, defaults included, unless what was typed is no date */
        if (i == PC_OF_FROM && (!q->error[i] || !value || !*value))
            value = q->from;
        if (i == PC_OF_TO &&
            (!q->error[i] || !value || !*value || strncmp(q->error[i], "cust.", 5) == 0))
            value = q->to;
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", name), value ? value : "");
    }
    if (bad)
        pc_set(c, "Page.filter_error", "1");
    static const char *const more[] = {"product", "order_no", "type", NULL};
    pc_list_more_open(c, more);
    if (pc_db_hdf_kept(&orders_common_sql, ST_PRODUCTS, PC_NOBINDS, c->hdf, "Products") < 0)
        return -1;
    if (orders_distributor(c))
        pc_set(c, "Page.distributor", "1");
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_EXPORT))
        pc_set(c, "Page.can_export", "1");
    return bad;
}

int orders_show(pc_ctx *c, const char *col)
{
    for (size_t k = 0; k < pc_params_count(&c->query, "show"); k++)
        if (strcmp(pc_params_nth(&c->query, "show", k), col) == 0)
            return 1;
    return 0;
}

void orders_links(pc_ctx *c, const char *path, const pc_order_query *q, int show_name)
{
    const char *base = pc_order_query_string(&c->arena, q);
    pc_set(c, "Page.list_path", path);
    pc_set(c, "Page.query",
           pc_arena_printf(&c->arena, "%s%s", base, show_name ? "show=name&" : ""));
    pc_set(c, "Eye.name.href",
           pc_arena_printf(&c->arena, "%s?%s%s", path, base, show_name ? "" : "show=name&"));
    if (show_name)
        pc_set(c, "Eye.name.on", "1");
}

void orders_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab own[] = {
        {"own", "/orders/", "cust.ord.tab.own", PC_PERM_ORDER_VIEW},
        {"resources", "/orders/resources", "cust.ord.tab.resources", PC_PERM_ORDER_VIEW},
    };
    static const pc_tab distributor[] = {
        {"own", "/orders/?tab=own", "cust.ord.tab.own", PC_PERM_ORDER_VIEW},
        {"resellers", "/orders/?tab=resellers", "cust.ord.tab.resellers", PC_PERM_ORDER_VIEW},
        {"resources", "/orders/resources", "cust.ord.tab.resources", PC_PERM_ORDER_VIEW},
    };
    if (orders_distributor(c))
        pc_tabs(c, distributor, sizeof distributor / sizeof distributor[0], active);
    else
        pc_tabs(c, own, sizeof own / sizeof own[0], active);
}

void orders_row_set(HDF *h, const char *field, const char *value)
{
    NEOERR *e = hdf_set_value(h, field, value);
    nerr_ignore(&e);
}

void orders_row_masked(HDF *h, const char *field, const char *value, int show)
{
    char out[300];
    orders_row_set(h, field, show || !*value ? value : pc_mask_name(value, out, sizeof out));
}

void orders_row_money(HDF *h, const char *field, int64_t v)
{
    char out[40];
    orders_row_set(h, field, pc_money_format(v, 2, 1, out, sizeof out));
}

void orders_row_time(HDF *h, const char *field, const char *utc)
{
    char when[64];
    orders_row_set(h, field, *utc ? pc_view_datetime(utc, when, sizeof when) : "");
}

typedef struct export_job {
    pc_ctx *c;
    const char *kind, *name, *filters, *format;
    int64_t id;
} export_job;

static int export_tx(void *arg)
{
    export_job *j = arg;
    pc_ctx *c = j->c;
    if (pc_db_exec(&orders_common_sql, ST_EXPORT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id), PC_STR(j->kind),
                            PC_STR(j->name), PC_STR(j->filters), PC_STR(j->format)),
                   &j->id) != 1)
        return -1;
    pc_audit_ctx(c, "orders.export", "export_task", j->id, "ok", j->filters);
    return 0;
}

static const char *const export_scopes[] = {"all", "selected", NULL};
static const char *const export_formats[] = {"csv", "xlsx", NULL};
static const pc_field export_fields[] = {
    {"scope", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, export_scopes},
    {"format", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, export_formats},
};

int orders_export(pc_ctx *c, const char *kind, const char *name_key)
{
    pc_value v[2];
    const char *errs[2];
    pc_order_query q;
    if (!pc_authz_allows(&c->user, PC_PERM_ORDER_VIEW)) /* the route asks for customer.export */
        return pc_error(c, 403);
    if (pc_export_asks(c))
        return pc_export_precautions(c);
    if (pc_valid_form(&c->arena, export_fields, 2, &c->form, v, errs))
        return pc_error_say(c, 400, NULL, "cust.ord.err.export");
    /* the filters come in the form, as the list page posts them */
    if (v[0].i == 1) {
        if (pc_order_query_read(&c->arena, &c->form, orders_distributor(c), pc_clock_now(), &q))
            return pc_error_say(c, 400, NULL, "cust.ord.err.export");
    } else {
        /* all: every order of the longest range up to today (a distributor's tab kept) */
        pc_params none = {0};
        pc_order_query_read(&c->arena, &none, orders_distributor(c), pc_clock_now(), &q);
        pc_clock_date_add(q.to, -PC_ORDER_RANGE_MAX_DAYS, q.from);
        const char *tab = pc_params_get(&c->form, "tab");
        if (orders_distributor(c) && tab && strcmp(tab, "resellers") == 0)
            q.f[PC_OF_TAB] = (pc_value){.s = "resellers", .i = 1, .present = 1};
    }
    export_job j = {c, kind, pc_t(c, name_key), pc_order_query_string(&c->arena, &q), v[1].s, 0};
    if (pc_db_tx(export_tx, &j))
        return pc_error(c, 500);
    return pc_redirect(c, "/exports/?msg=export_created");
}
