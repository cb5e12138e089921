/* Unit tests of lib/base/clock.c: the clock, the billing time zone, local days and billing
 * cycles (month ends, leap years, year boundaries, the GMT+08:00 day boundary, bad input). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/clock.h"
#include "base/conf.h"

/* The instant of UTC text s (the test fails on a bad one). */
static time_t at(const char *s)
{
    time_t t = -1;
    assert_int_equal(pc_clock_parse(s, &t), 0);
    return t;
}

static int reset(void **state)
{
    (void)state;
    assert_int_equal(pc_clock_set_zone(PC_CLOCK_DEFAULT_ZONE), 0);
    assert_int_equal(pc_clock_set(NULL), 0);
    return 0;
}

static void test_parse_and_text(void **state)
{
    char out[20];
    time_t t = 123;
    (void)state;
    assert_int_equal(at("1970-01-01 00:00:00"), 0);
    assert_int_equal(at("2026-03-01 00:00:00"), 1772323200);
    assert_int_equal(at("2000-02-29 23:59:59"), 951868799);
    assert_string_equal(pc_clock_text(1772323200, out), "2026-03-01 00:00:00");
    assert_string_equal(pc_clock_text(951868799, out), "2000-02-29 23:59:59");
    assert_string_equal(pc_clock_text(-1, out), "1969-12-31 23:59:59");
    assert_string_equal(pc_clock_text(at("9999-12-31 23:59:59"), out), "9999-12-31 23:59:59");
    /* exactly the shape, a real date and time; *t untouched otherwise */
    static const char *const bad[] = {"2026-02-29 00:00:00",
                                      "2100-02-29 00:00:00",
                                      "2026-04-31 00:00:00",
                                      "2026-13-01 00:00:00",
                                      "2026-00-10 00:00:00",
                                      "2026-01-00 00:00:00",
                                      "2026-01-01 24:00:00",
                                      "2026-01-01 23:60:00",
                                      "2026-01-01 23:59:60",
                                      "2026-01-01T00:00:00",
                                      "2026-01-01 00:00:00Z",
                                      "2026-01-01 00:00",
                                      "2026-1-01 00:00:00",
                                      " 2026-01-01 00:00:0",
                                      "2026-01-01 0a:00:00",
                                      "",
                                      "garbage"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (pc_clock_parse(bad[i], &t) == 0)
            fail_msg("\"%s\" accepted", bad[i]);
        assert_int_equal(t, 123);
    }
    assert_int_equal(pc_clock_parse(NULL, &t), -1);
}

static void test_parse_iso(void **state)
{
    time_t t = 0;
    (void)state;
    assert_int_equal(pc_clock_parse_iso("2024-02-29T16:00:00Z", &t), 0);
    assert_int_equal(t, at("2024-02-29 16:00:00"));
    assert_int_equal(pc_clock_parse_iso("2026-02-29T00:00:00Z", &t), -1);
    assert_int_equal(pc_clock_parse_iso("2026-01-01 00:00:00Z", &t), -1);
    assert_int_equal(pc_clock_parse_iso("2026-01-01T00:00:00", &t), -1);
    assert_int_equal(pc_clock_parse_iso("1969-12-31T23:59:59Z", &t), -1);
}

static void test_now_fixed_and_released(void **state)
{
    char out[20];
    (void)state;
    time_t before = time(NULL);
    assert_true(pc_clock_now() >= before && pc_clock_now() <= time(NULL));
    assert_int_equal(pc_clock_set("2030-01-31 16:00:00"), 0);
    assert_int_equal(pc_clock_now(), at("2030-01-31 16:00:00"));
    assert_string_equal(pc_clock_now_text(out), "2030-01-31 16:00:00");
    /* the local day and cycle of that moment: already Feb 1st in GMT+08:00 */
    assert_string_equal(pc_clock_today(out), "2030-02-01");
    assert_int_equal(pc_clock_cycle_now(), 203002);
    /* a bad time changes nothing (pc-worker: --now refused) */
    assert_int_equal(pc_clock_set("2030-02-30 00:00:00"), -1);
    assert_int_equal(pc_clock_set("1969-12-31 23:59:59"), -1);
    assert_int_equal(pc_clock_set("2030-01-01"), -1);
    assert_string_equal(pc_clock_now_text(out), "2030-01-31 16:00:00");
    assert_int_equal(pc_clock_set(NULL), 0);
    assert_true(pc_clock_now() >= before);
}

