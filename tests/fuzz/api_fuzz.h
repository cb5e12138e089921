/*
 * What fuzz_api_json.c and fuzz_api_query.c share: the API's input getters
 * (cgi-bin/api_input.c, with api_output.c for the body's JSON and the
 * answers, compiled in as tests/unit/test_api_json.c does) run over the
 * fields the operations read.  The fuzzer varies the values; the names are
 * the operations' own (an input's names never reach a message).
 * Promises checked: a getter that refuses has answered a 400 whose message
 * is a JSON string; a string accepted is valid UTF-8 of at most its length;
 * an integer lies in its range; an accepted decimal written as the API
 * writes money reads back as itself; an accepted UTC time is a real moment
 * and the API writes it back as it came.
 */
#ifndef PC_API_FUZZ_H
#define PC_API_FUZZ_H
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "../../cgi-bin/api_input.c"
#include "../../cgi-bin/api_output.c"
#include "fuzz.h"

static const char *const fields[] = {
    "offset",
    "limit",
    "customer_id",
    "indirect_partner_id",
    "budget_amount",
    "amount",
    "associated_on_begin",
    "associated_on_end",
    "customer_ids",
    "include_zero_record",
    "cycle",
    "name",
    "status",
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* The decimal marker is drawn anew for every input.  A process's marker is never sent, so no
 * caller knows it; but libFuzzer sees the comparisons with it and would learn it within one
 * process, then "forge" a decimal that no caller could. */
static void api_fuzz_init(void)
{
    api_marker_init();
}

/* A refusal answered 400 CBC.0100 with a message. */
static void check_refusal(pc_api *a, int rc)
{
    if (rc >= 0)
        return;
    FUZZ_CHECK(a->status == 400);
    FUZZ_CHECK(json_is_string(json_object_get(a->out, "error_msg")));
    FUZZ_CHECK(json_is_string(json_object_get(a->out, "error_code")));
    a->status = 0;
}

static void check_string(const char *s, size_t max_chars)
{
    json_t *j = json_string(s); /* NULL when s is not valid UTF-8 */
    FUZZ_CHECK(j != NULL);
    json_decref(j);
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    FUZZ_CHECK(chars <= max_chars);
}

/* "YYYY-MM-DD hh:mm:ss" that is a real moment: through timegm and back it stays itself. */
static void check_moment(const char *t)
{
    struct tm tm = {0};
    char back[32];
    const char *end = strptime(t, "%Y-%m-%d %H:%M:%S", &tm);
    FUZZ_CHECK(strlen(t) == 19 && end && !*end);
    time_t u = timegm(&tm);
    FUZZ_CHECK(gmtime_r(&u, &tm) != NULL);
    strftime(back, sizeof back, "%Y-%m-%d %H:%M:%S", &tm);
    FUZZ_CHECK(strcmp(back, t) == 0);
}

static void getters(pc_api *a, const char *field)
{
    const char *s, **items;
    int64_t v, w, offset, limit;
    int b, rc;
    size_t n;
    char t[20];
    static const int scales[] = {0, 2, 8};

    if ((rc = pc_api_string(a, field, 0, 64, &s)) == 1)
        check_string(s, 64);
    check_refusal(a, rc);
    if ((rc = pc_api_int(a, field, 0, -1000, 40000000, &v)) == 1)
        FUZZ_CHECK(v >= -1000 && v <= 40000000);
    check_refusal(a, rc);
    if ((rc = pc_api_bool(a, field, 0, &b)) == 1)
        FUZZ_CHECK(b == 0 || b == 1);
    check_refusal(a, rc);
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        if ((rc = pc_api_decimal(a, field, 0, scales[i], &v)) == 1) {
            json_t *m = pc_api_money(v, scales[i]);
            const char *text = api_decimal_text(m);
            FUZZ_CHECK(text && parse_decimal(text, scales[i], &w) == 0 && w == v);
            json_decref(m);
        }
        check_refusal(a, rc);
    }
    if ((rc = pc_api_utc_time(a, field, 0, t)) == 1) {
        check_moment(t);
        FUZZ_CHECK(pc_api_string(a, field, 1, 64, &s) == 1);
        json_t *back = pc_api_time(t);
        FUZZ_CHECK(back && strcmp(json_string_value(back), s) == 0);
        json_decref(back);
    }
    check_refusal(a, rc);
    if ((rc = pc_api_strings(a, field, 0, 10, 64, &items, &n)) == 1) {
        FUZZ_CHECK(n <= 10);
        for (size_t i = 0; i < n; i++)
            check_string(items[i], 64);
    }
    check_refusal(a, rc);
    if ((rc = pc_api_paging(a, 100, &offset, &limit)) == 0)
        FUZZ_CHECK(offset >= 0 && offset <= MAX_OFFSET && limit >= 1 && limit <= 100);
    check_refusal(a, rc);
}

static void api_fuzz_getters(pc_api *a)
{
    for (size_t i = 0; i < NFIELDS; i++)
        getters(a, fields[i]);
}

static void api_fuzz_done(pc_api *a)
{
    json_decref(a->out);
    json_decref(a->json);
    pc_arena_reset(&a->arena);
}

#endif
