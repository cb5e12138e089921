/*
 * Sales > Financial Information > Invoices (ch09 §9.4.3a): the partner's
 * issued invoices and credit notes (a refused invoice is the operator's
 * matter and is not listed), newest period first, filtered by period and
 * status, each with its PDF and UBL XML; the invoice info (Address*,
 * Email*, the tax id from registration, never editable here) added once and
 * then modified; the "e-mail also when there is no expenditure" switch.
 * Every page needs finance.view; a change needs the Admin role
 * (PARTNER_ADMIN in the spec); another partner's invoice is a 404.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/db.h"
#include "finance.h"
#include "finance_invoices.h"
#include "web/invoice_view.h"
#include "billing/tax.h"
#include "base/valid.h"
#include "base/view.h"
#include "web/listing.h"
#include "web/export_request.h"
#include "web/page.h"

enum stmt {
    ST_LIST,
    ST_COUNT,
    ST_INFO,
    ST_INFO_EXISTS,
    ST_PARTNER,
    ST_INFO_ADD,
    ST_INFO_SET,
    ST_NOTICE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT i.id, i.period, i.number, i.kind, i.status, i.currency, i.payable, "
                "COALESCE(c.number, '') AS credits FROM invoices i LEFT JOIN invoices c ON "
                "c.id = i.credits_invoice_id WHERE i.partner_id = ? AND i.status <> 'refused' "
                "AND (? = 0 OR i.period = ?) AND (? = '' OR i.status = ?) "
                "ORDER BY i.period DESC, i.id DESC LIMIT ? OFFSET ?",
    /* a partner's invoices: a few a month, cheap to count */
    [ST_COUNT] = "SELECT COUNT(*) FROM invoices i WHERE i.partner_id = ? AND i.status <> 'refused' "
                 "AND (? = 0 OR i.period = ?) AND (? = '' OR i.status = ?)",
    [ST_INFO] = "SELECT address, email FROM partner_invoice_info WHERE partner_id = ?",
    [ST_INFO_EXISTS] = "SELECT COUNT(*) FROM partner_invoice_info WHERE partner_id = ? FOR UPDATE",
    [ST_PARTNER] = "SELECT COALESCE(vat_id, '') AS vat_id, vat_registered, country, "
                   "invoice_notice_no_expenditure AS notice FROM partners WHERE id = ?",
    /* INSERT only: "add is allowed only once" (a second add is a duplicate key) */
    [ST_INFO_ADD] = "INSERT INTO partner_invoice_info (partner_id, address, email, created_at, "
                    "updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
    [ST_INFO_SET] = "UPDATE partner_invoice_info SET address = ?, email = ?, updated_at = "
                    "UTC_TIMESTAMP() WHERE partner_id = ?",
    [ST_NOTICE] = "UPDATE partners SET invoice_notice_no_expenditure = ? WHERE id = ?",
};
PC_SQL_TABLE(finv_sql, sql);

static const char *const statuses[] = {"", "issued", "voided", "credited", NULL};
enum { Q_PERIOD, Q_STATUS, Q__N };
static const pc_field filters[Q__N] = {
    [Q_PERIOD] = {"period", pc_valid_month, 0, 0, 0, NULL},
    [Q_STATUS] = {"status", pc_valid_enum, 0, 0, 0, statuses},
};

enum { F_ADDRESS, F_EMAIL, F__N };
static const pc_field info_fields[F__N] = {
    [F_ADDRESS] = {"address", pc_valid_text, 1, 300, PC_FIELD_REQUIRED, NULL},
    [F_EMAIL] = {"email", pc_valid_email, 0, 254, PC_FIELD_REQUIRED, NULL},
};

