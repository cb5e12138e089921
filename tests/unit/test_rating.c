/* Unit tests of lib/billing/rating.c with golden numbers worked out by hand (spec
 * 3d.3–3d.6, 9.3.4.3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "base/clock.h"
#include "billing/rating.h"

static pc_qty qty(const char *s)
{
    pc_qty q = -1;
    if (pc_qty_parse(s, 10, &q))
        fail_msg("pc_qty_parse(\"%s\") refused a valid quantity", s);
    return q;
}

static void expect_qty_text(pc_qty q, const char *want)
{
    char buf[64];
    assert_string_equal(pc_qty_format(q, buf, sizeof buf), want);
}

static void test_qty_parse(void **state)
{
    (void)state;
    expect_qty_text(qty("0"), "0.0000000000");
    expect_qty_text(qty("12"), "12.0000000000");
    expect_qty_text(qty("1000.5"), "1000.5000000000");
    expect_qty_text(qty("0.0000000001"), "0.0000000001");
    expect_qty_text(qty("999999999999999999.9999999999"), "999999999999999999.9999999999");
    expect_qty_text(-qty("3.25"), "-3.2500000000");
    pc_qty q = 7;
    const char *bad[] = {"",      "-1",    "+1", "1.", ".5",   "1.00000000001",
                         "1e3",   "1,000", " 1", "1 ", "0x10", "1000000000000000000",
                         "1.2.3", "abc"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (pc_qty_parse(bad[i], 10, &q) != -1)
            fail_msg("pc_qty_parse(\"%s\") accepted a bad quantity", bad[i]);
    assert_true(q == 7); /* untouched on error */
    /* mbps: at most 6 decimals */
    assert_int_equal(pc_qty_parse("200.123456", 6, &q), 0);
    assert_int_equal(pc_qty_parse("200.1234567", 6, &q), -1);
}

static void expect_rate(const char *quantity, const char *factor, int64_t price, int covered,
                        const char *pricing, int64_t list, int64_t discount, int64_t due)
{
    pc_rated r;
    if (pc_rate_usage(quantity, factor, price, covered, &r))
        fail_msg("pc_rate_usage(%s, %s, %lld) failed", quantity, factor, (long long)price);
    expect_qty_text(r.pricing_qty, pricing);
    assert_int_equal(r.list_amount, list);
    assert_int_equal(r.discount, discount);
    assert_int_equal(r.amount_due, due);
}

/* OBS traffic out: MB in, GB priced, factor 1024, 0.12 USD per GB. */
static void test_conversion_1024(void **state)
{
    (void)state;
    /* 1536 MB / 1024 = 1.5 GB exactly; × 0.12 = 0.18 */
    expect_rate("1536", "1024.0000000000", 12000000, 0, "1.5000000000", 18000000, 0, 18000000);
    /* 1000.5 / 1024 = 0.97705078125: the 11th decimal is cut, not rounded → 0.9770507812;
     * × 0.12 = 0.117246093744 → 0.11724609 */
    expect_rate("1000.5", "1024", 12000000, 0, "0.9770507812", 11724609, 0, 11724609);
    /* 0.5 / 1024 = 0.00048828125 → 0.0004882812 (trunc); × 0.12 = 0.000058593744 → 0.00005859 */
    expect_rate("0.5", "1024", 12000000, 0, "0.0004882812", 5859, 0, 5859);
    /* below 10^-10 after conversion: nothing to price */
    expect_rate("0.0000000001", "1024", 12000000, 0, "0.0000000000", 0, 0, 0);
    /* OBS storage 3,000,000 MB-hour / 1024 = 2929.6875 GB-hour; × 0.0000326 = 0.0955078125 →
     * 0.09550781 */
    expect_rate("3000000", "1024", 3260, 0, "2929.6875000000", 9550781, 0, 9550781);
}

/* Rounding of the list amount: half-up (away from zero) at the 9th decimal. */
static void test_half_up(void **state)
{
    (void)state;
    /* ECS hours at 0.0464: 0.000003125 h × 0.0464 = 0.000000145 → half-up 0.00000015
     * (banker's rounding or truncation would give 0.00000014) */
    expect_rate("0.000003125", "1", 4640000, 0, "0.0000031250", 15, 0, 15);
    /* 0.0000031249 h × 0.0464 = 0.00000014499536 → 0.00000014 */
    expect_rate("0.0000031249", "1", 4640000, 0, "0.0000031249", 14, 0, 14);
    /* 730 h × 0.0464 = 33.872 */
    expect_rate("730", "1", 4640000, 0, "730.0000000000", INT64_C(3387200000), 0,
                INT64_C(3387200000));
    int64_t v;
    assert_int_equal(pc_rate_list_amount(-qty("0.000003125"), 4640000, &v), 0);
    assert_int_equal(v, -15);
    assert_true(pc_div_half_up(5, 10) == 1);
    assert_true(pc_div_half_up(4, 10) == 0);
    assert_true(pc_div_half_up(-5, 10) == -1);
    assert_true(pc_div_half_up(-4, 10) == 0);
}

