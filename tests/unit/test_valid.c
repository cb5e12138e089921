/* Unit tests of lib/base/valid.c: every field validator and pc_valid_form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/req.h"
#include "base/valid.h"

/* Check one input: want_err NULL means accepted. */
static pc_value check(pc_validator fn, const pc_field *f, const char *in, const char *want_err)
{
    pc_value v = {.s = "untouched", .i = -777};
    const char *err = fn(f, in, &v);
    if (want_err == NULL && err != NULL)
        fail_msg("\"%s\" refused with %s, want accepted", in, err);
    if (want_err != NULL && (err == NULL || strcmp(err, want_err) != 0))
        fail_msg("\"%s\" gave %s, want %s", in, err ? err : "accepted", want_err);
    return v;
}

static void accept_i(pc_validator fn, const pc_field *f, const char *in, int64_t want)
{
    pc_value v = check(fn, f, in, NULL);
    if (v.i != want)
        fail_msg("\"%s\" gave i = %lld, want %lld", in, (long long)v.i, (long long)want);
    assert_string_equal(v.s, in);
}

static char *repeat(char *buf, char c, size_t n)
{
    memset(buf, c, n);
    buf[n] = '\0';
    return buf;
}

static void test_text_length_in_chars(void **state)
{
    const pc_field f = {.name = "t", .min = 2, .max = 5};
    (void)state;
    assert_string_equal(check(pc_valid_text, &f, "ab", NULL).s, "ab");
    check(pc_valid_text, &f, "abcde", NULL);
    check(pc_valid_text, &f, "a", "err.too_short");
    check(pc_valid_text, &f, "abcdef", "err.too_long");
    /* 5 Chinese characters are 15 bytes but 5 characters */
    check(pc_valid_text, &f, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe4\xb8\xb2", NULL);
    check(pc_valid_text, &f,
          "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe4\xb8\xb2\xe5\x95\x8a",
          "err.too_long");
    check(pc_valid_text, &f, "\xe4\xb8\xad", "err.too_short");
    check(pc_valid_text, &f, "\xf0\x9f\x98\x80x", NULL); /* emoji + x: 2 characters */
}

static void test_text_unbounded(void **state)
{
    const pc_field f = {.name = "t"};
    char big[2001];
    (void)state;
    check(pc_valid_text, &f, "x", NULL);
    check(pc_valid_text, &f, repeat(big, 'y', 2000), NULL);
}

static void test_text_control_chars(void **state)
{
    const pc_field f = {.name = "t", .max = 100};
    (void)state;
    check(pc_valid_text, &f, "a\tb", "err.text_chars");
    check(pc_valid_text, &f, "line\nbreak", "err.text_chars");
    check(pc_valid_text, &f, "a\rb", "err.text_chars");
    check(pc_valid_text, &f, "del\x7f", "err.text_chars");
    check(pc_valid_text, &f, "\x1b[31m", "err.text_chars");
}

static void test_text_invalid_utf8(void **state)
{
    const pc_field f = {.name = "t", .max = 100};
    (void)state;
    check(pc_valid_text, &f, "\xff", "err.text_chars");
    check(pc_valid_text, &f, "\x80", "err.text_chars");     /* lone continuation */
    check(pc_valid_text, &f, "ab\xc3", "err.text_chars");   /* truncated 2-byte */
    check(pc_valid_text, &f, "\xe4\xb8", "err.text_chars"); /* truncated 3-byte */
    check(pc_valid_text, &f, "\xc0\xaf", "err.text_chars"); /* overlong '/' */
    check(pc_valid_text, &f, "\xc3(", "err.text_chars");    /* bad continuation */
    check(pc_valid_text, &f, "\xf5\x80\x80\x80", "err.text_chars");
    check(pc_valid_text, &f, "caf\xc3\xa9", NULL);
}

/* Overlong forms, surrogates, code points past U+10FFFF and C1 controls are refused. */
static void test_text_invalid_utf8_forms(void **state)
{
    const pc_field f = {.name = "t", .max = 100};
    (void)state;
    check(pc_valid_text, &f, "\xe0\x80\xaf", "err.text_chars");     /* overlong 3-byte '/' */
    check(pc_valid_text, &f, "\xf0\x80\x80\xaf", "err.text_chars"); /* overlong 4-byte */
    check(pc_valid_text, &f, "\xed\xa0\x80", "err.text_chars");     /* surrogate U+D800 */
    check(pc_valid_text, &f, "\xf4\x90\x80\x80", "err.text_chars"); /* U+110000 */
    check(pc_valid_text, &f, "\xc2\x85", "err.text_chars");         /* C1 control NEL */
    check(pc_valid_text, &f, "\xf0\x9f\x98\x80", NULL);             /* U+1F600 is fine */
}

/* The password length counts characters, not bytes. */
static void test_password_counts_characters(void **state)
{
    const pc_field f = {.name = "p"};
    pc_value v;
    (void)state;
    assert_string_equal(pc_valid_password(&f, "ab1\xe5\xaf\x86\xe7\xa0\x81", &v),
                        "err.password_policy");                     /* 5 chars */
    assert_null(pc_valid_password(&f, "abcd1234\xe5\xaf\x86", &v)); /* 9 chars */
}

/* The checkboxes of a batch form: every value a positive id, at least one, at most max. */
static void test_ids(void **state)
{
    pc_arena a = {0};
    pc_params p = {0};
    int64_t ids[3];
    (void)state;
    assert_int_equal(pc_req_parse_urlencoded(&a, "ids=4&x=1&ids=17", 16, &p), 0);
    assert_int_equal(pc_valid_ids(&p, "ids", ids, 3), 2);
    assert_int_equal(ids[0], 4);
    assert_int_equal(ids[1], 17);
    assert_int_equal(pc_valid_ids(&p, "ids", ids, 1), -1); /* more than max */
    assert_int_equal(pc_valid_ids(&p, "none", ids, 3), -1);
    pc_params bad = {0};
    assert_int_equal(pc_req_parse_urlencoded(&a, "ids=4&ids=-2", 12, &bad), 0);
    assert_int_equal(pc_valid_ids(&bad, "ids", ids, 3), -1);
    pc_params word = {0};
    assert_int_equal(pc_req_parse_urlencoded(&a, "ids=4x", 6, &word), 0);
    assert_int_equal(pc_valid_ids(&word, "ids", ids, 3), -1);
    pc_arena_reset(&a);
}

static void test_int_range(void **state)
{
    const pc_field f = {.name = "n", .min = 1, .max = 100};
    (void)state;
    accept_i(pc_valid_int, &f, "1", 1);
    accept_i(pc_valid_int, &f, "100", 100);
    accept_i(pc_valid_int, &f, "042", 42);
    check(pc_valid_int, &f, "0", "err.range");
    check(pc_valid_int, &f, "101", "err.range");
    check(pc_valid_int, &f, "-5", "err.range");
}

static void test_int_syntax(void **state)
{
    const pc_field f = {.name = "n"};
    (void)state;
    accept_i(pc_valid_int, &f, "-42", -42);
    accept_i(pc_valid_int, &f, "123456789012345678", INT64_C(123456789012345678));
    check(pc_valid_int, &f, "1234567890123456789", "err.int"); /* 19 digits */
    check(pc_valid_int, &f, "abc", "err.int");
    check(pc_valid_int, &f, "", "err.int");
    check(pc_valid_int, &f, "-", "err.int");
    check(pc_valid_int, &f, "1.5", "err.int");
    check(pc_valid_int, &f, "+3", "err.int");
    check(pc_valid_int, &f, "12 ", "err.int");
}

static void test_int_negative_range(void **state)
{
    const pc_field f = {.name = "n", .min = -10, .max = -1};
    (void)state;
    accept_i(pc_valid_int, &f, "-1", -1);
    accept_i(pc_valid_int, &f, "-10", -10);
    check(pc_valid_int, &f, "0", "err.range");
    check(pc_valid_int, &f, "-11", "err.range");
}

static void test_id(void **state)
{
    const pc_field f = {.name = "id"};
    (void)state;
    accept_i(pc_valid_id, &f, "1", 1);
    accept_i(pc_valid_id, &f, "9876543210", INT64_C(9876543210));
    check(pc_valid_id, &f, "0", "err.id");
    check(pc_valid_id, &f, "-3", "err.id");
    check(pc_valid_id, &f, "x1", "err.id");
    check(pc_valid_id, &f, "", "err.id");
}

static void test_money(void **state)
{
    const pc_field f = {.name = "amt", .min = 0, .max = INT64_C(100000000000)}; /* 0 .. 1000 */
    const pc_field any = {.name = "amt"};
    (void)state;
    accept_i(pc_valid_money, &f, "12.5", INT64_C(1250000000));
    accept_i(pc_valid_money, &f, "1,000", INT64_C(100000000000));
    accept_i(pc_valid_money, &f, "0.00000001", 1);
    check(pc_valid_money, &f, "1,000.01", "err.range");
    check(pc_valid_money, &f, "-1", "err.range");
    check(pc_valid_money, &f, "1.123456789", "err.money");
    check(pc_valid_money, &f, "12,34", "err.money");
    check(pc_valid_money, &f, "ten", "err.money");
    accept_i(pc_valid_money, &any, "-3", INT64_C(-300000000));
}

static void test_date(void **state)
{
    const pc_field f = {.name = "d"};
    (void)state;
    accept_i(pc_valid_date, &f, "2024-02-29", 20240229); /* leap year */
    accept_i(pc_valid_date, &f, "2000-02-29", 20000229); /* divisible by 400 */
    accept_i(pc_valid_date, &f, "2023-12-31", 20231231);
    accept_i(pc_valid_date, &f, "1970-01-01", 19700101);
    check(pc_valid_date, &f, "2023-02-29", "err.date"); /* not a leap year */
    check(pc_valid_date, &f, "2100-02-29", "err.date"); /* divisible by 100 */
    check(pc_valid_date, &f, "2023-04-31", "err.date");
    check(pc_valid_date, &f, "2023-01-00", "err.date");
    check(pc_valid_date, &f, "2023-13-01", "err.date");
    check(pc_valid_date, &f, "2023-00-10", "err.date");
    check(pc_valid_date, &f, "1969-12-31", "err.date");
}

static void test_date_syntax(void **state)
{
    const pc_field f = {.name = "d"};
    (void)state;
    check(pc_valid_date, &f, "2023-1-01", "err.date");
    check(pc_valid_date, &f, "2023/01/01", "err.date");
    check(pc_valid_date, &f, "2023-01-1x", "err.date");
    check(pc_valid_date, &f, "20230101", "err.date");
    check(pc_valid_date, &f, "2023-01-011", "err.date");
    check(pc_valid_date, &f, "", "err.date");
}

static void test_month(void **state)
{
    const pc_field f = {.name = "m"};
    (void)state;
    accept_i(pc_valid_month, &f, "2024-02", 202402);
    accept_i(pc_valid_month, &f, "2026-12", 202612);
    check(pc_valid_month, &f, "2024-13", "err.month");
    check(pc_valid_month, &f, "2024-00", "err.month");
    check(pc_valid_month, &f, "1969-12", "err.month");
    check(pc_valid_month, &f, "2024-2", "err.month");
    check(pc_valid_month, &f, "2024/02", "err.month");
    check(pc_valid_month, &f, "abcd-01", "err.month");
    check(pc_valid_month, &f, "2024-02-01", "err.month");
}

static void test_email(void **state)
{
    const pc_field f = {.name = "e"};
    (void)state;
    assert_string_equal(check(pc_valid_email, &f, "alice@example.com", NULL).s,
                        "alice@example.com");
    check(pc_valid_email, &f, "a.b+tag@mail.example.cn", NULL);
    check(pc_valid_email, &f, "alice", "err.email");
    check(pc_valid_email, &f, "@example.com", "err.email");
    check(pc_valid_email, &f, "a@b@example.com", "err.email");
    check(pc_valid_email, &f, "a@example", "err.email");
    check(pc_valid_email, &f, "a@.example.com", "err.email");
    check(pc_valid_email, &f, "a@example.com.", "err.email");
    check(pc_valid_email, &f, "a b@example.com", "err.email");
    check(pc_valid_email, &f, "a<b@example.com", "err.email");
    check(pc_valid_email, &f, "a,b@example.com", "err.email");
    check(pc_valid_email, &f, "a@example.com\n", "err.email");
}

static void test_email_length(void **state)
{
    const pc_field f = {.name = "e"};
    char buf[300];
    (void)state;
    /* 248 + "@x.com" = 254 characters: the longest address */
    repeat(buf, 'a', 248);
    strcat(buf, "@x.com");
    check(pc_valid_email, &f, buf, NULL);
    repeat(buf, 'a', 249);
    strcat(buf, "@x.com");
    check(pc_valid_email, &f, buf, "err.email");
}

static void test_phone(void **state)
{
    const pc_field f = {.name = "p"};
    (void)state;
    assert_string_equal(check(pc_valid_phone, &f, "13812345678", NULL).s, "13812345678");
    check(pc_valid_phone, &f, "+8613812345678", NULL);
    check(pc_valid_phone, &f, "12345", NULL);
    check(pc_valid_phone, &f, "12345678901234567890", NULL);
    check(pc_valid_phone, &f, "123456789012345678901", "err.phone");
    check(pc_valid_phone, &f, "1234", "err.phone");
    check(pc_valid_phone, &f, "138-1234-5678", "err.phone");
    check(pc_valid_phone, &f, "+", "err.phone");
    check(pc_valid_phone, &f, "++12345678", "err.phone");
    check(pc_valid_phone, &f, "1381234567a", "err.phone");
}

static void test_enum(void **state)
{
    static const char *const choices[] = {"draft", "sent", "paid", NULL};
    const pc_field f = {.name = "s", .choices = choices};
    const pc_field none = {.name = "s"};
    (void)state;
    accept_i(pc_valid_enum, &f, "draft", 0);
    accept_i(pc_valid_enum, &f, "sent", 1);
    accept_i(pc_valid_enum, &f, "paid", 2);
    check(pc_valid_enum, &f, "Sent", "err.choice");
    check(pc_valid_enum, &f, "sen", "err.choice");
    check(pc_valid_enum, &f, "", "err.choice");
    check(pc_valid_enum, &none, "draft", "err.choice");
}

static void test_username(void **state)
{
    const pc_field f = {.name = "u"};
    char buf[40];
    (void)state;
    assert_string_equal(check(pc_valid_username, &f, "bob", NULL).s, "bob");
    check(pc_valid_username, &f, "Bob.Smith-2_x", NULL);
    check(pc_valid_username, &f, "7up", NULL);
    check(pc_valid_username, &f, repeat(buf, 'u', 32), NULL);
    check(pc_valid_username, &f, repeat(buf, 'u', 33), "err.username");
    check(pc_valid_username, &f, "ab", "err.username");
    check(pc_valid_username, &f, "_bob", "err.username");
    check(pc_valid_username, &f, ".bob", "err.username");
    check(pc_valid_username, &f, "bob smith", "err.username");
    check(pc_valid_username, &f,
          "b\xc3\xb3"
          "b",
          "err.username");
    check(pc_valid_username, &f, "bob@x", "err.username");
}

static void test_password_policy(void **state)
{
    const pc_field f = {.name = "pw"};
    (void)state;
    assert_string_equal(check(pc_valid_password, &f, "abcd1234", NULL).s, "abcd1234");
    check(pc_valid_password, &f, "abcdefgh", "err.password_policy");  /* no digit */
    check(pc_valid_password, &f, "12345678", "err.password_policy");  /* no letter */
    check(pc_valid_password, &f, "abcd 1234", "err.password_policy"); /* space */
    check(pc_valid_password, &f, "abcd\t1234", "err.password_policy");
    check(pc_valid_password, &f, "abc1234", "err.password_policy"); /* 7 characters */
    check(pc_valid_password, &f, "Abc12345", NULL);
}

static void test_password_length(void **state)
{
    const pc_field f = {.name = "pw"};
    char buf[70];
    (void)state;
    repeat(buf, 'a', 64);
    buf[0] = '1';
    check(pc_valid_password, &f, buf, NULL); /* 64 characters */
    repeat(buf, 'a', 65);
    buf[0] = '1';
    check(pc_valid_password, &f, buf, "err.password_policy");
}

/* ---- pc_valid_form ---- */

enum { F_NAME, F_AGE, F_PW, F_NOTE, F__N };

static const pc_field form[F__N] = {
    [F_NAME] = {"name", pc_valid_text, 1, 10, PC_FIELD_REQUIRED, NULL},
    [F_AGE] = {"age", pc_valid_int, 1, 150, 0, NULL},
    [F_PW] = {"pw", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_NOTE] = {"note", pc_valid_text, 0, 20, 0, NULL},
};

typedef struct form_run {
    pc_arena arena;
    pc_params params;
    pc_value values[F__N];
    const char *errors[F__N];
    int bad;
} form_run;

static void run_form(form_run *r, const char *query)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(pc_req_parse_urlencoded(&r->arena, query, strlen(query), &r->params), 0);
    r->bad = pc_valid_form(&r->arena, form, F__N, &r->params, r->values, r->errors);
}

