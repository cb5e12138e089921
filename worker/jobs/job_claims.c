/*
 * claim_reminder — hourly (ch09 §9.4.2.3 Worker: "SLA reminder to VENDOR_OPS
 * after 1 working day"): a remittance claim still PENDING_REVIEW one working
 * day after it was submitted is mailed to every vendor operator through the
 * outbox, once: the mails are queued in the transaction that sets
 * remittance_claims.reminded_at, and only a claim without reminded_at is
 * taken, so a re-run mails nothing again.
 *
 * One working day: the same time on the next day that is Monday to Friday in
 * Billing.timezone (GMT+08:00); a claim of Friday is due Monday, one of the
 * weekend Monday too.  Public holidays are not known to the product.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/mail.h"
#include "base/money.h"
#include "base/view.h"

#define MAX_CLAIMS 500

enum stmt { ST_PENDING, ST_MARK, ST_OPERATORS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PENDING] = "SELECT id, submitted_at FROM remittance_claims WHERE status = "
                   "'PENDING_REVIEW' AND reminded_at IS NULL ORDER BY id LIMIT 500",
    [ST_MARK] = "UPDATE remittance_claims SET reminded_at = ? WHERE id = ? "
                "AND status = 'PENDING_REVIEW' AND reminded_at IS NULL",
    [ST_OPERATORS] = "SELECT u.email, u.lang, k.id, p.name, k.currency, k.amount, "
                     "k.submitted_at FROM users u JOIN remittance_claims k ON k.id = ? "
                     "JOIN partners p ON p.id = k.partner_id WHERE u.kind = 'operator' "
                     "AND u.status = 'normal' ORDER BY u.id",
};
PC_SQL_TABLE(claims_job_sql, sql);

typedef struct pending {
    size_t n;
    int64_t id[MAX_CLAIMS];
    time_t at[MAX_CLAIMS];
} pending;

static time_t utc(const char *s)
{
    time_t t;
    return pc_clock_parse(s, &t) ? 0 : t;
}

static int pending_row(void *arg, const pc_row *r)
{
    pending *p = arg;
    if (p->n >= MAX_CLAIMS)
        return 1;
    p->id[p->n] = pc_row_i64(r, 0);
    p->at[p->n++] = utc(pc_row_str(r, 1));
    return 0;
}

/* `t` moved on by one working day (local weekdays). */
static time_t claim_sla_due(time_t t)
{
    time_t due = t + 86400;
    for (int i = 0; i < 3; i++) {
        struct tm tm;
        pc_clock_local_tm(due, &tm);
        if (tm.tm_wday != 0 && tm.tm_wday != 6)
            break;
        due += 86400;
    }
    return due;
}

/* One reminder per operator (in the operator's language). */
static int mail_row(void *arg, const pc_row *r)
{
    (void)arg;
    const char *lang = pc_view_lang(pc_row_str(r, 1));
    char subject[256], body[1024], amount[40];
    snprintf(subject, sizeof subject, pc_view_t(lang, "remit.mail.reminder_subject"),
             pc_row_str(r, 2));
    pc_money_format(pc_row_i64(r, 5), 2, 1, amount, sizeof amount);
    snprintf(body, sizeof body, pc_view_t(lang, "remit.mail.reminder_body"), pc_row_str(r, 2),
             pc_row_str(r, 3), amount, pc_row_str(r, 4), pc_row_str(r, 6));
    return pc_mail_queue(pc_row_str(r, 0), subject, body) ? -1 : 0;
}

typedef struct remind {
    int64_t id;
    const char *now;
} remind;

static int remind_tx(void *arg)
{
    remind *x = arg;
    int64_t n = pc_db_exec(&claims_job_sql, ST_MARK, PC_BINDS(PC_STR(x->now), PC_I64(x->id)), NULL);
    if (n <= 0)
        return n < 0 ? -1 : 0; /* decided or reminded meanwhile */
    return pc_db_query(&claims_job_sql, ST_OPERATORS, PC_BINDS(PC_I64(x->id)), mail_row, NULL) < 0
               ? -1
               : 0;
}

int job_claim_reminder(const char *now, job_result *res)
{
    static pending p;
    time_t t = utc(now);
    if (!t || pc_view_init()) {
        snprintf(res->error, sizeof res->error, "bad time %s or no language files", now);
        return -1;
    }
    p.n = 0;
    if (pc_db_query(&claims_job_sql, ST_PENDING, PC_NOBINDS, pending_row, &p) < 0) {
        snprintf(res->error, sizeof res->error, "%s", pc_db_error());
        return -1;
    }
    for (size_t i = 0; i < p.n; i++) {
        if (!p.at[i] || claim_sla_due(p.at[i]) > t)
            continue;
        remind x = {p.id[i], now};
        if (pc_db_tx(remind_tx, &x)) {
            res->failures++;
            snprintf(res->error, sizeof res->error, "claim %" PRId64 ": %s", p.id[i],
                     pc_db_error());
        } else {
            res->items++;
        }
    }
    return res->failures ? -1 : 0;
}
