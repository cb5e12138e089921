/*
 * Admin > Invoices (ch09 §9.4.3a, issue 6): every invoice, newest first,
 * with a status filter; the refused ones (EN 16931 totals rules failed, no
 * number) with the reason.  An issued invoice is never deleted: the
 * operator voids it or corrects it by a credit note of its whole amount
 * (own number sequence), each with a reason, in one transaction with its
 * audit event.  A refused bill invoice can be tried again once the data is
 * corrected (a new attempt; the refused one stays as history).  The UBL document of each numbered
 * invoice downloads here.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/invoice.h"
#include "web/invoice_view.h"
#include "base/view.h"
#include "web/listing.h"

enum stmt { ST_LIST, ST_COUNT, ST_EXISTS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT i.id, COALESCE(i.number, '') AS number, i.kind, i.status, i.period, "
                "p.name AS partner, i.currency, i.payable, i.tax_category, "
                "COALESCE(i.refused_reason, '') AS refused_reason, "
                "COALESCE(i.void_reason, '') AS void_reason, COALESCE(c.number, '') AS credits, "
                "i.created_at FROM invoices i JOIN partners p ON p.id = i.partner_id "
                "LEFT JOIN invoices c ON c.id = i.credits_invoice_id "
                "WHERE (? = '' OR i.status = ?) ORDER BY i.id DESC LIMIT ? OFFSET ?",
    /* every partner's invoices: counted up to COUNT_CAP (beyond it: "more than") */
    [ST_COUNT] = "SELECT COUNT(*) FROM (SELECT 1 FROM invoices i WHERE (? = '' OR i.status = ?) "
                 "LIMIT ?) capped",
    [ST_EXISTS] = "SELECT COUNT(*) FROM invoices WHERE id = ?",
};
PC_SQL_TABLE(ainv_sql, sql);

static const char *const statuses[] = {"", "issued", "voided", "credited", "refused", NULL};

enum { F_REASON, F__N };
static const pc_field fields[F__N] = {
    [F_REASON] = {"reason", pc_valid_text, 1, 300, PC_FIELD_REQUIRED, NULL},
};

#define COUNT_CAP 10000

static int list_page(pc_ctx *c)
{
    const char *status = pc_params_get(&c->query, "status");
    status = status ? status : "";
    int known = 0;
    for (int i = 0; statuses[i]; i++)
        known |= !strcmp(status, statuses[i]);
    if (!known) { /* the page itself, the status kept with why it is refused, no rows */
        pc_set(c, "Filter.status.value", status);
        pc_set(c, "Filter.status.error", pc_t(c, "err.choice"));
        c->status = 400;
        pc_set(c, "Page.title", pc_t(c, "invoices.admin.title"));
        admin_tabs(c, "invoices");
        return pc_render(c, "admin/invoices.cs");
    }
    pc_list l;
    pc_list_read(c, &l);
    if (pc_list_offset(&l) >= COUNT_CAP) /* no deeper than the pager leads */
        l.page = COUNT_CAP / l.size;
    int shown = pc_db_hdf(&ainv_sql, ST_LIST,
                          PC_BINDS(PC_STR(status), PC_STR(status), PC_I64(pc_list_limit(&l)),
                                   PC_I64(pc_list_offset(&l))),
                          c->hdf, "Invoices");
    int64_t counted = pc_db_int(
        &ainv_sql, ST_COUNT, PC_BINDS(PC_STR(status), PC_STR(status), PC_I64(COUNT_CAP + 1)), -1);
    if (shown < 0 || counted < 0)
        return pc_error(c, 500);
    char enc[40];
    pc_list_pager_capped(c, &l, "/admin/invoices",
                         *status ? pc_arena_printf(&c->arena, "status=%s&",
                                                   pc_view_url_encode(status, enc, sizeof enc))
                                 : "",
                         shown, counted, COUNT_CAP);
    pc_invoice_hdf_amounts(c, "Invoices", "payable");
    for (HDF *h = hdf_get_child(c->hdf, "Invoices"); h; h = hdf_obj_next(h))
        pc_view_hdf_datetime(h, "created_at", "created_at");
    pc_set(c, "Filter.status.value", status);
    pc_set(c, "Page.title", pc_t(c, "invoices.admin.title"));
    admin_tabs(c, "invoices");
    return pc_render(c, "admin/invoices.cs");
}

enum { ACT_VOID, ACT_CREDIT, ACT_RETRY };

typedef struct change {
    pc_ctx *c;
    int64_t id, result;
    int act;
    const char *reason;
    char now[20];
} change;

static int change_tx(void *arg)
{
    change *x = arg;
    static const char *const actions[] = {"invoice.void", "invoice.credit", "invoice.retry"};
    if (x->act == ACT_CREDIT)
        x->result = pc_invoice_credit(x->id, x->reason, x->now);
    else if (x->act == ACT_RETRY)
        x->result = pc_invoice_retry(x->id, x->now);
    else
        x->result = pc_invoice_void(x->id, x->reason, x->now);
    if (x->result < 0)
        return -1;
    if (x->result == 0)
        return 1; /* not in the state the action needs: nothing to undo, nothing audited */
    const char *detail = x->act == ACT_VOID ? x->reason
                                            : pc_arena_printf(&x->c->arena, "invoice %lld %s",
                                                              (long long)x->result, x->reason);
    pc_audit_ctx(x->c, actions[x->act], "invoice", x->id, "ok", detail);
    return 0;
}

static int act(pc_ctx *c, int what)
{
    static const char *const done[] = {"/admin/invoices?msg=invoice_voided",
                                       "/admin/invoices?msg=invoice_credited",
                                       "/admin/invoices?msg=invoice_retried"};
    change x = {.c = c, .id = c->path_id[0], .act = what, .reason = ""};
    int64_t n = pc_db_int(&ainv_sql, ST_EXISTS, PC_BINDS(PC_I64(x.id)), -1);
    if (n < 0)
        return pc_error(c, 500);
    if (n == 0)
        return pc_error(c, 404);
    if (what != ACT_RETRY) {
        pc_value v[F__N];
        if (pc_form(c, fields, F__N, v)) {
            c->status = 400;
            return list_page(c);
        }
        x.reason = v[F_REASON].s;
    }
    pc_clock_now_text(x.now);
    int rc = pc_db_tx(change_tx, &x);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return pc_error_say(c, 409, "invoices.admin.err.state_title", "invoices.admin.err.state");
    return pc_redirect(c, done[what]);
}

static int void_invoice(pc_ctx *c)
{
    return act(c, ACT_VOID);
}

static int credit_invoice(pc_ctx *c)
{
    return act(c, ACT_CREDIT);
}

/* A refused bill invoice tried again after the operator corrected the data. */
static int retry_invoice(pc_ctx *c)
{
    return act(c, ACT_RETRY);
}

static int xml_download(pc_ctx *c)
{
    return pc_invoice_send_ubl(c, c->path_id[0], 0);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/invoices", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/invoices/{id}/void", PC_GUARD_OPERATOR, void_invoice, 0),
    PC_ROUTE("POST", "/admin/invoices/{id}/credit", PC_GUARD_OPERATOR, credit_invoice, 0),
    PC_ROUTE("POST", "/admin/invoices/{id}/retry", PC_GUARD_OPERATOR, retry_invoice, 0),
    PC_ROUTE("GET", "/admin/invoices/{id}/xml", PC_GUARD_OPERATOR, xml_download, 0),
};
PC_ROUTE_TABLE(admin_invoice_routes, routes);
