/*
 * Customer orders through the partner API (spec partner-api.md §5.4):
 * list_customer_orders, show_customer_order_details,
 * show_refund_order_details — over the rows and scope of Customer Orders
 * (lib/order_query: the same statement, paged by offset here), for a member
 * with order.view.  The resource operations (§5.5) are in
 * api_orders_resources.c; this file holds the area's operation table.
 *
 * Our orders are of one product each: an order is its own single line item
 * (its resources give the effective and expiry times and the quantity).
 * States: pending_payment 6, processing 3, completed 5, cancelled 4, and an
 * order whose resources were unsubscribed stays completed (5) — its
 * unsubscription is an order of type 4.  Amounts: amount_after_discount is
 * the amount paid (cash and coupons), official_amount the list amount.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api_orders.h"
#include "base/clock.h"
#include "base/db.h"
#include "query/order_query.h"
#include "base/view.h"

PC_SQL_COMPOSER(api_orders_composer);

enum stmt { ST_PLACED_BY, ST_LINE, ST_ORIGINAL, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PLACED_BY] = "SELECT username FROM users WHERE id = ?",
    /* what the order created: its single line item's times, quantity and spec */
    [ST_LINE] = "SELECT COUNT(*), IFNULL(MIN(effective_at), ''), IFNULL(MAX(expires_at), ''), "
                "IFNULL(MIN(spec), '') FROM resources WHERE order_id = ?",
    [ST_ORIGINAL] = "SELECT o.order_no FROM orders o JOIN orders t ON t.original_order_id = o.id "
                    "WHERE t.id = ?",
};
PC_SQL_TABLE(api_orders_sql, sql);

/* The columns of pc_order_query_offset's PC_ORDER_LIST rows (order_query.h). */
enum {
    COL_ID = 0,
    COL_ORDER_NO = 1,
    COL_CUSTOMER = 2,
    COL_ACCOUNT = 4,
    COL_PARTNER = 5,
    COL_PRODUCT_CODE = 7,
    COL_PRODUCT_NAME = 8,
    COL_TYPE = 9,
    COL_STATUS = 10,
    COL_ORDERED = 11,
    COL_PAID = 12,
    COL_LIST = 13,
    COL_AMOUNT_PAID = 14,
    COL_COUPONS = 16,
    COL_REGION = 18,
    COL_PLACED_BY = 19,
    COL_PRICE = 20, /* the list amount, or the price a referral partner set (S11) */
};

/* ---- the order fields (SubCustomerOrderV2/V3, CustomerOrderV2/V3) ---- */

static void amounts(json_t *o, const pc_row *r)
{
    /* an order not paid (awaiting payment, cancelled) is worth its price, not the 0 paid so far */
    int64_t paid =
        *pc_row_str(r, COL_PAID) ? pc_row_i64(r, COL_AMOUNT_PAID) : pc_row_i64(r, COL_PRICE);
    /* "for unsubscription orders equal to amount_after_discount" */
    int64_t list =
        strcmp(pc_row_str(r, COL_TYPE), "unsubscription") == 0 ? paid : pc_row_i64(r, COL_LIST);
    json_object_set_new(o, "amount_after_discount", pc_api_money(paid, 8));
    json_object_set_new(o, "official_amount", pc_api_money(list, 8));
    json_object_set_new(o, "measure_id", json_integer(1));
    json_t *info = json_object();
    json_object_set_new(info, "coupon_amount", pc_api_money(pc_row_i64(r, COL_COUPONS), 8));
    json_object_set_new(o, "amount_info", info);
}

static json_t *order_json(const pc_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "order_id", json_string(pc_row_str(r, COL_ORDER_NO)));
    json_object_set_new(o, "customer_id", json_string(pc_row_str(r, COL_CUSTOMER)));
    api_set_str(o, "service_type_code", pc_row_str(r, COL_PRODUCT_CODE));
    api_set_str(o, "service_type_name", pc_row_str(r, COL_PRODUCT_NAME));
    /* 2 agent: placed by the partner on the customer's behalf; else 1 customer */
    json_object_set_new(o, "source_type", json_integer(pc_row_i64(r, COL_PLACED_BY) ? 2 : 1));
    json_object_set_new(o, "status", json_integer(api_order_status(pc_row_str(r, COL_STATUS))));
    json_object_set_new(o, "order_type", json_integer(api_order_type(pc_row_str(r, COL_TYPE))));
    amounts(o, r);
    api_set_time(o, "create_time", pc_row_str(r, COL_ORDERED));
    api_set_time(o, "payment_time", pc_row_str(r, COL_PAID));
    json_object_set_new(o, "currency", json_string("USD"));
    return o;
}

