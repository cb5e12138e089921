/* Unit tests of lib/base/req.c: urlencoded, cookie and multipart parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/req.h"

typedef struct fixture {
    pc_arena arena;
    pc_params params;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pc_arena_reset(&f->arena);
    free(f);
    return 0;
}

static int parse_url(fixture *f, const char *s)
{
    return pc_req_parse_urlencoded(&f->arena, s, strlen(s), &f->params);
}

static int parse_mp(fixture *f, const char *ct, const char *body, size_t len)
{
    return pc_req_parse_multipart(&f->arena, ct, body, len, &f->params);
}

/* ---- urlencoded ---- */

static void test_url_basic(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "a=1&b=x%20y&c=hello+world"), 0);
    assert_int_equal(f->params.n, 3);
    assert_string_equal(pc_params_get(&f->params, "a"), "1");
    assert_string_equal(pc_params_get(&f->params, "b"), "x y");
    assert_string_equal(pc_params_get(&f->params, "c"), "hello world");
    assert_int_equal(f->params.v[1].len, 3);
    assert_null(f->params.v[1].filename);
}

static void test_url_escapes(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "p=%2fa%2Fb&q=%41%62%2B&%E4%B8%AD=%e6%96%87&s=a;t=b"), 0);
    assert_string_equal(pc_params_get(&f->params, "p"), "/a/b");
    assert_string_equal(pc_params_get(&f->params, "q"), "Ab+");
    assert_string_equal(pc_params_get(&f->params, "\xe4\xb8\xad"), "\xe6\x96\x87");
    assert_string_equal(pc_params_get(&f->params, "s"), "a");
    assert_string_equal(pc_params_get(&f->params, "t"), "b");
}

static void test_url_bad_escapes(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "a=%G1"), -1);
    assert_int_equal(parse_url(f, "a=%1G"), -1);
    assert_int_equal(parse_url(f, "a=%4"), -1);
    assert_int_equal(parse_url(f, "a=%"), -1);
    assert_int_equal(parse_url(f, "a=x%00y"), -1);
    assert_int_equal(parse_url(f, "%00=1"), -1);
    assert_int_equal(parse_url(f, "%ZZ=1"), -1);
    assert_int_equal(f->params.n, 0);
}

static void test_url_keeps_params_before_fault(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "a=1&b=%G1&c=3"), -1);
    assert_int_equal(f->params.n, 1);
    assert_string_equal(pc_params_get(&f->params, "a"), "1");
    assert_null(pc_params_get(&f->params, "c"));
}

static void test_url_repeated_names(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "x=1&y=3&x=2&x="), 0);
    assert_int_equal(pc_params_count(&f->params, "x"), 3);
    assert_int_equal(pc_params_count(&f->params, "y"), 1);
    assert_int_equal(pc_params_count(&f->params, "z"), 0);
    assert_string_equal(pc_params_nth(&f->params, "x", 0), "1");
    assert_string_equal(pc_params_nth(&f->params, "x", 1), "2");
    assert_string_equal(pc_params_nth(&f->params, "x", 2), "");
    assert_null(pc_params_nth(&f->params, "x", 3));
    assert_string_equal(pc_params_get(&f->params, "x"), "1");
    assert_null(pc_params_get(&f->params, "z"));
}

static void test_url_empty_value_and_bare_name(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "empty=&flag&&last=1&"), 0);
    assert_int_equal(f->params.n, 3);
    assert_string_equal(pc_params_get(&f->params, "empty"), "");
    assert_int_equal(f->params.v[0].len, 0);
    assert_string_equal(pc_params_get(&f->params, "flag"), "");
    assert_string_equal(pc_params_get(&f->params, "last"), "1");
}

static void test_url_value_with_equals(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_url(f, "t=a=b"), 0);
    assert_string_equal(pc_params_get(&f->params, "t"), "a=b");
}

static void test_url_respects_len(void **state)
{
    fixture *f = *state;
    const char *s = "a=1&b=2";
    assert_int_equal(pc_req_parse_urlencoded(&f->arena, s, 3, &f->params), 0);
    assert_int_equal(f->params.n, 1);
    assert_null(pc_params_get(&f->params, "b"));
}

static void test_url_escape_cut_by_len(void **state)
{
    fixture *f = *state;
    const char *s = "a=%41";
    assert_int_equal(pc_req_parse_urlencoded(&f->arena, s, 4, &f->params), -1); /* "a=%4" */
    assert_int_equal(f->params.n, 0);
}

/* A body has a length, so it may hold a raw NUL: refused like %00, in a value or a name, or a
 * handler would see "csrf" in "csrf\0x=…" (found by tests/fuzz/fuzz_req.c). */
static void test_url_raw_nul(void **state)
{
    fixture *f = *state;
    static const char value[] = "a=1&b=x\0y&c=3", name[] = "tok\0en=1";
    assert_int_equal(pc_req_parse_urlencoded(&f->arena, value, sizeof value - 1, &f->params), -1);
    assert_int_equal(f->params.n, 1);
    assert_int_equal(pc_req_parse_urlencoded(&f->arena, name, sizeof name - 1, &f->params), -1);
    assert_int_equal(f->params.n, 1);
    assert_null(pc_params_get(&f->params, "tok"));
}

