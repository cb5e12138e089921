/* claim_rate — see claim_rate.h. */
#include "billing/claim_rate.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/money.h"

enum stmt { ST_BILL_RATE, ST_LATEST, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_BILL_RATE] = "SELECT exchange_rate FROM partner_bills WHERE id = ? "
                     "AND payment_currency = ?",
    [ST_LATEST] = "SELECT rate FROM exchange_rates WHERE currency = ? ORDER BY day DESC LIMIT 1",
};
PC_SQL_TABLE(claim_rate_sql, sql);

int pc_claim_from_currency(int64_t amount, const char *rate, int64_t *usd)
{
    __int128 r; /* the rate in 10^-10 */
    if (pc_rate_parse(rate, &r) || r <= 0)
        return -1;
    /* USD cents = amount(10^-8) × 10^10 / r / 10^6 */
    return pc_money_cents_of((__int128)amount * 10000000000LL, r * 1000000, usd);
}

static int rate_row(void *arg, const pc_row *r)
{
    snprintf(arg, 24, "%s", pc_row_str(r, 0));
    return 1;
}

int pc_claim_usd(const char *currency, int64_t amount, int64_t first_bill, int64_t *usd,
                 char rate[24])
{
    rate[0] = '\0';
    if (!strcmp(currency, "USD")) {
        snprintf(rate, 24, "1");
        *usd = amount;
        return 0;
    }
    if (first_bill &&
        pc_db_query(&claim_rate_sql, ST_BILL_RATE, PC_BINDS(PC_I64(first_bill), PC_STR(currency)),
                    rate_row, rate) < 0)
        return -1;
    if (!rate[0] &&
        pc_db_query(&claim_rate_sql, ST_LATEST, PC_BINDS(PC_STR(currency)), rate_row, rate) < 0)
        return -1;
    if (!rate[0])
        return 1;
    return pc_claim_from_currency(amount, rate, usd) ? 1 : 0;
}