/* ---- filters ---- */

/* The caller may read orders at all: a member with order.view (the Customer Orders guard), a
 * customer. */
static int may_read(pc_api *a)
{
    /* a customer reads its own orders (§5.4 "or a customer") */
    if (a->user.kind == PC_KIND_CUSTOMER || pc_authz_allows(&a->user, PC_PERM_ORDER_VIEW))
        return 1;
    pc_api_error(a, 403, "CBC.0151", "Access denied: this key may not read customer orders.");
    return 0;
}

/* "2024-05-06 08:05:01" + 1 second: the end of a window given inclusive, as an exclusive bound. */
static void next_second(const char *dt, char out[20])
{
    time_t t;
    if (pc_clock_parse(dt, &t))
        snprintf(out, 20, "%s", dt);
    else
        pc_clock_text(t + 1, out);
}

typedef struct order_window {
    char begin[20], end[20], paid_begin[20], paid_end[20];
} order_window;

/* The time windows of list_customer_orders into q (w holds the strings).  0, or -1 answered. */
static int read_windows(pc_api *a, pc_order_query *q, order_window *w)
{
    char end[20], paid_end[20];
    int b = api_time(a, "create_time_begin", w->begin),
        e = b < 0 ? -1 : api_time(a, "create_time_end", end);
    int pb = e < 0 ? -1 : api_time(a, "payment_time_begin", w->paid_begin);
    int pe = pb < 0 ? -1 : api_time(a, "payment_time_end", paid_end);
    if (pe < 0)
        return -1;
    if (b)
        snprintf(q->from_utc, sizeof q->from_utc, "%s", w->begin);
    if (e)
        next_second(end, q->to_utc);
    if (pb)
        q->paid_from_utc = w->paid_begin;
    if (pe)
        next_second(paid_end, w->paid_end), q->paid_to_utc = w->paid_end;
    return 0;
}

/* status (integer): the wire codes we hold; codes we never hold match nothing. */
static int read_status(pc_api *a, pc_order_query *q)
{
    int64_t v;
    int rc = pc_api_int(a, "status", 0, 1, 13, &v);
    if (rc <= 0)
        return rc;
    static const char *const ours[14] = {
        [3] = "processing", [4] = "cancelled", [5] = "completed", [6] = "pending_payment"};
    if (v == 7 || v == 8)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: status %lld is not an order status.", (long long)v),
               -1;
    if (!ours[v])
        q->none = 1;
    else
        q->f[PC_OF_STATUS] = (pc_value){.s = ours[v], .present = 1};
    if (v == 5)
        q->status_also = "unsubscribed";
    return 1;
}

/* order_type (a string of the type code). */
static int read_type(pc_api *a, pc_order_query *q)
{
    static const struct {
        const char *wire, *ours;
    } map[] = {{"1", "new"}, {"2", "renewal"}, {"3", "change"}, {"4", "unsubscription"},
               {"11", NULL}, {"13", NULL},     {"14", NULL},    {"15", "price_adjustment"}};
    const char *v;
    int rc = pc_api_string(a, "order_type", 0, 2, &v);
    if (rc <= 0)
        return rc;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(v, map[i].wire) != 0)
            continue;
        if (map[i].ours)
            q->f[PC_OF_TYPE] = (pc_value){.s = map[i].ours, .present = 1};
        else
            q->none = 1;
        return 1;
    }
    return pc_api_error(a, 400, "CBC.0100",
                        "Invalid parameter: order_type must be 1, 2, 3, 4, 11, 13, 14 or 15."),
           -1;
}

/* order_by: createTime (oldest first) or -createTime (newest first, the default). */
static int read_order_by(pc_api *a, int *ascending)
{
    const char *v;
    int rc = pc_api_string(a, "order_by", 0, 16, &v);
    *ascending = 0;
    if (rc <= 0)
        return rc;
    if (strcmp(v, "createTime") == 0 || strcmp(v, "-createTime") == 0) {
        *ascending = v[0] != '-';
        return 1;
    }
    return pc_api_error(a, 400, "CBC.0100",
                        "Invalid parameter: order_by must be createTime or -createTime."),
           -1;
}

