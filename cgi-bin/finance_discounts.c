/*
 * Sales > Financial Information > Contracts and Commerce (ch09 §9.4.4.1):
 * the commercial discounts the vendor granted the signed-in partner, with a
 * search by customer name or account and a status filter, and each
 * discount's product-type discounts or savings with a product search.
 * Customer names are masked unless the eye toggle shows them (ch09 §0).
 * Another partner's discount is a 404.
 */
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "billing/discount.h"
#include "finance.h"
#include "base/money.h"
#include "base/view.h"

#define PAGE_ROWS 50

enum stmt { ST_LIST, ST_ONE, ST_ITEMS, ST__MAX };
/* binds of the filters: keyword, like, like, status, status, after */
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT d.id, d.code, d.level, d.status, d.effective_at, d.expires_at, c.name, "
                "c.account_name FROM commercial_discounts d LEFT JOIN customers c ON c.id = "
                "d.customer_id WHERE d.partner_id = ? AND (? = '' OR c.name LIKE ? OR "
                "c.account_name LIKE ?) AND (? = '' OR d.status = ?) AND d.id < ? "
                "ORDER BY d.id DESC LIMIT 51",
    [ST_ONE] = "SELECT d.id, d.code, d.level, d.body, d.status, d.effective_at, d.expires_at, "
               "c.name AS customer, c.account_name AS customer_account FROM "
               "commercial_discounts d LEFT JOIN customers c ON c.id = d.customer_id WHERE d.id = "
               "? AND d.partner_id = ?",
    [ST_ITEMS] = "SELECT i.id, pr.name AS product, pr.code AS product_code, i.region, "
                 "i.billing_mode, i.spec, i.discount_ppm, i.fixed_price, i.linear_size_milli, "
                 "i.usage_days FROM commercial_discount_items i JOIN products pr ON pr.id = "
                 "i.product_id WHERE i.discount_id = ? AND (? = '' OR pr.name LIKE ? OR pr.code "
                 "LIKE ?) ORDER BY pr.name, i.id",
};
PC_SQL_TABLE(fdisc_sql, sql);

static const char *const statuses[] = {"pending", "effective", "expired", NULL};
enum { QF_Q, QF_STATUS, QF_AFTER, QF__N };
static const pc_field filter_fields[QF__N] = {
    [QF_Q] = {"q", pc_valid_text, 1, 100, 0, NULL},
    [QF_STATUS] = {"status", pc_valid_enum, 0, 0, 0, statuses},
    [QF_AFTER] = {"after", pc_valid_id, 0, 0, 0, NULL},
};

typedef struct list_state {
    pc_ctx *c;
    int i, show;
    int64_t last_id;
} list_state;

static void row_set(pc_ctx *c, int i, const char *field, const char *v)
{
    pc_set(c, pc_arena_printf(&c->arena, "Discounts.%d.%s", i, field), v);
}

static const char *masked(pc_ctx *c, const char *v, int show)
{
    char out[300];
    return show || !*v ? v : pc_arena_strdup(&c->arena, pc_mask_name(v, out, sizeof out));
}

static int list_row(void *arg, const pc_row *r)
{
    list_state *s = arg;
    char when[64];
    if (s->i == PAGE_ROWS) {
        pc_set(s->c, "Page.next_after",
               pc_arena_printf(&s->c->arena, "%lld", (long long)s->last_id));
        return 1;
    }
    static const char *const cols[] = {"id", "code", "level", "status"};
    for (int k = 0; k < 4; k++)
        row_set(s->c, s->i, cols[k], pc_row_str(r, (size_t)k));
    row_set(s->c, s->i, "effective", pc_view_datetime(pc_row_str(r, 4), when, sizeof when));
    row_set(s->c, s->i, "expiration", pc_view_datetime(pc_row_str(r, 5), when, sizeof when));
    row_set(s->c, s->i, "customer", masked(s->c, pc_row_str(r, 6), s->show));
    row_set(s->c, s->i, "customer_account", masked(s->c, pc_row_str(r, 7), s->show));
    s->last_id = pc_row_i64(r, 0);
    s->i++;
    return 0;
}

static int show_customer(pc_ctx *c)
{
    const char *v = pc_params_get(&c->query, "show");
    return v && strcmp(v, "customer") == 0;
}

