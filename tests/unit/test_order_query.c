/* Unit tests of lib/query/order_query.c: the order time range rules, the keyset, the stored query
 * string and the statement composed of the filters set (no database needed). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/conf.h"
#include "query/order_query.h"

/* 2026-03-10 20:00:00 UTC = 2026-03-11 04:00 in GMT+08:00 */
#define NOW ((time_t)1773172800)

static pc_arena arena;

static int read_q(const char *qs, int distributor, pc_order_query *q)
{
    pc_params p;
    memset(&p, 0, sizeof p);
    assert_int_equal(pc_req_parse_urlencoded(&arena, qs, strlen(qs), &p), 0);
    return pc_order_query_read(&arena, &p, distributor, NOW, q);
}

static void test_default_range(void **state)
{
    pc_order_query q;
    (void)state;
    assert_int_equal(read_q("", 0, &q), 0);
    assert_string_equal(q.from, "2026-02-09");
    assert_string_equal(q.to, "2026-03-11");
    assert_string_equal(q.from_utc, "2026-02-08 16:00:00");
    assert_string_equal(q.to_utc, "2026-03-11 16:00:00"); /* the end of the local day "to" */
    assert_string_equal(pc_order_query_string(&arena, &q), "from=2026-02-09&to=2026-03-11&");
}

static void test_range_limits(void **state)
{
    pc_order_query q;
    (void)state;
    assert_int_equal(read_q("from=2025-03-10&to=2026-03-11", 0, &q), 0); /* 366 days */
    assert_int_equal(read_q("from=2025-03-09&to=2026-03-11", 0, &q), 1);
    assert_string_equal(q.error[PC_OF_TO], "cust.ord.err.range_long");
    assert_int_equal(read_q("from=2026-03-02&to=2026-03-01", 0, &q), 1);
    assert_string_equal(q.error[PC_OF_TO], "cust.ord.err.range_order");
    assert_int_equal(read_q("from=2026-03-01&to=2026-03-01", 0, &q), 0); /* one day */
    assert_string_equal(q.to_utc, "2026-03-01 16:00:00");
    /* only "to": the 30 days before it */
    assert_int_equal(read_q("to=2026-01-31", 0, &q), 0);
    assert_string_equal(q.from, "2026-01-01");
    assert_int_equal(read_q("from=2026-02-30", 0, &q), 1);
    assert_string_equal(q.error[PC_OF_FROM], "err.date");
    assert_int_equal(read_q("type=gift&status=paid", 0, &q), 2);
    assert_string_equal(q.error[PC_OF_TYPE], "err.choice");
}

static void test_after(void **state)
{
    pc_order_query q;
    (void)state;
    assert_int_equal(read_q("after=20260301120005_42", 0, &q), 0);
    assert_true(q.has_after);
    assert_string_equal(q.after_at, "2026-03-01 12:00:05");
    assert_int_equal(q.after_id, 42);
    assert_int_equal(read_q("after=17", 0, &q), 0);
    assert_string_equal(q.after_at, "");
    assert_int_equal(q.after_id, 17);
    assert_int_equal(read_q("after=x_y", 0, &q), 1);
    assert_int_equal(read_q("after=-5", 0, &q), 1);
    assert_false(q.has_after);
}

static void test_query_string(void **state)
{
    pc_order_query q;
    (void)state;
    assert_int_equal(
        read_q("type=renewal&name=a+b%26c&after=5&from=2026-03-01&customer_id=7", 0, &q), 0);
    assert_string_equal(pc_order_query_string(&arena, &q),
                        "from=2026-03-01&to=2026-03-11&customer_id=7&name=a%20b%26c&type=renewal&");
    /* a distributor's list is its own customers' unless asked for the resellers' */
    assert_int_equal(read_q("", 1, &q), 0);
    assert_string_equal(pc_order_query_string(&arena, &q),
                        "from=2026-02-09&to=2026-03-11&tab=own&");
    assert_int_equal(read_q("tab=resellers", 1, &q), 0);
    assert_int_equal(q.f[PC_OF_TAB].i, 1);
    /* a partner without resellers has no such tab */
    assert_int_equal(read_q("tab=resellers", 0, &q), 0);
    assert_false(q.f[PC_OF_TAB].present);
}

