/*
 * Customer development expiries (9.2.2.1, 9.2.2.2, 11.1): pre-registrations
 * still PREREGISTERED at their expires_at become EXPIRED (the e-mail is free
 * for other partners again), and so do INVITED invitations at theirs.  Safe
 * to re-run: only rows still in the live state are touched, in batches of
 * 500 claimed with SKIP LOCKED.
 */
#include <string.h>

#include "base/db.h"
#include "jobs/jobs.h"
#include "access/session.h"

#define BATCH 500

enum stmt {
    ST_DUE_PREREGS,
    ST_EXPIRE_PREREG,
    ST_DUE_INVITATIONS,
    ST_EXPIRE_INVITATION,
    ST_DUE_PROMO_LINKS,
    ST_EXPIRE_PROMO_LINK,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_DUE_PREREGS] =
        "SELECT id FROM preregistrations WHERE status = 'PREREGISTERED' AND expires_at <= ? "
        "ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED",
    [ST_EXPIRE_PREREG] =
        "UPDATE preregistrations SET status = 'EXPIRED' WHERE id = ? AND status = 'PREREGISTERED'",
    [ST_DUE_INVITATIONS] =
        "SELECT id FROM invitations WHERE status = 'INVITED' AND expires_at <= ? "
        "ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED",
    [ST_EXPIRE_INVITATION] =
        "UPDATE invitations SET status = 'EXPIRED' WHERE id = ? AND status = 'INVITED'",
    /* promotional links end with their promotion activity (9.2.2.3) */
    [ST_DUE_PROMO_LINKS] =
        "SELECT id FROM invitation_links WHERE status = 'active' AND valid_to <= ? "
        "ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED",
    [ST_EXPIRE_PROMO_LINK] =
        "UPDATE invitation_links SET status = 'expired' WHERE id = ? AND status = 'active'",
};
PC_SQL_TABLE(dev_job_sql, sql);

typedef struct expire_batch {
    const char *now;
    int due, update, done, failed;
} expire_batch;

static int expire_row(void *arg, const pc_row *r)
{
    expire_batch *b = arg;
    if (pc_db_exec(&dev_job_sql, b->update, PC_BINDS(PC_I64(pc_row_i64(r, 0))), NULL) < 0) {
        b->failed = 1;
        return 1;
    }
    b->done++;
    return 0;
}

static int expire_due(void *arg)
{
    expire_batch *b = arg;
    b->done = b->failed = 0;
    return pc_db_query(&dev_job_sql, b->due, PC_BINDS(PC_STR(b->now)), expire_row, b) < 0 ||
                   b->failed
               ? -1
               : 0;
}

static int expire_all(const char *now, int due, int update, job_result *res)
{
    expire_batch b = {now, due, update, 0, 0};
    do {
        if (pc_db_tx(expire_due, &b))
            return -1;
        res->items += b.done;
    } while (b.done == BATCH);
    return 0;
}

int job_development(const char *now, job_result *res)
{
    if (expire_all(now, ST_DUE_PREREGS, ST_EXPIRE_PREREG, res) ||
        expire_all(now, ST_DUE_INVITATIONS, ST_EXPIRE_INVITATION, res) ||
        expire_all(now, ST_DUE_PROMO_LINKS, ST_EXPIRE_PROMO_LINK, res))
        return -1;
    return 0;
}
