/* Unit tests of lib/query/spend_query.c: the filters of the expenditure pages, the
 * billing-cycle windows, the D+2 rule of the summary, and the statements
 * composed of the filters that are set. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "query/spend_query.h"

static pc_arena arena;

/* UTC instant of a GMT+08:00 wall-clock time. */
static time_t beijing(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return timegm(&tm) - 8 * 3600;
}

static pc_params params(const char *q)
{
    pc_params p = {0};
    assert_int_equal(pc_req_parse_urlencoded(&arena, q, strlen(q), &p), 0);
    return p;
}

static int details(const char *q, time_t now, pc_spend_filters *f)
{
    pc_params p = params(q);
    return pc_spend_parse(&arena, &p, now, pc_spend_details_months("solution_provider"), f);
}

static void test_details_defaults(void **state)
{
    pc_spend_filters f;
    (void)state;
    /* 00:30 on Dec 1 in Beijing is still Nov 30 in UTC: the cycle is December */
    assert_int_equal(details("", beijing(2026, 12, 1, 0, 30), &f), 0);
    assert_int_equal(f.cycle, 202612);
    assert_int_equal(f.latest, 202612);
    assert_int_equal(f.earliest, 202506);
    assert_true(f.hide_zero);
    assert_string_equal(pc_spend_query_string(&arena, &f), "cycle=2026-12&amount=nonzero");
}

static void test_details_window(void **state)
{
    pc_spend_filters f;
    time_t now = beijing(2026, 11, 22, 12, 0);
    (void)state;
    assert_int_equal(details("cycle=2025-05", now, &f), 0); /* 18 months back */
    assert_int_equal(f.cycle, 202505);
    assert_int_equal(details("cycle=2025-04", now, &f), 1); /* 19 */
    assert_string_equal(f.error[PC_SPEND_F_CYCLE], "spend.err.cycle_range");
    assert_int_equal(details("cycle=2026-12", now, &f), 1); /* the future */
    assert_int_equal(details("cycle=2026-13", now, &f), 1);
    assert_string_equal(f.error[PC_SPEND_F_CYCLE], "err.month");
    /* a reseller goes back 36 months */
    pc_params p = params("cycle=2023-11");
    assert_int_equal(pc_spend_parse(&arena, &p, now, pc_spend_details_months("reseller"), &f), 0);
    assert_int_equal(f.earliest, 202311);
    p = params("cycle=2023-10");
    assert_int_equal(pc_spend_parse(&arena, &p, now, pc_spend_details_months("reseller"), &f), 1);
}

static void test_details_bad_filters(void **state)
{
    pc_spend_filters f;
    time_t now = beijing(2026, 11, 22, 12, 0);
    (void)state;
    assert_int_equal(details("amount=lots&assoc=x&mode=free&bill_type=gift&am=0", now, &f), 5);
    assert_string_equal(f.error[PC_SPEND_F_AMOUNT], "err.choice");
    assert_string_equal(f.error[PC_SPEND_F_AM], "err.id");
    assert_null(f.error[PC_SPEND_F_CYCLE]);
    assert_int_equal(details("amount=all", now, &f), 0);
    assert_false(f.hide_zero);
}

static void test_details_query_string_round_trip(void **state)
{
    pc_spend_filters f, g;
    time_t now = beijing(2026, 11, 22, 12, 0);
    (void)state;
    assert_int_equal(
        details("res_name=a%26b+c&name=%E8%93%9D%E6%B5%B7&cycle=2026-10&txn=CS-1", now, &f), 0);
    const char *qs = pc_spend_query_string(&arena, &f);
    assert_string_equal(
        qs, "cycle=2026-10&amount=nonzero&name=%E8%93%9D%E6%B5%B7&txn=CS-1&res_name=a%26b%20c");
    assert_int_equal(details(qs, now, &g), 0);
    assert_string_equal(g.f[PC_SPEND_F_NAME].s, "\xe8\x93\x9d\xe6\xb5\xb7");
    assert_string_equal(g.f[PC_SPEND_F_RES_NAME].s, "a&b c");
    assert_string_equal(g.res_name_like, "%a&b c%");
}

