/* Unit tests of lib/base/view.c: masking and date-time display (no templates needed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/view.h"

#define ZHANG "\xe5\xbc\xa0"     /* 张 */
#define SAN   "\xe4\xb8\x89"     /* 三 */
#define GRIN  "\xf0\x9f\x98\x80" /* 😀 */

static void test_mask_email(void **state)
{
    char out[64];
    (void)state;
    assert_string_equal(pc_mask_email("alice@example.com", out, sizeof out),
                        "alice****@example.com");
    assert_string_equal(pc_mask_email("alexander@example.com", out, sizeof out),
                        "alexa****@example.com");
    assert_string_equal(pc_mask_email("b@x.cn", out, sizeof out), "b****@x.cn");
    assert_string_equal(pc_mask_email("nobody", out, sizeof out), "n****y");
}

static void test_mask_email_multibyte_first(void **state)
{
    char out[64];
    (void)state;
    assert_string_equal(pc_mask_email("\xe5\xbc\xa0\xe4\xb8\x89@example.com", out, sizeof out),
                        "\xe5\xbc\xa0\xe4\xb8\x89****@example.com");
}

static void test_mask_email_truncates(void **state)
{
    char out[5];
    (void)state;
    assert_string_equal(pc_mask_email("alice@example.com", out, sizeof out), "alic");
}

static void test_mask_phone(void **state)
{
    char out[32];
    (void)state;
    assert_string_equal(pc_mask_phone("13812345678", out, sizeof out), "138****5678");
    assert_string_equal(pc_mask_phone("+8613812345678", out, sizeof out), "+86****5678");
    assert_string_equal(pc_mask_phone("1234567", out, sizeof out), "123****4567");
}

static void test_mask_phone_short(void **state)
{
    char out[32];
    (void)state;
    assert_string_equal(pc_mask_phone("123456", out, sizeof out), "****");
    assert_string_equal(pc_mask_phone("12", out, sizeof out), "****");
    assert_string_equal(pc_mask_phone("", out, sizeof out), "****");
}

static void test_mask_name_ascii(void **state)
{
    char out[32];
    (void)state;
    assert_string_equal(pc_mask_name("Zhang Wei", out, sizeof out), "Z****i");
    assert_string_equal(pc_mask_name("Z", out, sizeof out), "Z****");
    assert_string_equal(pc_mask_name("", out, sizeof out), "****");
}

static void test_mask_name_chinese(void **state)
{
    char out[32];
    (void)state;
    assert_string_equal(pc_mask_name(ZHANG SAN, out, sizeof out), ZHANG "****" SAN);
    assert_int_equal(strlen(out), 10); /* 3 bytes of 张, ****, 3 bytes of 三 */
    assert_string_equal(pc_mask_name(GRIN "x", out, sizeof out), GRIN "****x");
    assert_string_equal(pc_mask_name("x" GRIN, out, sizeof out), "x****" GRIN);
    assert_string_equal(pc_mask_name("\xc3\xa9mile", out, sizeof out), "\xc3\xa9****e");
}

static void at_timezone(const char *tz)
{
    pc_conf_set("Billing.timezone", tz);
}

static void expect_datetime(const char *utc, const char *want)
{
    char out[64];
    assert_string_equal(pc_view_datetime(utc, out, sizeof out), want);
}

static void test_datetime_default_timezone(void **state)
{
    (void)state;
    assert_string_equal(pc_conf_str("Billing.timezone"), "+08:00");
    expect_datetime("2026-07-02 03:00:31", "2026-07-02 11:00:31 GMT+08:00");
    expect_datetime("2026-01-15 00:00:00", "2026-01-15 08:00:00 GMT+08:00");
}

static void test_datetime_rollover(void **state)
{
    (void)state;
    at_timezone("+08:00");
    expect_datetime("2026-12-31 20:00:00", "2027-01-01 04:00:00 GMT+08:00");
    expect_datetime("2024-02-28 20:00:00", "2024-02-29 04:00:00 GMT+08:00"); /* leap day */
    expect_datetime("2026-02-28 16:00:00", "2026-03-01 00:00:00 GMT+08:00");
}

static void test_datetime_negative_offset(void **state)
{
    (void)state;
    at_timezone("-05:30");
    expect_datetime("2026-07-02 03:00:31", "2026-07-01 21:30:31 GMT-05:30");
    expect_datetime("2027-01-01 05:29:59", "2026-12-31 23:59:59 GMT-05:30");
    at_timezone("+08:00");
}

static void test_day_start_and_hdf_datetime(void **state)
{
    char out[20];
    HDF *h = NULL;
    (void)state;
    /* local midnight GMT+08:00 is 16:00 UTC the day before; days roll over months and years */
    assert_string_equal(pc_clock_day_start("2026-03-01", 0, out), "2026-02-28 16:00:00");
    assert_string_equal(pc_clock_day_start("2026-12-31", 1, out), "2026-12-31 16:00:00");
    assert_string_equal(pc_clock_day_start("bad", 0, out), "bad");
    assert_null(hdf_init(&h));
    assert_null(hdf_set_value(h, "Row.0.at", "2026-07-02 03:00:31"));
    pc_view_hdf_datetime(h, "Row.0.at", "Row.0.local");
    pc_view_hdf_datetime(h, "Row.0.at", "Row.0.at");
    assert_string_equal(hdf_get_value(h, "Row.0.local", ""), "2026-07-02 11:00:31 GMT+08:00");
    assert_string_equal(hdf_get_value(h, "Row.0.at", ""), "2026-07-02 11:00:31 GMT+08:00");
    hdf_destroy(&h);
}

static void test_datetime_unparsable(void **state)
{
    (void)state;
    expect_datetime("garbage", "garbage");
    expect_datetime(NULL, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mask_email),
        cmocka_unit_test(test_mask_email_truncates),
        cmocka_unit_test(test_mask_phone),
        cmocka_unit_test(test_mask_phone_short),
        cmocka_unit_test(test_mask_name_ascii),
        cmocka_unit_test(test_mask_name_chinese),
        cmocka_unit_test(test_datetime_default_timezone),
        cmocka_unit_test(test_datetime_rollover),
        cmocka_unit_test(test_datetime_negative_offset),
        cmocka_unit_test(test_day_start_and_hdf_datetime),
        cmocka_unit_test(test_datetime_unparsable),
        cmocka_unit_test(test_mask_email_multibyte_first),
    };
    return cmocka_run_group_tests_name("view", tests, NULL, NULL);
}
