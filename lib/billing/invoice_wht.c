/* invoice_wht — see invoice_wht.h. */
#include "billing/invoice_wht.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/mail.h"
#include "billing/payment.h"
#include "base/view.h"

const char *pc_wht_attachment_type(const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
        return "image/jpeg";
    if (len >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    if (len >= 6 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6)))
        return "image/gif";
    if (len >= 5 && !memcmp(p, "%PDF-", 5))
        return "application/pdf";
    if (len >= 4 && !memcmp(p, "PK\x03\x04", 4)) /* "multiple files zipped": members checked */
        return "application/zip";                /* by the upload (cgi-bin/finance_wht.c) */
    return NULL;
}

const char *pc_wht_attachment_ext(const char *type)
{
    static const char *const map[][2] = {{"image/jpeg", "jpg"},
                                         {"image/png", "png"},
                                         {"image/gif", "gif"},
                                         {"application/pdf", "pdf"},
                                         {"application/zip", "zip"}};
    for (size_t i = 0; type && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(type, map[i][0]))
            return map[i][1];
    return "bin";
}

int pc_wht_split_ok(int64_t total, const int64_t *amounts, size_t n)
{
    int64_t sum = 0;
    if (n == 0 || total <= 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (amounts[i] <= 0 || amounts[i] > total)
            return 0;
        sum += amounts[i];
    }
    return sum == total;
}

enum stmt {
    ST_LOCK,
    ST_LINES,
    ST_BILL,
    ST_CREDITED,
    ST_DECIDE,
    ST_FREE,
    ST_OPERATORS,
    ST_ADMINS,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LOCK] =
        "SELECT partner_id FROM wht_certificates WHERE id = ? AND status = 'to_be_reviewed' "
        "FOR UPDATE",
    [ST_LINES] = "SELECT w.invoice_id, w.invoice_amount, COALESCE(i.bill_id, 0) FROM "
                 "wht_certificate_invoices w JOIN invoices i ON i.id = w.invoice_id "
                 "WHERE w.certificate_id = ? ORDER BY w.invoice_id",
    [ST_BILL] = "SELECT amount_due - amount_paid FROM partner_bills WHERE id = ? FOR UPDATE",
    [ST_CREDITED] = "UPDATE wht_certificate_invoices SET credited = ? WHERE certificate_id = ? "
                    "AND invoice_id = ?",
    [ST_DECIDE] = "UPDATE wht_certificates SET status = ?, review_reason = NULLIF(?, ''), "
                  "reviewed_by = ?, reviewed_at = ? WHERE id = ? AND status = 'to_be_reviewed'",
    [ST_FREE] = "UPDATE wht_certificate_invoices SET active = NULL WHERE certificate_id = ?",
    [ST_OPERATORS] =
        "SELECT u.email, u.lang, w.code, p.name, '' FROM users u JOIN wht_certificates w "
        "ON w.id = ? JOIN partners p ON p.id = w.partner_id WHERE u.kind = 'operator' "
        "AND u.status = 'normal' ORDER BY u.id",
    [ST_ADMINS] = "SELECT u.email, u.lang, w.code, w.status, COALESCE(w.review_reason, '') FROM "
                  "wht_certificates w JOIN users u ON u.partner_id = w.partner_id AND u.status = "
                  "'normal' JOIN member_roles mr ON mr.user_id = u.id JOIN roles r ON r.id = "
                  "mr.role_id AND r.code = 'ADMIN' WHERE w.id = ? ORDER BY u.id",
};
PC_SQL_TABLE(wht_sql, sql);

typedef struct line {
    int64_t invoice, amount, bill;
} line;

typedef struct lines {
    line v[PC_WHT_MAX_INVOICES];
    size_t n;
} lines;

static int line_row(void *arg, const pc_row *r)
{
    lines *l = arg;
    if (l->n == PC_WHT_MAX_INVOICES)
        return 1;
    l->v[l->n++] = (line){pc_row_i64(r, 0), pc_row_i64(r, 1), pc_row_i64(r, 2)};
    return 0;
}

/* Credit one invoice's amount to its bill, at most what is still due: a payment of method
 * WHT through lib/payment (its entry, the bill's amount_paid and status, its allocation). */
