/*
 * Release the resources of customers frozen with their resources and not
 * unfrozen within 15 days (9.3.1.7): at release_due_at every live resource of
 * the customer becomes 'released' and the freeze record notes when.  The
 * customer stays frozen.  One short transaction per freeze; a freeze whose
 * resources_released_at is set is never touched again, so a re-run is harmless.
 * Before that, the partner's admins are warned on day 12 and day 14 of the
 * freeze, once each (freeze_warnings is the key, written with the mail).
 */
#include <stdio.h>

#include "access/audit.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/mail.h"
#include "base/view.h"

#define BATCH 100

enum stmt { ST_DUE, ST_CLAIM, ST_RELEASE, ST_MARK, ST_WARN_DUE, ST_WARN_KEY, ST_ADMINS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DUE] =
        "SELECT id FROM freeze_records WHERE scope = 'account_resources' AND unfrozen_at IS NULL "
        "AND resources_released_at IS NULL AND release_due_at <= ? AND id > ? ORDER BY id LIMIT "
        "100",
    /* SKIP LOCKED: another worker (or an unfreeze in progress) holds it; the conditions again after
       the wait */
    [ST_CLAIM] =
        "SELECT f.customer_id, c.partner_id FROM freeze_records f JOIN customers c ON c.id = "
        "f.customer_id "
        "WHERE f.id = ? AND f.scope = 'account_resources' AND f.unfrozen_at IS NULL "
        "AND f.resources_released_at IS NULL AND f.release_due_at <= ? FOR UPDATE SKIP LOCKED",
    [ST_RELEASE] =
        "UPDATE resources SET status = 'released', released_at = ? WHERE customer_id = ? "
        "AND status IN ('running', 'stopped', 'frozen')",
    [ST_MARK] = "UPDATE freeze_records SET resources_released_at = ? WHERE id = ?",
    /* live freezes in their last 3 days: the warning of day 14 from 1 day before, else of day 12 */
    [ST_WARN_DUE] =
        "SELECT f.id, IF(? >= f.release_due_at - INTERVAL 1 DAY, 14, 12), c.partner_id, c.name, "
        "c.account_name, f.release_due_at FROM freeze_records f JOIN customers c ON c.id = "
        "f.customer_id "
        "WHERE f.scope = 'account_resources' AND f.unfrozen_at IS NULL AND f.resources_released_at "
        "IS NULL "
        "AND ? >= f.release_due_at - INTERVAL 3 DAY AND ? < f.release_due_at AND f.id > ? "
        "ORDER BY f.id LIMIT "
        "100",
    [ST_WARN_KEY] = "INSERT IGNORE INTO freeze_warnings (freeze_id, day, sent_at) VALUES (?, ?, ?)",
    [ST_ADMINS] = "SELECT u.email, u.lang FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                  "JOIN roles r ON r.id = mr.role_id AND r.code = 'ADMIN' WHERE u.partner_id = ? "
                  "AND u.status = 'normal'",
};
PC_SQL_TABLE(release_sql, sql);

typedef struct release_one {
    const char *now;
    int64_t id, customer, partner;
    int64_t released; /* resources released, -1 when skipped */
} release_one;

static int claim_row(void *arg, const pc_row *r)
{
    release_one *o = arg;
    o->customer = pc_row_i64(r, 0);
    o->partner = pc_row_i64(r, 1);
    return 1;
}

static int release_tx(void *arg)
{
    release_one *o = arg;
    o->released = -1;
    int n =
        pc_db_query(&release_sql, ST_CLAIM, PC_BINDS(PC_I64(o->id), PC_STR(o->now)), claim_row, o);
    if (n <= 0)
        return n < 0 ? -1 : 0;
    o->released =
        pc_db_exec(&release_sql, ST_RELEASE, PC_BINDS(PC_STR(o->now), PC_I64(o->customer)), NULL);
    if (o->released < 0 ||
        pc_db_exec(&release_sql, ST_MARK, PC_BINDS(PC_STR(o->now), PC_I64(o->id)), NULL) != 1)
        return -1;
    char detail[64];
    snprintf(detail, sizeof detail, "freeze=%lld resources=%lld", (long long)o->id,
             (long long)o->released);
    pc_audit_event e = {.actor_name = "worker",
                        .partner_id = o->partner,
                        .action = "customer.resources.release",
                        .object_type = "customer",
                        .object_id = o->customer,
                        .result = "ok",
                        .detail = detail};
    return pc_audit(&e) ? -1 : 0;
}