static void test_zone(void **state)
{
    long o = 0;
    (void)state;
    assert_string_equal(pc_clock_zone(), "+08:00");
    assert_int_equal(pc_clock_zone_offset(), 8 * 3600);
    assert_int_equal(pc_clock_zone_parse("-05:30", &o), 0);
    assert_int_equal(o, -(5 * 3600 + 30 * 60));
    assert_int_equal(pc_clock_zone_parse("+8:00", &o), 0);
    assert_int_equal(o, 8 * 3600);
    assert_int_equal(pc_clock_zone_parse("+14:00", &o), 0);
    assert_int_equal(pc_clock_zone_parse("-00:00", &o), 0);
    assert_int_equal(o, 0);
    static const char *const bad[] = {"08:00",         "+0800", "+08",     "+14:01",
                                      "+08:60",        "+08:0", "+008:00", "UTC",
                                      "Asia/Shanghai", "",      "+08:00 "};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (pc_clock_zone_parse(bad[i], &o) == 0)
            fail_msg("zone \"%s\" accepted", bad[i]);
    assert_int_equal(pc_clock_set_zone("Asia/Shanghai"), -1);
    assert_string_equal(pc_clock_zone(), "+08:00"); /* unchanged */
    /* the zone is written back as +HH:MM for MariaDB */
    assert_int_equal(pc_clock_set_zone("+5:45"), 0);
    assert_string_equal(pc_clock_zone(), "+05:45");
    assert_int_equal(pc_clock_set_zone("-03:00"), 0);
    assert_string_equal(pc_clock_zone(), "-03:00");
    assert_int_equal(pc_clock_zone_offset(), -3 * 3600);
}

static void test_zone_from_config(void **state)
{
    (void)state;
    pc_conf_set("Billing.timezone", "-05:30");
    assert_int_equal(pc_clock_zone_offset(), -(5 * 3600 + 30 * 60));
    pc_conf_set("Billing.timezone", "+08:00");
    assert_string_equal(pc_clock_zone(), "+08:00");
}

static void test_gmt8_day_boundary(void **state)
{
    char out[20];
    struct tm tm;
    (void)state;
    /* 16:00 UTC is local midnight: 15:59:59 is still the day before */
    assert_string_equal(pc_clock_local_date(at("2026-03-09 15:59:59"), out), "2026-03-09");
    assert_string_equal(pc_clock_local_date(at("2026-03-09 16:00:00"), out), "2026-03-10");
    assert_int_equal(pc_clock_local_date_of("2026-03-09 16:00:00", out), 0);
    assert_string_equal(out, "2026-03-10");
    assert_int_equal(pc_clock_local_date_of("2026-03-09", out), -1);
    assert_string_equal(out, "");
    assert_string_equal(pc_clock_day_start("2026-03-10", 0, out), "2026-03-09 16:00:00");
    assert_string_equal(pc_clock_day_start("2026-03-10", 1, out), "2026-03-10 16:00:00");
    assert_string_equal(pc_clock_day_start("2026-03-10", -10, out), "2026-02-27 16:00:00");
    assert_string_equal(pc_clock_day_end("2026-03-10", out), "2026-03-10 15:59:59");
    assert_string_equal(pc_clock_day_end("2026-02-30", out), "2026-02-30");
    assert_string_equal(pc_clock_utc_of_local("2027-01-01 07:59:59", out), "2026-12-31 23:59:59");
    assert_string_equal(pc_clock_utc_of_local("not a time", out), "not a time");
    time_t t = 0;
    assert_int_equal(pc_clock_parse_local("2026-01-01 00:00:00", &t), 0);
    assert_int_equal(t, at("2025-12-31 16:00:00"));
    pc_clock_local_tm(at("2026-03-06 16:00:00"), &tm); /* Friday 16:00 UTC is Saturday there */
    assert_int_equal(tm.tm_wday, 6);
    assert_int_equal(tm.tm_hour, 0);
    /* the year turns at 16:00 UTC on December 31st */
    assert_int_equal(pc_clock_cycle_of(at("2026-12-31 15:59:59")), 202612);
    assert_int_equal(pc_clock_cycle_of(at("2026-12-31 16:00:00")), 202701);
    assert_int_equal(pc_clock_cycle_at("2026-12-31 16:00:00"), 202701);
    assert_int_equal(pc_clock_cycle_at("2026-12-31"), 0);
}

