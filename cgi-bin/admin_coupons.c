/*
 * Admin > Cash Coupons (ch09 §9.4.5.1.1, S1): the vendor operator issues cash
 * coupons to partners (optionally for one customer of the partner), revokes
 * them, and grants or reclaims a partner's coupon quota.  Each change is one
 * transaction: the coupon or quota, its ledger entry (lib/billing/coupon.c) and the
 * audit event.  A refused form changes nothing and says why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "billing/coupon.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"
#include "base/view.h"
#include "web/page.h"

enum stmt {
    ST_COUPONS,
    ST_QUOTAS,
    ST_PARTNERS,
    ST_PRODUCTS,
    ST_PARTNER,
    ST_CUSTOMER,
    ST_RESELLER,
    ST_RESELLER_CUSTOMER,
    ST_PRODUCT,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_COUPONS] =
        "SELECT k.id, k.code, k.name, k.kind, k.issuer, k.status, k.face_value, k.balance, "
        "k.valid_from, k.valid_to, p.name AS partner, COALESCE(c.name, '') AS customer, "
        "COALESCE(r.name, '') AS reseller FROM coupons k JOIN partners p ON p.id = "
        "k.owner_partner_id LEFT JOIN customers c ON c.id = k.customer_id "
        "LEFT JOIN partners r ON r.id = k.reseller_id ORDER BY k.id DESC LIMIT 100",
    [ST_QUOTAS] = "SELECT q.partner_id, p.name, q.total, q.available FROM coupon_quotas q "
                  "JOIN partners p ON p.id = q.partner_id ORDER BY p.name LIMIT 500",
    [ST_PARTNERS] = "SELECT id, name, account_name FROM partners ORDER BY name LIMIT 1000",
    [ST_PRODUCTS] = "SELECT id, name FROM products WHERE active = 1 ORDER BY name",
    [ST_PARTNER] = "SELECT COUNT(*) FROM partners WHERE id = ?",
    /* the customer must be associated now with that partner or, for a distributor, one of its
       resellers (binds: customer, partner, partner) */
    [ST_CUSTOMER] = "SELECT COUNT(*) FROM customers c JOIN partners p ON p.id = c.partner_id "
                    "WHERE c.id = ? AND (p.id = ? OR p.distributor_id = ?)",
    /* a reseller of that distributor (binds: reseller, distributor) */
    [ST_RESELLER] = "SELECT COUNT(*) FROM partners WHERE id = ? AND distributor_id = ?",
    /* the customer of that reseller (binds: customer, reseller) */
    [ST_RESELLER_CUSTOMER] = "SELECT COUNT(*) FROM customers WHERE id = ? AND partner_id = ?",
    [ST_PRODUCT] = "SELECT COUNT(*) FROM products WHERE id = ?",
};
PC_SQL_TABLE(acoupon_sql, sql);

static const char *const kinds[] = {"normal", "test", NULL};
static const char *const modes[] = {"yearly_monthly", "pay_per_use", "reserved_instance",
                                    "savings_plan", NULL};
static const char *const quota_ops[] = {"grant", "reclaim", NULL};

enum {
    F_PARTNER,
    F_NAME,
    F_FACE,
    F_KIND,
    F_FROM,
    F_TO,
    F_CUSTOMER,
    F_RESELLER,
    F_PRODUCT,
    F_EXCLUDED,
    F_MODE,
    F_REGION,
    F_NOPROMO,
    F_REMARKS,
    F__N
};
static const pc_field fields[F__N] = {
    [F_PARTNER] = {"partner_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_NAME] = {"name", pc_valid_text, 1, 128, PC_FIELD_REQUIRED, NULL},
    [F_FACE] = {"face_value", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_KIND] = {"kind", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, kinds},
    [F_FROM] = {"valid_from", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_TO] = {"valid_to", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_CUSTOMER] = {"customer_id", pc_valid_id, 0, 0, 0, NULL},
    [F_RESELLER] = {"reseller_id", pc_valid_id, 0, 0, 0, NULL},
    [F_PRODUCT] = {"product_id", pc_valid_id, 0, 0, 0, NULL},
    [F_EXCLUDED] = {"excluded_product_id", pc_valid_id, 0, 0, 0, NULL},
    [F_MODE] = {"billing_mode", pc_valid_enum, 0, 0, 0, modes},
    [F_REGION] = {"region", pc_valid_text, 0, 32, 0, NULL},
    [F_NOPROMO] = {"no_promotion", pc_valid_text, 0, 3, 0, NULL},
    [F_REMARKS] = {"remarks", pc_valid_text, 0, 255, 0, NULL},
};

enum { Q_PARTNER, Q_AMOUNT, Q_OP, Q_REMARKS, Q__N };
static const pc_field quota_fields[Q__N] = {
    [Q_PARTNER] = {"quota_partner_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [Q_AMOUNT] = {"amount", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [Q_OP] = {"op", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, quota_ops},
    [Q_REMARKS] = {"quota_remarks", pc_valid_text, 0, 255, 0, NULL},
};

static void money_field(HDF *h, const char *name)
{
    char out[40];
    const char *v = hdf_get_value(h, name, NULL);
    if (!v)
        return;
    NEOERR *e =
        hdf_set_value(h, name, pc_money_format(strtoll(v, NULL, 10), 2, 1, out, sizeof out));
    nerr_ignore(&e);
}

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&acoupon_sql, ST_COUPONS, PC_NOBINDS, c->hdf, "Coupons") < 0 ||
        pc_db_hdf(&acoupon_sql, ST_QUOTAS, PC_NOBINDS, c->hdf, "Quotas") < 0 ||
        pc_db_hdf(&acoupon_sql, ST_PARTNERS, PC_NOBINDS, c->hdf, "Partners") < 0 ||
        pc_db_hdf(&acoupon_sql, ST_PRODUCTS, PC_NOBINDS, c->hdf, "Products") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Coupons"); h; h = hdf_obj_next(h)) {
        money_field(h, "face_value");
        money_field(h, "balance");
        pc_view_hdf_datetime(h, "valid_from", "valid_from");
        pc_view_hdf_datetime(h, "valid_to", "valid_to");
    }
    for (HDF *h = hdf_get_child(c->hdf, "Quotas"); h; h = hdf_obj_next(h)) {
        money_field(h, "total");
        money_field(h, "available");
    }
    pc_set(c, "Page.title", pc_t(c, "coupons.admin.title"));
    admin_tabs(c, "coupons");
    return pc_render(c, "admin/coupons.cs");
}

