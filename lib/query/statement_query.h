/*
 * statement_query — the account statements of a partner's top-up and credit
 * accounts (ch09 §9.4.2.4, S8): each posting of the account in the order of
 * its journal entries with the balance after it, shared by the page
 * (/finance/funds/statements, keyset pages) and its export kind
 * "account_statements".  Amounts are shown as a person reads them: income
 * (money in, credit given back) positive, expense negative; the balance is
 * the account's shown balance after the line (lib/ledger pc_ledger_shown).
 *
 * Columns of every SELECT, in order: transaction_no, created_at, kind,
 * order_id, memo, direction (income|expense), amount, balance, entry_id,
 * entry_key.
 */
#ifndef PC_STATEMENT_QUERY_H
#define PC_STATEMENT_QUERY_H
#include <stdint.h>
#include <time.h>

#include "base/arena.h"
#include "base/db.h"
#include "base/req.h"

#define PC_STATEMENT_MONTHS 12 /* self-service search covers the last 12 months */

typedef struct pc_statement_filters {
    const char *account;   /* "top_up" | "credit" */
    char from[11], to[11]; /* local days, inclusive */
    const char *type;      /* "" or a journal_entries.kind: top_up, payment, refund, adjustment */
    int64_t after;         /* keyset: entries below this id (0: the newest) */
    int64_t before;        /* keyset back: the page above this id (0: none) */
    int64_t upto;          /* set by the page going back: entries up to this id (0: none) */
    const char *error;     /* language key of the first bad filter, or NULL */
    const char *field;     /* the field it concerns */
} pc_statement_filters;

/* Read the filters (account, from, to, type, after, before) as of `now`: defaults the last 30
 * days of the top-up account; a start more than 12 months before `now`'s day, an end
 * before the start or an unknown value sets error.  0, or -1 with f->error. */
int pc_statement_parse(const pc_params *in, time_t now, pc_statement_filters *f);

/* "account=…&from=…&to=…&type=…" (no keyset), in a. */
char *pc_statement_query_string(pc_arena *a, const pc_statement_filters *f);

/* The page: at most limit + 1 lines, newest first, after f->after or up to f->upto. */
void pc_statement_page(pc_arena *a, const pc_statement_filters *f, int64_t partner, int64_t limit,
                       pc_sql_build *b);
/* The `limit` lines just above f->before, oldest first (column 8: the entry id): the newest of
 * them is where the page before ends. */
void pc_statement_above(pc_arena *a, const pc_statement_filters *f, int64_t partner, int64_t limit,
                        pc_sql_build *b);
/* The export: every line of the range, oldest first; and its count. */
void pc_statement_export(pc_arena *a, const pc_statement_filters *f, int64_t partner,
                         pc_sql_build *b);
void pc_statement_count(pc_arena *a, const pc_statement_filters *f, int64_t partner,
                        pc_sql_build *b);

#endif
