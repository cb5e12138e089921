/* Unit tests of lib/base/money.c: parsing, formatting and rounding of amounts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/money.h"

#define SENTINEL INT64_C(4242)

static void expect_parse(const char *s, int64_t want)
{
    int64_t v = SENTINEL;
    if (pc_money_parse(s, &v) != 0)
        fail_msg("pc_money_parse(\"%s\") refused a valid amount", s);
    if (v != want)
        fail_msg("pc_money_parse(\"%s\") = %lld, want %lld", s, (long long)v, (long long)want);
}

static void expect_reject(const char *s)
{
    int64_t v = SENTINEL;
    if (pc_money_parse(s, &v) != -1)
        fail_msg("pc_money_parse(\"%s\") accepted a bad amount (%lld)", s, (long long)v);
    assert_int_equal(v, SENTINEL); /* *out untouched on error */
}

static void expect_format(int64_t v, int decimals, int grouping, const char *want)
{
    char buf[64];
    assert_string_equal(pc_money_format(v, decimals, grouping, buf, sizeof buf), want);
}

static void test_parse_integers(void **state)
{
    (void)state;
    expect_parse("0", 0);
    expect_parse("1", INT64_C(100000000));
    expect_parse("1234", INT64_C(123400000000));
    expect_parse("007", INT64_C(700000000));
}

static void test_parse_decimals(void **state)
{
    (void)state;
    expect_parse("1.5", INT64_C(150000000));
    expect_parse("0.00000001", 1);
    expect_parse("12.3456789", INT64_C(1234567890));
    expect_parse("0.12345678", INT64_C(12345678));
    expect_reject("0.123456789"); /* 9 decimals */
    expect_reject("1.000000000");
}

static void test_parse_grouping(void **state)
{
    (void)state;
    expect_parse("1,234,567.5", INT64_C(123456750000000));
    expect_parse("1,234", INT64_C(123400000000));
    expect_parse("999,999", INT64_C(99999900000000));
    expect_reject("12,34");
    expect_reject("1,2345");
    expect_reject("1234,567");
    expect_reject("1,,234");
    expect_reject(",123");
    expect_reject("1,234,");
    expect_reject("1,234.5,6");
}

static void test_parse_sign(void **state)
{
    (void)state;
    expect_parse("-1,234.5", INT64_C(-123450000000));
    expect_parse("-0.00000001", -1);
    expect_parse("+7", INT64_C(700000000));
    expect_reject("+");
    expect_reject("-");
    expect_reject("--1");
    expect_reject("+-1");
}

static void test_parse_malformed(void **state)
{
    (void)state;
    expect_reject("");
    expect_reject(".");
    expect_reject("1.");
    expect_reject(".5");
    expect_reject("abc");
    expect_reject("1a");
    expect_reject("1.2.3");
    expect_reject(" 1");
    expect_reject("1 ");
    expect_reject("1e5");
    expect_reject(NULL);
}

static void test_parse_range(void **state)
{
    (void)state;
    /* PC_MONEY_MAX = 90,000,000,000.00000000 = 9000000000000000000 units */
    expect_parse("90000000000", INT64_C(9000000000000000000));
    expect_parse("90,000,000,000.00000000", INT64_C(9000000000000000000));
    expect_parse("-90000000000", -INT64_C(9000000000000000000));
    expect_parse("89999999999.99999999", INT64_C(8999999999999999999));
    expect_reject("90000000000.00000001");
    expect_reject("92233720368.54775807");
    expect_reject("100000000000");
    expect_reject("99999999999999999999999");
}

/* Rounding at the very ends of int64_t must not overflow (UBSan would abort). */
static void test_round_extremes(void **state)
{
    char buf[64];
    (void)state;
    assert_int_equal(pc_money_round2(INT64_MAX), INT64_C(9223372036854000000));
    assert_int_equal(pc_money_round2(INT64_MIN + 1), -INT64_C(9223372036854000000));
    assert_string_equal(pc_money_format(INT64_MAX, 2, 0, buf, sizeof buf), "92233720368.54");
}

static void test_format_decimals(void **state)
{
    (void)state;
    expect_format(INT64_C(123456789), 8, 0, "1.23456789");
    expect_format(INT64_C(123456789), 2, 0, "1.23");
    expect_format(0, 2, 0, "0.00");
    expect_format(1, 8, 0, "0.00000001");
    expect_format(INT64_C(150000000), 0, 0, "2");
    expect_format(INT64_C(149999999), 0, 0, "1");
    expect_format(INT64_C(120000000), 4, 0, "1.2000");
}

