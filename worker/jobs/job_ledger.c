/*
 * ledger: the nightly ledger verification (issue 5).  Runs the same check as
 * `pcadm verify-ledger` (pc_ledger_verify: every entry balances, cached
 * balances equal their postings, no coupon or quota below zero, coupons' and
 * quotas' cached amounts equal their accounts), plus that every billed
 * record is on a bill (worker/bills/bill_complete.c), and stores what it found in
 * ledger_checks, which the operator reads in /admin/ledger.  A check that
 * finds problems is still a successful run: the problems are its result.
 * It also verifies a window of the latest cycle's bills (bill_verify_nightly):
 * each bill that differs from its recomputation is one problem more.
 */
#include <stdio.h>
#include <string.h>

#include "bills/bill_complete.h"
#include "bills/bill_verify.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "billing/ledger.h"

enum stmt { ST_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_INSERT] = "INSERT INTO ledger_checks (checked_at, entries, accounts, problems, report) "
                  "VALUES (?, ?, ?, ?, ?)",
};
PC_SQL_TABLE(jledger_sql, sql);

int job_ledger(const char *now, job_result *res)
{
    static char report[60000]; /* a TEXT column holds 65,535 bytes */
    int64_t entries = 0, accounts = 0;
    int problems = pc_ledger_verify(report, sizeof report, &entries, &accounts);
    if (problems < 0)
        return -1;
    size_t used = strlen(report);
    int left_off = bill_complete_check(report + used, sizeof report - used); /* issue 14 */
    if (left_off < 0)
        return -1;
    problems += left_off;
    int bills = bill_verify_nightly(now, report, sizeof report); /* issue 14: bills */
    if (bills < 0)
        return -1;
    problems += bills;
    if (pc_db_exec(&jledger_sql, ST_INSERT,
                   PC_BINDS(PC_STR(now), PC_I64(entries), PC_I64(accounts), PC_I64(problems),
                            PC_STR(report)),
                   NULL) != 1)
        return -1;
    res->items = 1;
    if (problems)
        snprintf(res->error, sizeof res->error, "ledger: %d problem%s", problems,
                 problems == 1 ? "" : "s");
    return 0;
}
