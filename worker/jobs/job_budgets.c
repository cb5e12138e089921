/*
 * The hourly budget job (9.3.1.3, 9.3.1.4; formula 3d item 10).  For every
 * customer associated in the reseller model that has a budget:
 *   E     = list-price spend in the window (monthly: the current local month
 *           without monthly-settled services; one-time: since window_start);
 *   usage = E / B in basis points (B = 0: exhausted as soon as E > 0);
 * it refreshes the customer's month-to-date spend and usage, fires each
 * level 75/90/100 once per (customer, window_start, version, level) — the
 * unique key of budget_alerts makes a re-run insert nothing, and mail goes
 * out only for a row that was new — marks the budget exhausted at 100 %, and
 * with the automatic policy freezes an account that is not frozen (this also
 * freezes again a customer unfrozen without raising its budget).  On the 1st
 * of a month monthly windows move to the new month: usage restores and the
 * levels re-arm, but a freeze stays.  Each customer is one short transaction;
 * customers without a budget only get their month-to-date spend refreshed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "rules/budget.h"
#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/mail.h"
#include "base/money.h"
#include "base/view.h"

#define BATCH   500
#define BP_FULL PC_BUDGET_BP_FULL

enum stmt {
    ST_LIST,
    ST_CLAIM,
    ST_MOVE_WINDOW,
    ST_USAGE,
    ST_ALERT,
    ST_RECIPIENTS,
    ST_FREEZE,
    ST_FREEZE_RECORD,
    ST_MAX_ID,
    ST_MTD_OTHERS,
    ST__MAX
};
#define BUDGETED "c.associated_at IS NOT NULL AND c.association_type = 'reseller'"
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT b.customer_id FROM budgets b JOIN customers c ON c.id = b.customer_id "
                "WHERE " BUDGETED " AND b.customer_id > ? ORDER BY b.customer_id LIMIT "
                "500",
    /* SKIP LOCKED: a customer held by a page or another worker is done at the next run */
    [ST_CLAIM] =
        "SELECT c.partner_id, c.name, c.account_name, c.freeze_state, b.type, b.amount, b.policy, "
        "b.window_start, b.version FROM customers c JOIN budgets b ON b.customer_id = c.id "
        "WHERE c.id = ? AND " BUDGETED " FOR UPDATE SKIP LOCKED",
    [ST_MOVE_WINDOW] =
        "UPDATE budgets SET window_start = ? WHERE customer_id = ? AND window_start < ?",
    [ST_USAGE] = "UPDATE customers SET mtd_spend = ?, budget_usage_bp = ?, budget_exhausted = ? "
                 "WHERE id = ?",
    [ST_ALERT] = "INSERT IGNORE INTO budget_alerts (customer_id, window_start, budget_version, "
                 "level, usage_bp, "
                 "fired_at) VALUES (?, ?, ?, ?, ?, ?)",
    /* the partner's recipients, and its distributor's for a reseller's customer (ch10 §2) */
    [ST_RECIPIENTS] = "SELECT email FROM budget_recipients WHERE partner_id = ? OR partner_id = "
                      "(SELECT distributor_id FROM partners WHERE id = ?) ORDER BY id",
    [ST_FREEZE] = "UPDATE customers SET freeze_state = 'account', freeze_source = 'budget_auto' "
                  "WHERE id = ? AND freeze_state = 'normal'",
    [ST_FREEZE_RECORD] = "INSERT INTO freeze_records (customer_id, scope, source, frozen_at) "
                         "VALUES (?, 'account', 'budget_auto', ?)",
    [ST_MAX_ID] = "SELECT IFNULL(MAX(id), 0) FROM customers",
    /* the month-to-date figure of lib/rules/budget.c (pc_budget_spend from the 1st) */
    [ST_MTD_OTHERS] = "UPDATE customers c SET c.mtd_spend = " PC_BUDGET_MTD_SQL(
        "c.id") " WHERE c.id > ? AND c.id <= ? AND (NOT (" BUDGETED ") "
                "OR c.association_type IS NULL OR NOT EXISTS (SELECT 1 FROM budgets b WHERE "
                "b.customer_id = c.id))",
};
PC_SQL_TABLE(budget_job_sql, sql);

