/*
 * Coupon Management (ch09 S1): the partner issues cash coupons to its
 * associated customers out of the coupon quota the vendor granted it, and
 * reclaims their unused balance into the quota.  Tabs Cash Coupons (the
 * coupons it issued), Cash Coupon Quota (total, available, quota history) and
 * Operation Records (every issue and reclaim, exportable anonymized).
 * Viewing needs finance.view; issuing, reclaiming and exporting need the
 * Admin role (docs/DECISIONS.md).  Each change is one transaction with its
 * ledger entry, operation log and audit event; an issue larger than the
 * available quota changes nothing but writes one failed operation log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "billing/coupon.h"
#include "base/clock.h"
#include "base/db.h"
#include "finance.h"
#include "base/money.h"
#include "base/view.h"
#include "web/page.h"
#include "web/export_request.h"

enum stmt {
    ST_COUPONS,
    ST_QUOTA,
    ST_LOGS,
    ST_QUOTA_LOGS,
    ST_CUSTOMERS,
    ST_CUSTOMER,
    ST_EXPORT,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_COUPONS] =
        "SELECT k.id, k.code, k.name, k.status, k.face_value, k.balance, k.valid_from, k.valid_to, "
        "COALESCE(c.name, '') AS customer, COALESCE(c.account_name, '') AS account, k.remarks "
        "FROM coupons k LEFT JOIN customers c ON c.id = k.customer_id "
        "WHERE k.owner_partner_id = ? AND k.issuer = 'partner' ORDER BY k.id DESC LIMIT 200",
    [ST_QUOTA] = "SELECT total, available FROM coupon_quotas WHERE partner_id = ?",
    [ST_LOGS] = PC_COUPON_LOG_SELECT PC_COUPON_LOG_ORDER " LIMIT 200",
    [ST_QUOTA_LOGS] = PC_COUPON_LOG_SELECT
    " AND l.op_type IN ('issue_quota', 'reclaim_quota')" PC_COUPON_LOG_ORDER " LIMIT 200",
    [ST_CUSTOMERS] =
        "SELECT id, name, account_name FROM customers WHERE partner_id = ? ORDER BY name LIMIT 500",
    /* a customer associated with the partner now */
    [ST_CUSTOMER] = "SELECT COUNT(*) FROM customers WHERE id = ? AND partner_id = ?",
    [ST_EXPORT] =
        "INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, created_at) "
        "VALUES (?, ?, 'coupon_logs', ?, '', ?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(mgmt_sql, sql);

static const char *const tabs[] = {"coupons", "quota", "records", NULL};

enum { F_CUSTOMER, F_NAME, F_FACE, F_FROM, F_TO, F_REMARKS, F__N };
static const pc_field fields[F__N] = {
    [F_CUSTOMER] = {"customer_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_NAME] = {"name", pc_valid_text, 1, 128, PC_FIELD_REQUIRED, NULL},
    [F_FACE] = {"face_value", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_FROM] = {"valid_from", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_TO] = {"valid_to", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_REMARKS] = {"remarks", pc_valid_text, 0, 255, 0, NULL},
};

static void mask_at(HDF *h, const char *name)
{
    char out[300];
    const char *v = hdf_get_value(h, name, "");
    if (!*v)
        return;
    NEOERR *e = hdf_set_value(h, name, pc_mask_name(v, out, sizeof out));
    nerr_ignore(&e);
}

/* The log rows: the column names of PC_COUPON_LOG_SELECT are positional; name them. */
static int log_row(void *arg, const pc_row *r)
{
    pc_ctx *c = ((void **)arg)[0];
    const char *prefix = ((void **)arg)[1];
    int *i = ((void **)arg)[2];
    static const char *const names[] = {"id",     "op_type",  "coupon", "customer", "account",
                                        "amount", "operator", "at",     "result",   "remarks"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        pc_set(c, pc_arena_printf(&c->arena, "%s.%d.%s", prefix, *i, names[k]), pc_row_str(r, k));
    (*i)++;
    return 0;
}

static int load_logs(pc_ctx *c, int st, const char *prefix)
{
    int i = 0;
    void *arg[3] = {c, (void *)prefix, &i};
    if (pc_db_query(&mgmt_sql, st, PC_BINDS(PC_I64(c->user.partner_id)), log_row, arg) < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, prefix); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        mask_at(h, "customer");
        mask_at(h, "account");
        pc_view_hdf_datetime(h, "at", "at");
    }
    return 0;
}

static int load_tab(pc_ctx *c, int tab)
{
    int64_t partner = c->user.partner_id;
    if (pc_db_hdf(&mgmt_sql, ST_QUOTA, PC_BINDS(PC_I64(partner)), c->hdf, "Quota") < 0)
        return -1;
    pc_view_hdf_money(hdf_get_obj(c->hdf, "Quota.0"), "total", 2);
    pc_view_hdf_money(hdf_get_obj(c->hdf, "Quota.0"), "available", 2);
    if (tab == 1)
        return load_logs(c, ST_QUOTA_LOGS, "Logs");
    if (tab == 2)
        return load_logs(c, ST_LOGS, "Logs");
    if (pc_db_hdf(&mgmt_sql, ST_COUPONS, PC_BINDS(PC_I64(partner)), c->hdf, "Coupons") < 0 ||
        pc_db_hdf(&mgmt_sql, ST_CUSTOMERS, PC_BINDS(PC_I64(partner)), c->hdf, "Customers") < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, "Coupons"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "face_value", 2);
        pc_view_hdf_money(h, "balance", 2);
        mask_at(h, "customer");
        mask_at(h, "account");
        pc_view_hdf_datetime(h, "valid_from", "valid_from");
        pc_view_hdf_datetime(h, "valid_to", "valid_to");
    }
    return 0;
}