static void test_format_decimals_clamped(void **state)
{
    (void)state;
    expect_format(INT64_C(123456789), 12, 0, "1.23456789");
    expect_format(INT64_C(150000000), -3, 0, "2");
}

static void test_format_grouping(void **state)
{
    (void)state;
    expect_format(INT64_C(100000000000), 2, 1, "1,000.00");
    expect_format(INT64_C(99900000000), 2, 1, "999.00");
    expect_format(INT64_C(12345600000000), 2, 1, "123,456.00");
    expect_format(INT64_C(1234567000000), 2, 1, "12,345.67");
    expect_format(INT64_C(123456789012345678), 2, 1, "1,234,567,890.12");
    expect_format(INT64_C(123456789012345678), 2, 0, "1234567890.12");
}

static void test_format_negative(void **state)
{
    (void)state;
    expect_format(INT64_C(-123450000000), 2, 1, "-1,234.50");
    expect_format(-1, 8, 0, "-0.00000001");
    expect_format(INT64_MIN, 8, 1, "-92,233,720,368.54775808");
    /* the forms the pages show (issue 16): zero, a negative with separators, 8 decimals */
    expect_format(0, 2, 1, "0.00");
    expect_format(0, 8, 1, "0.00000000");
    expect_format(INT64_C(-50000000000), 2, 1, "-500.00");
    expect_format(INT64_C(-123456789000000), 2, 1, "-1,234,567.89");
}

static void test_format_rounding(void **state)
{
    (void)state;
    expect_format(INT64_C(500000), 2, 0, "0.01");   /* 0.005 */
    expect_format(INT64_C(-500000), 2, 0, "-0.01"); /* -0.005 */
    expect_format(INT64_C(499999), 2, 0, "0.00");
    expect_format(INT64_C(-499999), 2, 0, "0.00"); /* no "-0.00" */
    expect_format(INT64_C(199500000), 2, 0, "2.00");
    expect_format(INT64_C(99999999999500000), 2, 1, "1,000,000,000.00"); /* 999999999.995 */
}

static void test_format_truncates_to_size(void **state)
{
    char buf[5] = "xxxx";
    (void)state;
    assert_string_equal(pc_money_format(INT64_C(100000000000), 2, 1, buf, sizeof buf), "1,00");
}

static void test_round2(void **state)
{
    (void)state;
    assert_int_equal(pc_money_round2(0), 0);
    assert_int_equal(pc_money_round2(1), 0);
    assert_int_equal(pc_money_round2(-1), 0);
    assert_int_equal(pc_money_round2(INT64_C(499999)), 0);
    assert_int_equal(pc_money_round2(INT64_C(500000)), INT64_C(1000000));
    assert_int_equal(pc_money_round2(INT64_C(-499999)), 0);
    assert_int_equal(pc_money_round2(INT64_C(-500000)), INT64_C(-1000000));
    assert_int_equal(pc_money_round2(INT64_C(1000000)), INT64_C(1000000));
}

static void test_round2_golden(void **state)
{
    (void)state;
    /* 1.23456789 → 1.23; 1.235 → 1.24; -1.235 → -1.24; 999999999.995 → 1000000000.00 */
    assert_int_equal(pc_money_round2(INT64_C(123456789)), INT64_C(123000000));
    assert_int_equal(pc_money_round2(INT64_C(123500000)), INT64_C(124000000));
    assert_int_equal(pc_money_round2(INT64_C(-123500000)), INT64_C(-124000000));
    assert_int_equal(pc_money_round2(INT64_C(-123499999)), INT64_C(-123000000));
    assert_int_equal(pc_money_round2(INT64_C(99999999999500000)), INT64_C(100000000000000000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_integers),
        cmocka_unit_test(test_parse_decimals),
        cmocka_unit_test(test_parse_grouping),
        cmocka_unit_test(test_parse_sign),
        cmocka_unit_test(test_parse_malformed),
        cmocka_unit_test(test_parse_range),
        cmocka_unit_test(test_round_extremes),
        cmocka_unit_test(test_format_decimals),
        cmocka_unit_test(test_format_decimals_clamped),
        cmocka_unit_test(test_format_grouping),
        cmocka_unit_test(test_format_negative),
        cmocka_unit_test(test_format_rounding),
        cmocka_unit_test(test_format_truncates_to_size),
        cmocka_unit_test(test_round2),
        cmocka_unit_test(test_round2_golden),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
