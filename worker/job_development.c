/*
 * Customer development expiries (9.2.2.1, 9.2.2.2, 11.1): pre-registrations
 * still PREREGISTERED at their expires_at become EXPIRED (the e-mail is free
 * for other partners again), and so do INVITED invitations at theirs.  Safe
 * to re-run: only rows still in the live state are touched, in batches of
 * 500 claimed with SKIP LOCKED.
 */
#include <string.h>

#include "db.h"
#include "jobs.h"
#include "session.h"

#define BATCH 500

enum stmt { ST_DUE_PREREGS, ST_EXPIRE_PREREG, ST_DUE_INVITATIONS, ST_EXPIRE_INVITATION, ST_DUE_PROMO_LINKS,
            ST_EXPIRE_PROMO_LINK, ST__MAX };
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
    [ST_DUE_PROMO_LINKS] = "SELECT id FROM invitation_links WHERE status = 'active' AND valid_to <= ? "
                           "ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED",
    [ST_EXPIRE_PROMO_LINK] = "UPDATE invitation_links SET status = 'expired' WHERE id = ? AND status = 'active'",
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

/* ---- demo data (called from pc_demo_customers inside the demo transaction) ---- */

enum demo_stmt { DS_PREREG, DS_LINK, DS__MAX };
static const char *const demo_sql_text[DS__MAX] = {
    [DS_PREREG] =
        "INSERT INTO preregistrations (partner_id, full_name, email, mobile, status, "
        "review_reasons, "
        "preregistered_at, expires_at, account_manager_id, created_by, remarks) VALUES (?, ?, ?, "
        "?, ?, ?, "
        "UTC_TIMESTAMP() - INTERVAL 2 DAY, UTC_TIMESTAMP() + INTERVAL 13 DAY, NULLIF(?, 0), ?, ?)",
    [DS_LINK] = "INSERT INTO invitation_links (partner_id, kind, custom_tag, account_manager_id, "
                "remarks, token, "
                "token_hash, created_by, created_at) VALUES (?, 'custom', 'expo2026', ?, ?, ?, ?, "
                "?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(dev_demo_sql, demo_sql_text);

int pc_demo_development(int64_t partner, int64_t admin, int64_t am)
{
    char token[PC_TOKEN_HEX], hash[PC_TOKEN_HEX];
    pc_token_new(token);
    pc_sha256_hex(token, strlen(token), hash);
    if (pc_db_exec(&dev_demo_sql, DS_PREREG,
                   PC_BINDS(PC_I64(partner), PC_STR("Adatum Corporation"),
                            PC_STR("cloud@adatum.example"), PC_STR("13900001111"),
                            PC_STR("PREREGISTERED"), PC_STR(""), PC_I64(am), PC_I64(am),
                            PC_STR("met at the cloud summit")),
                   NULL) != 1 ||
        pc_db_exec(&dev_demo_sql, DS_PREREG,
                   PC_BINDS(PC_I64(partner), PC_STR("成都天府软件"), PC_STR("it@tianfu.example"),
                            PC_STR(""), PC_STR("UNDER_REVIEW"), PC_STR("reg_over_7_days"),
                            PC_I64(0), PC_I64(admin), PC_STR("")),
                   NULL) != 1 ||
        pc_db_exec(&dev_demo_sql, DS_LINK,
                   PC_BINDS(PC_I64(partner), PC_I64(am), PC_STR("Expo 2026 booth"), PC_STR(token),
                            PC_STR(hash), PC_I64(am)),
                   NULL) != 1)
        return -1;
    return 0;
}