/* method: oneself (default) or sub_customer — we hold no enterprise sub-accounts, so none of those.
 */
static int read_method(pc_api *a, pc_order_query *q)
{
    const char *v;
    int rc = pc_api_string(a, "method", 0, 16, &v);
    if (rc <= 0 || !*v || strcmp(v, "oneself") == 0)
        return rc;
    if (strcmp(v, "sub_customer") == 0) {
        q->none = q->none || q->f[PC_OF_CUSTOMER].present;
        return 1;
    }
    return pc_api_error(a, 400, "CBC.0100",
                        "Invalid parameter: method must be oneself or sub_customer."),
           -1;
}

/*
 * Start q over the customers of the caller's scope (api_scope_read: the
 * tab "own" of the acting partner; a customer caller: itself); with
 * customer_id (when `customer_field`) one customer, refused with 403 when it
 * is not in scope.  0, or -1 answered.
 */
static int read_scope(pc_api *a, pc_order_query *q, api_scope *sc, int customer_field)
{
    const char *id;
    api_customer k;
    pc_order_query_all(q);
    if (api_scope_read(a, 1, sc) < 0)
        return -1;
    q->f[PC_OF_TAB] = (pc_value){.s = "own", .i = 0, .present = 1};
    if (sc->self)
        q->f[PC_OF_CUSTOMER] = (pc_value){.s = "", .i = sc->self, .present = 1};
    int rc = customer_field ? pc_api_string(a, "customer_id", 0, API_ID_MAX, &id) : 0;
    if (rc < 0)
        return -1;
    if (rc == 1 && *id) {
        if (api_customer_find(a, id, sc, &k) != 1)
            return -1;
        q->f[PC_OF_CUSTOMER] = (pc_value){.s = id, .i = k.id, .present = 1};
    }
    return 0;
}

/* ---- list_customer_orders ---- */

typedef struct rows_state {
    json_t *list;
} rows_state;

static int list_row(void *arg, const pc_row *r)
{
    rows_state *s = arg;
    json_t *o = order_json(r);
    json_object_set_new(o, "sub_order_infos", json_array());
    json_array_append_new(s->list, o);
    return 0;
}

/* GET /v2/orders/customer-orders */
static int list_orders(pc_api *a)
{
    pc_order_query q;
    order_window w;
    api_scope sc;
    int64_t offset, limit;
    int ascending;
    const char *order_no = NULL, *product = NULL;
    if (!may_read(a) || pc_api_paging(a, API_LIMIT_MAX, &offset, &limit) < 0 ||
        read_scope(a, &q, &sc, 1) < 0 ||
        pc_api_string(a, "order_id", 0, API_ID_MAX, &order_no) < 0 ||
        pc_api_string(a, "service_type_code", 0, API_ID_MAX, &product) < 0 ||
        read_windows(a, &q, &w) < 0 || read_status(a, &q) < 0 || read_type(a, &q) < 0 ||
        read_order_by(a, &ascending) < 0 || read_method(a, &q) < 0)
        return a->status;
    if (order_no && *order_no)
        q.f[PC_OF_ORDER_NO] = (pc_value){.s = order_no, .present = 1};
    if (product && *product)
        q.f[PC_OF_PRODUCT] = (pc_value){.s = product, .present = 1};
    pc_sql_build b, n;
    rows_state s = {json_array()};
    pc_order_query_count(&q, PC_ORDER_LIST, &sc.s, sc.acting, &n);
    pc_order_query_offset(&q, PC_ORDER_LIST, &sc.s, sc.acting, ascending, offset, limit, &b);
    int64_t total = -1;
    if (pc_db_query_built(&api_orders_composer, &n, api_count_row, &total) < 0 || total < 0 ||
        pc_db_query_built(&api_orders_composer, &b, list_row, &s) < 0) {
        json_decref(s.list);
        return api_db_error(a);
    }
    json_object_set_new(a->out, "total_count", json_integer(total));
    json_object_set_new(a->out, "order_infos", s.list);
    return 200;
}

/* ---- one order ---- */

