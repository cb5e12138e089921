#include "rules/customer_freeze.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"

enum stmt {
    ST_LOCK_CUSTOMER,
    ST_OPEN,
    ST_CLOSE,
    ST_INSERT,
    ST_SET_STATE,
    ST_RES_FREEZE,
    ST_RES_THAW,
    ST_PARTNER,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LOCK_CUSTOMER] = "SELECT freeze_state FROM customers WHERE id = ? FOR UPDATE",
    /* the open freeze: resources released already or not */
    [ST_OPEN] =
        "SELECT id, resources_released_at IS NOT NULL FROM freeze_records WHERE customer_id = ? "
        "AND unfrozen_at IS NULL ORDER BY id DESC LIMIT 1",
    [ST_CLOSE] = "UPDATE freeze_records SET unfrozen_at = UTC_TIMESTAMP(), unfrozen_by = ?, "
                 "unfreeze_reason = ? "
                 "WHERE customer_id = ? AND unfrozen_at IS NULL",
    [ST_INSERT] =
        "INSERT INTO freeze_records (customer_id, scope, source, reason, frozen_by, frozen_at, "
        "release_due_at) VALUES (?, ?, 'manual', ?, ?, UTC_TIMESTAMP(), "
        "IF(? = 'account_resources', UTC_TIMESTAMP() + INTERVAL 15 DAY, NULL))",
    [ST_SET_STATE] = "UPDATE customers SET freeze_state = ?, freeze_source = ? WHERE id = ?",
    [ST_RES_FREEZE] =
        "UPDATE resources SET status = 'frozen' WHERE customer_id = ? AND status = 'running'",
    [ST_RES_THAW] =
        "UPDATE resources SET status = 'running' WHERE customer_id = ? AND status = 'frozen'",
    [ST_PARTNER] = "SELECT kind, own_frozen, grant_budget_monthly OR grant_budget_one_time "
                   "FROM partners WHERE id = ?",
};
PC_SQL_TABLE(freeze_sql, sql);

int pc_freeze_allowed(pc_freeze_action a, const char *state, int released)
{
    int normal = strcmp(state, "normal") == 0, account = strcmp(state, "account") == 0;
    switch (a) {
    case PC_FREEZE_ACCOUNT:
        return normal;
    case PC_FREEZE_ALL:
        return normal || account;
    case PC_UNFREEZE_ACCOUNT:
        return account || (!normal && released);
    case PC_UNFREEZE_ALL:
        return !normal && !account && !released;
    default:
        return 0;
    }
}

static int released_row(void *arg, const pc_row *r)
{
    *(int *)arg = (int)pc_row_i64(r, 1);
    return 1;
}

int pc_freeze_released(int64_t id)
{
    int released = 0;
    return pc_db_query(&freeze_sql, ST_OPEN, PC_BINDS(PC_I64(id)), released_row, &released) < 0
               ? -1
               : released;
}

struct partner_facts {
    char kind[24];
    int own_frozen, granted;
};

static int partner_row(void *arg, const pc_row *r)
{
    struct partner_facts *p = arg;
    snprintf(p->kind, sizeof p->kind, "%s", pc_row_str(r, 0));
    p->own_frozen = (int)pc_row_i64(r, 1);
    p->granted = (int)pc_row_i64(r, 2);
    return 1;
}

static int partner_facts(int64_t id, struct partner_facts *p)
{
    memset(p, 0, sizeof *p);
    return pc_db_query(&freeze_sql, ST_PARTNER, PC_BINDS(PC_I64(id)), partner_row, p);
}

int pc_freeze_gate(const pc_user *u, int64_t customer_partner_id, int associated,
                   const char *association_type, int *own_frozen)
{
    struct partner_facts actor, owner;
    if (partner_facts(u->partner_id, &actor) != 1)
        return 500;
    if (own_frozen)
        *own_frozen = actor.own_frozen;
    if (!pc_authz_allows(u, PC_PERM_CUSTOMER_BUDGET))
        return 403;
    if (customer_partner_id == u->partner_id) {
        if (strcmp(actor.kind, "reseller") == 0 && !actor.granted)
            return 403;
    } else {
        /* the distributor's controls are read-only while its reseller holds the grant */
        if (partner_facts(customer_partner_id, &owner) != 1)
            return 500;
        if (owner.granted)
            return 403;
    }
    /* budgets and freezing exist only for customers associated in the reseller model (9.3.1.6) */
    if (!associated || strcmp(association_type, "reseller") != 0)
        return 409;
    return 0;
}

static void audit(const pc_audit_event *who, const char *action, int64_t customer_id,
                  const char *detail)
{
    pc_audit_event e = *who;
    e.action = action;
    e.object_type = "customer";
    e.object_id = customer_id;
    e.result = "ok";
    e.detail = detail;
    pc_audit(&e);
}

int pc_freeze_end(const pc_audit_event *who, int64_t customer_id, const char *reason)
{
    if (pc_db_exec(&freeze_sql, ST_CLOSE,
                   PC_BINDS(PC_I64(who->actor_user_id), PC_STR(reason), PC_I64(customer_id)),
                   NULL) < 0 ||
        pc_db_exec(&freeze_sql, ST_RES_THAW, PC_BINDS(PC_I64(customer_id)), NULL) < 0 ||
        pc_db_exec(&freeze_sql, ST_SET_STATE,
                   PC_BINDS(PC_STR("normal"), PC_STR("none"), PC_I64(customer_id)), NULL) < 0)
        return -1;
    audit(who, "customer.unfreeze", customer_id, reason);
    return 0;
}

static int state_row(void *arg, const pc_row *r)
{
    snprintf(arg, 24, "%s", pc_row_str(r, 0));
    return 1;
}

int pc_freeze_apply(const pc_audit_event *who, pc_freeze_action a, int64_t id, const char *reason)
{
    char state[24] = "", detail[400];
    if (pc_db_query(&freeze_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(id)), state_row, state) != 1)
        return -1;
    int released = pc_freeze_released(id);
    if (released < 0)
        return -1;
    /* the state may have changed since the caller looked */
    if (!pc_freeze_allowed(a, state, released))
        return 1;
    if (a == PC_UNFREEZE_ACCOUNT || a == PC_UNFREEZE_ALL)
        return pc_freeze_end(who, id, reason);
    const char *scope = a == PC_FREEZE_ACCOUNT ? "account" : "account_resources";
    /* account → account and resources: the account freeze ends where the wider one starts */
    if (pc_db_exec(&freeze_sql, ST_CLOSE,
                   PC_BINDS(PC_I64(who->actor_user_id), PC_STR(""), PC_I64(id)), NULL) < 0 ||
        pc_db_exec(&freeze_sql, ST_INSERT,
                   PC_BINDS(PC_I64(id), PC_STR(scope), PC_STR(reason), PC_I64(who->actor_user_id),
                            PC_STR(scope)),
                   NULL) != 1 ||
        pc_db_exec(&freeze_sql, ST_SET_STATE, PC_BINDS(PC_STR(scope), PC_STR("manual"), PC_I64(id)),
                   NULL) != 1)
        return -1;
    if (a == PC_FREEZE_ALL &&
        pc_db_exec(&freeze_sql, ST_RES_FREEZE, PC_BINDS(PC_I64(id)), NULL) < 0)
        return -1;
    snprintf(detail, sizeof detail, "scope=%s from=%s reason=%s", scope, state, reason);
    audit(who, "customer.freeze", id, detail);
    return 0;
}
