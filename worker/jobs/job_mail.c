/*
 * Mail delivery from the outbox.  Each message is leased (its next attempt
 * moved 10 minutes ahead) in a short transaction before it is sent, so two
 * workers never send it twice; a worker killed after sending and before
 * marking it sent lets it go out again after the lease (at least once).
 */
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/mail.h"

enum stmt { ST_DUE, ST_LEASE, ST_SENT, ST_RETRY, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DUE] = "SELECT id, to_addr, subject, body, attempts FROM mail_outbox "
               "WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 1 FOR UPDATE "
               "SKIP LOCKED",
    [ST_LEASE] = "UPDATE mail_outbox SET next_attempt_at = ? + INTERVAL 10 MINUTE WHERE id = ?",
    [ST_SENT] = "UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
                "last_error = '' "
                "WHERE id = ?",
    /* back off 1, 2, 4, … minutes; give up after Mail.max_attempts */
    [ST_RETRY] =
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = LEFT(?, 500), "
        "status = IF(attempts >= ?, 'failed', 'pending'), "
        "next_attempt_at = ? + INTERVAL POW(2, LEAST(attempts - 1, 10)) MINUTE WHERE id = ?",
};
PC_SQL_TABLE(mail_job_sql, sql);

typedef struct message {
    const char *now;
    int64_t id;
    char to[256], subject[1024]; /* VARCHAR(255) of utf8mb4: up to 1020 bytes */
    char *body;
    size_t body_cap;
} message;

static int message_row(void *arg, const pc_row *r)
{
    message *m = arg;
    m->id = pc_row_i64(r, 0);
    snprintf(m->to, sizeof m->to, "%s", pc_row_str(r, 1));
    snprintf(m->subject, sizeof m->subject, "%s", pc_row_str(r, 2));
    snprintf(m->body, m->body_cap, "%s", pc_row_str(r, 3));
    return 1;
}

static int lease_next(void *arg)
{
    message *m = arg;
    m->id = 0;
    if (pc_db_query(&mail_job_sql, ST_DUE, PC_BINDS(PC_STR(m->now)), message_row, m) < 0)
        return -1;
    if (m->id &&
        pc_db_exec(&mail_job_sql, ST_LEASE, PC_BINDS(PC_STR(m->now), PC_I64(m->id)), NULL) != 1)
        return -1;
    return 0;
}

int job_mail(const char *now, job_result *res)
{
    static char body[65536];
    message m = {.now = now, .body = body, .body_cap = sizeof body};
    int64_t batch = pc_conf_int("Mail.batch");
    for (int64_t i = 0; i < batch; i++) {
        if (pc_db_tx(lease_next, &m))
            return -1;
        if (!m.id)
            break;
        char err[512] = "";
        if (pc_mail_send(m.to, m.subject, m.body, err, sizeof err) == 0) {
            pc_db_exec(&mail_job_sql, ST_SENT, PC_BINDS(PC_STR(now), PC_I64(m.id)), NULL);
            res->items++;
        } else {
            pc_db_exec(&mail_job_sql, ST_RETRY,
                       PC_BINDS(PC_STR(err), PC_I64(pc_conf_int("Mail.max_attempts")), PC_STR(now),
                                PC_I64(m.id)),
                       NULL);
            res->failures++;
            snprintf(res->error, sizeof res->error, "%s", err);
        }
    }
    return 0;
}