static int render_tab(pc_ctx *c, int tab)
{
    if (load_tab(c, tab))
        return pc_error(c, 500);
    pc_set(c, "Page.tab", tabs[tab]);
    if (c->user.system_roles & PC_ROLE_ADMIN)
        pc_set(c, "Page.is_admin", "1");
    pc_set(c, "Page.title", pc_t(c, "coupons.mgmt.title"));
    return pc_render(c, "finance/coupon_mgmt.cs");
}

static int mgmt_page(pc_ctx *c)
{
    static const pc_field f = {"tab", pc_valid_enum, 0, 0, 0, tabs};
    pc_value v = {0};
    const char *in = pc_params_get(&c->query, "tab");
    if (in && *in && pc_valid_enum(&f, in, &v))
        return pc_error(c, 400);
    return render_tab(c, in && *in ? (int)v.i : 0);
}

static int refuse(pc_ctx *c, const char *field, const char *key)
{
    if (field)
        pc_form_error(c, field, key);
    c->status = 400;
    return render_tab(c, 0);
}

typedef struct issue_arg {
    pc_ctx *c;
    pc_coupon_new n;
    const char *now;
    int64_t id;
} issue_arg;

static int issue_tx(void *arg)
{
    issue_arg *x = arg;
    int rc = pc_coupon_issue(&x->n, x->now, &x->id);
    if (rc)
        return rc;
    pc_audit_ctx(x->c, "coupon.grant", "coupon", x->id, "ok",
                 pc_arena_printf(&x->c->arena, "customer=%lld face=%lld",
                                 (long long)x->n.customer_id, (long long)x->n.face_value));
    return 0;
}

static int failed_tx(void *arg)
{
    issue_arg *x = arg;
    if (pc_coupon_log_failed(x->n.partner_id, "issue_coupon", x->n.customer_id, x->n.face_value,
                             x->n.user_id, "insufficient quota", x->now))
        return -1;
    pc_audit_ctx(x->c, "coupon.grant", "customer", x->n.customer_id, "failed",
                 "insufficient quota");
    return 0;
}

