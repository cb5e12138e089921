/* Unit tests of pc_mail_format (lib/base/mail.c): headers, RFC 2047 subject, CRLF, injection. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/mail.h"

#define FROM "pc@example.com"
#define TO   "bob@example.com"
#define DATE "Thu, 02 Jul 2026 03:00:31 +0000"
#define MID  "<1.2.3@host>"

static char *fmt(const char *to, const char *subject, const char *body)
{
    return pc_mail_format(FROM, to, subject, body, DATE, MID);
}

/* Every LF is preceded by CR. */
static void assert_no_bare_lf(const char *m)
{
    for (const char *p = strchr(m, '\n'); p; p = strchr(p + 1, '\n'))
        if (p == m || p[-1] != '\r')
            fail_msg("bare LF at offset %ld", (long)(p - m));
}

static void assert_contains(const char *m, const char *part)
{
    if (!strstr(m, part))
        fail_msg("message lacks \"%s\":\n%s", part, m);
}

static void test_headers(void **state)
{
    char *m = fmt(TO, "Invoice ready", "Hello");
    (void)state;
    assert_non_null(m);
    assert_memory_equal(m, "Date: " DATE "\r\n", strlen("Date: " DATE "\r\n"));
    assert_contains(m, "\r\nFrom: " FROM "\r\n");
    assert_contains(m, "\r\nTo: " TO "\r\n");
    assert_contains(m, "\r\nSubject: Invoice ready\r\n");
    assert_contains(m, "\r\nMessage-ID: " MID "\r\n");
    assert_contains(m, "\r\nMIME-Version: 1.0\r\n");
    assert_contains(m, "\r\nContent-Type: text/plain; charset=UTF-8\r\n");
    assert_contains(m, "\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHello");
    assert_no_bare_lf(m);
    free(m);
}

static void test_headers_end_before_body(void **state)
{
    char *m = fmt(TO, "s", "first line");
    (void)state;
    assert_non_null(m);
    const char *blank = strstr(m, "\r\n\r\n");
    assert_non_null(blank);
    assert_memory_equal(blank + 4, "first line", 10);
    assert_true(strstr(m, "first line") == blank + 4); /* not inside the headers */
    free(m);
}

static void test_subject_ascii_plain(void **state)
{
    char *m = fmt(TO, "Your bill for 2026-06", "x");
    (void)state;
    assert_non_null(m);
    assert_contains(m, "\r\nSubject: Your bill for 2026-06\r\n");
    assert_null(strstr(m, "=?UTF-8?"));
    free(m);
}

static void test_subject_utf8_encoded(void **state)
{
    char *m = fmt(TO, "\xe8\xb4\xa6\xe5\x8d\x95", "x"); /* 账单 */
    (void)state;
    assert_non_null(m);
    assert_contains(m, "\r\nSubject: =?UTF-8?B?6LSm5Y2V?=\r\n");
    assert_null(strstr(m, "\xe8\xb4\xa6"));
    free(m);
}

static void test_subject_mixed_encoded(void **state)
{
    char *m = fmt(TO, "Bill \xe8\xb4\xa6\xe5\x8d\x95", "x"); /* "Bill 账单" */
    (void)state;
    assert_non_null(m);
    assert_contains(m, "\r\nSubject: =?UTF-8?B?QmlsbCDotKbljZU=?=\r\n");
    free(m);
}

static void test_body_lf_to_crlf(void **state)
{
    char *m = fmt(TO, "s", "Line1\nLine2\n\nLine4");
    (void)state;
    assert_non_null(m);
    assert_contains(m, "\r\n\r\nLine1\r\nLine2\r\n\r\nLine4");
    assert_no_bare_lf(m);
    free(m);
}

static void test_body_crlf_kept(void **state)
{
    char *m = fmt(TO, "s", "a\r\nb\nc");
    (void)state;
    assert_non_null(m);
    assert_contains(m, "\r\n\r\na\r\nb\r\nc");
    assert_null(strstr(m, "\r\r"));
    free(m);
}

static void test_body_long(void **state)
{
    size_t n = 50000;
    char *body = malloc(n + 1), *m;
    (void)state;
    assert_non_null(body);
    for (size_t i = 0; i < n; i++)
        body[i] = i % 2 ? '\n' : 'x'; /* every LF grows by one byte */
    body[n] = '\0';
    m = fmt(TO, "s", body);
    assert_non_null(m);
    assert_no_bare_lf(m);
    const char *b = strstr(m, "\r\n\r\n") + 4;
    assert_true(strlen(b) >= n + n / 2);
    free(m);
    free(body);
}

/* Headers longer than the body allowance must not overflow the buffer. */
static void test_long_headers(void **state)
{
    char to[2400];
    (void)state;
    memset(to, 'a', sizeof to - 20);
    strcpy(to + sizeof to - 20, "@example.com");
    char *m = fmt(to, "s", "");
    assert_non_null(m);
    assert_non_null(strstr(m, to));
    free(m);
}

/* A long UTF-8 subject becomes several encoded words of at most 75 characters. */
static void test_subject_folded(void **state)
{
    char subj[400] = "";
    (void)state;
    for (int i = 0; i < 40; i++)
        strcat(subj, "\xe8\xb4\xa6"); /* 40 x U+8D26, 120 bytes */
    char *m = fmt(TO, subj, "b");
    assert_non_null(m);
    const char *p = strstr(m, "Subject: ") + 9;
    int words = 0;
    while ((p = strstr(p, "=?UTF-8?B?")) && p < strstr(m, "\r\n\r\n")) {
        const char *end = strstr(p + 10, "?=");
        assert_true(end - p + 2 <= 75);
        words++;
        p = end;
    }
    assert_int_equal(words, 3); /* 45 + 45 + 30 bytes */
    free(m);
}

static void test_header_injection_refused(void **state)
{
    (void)state;
    assert_null(fmt("bob@example.com\r\nBcc: eve@example.com", "s", "x"));
    assert_null(fmt("bob@example.com\nBcc: eve@example.com", "s", "x"));
    assert_null(fmt(TO, "Hi\nBcc: eve@example.com", "x"));
    assert_null(fmt(TO, "Hi\r", "x"));
    assert_null(fmt(TO, "\xe8\xb4\xa6\n", "x"));
    assert_null(pc_mail_format("pc@example.com\nBcc: eve@example.com", TO, "s", "x", DATE, MID));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_headers_end_before_body),
        cmocka_unit_test(test_subject_ascii_plain),
        cmocka_unit_test(test_subject_utf8_encoded),
        cmocka_unit_test(test_subject_mixed_encoded),
        cmocka_unit_test(test_body_lf_to_crlf),
        cmocka_unit_test(test_body_crlf_kept),
        cmocka_unit_test(test_body_long),
        cmocka_unit_test(test_header_injection_refused),
        cmocka_unit_test(test_long_headers),
        cmocka_unit_test(test_subject_folded),
    };
    return cmocka_run_group_tests_name("mail", tests, NULL, NULL);
}
