/*
 * Invoices > Withholding Tax Certificates (ch09 §9.4.3b, ch11-14 §13.7):
 * only for partners registered in Malaysia, Thailand or the Philippines
 * (others: 404).  The list shows each certificate with its invoices, upload
 * and review time, review status and the reviewer's reason; an Admin
 * uploads one: code (generated when empty), date, amount and currency, the
 * invoices it covers with per-invoice amounts (certificate currency, whose
 * sum must equal the certificate amount, and invoice currency with 2
 * decimals, at most the invoice amount), an attachment (JPEG, PNG, GIF or
 * PDF by content, ≤ 10 MB, stored under Paths.exports/wht) and remarks.  An
 * invoice is in at most one certificate that is not rejected.  Upload and
 * audit event in one transaction; anything refused leaves nothing behind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/db.h"
#include "finance.h"
#include "finance_invoices.h"
#include "finance_remit.h"
#include "web/invoice_view.h"
#include "billing/invoice_wht.h"
#include "base/money.h"
#include "access/session.h"
#include "billing/tax.h"
#include "base/valid.h"
#include "base/view.h"

enum stmt {
    ST_COUNTRY,
    ST_LIST,
    ST_LIST_INVOICES,
    ST_OPEN_INVOICES,
    ST_INVOICE,
    ST_CODE_USED,
    ST_INSERT,
    ST_LINK,
    ST_ATTACHMENT,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_COUNTRY] = "SELECT country FROM partners WHERE id = ?",
    [ST_LIST] = "SELECT id, code, certificate_date, amount, currency, status, "
                "COALESCE(review_reason, '') AS reason, uploaded_at, "
                "COALESCE(reviewed_at, '') AS reviewed_at, remarks FROM wht_certificates "
                "WHERE partner_id = ? ORDER BY id DESC LIMIT 200",
    [ST_LIST_INVOICES] =
        "SELECT w.certificate_id, i.number, w.amount, w.invoice_amount, i.currency "
        "FROM wht_certificate_invoices w JOIN invoices i ON i.id = w.invoice_id "
        "JOIN wht_certificates c ON c.id = w.certificate_id WHERE c.partner_id = ? "
        "ORDER BY w.certificate_id, i.number",
    /* what can still be covered: issued bill invoices in no certificate that is not rejected */
    [ST_OPEN_INVOICES] =
        "SELECT i.id, i.number, i.period, i.payable, i.currency FROM invoices i "
        "WHERE i.partner_id = ? AND i.status = 'issued' AND i.kind = 'bill' AND NOT "
        "EXISTS (SELECT 1 FROM wht_certificate_invoices w WHERE w.invoice_id = i.id "
        "AND w.active = 1) ORDER BY i.period DESC, i.id DESC LIMIT 200",
    [ST_INVOICE] = "SELECT i.payable, (SELECT COUNT(*) FROM wht_certificate_invoices w WHERE "
                   "w.invoice_id = i.id AND w.active = 1) FROM invoices i WHERE i.id = ? AND "
                   "i.partner_id = ? AND i.status = 'issued' AND i.kind = 'bill' FOR UPDATE",
    [ST_CODE_USED] = "SELECT COUNT(*) FROM wht_certificates WHERE partner_id = ? AND code = ?",
    [ST_INSERT] =
        "INSERT INTO wht_certificates (partner_id, code, certificate_date, amount, currency, "
        "remarks, attachment_path, attachment_name, attachment_type, attachment_size, "
        "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_LINK] = "INSERT INTO wht_certificate_invoices (certificate_id, invoice_id, amount, "
                "invoice_amount) VALUES (?, ?, ?, ?)",
    [ST_ATTACHMENT] = "SELECT attachment_path, attachment_type, code FROM wht_certificates "
                      "WHERE id = ? AND (? = 0 OR partner_id = ?)",
};
PC_SQL_TABLE(fwht_sql, sql);

enum { F_CODE, F_DATE, F_AMOUNT, F_CURRENCY, F_REMARKS, F__N };
static const pc_field fields[F__N] = {
    [F_CODE] = {"code", pc_valid_text, 0, 64, 0, NULL},
    [F_DATE] = {"certificate_date", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_AMOUNT] = {"amount", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_CURRENCY] = {"currency", pc_valid_text, 3, 3, PC_FIELD_REQUIRED, NULL},
    [F_REMARKS] = {"remarks", pc_valid_text, 0, 500, 0, NULL},
};

