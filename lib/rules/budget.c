#include "rules/budget.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "access/audit.h"
#include "base/db.h"
#include "rules/customer_freeze.h"
#include "base/money.h"
#include "base/clock.h"

enum stmt {
    ST_PARTNER,
    ST_LOCK_PARTNER,
    ST_LOCK_CUSTOMER,
    ST_BUDGET,
    ST_INSERT,
    ST_UPDATE,
    ST_ADJUST,
    ST_SPEND,
    ST_USAGE,
    ST_RESOLVE,
    ST_QUOTA_SUM,
    ST_FIGURES_BUDGET,
    ST_FIGURES,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] = "SELECT id, kind, IFNULL(distributor_id, 0), verification_codes, own_frozen, "
                   "grant_budget_monthly, grant_budget_one_time, IFNULL(quota_monthly, 0), "
                   "IFNULL(quota_one_time, 0), grant_on_behalf FROM partners WHERE id = ?",
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
    /* the scope again inside the transaction: a customer may have left it since it was read */
    [ST_LOCK_CUSTOMER] =
        "SELECT c.partner_id, c.freeze_state, IFNULL(c.association_type, ''), "
        "c.associated_at IS NOT NULL FROM customers c WHERE c.id = ? AND " PC_SCOPE_CUSTOMER_SQL
        " FOR UPDATE",
    [ST_BUDGET] =
        "SELECT type, amount, policy, window_start, version FROM budgets WHERE customer_id = ?",
    [ST_INSERT] = "INSERT INTO budgets (customer_id, type, amount, policy, window_start, version, "
                  "updated_by, "
                  "updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, UTC_TIMESTAMP())",
    [ST_UPDATE] = "UPDATE budgets SET type = ?, amount = ?, policy = ?, window_start = ?, version "
                  "= version + 1, "
                  "updated_by = ?, updated_at = UTC_TIMESTAMP() WHERE customer_id = ?",
    [ST_ADJUST] = "INSERT INTO budget_adjustments (customer_id, user_id, at, old_type, old_amount, "
                  "old_policy, "
                  "new_type, new_amount, new_policy, unfreeze_now) VALUES (?, ?, UTC_TIMESTAMP(), "
                  "NULLIF(?, ''), "
                  "IF(? = '', NULL, ?), NULLIF(?, ''), ?, ?, ?, ?)",
    /*
     * List-price spend from the window start to the end of the current month.
     * Monthly-settled rows (95th-percentile bandwidth) are left out of the
     * current month: they are billed next month.  A monthly window starts on
     * the 1st, so it never holds them; a one-time window counts those of past
     * months.  Binds: customer, window start, next month, this month.
     */
    [ST_SPEND] =
        "SELECT IFNULL(SUM(list_amount), 0) FROM customer_spend_daily WHERE customer_id = ? "
        "AND day >= ? AND day < ? AND (monthly_settled = 0 OR day < ?)",
    [ST_USAGE] = "UPDATE customers SET budget_usage_bp = ?, budget_exhausted = ?, mtd_spend = ? "
                 "WHERE id = ?",
    [ST_RESOLVE] = "UPDATE budget_alerts SET resolved_at = UTC_TIMESTAMP() WHERE customer_id = ? "
                   "AND resolved_at IS NULL",
    [ST_QUOTA_SUM] =
        "SELECT IFNULL(SUM(b.amount), 0) FROM budgets b JOIN customers c ON c.id = b.customer_id "
        "WHERE c.partner_id = ? AND b.type = ?",
    /* the budget of a customer the list shows usage for (a resale customer associated) */
    [ST_FIGURES_BUDGET] =
        "SELECT b.type, b.amount, b.window_start FROM budgets b JOIN customers c ON c.id = "
        "b.customer_id WHERE b.customer_id = ? AND c.associated_at IS NOT NULL AND "
        "c.association_type = 'reseller'",
    [ST_FIGURES] = "UPDATE customers SET mtd_spend = ?, budget_usage_bp = IF(? < 0, "
                   "budget_usage_bp, ?) WHERE id = ?",
};
PC_SQL_TABLE(budget_sql, sql);

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static int partner_row(void *arg, const pc_row *r)
{
    pc_budget_partner *p = arg;
    p->id = pc_row_i64(r, 0);
    copy(p->kind, sizeof p->kind, pc_row_str(r, 1));
    p->distributor_id = pc_row_i64(r, 2);
    p->verification_codes = (int)pc_row_i64(r, 3);
    p->own_frozen = (int)pc_row_i64(r, 4);
    p->grant_budget_monthly = (int)pc_row_i64(r, 5);
    p->grant_budget_one_time = (int)pc_row_i64(r, 6);
    p->quota_monthly = pc_row_i64(r, 7);
    p->quota_one_time = pc_row_i64(r, 8);
    p->grant_on_behalf = (int)pc_row_i64(r, 9);
    return 1;
}

