/*
 * invoice_wht — withholding-tax certificates (ch09 §9.4.3b, ch11-14 §13.7):
 * the pure checks of an upload (the attachment's type by its first bytes,
 * the split of the certificate amount over its invoices) and the operator's
 * decision.  Approving credits each covered bill invoice's amount (invoice
 * currency) to its bill as a payment of method WHT through lib/payment
 * (key "wht:<certificate>:<invoice>"): amount_paid grows (at most to the
 * amount due), the bill's status follows as for any payment, and its journal
 * entry (kind payment) moves the amount from the
 * partner's receivable to vendor:tax — the tax the partner withheld and paid
 * on the vendor's behalf is a credit against the vendor's tax (the §13.7
 * rule: the partner pays the net amount and provides the certificate).
 */
#ifndef PC_INVOICE_WHT_H
#define PC_INVOICE_WHT_H
#include <stddef.h>
#include <stdint.h>

#define PC_WHT_MAX_BYTES    (10u << 20) /* 10 MB per attachment (9.4.3b) */
#define PC_WHT_MAX_INVOICES 20

/*
 * The status a bill shows, over partner_bills (no alias): a partially paid bill whose invoice
 * a certificate waiting for review covers is "partially_paid_wht" — Partially paid (WHT
 * pending) — until the review (§13.7 derived settlement rule); else its status.
 */
#define PC_WHT_BILL_STATUS_SQL                                                                     \
    "IF(partner_bills.status = 'partially_paid' AND EXISTS (SELECT 1 FROM "                        \
    "wht_certificate_invoices wi JOIN wht_certificates w ON w.id = wi.certificate_id "             \
    "WHERE wi.invoice_id = partner_bills.invoice_id AND wi.active = 1 "                            \
    "AND w.status = 'to_be_reviewed'), 'partially_paid_wht', partner_bills.status)"

/*
 * The MIME type of an attachment from its first bytes: "image/jpeg",
 * "image/png", "image/gif", "application/pdf" or "application/zip" (several
 * files zipped, 9.4.3b: the caller checks that its members are of the other
 * types); NULL for anything else or an empty file.  The file name and the
 * browser's type are not trusted.
 */
const char *pc_wht_attachment_type(const void *data, size_t len);

/* The extension ("jpg", "png", "gif", "pdf", "zip") of a type pc_wht_attachment_type returned. */
const char *pc_wht_attachment_ext(const char *type);

/* Whether the per-invoice amounts sum exactly to the certificate amount (all > 0, n ≥ 1). */
int pc_wht_split_ok(int64_t total, const int64_t *amounts, size_t n);

enum { PC_WHT_OK = 0, PC_WHT_STATE = 1 };

/*
 * Approve certificate `id` inside the caller's transaction: lock it, credit
 * its invoices' bills (see above), mark it approved by `user`.  PC_WHT_OK,
 * PC_WHT_STATE when it is not to be reviewed (nothing changed), -1 on a
 * database error.
 */
int pc_wht_approve(int64_t id, int64_t user, const char *now);

/* Reject certificate `id` with `reason`: its invoices are free for another certificate. As above.
 */
int pc_wht_reject(int64_t id, int64_t user, const char *reason, const char *now);

/*
 * Inside the caller's transaction, queue the worker's notices of 9.4.3b
 * (lib/mail outbox): a new upload of certificate `id` to every operator, or
 * a review result to every Admin of the certificate's partner (in the
 * Admin's language).  0, or -1 on a database error.
 */
int pc_wht_notify_upload(int64_t id);
int pc_wht_notify_review(int64_t id);

#endif
