/*
 * Order Details (9.3.3.1): the order's fields, the resources it created and
 * its Transaction Records — the original order of a renewal, change or
 * unsubscription, and the orders that name this one as their original.
 * More than two records show the first two and "View all records".
 */
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "orders.h"
#include "base/view.h"

#define RECORDS_SHORT 2
#define RECORDS_ALL   500

enum stmt { ST_ORDER, ST_RESOURCES, ST_RECORDS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_ORDER] =
        "SELECT o.id, o.order_no, c.id, c.name, c.account_name, c.partner_id, p.name, "
        "IFNULL(pr.name, ''), "
        "o.order_type, o.status, o.billing_mode, o.region, o.ordered_at, IFNULL(o.paid_at, ''), "
        "o.list_amount, o.amount_paid, o.cash_paid, o.coupons_paid, IFNULL(o.original_order_id, "
        "0), "
        "IFNULL(u.name, ''), IFNULL(u.username, '') "
        "FROM orders o JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id "
        "JOIN partners p ON p.id = c.partner_id LEFT JOIN products pr ON pr.id = o.product_id "
        "LEFT JOIN users u ON u.id = o.placed_on_behalf_by WHERE o.id = ? "
        "AND " PC_SCOPE_CUSTOMER_SQL,
    [ST_RESOURCES] =
        "SELECT r.id, IFNULL(r.resource_key, ''), r.name, IFNULL(pr.name, r.product_type), r.spec, "
        "r.region, r.status, IFNULL(r.effective_at, ''), IFNULL(r.expires_at, '') "
        "FROM resources r LEFT JOIN products pr ON pr.id = r.product_id WHERE r.order_id = ? "
        "ORDER BY r.id LIMIT 500",
    /* the original (t.id = original) and the orders naming this one, of the same customer and
       partner */
    [ST_RECORDS] =
        "SELECT t.id, t.order_no, t.order_type, t.status, t.ordered_at, t.amount_paid, t.id = ? "
        "FROM orders t WHERE t.customer_id = ? AND t.partner_id = ? "
        "AND (t.id = ? OR t.original_order_id = ?) AND t.id <> ? "
        "ORDER BY t.ordered_at DESC, t.id DESC LIMIT ?",
};
PC_SQL_TABLE(orders_detail_sql, sql);

typedef struct order {
    int64_t id, customer_id, partner_id, original_id;
    int found;
} order;

static void set_money(pc_ctx *c, const char *name, int64_t v)
{
    HDF *h = hdf_get_obj(c->hdf, "Order");
    orders_row_money(h, name, v);
}

static int order_row(void *arg, const pc_row *r)
{
    void **a = arg;
    pc_ctx *c = a[0];
    order *o = a[1];
    o->found = 1;
    o->id = pc_row_i64(r, 0);
    o->customer_id = pc_row_i64(r, 2);
    o->partner_id = pc_row_i64(r, 5);
    o->original_id = pc_row_i64(r, 18);
    int own = o->partner_id == c->user.partner_id;
    pc_set(c, "Order.id", pc_row_str(r, 0));
    HDF *h = hdf_get_obj(c->hdf, "Order");
    orders_row_set(h, "order_no", pc_row_str(r, 1));
    orders_row_set(h, "customer_id", pc_row_str(r, 2));
    /* a distributor sees its resellers' customers masked (ch10 §2), its own in full */
    orders_row_masked(h, "name", pc_row_str(r, 3), own);
    orders_row_masked(h, "account_name", pc_row_str(r, 4), own);
    if (!own)
        orders_row_masked(h, "reseller", pc_row_str(r, 6), 0);
    orders_row_set(h, "product", pc_row_str(r, 7));
    orders_row_set(h, "type", pc_row_str(r, 8));
    orders_row_set(h, "status", pc_row_str(r, 9));
    orders_row_set(h, "billing_mode", pc_row_str(r, 10));
    orders_row_set(h, "region", pc_row_str(r, 11));
    orders_row_time(h, "ordered", pc_row_str(r, 12));
    orders_row_time(h, "paid", pc_row_str(r, 13));
    set_money(c, "list_amount", pc_row_i64(r, 14));
    set_money(c, "amount_paid", pc_row_i64(r, 15));
    if (strcmp(pc_row_str(r, 9), "completed") == 0) {
        orders_row_set(h, "pay_details", "1");
        set_money(c, "cash_paid", pc_row_i64(r, 16));
        set_money(c, "coupons_paid", pc_row_i64(r, 17));
    }
    if (*pc_row_str(r, 20))
        orders_row_set(h, "on_behalf",
                       pc_arena_printf(&c->arena, "%s (%s)", pc_row_str(r, 19), pc_row_str(r, 20)));
    return 1;
}