static int refuse(pc_ctx *c, const char *field, const char *key)
{
    if (field)
        pc_form_error(c, field, key);
    c->status = 400;
    return list_page(c);
}

typedef struct issue_tx_arg {
    pc_ctx *c;
    pc_coupon_new n;
    const char *now;
    int64_t id;
} issue_tx_arg;

static int issue_tx(void *arg)
{
    issue_tx_arg *x = arg;
    int rc = pc_coupon_issue(&x->n, x->now, &x->id);
    if (rc)
        return rc;
    pc_audit_ctx(x->c, "coupon.issue", "coupon", x->id, "ok",
                 pc_arena_printf(&x->c->arena, "partner=%lld face=%s kind=%s",
                                 (long long)x->n.partner_id,
                                 pc_params_get(&x->c->form, "face_value"), x->n.kind));
    return 0;
}

static int exists(int st, int64_t a, int64_t b)
{
    switch (st) {
    case ST_CUSTOMER:
        return pc_db_int(&acoupon_sql, st, PC_BINDS(PC_I64(a), PC_I64(b), PC_I64(b)), 0) > 0;
    case ST_RESELLER:
    case ST_RESELLER_CUSTOMER:
        return pc_db_int(&acoupon_sql, st, PC_BINDS(PC_I64(a), PC_I64(b)), 0) > 0;
    default:
        return pc_db_int(&acoupon_sql, st, PC_BINDS(PC_I64(a)), 0) > 0;
    }
}

/* The customer and reseller limits of a coupon: the reseller one of the partner's (a
   distributor's), the customer associated with the partner, its resellers or that reseller.
   0, or refused with the field's message. */
static int check_scope(pc_ctx *c, const pc_value *v)
{
    int64_t partner = v[F_PARTNER].i;
    if (v[F_RESELLER].present && !exists(ST_RESELLER, v[F_RESELLER].i, partner))
        return refuse(c, "reseller_id", "coupons.err.reseller");
    if (v[F_CUSTOMER].present &&
        !(v[F_RESELLER].present ? exists(ST_RESELLER_CUSTOMER, v[F_CUSTOMER].i, v[F_RESELLER].i)
                                : exists(ST_CUSTOMER, v[F_CUSTOMER].i, partner)))
        return refuse(c, "customer_id", "coupons.err.customer");
    return 0;
}

