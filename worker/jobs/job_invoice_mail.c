/*
 * invoice_mail — the invoice e-mails after the bill run (ch09 §9.4.3a, 3e):
 * each issued invoice (bill, top-up, credit note) not mailed yet goes to its
 * buyer e-mail (the invoice info's, else the partner's contact e-mail),
 * queued in the outbox (lib/mail) in the transaction that marks it mailed,
 * so a re-run never mails twice; and, for partners with the "no expenditure"
 * switch on, once the month is billed (Billing.run_day) and the partner has
 * no bill for it, one notice per partner and month (invoice_notices).  The
 * mails are in English (the invoice's language, as its PDF).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/mail.h"
#include "base/money.h"
#include "base/view.h"

enum stmt { ST_PENDING, ST_MARK, ST_QUIET, ST_NOTICE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PENDING] = "SELECT i.id, i.number, i.kind, i.period, i.currency, i.payable, i.buyer_email "
                   "FROM invoices i WHERE i.status = 'issued' AND i.mailed_at IS NULL "
                   "AND i.buyer_email <> '' ORDER BY i.id LIMIT 1000",
    [ST_MARK] = "UPDATE invoices SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL",
    [ST_QUIET] = "SELECT p.id, COALESCE(i.email, p.contact_email, '') FROM partners p "
                 "LEFT JOIN partner_invoice_info i ON i.partner_id = p.id "
                 "WHERE p.invoice_notice_no_expenditure = 1 AND COALESCE(i.email, p.contact_email, "
                 "'') <> '' "
                 "AND NOT EXISTS (SELECT 1 FROM partner_bills b WHERE b.partner_id = p.id AND "
                 "b.billing_cycle = ?) AND NOT EXISTS (SELECT 1 FROM expenditure_lines l WHERE "
                 "l.partner_id = p.id AND l.billing_cycle = ? AND l.association_type = 'reseller') "
                 "AND NOT EXISTS (SELECT 1 FROM invoice_notices n WHERE n.partner_id = p.id AND "
                 "n.billing_cycle = ?) ORDER BY p.id LIMIT 1000",
    [ST_NOTICE] =
        "INSERT IGNORE INTO invoice_notices (partner_id, billing_cycle, sent_at) VALUES (?, ?, ?)",
};
PC_SQL_TABLE(invmail_sql, sql);

typedef struct one_mail {
    int64_t id, cycle;
    char to[255], subject[256], body[1024];
    const char *now;
} one_mail;

/* Mark (invoice or notice) and queue in one transaction; 1 when this run sent it. */
static int invoice_tx(void *arg)
{
    one_mail *m = arg;
    int64_t n = pc_db_exec(&invmail_sql, ST_MARK, PC_BINDS(PC_STR(m->now), PC_I64(m->id)), NULL);
    if (n < 0)
        return -1;
    return n == 1 && pc_mail_queue(m->to, m->subject, m->body) ? -1 : 0;
}

static int notice_tx(void *arg)
{
    one_mail *m = arg;
    int64_t n = pc_db_exec(&invmail_sql, ST_NOTICE,
                           PC_BINDS(PC_I64(m->id), PC_I64(m->cycle), PC_STR(m->now)), NULL);
    if (n < 0)
        return -1;
    return n == 1 && pc_mail_queue(m->to, m->subject, m->body) ? -1 : 0;
}

typedef struct run {
    const char *now;
    int64_t cycle;
    job_result *res;
} run;

static void count(run *r, int rc)
{
    if (rc) {
        r->res->failures++;
        snprintf(r->res->error, sizeof r->res->error, "%s", pc_db_error());
    } else {
        r->res->items++;
    }
}

static int pending_row(void *arg, const pc_row *row)
{
    run *r = arg;
    one_mail m = {.id = pc_row_i64(row, 0), .now = r->now};
    char amount[48], kind[64];
    pc_money_format(pc_row_i64(row, 5), 2, 1, amount, sizeof amount);
    snprintf(kind, sizeof kind, "invoices.kind.%s", pc_row_str(row, 2));
    snprintf(m.to, sizeof m.to, "%s", pc_row_str(row, 6));
    snprintf(m.subject, sizeof m.subject, pc_view_t("en", "invoices.mail.subject"),
             pc_row_str(row, 1));
    snprintf(m.body, sizeof m.body, pc_view_t("en", "invoices.mail.body"), pc_row_str(row, 1),
             pc_view_t("en", kind), pc_row_str(row, 3), amount, pc_row_str(row, 4));
    count(r, pc_db_tx(invoice_tx, &m));
    return 0;
}

static int quiet_row(void *arg, const pc_row *row)
{
    run *r = arg;
    one_mail m = {.id = pc_row_i64(row, 0), .cycle = r->cycle, .now = r->now};
    snprintf(m.to, sizeof m.to, "%s", pc_row_str(row, 1));
    snprintf(m.subject, sizeof m.subject, pc_view_t("en", "invoices.mail.quiet_subject"),
             (long long)r->cycle);
    snprintf(m.body, sizeof m.body, pc_view_t("en", "invoices.mail.quiet_body"),
             (long long)r->cycle);
    count(r, pc_db_tx(notice_tx, &m));
    return 0;
}

int job_invoice_mail(const char *now, job_result *res)
{
    run r = {now, 0, res};
    if (pc_view_init())
        return -1;
    if (pc_db_query(&invmail_sql, ST_PENDING, PC_NOBINDS, pending_row, &r) < 0)
        return -1;
    /* the month billed on run_day of this month (Billing.timezone) */
    char local[11];
    pc_clock_local_date_of(now, local);
    if (atoi(local + 8) < pc_conf_int("Billing.run_day"))
        return 0;
    r.cycle = pc_clock_cycle_add(pc_clock_cycle_of_date(local), -1);
    return pc_db_query(&invmail_sql, ST_QUIET,
                       PC_BINDS(PC_I64(r.cycle), PC_I64(r.cycle), PC_I64(r.cycle)), quiet_row,
                       &r) < 0
               ? -1
               : 0;
}