/* 1 when the signed-in member's partner is registered in MY, TH or PH. */
static int eligible(pc_ctx *c)
{
    char country[8] = "";
    HDF *h = NULL;
    if (hdf_init(&h) != STATUS_OK)
        return 0;
    if (pc_db_hdf(&fwht_sql, ST_COUNTRY, PC_BINDS(PC_I64(c->user.partner_id)), h, "P") > 0)
        snprintf(country, sizeof country, "%s", hdf_get_value(h, "P.0.country", ""));
    hdf_destroy(&h);
    return pc_tax_wht_country(country);
}

static int list_page(pc_ctx *c)
{
    if (!eligible(c))
        return pc_error(c, 404);
    int64_t p = c->user.partner_id;
    if (pc_db_hdf(&fwht_sql, ST_LIST, PC_BINDS(PC_I64(p)), c->hdf, "Certificates") < 0 ||
        pc_db_hdf(&fwht_sql, ST_LIST_INVOICES, PC_BINDS(PC_I64(p)), c->hdf, "Covered") < 0 ||
        pc_db_hdf(&fwht_sql, ST_OPEN_INVOICES, PC_BINDS(PC_I64(p)), c->hdf, "Open") < 0)
        return pc_error(c, 500);
    pc_invoice_hdf_amounts(c, "Certificates", "amount");
    pc_invoice_hdf_amounts(c, "Covered", "amount");
    pc_invoice_hdf_amounts(c, "Covered", "invoice_amount");
    pc_invoice_hdf_amounts(c, "Open", "payable");
    for (HDF *h = hdf_get_child(c->hdf, "Certificates"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_datetime(h, "uploaded_at", "uploaded_at");
        if (*hdf_get_value(h, "reviewed_at", ""))
            pc_view_hdf_datetime(h, "reviewed_at", "reviewed_at");
    }
    invoices_tabs(c, "wht");
    if (!strcmp(hdf_get_value(c->hdf, "Partner.0.country", ""), "MY") &&
        *pc_conf_str("Tax.wht_post_my"))
        pc_set(c, "Page.wht_post", pc_conf_str("Tax.wht_post_my")); /* §13.7: post the original */
    pc_set(c, "Page.title", pc_t(c, "invoices.wht.title"));
    return pc_render(c, "finance/wht.cs");
}

typedef struct upload {
    pc_ctx *c;
    const char *code, *date, *currency, *remarks, *path, *name, *type;
    int64_t amount, size, id;
    int64_t invoice[PC_WHT_MAX_INVOICES], amount_cert[PC_WHT_MAX_INVOICES],
        amount_inv[PC_WHT_MAX_INVOICES];
    size_t n;
    const char *bad_field, *bad_key;
} upload;

static int refuse(upload *u, const char *field, const char *key)
{
    u->bad_field = field, u->bad_key = key;
    return 1;
}

typedef struct inv_state {
    int64_t payable, used;
    int found;
} inv_state;

static int inv_row(void *arg, const pc_row *r)
{
    inv_state *s = arg;
    s->payable = pc_row_i64(r, 0), s->used = pc_row_i64(r, 1), s->found = 1;
    return 1;
}

static int upload_tx(void *arg)
{
    upload *u = arg;
    int64_t p = u->c->user.partner_id;
    for (size_t i = 0; i < u->n; i++) {
        inv_state s = {0};
        if (pc_db_query(&fwht_sql, ST_INVOICE, PC_BINDS(PC_I64(u->invoice[i]), PC_I64(p)), inv_row,
                        &s) < 0)
            return -1;
        if (!s.found)
            return refuse(u, "invoices", "invoices.wht.err.invoice");
        if (s.used)
            return refuse(u, "invoices", "invoices.wht.err.used");
        if (u->amount_inv[i] > s.payable)
            return refuse(u, "invoices", "invoices.wht.err.over");
    }
    if (pc_db_int(&fwht_sql, ST_CODE_USED, PC_BINDS(PC_I64(p), PC_STR(u->code)), 1) != 0)
        return pc_db_errno() ? -1 : refuse(u, "code", "invoices.wht.err.code_used");
    char now[20];
    pc_clock_now_text(now);
    if (pc_db_exec(&fwht_sql, ST_INSERT,
                   PC_BINDS(PC_I64(p), PC_STR(u->code), PC_STR(u->date), PC_I64(u->amount),
                            PC_STR(u->currency), PC_STR(u->remarks), PC_STR(u->path),
                            PC_STR(u->name), PC_STR(u->type), PC_I64(u->size),
                            PC_I64(u->c->user.id), PC_STR(now)),
                   &u->id) != 1)
        return -1;
    for (size_t i = 0; i < u->n; i++)
        if (pc_db_exec(&fwht_sql, ST_LINK,
                       PC_BINDS(PC_I64(u->id), PC_I64(u->invoice[i]), PC_I64(u->amount_cert[i]),
                                PC_I64(u->amount_inv[i])),
                       NULL) != 1)
            return -1;
    if (pc_wht_notify_upload(u->id)) /* 9.4.3b: the operators hear of it */
        return -1;
    pc_audit_ctx(u->c, "wht.upload", "wht_certificate", u->id, "ok", u->code);
    return 0;
}

/* The invoice rows of the form (invoice_id, inv_amount, inv_amount_invoice); empty rows skipped. */
static int read_rows(pc_ctx *c, upload *u)
{
    size_t n = pc_params_count(&c->form, "invoice_id");
    if (n > PC_WHT_MAX_INVOICES || pc_params_count(&c->form, "inv_amount") != n ||
        pc_params_count(&c->form, "inv_amount_invoice") != n)
        return refuse(u, "invoices", "invoices.wht.err.rows");
    for (size_t i = 0; i < n; i++) {
        const char *id = pc_params_nth(&c->form, "invoice_id", i);
        if (!*id)
            continue;
        pc_value v;
        if (pc_valid_id(NULL, id, &v))
            return refuse(u, "invoices", "invoices.wht.err.invoice");
        for (size_t k = 0; k < u->n; k++)
            if (u->invoice[k] == v.i)
                return refuse(u, "invoices", "invoices.wht.err.twice");
        int64_t a, b;
        if (pc_money_parse(pc_params_nth(&c->form, "inv_amount", i), &a) || a <= 0 ||
            pc_money_parse(pc_params_nth(&c->form, "inv_amount_invoice", i), &b) || b <= 0 ||
            b % (PC_MONEY_SCALE / 100))
            return refuse(u, "invoices", "invoices.wht.err.row_amount");
        u->invoice[u->n] = v.i, u->amount_cert[u->n] = a, u->amount_inv[u->n++] = b;
    }
    if (u->n == 0)
        return refuse(u, "invoices", "invoices.wht.err.none");
    return 0;
}

static int check_fields(pc_ctx *c, upload *u, pc_value *v)
{
    char today[11];
    pc_clock_today(today);
    const char *cur = v[F_CURRENCY].s;
    if (!(cur[0] >= 'A' && cur[0] <= 'Z' && cur[1] >= 'A' && cur[1] <= 'Z' && cur[2] >= 'A' &&
          cur[2] <= 'Z'))
        return refuse(u, "currency", "invoices.wht.err.currency");
    if (strcmp(v[F_DATE].s, today) > 0)
        return refuse(u, "certificate_date", "invoices.wht.err.future");
    if (strspn(v[F_CODE].s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/.") !=
        strlen(v[F_CODE].s))
        return refuse(u, "code", "invoices.wht.err.code");
    if (read_rows(c, u))
        return 1;
    if (!pc_wht_split_ok(v[F_AMOUNT].i ? v[F_AMOUNT].i : 0, u->amount_cert, u->n))
        return refuse(u, "invoices", "invoices.wht.err.sum");
    return 0;
}

/* Attachment checks, then the file under Paths.exports/wht (0600, new name). */
static int store_file(pc_ctx *c, upload *u)
{
    const pc_param *f = NULL;
    for (size_t i = 0; i < c->form.n; i++)
        if (!strcmp(c->form.v[i].name, "attachment") && c->form.v[i].filename)
            f = &c->form.v[i];
    if (!f || !f->len)
        return refuse(u, "attachment", "invoices.wht.err.attachment");
    if (f->len > PC_WHT_MAX_BYTES)
        return refuse(u, "attachment", "invoices.wht.err.too_big");
    u->type = pc_wht_attachment_type(f->value, f->len);
    if (!u->type)
        return refuse(u, "attachment", "invoices.wht.err.type");
    /* several files zipped (9.4.3b): each of the types allowed alone; the claims' ZIP check */
    static const char *const members[] = {"jpg", "jpeg", "png", "gif", "pdf", NULL};
    int zip =
        strcmp(u->type, "application/zip") == 0 ? remit_zip_only(f->value, f->len, members) : 0;
    if (zip)
        return refuse(u, "attachment",
                      zip == 2  ? "invoices.wht.err.zip_large"
                      : zip > 0 ? "invoices.wht.err.zip_member"
                                : "invoices.wht.err.type");
    char token[PC_TOKEN_HEX];
    pc_token_new(token);
    const char *dir = pc_arena_printf(&c->arena, "%s/wht", pc_conf_str("Paths.exports"));
    if (mkdir(dir, 0700) && errno != EEXIST)
        return -1;
    u->path = pc_arena_printf(&c->arena, "wht/%lld-%.24s.%s", (long long)c->user.partner_id, token,
                              pc_wht_attachment_ext(u->type));
    const char *full = pc_arena_printf(&c->arena, "%s/%s", pc_conf_str("Paths.exports"), u->path);
    FILE *out = fopen(full, "wx");
    if (!out)
        return -1;
    int ok = fwrite(f->value, 1, f->len, out) == f->len;
    if (fclose(out) || !ok) {
        unlink(full);
        return -1;
    }
    u->name = pc_arena_printf(&c->arena, "%.200s", f->filename);
    u->size = (int64_t)f->len;
    return 0;
}

static int upload_post(pc_ctx *c)
{
    if (!eligible(c))
        return pc_error(c, 404);
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    pc_value v[F__N];
    upload u = {.c = c};
    int bad = pc_form(c, fields, F__N, v);
    if (!bad)
        bad = check_fields(c, &u, v);
    if (!bad) {
        int rc = store_file(c, &u);
        if (rc < 0)
            return pc_error(c, 500);
        bad = rc;
    }
    if (!bad) {
        u.code = v[F_CODE].present
                     ? v[F_CODE].s
                     : pc_arena_printf(&c->arena, "WHT-%lld-%lld", (long long)c->user.partner_id,
                                       (long long)pc_clock_now());
        u.date = v[F_DATE].s, u.amount = v[F_AMOUNT].i, u.currency = v[F_CURRENCY].s;
        u.remarks = v[F_REMARKS].s;
        int rc = pc_db_tx(upload_tx, &u);
        if (rc) {
            unlink(pc_arena_printf(&c->arena, "%s/%s", pc_conf_str("Paths.exports"), u.path));
            if (rc < 0)
                return pc_error(c, 500);
            bad = 1;
        }
    }
    if (bad) {
        if (u.bad_key)
            pc_form_error(c, u.bad_field, u.bad_key);
        c->status = 400;
        return list_page(c);
    }
    return pc_redirect(c, "/finance/wht?msg=wht_uploaded");
}

static int attachment(pc_ctx *c)
{
    if (!eligible(c))
        return pc_error(c, 404);
    return wht_send_attachment(c, c->path_id[0], c->user.partner_id);
}

int wht_send_attachment(pc_ctx *c, int64_t id, int64_t partner)
{
    HDF *h = NULL;
    if (hdf_init(&h) != STATUS_OK)
        return pc_error(c, 500);
    int n = pc_db_hdf(&fwht_sql, ST_ATTACHMENT,
                      PC_BINDS(PC_I64(id), PC_I64(partner), PC_I64(partner)), h, "A");
    if (n <= 0) {
        hdf_destroy(&h);
        return pc_error(c, n < 0 ? 500 : 404);
    }
    const char *path = pc_arena_printf(&c->arena, "%s/%s", pc_conf_str("Paths.exports"),
                                       hdf_get_value(h, "A.0.attachment_path", ""));
    const char *type = pc_arena_strdup(&c->arena, hdf_get_value(h, "A.0.attachment_type", ""));
    const char *name = pc_arena_printf(&c->arena, "certificate-%lld.%s", (long long)id,
                                       pc_wht_attachment_ext(type));
    hdf_destroy(&h);
    return pc_send_file(c, path, type, name);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/wht", PC_PERM_FINANCE_VIEW, list_page, 0),
    PC_ROUTE("POST", "/finance/wht", PC_PERM_FINANCE_VIEW, upload_post, 0),
    PC_ROUTE("GET", "/finance/wht/{id}/attachment", PC_PERM_FINANCE_VIEW, attachment, 0),
};
PC_ROUTE_TABLE(finance_wht_routes, routes);
