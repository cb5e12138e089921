/*
 * invoice — the invoices of the vendor to a partner (ch09 §9.4.3a, issue 6):
 * made inside the transaction of what they invoice (the bill run's bill, a
 * top-up), checked against EN 16931's totals rules (lib/en16931) and only
 * then numbered; never deleted: voided, or corrected by a credit note.
 *
 * Numbers: "<prefix><yy><6 digits>" per issuing entity (invoice_entities:
 * CIE26000001; credit notes NIE26000002), yy the issue year, the six digits
 * one sequence per (entity, kind) running on across years, from a counter
 * row updated and so locked in the issuing transaction: a rolled-back issue
 * rolls its number back too, so numbers have no gaps.
 *
 * Amounts: int64 in 10^-8 of the invoice currency, whole cents.  Dates of
 * `now` are UTC "YYYY-MM-DD HH:MM:SS"; an invoice's issue date and year are
 * its issue moment's day in Billing.timezone.
 */
#ifndef PC_INVOICE_H
#define PC_INVOICE_H
#include <stddef.h>
#include <stdint.h>

typedef struct pc_invoice_party {
    char name[201], country[3], vat_id[33], address[301], email[255];
} pc_invoice_party;

typedef struct pc_invoice_line {
    char description[201];
    int64_t net;
} pc_invoice_line;

typedef struct pc_invoice_doc {
    int64_t id, partner_id, bill_id, credits_id;
    char entity[9], kind[12], number[21], credits_number[21], status[10];
    char currency[4], issue_date[11], category[3], exemption_note[201], refused_reason[301];
    int period; /* yyyymm */
    int32_t rate_ppm;
    pc_invoice_party seller, buyer;
    pc_invoice_line *lines;
    size_t nlines;
    int64_t line_total, allowances, tax_exclusive, tax, tax_inclusive, prepaid, rounding, payable;
} pc_invoice_doc;

/*
 * Make the invoice of partner bill `bill_id` inside the caller's transaction
 * (the bill run's bill_tx, after the bill's journal entry): one line per
 * product (settlement, rounded to cents), the coupons as a document-level
 * allowance, the bill's tax in one VAT breakdown of the partner's category
 * (S, AE under reverse charge with both VAT ids and the exemption note, Z,
 * E, O) and the bill's amount due as the amount payable (BT-114 takes the
 * difference of the bill's rounding).  When EN 16931's rules hold the
 * invoice is numbered and partner_bills.invoice_id set; else it is stored
 * refused, without number, with the rule that failed.  Returns the invoice
 * id, or -1 on a database error (the caller rolls back).
 */
int64_t pc_invoice_issue_bill(int64_t bill_id, const char *now);

/*
 * Make the invoice of a top-up of `amount` (> 0, whole cents) in `currency`
 * by partner `partner_id`, inside the caller's transaction (the funds
 * issue's top-up, with its journal entry).  `reference` (the payment's or
 * top-up's id, ≤ 60 characters) goes into the line's description; a top-up
 * is money on account, outside the scope of VAT (category O, no tax): VAT is
 * charged on the monthly bill it pays.  Returns the invoice id (issued, or
 * refused when EN 16931's rules fail, e.g. an amount finer than a cent), or
 * -1 on a database error.
 */
int64_t pc_invoice_issue_topup(int64_t partner_id, int64_t amount, const char *currency,
                               const char *reference, const char *now);

/*
 * The same for a pre-payment: money paid ahead of a bill for expenditure not
 * yet billed (the guide's "make payments in advance" when the quota is short;
 * the card charge of a quota overrun, 9.4.2.2), invoiced in the payment's
 * transaction as "Pre-payment invoice" (9.4.3a), numbered in the entity's
 * invoice sequence like bills and top-ups.
 */
int64_t pc_invoice_issue_prepayment(int64_t partner_id, int64_t amount, const char *currency,
                                    const char *reference, const char *now);

/*
 * Try again to issue the bill invoice that was refused as `id` (after the
 * operator corrected the data, e.g. a tax rate's category), inside the
 * caller's transaction: a new attempt from the bill as it stands; the refused
 * row stays as history.  Returns the new invoice's id (issued or refused
 * again), 0 when `id` is not a refused bill invoice or its bill has an
 * invoice already, -1 on a database error.
 */
int64_t pc_invoice_retry(int64_t id, const char *now);

/*
 * Void issued invoice `id` (reason ≤ 300 characters), inside the caller's
 * transaction.  1 done, 0 when it is not an issued invoice (nothing
 * changed), -1 on a database error.
 */
int pc_invoice_void(int64_t id, const char *reason, const char *now);

/*
 * Correct issued invoice `id` by a credit note of its whole amount with a
 * number of the credit-note sequence, inside the caller's transaction; the
 * invoice becomes "credited".  Returns the credit note's id, 0 when `id` is
 * not an issued invoice (or is a credit note), -1 on a database error.
 */
int64_t pc_invoice_credit(int64_t id, const char *reason, const char *now);

/*
 * Load invoice `id` of partner `partner_id` (0: any partner, for the
 * operator and the worker) into *d, lines malloc'd.  1 found, 0 not found,
 * -1 on a database error.  pc_invoice_doc_free frees the lines.
 */
int pc_invoice_load(int64_t id, int64_t partner_id, pc_invoice_doc *d);
void pc_invoice_doc_free(pc_invoice_doc *d);

/* Check *d against EN 16931 (lib/en16931): NULL, or the rule with why filled. */
const char *pc_invoice_check(const pc_invoice_doc *d, char *why, size_t size);

#endif