static void test_form_all_good(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=Alice&age=30&pw=abcd1234&note=hi");
    assert_int_equal(r.bad, 0);
    for (int i = 0; i < F__N; i++) {
        assert_null(r.errors[i]);
        assert_int_equal(r.values[i].present, 1);
    }
    assert_string_equal(r.values[F_NAME].s, "Alice");
    assert_int_equal(r.values[F_AGE].i, 30);
    pc_arena_reset(&r.arena);
}

static void test_form_required_missing(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "age=30");
    assert_int_equal(r.bad, 2);
    assert_string_equal(r.errors[F_NAME], "err.required");
    assert_string_equal(r.errors[F_PW], "err.required");
    assert_int_equal(r.values[F_NAME].present, 0);
    assert_null(r.errors[F_AGE]);
    pc_arena_reset(&r.arena);
}

static void test_form_required_blank(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=+%09+&pw=");
    assert_int_equal(r.bad, 2);
    assert_string_equal(r.errors[F_NAME], "err.required");
    assert_string_equal(r.errors[F_PW], "err.required");
    pc_arena_reset(&r.arena);
}

static void test_form_optional_missing(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=Bob&pw=abcd1234&note=");
    assert_int_equal(r.bad, 0);
    assert_null(r.errors[F_AGE]);
    assert_int_equal(r.values[F_AGE].present, 0);
    assert_string_equal(r.values[F_AGE].s, "");
    assert_null(r.errors[F_NOTE]);
    assert_int_equal(r.values[F_NOTE].present, 0);
    pc_arena_reset(&r.arena);
}

