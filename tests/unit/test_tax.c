/* Unit tests of lib/tax.c: rates as typed by the operator, categories, periods (§13.6, §13.7). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tax.h"

static void test_rate_parse(void **state)
{
    (void)state;
    int32_t ppm = -1;
    assert_int_equal(pc_tax_rate_parse("23", &ppm), 0);
    assert_int_equal(ppm, 230000);
    assert_int_equal(pc_tax_rate_parse("8.1", &ppm), 0);
    assert_int_equal(ppm, 81000);
    assert_int_equal(pc_tax_rate_parse("7.7", &ppm), 0);
    assert_int_equal(ppm, 77000);
    assert_int_equal(pc_tax_rate_parse("0", &ppm), 0);
    assert_int_equal(ppm, 0);
    assert_int_equal(pc_tax_rate_parse("100", &ppm), 0);
    assert_int_equal(ppm, 1000000);
    assert_int_equal(pc_tax_rate_parse("12.3456", &ppm), 0);
    assert_int_equal(ppm, 123456);
    ppm = 5;
    const char *bad[] = {"", "-1", "100.01", "12.34567", "abc", "1,000", "20%", NULL};
    for (int i = 0; bad[i]; i++) {
        assert_int_equal(pc_tax_rate_parse(bad[i], &ppm), -1);
        assert_int_equal(ppm, 5);
    }
    assert_int_equal(pc_tax_rate_parse(NULL, &ppm), -1);
}

static void test_category(void **state)
{
    (void)state;
    assert_string_equal(pc_tax_category(230000, NULL, 0), "S");
    assert_string_equal(pc_tax_category(0, NULL, 0), "O");
    assert_string_equal(pc_tax_category(0, "", 0), "O");
    assert_string_equal(pc_tax_category(0, "Z", 0), "Z");
    assert_string_equal(pc_tax_category(0, "E", 0), "E");
    assert_string_equal(pc_tax_category(200000, "S", 1), "AE"); /* reverse charge wins */
    assert_string_equal(pc_tax_category(0, "XX", 0), "O");
    assert_string_equal(pc_tax_exemption_note("AE"), "Reverse charge");
    assert_null(pc_tax_exemption_note("S"));
}

static void test_overlap(void **state)
{
    (void)state;
    /* CH: 7.7 % through 2023-12-31, 8.1 % from 2024-01-01: adjacent, no overlap */
    assert_false(pc_tax_periods_overlap("2023-01-01", "2023-12-31", "2024-01-01", NULL));
    assert_true(pc_tax_periods_overlap("2023-01-01", "2024-01-01", "2024-01-01", NULL));
    assert_true(pc_tax_periods_overlap("2024-01-01", NULL, "2030-01-01", "2030-02-01"));
    assert_true(pc_tax_periods_overlap("2024-01-01", "", "2020-01-01", NULL));
    assert_false(pc_tax_periods_overlap("2025-01-01", NULL, "2020-01-01", "2024-12-31"));
    assert_true(pc_tax_periods_overlap("2024-03-01", "2024-03-01", "2024-03-01", "2024-03-01"));
}

static void test_wht_country(void **state)
{
    (void)state;
    assert_true(pc_tax_wht_country("MY"));
    assert_true(pc_tax_wht_country("TH"));
    assert_true(pc_tax_wht_country("PH"));
    assert_false(pc_tax_wht_country("SG"));
    assert_false(pc_tax_wht_country("KE"));
    assert_false(pc_tax_wht_country(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_parse),
        cmocka_unit_test(test_category),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_wht_country),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
