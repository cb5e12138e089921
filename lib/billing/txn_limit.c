#include "billing/txn_limit.h"

#include <string.h>

#include "base/money.h"

typedef struct limit {
    const char *currency;
    int64_t lower; /* inclusive, but USD's 0 is exclusive (3f.10: amounts must be positive) */
    int64_t upper; /* inclusive */
} limit;

static const limit limits[] = {
    {"USD", 0, INT64_C(40000) * PC_MONEY_SCALE},
    {"CLP", 1 * PC_MONEY_SCALE, INT64_C(11000000) * PC_MONEY_SCALE},
};

pc_txn_check pc_txn_limit(const char *currency, int64_t amount)
{
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        const limit *l = &limits[i];
        if (strcmp(l->currency, currency))
            continue;
        if (amount < l->lower || amount <= 0)
            return PC_TXN_BELOW;
        return amount > l->upper ? PC_TXN_ABOVE : PC_TXN_OK;
    }
    return amount > 0 ? PC_TXN_OK : PC_TXN_BELOW;
}
