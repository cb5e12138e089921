/*
 * ledger — every movement of money is one journal entry whose postings sum
 * to zero, with a unique idempotency key, written inside the caller's
 * transaction together with the business change (DESIGN §4, issue 5).
 *
 * Sign convention (the vendor's books): a posting is positive for a debit,
 * negative for a credit; an account's cached balance is the sum of its
 * postings.  Credit-normal accounts (partner top-up money, coupons, coupon
 * quotas, vendor sales and tax) so hold negative balances:
 * pc_ledger_shown() turns a balance into the amount a person reads.
 *
 * Accounts are named by code: "p<partner>:<kind>" for a partner's,
 * "coupon:<id>" for a coupon, "vendor:<kind>" for the vendor's own.
 */
#ifndef PC_LEDGER_H
#define PC_LEDGER_H
#include <stddef.h>
#include <stdint.h>

/* The id of a partner's account of `kind` (top_up, credit, receivable,
 * coupon_quota), created when missing.  -1 on error. */
int64_t pc_ledger_partner_account(int64_t partner_id, const char *kind);
/* The id of coupon `coupon_id`'s account, created when missing (owner `partner_id`). */
int64_t pc_ledger_coupon_account(int64_t coupon_id, int64_t partner_id);
/* The id of a vendor account: vendor_sales, vendor_tax, vendor_coupons, vendor_cash,
 * vendor_rounding. */
int64_t pc_ledger_vendor_account(const char *kind);

typedef struct pc_posting {
    int64_t account_id;
    int64_t amount; /* debit > 0, credit < 0 */
} pc_posting;

/*
 * Post one entry inside the current transaction: the postings (zero amounts
 * left out, several on one account merged) must sum to zero.  Updates the
 * cached balances.  `kind` is a journal_entries.kind; `now` UTC
 * "YYYY-MM-DD HH:MM:SS".  Returns the new entry id; 0 when an entry with
 * `idem_key` exists already (nothing is posted: the movement was made
 * before); -1 on a database error or unbalanced postings.
 */
int64_t pc_ledger_post(const char *idem_key, const char *kind, int64_t partner_id, const char *memo,
                       const char *now, const pc_posting *p, size_t n);

/* The cached balance of an account into *balance (0 when unknown); balances
 * have either sign (credit-normal accounts are negative), so the status is
 * apart: 0, or -1 on a database error. */
int pc_ledger_balance(int64_t account_id, int64_t *balance);

/* A balance as a person reads it: credit-normal kinds negated. */
int64_t pc_ledger_shown(const char *kind, int64_t balance);

/*
 * Check every invariant: each entry balances; each cached account balance
 * equals the sum of its postings; no coupon or quota account below zero;
 * each coupon's and quota's cached amounts equal their accounts.  Each
 * problem is one line appended to report (at most `size` bytes, cut with
 * "…" when longer).  Returns the number of problems, -1 on a database error.
 * *entries and *accounts (may be NULL) get what was checked.
 */
int pc_ledger_verify(char *report, size_t size, int64_t *entries, int64_t *accounts);

#endif
