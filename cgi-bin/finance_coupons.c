/*
 * Sales > Financial Information > Coupons (ch09 §9.4.5.1.2, §9.4.5.1.3): the
 * cash coupons the vendor issued to the partner, tabs All (test coupons
 * included) and Test Coupons, searched by customer (the coupons usable for
 * that customer: restricted to it or general), filtered by status, in keyset
 * pages; the details with the usage record; the archive of coupons expired
 * more than two years ago; the Test Coupon Balance Notification switch.
 * Another partner's coupon is a 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "finance.h"
#include "base/money.h"
#include "base/view.h"
#include "web/listing.h"

PC_SQL_COMPOSER(coupon_list_composer);

#define COUPON_COLUMNS                                                                             \
    "SELECT k.id, k.code, k.name, k.kind, k.status, k.face_value, k.balance, k.valid_from, "       \
    "k.valid_to, COALESCE(p.name, ''), COALESCE(x.name, ''), COALESCE(c.name, ''), "               \
    "COALESCE(c.account_name, ''), COALESCE(k.billing_mode, ''), k.remarks, k.region, "            \
    "k.no_promotion, k.customer_id, COALESCE(r.name, ''), COALESCE(r.account_name, "               \
    "'') " COUPON_FROM
#define COUPON_FROM                                                                                \
    "FROM coupons k LEFT JOIN products p ON p.id = k.product_id "                                  \
    "LEFT JOIN products x ON x.id = k.excluded_product_id "                                        \
    "LEFT JOIN customers c ON c.id = k.customer_id LEFT JOIN partners r ON r.id = k.reseller_id "
/* Coupons counted for the list's total at most (beyond it: "more than 10,000"). */
#define COUNT_CAP 10000

enum stmt { ST_DETAIL, ST_USAGE, ST_NOTICE, ST_SET_NOTICE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DETAIL] =
        COUPON_COLUMNS "WHERE k.id = ? AND k.owner_partner_id = ? AND k.issuer = 'vendor'",
    [ST_USAGE] =
        "SELECT u.billing_cycle, COALESCE(g.name, '') AS service_type, p.name AS product, "
        "l.billing_mode, u.amount, l.transaction_no FROM coupon_usage u "
        "JOIN expenditure_lines l ON l.id = u.line_id JOIN products p ON p.id = l.product_id "
        "LEFT JOIN product_categories g ON g.id = p.category_id "
        "WHERE u.coupon_id = ? ORDER BY u.billing_cycle DESC, u.id DESC LIMIT 500",
    [ST_NOTICE] = "SELECT test_coupon_notice FROM partners WHERE id = ?",
    [ST_SET_NOTICE] = "UPDATE partners SET test_coupon_notice = ? WHERE id = ?",
};
PC_SQL_TABLE(fcoupon_sql, sql);

static const char *const tabs[] = {"all", "test", NULL};
static const char *const statuses[] = {"available", "used", "invalid", NULL};
enum { Q_TAB, Q_Q, Q_STATUS, Q__N };
static const pc_field query_fields[Q__N] = {
    [Q_TAB] = {"tab", pc_valid_enum, 0, 0, 0, tabs},
    [Q_Q] = {"q", pc_valid_text, 0, 128, 0, NULL},
    [Q_STATUS] = {"status", pc_valid_enum, 0, 0, 0, statuses},
};

typedef struct list_state {
    pc_ctx *c;
    const char *prefix;
    int i, show;
    int64_t last_id;
} list_state;

static void put(list_state *s, const char *field, const char *value)
{
    pc_set(s->c, pc_arena_printf(&s->c->arena, "%s.%d.%s", s->prefix, s->i, field), value);
}

static void put_money(list_state *s, const char *field, int64_t v, int decimals)
{
    char out[40];
    put(s, field, pc_money_format(v, decimals, 1, out, sizeof out));
}

static void put_time(list_state *s, const char *field, const char *utc)
{
    char out[64];
    put(s, field, pc_view_datetime(utc, out, sizeof out));
}

/* One coupon row of COUPON_COLUMNS into <prefix>.<i>. */
static void coupon_row(list_state *s, const pc_row *r)
{
    char masked[300];
    put(s, "id", pc_row_str(r, 0));
    put(s, "code", pc_row_str(r, 1));
    put(s, "name", pc_row_str(r, 2));
    put(s, "kind", pc_row_str(r, 3));
    put(s, "status", pc_row_str(r, 4));
    put_money(s, "face_value", pc_row_i64(r, 5), 2);
    put_money(s, "balance", pc_row_i64(r, 6), 2);
    put_time(s, "valid_from", pc_row_str(r, 7));
    put_time(s, "valid_to", pc_row_str(r, 8));
    put(s, "product", pc_row_str(r, 9));
    put(s, "excluded", pc_row_str(r, 10));
    const char *name = pc_row_str(r, 11), *account = pc_row_str(r, 12);
    if (*name) {
        put(s, "customer", s->show ? name : pc_mask_name(name, masked, sizeof masked));
        put(s, "account", s->show ? account : pc_mask_name(account, masked, sizeof masked));
    }
    put(s, "billing_mode", pc_row_str(r, 13));
    put(s, "remarks", pc_row_str(r, 14));
    put(s, "region", pc_row_str(r, 15));
    if (pc_row_i64(r, 16))
        put(s, "no_promotion", "1");
    /* a distributor's coupon limited to one reseller (ch10 §10.2.4.5), masked like names */
    const char *reseller = pc_row_str(r, 18), *reseller_account = pc_row_str(r, 19);
    if (*reseller) {
        put(s, "reseller", s->show ? reseller : pc_mask_name(reseller, masked, sizeof masked));
        put(s, "reseller_account",
            s->show ? reseller_account : pc_mask_name(reseller_account, masked, sizeof masked));
    }
}

