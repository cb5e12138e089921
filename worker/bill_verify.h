/* pcadm verify-bill (bill_verify.c). */
#ifndef PC_BILL_VERIFY_H
#define PC_BILL_VERIFY_H

/* Recompute partner's (account name or id) bill of month "YYYY-MM" and compare.
 * Returns 0 equal, 1 different, 2 no such bill or an error. */
int bill_verify(const char *partner, const char *month);

#endif
