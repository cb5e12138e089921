#include "rules/assoc.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/trace.h"

enum stmt {
    ST_FACTS,
    ST_LOCK_CUSTOMER,
    ST_PENDING_OF_PAIR,
    ST_RECENT,
    ST_INSERT,
    ST_LOCK_REQUEST,
    ST_REJECT,
    ST_COMPLETE,
    ST_END_ASSOCIATION,
    ST_CLEAR_CUSTOMER,
    ST_CLOSE_FREEZE,
    ST_END_ASSIGNMENTS,
    ST_END_AUTHORIZATIONS,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_FACTS] = "SELECT blockers, freeze_state, freeze_source FROM customers WHERE id = ?",
    [ST_LOCK_CUSTOMER] = "SELECT IFNULL(partner_id, 0), IFNULL(association_type, ''), "
                         "IFNULL(account_manager_id, 0) FROM customers WHERE id = ? FOR UPDATE",
    [ST_PENDING_OF_PAIR] = "SELECT COUNT(*) FROM association_requests WHERE customer_id = ? "
                           "AND partner_id = ? AND status = 'pending'",
    /* every request started counts, whatever became of it (9.3.1.2) */
    [ST_RECENT] =
        "SELECT COUNT(*) FROM association_requests WHERE customer_id = ? AND partner_id = ? "
        "AND initiator = ? AND purpose = 'disassociation' "
        "AND requested_at > UTC_TIMESTAMP() - INTERVAL ? DAY",
    [ST_INSERT] =
        "INSERT INTO association_requests (customer_id, partner_id, initiator, reason_code, "
        "reason, association_type, account_manager_id, requested_by, requested_at) "
        "VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, 0), ?, UTC_TIMESTAMP())",
    [ST_LOCK_REQUEST] =
        "SELECT id, customer_id, partner_id, initiator FROM association_requests "
        "WHERE id = ? AND status = 'pending' AND purpose = 'disassociation' FOR UPDATE",
    [ST_REJECT] =
        "UPDATE association_requests SET status = 'rejected', decided_at = UTC_TIMESTAMP(), "
        "decided_by = ? WHERE id = ? AND status = 'pending'",
    [ST_COMPLETE] =
        "UPDATE association_requests SET status = 'completed', decided_at = UTC_TIMESTAMP(), "
        "decided_by = ? WHERE id = ? AND status = 'pending'",
    [ST_END_ASSOCIATION] = "UPDATE associations SET status = 'ended', ended_at = UTC_TIMESTAMP() "
                           "WHERE customer_id = ? AND partner_id = ? AND status = 'active'",
    /* the partner's controls go with it: a freeze it or its budget imposed is lifted */
    [ST_CLEAR_CUSTOMER] =
        "UPDATE customers SET partner_id = NULL, association_type = NULL, associated_at = NULL, "
        "custom_tag = NULL, account_manager_id = NULL, budget_exhausted = 0, budget_usage_bp = "
        "NULL, "
        "freeze_state = IF(freeze_source IN ('budget_auto', 'association'), 'normal', "
        "freeze_state), "
        "freeze_source = IF(freeze_source IN ('budget_auto', 'association'), 'none', "
        "freeze_source) "
        "WHERE id = ? AND partner_id = ?",
    [ST_CLOSE_FREEZE] =
        "UPDATE freeze_records SET unfrozen_at = UTC_TIMESTAMP(), "
        "unfreeze_reason = 'disassociation' WHERE customer_id = ? AND unfrozen_at IS NULL "
        "AND source IN ('budget_auto', 'association')",
    [ST_END_ASSIGNMENTS] =
        "UPDATE am_assignments SET status = 'ended', effective_to = ?, "
        "ended_by = ? WHERE customer_id = ? AND partner_id = ? AND status <> 'ended'",
    [ST_END_AUTHORIZATIONS] =
        "UPDATE authorizations SET status = 'ended', ended_at = UTC_TIMESTAMP() "
        "WHERE customer_id = ? AND partner_id = ? "
        "AND status IN ('pending', 'accepted')",
};
PC_SQL_TABLE(assoc_sql, sql);

typedef struct facts {
    char blockers[400], freeze_state[24], freeze_source[16];
} facts;

static int facts_row(void *arg, const pc_row *r)
{
    facts *f = arg;
    snprintf(f->blockers, sizeof f->blockers, ",%s,", pc_row_str(r, 0));
    snprintf(f->freeze_state, sizeof f->freeze_state, "%s", pc_row_str(r, 1));
    snprintf(f->freeze_source, sizeof f->freeze_source, "%s", pc_row_str(r, 2));
    return 1;
}

static int has(const facts *f, const char *blocker)
{
    char key[48];
    snprintf(key, sizeof key, ",%s,", blocker);
    return strstr(f->blockers, key) != NULL;
}

