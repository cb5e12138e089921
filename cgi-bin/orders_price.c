/*
 * Referral price adjustment (S11): the partner administrator sets the price
 * of an order awaiting payment of a customer associated with it by referral,
 * below or at the list price, with a reason; every change is kept and shown
 * as the Price Adjustment History of the order.  Orders of resale customers
 * have no Adjust Price (the reseller sets its prices outside the platform):
 * the button is absent and the POST answers 403.
 */
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/money.h"
#include "orders.h"
#include "base/view.h"

enum stmt { ST_ORDER, ST_LOCK_ORDER, ST_HISTORY, ST_INSERT, ST_UPDATE, ST__MAX };
#define ORDER_FACTS                                                                                \
    "SELECT o.id, o.order_no, o.status, o.list_amount, IFNULL(o.adjusted_amount, o.list_amount), " \
    "IFNULL(c.association_type, ''), o.partner_id = ? AND c.partner_id = o.partner_id "            \
    "FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ? "                       \
    "AND " PC_SCOPE_CUSTOMER_SQL
static const char *const sql[ST__MAX] = {
    [ST_ORDER] = ORDER_FACTS,
    /* the order row is the lock that orders two adjustments of one order */
    [ST_LOCK_ORDER] = ORDER_FACTS " FOR UPDATE",
    [ST_HISTORY] =
        "SELECT a.old_amount, a.new_amount, a.reason, IFNULL(u.name, '') AS by_name, a.adjusted_at "
        "FROM order_price_adjustments a LEFT JOIN users u ON u.id = a.adjusted_by "
        "WHERE a.order_id = ? AND a.partner_id = ? ORDER BY a.id DESC LIMIT 100",
    [ST_INSERT] = "INSERT INTO order_price_adjustments (order_id, partner_id, old_amount, "
                  "new_amount, reason, "
                  "adjusted_by, adjusted_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
    [ST_UPDATE] =
        "UPDATE orders SET adjusted_amount = ? WHERE id = ? AND status = 'pending_payment'",
};
PC_SQL_TABLE(price_sql, sql);

#define CENT (PC_MONEY_SCALE / 100)

static const pc_field price_fields[] = {
    {"price", pc_valid_money, CENT, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    {"reason", pc_valid_text, 1, 200, PC_FIELD_REQUIRED, NULL},
};

typedef struct facts {
    int found, own;
    int64_t id, list_amount, price;
    char order_no[40], status[24], association_type[12];
} facts;

static int facts_row(void *arg, const pc_row *r)
{
    facts *f = arg;
    f->found = 1;
    f->id = pc_row_i64(r, 0);
    snprintf(f->order_no, sizeof f->order_no, "%s", pc_row_str(r, 1));
    snprintf(f->status, sizeof f->status, "%s", pc_row_str(r, 2));
    f->list_amount = pc_row_i64(r, 3);
    f->price = pc_row_i64(r, 4);
    snprintf(f->association_type, sizeof f->association_type, "%s", pc_row_str(r, 5));
    f->own = pc_row_i64(r, 6) != 0;
    return 1;
}

static int load_facts(pc_ctx *c, int stmt, int64_t order_id, facts *f)
{
    pc_scope sc;
    pc_authz_scope(&c->user, &sc);
    memset(f, 0, sizeof *f);
    return pc_db_query(&price_sql, stmt,
                       PC_BINDS(PC_I64(c->user.partner_id), PC_I64(order_id), PC_SCOPE_BINDS(sc)),
                       facts_row, f);
}

/* 0 when the user may adjust the order's price now, else the status to answer. */
static int adjustable(const pc_ctx *c, const facts *f)
{
    if (!f->found)
        return 404;
    if (!f->own || strcmp(f->association_type, "referral") != 0 ||
        !(c->user.system_roles & PC_ROLE_ADMIN))
        return 403;
    return strcmp(f->status, "pending_payment") == 0 ? 0 : 409;
}

/* Price Adjustment History under Adjustments.N, and Page.can_adjust, for the order pages. */
int orders_price_section(pc_ctx *c, int64_t order_id)
{
    facts f;
    char out[40];
    if (load_facts(c, ST_ORDER, order_id, &f) < 0)
        return -1;
    if (!f.found)
        return 0;
    if (adjustable(c, &f) == 0)
        pc_set(c, "Page.can_adjust", "1");
    if (strcmp(f.association_type, "referral") == 0 && f.own) {
        pc_set(c, "Price.referral", "1");
        pc_set(c, "Price.current", pc_money_format(f.price, 2, 1, out, sizeof out));
        if (pc_db_hdf(&price_sql, ST_HISTORY,
                      PC_BINDS(PC_I64(order_id), PC_I64(c->user.partner_id)), c->hdf,
                      "Adjustments") < 0)
            return -1;
        for (HDF *h = hdf_get_child(c->hdf, "Adjustments"); h; h = hdf_obj_next(h)) {
            pc_view_hdf_money(h, "old_amount", 2);
            pc_view_hdf_money(h, "new_amount", 2);
            pc_view_hdf_datetime(h, "adjusted_at", "adjusted_at");
        }
    }
    return 0;
}

static int price_form(pc_ctx *c)
{
    facts f;
    char out[40];
    if (load_facts(c, ST_ORDER, c->path_id[0], &f) < 0)
        return pc_error(c, 500);
    int refusal = adjustable(c, &f);
    if (refusal)
        return refusal == 409 ? pc_error_say(c, 409, NULL, "cust.ord.price.err.not_pending")
                              : pc_error(c, refusal);
    pc_set_int(c, "Order.id", f.id);
    pc_set(c, "Order.order_no", f.order_no);
    pc_set(c, "Order.list_amount", pc_money_format(f.list_amount, 2, 1, out, sizeof out));
    pc_set(c, "Order.price", pc_money_format(f.price, 2, 1, out, sizeof out));
    if (orders_price_section(c, f.id))
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "cust.ord.price.title"));
    orders_tabs(c, "own");
    return pc_render(c, "orders/price.cs");
}