/* Count the '?' of the composed statement: they must equal the binds. */
static size_t marks(const pc_sql_build *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nparts; i++)
        for (const char *p = b->part[i]; *p; p++)
            n += *p == '?';
    return n;
}

static int has_part(const pc_sql_build *b, const char *needle)
{
    for (size_t i = 0; i < b->nparts; i++)
        if (strstr(b->part[i], needle))
            return 1;
    return 0;
}

static void test_details_composition(void **state)
{
    pc_spend_filters f;
    pc_scope manager = {.partner_id = 7, .assigned_to = 42},
             distributor = {.partner_id = 2, .include_resellers = 2};
    time_t now = beijing(2026, 11, 22, 12, 0);
    (void)state;
    /* nothing set: scope, cycle and hide-0 only */
    details("", now, &f);
    pc_sql_build b = {0};
    pc_spend_rows(&f, &manager, &b);
    assert_int_equal(marks(&b), b.nbinds);
    assert_true(has_part(&b, "l.partner_id = c.partner_id"));
    assert_true(has_part(&b, "c.account_manager_id = ?"));
    assert_true(has_part(&b, "l.amount_due <> 0"));
    assert_false(has_part(&b, "LIKE"));
    assert_int_equal(b.bind[0].i, 7);
    /* every filter set: one fragment each, binds in order */
    details("amount=all&name=a&account=b&am=3&assoc=referral&product=ecs&mode=pay_per_use&bill_"
            "type=refund&region=r"
            "&txn=t&res_name=n&res_id=i&customer=9",
            now, &f);
    pc_sql_build all = {0};
    pc_spend_totals(&f, &distributor, &all);
    assert_int_equal(marks(&all), all.nbinds);
    assert_false(has_part(&all, "amount_due <> 0"));
    assert_true(has_part(&all, "s.distributor_id = ?"));
    /* head, the lines' partner scope, the customer scope, the cycle, then the 12 filters */
    assert_int_equal(all.nparts, 1 + 1 + 1 + 1 + 12);
    assert_int_equal(all.bind[all.nbinds - 1].i, 9);
}

static void test_summary_last_day(void **state)
{
    char out[11];
    (void)state;
    /* 9.3.4.1 acceptance: the 9th is not shown at 23:59 on the 10th, and is at 00:00 on the 11th */
    assert_string_equal(pc_spend_summary_last_day(beijing(2025, 3, 10, 23, 59), out), "2025-03-08");
    assert_string_equal(pc_spend_summary_last_day(beijing(2025, 3, 11, 0, 0), out), "2025-03-09");
}

static int summary(const char *q, time_t now, pc_spend_summary_filters *f)
{
    pc_params p = params(q);
    return pc_spend_summary_parse(&arena, &p, now, f);
}

static void test_summary_days_and_window(void **state)
{
    pc_spend_summary_filters f;
    (void)state;
    /* the current month reads up to the day before yesterday */
    assert_int_equal(summary("", beijing(2025, 3, 11, 0, 0), &f), 0);
    assert_string_equal(f.from, "2025-03-01");
    assert_string_equal(f.to, "2025-03-10");
    /* a closed month reads to its end; early in the next month its last days are still pending */
    assert_int_equal(summary("cycle=2025-02", beijing(2025, 3, 11, 0, 0), &f), 0);
    assert_string_equal(f.to, "2025-03-01");
    assert_int_equal(summary("cycle=2025-02", beijing(2025, 3, 1, 12, 0), &f), 0);
    assert_string_equal(f.to, "2025-02-28");
    /* 36 months back, not 37 */
    assert_int_equal(summary("cycle=2022-03", beijing(2025, 3, 11, 0, 0), &f), 0);
    assert_int_equal(summary("cycle=2022-02", beijing(2025, 3, 11, 0, 0), &f), 1);
    assert_string_equal(f.error[PC_SPEND_S_CYCLE], "spend.err.cycle_range");
    assert_int_equal(summary("tab=refunds&assoc=reseller", beijing(2025, 3, 11, 0, 0), &f), 0);
    assert_true(f.refunds);
    assert_string_equal(pc_spend_summary_query_string(&arena, &f),
                        "cycle=2025-03&assoc=reseller&tab=refunds");
}