static char *many_params(size_t n)
{
    char *s = malloc(n * 8 + 1), *p = s;
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%sp=%zu", i ? "&" : "", i % 1000);
    return s;
}

static void test_url_max_params(void **state)
{
    fixture *f = *state;
    char *s = many_params(PC_REQ_MAX_PARAMS);
    assert_int_equal(parse_url(f, s), 0);
    assert_int_equal(pc_params_count(&f->params, "p"), PC_REQ_MAX_PARAMS);
    assert_string_equal(pc_params_nth(&f->params, "p", 511), "511");
    free(s);
}

static void test_url_too_many_params(void **state)
{
    fixture *f = *state;
    char *s = many_params(PC_REQ_MAX_PARAMS + 1);
    assert_int_equal(parse_url(f, s), -1);
    assert_int_equal(f->params.n, PC_REQ_MAX_PARAMS);
    free(s);
}

static void test_url_name_length(void **state)
{
    fixture *f = *state;
    char s[3 * PC_REQ_MAX_NAME + 16];
    memset(s, 'n', PC_REQ_MAX_NAME);
    strcpy(s + PC_REQ_MAX_NAME, "=1");
    assert_int_equal(parse_url(f, s), 0); /* 128 bytes: the longest name */
    memset(s, 'n', PC_REQ_MAX_NAME + 1);
    strcpy(s + PC_REQ_MAX_NAME + 1, "=1");
    assert_int_equal(parse_url(f, s), -1);
    assert_int_equal(f->params.n, 1);
}

static void test_url_escaped_name_length(void **state)
{
    fixture *f = *state;
    char s[3 * (PC_REQ_MAX_NAME + 1) + 16] = "";
    for (int i = 0; i < PC_REQ_MAX_NAME + 1; i++)
        strcat(s, "%41");
    strcat(s, "=1");
    assert_int_equal(parse_url(f, s), -1); /* 129 bytes once decoded */
    assert_int_equal(f->params.n, 0);
}

/* ---- cookies ---- */

static void test_cookies_basic(void **state)
{
    fixture *f = *state;
    assert_int_equal(pc_req_parse_cookies(&f->arena, "a=1; b=2", &f->params), 0);
    assert_int_equal(f->params.n, 2);
    assert_string_equal(pc_params_get(&f->params, "a"), "1");
    assert_string_equal(pc_params_get(&f->params, "b"), "2");
}

static void test_cookies_spaces(void **state)
{
    fixture *f = *state;
    assert_int_equal(
        pc_req_parse_cookies(&f->arena, "   sid=abc;theme=dark;  ;lang=zh", &f->params), 0);
    assert_int_equal(f->params.n, 3);
    assert_string_equal(pc_params_get(&f->params, "sid"), "abc");
    assert_string_equal(pc_params_get(&f->params, "theme"), "dark");
    assert_string_equal(pc_params_get(&f->params, "lang"), "zh");
}

static void test_cookies_quotes(void **state)
{
    fixture *f = *state;
    assert_int_equal(
        pc_req_parse_cookies(&f->arena, "q=\"quoted value\"; e=\"\"; h=\"x", &f->params), 0);
    assert_string_equal(pc_params_get(&f->params, "q"), "quoted value");
    assert_int_equal(f->params.v[0].len, 12);
    assert_string_equal(pc_params_get(&f->params, "e"), "");
    assert_string_equal(pc_params_get(&f->params, "h"), "\"x"); /* unbalanced: kept */
}

static void test_cookies_odd_parts(void **state)
{
    fixture *f = *state;
    assert_int_equal(pc_req_parse_cookies(&f->arena, "junk; =nameless; tok=a=b", &f->params), 0);
    assert_int_equal(f->params.n, 1);
    assert_string_equal(pc_params_get(&f->params, "tok"), "a=b");
    assert_int_equal(pc_req_parse_cookies(&f->arena, NULL, &f->params), 0);
    assert_int_equal(pc_req_parse_cookies(&f->arena, "", &f->params), 0);
    assert_int_equal(f->params.n, 1);
}

/* ---- multipart ---- */

#define CT         "multipart/form-data; boundary=----XyZ"
#define FILE_BYTES "A\0B\r\nC"
#define TWO_PARTS                                                                                  \
    "------XyZ\r\n"                                                                                \
    "Content-Disposition: form-data; name=\"title\"\r\n"                                           \
    "\r\n"                                                                                         \
    "Hello\r\n"                                                                                    \
    "------XyZ\r\n"                                                                                \
    "Content-Disposition: form-data; name=\"upload\"; filename=\"a.bin\"\r\n"                      \
    "Content-Type: application/octet-stream\r\n"                                                   \
    "\r\n" FILE_BYTES "\r\n"                                                                       \
    "------XyZ--\r\n"

