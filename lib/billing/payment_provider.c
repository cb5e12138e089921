#include "billing/payment_provider.h"

#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "base/money.h"

static int test_charge(int64_t card_id, const char *currency, int64_t amount, const char *idem_key,
                       char *reason, size_t n)
{
    (void)card_id;
    (void)currency;
    (void)idem_key;
    int64_t cents = (amount / (PC_MONEY_SCALE / 100)) % 100;
    if (cents == pc_conf_int("Payment.test_decline_cents")) {
        snprintf(reason, n, "funds.err.card_declined");
        return 0;
    }
    return 1;
}

static int test_verify(const char *number, const char *expiry, char *reason, size_t n)
{
    (void)expiry;
    size_t len = strlen(number);
    if (len >= 4 && strcmp(number + len - 4, "0002") == 0) {
        snprintf(reason, n, "funds.err.card_declined");
        return 0;
    }
    return 1;
}

static int test_reverify(int64_t card_id, const char *expiry, const char *security_code,
                         char *reason, size_t n)
{
    (void)card_id;
    (void)expiry;
    if (strcmp(security_code, "000") == 0) {
        snprintf(reason, n, "funds.err.card_declined");
        return 0;
    }
    return 1;
}

static const pc_card_provider test_provider = {"test", test_charge, test_verify, test_reverify};

const pc_card_provider *pc_card_provider_get(void)
{
    const char *name = pc_conf_str("Payment.provider");
    if (name && strcmp(name, "test") == 0)
        return &test_provider;
    return NULL;
}