/* POST /admin/coupons: issue a coupon to a partner. */
static int issue(pc_ctx *c)
{
    pc_value v[F__N];
    char now[20], from[20], to[20];
    if (pc_form(c, fields, F__N, v))
        return refuse(c, NULL, NULL);
    if (v[F_TO].i < v[F_FROM].i)
        return refuse(c, "valid_to", "coupons.err.order");
    if (!exists(ST_PARTNER, v[F_PARTNER].i, 0))
        return refuse(c, "partner_id", "coupons.err.partner");
    if (v[F_RESELLER].present || v[F_CUSTOMER].present) {
        int rc = check_scope(c, v);
        if (rc)
            return rc;
    }
    if ((v[F_PRODUCT].present && !exists(ST_PRODUCT, v[F_PRODUCT].i, 0)) ||
        (v[F_EXCLUDED].present && !exists(ST_PRODUCT, v[F_EXCLUDED].i, 0)))
        return refuse(c, "product_id", "coupons.err.product");
    pc_clock_now_text(now);
    pc_clock_day_start(v[F_FROM].s, 0, from);
    /* the last second of the last day in the billing time zone (9.4.5.1.2: 23:59:59) */
    pc_clock_day_end(v[F_TO].s, to);
    if (strcmp(to, now) <= 0)
        return refuse(c, "valid_to", "coupons.err.past");
    issue_tx_arg x = {c,
                      {.issuer = "vendor",
                       .name = v[F_NAME].s,
                       .kind = v[F_KIND].s,
                       .partner_id = v[F_PARTNER].i,
                       .customer_id = v[F_CUSTOMER].present ? v[F_CUSTOMER].i : 0,
                       .reseller_id = v[F_RESELLER].present ? v[F_RESELLER].i : 0,
                       .face_value = v[F_FACE].i,
                       .valid_from = from,
                       .valid_to = to,
                       .product_id = v[F_PRODUCT].present ? v[F_PRODUCT].i : 0,
                       .excluded_product_id = v[F_EXCLUDED].present ? v[F_EXCLUDED].i : 0,
                       .billing_mode = v[F_MODE].present ? v[F_MODE].s : "",
                       .region = v[F_REGION].s,
                       .remarks = v[F_REMARKS].s,
                       .no_promotion = v[F_NOPROMO].present,
                       .user_id = c->user.id},
                      now,
                      0};
    if (pc_db_tx(issue_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, "/admin/coupons?msg=coupon_issued");
}

typedef struct close_tx_arg {
    pc_ctx *c;
    int64_t id;
    const char *now;
} close_tx_arg;

static int revoke_tx(void *arg)
{
    close_tx_arg *x = arg;
    int64_t amount = 0;
    int rc = pc_coupon_close(x->id, 0, PC_COUPON_REVOKE, x->now, x->c->user.id,
                             "revoked by the vendor", &amount);
    if (rc)
        return rc;
    pc_audit_ctx(x->c, "coupon.revoke", "coupon", x->id, "ok",
                 pc_arena_printf(&x->c->arena, "written_off=%lld", (long long)amount));
    return 0;
}

/* POST /admin/coupons/{id}/revoke: the coupon becomes invalid, its balance is written off. */
static int revoke(pc_ctx *c)
{
    char now[20];
    int asked = pc_confirm_first(c, "dlg.revoke.title", "dlg.revoke.text", "",
                                 "coupons.admin.revoke", "/admin/coupons");
    if (asked)
        return asked;
    pc_clock_now_text(now);
    close_tx_arg x = {c, c->path_id[0], now};
    int rc = pc_db_tx(revoke_tx, &x);
    if (rc == PC_COUPON_NOT_FOUND)
        return pc_error(c, 404);
    if (rc == PC_COUPON_STATE)
        return pc_error_say(c, 409, "coupons.err.state_title", "coupons.err.state");
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, "/admin/coupons?msg=coupon_revoked");
}

typedef struct quota_tx_arg {
    pc_ctx *c;
    int64_t partner, amount;
    const char *remarks, *now;
} quota_tx_arg;

static int quota_tx(void *arg)
{
    quota_tx_arg *x = arg;
    int rc = pc_coupon_quota_change(x->partner, x->amount, x->c->user.id, x->remarks, x->now);
    if (rc)
        return rc;
    pc_audit_ctx(x->c, x->amount > 0 ? "coupon_quota.grant" : "coupon_quota.reclaim", "partner",
                 x->partner, "ok",
                 pc_arena_printf(&x->c->arena, "amount=%lld", (long long)x->amount));
    return 0;
}

/* POST /admin/coupons/quota: grant or reclaim a partner's coupon quota. */
static int quota(pc_ctx *c)
{
    pc_value v[Q__N];
    char now[20];
    if (pc_form(c, quota_fields, Q__N, v))
        return refuse(c, NULL, NULL);
    if (!exists(ST_PARTNER, v[Q_PARTNER].i, 0))
        return refuse(c, "quota_partner_id", "coupons.err.partner");
    pc_clock_now_text(now);
    quota_tx_arg x = {c, v[Q_PARTNER].i, v[Q_OP].i == 0 ? v[Q_AMOUNT].i : -v[Q_AMOUNT].i,
                      v[Q_REMARKS].s, now};
    int rc = pc_db_tx(quota_tx, &x);
    if (rc == PC_COUPON_NO_QUOTA)
        return refuse(c, "amount", "coupons.err.quota_short");
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, "/admin/coupons?msg=quota_saved");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/coupons", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/coupons", PC_GUARD_OPERATOR, issue, 0),
    PC_ROUTE("POST", "/admin/coupons/{id}/revoke", PC_GUARD_OPERATOR, revoke, 0),
    PC_ROUTE("POST", "/admin/coupons/quota", PC_GUARD_OPERATOR, quota, 0),
};
PC_ROUTE_TABLE(admin_coupon_routes, routes);
