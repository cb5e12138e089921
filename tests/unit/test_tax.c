/* Unit tests of lib/billing/tax.c: rates as typed by the operator, categories, periods (§13.6,
 * §13.7). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "billing/invoice_wht.h"
#include "billing/tax.h"

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

/* 9.4.3b acceptance: a certificate of 20 split 12 + 8 is accepted, 12 + 9 refused. */
static void test_wht_split(void **state)
{
    (void)state;
    const int64_t E8 = 100000000;
    const int64_t ok[] = {12 * E8, 8 * E8}, over[] = {12 * E8, 9 * E8}, zero[] = {20 * E8, 0};
    assert_true(pc_wht_split_ok(20 * E8, ok, 2));
    assert_false(pc_wht_split_ok(20 * E8, over, 2));
    assert_false(pc_wht_split_ok(20 * E8, ok, 1));
    assert_false(pc_wht_split_ok(20 * E8, zero, 2));
    assert_false(pc_wht_split_ok(20 * E8, ok, 0));
    const int64_t neg[] = {28 * E8, -8 * E8};
    assert_false(pc_wht_split_ok(20 * E8, neg, 2));
}

static void test_wht_attachment(void **state)
{
    (void)state;
    assert_string_equal(pc_wht_attachment_type("\xFF\xD8\xFF\xE0rest", 8), "image/jpeg");
    assert_string_equal(pc_wht_attachment_type("\x89PNG\r\n\x1a\n....", 12), "image/png");
    assert_string_equal(pc_wht_attachment_type("GIF89a...", 9), "image/gif");
    assert_string_equal(pc_wht_attachment_type("%PDF-1.7\n", 9), "application/pdf");
    assert_string_equal(pc_wht_attachment_type("PK\x03\x04zip", 7), "application/zip");
    assert_string_equal(pc_wht_attachment_ext("application/zip"), "zip");
    assert_null(pc_wht_attachment_type("PK\x05\x06", 4)); /* an empty archive holds nothing */
    assert_null(pc_wht_attachment_type("<html>", 6));
    assert_null(pc_wht_attachment_type("%PDF", 4)); /* too short */
    assert_null(pc_wht_attachment_type("", 0));
    assert_string_equal(pc_wht_attachment_ext("application/pdf"), "pdf");
    assert_string_equal(pc_wht_attachment_ext("image/jpeg"), "jpg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_parse), cmocka_unit_test(test_category),
        cmocka_unit_test(test_overlap),    cmocka_unit_test(test_wht_country),
        cmocka_unit_test(test_wht_split),  cmocka_unit_test(test_wht_attachment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
