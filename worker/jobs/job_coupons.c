/*
 * The daily coupon jobs (ch09 §9.4.5.1.2, §9.4.5.1.3, 3e).
 *
 * coupon_expiry: an available coupon whose valid_to has passed becomes
 * invalid and its remaining balance is written off in the ledger
 * ("coupon_expiry:<id>"), one transaction per coupon; the status predicate
 * makes a re-run find nothing.
 *
 * coupon_notices: on the days when days_in_month − day_of_month is 7 or 3
 * (GMT+08:00, Billing.timezone), every partner with the Test Coupon Balance
 * Notification on and test coupons valid this month mails its Admins the
 * test coupons' balances, this month's usage and the bill estimate.  The
 * coupon_notices row (partner, month, days left) is written in the
 * transaction of the mails: a round is sent once or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "billing/coupon.h"
#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/mail.h"
#include "base/money.h"
#include "base/view.h"

#define BATCH 100

enum stmt {
    ST_EXPIRED,
    ST_NOTICE_PARTNERS,
    ST_NOTICE_KEY,
    ST_NOTICE_COUNT,
    ST_ADMINS,
    ST_TEST_COUPONS,
    ST_ESTIMATE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_EXPIRED] = "SELECT id FROM coupons WHERE status = 'available' AND valid_to < ? AND id > ? "
                   "ORDER BY id LIMIT "
                   "100",
    /* partners with the switch on holding a vendor test coupon valid during the month */
    [ST_NOTICE_PARTNERS] =
        "SELECT p.id FROM partners p WHERE p.test_coupon_notice = 1 AND p.id > ? AND EXISTS "
        "(SELECT 1 FROM coupons k WHERE k.owner_partner_id = p.id AND k.kind = 'test' "
        "AND k.issuer = 'vendor' AND k.valid_to >= ? AND k.valid_from <= ?) "
        "ORDER BY p.id LIMIT "
        "100",
    [ST_NOTICE_KEY] =
        "INSERT IGNORE INTO coupon_notices (partner_id, month, days_left, mails, sent_at) "
        "VALUES (?, ?, ?, 0, ?)",
    [ST_NOTICE_COUNT] =
        "UPDATE coupon_notices SET mails = ? WHERE partner_id = ? AND month = ? AND days_left = ?",
    [ST_ADMINS] = "SELECT u.email, u.lang FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                  "JOIN roles r ON r.id = mr.role_id AND r.code = 'ADMIN' WHERE u.partner_id = ? "
                  "AND u.status = 'normal' ORDER BY u.id",
    [ST_TEST_COUPONS] =
        "SELECT k.name, k.code, k.balance, COALESCE((SELECT SUM(u.amount) FROM coupon_usage u "
        "WHERE u.coupon_id = k.id AND u.billing_cycle = ?), 0), k.valid_to FROM coupons k "
        "WHERE k.owner_partner_id = ? AND k.kind = 'test' AND k.issuer = 'vendor' "
        "AND k.status = 'available' ORDER BY k.valid_to, k.id LIMIT "
        "50",
    [ST_ESTIMATE] = "SELECT amount FROM bill_estimates WHERE partner_id = ? AND billing_cycle = ?",
};
PC_SQL_TABLE(jcoupon_sql, sql);

typedef struct id_list {
    int64_t ids[BATCH];
    int n;
} id_list;

static int id_row(void *arg, const pc_row *r)
{
    id_list *l = arg;
    l->ids[l->n++] = pc_row_i64(r, 0);
    return 0;
}

typedef struct expire_one {
    const char *now;
    int64_t id;
} expire_one;

static int expire_tx(void *arg)
{
    expire_one *o = arg;
    int64_t amount = 0;
    int rc = pc_coupon_close(o->id, 0, PC_COUPON_EXPIRE, o->now, 0, "expired", &amount);
    if (rc)
        return rc;
    char detail[64];
    snprintf(detail, sizeof detail, "written_off=%lld", (long long)amount);
    pc_audit_event e = {.actor_name = "worker",
                        .action = "coupon.expire",
                        .object_type = "coupon",
                        .object_id = o->id,
                        .result = "ok",
                        .detail = detail};
    return pc_audit(&e) ? -1 : 0;
}

int job_coupon_expiry(const char *now, job_result *res)
{
    int64_t after = 0;
    for (;;) {
        id_list l = {.n = 0};
        if (pc_db_query(&jcoupon_sql, ST_EXPIRED, PC_BINDS(PC_STR(now), PC_I64(after)), id_row,
                        &l) < 0)
            return -1;
        for (int i = 0; i < l.n; i++) {
            expire_one o = {now, l.ids[i]};
            int rc = pc_db_tx(expire_tx, &o);
            if (rc == 0) {
                res->items++;
            } else if (rc < 0) {
                res->failures++;
                snprintf(res->error, sizeof res->error, "coupon %lld: %s", (long long)o.id,
                         pc_db_error());
            } /* else: taken by another worker or closed meanwhile */
            after = l.ids[i];
        }
        if (l.n < BATCH)
            return 0;
    }
}

/* ---------------------------------------------------------------- notices */

typedef struct notice {
    const char *now;
    int64_t partner, cycle, days_left;
    char month[8]; /* "YYYY-MM" */
    int mails;
    char body_lines[4000]; /* the coupon lines, built per language */
    const char *lang;
} notice;

