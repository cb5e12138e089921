#include "freeze.h"

#include "audit.h"
#include "db.h"

enum stmt { ST_CLOSE, ST_RES_THAW, ST_SET_STATE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CLOSE] = "UPDATE freeze_records SET unfrozen_at = UTC_TIMESTAMP(), unfrozen_by = ?, "
                 "unfreeze_reason = ? WHERE customer_id = ? AND unfrozen_at IS NULL",
    [ST_RES_THAW] =
        "UPDATE resources SET status = 'running' WHERE customer_id = ? AND status = 'frozen'",
    [ST_SET_STATE] =
        "UPDATE customers SET freeze_state = 'normal', freeze_source = 'none' WHERE id = ?",
};
PC_SQL_TABLE(freeze_sql, sql);

int pc_freeze_end(const pc_user *u, const char *ip, int64_t customer_id, const char *reason)
{
    if (pc_db_exec(&freeze_sql, ST_CLOSE,
                   PC_BINDS(PC_I64(u->id), PC_STR(reason), PC_I64(customer_id)), NULL) < 0 ||
        pc_db_exec(&freeze_sql, ST_RES_THAW, PC_BINDS(PC_I64(customer_id)), NULL) < 0 ||
        pc_db_exec(&freeze_sql, ST_SET_STATE, PC_BINDS(PC_I64(customer_id)), NULL) < 0)
        return -1;
    pc_audit_event e = {.actor_user_id = u->id,
                        .actor_name = u->username,
                        .partner_id = u->partner_id,
                        .action = "customer.unfreeze",
                        .object_type = "customer",
                        .object_id = customer_id,
                        .ip = ip,
                        .result = "ok",
                        .detail = reason};
    return pc_audit(&e);
}