void invoices_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"invoices", "/finance/invoices", "invoices.tab.invoices", PC_PERM_FINANCE_VIEW},
        {"info", "/finance/invoices/info", "invoices.tab.info", PC_PERM_FINANCE_VIEW},
        {"wht", "/finance/wht", "invoices.tab.wht", PC_PERM_FINANCE_VIEW}, /* MY, TH, PH only */
    };
    char country[3] = "";
    if (pc_db_hdf(&finv_sql, ST_PARTNER, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Partner") >
        0)
        snprintf(country, sizeof country, "%s", hdf_get_value(c->hdf, "Partner.0.country", ""));
    int wht = pc_tax_wht_country(country); /* 9.4.3b: others do not see the page */
    pc_tabs(c, tabs, sizeof tabs / sizeof tabs[0] - (wht ? 0 : 1), active);
    if (wht)
        pc_set(c, "Page.wht", "1");
    if (c->user.system_roles & PC_ROLE_ADMIN)
        pc_set(c, "Page.is_admin", "1");
}

static int list_page(pc_ctx *c)
{
    pc_value v[Q__N];
    const char *errors[Q__N];
    int bad = pc_valid_form(&c->arena, filters, Q__N, &c->query, v, errors);
    for (int i = 0; i < Q__N; i++) { /* what was typed stays, with why it is refused */
        const char *typed = pc_params_get(&c->query, filters[i].name);
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", filters[i].name),
               errors[i] ? (typed ? typed : "") : v[i].s);
        if (errors[i])
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", filters[i].name),
                   pc_t(c, errors[i]));
    }
    invoices_tabs(c, "invoices");
    pc_set(c, "Page.title", pc_t(c, "invoices.title"));
    if (bad) { /* nothing is listed under a filter that was refused */
        c->status = 400;
        pc_set(c, "Page.bad_filters", "1");
        return pc_render(c, "finance/invoices.cs");
    }
    int64_t period = v[Q_PERIOD].present ? v[Q_PERIOD].i : 0;
    pc_list l;
    pc_list_read(c, &l);
    int shown = pc_db_hdf(&finv_sql, ST_LIST,
                          PC_BINDS(PC_I64(c->user.partner_id), PC_I64(period), PC_I64(period),
                                   PC_STR(v[Q_STATUS].s), PC_STR(v[Q_STATUS].s),
                                   PC_I64(pc_list_limit(&l)), PC_I64(pc_list_offset(&l))),
                          c->hdf, "Invoices");
    int64_t total = pc_db_int(&finv_sql, ST_COUNT,
                              PC_BINDS(PC_I64(c->user.partner_id), PC_I64(period), PC_I64(period),
                                       PC_STR(v[Q_STATUS].s), PC_STR(v[Q_STATUS].s)),
                              -1);
    if (shown < 0 || total < 0)
        return pc_error(c, 500);
    pc_invoice_hdf_amounts(c, "Invoices", "payable");
    char enc[2][64];
    const char *query = pc_arena_printf(
        &c->arena, "%s%s%s%s", v[Q_PERIOD].present ? "period=" : "",
        v[Q_PERIOD].present
            ? pc_arena_printf(&c->arena, "%s&",
                              pc_view_url_encode(v[Q_PERIOD].s, enc[0], sizeof enc[0]))
            : "",
        v[Q_STATUS].present ? "status=" : "",
        v[Q_STATUS].present
            ? pc_arena_printf(&c->arena, "%s&",
                              pc_view_url_encode(v[Q_STATUS].s, enc[1], sizeof enc[1]))
            : "");
    pc_list_pager(c, &l, "/finance/invoices", query, shown, total);
    return pc_render(c, "finance/invoices.cs");
}

/* POST /finance/invoices/export: the invoices of the list as filtered, as an export task (9.4.3a;
 * issue 16: every list that shows money can be exported). */
static int export_list(pc_ctx *c)
{
    pc_value v[Q__N];
    const char *errors[Q__N];
    if (pc_valid_form(&c->arena, filters, Q__N, &c->form, v, errors))
        return pc_error_say(c, 400, NULL, "invoices.export.err_filters");
    char period[16], status[16];
    const char *q = pc_arena_printf(&c->arena, "period=%s&status=%s",
                                    pc_view_url_encode(v[Q_PERIOD].s, period, sizeof period),
                                    pc_view_url_encode(v[Q_STATUS].s, status, sizeof status));
    return pc_export_request(c, "invoices.export", "invoices", pc_t(c, "invoices.export.name"), q,
                             "invoices.export.err_format");
}