typedef struct run_ctx {
    const char *now;
    pc_budget_months m;
} run_ctx;

typedef struct budget_one {
    const run_ctx *r;
    int64_t id, partner, amount, version, bp;
    char name[208], account[72], state[24], type[12], policy[12], window[24];
    int found, alerts, frozen;
} budget_one;

static int claim_row(void *arg, const pc_row *row)
{
    budget_one *b = arg;
    b->partner = pc_row_i64(row, 0);
    snprintf(b->name, sizeof b->name, "%s", pc_row_str(row, 1));
    snprintf(b->account, sizeof b->account, "%s", pc_row_str(row, 2));
    snprintf(b->state, sizeof b->state, "%s", pc_row_str(row, 3));
    snprintf(b->type, sizeof b->type, "%s", pc_row_str(row, 4));
    b->amount = pc_row_i64(row, 5);
    snprintf(b->policy, sizeof b->policy, "%s", pc_row_str(row, 6));
    snprintf(b->window, sizeof b->window, "%s", pc_row_str(row, 7));
    b->version = pc_row_i64(row, 8);
    b->found = 1;
    return 1;
}

/* The spend of the budget's window (lib/rules/budget.c's one definition); 0 or -1. */
static int spend(const budget_one *b, const char *from, int64_t *out)
{
    return pc_budget_spend(b->id, from, &b->r->m, out);
}

/* Language strings for the mails, loaded once per process. */
static int lang_ready(void)
{
    static int state; /* 0 not tried, 1 ready, -1 failed */
    if (state == 0)
        state = pc_view_init() == 0 ? 1 : -1;
    return state == 1;
}

typedef struct mail_ctx {
    const budget_one *b;
    int level;
    int64_t spent;
    int failed;
} mail_ctx;

static int mail_row(void *arg, const pc_row *row)
{
    mail_ctx *m = arg;
    const char *lang = pc_view_lang(NULL);
    char subject[300], body[1200], amount[40], spent[40];
    snprintf(subject, sizeof subject, pc_view_t(lang, "mail.budget_alert.subject"), m->b->name);
    snprintf(body, sizeof body, pc_view_t(lang, "mail.budget_alert.body"), m->b->name,
             m->b->account, m->level, pc_money_format(m->b->amount, 2, 1, amount, sizeof amount),
             pc_money_format(m->spent, 2, 1, spent, sizeof spent));
    if (pc_mail_queue(pc_row_str(row, 0), subject, body)) {
        m->failed = 1;
        return 1;
    }
    return 0;
}

/* Fire the levels reached; a level already recorded for this window and version is left alone. */
static int fire_levels(budget_one *b, int64_t spent)
{
    static const int levels[] = {75, 90, 100};
    for (int i = 0; i < 3; i++) {
        if (b->bp < levels[i] * 100)
            break;
        int64_t n = pc_db_exec(&budget_job_sql, ST_ALERT,
                               PC_BINDS(PC_I64(b->id), PC_STR(b->window), PC_I64(b->version),
                                        PC_I64(levels[i]), PC_I64(b->bp), PC_STR(b->r->now)),
                               NULL);
        if (n < 0)
            return -1;
        if (n == 0)
            continue;
        b->alerts++;
        if (!lang_ready())
            return -1;
        mail_ctx m = {b, levels[i], spent, 0};
        if (pc_db_query(&budget_job_sql, ST_RECIPIENTS,
                        PC_BINDS(PC_I64(b->partner), PC_I64(b->partner)), mail_row, &m) < 0 ||
            m.failed)
            return -1;
    }
    return 0;
}

/* Automatic policy at 100 %: freeze the account unless it is frozen already. */
static int auto_freeze(budget_one *b)
{
    int64_t n = pc_db_exec(&budget_job_sql, ST_FREEZE, PC_BINDS(PC_I64(b->id)), NULL);
    if (n <= 0)
        return (int)n;
    if (pc_db_exec(&budget_job_sql, ST_FREEZE_RECORD, PC_BINDS(PC_I64(b->id), PC_STR(b->r->now)),
                   NULL) != 1)
        return -1;
    char detail[64];
    snprintf(detail, sizeof detail, "usage_bp=%lld version=%lld", (long long)b->bp,
             (long long)b->version);
    pc_audit_event e = {.actor_name = "worker",
                        .partner_id = b->partner,
                        .action = "customer.freeze.auto",
                        .object_type = "customer",
                        .object_id = b->id,
                        .result = "ok",
                        .detail = detail};
    b->frozen = 1;
    return pc_audit(&e);
}