static void test_other_zones(void **state)
{
    char out[20];
    (void)state;
    assert_int_equal(pc_clock_set_zone("-05:30"), 0);
    assert_string_equal(pc_clock_local_date(at("2027-01-01 05:29:59"), out), "2026-12-31");
    assert_string_equal(pc_clock_local_date(at("2027-01-01 05:30:00"), out), "2027-01-01");
    assert_string_equal(pc_clock_cycle_start(202701, out), "2027-01-01 05:30:00");
    assert_string_equal(pc_clock_day_start("1970-01-01", 0, out), "1970-01-01 05:30:00");
    assert_int_equal(pc_clock_set_zone("+00:00"), 0);
    assert_string_equal(pc_clock_cycle_end(202602, out), "2026-02-28 23:59:59");
    /* before 1970 in the zone: local midnight of 1970-01-01 east of UTC */
    assert_int_equal(pc_clock_set_zone("+08:00"), 0);
    assert_string_equal(pc_clock_day_start("1970-01-01", 0, out), "1969-12-31 16:00:00");
    assert_string_equal(pc_clock_local_date(-1, out), "1970-01-01");
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        assert_int_equal(pc_clock_days_in_month(2026, m), days[m - 1]);
    assert_int_equal(pc_clock_days_in_month(2024, 2), 29); /* divisible by 4 */
    assert_int_equal(pc_clock_days_in_month(2100, 2), 28); /* by 100 */
    assert_int_equal(pc_clock_days_in_month(2000, 2), 29); /* by 400 */
    assert_int_equal(pc_clock_days_in_month(2026, 0), 0);
    assert_int_equal(pc_clock_days_in_month(2026, 13), 0);
}

