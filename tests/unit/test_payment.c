/* Unit tests of the pure part of lib/billing/payment.c: a USD amount in the payment currency
 * (3d.9). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "billing/claim_rate.h"
#include "base/money.h"
#include "billing/payment.h"

static int64_t in(const char *usd, const char *rate)
{
    int64_t v = 0, out = 0;
    if (pc_money_parse(usd, &v) || pc_payment_in_currency(v, rate, &out))
        fail_msg("cannot convert %s at %s", usd, rate);
    return out;
}

static int64_t m(const char *s)
{
    int64_t v = 0;
    pc_money_parse(s, &v);
    return v;
}

/* The spec's acceptance check: 113,345.00 USD at 0.9010211901 → 102,126.25 EUR. */
static void test_acceptance(void **state)
{
    (void)state;
    assert_int_equal(in("113,345.00", "0.9010211901"), m("102126.25"));
    assert_int_equal(in("1", "1"), m("1"));
    assert_int_equal(in("10.005", "1"), m("10.01")); /* half up */
    assert_int_equal(in("10.00499999", "1"), m("10.00"));
    assert_int_equal(in("40000", "933.25"), m("37330000"));
    assert_int_equal(in("0.01", "0.5"), m("0.01")); /* 0.005 → 0.01 */
}

static void test_bad_rates(void **state)
{
    (void)state;
    int64_t out;
    assert_int_equal(pc_payment_in_currency(1, "", &out), -1);
    assert_int_equal(pc_payment_in_currency(1, "1.2.3", &out), -1);
    assert_int_equal(pc_payment_in_currency(1, "-1", &out), -1);
    assert_int_equal(pc_payment_in_currency(1, "0.12345678901", &out), -1); /* 11 decimals */
    assert_int_equal(pc_payment_in_currency(1, "abc", &out), -1);
}

/* A claim in a currency back to USD (lib/claim_rate): amount ÷ rate, half-up to the cent. */
static void test_from_currency(void **state)
{
    (void)state;
    int64_t out = 0;
    assert_int_equal(pc_claim_from_currency(m("901.02"), "0.9010211901", &out), 0);
    assert_int_equal(out, m("1000.00")); /* 999.99868… */
    assert_int_equal(pc_claim_from_currency(m("90.10"), "0.9010211901", &out), 0);
    assert_int_equal(out, m("100.00")); /* 99.99765… */
    assert_int_equal(pc_claim_from_currency(m("102126.25"), "0.9010211901", &out), 0);
    assert_int_equal(out, m("113345.00")); /* back from the spec's acceptance amount */
    assert_int_equal(pc_claim_from_currency(m("11000000"), "933.25", &out), 0);
    assert_int_equal(out, m("11786.77")); /* 11786.7666… CLP → USD */
    assert_int_equal(pc_claim_from_currency(m("5"), "1", &out), 0);
    assert_int_equal(out, m("5"));
    assert_int_equal(pc_claim_from_currency(1, "0", &out), -1);
    assert_int_equal(pc_claim_from_currency(1, "", &out), -1);
    assert_int_equal(pc_claim_from_currency(1, "1,5", &out), -1);
    assert_int_equal(pc_claim_from_currency(1, "0.12345678901", &out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acceptance),
        cmocka_unit_test(test_bad_rates),
        cmocka_unit_test(test_from_currency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