static int resource_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    HDF *h;
    int n = 0;
    while (hdf_get_obj(c->hdf, pc_arena_printf(&c->arena, "Resources.%d", n)))
        n++;
    NEOERR *e = hdf_get_node(c->hdf, pc_arena_printf(&c->arena, "Resources.%d", n), &h);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    static const char *const fields[] = {"id",   "resource_key", "name",  "product",
                                         "spec", "region",       "status"};
    for (int i = 0; i < 7; i++)
        orders_row_set(h, fields[i], pc_row_str(r, (size_t)i));
    orders_row_time(h, "effective", pc_row_str(r, 7));
    orders_row_time(h, "expires", pc_row_str(r, 8));
    return 0;
}

typedef struct records {
    pc_ctx *c;
    int n, limit;
} records;

static int record_row(void *arg, const pc_row *r)
{
    records *s = arg;
    HDF *h;
    if (s->n == s->limit) { /* one more than shown: there are more */
        pc_set(s->c, "Page.more_records", "1");
        return 1;
    }
    NEOERR *e = hdf_get_node(s->c->hdf, pc_arena_printf(&s->c->arena, "Records.%d", s->n), &h);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    orders_row_set(h, "id", pc_row_str(r, 0));
    orders_row_set(h, "order_no", pc_row_str(r, 1));
    orders_row_set(h, "type", pc_row_str(r, 2));
    orders_row_set(h, "status", pc_row_str(r, 3));
    orders_row_time(h, "ordered", pc_row_str(r, 4));
    orders_row_money(h, "amount_paid", pc_row_i64(r, 5));
    orders_row_set(h, "relation", pc_row_i64(r, 6) ? "original" : "follow_up");
    s->n++;
    return 0;
}

static int load_records(pc_ctx *c, const order *o)
{
    const char *all = pc_params_get(&c->query, "records");
    records s = {c, 0, all && strcmp(all, "all") == 0 ? RECORDS_ALL : RECORDS_SHORT};
    return pc_db_query(&orders_detail_sql, ST_RECORDS,
                       PC_BINDS(PC_I64(o->original_id), PC_I64(o->customer_id),
                                PC_I64(o->partner_id), PC_I64(o->original_id), PC_I64(o->id),
                                PC_I64(o->id), PC_I64(s.limit + 1)),
                       record_row, &s);
}

static int detail_page(pc_ctx *c)
{
    order o = {0};
    pc_scope sc;
    void *args[2] = {c, &o};
    pc_authz_scope(&c->user, &sc);
    if (pc_db_query(&orders_detail_sql, ST_ORDER,
                    PC_BINDS(PC_I64(c->path_id[0]), PC_SCOPE_BINDS(sc)), order_row, args) < 0)
        return pc_error(c, 500);
    if (!o.found) /* not in the user's scope, or no such order: the same answer */
        return pc_error(c, 404);
    if (pc_db_query(&orders_detail_sql, ST_RESOURCES, PC_BINDS(PC_I64(o.id)), resource_row, c) <
            0 ||
        load_records(c, &o) < 0 || orders_price_section(c, o.id) < 0)
        return pc_error(c, 500);
    if (pc_authz_allows(&c->user, PC_GUARD_CUSTOMERS) && o.partner_id == c->user.partner_id)
        pc_set(c, "Page.customer_link", "1");
    pc_set(c, "Page.title",
           pc_arena_printf(&c->arena, "%s %s", pc_t(c, "cust.ord.detail.title"),
                           hdf_get_value(c->hdf, "Order.order_no", "")));
    orders_tabs(c, o.partner_id == c->user.partner_id ? "own" : "resellers");
    return pc_render(c, "orders/detail.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/orders/{id}", PC_PERM_ORDER_VIEW, detail_page, 0),
};
PC_ROUTE_TABLE(orders_detail_routes, routes);