static void test_dates(void **state)
{
    char out[11];
    int ymd = 7;
    (void)state;
    assert_int_equal(pc_clock_date_parse("2024-02-29", &ymd), 0);
    assert_int_equal(ymd, 20240229);
    assert_int_equal(pc_clock_date_parse("1970-01-01", &ymd), 0);
    assert_int_equal(ymd, 19700101);
    ymd = 7;
    static const char *const bad[] = {"2023-02-29", "2100-02-29",  "2023-04-31", "2023-01-00",
                                      "2023-13-01", "1969-12-31",  "2023-1-01",  "2023/01/01",
                                      "20230101",   "2023-01-011", "",           "2023-01-1x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (pc_clock_date_parse(bad[i], &ymd) == 0)
            fail_msg("date \"%s\" accepted", bad[i]);
    assert_int_equal(ymd, 7);
    /* days: month ends, leap days, year ends, both ways */
    assert_string_equal(pc_clock_date_add("2024-02-28", 1, out), "2024-02-29");
    assert_string_equal(pc_clock_date_add("2023-02-28", 1, out), "2023-03-01");
    assert_string_equal(pc_clock_date_add("2026-12-31", 1, out), "2027-01-01");
    assert_string_equal(pc_clock_date_add("2027-01-01", -1, out), "2026-12-31");
    assert_string_equal(pc_clock_date_add("2026-03-01", -366, out), "2025-02-28");
    assert_string_equal(pc_clock_date_add("2026-03-31", -30, out), "2026-03-01");
    assert_string_equal(pc_clock_date_add("bad", 1, out), "bad");
    /* months: the day kept within the month reached */
    assert_string_equal(pc_clock_date_add_months("2026-01-31", 1, out), "2026-02-28");
    assert_string_equal(pc_clock_date_add_months("2024-01-31", 1, out), "2024-02-29");
    assert_string_equal(pc_clock_date_add_months("2026-03-31", -1, out), "2026-02-28");
    assert_string_equal(pc_clock_date_add_months("2026-12-15", 1, out), "2027-01-15");
    assert_string_equal(pc_clock_date_add_months("2026-03-15", -12, out), "2025-03-15");
    assert_string_equal(pc_clock_date_add_months("2024-02-29", -24, out), "2022-02-28");
    assert_string_equal(pc_clock_date_add_months("2026-01-10", -13, out), "2024-12-10");
    /* days between */
    assert_int_equal(pc_clock_days_between("2026-02-01", "2026-03-01"), 28);
    assert_int_equal(pc_clock_days_between("2024-02-01", "2024-03-01"), 29);
    assert_int_equal(pc_clock_days_between("2026-01-01", "2025-01-01"), -365);
    assert_int_equal(pc_clock_days_between("2025-03-11", "2026-03-11"), 365);
    assert_int_equal(pc_clock_days_between("2026-02-30", "2026-03-01"), 0);
}

static void test_cycles(void **state)
{
    char out[20];
    (void)state;
    assert_int_equal(pc_clock_cycle_add(202612, 1), 202701);
    assert_int_equal(pc_clock_cycle_add(202701, -1), 202612);
    assert_int_equal(pc_clock_cycle_add(202603, -18), 202409);
    assert_int_equal(pc_clock_cycle_add(202603, -36), 202303);
    assert_int_equal(pc_clock_cycle_add(202601, 24), 202801);
    assert_int_equal(pc_clock_cycle_add(202605, 0), 202605);
    assert_int_equal(pc_clock_cycle_months(202511, 202602), 3);
    assert_int_equal(pc_clock_cycle_months(202602, 202511), -3);
    assert_int_equal(pc_clock_cycle_months(202601, 202612), 11);
    assert_int_equal(pc_clock_cycle_days(202402), 29);
    assert_int_equal(pc_clock_cycle_days(210002), 28);
    assert_int_equal(pc_clock_cycle_days(202604), 30);
    assert_int_equal(pc_clock_cycle_days(202613), 0);
    assert_string_equal(pc_clock_cycle_format(202603, out), "2026-03");
    assert_string_equal(pc_clock_cycle_format(0, out), "0000-00");
    assert_string_equal(pc_clock_cycle_first_day(202402, out), "2024-02-01");
    assert_string_equal(pc_clock_cycle_last_day(202402, out), "2024-02-29");
    assert_string_equal(pc_clock_cycle_last_day(202302, out), "2023-02-28");
    assert_string_equal(pc_clock_cycle_last_day(202612, out), "2026-12-31");
    assert_int_equal(pc_clock_cycle_of_date("2026-12-31"), 202612);
    assert_int_equal(pc_clock_cycle_of_date("2026-12"), 0);
    assert_int_equal(pc_clock_cycle_of_date("2026-02-30"), 0);
    /* the instants of a cycle: local midnight of the 1st (16:00 UTC the day before) to the
       last second of the last day */
    assert_string_equal(pc_clock_cycle_start(202603, out), "2026-02-28 16:00:00");
    assert_string_equal(pc_clock_cycle_end(202603, out), "2026-03-31 15:59:59");
    assert_string_equal(pc_clock_cycle_start(202701, out), "2026-12-31 16:00:00");
    assert_string_equal(pc_clock_cycle_end(202612, out), "2026-12-31 15:59:59");
    assert_string_equal(pc_clock_cycle_end(202402, out), "2024-02-29 15:59:59");
    pc_arena a = {0};
    assert_string_equal(pc_clock_cycle_text(&a, 197001), "1970-01");
    pc_arena_reset(&a);
}

static void test_cycle_parse(void **state)
{
    int c = 7;
    (void)state;
    assert_int_equal(pc_clock_cycle_parse("2026-03", &c), 0);
    assert_int_equal(c, 202603);
    assert_int_equal(pc_clock_cycle_parse("1970-01", &c), 0);
    assert_int_equal(c, 197001);
    assert_int_equal(pc_clock_cycle_parse("9999-12", &c), 0);
    c = 7;
    static const char *const bad[] = {"2026-13",  "2026-00",  "1969-12",    "2026-3",
                                      "2026/03",  "202603",   "2026-03-01", "2026-0a",
                                      " 2026-03", "2026-03 ", "",           "YYYY-MM"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (pc_clock_cycle_parse(bad[i], &c) == 0)
            fail_msg("cycle \"%s\" accepted", bad[i]);
    assert_int_equal(pc_clock_cycle_parse(NULL, &c), -1);
    assert_int_equal(c, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_parse_and_text, reset),
        cmocka_unit_test_setup(test_parse_iso, reset),
        cmocka_unit_test_setup(test_now_fixed_and_released, reset),
        cmocka_unit_test_setup(test_zone, reset),
        cmocka_unit_test_setup(test_zone_from_config, reset),
        cmocka_unit_test_setup(test_gmt8_day_boundary, reset),
        cmocka_unit_test_setup(test_other_zones, reset),
        cmocka_unit_test_setup(test_days_in_month, reset),
        cmocka_unit_test_setup(test_dates, reset),
        cmocka_unit_test_setup(test_cycles, reset),
        cmocka_unit_test_setup(test_cycle_parse, reset),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
