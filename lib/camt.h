/*
 * camt — ISO 20022 camt.053 bank-to-customer statements of the vendor's
 * bank account, read with libxml2's streaming reader (xmlTextReader: memory
 * bounded whatever the file's size) and imported (issue 6, ch09 §9.4.2.1,
 * §9.4.2.3).
 *
 * An import reads the file twice.  The first pass checks everything and
 * stores nothing: well-formed XML, a camt.053 Document, each statement with
 * an id, an opening (OPBD/PRCD) and a closing (CLBD) balance, each entry
 * with a reference, an amount and CRDT/DBIT, and opening + Σ credits −
 * Σ debits = closing.  The second pass stores in ONE transaction: each new
 * statement (its id UNIQUE: a statement imported before is skipped), its
 * entries (bank reference UNIQUE), and for each credit in USD whose
 * remittance information carries a bill's RF reference (lib/rf_ref) a bank
 * payment onto that bill through lib/payment (key "bank:<entry reference>";
 * what exceeds the bill becomes top-up balance); other credits wait for a
 * remittance claim.
 */
#ifndef PC_CAMT_H
#define PC_CAMT_H
#include <stddef.h>
#include <stdint.h>

typedef struct pc_camt_result {
    int statements;  /* new statements stored */
    int skipped;     /* statements imported before */
    int entries;     /* entries stored */
    int matched;     /* credits paid onto a bill */
    int waiting;     /* credits waiting for a claim */
    char error[300]; /* why the file was rejected (English, with the line) */
} pc_camt_result;

/* Check and import the file at `path` (file_name: as the operator named it, for the
 * record; user_id 0: pcadm; now UTC).  Returns 0 (r has the counts), 1 when the file
 * was rejected (r->error says why; nothing stored), -1 on a database error. */
int pc_camt_import(const char *path, const char *file_name, int64_t user_id, const char *now,
                   pc_camt_result *r);

#endif
