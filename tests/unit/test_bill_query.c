/* Unit tests of lib/query/bill_query.c: the Export Bills range (at most 12 months, 9.4.1.4, 3c),
 * the details filters and their query string, and the statements composed of them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "query/bill_query.h"

static pc_arena arena;

static pc_params params(const char *q)
{
    pc_params p = {0};
    assert_int_equal(pc_req_parse_urlencoded(&arena, q, strlen(q), &p), 0);
    return p;
}

static const char *range_error(const char *q, pc_bill_range *r)
{
    pc_params p = params(q);
    pc_bill_range_parse(&p, r);
    return r->error;
}

static void test_range_twelve_months_at_most(void **state)
{
    (void)state;
    pc_bill_range r;
    assert_null(range_error("from=2025-11&to=2026-10", &r)); /* 12 months, over a year end */
    assert_int_equal(r.from, 202511);
    assert_int_equal(r.to, 202610);
    assert_string_equal(range_error("from=2025-10&to=2026-10", &r), "bills.err.range_long");
    assert_null(range_error("from=2026-10&to=2026-10", &r)); /* one month */
    assert_null(range_error("from=2026-01&to=2026-12", &r));
    assert_string_equal(range_error("from=2025-12&to=2026-12", &r), "bills.err.range_long");
}

static void test_range_refusals(void **state)
{
    (void)state;
    pc_bill_range r;
    assert_string_equal(range_error("from=2026-10&to=2026-09", &r), "bills.err.range_order");
    assert_string_equal(range_error("from=2026-13&to=2026-12", &r), "bills.err.range_month");
    assert_string_equal(range_error("from=2026-1&to=2026-12", &r), "bills.err.range_month");
    assert_string_equal(range_error("from=&to=2026-12", &r), "bills.err.range_missing");
    assert_string_equal(range_error("to=2026-12", &r), "bills.err.range_missing");
    assert_int_equal(pc_bill_range_parse(&(pc_params){0}, &r), -1);
}

static void test_range_query_string_round_trip(void **state)
{
    (void)state;
    pc_bill_range r, again;
    assert_null(range_error("to=2026-03&from=2025-04&format=csv", &r));
    const char *qs = pc_bill_range_query_string(&arena, &r);
    assert_string_equal(qs, "from=2025-04&to=2026-03");
    assert_null(range_error(qs, &again));
    assert_int_equal(again.from, r.from);
    assert_int_equal(again.to, r.to);
}

static void test_details_filters(void **state)
{
    (void)state;
    pc_bill_filters f;
    pc_params p = params("cycle=2026-09&customer=North%25wind&bill_type=refund");
    assert_int_equal(pc_bill_parse(&arena, &p, &f), 0);
    assert_int_equal(f.cycle, 202609);
    assert_string_equal(f.customer_like,
                        "%North\\%wind%"); /* the % is a character, not a wildcard */
    char *qs = pc_bill_query_string(&arena, &f);
    assert_string_equal(qs, "cycle=2026-09&customer=North%25wind&bill_type=refund");
    p = params("bill_type=gift&cycle=2026-00");
    assert_int_equal(pc_bill_parse(&arena, &p, &f), 2);
    assert_non_null(f.error[PC_BILL_F_CYCLE]);
    assert_non_null(f.error[PC_BILL_F_BILL_TYPE]);
    p = params("");
    assert_int_equal(pc_bill_parse(&arena, &p, &f), 0);
    assert_int_equal(f.cycle, 0); /* the page picks the newest bill */
    assert_null(f.customer_like);
}

static int has_part(const pc_sql_build *b, const char *needle)
{
    for (size_t i = 0; i < b->nparts; i++)
        if (strstr(b->part[i], needle))
            return 1;
    return 0;
}

static void test_statements_are_the_partners_own(void **state)
{
    (void)state;
    pc_bill_filters f;
    pc_params p = params("cycle=2026-09&product=elastic_cloud_server");
    assert_int_equal(pc_bill_parse(&arena, &p, &f), 0);
    pc_sql_build rows = {0}, file = {0}, count = {0};
    pc_bill_rows(&f, 7, &rows);
    pc_bill_export(&f, 7, &file);
    pc_bill_count(&f, 7, &count);
    for (const pc_sql_build *b = &rows; b; b = b == &rows ? &file : b == &file ? &count : NULL) {
        assert_true(has_part(b, "b.partner_id = ?"));
        assert_int_equal(b->bind[0].i, 7);
        assert_int_equal(b->bind[1].i, 202609);
        assert_true(has_part(b, "p.code = ?"));
        assert_false(has_part(b, "c.name LIKE"));
    }
    assert_true(has_part(&file, "ORDER BY bl.line_id DESC"));
    pc_bill_range r = {.from = 202601, .to = 202603};
    pc_sql_build bills = {0};
    pc_bill_range_export(&r, 9, &bills);
    assert_true(has_part(&bills, "b.partner_id = ?"));
    assert_int_equal(bills.bind[0].i, 9);
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
        cmocka_unit_test_teardown(test_range_twelve_months_at_most, teardown),
        cmocka_unit_test_teardown(test_range_refusals, teardown),
        cmocka_unit_test_teardown(test_range_query_string_round_trip, teardown),
        cmocka_unit_test_teardown(test_details_filters, teardown),
        cmocka_unit_test_teardown(test_statements_are_the_partners_own, teardown),
    };
    return cmocka_run_group_tests_name("bill_query", tests, NULL, NULL);
}