static void test_multipart_two_parts(void **state)
{
    fixture *f = *state;
    static const char body[] = TWO_PARTS;
    assert_int_equal(parse_mp(f, CT, body, sizeof body - 1), 0);
    assert_int_equal(f->params.n, 2);
    const pc_param *t = &f->params.v[0], *u = &f->params.v[1];
    assert_string_equal(t->name, "title");
    assert_string_equal(t->value, "Hello");
    assert_int_equal(t->len, 5);
    assert_null(t->filename);
    assert_null(t->content_type);
    assert_string_equal(u->name, "upload");
    assert_string_equal(u->filename, "a.bin");
    assert_string_equal(u->content_type, "application/octet-stream");
    assert_int_equal(u->len, 6);
    assert_memory_equal(u->value, "A\0B\r\nC", 6);
    assert_int_equal(u->value[6], '\0');
}

static void test_multipart_quoted_boundary(void **state)
{
    fixture *f = *state;
    static const char ct[] = "multipart/form-data; boundary=\"ab\"; charset=x";
    static const char body[] =
        "--ab\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--ab--";
    assert_int_equal(parse_mp(f, ct, body, sizeof body - 1), 0);
    assert_int_equal(f->params.n, 1);
    assert_string_equal(pc_params_get(&f->params, "k"), "v");
}

static void test_multipart_missing_boundary(void **state)
{
    fixture *f = *state;
    static const char body[] = TWO_PARTS;
    assert_int_equal(parse_mp(f, "multipart/form-data", body, sizeof body - 1), -1);
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=", body, sizeof body - 1), -1);
    assert_int_equal(parse_mp(f, NULL, body, sizeof body - 1), -1);
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=other", body, sizeof body - 1), -1);
    assert_int_equal(f->params.n, 0);
}

static void test_multipart_truncated(void **state)
{
    fixture *f = *state;
    static const char body[] = TWO_PARTS;
    size_t cut = (size_t)(strstr(body, "Hello") - body) + 3;
    assert_int_equal(parse_mp(f, CT, body, cut), -1);
    assert_int_equal(f->params.n, 0);
}

static void test_multipart_without_final_dashes(void **state)
{
    fixture *f = *state;
    static const char a[] = "--b\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--b";
    static const char b[] = "--b\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--b\r\n";
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=b", a, sizeof a - 1), -1);
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=b", b, sizeof b - 1), -1);
}

static void test_multipart_only_final(void **state)
{
    fixture *f = *state;
    static const char body[] = "--b--\r\n";
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=b", body, sizeof body - 1), 0);
    assert_int_equal(f->params.n, 0);
}

static void test_multipart_part_without_name(void **state)
{
    fixture *f = *state;
    static const char body[] =
        "--b\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nv\r\n--b--";
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=b", body, sizeof body - 1), -1);
}

/* The parameters of Content-Disposition are read in turn, each quoted value whole: a filename
 * holding ` name="` does not rename the part (found by tests/fuzz/fuzz_multipart.c). */
static void test_multipart_name_inside_filename(void **state)
{
    fixture *f = *state;
    static const char body[] = "--b\r\nContent-Disposition: form-data; filename=\"x name=\"; "
                               "name=\"statement\"\r\n\r\nv\r\n--b--";
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=b", body, sizeof body - 1), 0);
    assert_int_equal(f->params.n, 1);
    assert_string_equal(f->params.v[0].name, "statement");
    assert_string_equal(f->params.v[0].filename, "x name=");
    static const char other[] = "--b\r\nContent-Disposition: form-data;name=\"a;b\";filename=x; "
                                "FILENAME=\"y\"\r\n\r\nv\r\n--b--";
    assert_int_equal(parse_mp(f, "multipart/form-data; boundary=b", other, sizeof other - 1), 0);
    assert_string_equal(f->params.v[1].name, "a;b");
    assert_string_equal(f->params.v[1].filename, "y");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_url_basic),
        T(test_url_escapes),
        T(test_url_bad_escapes),
        T(test_url_keeps_params_before_fault),
        T(test_url_repeated_names),
        T(test_url_empty_value_and_bare_name),
        T(test_url_value_with_equals),
        T(test_url_respects_len),
        T(test_url_escape_cut_by_len),
        T(test_url_raw_nul),
        T(test_url_max_params),
        T(test_url_too_many_params),
        T(test_url_name_length),
        T(test_url_escaped_name_length),
        T(test_cookies_basic),
        T(test_cookies_spaces),
        T(test_cookies_quotes),
        T(test_cookies_odd_parts),
        T(test_multipart_two_parts),
        T(test_multipart_quoted_boundary),
        T(test_multipart_missing_boundary),
        T(test_multipart_truncated),
        T(test_multipart_without_final_dashes),
        T(test_multipart_only_final),
        T(test_multipart_part_without_name),
        T(test_multipart_name_inside_filename),
    };
#undef T
    return cmocka_run_group_tests_name("req", tests, NULL, NULL);
}
