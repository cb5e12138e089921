#include "rules/assoc_switch.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"

enum stmt {
    ST_LOCK_CUSTOMER,
    ST_PENDING_OF_PAIR,
    ST_INSERT,
    ST_LOCK_REQUEST,
    ST_DECIDE,
    ST_END_ASSOCIATION,
    ST_NEW_ASSOCIATION,
    ST_TO_REFERRAL,
    ST_CLOSE_FREEZES,
    ST_TO_RESELLER,
    ST_FREEZE_RECORD,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LOCK_CUSTOMER] =
        "SELECT IFNULL(partner_id, 0), IFNULL(association_type, ''), "
        "IFNULL(account_manager_id, 0), freeze_state FROM customers WHERE id = ? FOR UPDATE",
    [ST_PENDING_OF_PAIR] = "SELECT COUNT(*) FROM association_requests WHERE customer_id = ? "
                           "AND partner_id = ? AND status = 'pending'",
    [ST_INSERT] =
        "INSERT INTO association_requests (customer_id, partner_id, purpose, initiator, reason, "
        "association_type, target_type, account_manager_id, requested_by, requested_at) "
        "VALUES (?, ?, 'type_switch', 'partner', ?, ?, ?, NULLIF(?, 0), ?, UTC_TIMESTAMP())",
    [ST_LOCK_REQUEST] = "SELECT id, customer_id, partner_id, target_type FROM association_requests "
                        "WHERE id = ? AND customer_id = ? AND status = 'pending' "
                        "AND purpose = 'type_switch' FOR UPDATE",
    [ST_DECIDE] = "UPDATE association_requests SET status = ?, decided_at = UTC_TIMESTAMP(), "
                  "decided_by = ? WHERE id = ? AND status = 'pending'",
    [ST_END_ASSOCIATION] = "UPDATE associations SET status = 'ended', ended_at = ? "
                           "WHERE customer_id = ? AND partner_id = ? AND status = 'active'",
    /* the new association carries on the tag of the one it follows */
    [ST_NEW_ASSOCIATION] = "INSERT INTO associations (customer_id, partner_id, type, initiation, "
                           "custom_tag, associated_at) "
                           "SELECT ?, ?, ?, 'partner', "
                           "(SELECT custom_tag FROM associations WHERE customer_id = ? AND "
                           "partner_id = ? AND ended_at = ? "
                           "ORDER BY id DESC LIMIT 1), ?",
    [ST_TO_REFERRAL] = "UPDATE customers SET association_type = 'referral', budget_exhausted = 0, "
                       "budget_usage_bp = NULL, "
                       "freeze_state = IF(freeze_source IN ('budget_auto', 'association'), "
                       "'normal', freeze_state), "
                       "freeze_source = IF(freeze_source IN ('budget_auto', 'association'), "
                       "'none', freeze_source) "
                       "WHERE id = ? AND partner_id = ?",
    [ST_CLOSE_FREEZES] =
        "UPDATE freeze_records SET unfrozen_at = UTC_TIMESTAMP(), unfreeze_reason = 'type_switch' "
        "WHERE customer_id = ? AND unfrozen_at IS NULL AND source IN ('budget_auto', "
        "'association')",
    /* a frozen account keeps its freeze; a normal one is frozen until the partner sets a budget */
    [ST_TO_RESELLER] = "UPDATE customers SET association_type = 'reseller', "
                       "freeze_source = IF(freeze_state = 'normal', 'association', freeze_source), "
                       "freeze_state = IF(freeze_state = 'normal', 'account', freeze_state) "
                       "WHERE id = ? AND partner_id = ?",
    [ST_FREEZE_RECORD] =
        "INSERT INTO freeze_records (customer_id, scope, source, reason, frozen_at) "
        "VALUES (?, 'account', 'association', 'type_switch', UTC_TIMESTAMP())",
};
PC_SQL_TABLE(switch_sql, sql);

typedef struct locked {
    int64_t partner_id, am;
    char type[12], freeze_state[24];
} locked;

static int locked_row(void *arg, const pc_row *r)
{
    locked *l = arg;
    l->partner_id = pc_row_i64(r, 0);
    snprintf(l->type, sizeof l->type, "%s", pc_row_str(r, 1));
    l->am = pc_row_i64(r, 2);
    snprintf(l->freeze_state, sizeof l->freeze_state, "%s", pc_row_str(r, 3));
    return 1;
}

const char *pc_assoc_switch_target(const char *type)
{
    return strcmp(type, "reseller") == 0   ? "referral"
           : strcmp(type, "referral") == 0 ? "reseller"
                                           : NULL;
}

