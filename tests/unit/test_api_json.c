/*
 * Unit tests of the API's JSON in and out (cgi-bin/api_output.c, api_input.c):
 * exact decimals through jansson in both directions, the typed getters and
 * their 400 CBC.0100 naming the field.  The two program files are compiled in
 * here (the unit tests link the library only); no database is touched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi-bin/api_input.c"
#include "../../cgi-bin/api_output.c"

/* A POST request with `body` parsed as pc-api parses it; 0 or the 400 answered. */
static int post(pc_api *a, const char *body)
{
    memset(a, 0, sizeof *a);
    a->method = "POST";
    a->request_id = "test-1";
    a->body = body;
    a->body_len = strlen(body);
    a->out = json_object();
    return api_parse_body(a);
}

static void done(pc_api *a)
{
    json_decref(a->out);
    json_decref(a->json);
    pc_arena_reset(&a->arena);
}

/* The error message answered, "" when none. */
static const char *msg(pc_api *a)
{
    const char *m = json_string_value(json_object_get(a->out, "error_msg"));
    return m ? m : "";
}

static int setup(void **state)
{
    (void)state;
    api_marker_init();
    return 0;
}

static void test_money_out(void **state)
{
    (void)state;
    json_t *o = json_object(), *v = json_array();
    json_array_append_new(v, pc_api_money(INT64_C(1250000000), 8));
    json_array_append_new(v, pc_api_money(0, 8));
    json_array_append_new(v, pc_api_money(-1, 8));
    json_array_append_new(v, pc_api_money(123456, 2));
    json_array_append_new(v, pc_api_money(INT64_C(-123456789012), 8));
    json_array_append_new(v, pc_api_money(100, 2));
    json_array_append_new(v, pc_api_money(10, 2));
    /* long amounts whole (they were cut to 14 characters; found by tests/fuzz/fuzz_api_json.c) */
    json_array_append_new(v, pc_api_money(INT64_C(1234567812345678), 8));
    json_array_append_new(v, pc_api_money(INT64_MIN, 8));
    json_array_append_new(v, pc_api_money(INT64_MAX, 0));
    json_object_set_new(o, "m", v);
    json_object_set_new(o, "id", pc_api_id(1042));
    json_object_set_new(o, "t", pc_api_time("2024-05-06 08:05:01"));
    assert_null(pc_api_time(""));
    char *text = api_dump(o);
    assert_string_equal(text,
                        "{\"m\":[12.5,0,-0.00000001,1234.56,-1234.56789012,1,0.1,12345678.12345678,"
                        "-92233720368.54775808,9223372036854775807],"
                        "\"id\":\"1042\",\"t\":\"2024-05-06T08:05:01Z\"}");
    free(text);
    json_decref(o);
}

static void test_decimals_in(void **state)
{
    (void)state;
    pc_api a;
    int64_t v = 0;
    assert_int_equal(post(&a, "{\"amount\": 1234.56, \"n\": 10, \"neg\": -0.01, \"e\": 1e2, "
                              "\"s\": \"12.5\", \"deep\": {\"x\": [0.1, 2.25]}}"),
                     0);
    assert_int_equal(pc_api_decimal(&a, "amount", 1, 2, &v), 1);
    assert_int_equal(v, 123456);
    assert_int_equal(pc_api_decimal(&a, "n", 1, 2, &v), 1);
    assert_int_equal(v, 1000);
    assert_int_equal(pc_api_decimal(&a, "neg", 1, 8, &v), 1);
    assert_int_equal(v, -1000000);
    assert_int_equal(pc_api_decimal(&a, "absent", 0, 2, &v), 0);
    assert_int_equal(pc_api_decimal(&a, "absent", 1, 2, &v), -1);
    assert_non_null(strstr(msg(&a), "absent"));
    /* too many decimals, an exponent, a string: refused naming the field */
    assert_int_equal(pc_api_decimal(&a, "amount", 1, 1, &v), -1);
    assert_non_null(strstr(msg(&a), "amount"));
    assert_int_equal(a.status, 400);
    assert_int_equal(pc_api_decimal(&a, "e", 1, 2, &v), -1);
    assert_int_equal(pc_api_decimal(&a, "s", 1, 2, &v), -1);
    assert_non_null(strstr(msg(&a), "s must be a number"));
    /* a decimal is no integer and no string */
    int64_t i = 0;
    const char *s = NULL;
    assert_int_equal(pc_api_int(&a, "amount", 1, 0, 100000, &i), -1);
    assert_int_equal(pc_api_string(&a, "amount", 1, 64, &s), -1);
    assert_int_equal(pc_api_int(&a, "n", 1, 0, 100, &i), 1);
    assert_int_equal(i, 10);
    done(&a);
}

