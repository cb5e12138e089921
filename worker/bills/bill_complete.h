/*
 * bill_complete — that every billable rated record of a billed cycle is on
 * exactly one bill (issue 14): its cycle's bill, or a later bill as a late
 * record, or queued for the next bill (bill_late_lines).  A record on two
 * bills cannot be stored (bill_lines UNIQUE line_id).  Run by `pcadm
 * verify-ledger` and the nightly ledger job.
 */
#ifndef PC_BILL_COMPLETE_H
#define PC_BILL_COMPLETE_H
#include <stddef.h>

/* Each record left off every bill: one line appended to report (at most
 * `size` bytes in all).  Returns the number of such records, -1 on a
 * database error. */
int bill_complete_check(char *report, size_t size);

#endif