int64_t pc_assoc_switch_start(int64_t customer_id, int64_t partner_id, int64_t requested_by,
                              const char *reason)
{
    locked l = {0};
    int64_t id = 0;
    int n =
        pc_db_query(&switch_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(customer_id)), locked_row, &l);
    if (n < 0)
        return -1;
    const char *target = pc_assoc_switch_target(l.type);
    if (n == 0 || l.partner_id != partner_id || !target)
        return PC_SWITCH_E_GONE;
    int64_t pending = pc_db_int(&switch_sql, ST_PENDING_OF_PAIR,
                                PC_BINDS(PC_I64(customer_id), PC_I64(partner_id)), -1);
    if (pending)
        return pending < 0 ? -1 : PC_SWITCH_E_PENDING;
    if (pc_db_exec(&switch_sql, ST_INSERT,
                   PC_BINDS(PC_I64(customer_id), PC_I64(partner_id), PC_STR(reason), PC_STR(l.type),
                            PC_STR(target), PC_I64(l.am), PC_I64(requested_by)),
                   &id) != 1)
        return -1;
    return id;
}

static int request_row(void *arg, const pc_row *r)
{
    pc_assoc_switch *s = arg;
    s->id = pc_row_i64(r, 0);
    s->customer_id = pc_row_i64(r, 1);
    s->partner_id = pc_row_i64(r, 2);
    snprintf(s->target, sizeof s->target, "%s", pc_row_str(r, 3));
    return 1;
}

int pc_assoc_switch_lock(int64_t request_id, int64_t customer_id, pc_assoc_switch *s)
{
    memset(s, 0, sizeof *s);
    return pc_db_query(&switch_sql, ST_LOCK_REQUEST,
                       PC_BINDS(PC_I64(request_id), PC_I64(customer_id)), request_row, s);
}

/* The new association starts the second the old one ends, so that no moment is left without one. */
static int switch_association(const pc_assoc_switch *s)
{
    char now[20];
    pc_clock_now_text(now);
    return pc_db_exec(&switch_sql, ST_END_ASSOCIATION,
                      PC_BINDS(PC_STR(now), PC_I64(s->customer_id), PC_I64(s->partner_id)),
                      NULL) != 1 ||
                   pc_db_exec(&switch_sql, ST_NEW_ASSOCIATION,
                              PC_BINDS(PC_I64(s->customer_id), PC_I64(s->partner_id),
                                       PC_STR(s->target), PC_I64(s->customer_id),
                                       PC_I64(s->partner_id), PC_STR(now), PC_STR(now)),
                              NULL) != 1
               ? -1
               : 0;
}

int pc_assoc_switch_complete(const pc_assoc_switch *s, int64_t decided_by)
{
    locked l = {0};
    /* customer row first, as every change of a customer does, then its satellites */
    if (pc_db_query(&switch_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(s->customer_id)), locked_row,
                    &l) != 1 ||
        l.partner_id != s->partner_id || pc_assoc_switch_target(l.type) == NULL ||
        strcmp(pc_assoc_switch_target(l.type), s->target) != 0)
        return -1;
    if (pc_db_exec(&switch_sql, ST_DECIDE,
                   PC_BINDS(PC_STR("completed"), PC_I64(decided_by), PC_I64(s->id)), NULL) != 1 ||
        switch_association(s))
        return -1;
    if (strcmp(s->target, "referral") == 0)
        return pc_db_exec(&switch_sql, ST_CLOSE_FREEZES, PC_BINDS(PC_I64(s->customer_id)), NULL) <
                           0 ||
                       pc_db_exec(&switch_sql, ST_TO_REFERRAL,
                                  PC_BINDS(PC_I64(s->customer_id), PC_I64(s->partner_id)),
                                  NULL) != 1
                   ? -1
                   : 0;
    if (pc_db_exec(&switch_sql, ST_TO_RESELLER,
                   PC_BINDS(PC_I64(s->customer_id), PC_I64(s->partner_id)), NULL) != 1)
        return -1;
    if (strcmp(l.freeze_state, "normal") == 0 &&
        pc_db_exec(&switch_sql, ST_FREEZE_RECORD, PC_BINDS(PC_I64(s->customer_id)), NULL) != 1)
        return -1;
    return 0;
}

int pc_assoc_switch_reject(const pc_assoc_switch *s, int64_t decided_by)
{
    return pc_db_exec(&switch_sql, ST_DECIDE,
                      PC_BINDS(PC_STR("rejected"), PC_I64(decided_by), PC_I64(s->id)), NULL) == 1
               ? 0
               : -1;
}