int pc_budget_partner_load(int64_t partner_id, pc_budget_partner *p)
{
    memset(p, 0, sizeof *p);
    return pc_db_query(&budget_sql, ST_PARTNER, PC_BINDS(PC_I64(partner_id)), partner_row, p);
}

int pc_budget_gate(const pc_user *u, int64_t customer_partner_id, int associated,
                   const char *association_type, pc_budget_partner *actor)
{
    if (pc_budget_partner_load(u->partner_id, actor) != 1)
        return 500;
    return pc_freeze_gate(u, customer_partner_id, associated, association_type, NULL);
}

int pc_budget_type_granted(const pc_budget_partner *p, int own, const char *type)
{
    if (!own || strcmp(p->kind, "reseller") != 0)
        return 1;
    return strcmp(type, "monthly") == 0 ? p->grant_budget_monthly : p->grant_budget_one_time;
}

void pc_budget_months_at(time_t t, pc_budget_months *m)
{
    int cycle = pc_clock_cycle_of(t);
    pc_clock_cycle_first_day(cycle, m->this_month);
    pc_clock_cycle_first_day(pc_clock_cycle_add(cycle, 1), m->next_month);
}

void pc_budget_months_now(pc_budget_months *m)
{
    pc_budget_months_at(pc_clock_now(), m);
}

int pc_budget_spend(int64_t customer, const char *from, const pc_budget_months *m, int64_t *out)
{
    return pc_db_value(&budget_sql, ST_SPEND,
                       PC_BINDS(PC_I64(customer), PC_STR(from), PC_STR(m->next_month),
                                PC_STR(m->this_month)),
                       0, out) < 0
               ? -1
               : 0;
}

int pc_budget_month_to_date(int64_t customer_id, int64_t *out)
{
    pc_budget_months m;
    pc_budget_months_now(&m);
    return pc_budget_spend(customer_id, m.this_month, &m, out);
}

/* The window a budget of `type` counts from: its start for a one-time budget, else the 1st. */
static const char *counted_from(const char *type, const char *window_start,
                                const pc_budget_months *m)
{
    return strcmp(type, "one_time") == 0 && window_start && *window_start ? window_start
                                                                          : m->this_month;
}

int pc_budget_used(int64_t customer_id, const char *type, const char *window_start, int64_t *used)
{
    pc_budget_months m;
    pc_budget_months_now(&m);
    return pc_budget_spend(customer_id, counted_from(type, window_start, &m), &m, used);
}

int64_t pc_budget_usage_bp(int64_t spent, int64_t budget)
{
    if (spent <= 0)
        return 0;
    if (budget <= 0)
        return PC_BUDGET_BP_FULL;
    __int128 bp = (__int128)spent * PC_BUDGET_BP_FULL / budget;
    return bp > 1000000000 ? 1000000000 : (int64_t)bp;
}

pc_budget_amount_error pc_budget_amount_check(int64_t amount)
{
    if (amount < 0)
        return PC_BUDGET_AMOUNT_NEGATIVE;
    if (amount % INT64_C(1000000) != 0)
        return PC_BUDGET_AMOUNT_DECIMALS;
    return amount > PC_BUDGET_AMOUNT_MAX ? PC_BUDGET_AMOUNT_TOO_LARGE : PC_BUDGET_AMOUNT_OK;
}

typedef struct figures_budget {
    char type[12], window_start[12];
    int64_t amount;
    int found;
} figures_budget;

static int figures_budget_row(void *arg, const pc_row *r)
{
    figures_budget *b = arg;
    snprintf(b->type, sizeof b->type, "%s", pc_row_str(r, 0));
    b->amount = pc_row_i64(r, 1);
    snprintf(b->window_start, sizeof b->window_start, "%s", pc_row_str(r, 2));
    b->found = 1;
    return 1;
}

