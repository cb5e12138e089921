/*
 * libFuzzer harness for the form parser of lib/base/req.c and the field
 * validators of lib/base/valid.c (outside input: urlencoded bodies and query
 * strings of every page, and the values a field table checks).  The first
 * input byte picks what runs, the rest is the input:
 *   even: pc_req_parse_urlencoded, then a field table over what it found;
 *   odd:  every validator on the text.
 * Promises checked: a parsed list, written out again fully %-encoded, parses
 * back to itself; an accepted amount, date or month formats back to the same
 * value; text accepted as UTF-8 is valid UTF-8 (jansson agrees).
 * Cookies and multipart bodies have their own harnesses (fuzz_cookie.c,
 * fuzz_multipart.c).
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/money.h"
#include "base/req.h"
#include "base/valid.h"
#include "fuzz.h"

static void check_params(const pc_params *p)
{
    FUZZ_CHECK(p->n <= PC_REQ_MAX_PARAMS);
    for (size_t i = 0; i < p->n; i++) {
        /* every name is 1..PC_REQ_MAX_NAME bytes; every value NUL-terminated at its length */
        size_t nl = strlen(p->v[i].name);
        FUZZ_CHECK(nl >= 1 && nl <= PC_REQ_MAX_NAME);
        FUZZ_CHECK(p->v[i].value[p->v[i].len] == '\0');
        FUZZ_CHECK(strlen(p->v[i].value) == p->v[i].len); /* %00 is refused */
    }
}

/* name=value&… with every byte %-encoded. */
static char *encode(pc_arena *a, const pc_params *p)
{
    size_t n = 1;
    for (size_t i = 0; i < p->n; i++)
        n += 3 * (strlen(p->v[i].name) + p->v[i].len) + 2;
    char *out = pc_arena_alloc(a, n), *o = out;
    for (size_t i = 0; i < p->n; i++) {
        if (i)
            *o++ = '&';
        for (const unsigned char *s = (const unsigned char *)p->v[i].name; *s; s++)
            o += sprintf(o, "%%%02X", *s);
        *o++ = '=';
        for (size_t k = 0; k < p->v[i].len; k++)
            o += sprintf(o, "%%%02x", (unsigned char)p->v[i].value[k]);
    }
    *o = '\0';
    return out;
}

static void urlencoded(pc_arena *a, const char *s, size_t n)
{
    pc_params p = {0}, q = {0};
    pc_req_parse_urlencoded(a, s, n, &p); /* on -1, p holds what came before the fault */
    check_params(&p);
    const char *e = encode(a, &p);
    FUZZ_CHECK(pc_req_parse_urlencoded(a, e, strlen(e), &q) == 0);
    FUZZ_CHECK(q.n == p.n);
    for (size_t i = 0; i < p.n; i++) {
        FUZZ_CHECK(strcmp(p.v[i].name, q.v[i].name) == 0);
        FUZZ_CHECK(p.v[i].len == q.v[i].len && memcmp(p.v[i].value, q.v[i].value, p.v[i].len) == 0);
    }
    /* a page's field table over what came in (names as the seeds spell them) */
    static const char *const colors[] = {"red", "green", NULL};
    static const pc_field fields[] = {
        {"text", pc_valid_text, 1, 20, PC_FIELD_REQUIRED, NULL},
        {"int", pc_valid_int, -5, 5000, 0, NULL},
        {"id", pc_valid_id, 0, 0, 0, NULL},
        {"amount", pc_valid_money, 0, 1000000000000, 0, NULL},
        {"date", pc_valid_date, 0, 0, 0, NULL},
        {"month", pc_valid_month, 0, 0, 0, NULL},
        {"email", pc_valid_email, 0, 0, 0, NULL},
        {"phone", pc_valid_phone, 0, 0, 0, NULL},
        {"color", pc_valid_enum, 0, 0, 0, colors},
        {"user", pc_valid_username, 0, 0, 0, NULL},
        {"password", pc_valid_password, 0, 0, 0, NULL},
    };
    enum { NF = sizeof fields / sizeof fields[0] };
    pc_value values[NF];
    const char *errors[NF];
    int bad = pc_valid_form(a, fields, NF, &p, values, errors);
    int counted = 0;
    for (int i = 0; i < NF; i++) {
        counted += errors[i] != NULL;
        FUZZ_CHECK(values[i].s != NULL);
    }
    FUZZ_CHECK(bad == counted);
    int64_t ids[8];
    int nid = pc_valid_ids(&p, "id", ids, 8);
    for (int i = 0; i < nid; i++)
        FUZZ_CHECK(ids[i] > 0);
}

static void validators(const char *z)
{
    char buf[64], back[64];
    pc_value v = {0};
    pc_field f = {.name = "x", .max = 100};
    if (!pc_valid_text(&f, z, &v)) {
        json_t *j = json_string(z); /* NULL when z is not valid UTF-8 */
        FUZZ_CHECK(j != NULL);
        json_decref(j);
    }
    if (!pc_valid_money(&f, z, &v)) {
        /* f.max = 100 (10^-8 units): the range check holds too */
        FUZZ_CHECK(v.i >= 0 && v.i <= 100);
    }
    f.max = 0;
    if (!pc_valid_money(&f, z, &v)) {
        int64_t w;
        FUZZ_CHECK(v.i >= -PC_MONEY_MAX && v.i <= PC_MONEY_MAX);
        for (int grouping = 0; grouping <= 1; grouping++) {
            pc_money_format(v.i, 8, grouping, buf, sizeof buf);
            FUZZ_CHECK(pc_money_parse(buf, &w) == 0 && w == v.i);
        }
    }
    if (!pc_valid_date(&f, z, &v)) {
        snprintf(back, sizeof back, "%04d-%02d-%02d", (int)(v.i / 10000), (int)(v.i / 100 % 100),
                 (int)(v.i % 100));
        FUZZ_CHECK(strcmp(back, z) == 0);
    }
    if (!pc_valid_month(&f, z, &v)) {
        snprintf(back, sizeof back, "%04d-%02d", (int)(v.i / 100), (int)(v.i % 100));
        FUZZ_CHECK(strcmp(back, z) == 0);
    }
    if (!pc_valid_int(&f, z, &v)) {
        int64_t w = v.i; /* the number written plainly reads back as itself */
        snprintf(back, sizeof back, "%lld", (long long)w);
        FUZZ_CHECK(pc_valid_int(&f, back, &v) == NULL && v.i == w);
    }
    if (!pc_valid_id(&f, z, &v))
        FUZZ_CHECK(v.i > 0);
    pc_valid_email(&f, z, &v);
    pc_valid_phone(&f, z, &v);
    pc_valid_username(&f, z, &v);
    pc_valid_password(&f, z, &v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_arena a = {0};
    if (size < 1)
        return 0;
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    if (data[0] % 2 == 0)
        urlencoded(&a, s, n);
    else
        validators(pc_arena_strndup(&a, s, n));
    pc_arena_reset(&a);
    return 0;
}