static void test_no_forged_marker(void **state)
{
    (void)state;
    pc_api a;
    int64_t v = 0;
    /* a string that looks like the wrapping (control character, hex) stays a string */
    char body[200];
    snprintf(body, sizeof body, "{\"s\": \"\\u0001%.32s1\"}", "0123456789abcdef0123456789abcdef");
    assert_int_equal(post(&a, body), 0);
    assert_int_equal(pc_api_decimal(&a, "s", 1, 2, &v), -1);
    json_object_set(a.out, "echo", json_object_get(a.json, "s"));
    char *text = api_dump(a.out);
    assert_non_null(strstr(text, "\"echo\":\"\\u0001"));
    free(text);
    done(&a);
    /* numbers inside strings are left alone, malformed numbers refused */
    assert_int_equal(post(&a, "{\"s\": \"1.5 and 2e3\"}"), 0);
    const char *s = NULL;
    assert_int_equal(pc_api_string(&a, "s", 1, 64, &s), 1);
    assert_string_equal(s, "1.5 and 2e3");
    done(&a);
    assert_int_equal(post(&a, "{\"x\": 1.}"), 400);
    done(&a);
    assert_int_equal(post(&a, "{\"x\": 01.5}"), 400);
    done(&a);
    assert_int_equal(post(&a, "[1.5]"), 400);
    assert_non_null(strstr(msg(&a), "one JSON object"));
    done(&a);
    /* a bare decimal where a key goes is no JSON (it was let in wrapped as a key; found by
     * tests/fuzz/fuzz_api_json.c) */
    assert_int_equal(post(&a, "{\"a\": 1, 2.5: 3}"), 400);
    done(&a);
    assert_int_equal(post(&a, "{\"a\": {1e3: true}}"), 400);
    done(&a);
}

static void test_getters(void **state)
{
    (void)state;
    pc_api a;
    const char *s = NULL, **list = NULL;
    size_t n = 0;
    int b = 0;
    int64_t off = -1, lim = -1;
    char t[20];
    assert_int_equal(post(&a,
                          "{\"name\": \"\\u6df1\\u5733\", \"long\": \"abcdef\", \"ids\": [\"1\", "
                          "\"2\"], \"bad_ids\": [\"1\", 2], \"flag\": true, \"null\": null, "
                          "\"limit\": 100, \"offset\": 40000001, \"at\": "
                          "\"2024-05-06T08:05:01Z\", \"bad_at\": \"2024-02-30T00:00:00Z\"}"),
                     0);
    assert_int_equal(pc_api_string(&a, "name", 1, 2, &s), 1); /* 2 characters, 6 bytes */
    assert_string_equal(s, "深圳");
    assert_int_equal(pc_api_string(&a, "long", 1, 5, &s), -1);
    assert_non_null(strstr(msg(&a), "long must be at most 5 characters"));
    assert_int_equal(pc_api_string(&a, "null", 0, 5, &s), 0);
    assert_int_equal(pc_api_strings(&a, "ids", 1, 10, 64, &list, &n), 1);
    assert_int_equal(n, 2);
    assert_string_equal(list[1], "2");
    assert_int_equal(pc_api_strings(&a, "ids", 1, 1, 64, &list, &n), -1);
    assert_int_equal(pc_api_strings(&a, "bad_ids", 1, 10, 64, &list, &n), -1);
    assert_non_null(strstr(msg(&a), "bad_ids"));
    assert_int_equal(pc_api_bool(&a, "flag", 1, &b), 1);
    assert_true(b);
    assert_int_equal(pc_api_bool(&a, "name", 1, &b), -1);
    assert_int_equal(pc_api_paging(&a, 100, &off, &lim), -1);
    assert_non_null(strstr(msg(&a), "offset"));
    assert_int_equal(pc_api_utc_time(&a, "at", 1, t), 1);
    assert_string_equal(t, "2024-05-06 08:05:01");
    assert_int_equal(pc_api_utc_time(&a, "bad_at", 1, t), -1);
    assert_non_null(strstr(msg(&a), "bad_at"));
    done(&a);
    assert_int_equal(post(&a, "{}"), 0);
    assert_int_equal(pc_api_paging(&a, 100, &off, &lim), 0);
    assert_int_equal(off, 0);
    assert_int_equal(lim, 10);
    done(&a);
}