int pc_assoc_check(int64_t customer_id, pc_assoc_side side, const char *fails[PC_ASSOC_MAX_FAILS])
{
    facts f = {0};
    int n = 0;
    if (pc_db_query(&assoc_sql, ST_FACTS, PC_BINDS(PC_I64(customer_id)), facts_row, &f) != 1)
        return -1;
    if (has(&f, "independent_members"))
        fails[n++] = "independent_members";
    if (side == PC_ASSOC_PARTNER_SIDE) {
        /* 9.3.1.2: only a manual freeze stops the partner; it must unfreeze first */
        if (strcmp(f.freeze_state, "normal") != 0 && strcmp(f.freeze_source, "manual") == 0)
            fails[n++] = "manually_frozen";
    } else {
        /* 11.2.1 rule 2: any freeze stops the customer, and a freeze of resources too */
        if (strcmp(f.freeze_state, "account") == 0)
            fails[n++] = "frozen";
        if (strcmp(f.freeze_state, "account_resources") == 0)
            fails[n++] = "resources_frozen";
    }
    if (has(&f, "valid_ri") || has(&f, "partner_support_plan"))
        fails[n++] = "valid_ri";
    if (side == PC_ASSOC_CUSTOMER_SIDE && has(&f, "no_currency"))
        fails[n++] = "no_currency";
    if (side == PC_ASSOC_CUSTOMER_SIDE && has(&f, "special_contract"))
        fails[n++] = "special_contract";
    if (has(&f, "support_plan"))
        fails[n++] = "support_plan";
    if (has(&f, "member_support_plan"))
        fails[n++] = "member_support_plan";
    return n;
}

typedef struct locked {
    int64_t partner_id, am;
    char type[12];
} locked;

static int locked_row(void *arg, const pc_row *r)
{
    locked *l = arg;
    l->partner_id = pc_row_i64(r, 0);
    snprintf(l->type, sizeof l->type, "%s", pc_row_str(r, 1));
    l->am = pc_row_i64(r, 2);
    return 1;
}

int64_t pc_assoc_start(const pc_assoc_request *r)
{
    locked l = {0};
    int64_t id = 0;
    int n =
        pc_db_query(&assoc_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(r->customer_id)), locked_row, &l);
    if (n < 0)
        return -1;
    if (n == 0 || l.partner_id != r->partner_id)
        return PC_ASSOC_E_GONE;
    int64_t pending = pc_db_int(&assoc_sql, ST_PENDING_OF_PAIR,
                                PC_BINDS(PC_I64(r->customer_id), PC_I64(r->partner_id)), -1);
    if (pending < 0)
        return -1;
    if (pending > 0)
        return PC_ASSOC_E_PENDING;
    int64_t recent = pc_db_int(&assoc_sql, ST_RECENT,
                               PC_BINDS(PC_I64(r->customer_id), PC_I64(r->partner_id),
                                        PC_STR(r->initiator), PC_I64(PC_ASSOC_LIMIT_DAYS)),
                               -1);
    if (recent < 0)
        return -1;
    if (recent >= PC_ASSOC_LIMIT)
        return PC_ASSOC_E_LIMIT;
    if (pc_db_exec(&assoc_sql, ST_INSERT,
                   PC_BINDS(PC_I64(r->customer_id), PC_I64(r->partner_id), PC_STR(r->initiator),
                            PC_STR(r->reason_code), PC_STR(r->reason ? r->reason : ""),
                            PC_STR(l.type), PC_I64(l.am), PC_I64(r->requested_by)),
                   &id) != 1)
        return -1;
    return id;
}

static int pending_row(void *arg, const pc_row *r)
{
    pc_assoc_pending *p = arg;
    p->id = pc_row_i64(r, 0);
    p->customer_id = pc_row_i64(r, 1);
    p->partner_id = pc_row_i64(r, 2);
    snprintf(p->initiator, sizeof p->initiator, "%s", pc_row_str(r, 3));
    return 1;
}

int pc_assoc_lock_pending(int64_t request_id, pc_assoc_pending *p)
{
    memset(p, 0, sizeof *p);
    return pc_db_query(&assoc_sql, ST_LOCK_REQUEST, PC_BINDS(PC_I64(request_id)), pending_row, p);
}

int pc_assoc_reject(int64_t request_id, int64_t decided_by)
{
    return pc_db_exec(&assoc_sql, ST_REJECT, PC_BINDS(PC_I64(decided_by), PC_I64(request_id)),
                      NULL) == 1
               ? 0
               : -1;
}

int pc_assoc_complete(const pc_assoc_pending *p, int64_t decided_by, const char *today)
{
    locked l = {0};
    /* customer row first, as every change of a customer does, then its satellites */
    if (pc_db_query(&assoc_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(p->customer_id)), locked_row,
                    &l) != 1 ||
        l.partner_id != p->partner_id)
        return -1;
    if (pc_db_exec(&assoc_sql, ST_COMPLETE, PC_BINDS(PC_I64(decided_by), PC_I64(p->id)), NULL) !=
            1 ||
        pc_db_exec(&assoc_sql, ST_END_ASSOCIATION,
                   PC_BINDS(PC_I64(p->customer_id), PC_I64(p->partner_id)), NULL) < 0 ||
        pc_db_exec(&assoc_sql, ST_CLOSE_FREEZE, PC_BINDS(PC_I64(p->customer_id)), NULL) < 0 ||
        pc_db_exec(&assoc_sql, ST_CLEAR_CUSTOMER,
                   PC_BINDS(PC_I64(p->customer_id), PC_I64(p->partner_id)), NULL) != 1 ||
        pc_db_exec(&assoc_sql, ST_END_ASSIGNMENTS,
                   PC_BINDS(PC_STR(today), PC_I64(decided_by), PC_I64(p->customer_id),
                            PC_I64(p->partner_id)),
                   NULL) < 0 ||
        pc_db_exec(&assoc_sql, ST_END_AUTHORIZATIONS,
                   PC_BINDS(PC_I64(p->customer_id), PC_I64(p->partner_id)), NULL) < 0)
        return -1;
    return 0;
}
