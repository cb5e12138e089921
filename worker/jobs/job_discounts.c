/*
 * discount_status (3e discount_status_refresh, daily 00:15 GMT+08:00): the
 * statuses of commercial discounts follow their dates (pending → effective →
 * expired, ch09 §9.4.4.1) and an effective KooGallery resale discount becomes
 * invalid after its validity (§9.7.1.1).  Each statement moves only rows
 * whose status disagrees with `now`, so a re-run changes nothing; each is its
 * own short transaction with one audit event naming what moved.  The bill run
 * does not read these statuses (it matches by dates); the pages show them.
 */
#include <stdio.h>

#include "access/audit.h"
#include "base/db.h"
#include "jobs/jobs.h"

enum stmt { ST_EXPIRE, ST_EFFECTIVE, ST_KOO_INVALID, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_EXPIRE] = "UPDATE commercial_discounts SET status = 'expired' WHERE status IN "
                  "('pending', 'effective') AND expires_at <= ?",
    [ST_EFFECTIVE] = "UPDATE commercial_discounts SET status = 'effective' WHERE status = "
                     "'pending' AND effective_at <= ? AND expires_at > ?",
    /* only effective ones: the bill run applies an invalid discount until its updated_at (a
       withdrawal), so a never-validated one must not become invalid and start applying */
    [ST_KOO_INVALID] = "UPDATE koogallery_discounts SET status = 'invalid', updated_at = ? WHERE "
                       "status = 'effective' AND valid_until <= ?",
};
PC_SQL_TABLE(discounts_job_sql, sql);

typedef struct refresh {
    const char *now;
    int st;
    const char *action;
    int64_t rows;
} refresh;

static int refresh_tx(void *arg)
{
    refresh *r = arg;
    pc_bind b[2] = {PC_STR(r->now), PC_STR(r->now)};
    r->rows = pc_db_exec(&discounts_job_sql, r->st, b, r->st == ST_EXPIRE ? 1 : 2, NULL);
    if (r->rows < 0)
        return -1;
    if (r->rows == 0)
        return 0;
    char detail[64];
    snprintf(detail, sizeof detail, "rows=%lld at %s", (long long)r->rows, r->now);
    pc_audit_event e = {.actor_name = "worker",
                        .action = r->action,
                        .object_type = "discount",
                        .result = "ok",
                        .detail = detail};
    return pc_audit(&e) ? -1 : 0;
}

int job_discounts(const char *now, job_result *res)
{
    static const struct {
        int st;
        const char *action;
    } steps[] = {
        {ST_EXPIRE, "commercial_discount.expire"},
        {ST_EFFECTIVE, "commercial_discount.effective"},
        {ST_KOO_INVALID, "koogallery_discount.invalid"},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        refresh r = {now, steps[i].st, steps[i].action, 0};
        if (pc_db_tx(refresh_tx, &r)) {
            snprintf(res->error, sizeof res->error, "%s: %s", steps[i].action, pc_db_error());
            res->failures++;
            return -1;
        }
        res->items += (int)r.rows;
    }
    return 0;
}
