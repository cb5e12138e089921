/*
 * Release the resources of customers frozen with their resources and not
 * unfrozen within 15 days (9.3.1.7): at release_due_at every live resource of
 * the customer becomes 'released' and the freeze record notes when.  The
 * customer stays frozen.  One short transaction per freeze; a freeze whose
 * resources_released_at is set is never touched again, so a re-run is harmless.
 */
#include <stdio.h>

#include "audit.h"
#include "db.h"
#include "jobs.h"

#define BATCH 100

enum stmt { ST_DUE, ST_CLAIM, ST_RELEASE, ST_MARK, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DUE] = "SELECT id FROM freeze_records WHERE scope = 'account_resources' AND unfrozen_at IS NULL "
               "AND resources_released_at IS NULL AND release_due_at <= ? AND id > ? ORDER BY id LIMIT " "100",
    /* SKIP LOCKED: another worker (or an unfreeze in progress) holds it; the conditions again after the wait */
    [ST_CLAIM] = "SELECT f.customer_id, c.partner_id FROM freeze_records f JOIN customers c ON c.id = f.customer_id "
                 "WHERE f.id = ? AND f.scope = 'account_resources' AND f.unfrozen_at IS NULL "
                 "AND f.resources_released_at IS NULL AND f.release_due_at <= ? FOR UPDATE SKIP LOCKED",
    [ST_RELEASE] = "UPDATE resources SET status = 'released', released_at = ? WHERE customer_id = ? "
                   "AND status IN ('running', 'stopped', 'frozen')",
    [ST_MARK] = "UPDATE freeze_records SET resources_released_at = ? WHERE id = ?",
};
PC_SQL_TABLE(release_sql, sql);

typedef struct release_one {
    const char *now;
    int64_t id, customer, partner;
    int64_t released; /* resources released, -1 when skipped */
} release_one;

static int claim_row(void *arg, const pc_row *r)
{
    release_one *o = arg;
    o->customer = pc_row_i64(r, 0);
    o->partner = pc_row_i64(r, 1);
    return 1;
}

static int release_tx(void *arg)
{
    release_one *o = arg;
    o->released = -1;
    int n = pc_db_query(&release_sql, ST_CLAIM, PC_BINDS(PC_I64(o->id), PC_STR(o->now)), claim_row, o);
    if (n <= 0)
        return n < 0 ? -1 : 0;
    o->released = pc_db_exec(&release_sql, ST_RELEASE, PC_BINDS(PC_STR(o->now), PC_I64(o->customer)), NULL);
    if (o->released < 0 || pc_db_exec(&release_sql, ST_MARK, PC_BINDS(PC_STR(o->now), PC_I64(o->id)), NULL) != 1)
        return -1;
    char detail[64];
    snprintf(detail, sizeof detail, "freeze=%lld resources=%lld", (long long)o->id, (long long)o->released);
    pc_audit_event e = {.actor_name = "worker", .partner_id = o->partner, .action = "customer.resources.release",
                        .object_type = "customer", .object_id = o->customer, .result = "ok", .detail = detail};
    return pc_audit(&e) ? -1 : 0;
}

typedef struct due_list {
    int64_t ids[BATCH];
    int n;
} due_list;

static int due_row(void *arg, const pc_row *r)
{
    due_list *d = arg;
    d->ids[d->n++] = pc_row_i64(r, 0);
    return 0;
}

int job_release(const char *now, job_result *res)
{
    int64_t after = 0;
    for (;;) {
        due_list d = {.n = 0};
        if (pc_db_query(&release_sql, ST_DUE, PC_BINDS(PC_STR(now), PC_I64(after)), due_row, &d) < 0)
            return -1;
        for (int i = 0; i < d.n; i++) {
            release_one o = {.now = now, .id = d.ids[i]};
            if (pc_db_tx(release_tx, &o)) {
                res->failures++;
                snprintf(res->error, sizeof res->error, "freeze %lld: %s", (long long)o.id, pc_db_error());
            } else if (o.released >= 0) {
                res->items++;
            }
            after = d.ids[i];
        }
        if (d.n < BATCH)
            return 0;
    }
}