static int list_row(void *arg, const pc_row *r)
{
    list_state *s = arg;
    coupon_row(s, r);
    s->last_id = pc_row_i64(r, 0);
    s->i++;
    return 0;
}

static int show_names(pc_ctx *c)
{
    const char *v = pc_params_get(&c->query, "show");
    return v && strcmp(v, "name") == 0;
}

/* The list's query string without the page key and the eye ("tab=…&q=…&status=…&"). */
static const char *list_query(pc_ctx *c, const pc_value *v)
{
    char q[400];
    return pc_arena_printf(&c->arena, "tab=%s&q=%s&status=%s&",
                           v[Q_TAB].present ? v[Q_TAB].s : "all",
                           pc_view_url_encode(v[Q_Q].s, q, sizeof q), v[Q_STATUS].s);
}

/* The list's rows after `head` (its columns, or the count's "SELECT 1"), filtered. */
static void compose_where(pc_ctx *c, const pc_value *v, int archive, pc_sql_build *b)
{
    pc_sql_add(b, "WHERE k.owner_partner_id = ? AND k.issuer = 'vendor'",
               PC_I64(c->user.partner_id));
    /* archived: expired more than two years ago (9.4.5.1.2) */
    pc_sql_add(b, archive ? "AND k.valid_to < UTC_TIMESTAMP() - INTERVAL 2 YEAR"
                          : "AND k.valid_to >= UTC_TIMESTAMP() - INTERVAL 2 YEAR");
    if (v[Q_TAB].present && v[Q_TAB].i == 1)
        pc_sql_add(b, "AND k.kind = 'test'");
    if (v[Q_STATUS].present)
        pc_sql_add(b, "AND k.status = ?", PC_STR(v[Q_STATUS].s));
    if (v[Q_Q].present) {
        const char *like = pc_db_like(&c->arena, v[Q_Q].s);
        /* usable for a matching customer of the partner or (a distributor's) of its resellers:
           restricted to it, or not restricted to a customer when one matches (and to its
           reseller, for a coupon limited to one) */
        pc_sql_add(
            b,
            "AND ((k.customer_id IS NULL AND EXISTS (SELECT 1 FROM customers m JOIN partners g "
            "ON g.id = m.partner_id WHERE (g.id = k.owner_partner_id OR g.distributor_id = "
            "k.owner_partner_id) AND (k.reseller_id IS NULL OR g.id = k.reseller_id) "
            "AND (m.name LIKE ? OR m.account_name LIKE ?))) OR (c.partner_id IN (SELECT g.id FROM "
            "partners g WHERE g.id = k.owner_partner_id OR g.distributor_id = k.owner_partner_id) "
            "AND (c.name LIKE ? OR c.account_name LIKE ?)))",
            PC_STR(like), PC_STR(like), PC_STR(like), PC_STR(like));
    }
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 0;
}