int pc_budget_figures_refresh(int64_t customer_id, const pc_budget_months *m)
{
    figures_budget b = {.found = 0};
    int64_t mtd, spent = 0, bp = -1;
    if (pc_db_query(&budget_sql, ST_FIGURES_BUDGET, PC_BINDS(PC_I64(customer_id)),
                    figures_budget_row, &b) < 0 ||
        pc_budget_spend(customer_id, m->this_month, m, &mtd))
        return -1;
    if (b.found) {
        /* a monthly budget counts this month: the spend just read, not a second query */
        const char *from = counted_from(b.type, b.window_start, m);
        spent = mtd;
        if (from != m->this_month && pc_budget_spend(customer_id, from, m, &spent))
            return -1;
        bp = pc_budget_usage_bp(spent, b.amount);
    }
    return pc_db_exec(&budget_sql, ST_FIGURES,
                      PC_BINDS(PC_I64(mtd), PC_I64(bp), PC_I64(bp), PC_I64(customer_id)), NULL) < 0
               ? -1
               : 0;
}

/* ---- the change ---- */

typedef struct old_budget {
    char type[12], policy[12], window_start[12];
    int64_t amount;
    int found;
} old_budget;

static int old_row(void *arg, const pc_row *r)
{
    old_budget *o = arg;
    copy(o->type, sizeof o->type, pc_row_str(r, 0));
    o->amount = pc_row_i64(r, 1);
    copy(o->policy, sizeof o->policy, pc_row_str(r, 2));
    copy(o->window_start, sizeof o->window_start, pc_row_str(r, 3));
    o->found = 1;
    return 1;
}

typedef struct locked {
    int64_t partner_id;
    char freeze_state[24];
    int reseller_model;
} locked;

static int locked_row(void *arg, const pc_row *r)
{
    locked *l = arg;
    l->partner_id = pc_row_i64(r, 0);
    copy(l->freeze_state, sizeof l->freeze_state, pc_row_str(r, 1));
    l->reseller_model = strcmp(pc_row_str(r, 2), "reseller") == 0 && pc_row_i64(r, 3) == 1;
    return 1;
}

static int refuse(pc_budget_change *j, int status, const char *field, const char *key)
{
    j->status = status, j->error_field = field, j->error = key;
    return 1;
}

/*
 * The window: monthly budgets start on the 1st of the current month; a
 * one-time budget on the 1st of the month it was set or switched to, and it
 * keeps its start when only its amount or policy changes (it never restores).
 */
static const char *window_start(const pc_budget_change *j, const old_budget *o,
                                const pc_budget_months *m)
{
    if (strcmp(j->type, "one_time") == 0 && o->found && strcmp(o->type, "one_time") == 0)
        return o->window_start;
    return m->this_month;
}

/* Usage at once after the change; under 100 % open alerts are resolved (9.3.1.3). */
static int refresh_usage(const pc_budget_change *j, int64_t id, const char *from,
                         const pc_budget_months *m)
{
    int64_t spent, mtd;
    if (pc_budget_spend(id, from, m, &spent) || pc_budget_spend(id, m->this_month, m, &mtd))
        return -1;
    int64_t bp = pc_budget_usage_bp(spent, j->amount);
    if (pc_db_exec(&budget_sql, ST_USAGE,
                   PC_BINDS(PC_I64(bp), PC_I64(bp >= PC_BUDGET_BP_FULL), PC_I64(mtd), PC_I64(id)),
                   NULL) < 0)
        return -1;
    if (bp < PC_BUDGET_BP_FULL &&
        pc_db_exec(&budget_sql, ST_RESOLVE, PC_BINDS(PC_I64(id)), NULL) < 0)
        return -1;
    return 0;
}

static int audit_set(const pc_budget_change *j, int64_t id, const char *policy, int unfreeze)
{
    char amount[40], detail[200];
    snprintf(detail, sizeof detail, "type=%s amount=%s policy=%s unfreeze=%d%s%s", j->type,
             pc_money_format(j->amount, 2, 0, amount, sizeof amount), policy, unfreeze,
             j->via && *j->via ? " via=" : "", j->via ? j->via : "");
    pc_audit_event e = {.actor_user_id = j->user->id,
                        .actor_name = j->user->username,
                        .partner_id = j->user->partner_id,
                        .action = "customer.budget.set",
                        .object_type = "customer",
                        .object_id = id,
                        .ip = j->ip,
                        .result = "ok",
                        .detail = detail};
    return pc_audit(&e);
}

