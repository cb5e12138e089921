/*
 * pcadm import-camt FILE — the operator imports a camt.053 statement of the
 * vendor's bank account from the command line (the same import as the
 * upload page /admin/bank-statements): checked whole before anything is
 * stored, a repeated import a no-op, credits with a bill's RF reference paid
 * onto the bill (lib/billing/camt.h).
 */
#include "cli/camt_import.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "billing/camt.h"
#include "base/clock.h"
#include "base/db.h"

/* The import's audit event (pcadm: no user).  audit_events.result knows ok, denied and failed
 * only: a rejected file is "failed" with the reason in the detail. */
static void audit(const char *result, const char *detail)
{
    if (pc_audit(&(pc_audit_event){.actor_name = "pcadm",
                                   .action = "bank_statement.import",
                                   .object_type = "file",
                                   .result = result,
                                   .detail = detail}))
        fprintf(stderr, "import-camt: the audit event was not written: %s\n", pc_db_error());
}

int camt_import_cli(const char *path)
{
    pc_camt_result r;
    char now[20], detail[400];
    pc_clock_now_text(now);
    const char *base = strrchr(path, '/');
    int rc = pc_camt_import(path, base ? base + 1 : path, 0, now, &r);
    if (rc == 1) {
        fprintf(stderr, "import-camt %s: rejected, nothing stored: %s\n", path, r.error);
        snprintf(detail, sizeof detail, "rejected %s: %s", base ? base + 1 : path, r.error);
        audit("failed", detail);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "import-camt %s: database error %s\n", path, pc_db_error());
        return 1;
    }
    printf("import-camt %s: %d statement(s) imported, %d imported before; %d entries, %d "
           "matched to bills, %d waiting for a claim; %d not booked (pending or information), "
           "skipped\n",
           path, r.statements, r.skipped, r.entries, r.matched, r.waiting, r.not_booked);
    snprintf(detail, sizeof detail, "statements=%d skipped=%d entries=%d matched=%d not_booked=%d",
             r.statements, r.skipped, r.entries, r.matched, r.not_booked);
    audit("ok", detail);
    return 0;
}