typedef struct one_order {
    pc_api *a;
    json_t *info;
    int64_t id, placed_by, customer_partner, amount_paid;
    char type[24], account[72], product_code[72], region[40];
    int found;
} one_order;

static int one_row(void *arg, const pc_row *r)
{
    one_order *o = arg;
    o->found = 1;
    o->info = order_json(r);
    o->id = pc_row_i64(r, COL_ID);
    o->placed_by = pc_row_i64(r, COL_PLACED_BY);
    o->customer_partner = pc_row_i64(r, COL_PARTNER);
    o->amount_paid = pc_row_i64(r, COL_AMOUNT_PAID);
    snprintf(o->type, sizeof o->type, "%s", pc_row_str(r, COL_TYPE));
    snprintf(o->account, sizeof o->account, "%s", pc_row_str(r, COL_ACCOUNT));
    snprintf(o->product_code, sizeof o->product_code, "%s", pc_row_str(r, COL_PRODUCT_CODE));
    snprintf(o->region, sizeof o->region, "%s", pc_row_str(r, COL_REGION));
    return 1;
}

/*
 * The order numbered order_no of the acting partner's customers in scope (of
 * customer_id when given) into o.  1 found; else answered (403: not in
 * scope, or no such order — the same answer, as the pages' 404).
 */
static int find_order(pc_api *a, const char *order_no, int customer_field, one_order *o)
{
    pc_order_query q;
    api_scope sc;
    if (read_scope(a, &q, &sc, customer_field) < 0)
        return -1;
    q.f[PC_OF_ORDER_NO] = (pc_value){.s = order_no, .present = 1};
    pc_sql_build b;
    pc_order_query_offset(&q, PC_ORDER_LIST, &sc.s, sc.acting, 0, 0, 1, &b);
    if (pc_db_query_built(&api_orders_composer, &b, one_row, o) < 0)
        return api_db_error(a), -1;
    if (!o->found)
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: order %s is not an order of your customers.", order_no),
               -1;
    return 1;
}

static int name_row(void *arg, const pc_row *r)
{
    snprintf(arg, 40, "%s", pc_row_str(r, 0));
    return 1;
}

/* user_name: the member who placed it on the customer's behalf, else the customer's account name
 * (masked for a distributor looking at a reseller's customer, as on the pages). */
static int user_name(pc_api *a, const one_order *o)
{
    char name[40] = "", masked[80];
    if (o->placed_by && pc_db_query(&api_orders_sql, ST_PLACED_BY, PC_BINDS(PC_I64(o->placed_by)),
                                    name_row, name) < 0)
        return -1;
    const char *v = o->placed_by ? name : o->account;
    if (!o->placed_by && a->user.kind == PC_KIND_MEMBER &&
        o->customer_partner != a->user.partner_id)
        v = pc_mask_name(v, masked, sizeof masked);
    api_set_str(o->info, "user_name", v);
    return 0;
}

typedef struct line_info {
    int64_t count;
    char effective[20], expires[20], spec[132];
} line_info;

static int line_row(void *arg, const pc_row *r)
{
    line_info *l = arg;
    l->count = pc_row_i64(r, 0);
    snprintf(l->effective, sizeof l->effective, "%s", pc_row_str(r, 1));
    snprintf(l->expires, sizeof l->expires, "%s", pc_row_str(r, 2));
    snprintf(l->spec, sizeof l->spec, "%s", pc_row_str(r, 3));
    return 1;
}

/* The order's single line item (OrderLineItemEntityV2). */
static json_t *line_item(const one_order *o, const line_info *l, const char *order_no)
{
    json_t *i = json_object(), *base = json_object();
    json_object_set_new(i, "order_line_item_id", json_string(order_no));
    api_set_str(i, "service_type_code", o->product_code);
    api_set_str(i, "service_type_name",
                json_string_value(json_object_get(o->info, "service_type_name")));
    api_set_str(i, "product_spec_desc", l->spec);
    api_set_time(i, "effective_time", l->effective);
    api_set_time(i, "expire_time", l->expires);
    if (l->count > 0)
        json_object_set_new(i, "subscription_num", json_integer(l->count));
    static const char *const copied[] = {"amount_after_discount", "official_amount", "amount_info",
                                         "currency"};
    for (size_t k = 0; k < sizeof copied / sizeof copied[0]; k++)
        json_object_set(i, copied[k], json_object_get(o->info, copied[k]));
    api_set_str(i, "product_owner_service", o->product_code);
    api_set_str(base, "product_spec_desc", l->spec);
    api_set_str(base, "product_owner_service", o->product_code);
    json_object_set_new(i, "base_product_info", base);
    json_object_set_new(i, "order_id", json_string(order_no));
    return i;
}