/* POST /finance/coupon-management/issue: a coupon to one associated customer, out of the quota. */
static int issue(pc_ctx *c)
{
    pc_value v[F__N];
    char now[20], from[20], to[20];
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_form(c, fields, F__N, v))
        return refuse(c, NULL, NULL);
    if (v[F_TO].i < v[F_FROM].i)
        return refuse(c, "valid_to", "coupons.err.order");
    if (pc_db_int(&mgmt_sql, ST_CUSTOMER,
                  PC_BINDS(PC_I64(v[F_CUSTOMER].i), PC_I64(c->user.partner_id)), 0) <= 0)
        return refuse(c, "customer_id", "coupons.err.customer");
    pc_clock_now_text(now);
    pc_clock_day_start(v[F_FROM].s, 0, from);
    pc_clock_day_end(v[F_TO].s, to);
    if (strcmp(to, now) <= 0)
        return refuse(c, "valid_to", "coupons.err.past");
    issue_arg x = {c,
                   {.issuer = "partner",
                    .name = v[F_NAME].s,
                    .kind = "normal",
                    .partner_id = c->user.partner_id,
                    .customer_id = v[F_CUSTOMER].i,
                    .face_value = v[F_FACE].i,
                    .valid_from = from,
                    .valid_to = to,
                    .region = "",
                    .remarks = v[F_REMARKS].s,
                    .user_id = c->user.id},
                   now,
                   0};
    int rc = pc_db_tx(issue_tx, &x);
    if (rc == PC_COUPON_NO_QUOTA) {
        if (pc_db_tx(failed_tx, &x))
            return pc_error(c, 500);
        return refuse(c, "face_value", "coupons.err.quota_short");
    }
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, "/finance/coupon-management?msg=coupon_granted");
}

typedef struct reclaim_arg {
    pc_ctx *c;
    int64_t id;
    const char *now;
} reclaim_arg;

static int reclaim_tx(void *arg)
{
    reclaim_arg *x = arg;
    int64_t amount = 0;
    int rc = pc_coupon_close(x->id, x->c->user.partner_id, PC_COUPON_RECLAIM, x->now, x->c->user.id,
                             "", &amount);
    if (rc)
        return rc;
    pc_audit_ctx(x->c, "coupon.reclaim", "coupon", x->id, "ok",
                 pc_arena_printf(&x->c->arena, "returned=%lld", (long long)amount));
    return 0;
}

/* POST /finance/coupon-management/{id}/reclaim: the unused balance goes back to the quota. */
static int reclaim(pc_ctx *c)
{
    char now[20];
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_confirm_first(c, "dlg.reclaim.title", "dlg.reclaim.text", "", "coupons.mgmt.reclaim",
                         "/finance/coupon-management"))
        return c->status ? c->status : 200;
    pc_clock_now_text(now);
    reclaim_arg x = {c, c->path_id[0], now};
    int rc = pc_db_tx(reclaim_tx, &x);
    if (rc == PC_COUPON_NOT_FOUND)
        return pc_error(c, 404);
    if (rc == PC_COUPON_STATE) { /* reclaimed or used meanwhile: the list again, with the reason */
        pc_set(c, "Page.refused", pc_t(c, "coupons.err.state"));
        c->status = 409;
        int page = render_tab(c, 0);
        return page == 200 ? 409 : page;
    }
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, "/finance/coupon-management?msg=coupon_reclaimed");
}

typedef struct export_arg {
    pc_ctx *c;
    const char *format;
    int64_t id;
} export_arg;

static int export_tx(void *arg)
{
    export_arg *x = arg;
    pc_ctx *c = x->c;
    if (pc_db_exec(&mgmt_sql, ST_EXPORT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id),
                            PC_STR(pc_t(c, "coupons.export.name")), PC_STR(x->format)),
                   &x->id) != 1)
        return -1;
    pc_audit_ctx(c, "coupon_logs.export", "export_task", x->id, "ok", x->format);
    return 0;
}

/* POST /finance/coupon-management/export: the operation records, anonymized, as CSV or XLSX. */
static int export_logs(pc_ctx *c)
{
    static const char *const formats[] = {"csv", "xlsx", NULL};
    static const pc_field format_field = {"format", pc_valid_enum, 0, 0, 0, formats};
    pc_value format;
    const char *in = pc_params_get(&c->form, "format");
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_export_asks(c))
        return pc_export_precautions(c);
    if (pc_valid_enum(&format_field, in && *in ? in : "csv", &format))
        return pc_error(c, 400);
    export_arg x = {c, format.s, 0};
    if (pc_db_tx(export_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, "/exports/?msg=export_created");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/coupon-management", PC_PERM_FINANCE_VIEW, mgmt_page, 0),
    PC_ROUTE("POST", "/finance/coupon-management/issue", PC_PERM_FINANCE_VIEW, issue, 0),
    PC_ROUTE("POST", "/finance/coupon-management/{id}/reclaim", PC_PERM_FINANCE_VIEW, reclaim, 0),
    PC_ROUTE("POST", "/finance/coupon-management/export", PC_PERM_FINANCE_VIEW, export_logs, 0),
};
PC_ROUTE_TABLE(finance_coupon_mgmt_routes, routes);