static int list_common(pc_ctx *c, int archive)
{
    pc_value v[Q__N];
    const char *errors[Q__N];
    const char *path = archive ? "/finance/coupons/archive" : "/finance/coupons";
    int bad = pc_valid_form(&c->arena, query_fields, Q__N, &c->query, v, errors);
    list_state s = {c, "Coupons", 0, show_names(c), 0};
    if (bad) { /* what was typed stays, with why it is refused; nothing is listed */
        for (int i = Q_Q; i < Q__N; i++) {
            const char *typed = pc_params_get(&c->query, query_fields[i].name);
            if (errors[i])
                pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", query_fields[i].name),
                       pc_t(c, errors[i]));
            if (errors[i])
                v[i] = (pc_value){.s = typed ? typed : ""};
        }
        if (errors[Q_TAB])
            v[Q_TAB] = (pc_value){.s = ""};
        c->status = 400;
        pc_set(c, "Page.bad_filters", "1");
    } else {
        pc_list l;
        pc_list_read(c, &l);
        if (pc_list_offset(&l) >= COUNT_CAP) /* no deeper than the pager leads */
            l.page = COUNT_CAP / l.size;
        pc_sql_build b = {0}, n = {0};
        int64_t counted = 0;
        pc_sql_add_binds(&b, COUPON_COLUMNS, NULL, 0);
        compose_where(c, v, archive, &b);
        pc_sql_add(&b, "ORDER BY k.id DESC LIMIT ? OFFSET ?", PC_I64(pc_list_limit(&l)),
                   PC_I64(pc_list_offset(&l)));
        pc_sql_add_binds(&n, "SELECT COUNT(*) FROM (SELECT 1 " COUPON_FROM, NULL, 0);
        compose_where(c, v, archive, &n);
        pc_sql_add(&n, "LIMIT ?) capped", PC_I64(COUNT_CAP + 1));
        if (pc_db_query_built(&coupon_list_composer, &b, list_row, &s) < 0 ||
            pc_db_query_built(&coupon_list_composer, &n, count_row, &counted) < 0)
            return pc_error(c, 500);
        const char *query = list_query(c, v);
        pc_list_pager_capped(c, &l, path,
                             pc_arena_printf(&c->arena, "%s%s", query, s.show ? "show=name&" : ""),
                             s.i, counted, COUNT_CAP);
        pc_set(c, "Eye.href",
               pc_arena_printf(&c->arena, "?%s%s", query, s.show ? "" : "show=name"));
        if (s.show)
            pc_set(c, "Eye.on", "1");
    }
    pc_set(c, "Filter.tab", v[Q_TAB].present ? v[Q_TAB].s : "all");
    pc_set(c, "Filter.q.value", v[Q_Q].s);
    pc_set(c, "Filter.status.value", v[Q_STATUS].s);
    if (archive)
        pc_set(c, "Page.archive", "1");
    if (pc_db_int(&fcoupon_sql, ST_NOTICE, PC_BINDS(PC_I64(c->user.partner_id)), 1) == 1)
        pc_set(c, "Page.notice_on", "1");
    if (c->user.system_roles & PC_ROLE_ADMIN)
        pc_set(c, "Page.is_admin", "1");
    if (strcmp(c->user.partner_kind, "distributor") == 0)
        pc_set(c, "Page.show_reseller", "1"); /* Reseller Name/Account (ch10 §10.2.4.5) */
    pc_set(c, "Page.title", pc_t(c, archive ? "coupons.archive.title" : "coupons.list.title"));
    return pc_render(c, "finance/coupons.cs");
}

static int list_page(pc_ctx *c)
{
    return list_common(c, 0);
}

static int archive_page(pc_ctx *c)
{
    return list_common(c, 1);
}

typedef struct detail_state {
    list_state s;
    int found;
} detail_state;

static int detail_row(void *arg, const pc_row *r)
{
    detail_state *d = arg;
    coupon_row(&d->s, r);
    d->found = 1;
    return 1;
}

static int detail_page(pc_ctx *c)
{
    detail_state d = {{c, "Coupon", 0, show_names(c), 0}, 0};
    if (pc_db_query(&fcoupon_sql, ST_DETAIL,
                    PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), detail_row,
                    &d) < 0)
        return pc_error(c, 500);
    if (!d.found)
        return pc_error(c, 404);
    if (pc_db_hdf(&fcoupon_sql, ST_USAGE, PC_BINDS(PC_I64(c->path_id[0])), c->hdf, "Usage") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Usage"); h; h = hdf_obj_next(h)) {
        char out[40];
        const char *a = hdf_get_value(h, "amount", "0");
        NEOERR *e = hdf_set_value(h, "amount",
                                  pc_money_format(strtoll(a, NULL, 10), 8, 1, out, sizeof out));
        nerr_ignore(&e);
        const char *cy = hdf_get_value(h, "billing_cycle", "");
        if (strlen(cy) == 6) {
            e = hdf_set_valuef(h, "cycle=%.4s-%.2s", cy, cy + 4);
            nerr_ignore(&e);
        }
    }
    pc_set(c, "Eye.href",
           pc_arena_printf(&c->arena, "/finance/coupons/%lld%s", (long long)c->path_id[0],
                           d.s.show ? "" : "?show=name"));
    if (d.s.show)
        pc_set(c, "Eye.on", "1");
    if (strcmp(c->user.partner_kind, "distributor") == 0)
        pc_set(c, "Page.show_reseller", "1");
    pc_set(c, "Page.title", pc_t(c, "coupons.detail.title"));
    return pc_render(c, "finance/coupon.cs");
}

/* POST /finance/coupons/notice: the Test Coupon Balance Notification switch (Admin only). */
static int notice_set(pc_ctx *c)
{
    return finance_switch(c, &fcoupon_sql, ST_SET_NOTICE, "coupon_notice",
                          "/finance/coupons?tab=test&msg=notice_");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/coupons", PC_PERM_FINANCE_VIEW, list_page, 0),
    PC_ROUTE("GET", "/finance/coupons/archive", PC_PERM_FINANCE_VIEW, archive_page, 0),
    PC_ROUTE("GET", "/finance/coupons/{id}", PC_PERM_FINANCE_VIEW, detail_page, 0),
    PC_ROUTE("POST", "/finance/coupons/notice", PC_PERM_FINANCE_VIEW, notice_set, 0),
};
PC_ROUTE_TABLE(finance_coupon_routes, routes);