/* The filters as a query string, for the eye toggle and the next page. */
static void links(pc_ctx *c, const pc_value *f, int show)
{
    char q[320];
    const char *base = pc_arena_printf(&c->arena, "q=%s&status=%s",
                                       pc_view_url_encode(f[QF_Q].s, q, sizeof q), f[QF_STATUS].s);
    pc_set(c, "Page.query", pc_arena_printf(&c->arena, "%s%s", base, show ? "&show=customer" : ""));
    pc_set(
        c, "Eye.href",
        pc_arena_printf(&c->arena, "/finance/discounts?%s%s", base, show ? "" : "&show=customer"));
    if (show)
        pc_set(c, "Eye.on", "1");
}

static int list_page(pc_ctx *c)
{
    pc_value f[QF__N];
    const char *errors[QF__N];
    int bad = pc_valid_form(&c->arena, filter_fields, QF__N, &c->query, f, errors);
    for (int i = 0; i < QF__N; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", filter_fields[i].name), f[i].s);
        if (errors[i])
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", filter_fields[i].name),
                   pc_t(c, errors[i]));
    }
    list_state s = {c, 0, show_customer(c), 0};
    links(c, f, s.show);
    pc_set(c, "Page.title", pc_t(c, "disc.fcom.title"));
    if (bad) { /* a filter that is not valid lists nothing rather than something else */
        c->status = 400;
        return pc_render(c, "finance/discounts.cs");
    }
    const char *like = pc_db_like(&c->arena, f[QF_Q].s);
    if (pc_db_query(&fdisc_sql, ST_LIST,
                    PC_BINDS(PC_I64(c->user.partner_id), PC_STR(f[QF_Q].s), PC_STR(like),
                             PC_STR(like), PC_STR(f[QF_STATUS].s), PC_STR(f[QF_STATUS].s),
                             PC_I64(f[QF_AFTER].present ? f[QF_AFTER].i : INT64_MAX)),
                    list_row, &s) < 0)
        return pc_error(c, 500);
    return pc_render(c, "finance/discounts.cs");
}

static void format_items(pc_ctx *c)
{
    char buf[48];
    for (HDF *h = hdf_get_child(c->hdf, "Items"); h; h = hdf_obj_next(h)) {
        const char *ppm = hdf_get_value(h, "discount_ppm", NULL);
        const char *price = hdf_get_value(h, "fixed_price", NULL);
        const char *milli = hdf_get_value(h, "linear_size_milli", NULL);
        NEOERR *e = STATUS_OK;
        if (ppm)
            e = hdf_set_value(h, "rate",
                              pc_discount_format_ppm(strtoll(ppm, NULL, 10), buf, sizeof buf));
        nerr_ignore(&e);
        if (price)
            e = hdf_set_value(h, "price",
                              pc_money_format(strtoll(price, NULL, 10), 8, 0, buf, sizeof buf));
        nerr_ignore(&e);
        if (milli)
            e = hdf_set_value(h, "linear",
                              pc_discount_format_milli(strtoll(milli, NULL, 10), buf, sizeof buf));
        nerr_ignore(&e);
    }
}

static int detail_page(pc_ctx *c)
{
    int64_t id = c->path_id[0];
    int n = pc_db_hdf(&fdisc_sql, ST_ONE, PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)), c->hdf,
                      "Discount");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    const char *q = pc_params_get(&c->query, "q");
    q = q ? q : "";
    if (strlen(q) > 100)
        q = "";
    const char *like = pc_db_like(&c->arena, q);
    if (pc_db_hdf(&fdisc_sql, ST_ITEMS, PC_BINDS(PC_I64(id), PC_STR(q), PC_STR(like), PC_STR(like)),
                  c->hdf, "Items") < 0)
        return pc_error(c, 500);
    format_items(c);
    HDF *d = hdf_get_obj(c->hdf, "Discount.0");
    pc_view_hdf_datetime(d, "effective_at", "effective");
    pc_view_hdf_datetime(d, "expires_at", "expiration");
    int show = show_customer(c);
    NEOERR *e = hdf_set_value(d, "customer", masked(c, hdf_get_value(d, "customer", ""), show));
    nerr_ignore(&e);
    e = hdf_set_value(d, "customer_account",
                      masked(c, hdf_get_value(d, "customer_account", ""), show));
    nerr_ignore(&e);
    pc_set(c, "Filter.q.value", q);
    pc_set(c, "Page.title", hdf_get_value(d, "code", ""));
    return pc_render(c, "finance/discount.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/discounts", PC_PERM_FINANCE_VIEW, list_page, 0),
    PC_ROUTE("GET", "/finance/discounts/{id}", PC_PERM_FINANCE_VIEW, detail_page, 0),
};
PC_ROUTE_TABLE(finance_discount_routes, routes);