static void test_query_getters(void **state)
{
    (void)state;
    pc_api a;
    memset(&a, 0, sizeof a);
    a.method = "GET";
    a.out = json_object();
    const char *qs = "limit=5&amount=12.34&flag=false&name=r%201%2F%C3%BC";
    assert_int_equal(pc_req_parse_urlencoded(&a.arena, qs, strlen(qs), &a.query), 0);
    int64_t v = 0;
    int b = 1;
    const char *s = NULL;
    assert_int_equal(pc_api_int(&a, "limit", 1, 1, 100, &v), 1);
    assert_int_equal(v, 5);
    assert_int_equal(pc_api_decimal(&a, "amount", 1, 2, &v), 1);
    assert_int_equal(v, 1234);
    assert_int_equal(pc_api_bool(&a, "flag", 1, &b), 1);
    assert_false(b);
    assert_int_equal(pc_api_string(&a, "name", 1, 64, &s), 1);
    assert_string_equal(s, "r 1/ü");
    assert_int_equal(pc_api_int(&a, "name", 1, 1, 100, &v), -1);
    done(&a);
}

/* Strings are valid UTF-8 by RFC 3629 and times real moments, or the answer is a 400 (found by
 * tests/fuzz/fuzz_api_query.c: an overlong form went through, and so did 2023-02-29 and an hour
 * of "-1", which reached SQL as "2024-05-06 -1:05:01"). */
static void test_query_strict(void **state)
{
    (void)state;
    pc_api a;
    memset(&a, 0, sizeof a);
    a.method = "GET";
    a.out = json_object();
    const char *qs =
        "ok=%E4%B8%AD%F0%9F%98%80&overlong=%E0%96%8C&overlong2=%C0%AF&surrogate=%ED%A0%80"
        "&high=%F4%90%80%80&f5=%F5%80%80%80&cut=%E4%B8"
        "&leap=2024-02-29T23%3A59%3A59Z&not_leap=2023-02-29T00%3A00%3A00Z"
        "&century=2100-02-29T00%3A00%3A00Z&minus=2024-05-06T-1%3A05%3A01Z"
        "&space=2024-05-06T%201%3A05%3A01Z&plus=%2B024-05-06T01%3A05%3A01Z"
        "&apr31=2024-04-31T00%3A00%3A00Z&early=1969-12-31T23%3A59%3A59Z";
    assert_int_equal(pc_req_parse_urlencoded(&a.arena, qs, strlen(qs), &a.query), 0);
    const char *s = NULL;
    char t[20];
    assert_int_equal(pc_api_string(&a, "ok", 1, 2, &s), 1);
    static const char *const not_utf8[] = {"overlong", "overlong2", "surrogate",
                                           "high",     "f5",        "cut"};
    for (size_t i = 0; i < sizeof not_utf8 / sizeof not_utf8[0]; i++) {
        assert_int_equal(pc_api_string(&a, not_utf8[i], 1, 64, &s), -1);
        assert_non_null(strstr(msg(&a), "is not valid UTF-8"));
    }
    assert_int_equal(pc_api_utc_time(&a, "leap", 1, t), 1);
    assert_string_equal(t, "2024-02-29 23:59:59");
    static const char *const not_times[] = {"not_leap", "century", "minus", "space",
                                            "plus",     "apr31",   "early"};
    for (size_t i = 0; i < sizeof not_times / sizeof not_times[0]; i++) {
        assert_int_equal(pc_api_utc_time(&a, not_times[i], 1, t), -1);
        assert_non_null(strstr(msg(&a), "must be a UTC time"));
        assert_int_equal(pc_api_utc_text(pc_params_get(&a.query, not_times[i]), t), -1);
    }
    done(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_out),        cmocka_unit_test(test_decimals_in),
        cmocka_unit_test(test_no_forged_marker), cmocka_unit_test(test_getters),
        cmocka_unit_test(test_query_getters),    cmocka_unit_test(test_query_strict),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