/* Usage of a resource bought as RI, savings plan or package: the list amount is all discount. */
static void test_covered(void **state)
{
    (void)state;
    /* 10 h × 0.0464 = 0.464 list, discount 0.464, due 0 */
    expect_rate("10", "1", 4640000, 1, "10.0000000000", 46400000, 46400000, 0);
    expect_rate("1536", "1024", 12000000, 1, "1.5000000000", 18000000, 18000000, 0);
}

static void test_overflow_and_bad(void **state)
{
    (void)state;
    pc_rated r;
    int64_t v;
    pc_qty q;
    /* 999,999,999,999,999,999 GB × 120 USD does not fit in int64 10^-8 units */
    assert_int_equal(pc_rate_usage("999999999999999999", "1", 12000000000, 0, &r), -1);
    assert_int_equal(pc_rate_usage("1", "0", 100, 0, &r), -1);
    assert_int_equal(pc_rate_usage("x", "1", 100, 0, &r), -1);
    assert_int_equal(pc_rate_pricing_qty(qty("1"), 0, &q), -1);
    assert_int_equal(pc_rate_list_amount(qty("999999999999999999"), INT64_MAX, &v), -1);
}

/* 9.3.4.3 acceptance: 30 days × 288 = 8,640 samples, the 432 largest 1,000 Mbps, the 433rd 200. */
static void test_p95_september(void **state)
{
    (void)state;
    static int64_t v[8640];
    size_t k;
    for (int i = 0; i < 8640; i++) /* shuffled order: the function sorts */
        v[i] = (i % 20 == 3) ? INT64_C(1000000000)
                             : (i == 8639 ? INT64_C(200000000) : INT64_C(150000000) + i);
    /* i % 20 == 3 gives 432 values of 1,000 Mbps (10^-6 units); one of 200; the rest below 200 */
    assert_int_equal(pc_p95_billable(v, 8640, &k), INT64_C(200000000));
    assert_int_equal(k, 432);
    assert_int_equal(v[0], INT64_C(1000000000));
    assert_int_equal(v[431], INT64_C(1000000000));
    assert_int_equal(pc_p95_usage_days_bp(8640, 30), 10000);
    /* 4,320 points in September: (4320 / 288) / 30 = 50 % */
    assert_int_equal(pc_p95_usage_days_bp(4320, 30), 5000);
    /* k = floor(0.05 × N): 19 samples → k = 0, the largest is billed; 20 → k = 1 */
    int64_t w[20];
    for (int i = 0; i < 20; i++)
        w[i] = i + 1;
    assert_int_equal(pc_p95_billable(w, 19, &k), 19);
    assert_int_equal(k, 0);
    for (int i = 0; i < 20; i++)
        w[i] = i + 1;
    assert_int_equal(pc_p95_billable(w, 20, &k), 19);
    assert_int_equal(k, 1);
    assert_int_equal(pc_p95_billable(w, 0, &k), 0);
}

static void test_p95_amount(void **state)
{
    (void)state;
    int64_t a;
    /* 12 USD per Mbps × 200 Mbps × 1 = 2,400 USD */
    assert_int_equal(pc_p95_amount(1200000000, 200000000, 8640, 30, &a), 0);
    assert_int_equal(a, INT64_C(240000000000));
    /* × 50 % = 1,200 USD */
    assert_int_equal(pc_p95_amount(1200000000, 200000000, 4320, 30, &a), 0);
    assert_int_equal(a, INT64_C(120000000000));
    /* 6.5 USD × 0.000001 Mbps × (1 / 288) / 31 = 0.0000000007280... → 0.00000000 */
    assert_int_equal(pc_p95_amount(650000000, 1, 1, 31, &a), 0);
    assert_int_equal(a, 0);
    /* 9 USD × 100 Mbps × (100 / 288) / 31 = 900 × 0.0112007168… = 10.08064516129… → 10.08064516 */
    assert_int_equal(pc_p95_amount(900000000, 100000000, 100, 31, &a), 0);
    assert_int_equal(a, INT64_C(1008064516));
    assert_int_equal(pc_clock_days_in_month(2027, 2), 28);
    assert_int_equal(pc_clock_days_in_month(2028, 2), 29);
    assert_int_equal(pc_clock_days_in_month(2100, 2), 28);
    assert_int_equal(pc_clock_days_in_month(2026, 9), 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qty_parse),        cmocka_unit_test(test_conversion_1024),
        cmocka_unit_test(test_half_up),          cmocka_unit_test(test_covered),
        cmocka_unit_test(test_overflow_and_bad), cmocka_unit_test(test_p95_september),
        cmocka_unit_test(test_p95_amount),
    };
    return cmocka_run_group_tests_name("rating", tests, NULL, NULL);
}