/* GET /v2/orders/customer-orders/details/{order_id} */
static int order_details(pc_api *a)
{
    one_order o = {.a = a};
    line_info l = {0};
    int64_t offset, limit;
    const char *order_no = a->path_param ? a->path_param : "";
    if (!*order_no || strlen(order_no) > API_ID_MAX)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: order_id must be 1-64 characters.");
    if (!may_read(a) || pc_api_paging(a, API_LIMIT_MAX, &offset, &limit) < 0 ||
        find_order(a, order_no, 0, &o) < 0)
        return a->status;
    json_object_set_new(o.info, "sub_order_infos", json_array());
    json_object_set_new(a->out, "order_info", o.info); /* freed with a->out from here */
    if (user_name(a, &o) ||
        pc_db_query(&api_orders_sql, ST_LINE, PC_BINDS(PC_I64(o.id)), line_row, &l) < 0)
        return api_db_error(a);
    json_t *items = json_array();
    if (offset == 0) /* one line item: a page after it is empty */
        json_array_append_new(items, line_item(&o, &l, order_no));
    json_object_set_new(a->out, "total_count", json_integer(1));
    json_object_set_new(a->out, "order_line_items", items);
    return 200;
}

/* ---- show_refund_order_details ---- */

/* GET /v2/orders/customer-orders/refund-orders */
static int refund_details(pc_api *a)
{
    one_order o = {.a = a};
    const char *order_no;
    char original[40] = "";
    if (!may_read(a) || pc_api_string(a, "order_id", 1, API_ID_MAX, &order_no) < 0 ||
        find_order(a, order_no, 1, &o) < 0)
        return a->status;
    json_t *info = o.info;
    /* an unsubscription, or a change that gave money back (a downgrade) */
    int downgrade = strcmp(o.type, "change") == 0 && o.amount_paid < 0;
    if (strcmp(o.type, "unsubscription") != 0 && !downgrade) {
        json_decref(info);
        return pc_api_error(a, 400, "CBC.99005026",
                            "Order %s is not an unsubscription or downgrade order.", order_no);
    }
    if (pc_db_query(&api_orders_sql, ST_ORIGINAL, PC_BINDS(PC_I64(o.id)), name_row, original) < 0) {
        json_decref(info);
        return api_db_error(a);
    }
    json_t *r = json_object();
    json_object_set_new(r, "id", json_string(order_no));
    json_object_set_new(r, "amount", pc_api_money(o.amount_paid, 8));
    json_object_set_new(r, "measure_id", json_string("1")); /* a string by contract (§5.4) */
    json_object_set(r, "customer_id", json_object_get(info, "customer_id"));
    api_set_str(r, "service_type_code", o.product_code);
    api_set_str(r, "service_type_name",
                json_string_value(json_object_get(info, "service_type_name")));
    api_set_str(r, "region_code", o.region);
    api_set_str(r, "base_order_id", original);
    json_decref(info);
    json_t *list = json_array();
    json_array_append_new(list, r);
    json_object_set_new(a->out, "total_count", json_integer(1));
    json_object_set_new(a->out, "refund_infos", list);
    return 200;
}

static const pc_api_op ops[] = {
    PC_API_OP("GET", "/v2/orders/customer-orders", "list_customer_orders", list_orders, 0),
    PC_API_OP("GET", "/v2/orders/customer-orders/details/{order_id}", "show_customer_order_details",
              order_details, 0),
    PC_API_OP("GET", "/v2/orders/customer-orders/refund-orders", "show_refund_order_details",
              refund_details, 0),
    PC_API_OP("POST", "/v2/partners/sub-customers/on-demand-resources/query",
              "list_customer_on_demand_resources", api_on_demand_resources, PC_API_PARTNER),
    PC_API_OP("POST", "/v2/orders/suscriptions/resources/query",
              "list_pay_per_use_customer_resources", api_subscription_resources, 0),
};
PC_API_OP_TABLE(pc_api_order_ops, ops);