static int info_page(pc_ctx *c)
{
    int n = pc_db_hdf(&finv_sql, ST_INFO, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Info");
    if (n < 0)
        return pc_error(c, 500);
    if (n > 0) {
        pc_set(c, "Info.exists", "1");
        if (!hdf_get_value(c->hdf, "Form.address.value", NULL)) {
            pc_set(c, "Form.address.value", hdf_get_value(c->hdf, "Info.0.address", ""));
            pc_set(c, "Form.email.value", hdf_get_value(c->hdf, "Info.0.email", ""));
        }
    }
    invoices_tabs(c, "info");
    pc_set(c, "Page.title", pc_t(c, "invoices.info.title"));
    return pc_render(c, "finance/invoice_info.cs");
}

typedef struct info_change {
    pc_ctx *c;
    const char *address, *email;
    int added;
} info_change;

static int info_tx(void *arg)
{
    info_change *x = arg;
    int64_t partner = x->c->user.partner_id;
    int64_t n = pc_db_int(&finv_sql, ST_INFO_EXISTS, PC_BINDS(PC_I64(partner)), -1);
    if (n < 0)
        return -1;
    x->added = n == 0; /* the first save adds; every later one modifies */
    if (x->added
            ? pc_db_exec(&finv_sql, ST_INFO_ADD,
                         PC_BINDS(PC_I64(partner), PC_STR(x->address), PC_STR(x->email)), NULL) != 1
            : pc_db_exec(&finv_sql, ST_INFO_SET,
                         PC_BINDS(PC_STR(x->address), PC_STR(x->email), PC_I64(partner)), NULL) < 0)
        return -1;
    pc_audit_ctx(x->c, x->added ? "invoice_info.add" : "invoice_info.modify", "partner", partner,
                 "ok", x->email);
    return 0;
}

/* POST /finance/invoices/info: add (first time) or modify Address and Email. */
static int info_save(pc_ctx *c)
{
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    /* the tax id comes from registration: a request that tries to set it changes nothing */
    if (pc_params_get(&c->form, "tax_id") || pc_params_get(&c->form, "vat_id"))
        return pc_error_say(c, 400, "invoices.info.err.tax_id_title", "invoices.info.err.tax_id");
    pc_value v[F__N];
    if (pc_form(c, info_fields, F__N, v)) {
        c->status = 400;
        return info_page(c);
    }
    info_change x = {c, v[F_ADDRESS].s, v[F_EMAIL].s, 0};
    if (pc_db_tx(info_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, x.added ? "/finance/invoices/info?msg=invoice_info_added"
                                  : "/finance/invoices/info?msg=invoice_info_modified");
}

/* POST /finance/invoices/notice: "receive the e-mail also when there is no expenditure". */
static int notice_set(pc_ctx *c)
{
    return finance_switch(c, &finv_sql, ST_NOTICE, "invoice_notice",
                          "/finance/invoices/info?msg=invoice_notice_");
}

static int xml_download(pc_ctx *c)
{
    return pc_invoice_send_ubl(c, c->path_id[0], c->user.partner_id);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/invoices", PC_PERM_FINANCE_VIEW, list_page, 0),
    PC_ROUTE("POST", "/finance/invoices/export", PC_PERM_FINANCE_VIEW, export_list, 0),
    PC_ROUTE("GET", "/finance/invoices/info", PC_PERM_FINANCE_VIEW, info_page, 0),
    PC_ROUTE("POST", "/finance/invoices/info", PC_PERM_FINANCE_VIEW, info_save, 0),
    PC_ROUTE("POST", "/finance/invoices/notice", PC_PERM_FINANCE_VIEW, notice_set, 0),
    PC_ROUTE("GET", "/finance/invoices/{id}/xml", PC_PERM_FINANCE_VIEW, xml_download, 0),
};
PC_ROUTE_TABLE(finance_invoice_routes, routes);
