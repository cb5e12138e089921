/*
 * camt — ISO 20022 camt.053 bank-to-customer statements of the vendor's
 * bank account, read with libxml2's streaming reader (xmlTextReader: memory
 * bounded whatever the file's size) and imported (issue 6, ch09 §9.4.2.1,
 * §9.4.2.3).
 *
 * An import reads the file twice.  The first pass checks everything and
 * stores nothing: well-formed XML, a camt.053 Document, each statement with
 * an id, an opening (OPBD/PRCD) and a closing (CLBD) balance, each entry
 * with a reference, an amount, CRDT/DBIT and a status, and opening + Σ
 * credits − Σ debits = closing, summing only the booked entries (status
 * BOOK) in the statement's currency: pending (PDNG) and information (INFO)
 * entries are not on the booked balance, and an amount in another currency
 * cannot be added to it.  The second pass stores in ONE transaction: each new
 * statement (its id UNIQUE: a statement imported before is skipped) with its
 * number of entries, its booked entries (bank reference UNIQUE; the others
 * are counted as not booked and neither stored nor paid, so that the booked
 * entry a later statement reports under the same reference still pays), and
 * for each booked credit in USD whose
 * remittance information carries a bill's RF reference (lib/rf_ref) a bank
 * payment onto that bill through lib/payment (key "bank:<entry reference>";
 * what exceeds the bill becomes top-up balance); other credits wait for a
 * remittance claim.
 */
#ifndef PC_CAMT_H
#define PC_CAMT_H
#include <stddef.h>
#include <stdint.h>

/* A statement as read so far (at its end: whole). */
typedef struct pc_camt_stmt {
    char id[65], account[65], currency[4];
    int64_t opening, closing, sum; /* 10^-8; sum: Σ credits − Σ debits */
    int has_opening, has_closing;
    long entries;    /* all entries of the statement (its entry count) */
    long not_booked; /* of them: pending, information or another status than BOOK */
} pc_camt_stmt;

/* One entry: its reference is AcctSvcrRef, else NtryRef. */
typedef struct pc_camt_entry {
    char ref[65], svc_ref[65], currency[4], booking[11], debtor[141];
    char status[36];      /* Sts (camt.053.001.02) or Sts/Cd (.001.08 on): BOOK, PDNG, INFO, … */
    int booked;           /* status BOOK: the entry is on the account and may pay a bill */
    char remittance[501]; /* Ustrd and CdtrRefInf/Ref, joined by spaces (cut at 500) */
    int64_t amount;
    int direction; /* +1 CRDT, -1 DBIT */
    int has_amount;
} pc_camt_entry;

typedef int (*pc_camt_entry_fn)(void *arg, const pc_camt_stmt *s, const pc_camt_entry *e);
typedef int (*pc_camt_stmt_fn)(void *arg, const pc_camt_stmt *s);

/*
 * Read the camt.053 file at path with the streaming reader, checking it (see above), calling
 * efn at the end of each entry and sfn at the end of each statement (both may be NULL: a
 * check only).  Returns 0; 1 when the file is rejected (err says why, with the line); or
 * the first non-zero value of a callback.  Pure: no database (lib/billing/camt.c).
 */
int pc_camt_read(const char *path, pc_camt_entry_fn efn, pc_camt_stmt_fn sfn, void *arg, char *err,
                 size_t errlen);

typedef struct pc_camt_result {
    int statements;  /* new statements stored */
    int skipped;     /* statements imported before */
    int entries;     /* entries stored */
    int matched;     /* credits paid onto a bill */
    int waiting;     /* credits waiting for a claim */
    int not_booked;  /* entries pending or for information: skipped */
    char error[300]; /* why the file was rejected (English, with the line) */
} pc_camt_result;

/* lib/billing/camt_import.c: check and import the file at `path` (file_name: as the operator named
 * it, for the record; user_id 0: pcadm; now UTC).  Returns 0 (r has the counts), 1 when the file
 * was rejected (r->error says why; nothing stored), -1 on a database error. */
int pc_camt_import(const char *path, const char *file_name, int64_t user_id, const char *now,
                   pc_camt_result *r);

#endif