static int budget_tx(void *arg)
{
    budget_one *b = arg;
    const run_ctx *r = b->r;
    b->found = b->alerts = b->frozen = 0;
    int n = pc_db_query(&budget_job_sql, ST_CLAIM, PC_BINDS(PC_I64(b->id)), claim_row, b);
    if (n <= 0)
        return n < 0 ? -1 : 0;
    /* the 1st of a month: a monthly window moves on (never back) and its levels re-arm */
    if (strcmp(b->type, "monthly") == 0 && strcmp(b->window, r->m.this_month) < 0) {
        if (pc_db_exec(&budget_job_sql, ST_MOVE_WINDOW,
                       PC_BINDS(PC_STR(r->m.this_month), PC_I64(b->id), PC_STR(r->m.this_month)),
                       NULL) != 1)
            return -1;
        snprintf(b->window, sizeof b->window, "%s", r->m.this_month);
    }
    int64_t spent, mtd;
    if (spend(b, b->window, &spent) || spend(b, r->m.this_month, &mtd))
        return -1;
    b->bp = pc_budget_usage_bp(spent, b->amount);
    if (pc_db_exec(&budget_job_sql, ST_USAGE,
                   PC_BINDS(PC_I64(mtd), PC_I64(b->bp), PC_I64(b->bp >= BP_FULL), PC_I64(b->id)),
                   NULL) < 0)
        return -1;
    if (fire_levels(b, spent))
        return -1;
    if (b->bp >= BP_FULL && strcmp(b->policy, "automatic") == 0 &&
        strcmp(b->state, "normal") == 0 && auto_freeze(b))
        return -1;
    return 0;
}

typedef struct id_list {
    int64_t ids[BATCH];
    int n;
} id_list;

static int id_row(void *arg, const pc_row *row)
{
    id_list *l = arg;
    l->ids[l->n++] = pc_row_i64(row, 0);
    return 0;
}

static int budgeted_customers(const run_ctx *r, job_result *res)
{
    int64_t after = 0;
    for (;;) {
        id_list l = {.n = 0};
        if (pc_db_query(&budget_job_sql, ST_LIST, PC_BINDS(PC_I64(after)), id_row, &l) < 0)
            return -1;
        for (int i = 0; i < l.n; i++) {
            budget_one b = {.r = r, .id = l.ids[i]};
            if (pc_db_tx(budget_tx, &b)) {
                res->failures++;
                snprintf(res->error, sizeof res->error, "customer %lld: %s", (long long)b.id,
                         pc_db_error());
            } else if (b.found) {
                res->items++;
            }
            after = l.ids[i];
        }
        if (l.n < BATCH)
            return 0;
    }
}

/* Month-to-date spend of the other customers, in id ranges (one short statement each). */
static int other_customers(const run_ctx *r)
{
    int64_t max = pc_db_int(&budget_job_sql, ST_MAX_ID, PC_NOBINDS, -1);
    if (max < 0)
        return -1;
    for (int64_t lo = 0; lo < max; lo += 1000)
        if (pc_db_exec(&budget_job_sql, ST_MTD_OTHERS,
                       PC_BINDS(PC_STR(r->m.this_month), PC_STR(r->m.next_month), PC_I64(lo),
                                PC_I64(lo + 1000)),
                       NULL) < 0)
            return -1;
    return 0;
}

int job_budgets(const char *now, job_result *res)
{
    time_t t;
    run_ctx r = {.now = now};
    if (pc_clock_parse(now, &t))
        return -1;
    pc_budget_months_at(t, &r.m);
    if (budgeted_customers(&r, res) || other_customers(&r))
        return -1;
    return res->failures ? -1 : 0;
}
