/* Unit tests of lib/billing/discount.c: percentages as ppm, typed date-times, exchange rates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "billing/discount.h"

static void expect_percent(const char *s, int64_t want)
{
    int64_t v = -7;
    if (pc_discount_parse_percent(s, &v) != 0)
        fail_msg("pc_discount_parse_percent(\"%s\") refused a valid percent", s);
    assert_int_equal(v, want);
}

static void expect_percent_rejected(const char *s)
{
    int64_t v = -7;
    if (pc_discount_parse_percent(s, &v) != -1)
        fail_msg("pc_discount_parse_percent(\"%s\") accepted %lld", s, (long long)v);
    assert_int_equal(v, -7); /* untouched */
}

static void test_percent(void **state)
{
    (void)state;
    expect_percent("0", 0);
    expect_percent("15", 150000);
    expect_percent("15.5", 155000);
    expect_percent("15.25", 152500);
    expect_percent("0.01", 100);
    expect_percent("100", 1000000);
    expect_percent("100.00", 1000000);
    expect_percent("007", 70000);
}

static void test_percent_rejected(void **state)
{
    (void)state;
    const char *bad[] = {"",   "-1",  "100.01", "101", "1000", "12.345", "12.",
                         ".5", "1,5", "1e2",    "15 ", "abc",  "1.2.3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_percent_rejected(bad[i]);
}

static void test_format_ppm(void **state)
{
    (void)state;
    char b[24];
    assert_string_equal(pc_discount_format_ppm(150000, b, sizeof b), "15.00");
    assert_string_equal(pc_discount_format_ppm(152500, b, sizeof b), "15.25");
    assert_string_equal(pc_discount_format_ppm(1000000, b, sizeof b), "100.00");
    assert_string_equal(pc_discount_format_ppm(0, b, sizeof b), "0.00");
    assert_string_equal(pc_discount_format_ppm(152550, b, sizeof b), "15.26"); /* half-up */
}

static void test_format_milli(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(pc_discount_format_milli(10000, b, sizeof b), "10");
    assert_string_equal(pc_discount_format_milli(2500, b, sizeof b), "2.5");
    assert_string_equal(pc_discount_format_milli(125, b, sizeof b), "0.125");
}

static void test_datetime(void **state)
{
    (void)state;
    char out[20];
    assert_int_equal(pc_discount_parse_datetime("2024-09-27 23:59", out), 0);
    assert_string_equal(out, "2024-09-27 23:59:00");
    assert_int_equal(pc_discount_parse_datetime("2024-09-27T23:59", out), 0);
    assert_string_equal(out, "2024-09-27 23:59:00");
    assert_int_equal(pc_discount_parse_datetime("2024-02-29 00:00:59", out), 0);
    assert_string_equal(out, "2024-02-29 00:00:59");
    const char *bad[] = {"",
                         "2024-09-27",
                         "2023-02-29 00:00",
                         "2024-13-01 00:00",
                         "2024-09-27 24:00",
                         "2024-09-27 23:60",
                         "2024-09-27 23:59:60",
                         "2024/09/27 23:59",
                         "2024-09-27 23:59:5",
                         "tomorrow",
                         "2024-09-27 23:59 ",
                         "1969-12-31 23:59"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (pc_discount_parse_datetime(bad[i], out) != -1)
            fail_msg("pc_discount_parse_datetime(\"%s\") accepted it", bad[i]);
}

static void test_rate(void **state)
{
    (void)state;
    const char *good[] = {"1", "7.1234567891", "0.0000000001", "9999999999.9999999999", "1.5"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (pc_discount_check_rate(good[i]))
            fail_msg("pc_discount_check_rate(\"%s\") refused it", good[i]);
    const char *bad[] = {"",    "0",   "0.0",  "-1", "1.", ".5", "1.12345678901", "12345678901",
                         "1e3", "1,5", "1.2.3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!pc_discount_check_rate(bad[i]))
            fail_msg("pc_discount_check_rate(\"%s\") accepted it", bad[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percent),    cmocka_unit_test(test_percent_rejected),
        cmocka_unit_test(test_format_ppm), cmocka_unit_test(test_format_milli),
        cmocka_unit_test(test_datetime),   cmocka_unit_test(test_rate),
    };
    return cmocka_run_group_tests_name("discount", tests, NULL, NULL);
}
