/* Unit tests of lib/billing/txn_limit.c: the acceptance check of ch09 §9.4.1.6. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/money.h"
#include "billing/txn_limit.h"

static int64_t amount(const char *s)
{
    int64_t v = 0;
    if (pc_money_parse(s, &v))
        fail_msg("bad amount %s", s);
    return v;
}

static void test_acceptance(void **state)
{
    (void)state;
    assert_int_equal(pc_txn_limit("USD", amount("40,000.00")), PC_TXN_OK);
    assert_int_equal(pc_txn_limit("USD", amount("40,000.01")), PC_TXN_ABOVE);
    assert_int_equal(pc_txn_limit("CLP", amount("0.5")), PC_TXN_BELOW);
    assert_int_equal(pc_txn_limit("CLP", amount("11,000,000")), PC_TXN_OK);
    assert_int_equal(pc_txn_limit("CLP", amount("11,000,000.01")), PC_TXN_ABOVE);
    assert_int_equal(pc_txn_limit("CLP", amount("1")), PC_TXN_OK);
}

/* USD's lower limit of 0 means a payment must be positive (spec 3f.10). */
static void test_usd_positive(void **state)
{
    (void)state;
    assert_int_equal(pc_txn_limit("USD", 0), PC_TXN_BELOW);
    assert_int_equal(pc_txn_limit("USD", -1), PC_TXN_BELOW);
    assert_int_equal(pc_txn_limit("USD", 1), PC_TXN_OK);
    assert_int_equal(pc_txn_limit("EUR", amount("10")), PC_TXN_OK);
    assert_int_equal(pc_txn_limit("EUR", 0), PC_TXN_BELOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acceptance),
        cmocka_unit_test(test_usd_positive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
