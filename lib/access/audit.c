#include "access/audit.h"

#include "access/authz.h"
#include "base/db.h"

enum stmt { ST_AUDIT_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_AUDIT_INSERT] =
        "INSERT INTO audit_events (at, actor_user_id, actor_name, partner_id, on_behalf_of, "
        "action, object_type, object_id, ip, result, detail) "
        "VALUES (UTC_TIMESTAMP(), NULLIF(?, 0), ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, 0), "
        "?, ?, LEFT(?, 1000))",
};
PC_SQL_TABLE(audit_sql, sql);

int pc_audit(const pc_audit_event *e)
{
    return pc_db_exec(&audit_sql, ST_AUDIT_INSERT,
                      PC_BINDS(PC_I64(e->actor_user_id), PC_STR(e->actor_name ? e->actor_name : ""),
                               PC_I64(e->partner_id), PC_I64(e->on_behalf_of), PC_STR(e->action),
                               PC_STR(e->object_type ? e->object_type : ""), PC_I64(e->object_id),
                               PC_STR(e->ip ? e->ip : ""), PC_STR(e->result ? e->result : "ok"),
                               PC_STR(e->detail ? e->detail : "")),
                      NULL) == 1
               ? 0
               : -1;
}

int pc_audit_by(const pc_user *u, const char *ip, const char *action, const char *object_type,
                int64_t object_id, const char *result, const char *detail)
{
    pc_audit_event e = {.actor_user_id = u->id,
                        .actor_name = u->username,
                        .partner_id = u->partner_id,
                        .action = action,
                        .object_type = object_type,
                        .object_id = object_id,
                        .ip = ip,
                        .result = result,
                        .detail = detail};
    return pc_audit(&e);
}
