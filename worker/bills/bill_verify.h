/* pcadm verify-bill and the nightly bill check (bill_verify*.c, docs/bills.md "Verifying"). */
#ifndef PC_BILL_VERIFY_H
#define PC_BILL_VERIFY_H
#include <stddef.h>

/* Check partner's (account name or id) bill of month "YYYY-MM": its storage and an
 * independent recomputation.  Prints each difference and a last line saying "equal" or
 * "different".  Returns 0 equal, 1 different, 2 no such bill or an error. */
int bill_verify(const char *partner, const char *month);

/* Bills the nightly check verifies at most (bill_verify_nightly). */
#define BILL_VERIFY_PER_NIGHT 100

/*
 * The nightly check (job `ledger`): the bills of the latest cycle billed by `now`, at most
 * BILL_VERIFY_PER_NIGHT a night — the window moves on by that many each night, so every bill
 * of the cycle is checked within ceil(bills / BILL_VERIFY_PER_NIGHT) nights.  Appends to
 * report (NUL-terminated, `size` bytes from report on) one paragraph per bill that differs,
 * "bill B of partner P (account) for YYYY-MM differs:" and its differences.  Returns the
 * number of such bills, -1 on a database error.
 */
int bill_verify_nightly(const char *now, char *report, size_t size);

#endif
