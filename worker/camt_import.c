/*
 * pcadm import-camt FILE — the operator imports a camt.053 statement of the
 * vendor's bank account from the command line (the same import as the
 * upload page /admin/bank-statements): checked whole before anything is
 * stored, a repeated import a no-op, credits with a bill's RF reference paid
 * onto the bill (lib/camt.h).
 */
#include "camt_import.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "camt.h"
#include "db.h"

int camt_import_cli(const char *path)
{
    pc_camt_result r;
    char now[20], detail[400];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    const char *base = strrchr(path, '/');
    int rc = pc_camt_import(path, base ? base + 1 : path, 0, now, &r);
    if (rc == 1) {
        fprintf(stderr, "import-camt %s: rejected, nothing stored: %s\n", path, r.error);
        snprintf(detail, sizeof detail, "%s: %s", base ? base + 1 : path, r.error);
        pc_audit(&(pc_audit_event){.action = "bank_statement.import",
                                   .object_type = "file",
                                   .result = "rejected",
                                   .detail = detail});
        return 1;
    }
    if (rc) {
        fprintf(stderr, "import-camt %s: database error %s\n", path, pc_db_error());
        return 1;
    }
    printf("import-camt %s: %d statement(s) imported, %d imported before; %d entries, %d "
           "matched to bills, %d waiting for a claim\n",
           path, r.statements, r.skipped, r.entries, r.matched, r.waiting);
    snprintf(detail, sizeof detail, "statements=%d skipped=%d entries=%d matched=%d", r.statements,
             r.skipped, r.entries, r.matched);
    pc_audit(&(pc_audit_event){.action = "bank_statement.import",
                               .object_type = "file",
                               .result = "ok",
                               .detail = detail});
    return 0;
}
