/*
 * The nightly bill check: the `ledger` job verifies a bounded window of the
 * latest billed cycle's bills with the independent recomputation of
 * `pcadm verify-bill` and adds each bill that differs to its report, which an
 * operator reads in /admin/ledger.  Stateless: the window is chosen by the
 * night's date, so nothing is stored besides the report.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bills/bill_verify.h"
#include "bills/bill_verify_int.h"
#include "base/clock.h"
#include "base/db.h"

enum stmt { ST_CYCLE, ST_COUNT, ST_BILLS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CYCLE] =
        "SELECT COALESCE(MAX(billing_cycle), 0) FROM partner_bills WHERE generated_at <= ?",
    [ST_COUNT] = "SELECT COUNT(*) FROM partner_bills WHERE billing_cycle = ?",
    [ST_BILLS] = "SELECT b.id, b.partner_id, p.account_name FROM partner_bills b "
                 "JOIN partners p ON p.id = b.partner_id WHERE b.billing_cycle = ? "
                 "ORDER BY b.id LIMIT ? OFFSET ?",
};
PC_SQL_TABLE(vb_nightly_sql, sql);

typedef struct one {
    int64_t bill_id, partner_id;
    char account[64];
} one;

typedef struct window {
    one bill[BILL_VERIFY_PER_NIGHT];
    size_t n;
} window;

static int bill_row(void *arg, const pc_row *r)
{
    window *w = arg;
    if (w->n == BILL_VERIFY_PER_NIGHT)
        return 1;
    one *b = &w->bill[w->n++];
    b->bill_id = pc_row_i64(r, 0);
    b->partner_id = pc_row_i64(r, 1);
    snprintf(b->account, sizeof b->account, "%s", pc_row_str(r, 2));
    return 0;
}

/* Days since 1970-01-01 of the (UTC) date of `now`. */
static int64_t day_number(const char *now)
{
    time_t t;
    return pc_clock_parse(now, &t) ? 0 : (int64_t)(t / 86400);
}

/* Verify one bill; a paragraph in the report when it differs.  1 when it does. */
static int check_one(const one *b, int cycle, vb_out *report)
{
    static char found[4096]; /* one bill's findings; a long list is cut */
    vb_out out = {.buf = found, .size = sizeof found};
    size_t nlines = 0;
    found[0] = '\0';
    int rc = vb_check(b->partner_id, cycle, &out, &nlines);
    if (rc == 0 || rc == 2)
        return 0; /* equal, or deleted since the window was read */
    char month[8];
    vb_say(report, "bill %" PRId64 " of partner %" PRId64 " (%s) for %s %s:\n%s", b->bill_id,
           b->partner_id, b->account, pc_clock_cycle_format(cycle, month),
           rc < 0 ? "could not be verified" : "differs", rc < 0 ? pc_db_error() : found);
    if (rc < 0)
        vb_say(report, "\n");
    return 1;
}

int bill_verify_nightly(const char *now, char *report, size_t size)
{
    int64_t cycle = pc_db_int(&vb_nightly_sql, ST_CYCLE, PC_BINDS(PC_STR(now)), -1),
            count = pc_db_int(&vb_nightly_sql, ST_COUNT, PC_BINDS(PC_I64(cycle)), -1);
    if (cycle < 0 || count < 0)
        return -1;
    if (count == 0)
        return 0;
    int64_t nights = (count + BILL_VERIFY_PER_NIGHT - 1) / BILL_VERIFY_PER_NIGHT,
            offset = day_number(now) % nights * BILL_VERIFY_PER_NIGHT;
    window *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    vb_out out = {.buf = report, .size = size, .len = strlen(report)};
    int differ = -1;
    if (pc_db_query(&vb_nightly_sql, ST_BILLS,
                    PC_BINDS(PC_I64(cycle), PC_I64(BILL_VERIFY_PER_NIGHT), PC_I64(offset)),
                    bill_row, w) >= 0) {
        differ = 0;
        for (size_t i = 0; i < w->n; i++)
            differ += check_one(&w->bill[i], (int)cycle, &out);
    }
    free(w);
    return differ;
}