static void append(char *buf, size_t size, const char *line)
{
    size_t used = strlen(buf);
    if (used + strlen(line) + 2 < size)
        snprintf(buf + used, size - used, "%s\n", line);
}

static int coupon_line(void *arg, const pc_row *r)
{
    notice *n = arg;
    char balance[40], used[40], to[64], line[600];
    pc_money_format(pc_row_i64(r, 2), 2, 1, balance, sizeof balance);
    pc_money_format(pc_row_i64(r, 3), 2, 1, used, sizeof used);
    pc_view_datetime(pc_row_str(r, 4), to, sizeof to);
    snprintf(line, sizeof line, pc_view_t(n->lang, "coupons.mail.line"), pc_row_str(r, 0),
             pc_row_str(r, 1), balance, used, to);
    append(n->body_lines, sizeof n->body_lines, line);
    return 0;
}

static int admin_mail(void *arg, const pc_row *r)
{
    notice *n = arg;
    char days[8], subject[300], intro[300], body[6000], line[300], amount[40];
    n->lang = pc_view_lang(pc_row_str(r, 1));
    n->body_lines[0] = '\0';
    snprintf(days, sizeof days, "%lld", (long long)n->days_left);
    if (pc_db_query(&jcoupon_sql, ST_TEST_COUPONS, PC_BINDS(PC_I64(n->cycle), PC_I64(n->partner)),
                    coupon_line, n) < 0)
        return -1;
    if (!n->body_lines[0])
        append(n->body_lines, sizeof n->body_lines, pc_view_t(n->lang, "coupons.mail.no_coupons"));
    /* the bill run's estimate of the current cycle, when it has made one */
    int64_t est; /* a month of refunds has a negative estimate */
    int found = pc_db_value(&jcoupon_sql, ST_ESTIMATE,
                            PC_BINDS(PC_I64(n->partner), PC_I64(n->cycle)), 0, &est);
    if (found < 0)
        return -1;
    if (found == 0)
        snprintf(line, sizeof line, "%s", pc_view_t(n->lang, "coupons.mail.no_estimate"));
    else
        snprintf(line, sizeof line, pc_view_t(n->lang, "coupons.mail.estimate"),
                 pc_money_format(est, 2, 1, amount, sizeof amount));
    snprintf(subject, sizeof subject, pc_view_t(n->lang, "coupons.mail.subject"), days, n->month);
    snprintf(intro, sizeof intro, pc_view_t(n->lang, "coupons.mail.intro"), days, n->month);
    snprintf(body, sizeof body, "%s\n\n%s\n%s\n\n%s\n", intro, n->body_lines, line,
             pc_view_t(n->lang, "coupons.mail.footer"));
    if (pc_mail_queue(pc_row_str(r, 0), subject, body))
        return -1;
    n->mails++;
    return 0;
}

static int notice_tx(void *arg)
{
    notice *n = arg;
    n->mails = 0;
    int64_t k = pc_db_exec(
        &jcoupon_sql, ST_NOTICE_KEY,
        PC_BINDS(PC_I64(n->partner), PC_I64(n->cycle), PC_I64(n->days_left), PC_STR(n->now)), NULL);
    if (k <= 0)
        return k < 0 ? -1 : 0; /* sent before */
    if (pc_db_query(&jcoupon_sql, ST_ADMINS, PC_BINDS(PC_I64(n->partner)), admin_mail, n) < 0)
        return -1;
    return pc_db_exec(&jcoupon_sql, ST_NOTICE_COUNT,
                      PC_BINDS(PC_I64(n->mails), PC_I64(n->partner), PC_I64(n->cycle),
                               PC_I64(n->days_left)),
                      NULL) < 0
               ? -1
               : 0;
}

int job_coupon_notices(const char *now, job_result *res)
{
    char day[11], month_start[20], month_end[20];
    if (pc_clock_local_date_of(now, day) || pc_view_init())
        return -1;
    int cycle = pc_clock_cycle_of_date(day);
    int days_left = pc_clock_cycle_days(cycle) - atoi(day + 8);
    if (days_left != 7 && days_left != 3)
        return 0;
    pc_clock_cycle_start(cycle, month_start);
    pc_clock_cycle_start(pc_clock_cycle_add(cycle, 1), month_end);
    int64_t after = 0;
    for (;;) {
        id_list l = {.n = 0};
        if (pc_db_query(&jcoupon_sql, ST_NOTICE_PARTNERS,
                        PC_BINDS(PC_I64(after), PC_STR(month_start), PC_STR(month_end)), id_row,
                        &l) < 0)
            return -1;
        for (int i = 0; i < l.n; i++) {
            notice n = {.now = now, .partner = l.ids[i], .cycle = cycle, .days_left = days_left};
            pc_clock_cycle_format(cycle, n.month);
            if (pc_db_tx(notice_tx, &n)) {
                res->failures++;
                snprintf(res->error, sizeof res->error, "partner %lld: %s", (long long)n.partner,
                         pc_db_error());
            } else {
                res->items += n.mails;
            }
            after = l.ids[i];
        }
        if (l.n < BATCH)
            return 0;
    }
}