static void test_summary_spent_on(void **state)
{
    pc_spend_summary_filters f;
    time_t now = beijing(2025, 3, 11, 0, 0);
    (void)state;
    assert_int_equal(summary("cycle=2025-02&from=2025-02-10&to=2025-02-12", now, &f), 0);
    assert_string_equal(f.from, "2025-02-10");
    assert_string_equal(f.to, "2025-02-13");
    assert_int_equal(summary("cycle=2025-02&to=2025-02-28", now, &f), 0);
    assert_string_equal(f.to, "2025-03-01");
    /* a last day past what is visible reads only what is visible */
    assert_int_equal(summary("from=2025-03-02&to=2025-03-20", now, &f), 0);
    assert_string_equal(f.from, "2025-03-02");
    assert_string_equal(f.to, "2025-03-10");
    assert_int_equal(summary("cycle=2025-02&from=2025-03-01", now, &f), 1);
    assert_string_equal(f.error[PC_SPEND_S_FROM], "spend.err.day_in_cycle");
    assert_int_equal(summary("cycle=2025-02&to=2025-01-31", now, &f), 1);
    assert_string_equal(f.error[PC_SPEND_S_TO], "spend.err.day_in_cycle");
    assert_int_equal(summary("cycle=2025-02&from=2025-02-10&to=2025-02-09", now, &f), 1);
    assert_string_equal(f.error[PC_SPEND_S_TO], "spend.err.day_order");
    assert_int_equal(summary("from=2025-02-30", now, &f), 1);
    assert_string_equal(f.error[PC_SPEND_S_FROM], "err.date");
}

static void test_summary_composition(void **state)
{
    pc_spend_summary_filters f;
    pc_scope own = {.partner_id = 1};
    pc_spend_summary_key after = {5, 6, 2, 1};
    (void)state;
    summary("name=x&am=4&assoc=referral", beijing(2025, 3, 11, 0, 0), &f);
    pc_sql_build b = {0}, t = {0};
    pc_spend_summary_rows(&f, &own, &after, &b);
    pc_spend_summary_totals(&f, &own, &t);
    assert_int_equal(marks(&b), b.nbinds);
    assert_int_equal(marks(&t), t.nbinds);
    assert_true(has_part(&b, "d.bill_type <> 'refund'"));
    assert_true(has_part(&b, "GROUP BY"));
    assert_false(has_part(&t, "GROUP BY"));
    assert_int_equal(b.bind[b.nbinds - 4].i, 5);
}

static int teardown(void **state)
{
    (void)state;
    pc_arena_reset(&arena);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_details_defaults, teardown),
        cmocka_unit_test_teardown(test_details_window, teardown),
        cmocka_unit_test_teardown(test_details_bad_filters, teardown),
        cmocka_unit_test_teardown(test_details_query_string_round_trip, teardown),
        cmocka_unit_test_teardown(test_details_composition, teardown),
        cmocka_unit_test_teardown(test_summary_last_day, teardown),
        cmocka_unit_test_teardown(test_summary_days_and_window, teardown),
        cmocka_unit_test_teardown(test_summary_spent_on, teardown),
        cmocka_unit_test_teardown(test_summary_composition, teardown),
    };
    return cmocka_run_group_tests_name("spend", tests, NULL, NULL);
}