static int write_budget(const pc_budget_change *j, int64_t id, const old_budget *o,
                        const char *policy, const char *from)
{
    const pc_user *u = j->user;
    if (o->found)
        return pc_db_exec(&budget_sql, ST_UPDATE,
                          PC_BINDS(PC_STR(j->type), PC_I64(j->amount), PC_STR(policy), PC_STR(from),
                                   PC_I64(u->id), PC_I64(id)),
                          NULL) == 1
                   ? 0
                   : -1;
    return pc_db_exec(&budget_sql, ST_INSERT,
                      PC_BINDS(PC_I64(id), PC_STR(j->type), PC_I64(j->amount), PC_STR(policy),
                               PC_STR(from), PC_I64(u->id)),
                      NULL) == 1
               ? 0
               : -1;
}

static int set_one(pc_budget_change *j, int64_t id, const pc_budget_months *m)
{
    const pc_user *u = j->user;
    pc_scope s;
    locked l = {0};
    old_budget o = {0};
    pc_authz_scope(u, &s);
    int n = pc_db_query(&budget_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(id), PC_SCOPE_BINDS(s)),
                        locked_row, &l);
    if (n < 0)
        return -1;
    /* a batch works on the user's own customers only (a distributor sets one at a time, ch10 §2) */
    if (n == 0 || (j->batch && l.partner_id != u->partner_id))
        return refuse(j, 404, NULL, "cust.err.unknown_customer");
    if (!l.reseller_model)
        return refuse(j, 409, NULL, "cust.bud.err.not_reseller");
    if (pc_db_query(&budget_sql, ST_BUDGET, PC_BINDS(PC_I64(id)), old_row, &o) < 0)
        return -1;
    const char *from = window_start(j, &o, m);
    const char *policy = j->policy ? j->policy : o.found ? o.policy : "manual";
    if (write_budget(j, id, &o, policy, from))
        return -1;
    int unfreeze = j->unfreeze_now && strcmp(l.freeze_state, "normal") != 0;
    if (pc_db_exec(&budget_sql, ST_ADJUST,
                   PC_BINDS(PC_I64(id), PC_I64(u->id), PC_STR(o.type), PC_STR(o.type),
                            PC_I64(o.amount), PC_STR(o.policy), PC_STR(j->type), PC_I64(j->amount),
                            PC_STR(policy), PC_I64(unfreeze)),
                   NULL) != 1)
        return -1;
    pc_audit_event who = {.actor_user_id = u->id,
                          .actor_name = u->username,
                          .partner_id = u->partner_id,
                          .ip = j->ip};
    if (unfreeze && pc_freeze_end(&who, id, ""))
        return -1;
    if (refresh_usage(j, id, from, m))
        return -1;
    return audit_set(j, id, policy, unfreeze);
}

static int budget_tx(void *arg)
{
    pc_budget_change *j = arg;
    const pc_user *u = j->user;
    pc_budget_months m = {.this_month = ""};
    pc_budget_months_now(&m);
    /* the partner row serialises changes to the reseller's quota pool */
    if (pc_db_query(&budget_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(u->partner_id)), NULL, NULL) != 1)
        return -1;
    for (int i = 0; i < j->n; i++) {
        int rc = set_one(j, j->ids[i], &m);
        if (rc)
            return rc;
    }
    /* the sum of the reseller's budgets of this type stays within the granted quota */
    if (strcmp(j->actor.kind, "reseller") == 0) {
        int64_t quota =
            strcmp(j->type, "monthly") == 0 ? j->actor.quota_monthly : j->actor.quota_one_time;
        int64_t sum;
        if (pc_db_value(&budget_sql, ST_QUOTA_SUM, PC_BINDS(PC_I64(u->partner_id), PC_STR(j->type)),
                        0, &sum) < 0)
            return -1;
        if (sum > quota)
            return refuse(j, 400, "amount", "cust.bud.err.quota");
    }
    return 0;
}

int pc_budget_set(pc_budget_change *j)
{
    j->status = 0, j->error = NULL, j->error_field = NULL;
    return pc_db_tx(budget_tx, j);
}
