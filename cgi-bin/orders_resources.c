/*
 * Order Resource Details (S2): every resource created by the orders of the
 * customers in scope — one row per resource, so an order that created two
 * ECS and one EVS shows three rows with its order number — with the filters
 * of the order list (the product filter names the resource's product),
 * newest resource first in keyset pages, customer names masked.
 */
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "orders.h"
#include "base/view.h"

PC_SQL_COMPOSER(resources_composer);

typedef struct res_state {
    pc_ctx *c;
    int i, show_name;
    int64_t last_id;
} res_state;

static int res_row(void *arg, const pc_row *r)
{
    res_state *s = arg;
    pc_ctx *c = s->c;
    HDF *h;
    if (s->i == PC_ORDER_PAGE_ROWS) {
        pc_set(c, "Page.next_after", pc_arena_printf(&c->arena, "%lld", (long long)s->last_id));
        return 1;
    }
    NEOERR *e = hdf_get_node(c->hdf, pc_arena_printf(&c->arena, "Resources.%d", s->i), &h);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    orders_row_set(h, "id", pc_row_str(r, 0));
    orders_row_set(h, "order_no", pc_row_str(r, 1));
    orders_row_masked(h, "name", pc_row_str(r, 3), s->show_name);
    orders_row_masked(h, "account_name", pc_row_str(r, 4), s->show_name);
    if (pc_row_i64(r, 5) != c->user.partner_id)
        orders_row_masked(h, "reseller", pc_row_str(r, 6), s->show_name);
    orders_row_set(h, "product", pc_row_str(r, 8));
    orders_row_set(h, "resource_key", pc_row_str(r, 9));
    orders_row_set(h, "resource_name", pc_row_str(r, 10));
    orders_row_set(h, "spec", pc_row_str(r, 11));
    orders_row_set(h, "region", pc_row_str(r, 12));
    orders_row_set(h, "status", pc_row_str(r, 13));
    orders_row_time(h, "effective", pc_row_str(r, 14));
    orders_row_time(h, "expires", pc_row_str(r, 15));
    orders_row_set(h, "order_id", pc_row_str(r, 16));
    s->last_id = pc_row_i64(r, 0);
    s->i++;
    return 0;
}

static int resources_page(pc_ctx *c)
{
    pc_order_query q;
    int bad = orders_filters(c, &q);
    if (bad < 0)
        return pc_error(c, 500);
    int show = orders_show(c, "name");
    pc_set(c, "Page.tab", "resources");
    pc_set(c, "Page.title", pc_t(c, "cust.ord.res.title"));
    orders_tabs(c, "resources");
    orders_links(c, "/orders/resources", &q, show);
    if (bad) {
        c->status = 400;
        return pc_render(c, "orders/resources.cs");
    }
    pc_scope sc;
    pc_sql_build b;
    res_state s = {c, 0, show, 0};
    pc_authz_scope(&c->user, &sc);
    pc_order_query_build(&q, PC_ORDER_RESOURCES, &sc, c->user.partner_id, 1, &b);
    if (pc_db_query_built(&resources_composer, &b, res_row, &s) < 0)
        return pc_error(c, 500);
    return pc_render(c, "orders/resources.cs");
}

/* POST /orders/resources/export: an export task of the order resources. */
static int export_resources(pc_ctx *c)
{
    return orders_export(c, "order_resources", "cust.ord.export.name_resources");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/orders/resources", PC_PERM_ORDER_VIEW, resources_page, 0),
    PC_ROUTE("POST", "/orders/resources/export", PC_PERM_CUSTOMER_EXPORT, export_resources, 0),
};
PC_ROUTE_TABLE(orders_resources_routes, routes);
