/*
 * Customer Orders (9.3.3.1): the orders of the customers in scope with the
 * filters of lib/order_query, newest first in numbered pages whose total is
 * counted up to ORDERS_COUNT_CAP (beyond it: "more than"),
 * customer names masked with an eye toggle, the payment details of completed
 * orders, and export tasks of the list (admin only, like the customer list).
 */
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "orders.h"
#include "base/view.h"
#include "web/listing.h"

/* Orders counted for the total at most (an index range of the partner's orders in the chosen
 * period); a bigger list says "more than 10,000", and its pages stop at the cap's. */
#define ORDERS_COUNT_CAP 10000

PC_SQL_COMPOSER(orders_composer);

typedef struct list_state {
    pc_ctx *c;
    int i, show_name;
} list_state;

/* Amount Paid shows its cash/coupon split only for completed orders (not unsubscribed ones). */
static void payment(list_state *s, HDF *h, const pc_row *r)
{
    orders_row_money(h, "amount_paid", pc_row_i64(r, 14));
    if (strcmp(pc_row_str(r, 10), "completed") != 0)
        return;
    orders_row_set(h, "pay_details", "1");
    orders_row_money(h, "cash_paid", pc_row_i64(r, 15));
    orders_row_money(h, "coupons_paid", pc_row_i64(r, 16));
    (void)s;
}

static int list_row(void *arg, const pc_row *r)
{
    list_state *s = arg;
    pc_ctx *c = s->c;
    HDF *h;
    NEOERR *e = hdf_get_node(c->hdf, pc_arena_printf(&c->arena, "Orders.%d", s->i), &h);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    orders_row_set(h, "id", pc_row_str(r, 0));
    orders_row_set(h, "order_no", pc_row_str(r, 1));
    orders_row_set(h, "customer_id", pc_row_str(r, 2));
    orders_row_masked(h, "name", pc_row_str(r, 3), s->show_name);
    orders_row_masked(h, "account_name", pc_row_str(r, 4), s->show_name);
    if (pc_row_i64(r, 5) != c->user.partner_id) /* a reseller's customer, seen by its distributor */
        orders_row_masked(h, "reseller", pc_row_str(r, 6), s->show_name);
    orders_row_set(h, "product", pc_row_str(r, 8));
    orders_row_set(h, "type", pc_row_str(r, 9));
    orders_row_set(h, "status", pc_row_str(r, 10));
    orders_row_time(h, "ordered", pc_row_str(r, 11));
    payment(s, h, r);
    s->i++;
    return 0;
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 0;
}

static int list_page(pc_ctx *c)
{
    pc_order_query q;
    int bad = orders_filters(c, &q);
    if (bad < 0)
        return pc_error(c, 500);
    int show = orders_show(c, "name");
    const char *tab = q.f[PC_OF_TAB].present && q.f[PC_OF_TAB].i == 1 ? "resellers" : "own";
    pc_set(c, "Page.tab", tab);
    pc_set(c, "Page.title", pc_t(c, "cust.ord.title"));
    orders_tabs(c, tab);
    orders_links(c, "/orders/", &q, show);
    if (bad) { /* nothing is looked up with a bad filter: the page says which and why */
        c->status = 400;
        return pc_render(c, "orders/list.cs");
    }
    pc_scope sc;
    pc_sql_build b, n;
    pc_list l;
    pc_list_read(c, &l);
    if (pc_list_offset(&l) >= ORDERS_COUNT_CAP) /* no deeper than the pager leads */
        l.page = ORDERS_COUNT_CAP / l.size;
    list_state s = {c, 0, show};
    int64_t counted = 0;
    pc_authz_scope(&c->user, &sc);
    pc_order_query_offset(&q, PC_ORDER_LIST, &sc, c->user.partner_id, 0, pc_list_offset(&l),
                          pc_list_limit(&l), &b);
    pc_order_query_count_capped(&q, PC_ORDER_LIST, &sc, c->user.partner_id, ORDERS_COUNT_CAP, &n);
    if (pc_db_query_built(&orders_composer, &b, list_row, &s) < 0 ||
        pc_db_query_built(&orders_composer, &n, count_row, &counted) < 0)
        return pc_error(c, 500);
    pc_list_pager_capped(c, &l, "/orders/", hdf_get_value(c->hdf, "Page.query", ""), s.i, counted,
                         ORDERS_COUNT_CAP);
    return pc_render(c, "orders/list.cs");
}

/* POST /orders/export: an export task of the orders (all, or as filtered). */
static int export_list(pc_ctx *c)
{
    return orders_export(c, "orders", "cust.ord.export.name_orders");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/orders/", PC_PERM_ORDER_VIEW, list_page, 0),
    PC_ROUTE("POST", "/orders/export", PC_PERM_CUSTOMER_EXPORT, export_list, 0),
};
PC_ROUTE_TABLE(orders_list_routes, routes);