static int credit(int64_t cert, int64_t partner, const line *l, int64_t user, const char *now)
{
    int64_t open = l->bill ? pc_db_int(&wht_sql, ST_BILL, PC_BINDS(PC_I64(l->bill)), -1) : 0;
    if (open < 0 && pc_db_errno())
        return -1;
    int64_t x = l->amount < open ? l->amount : (open > 0 ? open : 0);
    if (pc_db_exec(&wht_sql, ST_CREDITED, PC_BINDS(PC_I64(x), PC_I64(cert), PC_I64(l->invoice)),
                   NULL) < 0)
        return -1;
    if (x == 0)
        return 0;
    char key[80];
    snprintf(key, sizeof key, "wht:%lld:%lld", (long long)cert, (long long)l->invoice);
    pc_pay p = {.idem_key = key,
                .method = "WHT",
                .source = PC_SRC_WHT,
                .partner_id = partner,
                .bill_id = l->bill,
                .amount = x,
                .user_id = user,
                .memo = "withholding tax certificate",
                .now = now};
    return pc_payment_pay(&p) == PC_PAY_OK ? 0 : -1;
}

int pc_wht_approve(int64_t id, int64_t user, const char *now)
{
    int64_t partner = pc_db_int(&wht_sql, ST_LOCK, PC_BINDS(PC_I64(id)), 0);
    if (partner < 0)
        return -1;
    if (partner == 0)
        return PC_WHT_STATE;
    lines l = {.n = 0};
    if (pc_db_query(&wht_sql, ST_LINES, PC_BINDS(PC_I64(id)), line_row, &l) < 0)
        return -1;
    for (size_t i = 0; i < l.n; i++)
        if (credit(id, partner, &l.v[i], user, now))
            return -1;
    return pc_db_exec(
               &wht_sql, ST_DECIDE,
               PC_BINDS(PC_STR("approved"), PC_STR(""), PC_I64(user), PC_STR(now), PC_I64(id)),
               NULL) == 1
               ? PC_WHT_OK
               : -1;
}

int pc_wht_reject(int64_t id, int64_t user, const char *reason, const char *now)
{
    int64_t partner = pc_db_int(&wht_sql, ST_LOCK, PC_BINDS(PC_I64(id)), 0);
    if (partner < 0)
        return -1;
    if (partner == 0)
        return PC_WHT_STATE;
    if (pc_db_exec(&wht_sql, ST_FREE, PC_BINDS(PC_I64(id)), NULL) < 0)
        return -1;
    return pc_db_exec(
               &wht_sql, ST_DECIDE,
               PC_BINDS(PC_STR("rejected"), PC_STR(reason), PC_I64(user), PC_STR(now), PC_I64(id)),
               NULL) == 1
               ? PC_WHT_OK
               : -1;
}

/* One mail per row: (email, lang, code, partner name or status, reason). */
static int notice_row(void *arg, const pc_row *r)
{
    const char *kind = arg, *lang = pc_view_lang(pc_row_str(r, 1));
    char subject[256], body[1024], key[64];
    if (!strcmp(kind, "upload")) {
        snprintf(subject, sizeof subject, pc_view_t(lang, "invoices.wht.mail.upload_subject"),
                 pc_row_str(r, 2));
        snprintf(body, sizeof body, pc_view_t(lang, "invoices.wht.mail.upload_body"),
                 pc_row_str(r, 3), pc_row_str(r, 2));
    } else {
        snprintf(key, sizeof key, "invoices.wht.status.%s", pc_row_str(r, 3));
        snprintf(subject, sizeof subject, pc_view_t(lang, "invoices.wht.mail.review_subject"),
                 pc_row_str(r, 2), pc_view_t(lang, key));
        snprintf(body, sizeof body, pc_view_t(lang, "invoices.wht.mail.review_body"),
                 pc_row_str(r, 2), pc_view_t(lang, key), pc_row_str(r, 4));
    }
    return pc_mail_queue(pc_row_str(r, 0), subject, body) ? -1 : 0;
}

int pc_wht_notify_upload(int64_t id)
{
    return pc_db_query(&wht_sql, ST_OPERATORS, PC_BINDS(PC_I64(id)), notice_row, "upload") < 0 ? -1
                                                                                               : 0;
}

int pc_wht_notify_review(int64_t id)
{
    return pc_db_query(&wht_sql, ST_ADMINS, PC_BINDS(PC_I64(id)), notice_row, "review") < 0 ? -1
                                                                                            : 0;
}
