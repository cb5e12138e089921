/*
 * Admin > WHT Certificates (ch09 §9.4.3b, ch11-14 §13.7): the operator
 * reviews the certificates partners uploaded, oldest waiting first: the
 * attachment downloads here; Approve credits the covered invoices' bills
 * (lib/billing/invoice_wht.h), Reject needs a reason and frees the invoices for
 * another certificate.  Each decision is one transaction with its audit
 * event; a certificate reviewed already answers 409.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/db.h"
#include "web/invoice_view.h"
#include "billing/invoice_wht.h"
#include "base/view.h"

enum stmt { ST_LIST, ST_COVERED, ST_EXISTS, ST_FILE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT w.id, p.name AS partner, w.code, w.certificate_date, w.amount, w.currency, "
                "w.status, COALESCE(w.review_reason, '') AS reason, w.uploaded_at, w.remarks "
                "FROM wht_certificates w JOIN partners p ON p.id = w.partner_id "
                "ORDER BY w.status = 'to_be_reviewed' DESC, w.id LIMIT 300",
    [ST_COVERED] = "SELECT w.certificate_id, i.number, w.amount, w.invoice_amount, i.currency, "
                   "COALESCE(w.credited, '') AS credited FROM wht_certificate_invoices w "
                   "JOIN invoices i ON i.id = w.invoice_id ORDER BY w.certificate_id, i.number",
    [ST_EXISTS] = "SELECT COUNT(*) FROM wht_certificates WHERE id = ?",
    [ST_FILE] = "SELECT attachment_path, attachment_type FROM wht_certificates WHERE id = ?",
};
PC_SQL_TABLE(awht_sql, sql);

enum { F_REASON, F__N };
static const pc_field fields[F__N] = {
    [F_REASON] = {"reason", pc_valid_text, 1, 300, PC_FIELD_REQUIRED, NULL},
};

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&awht_sql, ST_LIST, PC_NOBINDS, c->hdf, "Certificates") < 0 ||
        pc_db_hdf(&awht_sql, ST_COVERED, PC_NOBINDS, c->hdf, "Covered") < 0)
        return pc_error(c, 500);
    pc_invoice_hdf_amounts(c, "Certificates", "amount");
    pc_invoice_hdf_amounts(c, "Covered", "amount");
    pc_invoice_hdf_amounts(c, "Covered", "invoice_amount");
    for (HDF *h = hdf_get_child(c->hdf, "Certificates"); h; h = hdf_obj_next(h))
        pc_view_hdf_datetime(h, "uploaded_at", "uploaded_at");
    pc_set(c, "Page.title", pc_t(c, "invoices.wht.admin_title"));
    admin_tabs(c, "wht");
    return pc_render(c, "admin/wht.cs");
}

typedef struct decision {
    pc_ctx *c;
    int64_t id;
    int approve;
    const char *reason;
    char now[20];
} decision;

static int decide_tx(void *arg)
{
    decision *x = arg;
    int rc = x->approve ? pc_wht_approve(x->id, x->c->user.id, x->now)
                        : pc_wht_reject(x->id, x->c->user.id, x->reason, x->now);
    if (rc)
        return rc;                   /* -1 error, PC_WHT_STATE: reviewed already; both roll back */
    if (pc_wht_notify_review(x->id)) /* 9.4.3b: the partner's Admins hear the result */
        return -1;
    pc_audit_ctx(x->c, x->approve ? "wht.approve" : "wht.reject", "wht_certificate", x->id, "ok",
                 x->approve ? "" : x->reason);
    return 0;
}

static int decide(pc_ctx *c, int approve)
{
    decision x = {.c = c, .id = c->path_id[0], .approve = approve, .reason = ""};
    int64_t n = pc_db_int(&awht_sql, ST_EXISTS, PC_BINDS(PC_I64(x.id)), -1);
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    if (!approve) {
        pc_value v[F__N];
        if (pc_form(c, fields, F__N, v)) {
            c->status = 400;
            return list_page(c);
        }
        x.reason = v[F_REASON].s;
    }
    pc_clock_now_text(x.now);
    int rc = pc_db_tx(decide_tx, &x);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc == PC_WHT_STATE)
        return pc_error_say(c, 409, "invoices.wht.err.state_title", "invoices.wht.err.state");
    return pc_redirect(c, approve ? "/admin/wht?msg=wht_approved" : "/admin/wht?msg=wht_rejected");
}

static int approve(pc_ctx *c)
{
    return decide(c, 1);
}

static int reject(pc_ctx *c)
{
    return decide(c, 0);
}

static int attachment(pc_ctx *c)
{
    HDF *h = NULL;
    if (hdf_init(&h) != STATUS_OK)
        return pc_error(c, 500);
    int n = pc_db_hdf(&awht_sql, ST_FILE, PC_BINDS(PC_I64(c->path_id[0])), h, "A");
    if (n <= 0) {
        hdf_destroy(&h);
        return pc_error(c, n < 0 ? 500 : 404);
    }
    const char *path = pc_arena_printf(&c->arena, "%s/%s", pc_conf_str("Paths.exports"),
                                       hdf_get_value(h, "A.0.attachment_path", ""));
    const char *type = pc_arena_strdup(&c->arena, hdf_get_value(h, "A.0.attachment_type", ""));
    hdf_destroy(&h);
    return pc_send_file(c, path, type,
                        pc_arena_printf(&c->arena, "certificate-%lld.%s", (long long)c->path_id[0],
                                        pc_wht_attachment_ext(type)));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/wht", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/wht/{id}/approve", PC_GUARD_OPERATOR, approve, 0),
    PC_ROUTE("POST", "/admin/wht/{id}/reject", PC_GUARD_OPERATOR, reject, 0),
    PC_ROUTE("GET", "/admin/wht/{id}/attachment", PC_GUARD_OPERATOR, attachment, 0),
};
PC_ROUTE_TABLE(admin_wht_routes, routes);
