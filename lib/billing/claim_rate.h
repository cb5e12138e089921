/*
 * claim_rate — a remittance claim in the currency the partner transferred
 * (ch09 §9.4.2.3: "Amount Transferred*, Currency*") is credited in USD, the
 * bills' currency: converted with the exchange rate of the bill it is
 * applied to first when that bill is payable in the claim's currency (the
 * bill's rate of its cycle's last day, 9.4.1.2), else with the latest rate
 * of the currency; USD at 1.  Rates are "1 USD = rate <currency>".
 */
#ifndef PC_CLAIM_RATE_H
#define PC_CLAIM_RATE_H
#include <stdint.h>

/*
 * The USD value of `amount` (10^-8 of `currency`) for a claim whose first
 * bill is `first_bill` (0: none), rounded half-up to the cent; the rate used
 * in rate (a decimal string).  0; 1 when the currency has no rate; -1 on a
 * database error.
 */
int pc_claim_usd(const char *currency, int64_t amount, int64_t first_bill, int64_t *usd,
                 char rate[24]);

/* amount (10^-8 of a currency) ÷ rate (decimal string, ≤ 10 decimals, > 0), rounded half-up
 * to the cent.  0, or -1 on a bad rate or overflow. */
int pc_claim_from_currency(int64_t amount, const char *rate, int64_t *usd);

#endif
