/*
 * Export kinds "orders" (Customer Orders, 9.3.3.1) and "order_resources"
 * (Order Resource Details, S2): the rows the page lists for the task's
 * filters (the order time range, read as of the task's creation when it was
 * left to its default), in the exporting user's scope and a distributor's
 * tab, composed by lib/query/order_query.c with the page's own WHERE.  Customer,
 * account and reseller names are always masked.  The permission is the
 * pages' export permission (customer.export, as the routes ask).
 */
#include <string.h>

#include "exports/export_kinds.h"
#include "query/order_query.h"

static const export_column order_cols[] = {
    {"cust.ord.col.order_no", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.name", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.account", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"cust.ord.col.reseller", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"cust.ord.col.product", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"cust.ord.col.type", EXPORT_LABEL, EXPORT_PLAIN, "cust.ord.type."},
    {"cust.ord.col.status", EXPORT_LABEL, EXPORT_PLAIN, "cust.ord.status."},
    {"cust.ord.col.ordered", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"cust.ord.col.amount_paid", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"exports.col.orders.cash", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"exports.col.orders.coupons", EXPORT_MONEY, EXPORT_PLAIN, NULL},
};

static const export_column resource_cols[] = {
    {"cust.ord.col.order_no", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.name", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.account", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"cust.ord.col.reseller", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.orders.res_name", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.orders.res_id", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"cust.ord.col.product", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"cust.ord.res.spec", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"cust.ord.res.region", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"cust.ord.res.status", EXPORT_LABEL, EXPORT_PLAIN, "cust.ord.rstatus."},
    {"cust.ord.res.effective", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"cust.ord.res.expires", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
};

static int compose(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                   pc_order_kind kind, pc_sql_build *select, pc_sql_build *count)
{
    /* in the arena: the binds point into it (the UTC bounds) until the statements have run */
    pc_order_query *q = pc_arena_alloc(a, sizeof *q);
    pc_scope s;
    int distributor = strcmp(u->partner_kind, "distributor") == 0;
    if (pc_order_query_read(a, filters, distributor, created, q))
        return -1;
    pc_authz_scope(u, &s);
    pc_order_query_export(q, kind, &s, u->partner_id, select);
    pc_order_query_count(q, kind, &s, u->partner_id, count);
    return 0;
}

static int compose_orders(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                          pc_sql_build *select, pc_sql_build *count)
{
    return compose(a, u, filters, created, PC_ORDER_LIST, select, count);
}

static int compose_resources(pc_arena *a, const pc_user *u, const pc_params *filters,
                             time_t created, pc_sql_build *select, pc_sql_build *count)
{
    return compose(a, u, filters, created, PC_ORDER_RESOURCES, select, count);
}

const export_kind export_kind_orders = {
    "orders",       PC_PERM_CUSTOMER_EXPORT, order_cols, sizeof order_cols / sizeof order_cols[0],
    compose_orders,
};

const export_kind export_kind_order_resources = {
    "order_resources", PC_PERM_CUSTOMER_EXPORT,
    resource_cols,     sizeof resource_cols / sizeof resource_cols[0],
    compose_resources,
};