static void test_form_trims(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=%09+Bob+%0D%0A&age=+42+&pw=abcd1234&note=+a+b+");
    assert_int_equal(r.bad, 0);
    assert_string_equal(r.values[F_NAME].s, "Bob");
    assert_int_equal(r.values[F_AGE].i, 42);
    assert_string_equal(r.values[F_NOTE].s, "a b");
    pc_arena_reset(&r.arena);
}

static void test_form_password_not_trimmed(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=Bob&pw=+abcd1234");
    assert_int_equal(r.bad, 1);
    assert_string_equal(r.errors[F_PW], "err.password_policy");
    assert_string_equal(r.values[F_PW].s, " abcd1234");
    assert_int_equal(r.values[F_PW].present, 1);
    pc_arena_reset(&r.arena);
}

static void test_form_counts_bad_fields(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=Al&age=abc&pw=short1&note=ok");
    assert_int_equal(r.bad, 2);
    assert_null(r.errors[F_NAME]);
    assert_string_equal(r.errors[F_AGE], "err.int");
    assert_int_equal(r.values[F_AGE].present, 1);
    assert_string_equal(r.errors[F_PW], "err.password_policy");
    assert_null(r.errors[F_NOTE]);
    pc_arena_reset(&r.arena);
}

static void test_form_every_field_bad(void **state)
{
    form_run r;
    (void)state;
    run_form(&r, "name=ThisNameIsTooLong&age=151&pw=abcdefgh&note=%01");
    assert_int_equal(r.bad, 4);
    assert_string_equal(r.errors[F_NAME], "err.too_long");
    assert_string_equal(r.errors[F_AGE], "err.range");
    assert_string_equal(r.errors[F_PW], "err.password_policy");
    assert_string_equal(r.errors[F_NOTE], "err.text_chars");
    pc_arena_reset(&r.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_length_in_chars),
        cmocka_unit_test(test_text_unbounded),
        cmocka_unit_test(test_text_control_chars),
        cmocka_unit_test(test_text_invalid_utf8),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_int_range),
        cmocka_unit_test(test_int_syntax),
        cmocka_unit_test(test_int_negative_range),
        cmocka_unit_test(test_id),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_date_syntax),
        cmocka_unit_test(test_month),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_email_length),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_enum),
        cmocka_unit_test(test_username),
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test(test_password_length),
        cmocka_unit_test(test_form_all_good),
        cmocka_unit_test(test_form_required_missing),
        cmocka_unit_test(test_form_required_blank),
        cmocka_unit_test(test_form_optional_missing),
        cmocka_unit_test(test_form_trims),
        cmocka_unit_test(test_form_password_not_trimmed),
        cmocka_unit_test(test_form_counts_bad_fields),
        cmocka_unit_test(test_form_every_field_bad),
        cmocka_unit_test(test_text_invalid_utf8_forms),
        cmocka_unit_test(test_password_counts_characters),
    };
    return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