typedef struct price_job {
    pc_ctx *c;
    int64_t order_id, price;
    const char *reason;
    int refusal;
} price_job;

static int price_tx(void *arg)
{
    price_job *j = arg;
    pc_ctx *c = j->c;
    facts f;
    if (load_facts(c, ST_LOCK_ORDER, j->order_id, &f) < 0)
        return -1;
    /* checked again under the lock: the order may have been paid meanwhile */
    if ((j->refusal = adjustable(c, &f)) != 0)
        return 1;
    if (j->price > f.list_amount) {
        j->refusal = 400;
        return 1;
    }
    if (pc_db_exec(&price_sql, ST_INSERT,
                   PC_BINDS(PC_I64(f.id), PC_I64(c->user.partner_id), PC_I64(f.price),
                            PC_I64(j->price), PC_STR(j->reason), PC_I64(c->user.id)),
                   NULL) != 1 ||
        pc_db_exec(&price_sql, ST_UPDATE, PC_BINDS(PC_I64(j->price), PC_I64(f.id)), NULL) != 1)
        return -1;
    pc_audit_ctx(
        c, "order.price_adjust", "order", f.id, "ok",
        pc_arena_printf(&c->arena, "from=%lld to=%lld", (long long)f.price, (long long)j->price));
    return 0;
}

static int price_post(pc_ctx *c)
{
    pc_value v[2];
    if (pc_form(c, price_fields, 2, v)) {
        c->status = 400;
        return price_form(c);
    }
    price_job j = {c, c->path_id[0], v[0].i, v[1].s, 0};
    int rc = pc_db_tx(price_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0 && j.refusal == 400) {
        pc_form_error(c, "price", "cust.ord.price.err.above_list");
        c->status = 400;
        return price_form(c);
    }
    if (rc > 0)
        return j.refusal == 409 ? pc_error_say(c, 409, NULL, "cust.ord.price.err.not_pending")
                                : pc_error(c, j.refusal);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/orders/%lld?msg=price_adjusted", (long long)j.order_id));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/orders/{id}/price", PC_PERM_ORDER_VIEW, price_form, 0),
    PC_ROUTE("POST", "/orders/{id}/price", PC_PERM_ORDER_VIEW, price_post, 0),
};
PC_ROUTE_TABLE(orders_price_routes, routes);