static void test_build(void **state)
{
    pc_order_query q;
    pc_sql_build b;
    pc_scope s = {.partner_id = 5};
    (void)state;
    /* no filter: the columns with the range, the partner, the order */
    assert_int_equal(read_q("", 0, &q), 0);
    pc_order_query_build(&q, PC_ORDER_LIST, &s, 5, 1, &b);
    assert_int_equal(b.nparts, 3);
    assert_int_equal(b.nbinds, 3);
    assert_non_null(strstr(b.part[2], "LIMIT 51"));
    /* an account manager, a name and a keyset: one fragment each */
    s.assigned_to = 9;
    assert_int_equal(read_q("name=50%25&after=20260301120005_42&status=completed", 0, &q), 0);
    pc_order_query_build(&q, PC_ORDER_LIST, &s, 5, 1, &b);
    assert_int_equal(b.nparts, 7);
    assert_string_equal(b.bind[5].s,
                        "%50\\%%"); /* the name matched as a substring, % taken literally */
    assert_string_equal(b.bind[7].s, "2026-03-01 12:00:05");
    assert_int_equal(b.bind[9].i, 42);
    /* an export reads every row: no keyset, no LIMIT */
    pc_order_query_build(&q, PC_ORDER_RESOURCES, &s, 5, 0, &b);
    assert_int_equal(b.nparts, 6);
    assert_null(strstr(b.part[5], "LIMIT"));
    assert_non_null(strstr(b.part[0], "FROM resources r"));
}

static void test_export(void **state)
{
    pc_order_query q;
    pc_sql_build b, n;
    pc_scope s = {.partner_id = 5, .assigned_to = 9};
    (void)state;
    /* the file's columns: the own partner (reseller column) bound before the range */
    assert_int_equal(read_q("status=completed", 0, &q), 0);
    pc_order_query_export(&q, PC_ORDER_LIST, &s, 5, &b);
    assert_int_equal(b.bind[0].i, 5);
    assert_string_equal(b.bind[1].s, q.from_utc);
    assert_string_equal(b.bind[2].s, q.to_utc);
    assert_null(strstr(b.part[b.nparts - 1], "LIMIT"));
    assert_non_null(strstr(b.part[b.nparts - 1], "ORDER BY o.ordered_at DESC, o.id DESC"));
    /* its count: the fragments after the head but ORDER BY, the binds but the first */
    pc_order_query_count(&q, PC_ORDER_LIST, &s, 5, &n);
    assert_non_null(strstr(n.part[0], "SELECT COUNT(*) FROM orders o"));
    assert_int_equal(n.nparts, b.nparts - 1);
    assert_int_equal(n.nbinds, b.nbinds - 1);
    for (size_t i = 1; i < n.nparts; i++)
        assert_ptr_equal(n.part[i], b.part[i]);
    pc_order_query_export(&q, PC_ORDER_RESOURCES, &s, 5, &b);
    assert_non_null(strstr(b.part[0], "FROM resources r"));
    assert_non_null(strstr(b.part[b.nparts - 1], "ORDER BY r.id DESC"));
}

static void test_api_offset(void **state)
{
    pc_order_query q;
    pc_sql_build b, n;
    pc_scope s = {.partner_id = 5};
    (void)state;
    /* the API's query: every order time, the acting partner's tab, two statuses, offset paging */
    pc_order_query_all(&q);
    assert_string_equal(q.from_utc, "1970-01-01 00:00:00");
    q.f[PC_OF_TAB] = (pc_value){.s = "own", .i = 0, .present = 1};
    q.f[PC_OF_STATUS] = (pc_value){.s = "completed", .present = 1};
    q.status_also = "unsubscribed";
    q.paid_from_utc = "2026-01-01 00:00:00";
    pc_order_query_offset(&q, PC_ORDER_LIST, &s, 7, 1, 20, 10, &b);
    assert_non_null(strstr(b.part[b.nparts - 1], "ORDER BY o.ordered_at, o.id LIMIT ? OFFSET ?"));
    assert_int_equal(b.bind[b.nbinds - 2].i, 10);
    assert_int_equal(b.bind[b.nbinds - 1].i, 20);
    assert_int_equal(b.bind[3].i, 7); /* the tab: c.partner_id = the acting partner */
    assert_string_equal(b.bind[4].s, "completed");
    assert_string_equal(b.bind[5].s, "unsubscribed");
    assert_string_equal(b.bind[6].s, "2026-01-01 00:00:00");
    /* the count has the same conditions */
    pc_order_query_count(&q, PC_ORDER_LIST, &s, 7, &n);
    assert_int_equal(n.nbinds, b.nbinds - 2);
    /* a filter nothing can match */
    q.none = 1;
    pc_order_query_offset(&q, PC_ORDER_RESOURCES, &s, 7, 0, 0, 10, &b);
    assert_non_null(strstr(b.part[b.nparts - 2], "1 = 0"));
    assert_non_null(strstr(b.part[b.nparts - 1], "ORDER BY r.id DESC LIMIT ? OFFSET ?"));
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
        cmocka_unit_test_teardown(test_default_range, teardown),
        cmocka_unit_test_teardown(test_range_limits, teardown),
        cmocka_unit_test_teardown(test_after, teardown),
        cmocka_unit_test_teardown(test_query_string, teardown),
        cmocka_unit_test_teardown(test_build, teardown),
        cmocka_unit_test_teardown(test_export, teardown),
        cmocka_unit_test_teardown(test_api_offset, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
