/* Purge what has expired: sessions past their timeouts, old login attempts and codes, the
 * API's idempotency keys after 24 hours, the signatures seen once their window is past. */
#include "base/conf.h"
#include "base/db.h"
#include "jobs/jobs.h"

enum stmt { ST_SESSIONS, ST_ATTEMPTS, ST_CODES, ST_API_IDEM, ST_API_SIGNATURES, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_SESSIONS] = "DELETE FROM sessions WHERE last_seen_at < ? - INTERVAL ? MINUTE "
                    "OR created_at < ? - INTERVAL ? HOUR",
    [ST_ATTEMPTS] = "DELETE FROM login_attempts WHERE at < ? - INTERVAL 1 DAY",
    [ST_CODES] = "DELETE FROM verify_codes WHERE expires_at < ? - INTERVAL 1 DAY",
    /* the partner API's idempotency keys live 24 hours (cgi-bin/api_idem.c) */
    [ST_API_IDEM] = "DELETE FROM api_idempotency WHERE created_at < ? - INTERVAL 1 DAY",
    /* the signatures seen for replay protection, once X-Sdk-Date's window is past */
    [ST_API_SIGNATURES] = "DELETE FROM api_signatures WHERE expires_at < ?",
};
PC_SQL_TABLE(purge_sql, sql);

int job_purge(const char *now, job_result *res)
{
    int64_t n[5];
    n[0] = pc_db_exec(&purge_sql, ST_SESSIONS,
                      PC_BINDS(PC_STR(now), PC_I64(pc_conf_int("Session.idle_minutes")),
                               PC_STR(now), PC_I64(pc_conf_int("Session.absolute_hours"))),
                      NULL);
    n[1] = pc_db_exec(&purge_sql, ST_ATTEMPTS, PC_BINDS(PC_STR(now)), NULL);
    n[2] = pc_db_exec(&purge_sql, ST_CODES, PC_BINDS(PC_STR(now)), NULL);
    n[3] = pc_db_exec(&purge_sql, ST_API_IDEM, PC_BINDS(PC_STR(now)), NULL);
    n[4] = pc_db_exec(&purge_sql, ST_API_SIGNATURES, PC_BINDS(PC_STR(now)), NULL);
    for (int i = 0; i < 5; i++) {
        if (n[i] < 0)
            return -1;
        res->items += (int)n[i];
    }
    return 0;
}
