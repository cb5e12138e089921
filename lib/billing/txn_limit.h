/*
 * txn_limit — the single-transaction limits of online payments (ch09
 * §9.4.1.6): USD above 0 up to 40,000.00; CLP 1 up to 11,000,000.  Every
 * payment path (the Pay pages, the payment API, automatic card charges)
 * checks an amount here before it starts a payment.
 */
#ifndef PC_TXN_LIMIT_H
#define PC_TXN_LIMIT_H
#include <stdint.h>

typedef enum {
    PC_TXN_OK,
    PC_TXN_BELOW, /* under the lower limit (USD: not above 0) */
    PC_TXN_ABOVE, /* over the upper limit */
} pc_txn_check;

/* Check `amount` (10^-8 of `currency`, an ISO code) against the limits; a currency the guide
 * gives no limits for only needs a positive amount. */
pc_txn_check pc_txn_limit(const char *currency, int64_t amount);

#endif