typedef struct due_list {
    int64_t ids[BATCH];
    int n;
} due_list;

static int due_row(void *arg, const pc_row *r)
{
    due_list *d = arg;
    d->ids[d->n++] = pc_row_i64(r, 0);
    return 0;
}

typedef struct warning {
    const char *now;
    int64_t freeze, day, partner;
    char name[128], account[128], due[20];
    int sent;
} warning;

static int admin_mail(void *arg, const pc_row *r)
{
    warning *w = arg;
    const char *lang = pc_view_lang(pc_row_str(r, 1));
    char subject[300], body[1000], when[64];
    pc_view_datetime(w->due, when, sizeof when);
    snprintf(subject, sizeof subject, pc_view_t(lang, "mail.release_warning.subject"), w->name,
             when);
    snprintf(body, sizeof body, pc_view_t(lang, "mail.release_warning.body"), w->name, w->account,
             (int)w->day, when);
    return pc_mail_queue(pc_row_str(r, 0), subject, body) ? -1 : 0;
}

/* The key row and the mails in one transaction: a warning is sent once or not at all. */
static int warn_tx(void *arg)
{
    warning *w = arg;
    int64_t n = pc_db_exec(&release_sql, ST_WARN_KEY,
                           PC_BINDS(PC_I64(w->freeze), PC_I64(w->day), PC_STR(w->now)), NULL);
    if (n <= 0)
        return n < 0 ? -1 : 0; /* sent before */
    w->sent = 1;
    return pc_db_query(&release_sql, ST_ADMINS, PC_BINDS(PC_I64(w->partner)), admin_mail, w) < 0
               ? -1
               : 0;
}

typedef struct warn_list {
    warning w[BATCH];
    int n;
} warn_list;

static int warn_row(void *arg, const pc_row *r)
{
    warn_list *l = arg;
    warning *w = &l->w[l->n++];
    w->freeze = pc_row_i64(r, 0);
    w->day = pc_row_i64(r, 1);
    w->partner = pc_row_i64(r, 2);
    snprintf(w->name, sizeof w->name, "%s", pc_row_str(r, 3));
    snprintf(w->account, sizeof w->account, "%s", pc_row_str(r, 4));
    snprintf(w->due, sizeof w->due, "%s", pc_row_str(r, 5));
    return 0;
}

static int send_warnings(const char *now, job_result *res)
{
    int64_t after = 0;
    if (pc_view_init())
        return -1;
    for (;;) {
        warn_list l = {.n = 0};
        if (pc_db_query(&release_sql, ST_WARN_DUE,
                        PC_BINDS(PC_STR(now), PC_STR(now), PC_STR(now), PC_I64(after)), warn_row,
                        &l) < 0)
            return -1;
        for (int i = 0; i < l.n; i++) {
            l.w[i].now = now;
            if (pc_db_tx(warn_tx, &l.w[i])) {
                res->failures++;
                snprintf(res->error, sizeof res->error, "warning %lld: %s",
                         (long long)l.w[i].freeze, pc_db_error());
            }
            after = l.w[i].freeze;
        }
        if (l.n < BATCH)
            return 0;
    }
}

int job_release(const char *now, job_result *res)
{
    if (send_warnings(now, res))
        return -1;
    int64_t after = 0;
    for (;;) {
        due_list d = {.n = 0};
        if (pc_db_query(&release_sql, ST_DUE, PC_BINDS(PC_STR(now), PC_I64(after)), due_row, &d) <
            0)
            return -1;
        for (int i = 0; i < d.n; i++) {
            release_one o = {.now = now, .id = d.ids[i]};
            if (pc_db_tx(release_tx, &o)) {
                res->failures++;
                snprintf(res->error, sizeof res->error, "freeze %lld: %s", (long long)o.id,
                         pc_db_error());
            } else if (o.released >= 0) {
                res->items++;
            }
            after = d.ids[i];
        }
        if (d.n < BATCH)
            return 0;
    }
}
