/* The typed input getters of api.h: body fields (POST/PUT) or query parameters (GET/DELETE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_core.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/rating.h" /* pc_days_in_month */

#define MAX_OFFSET 40000000 /* ch09 S4: offset at most 40,000,000 */

enum stmt { ST_RESELLER, ST_CUSTOMER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_RESELLER] = "SELECT id FROM partners WHERE id = ? AND distributor_id = ?",
    [ST_CUSTOMER] = "SELECT c.id FROM customers c WHERE c.id = ? AND c.partner_id = ? "
                    "AND " PC_SCOPE_CUSTOMER_SQL,
};
PC_SQL_TABLE(api_input_sql, sql);

static int from_body(const pc_api *a)
{
    return strcmp(a->method, "POST") == 0 || strcmp(a->method, "PUT") == 0;
}

/* The body's value of field (NULL when absent or null). */
static json_t *body_field(pc_api *a, const char *field)
{
    json_t *v = a->json ? json_object_get(a->json, field) : NULL;
    return json_is_null(v) ? NULL : v;
}

static int bad(pc_api *a, const char *field, const char *what)
{
    pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s %s.", field, what);
    return -1;
}

static int absent(pc_api *a, const char *field, int required)
{
    return required ? bad(a, field, "is required") : 0;
}

/* Number of UTF-8 characters, or -1 when s is not valid UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing beyond U+10FFFF; what jansson can send back in an answer). */
static long utf8_chars(const char *s)
{
    static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
    long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        int more = *p < 0x80             ? 0
                   : (*p & 0xE0) == 0xC0 ? 1
                   : (*p & 0xF0) == 0xE0 ? 2
                   : (*p & 0xF8) == 0xF0 ? 3
                                         : -1;
        if (more < 0)
            return -1;
        uint32_t cp = *p++ & (0x7F >> more);
        for (int i = 0; i < more; i++, p++) {
            if ((*p & 0xC0) != 0x80)
                return -1;
            cp = cp << 6 | (*p & 0x3F);
        }
        if (cp < least[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
    }
    return n;
}

int pc_api_string(pc_api *a, const char *field, int required, size_t max_chars, const char **out)
{
    const char *s;
    if (from_body(a)) {
        json_t *v = body_field(a, field);
        if (!v)
            return absent(a, field, required);
        if (!json_is_string(v) || api_decimal_text(v))
            return bad(a, field, "must be a string");
        s = json_string_value(v);
    } else {
        s = pc_params_get(&a->query, field);
        if (!s)
            return absent(a, field, required);
    }
    long n = utf8_chars(s);
    if (n < 0)
        return bad(a, field, "is not valid UTF-8");
    if ((size_t)n > max_chars) {
        pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s must be at most %zu characters.",
                     field, max_chars);
        return -1;
    }
    *out = s;
    return 1;
}

/* Parse -?[0-9]{1,18} exactly.  0 or -1. */
static int parse_int(const char *s, int64_t *out)
{
    int neg = *s == '-';
    s += neg;
    size_t n = strlen(s);
    if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
        return -1;
    int64_t v = 0;
    while (*s)
        v = v * 10 + (*s++ - '0');
    *out = neg ? -v : v;
    return 0;
}

int pc_api_int(pc_api *a, const char *field, int required, int64_t min, int64_t max, int64_t *out)
{
    int64_t v;
    if (from_body(a)) {
        json_t *j = body_field(a, field);
        if (!j)
            return absent(a, field, required);
        if (!json_is_integer(j))
            goto range;
        v = json_integer_value(j);
    } else {
        const char *s = pc_params_get(&a->query, field);
        if (!s)
            return absent(a, field, required);
        if (parse_int(s, &v))
            goto range;
    }
    if (v < min || v > max)
        goto range;
    *out = v;
    return 1;
range:
    pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s must be an integer from %lld to %lld.",
                 field, (long long)min, (long long)max);
    return -1;
}

int pc_api_bool(pc_api *a, const char *field, int required, int *out)
{
    if (from_body(a)) {
        json_t *j = body_field(a, field);
        if (!j)
            return absent(a, field, required);
        if (!json_is_boolean(j))
            return bad(a, field, "must be true or false");
        *out = json_is_true(j);
        return 1;
    }
    const char *s = pc_params_get(&a->query, field);
    if (!s)
        return absent(a, field, required);
    if (strcmp(s, "true") && strcmp(s, "false"))
        return bad(a, field, "must be true or false");
    *out = strcmp(s, "true") == 0;
    return 1;
}

/* "-?digits(.digits)?" with at most scale decimals into units of 10^-scale.  0 or -1. */
static int parse_decimal(const char *s, int scale, int64_t *out)
{
    int neg = *s == '-';
    s += neg;
    size_t ip = strspn(s, "0123456789");
    const char *frac = s[ip] == '.' ? s + ip + 1 : "";
    size_t fp = strspn(frac, "0123456789");
    if (ip == 0 || (s[ip] == '.' && fp == 0) || frac[fp] != '\0' ||
        (s[ip] != '.' && s[ip] != '\0') || fp > (size_t)scale || ip > 18 - (size_t)scale)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < ip; i++)
        v = v * 10 + (s[i] - '0');
    for (int i = 0; i < scale; i++)
        v = v * 10 + ((size_t)i < fp ? frac[i] - '0' : 0);
    *out = neg ? -v : v;
    return 0;
}

int pc_api_decimal(pc_api *a, const char *field, int required, int scale, int64_t *out)
{
    const char *text;
    char buf[32];
    if (from_body(a)) {
        json_t *j = body_field(a, field);
        if (!j)
            return absent(a, field, required);
        if (json_is_integer(j)) {
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(j));
            text = buf;
        } else if (!(text = api_decimal_text(j))) {
            return bad(a, field, "must be a number");
        }
    } else {
        text = pc_params_get(&a->query, field);
        if (!text)
            return absent(a, field, required);
    }
    if (scale < 0 || scale > 8 || parse_decimal(text, scale, out)) {
        pc_api_error(a, 400, "CBC.0100",
                     "Invalid parameter: %s must be a decimal number with at most %d decimal "
                     "places.",
                     field, scale);
        return -1;
    }
    return 1;
}

int pc_api_strings(pc_api *a, const char *field, int required, size_t max_items, size_t max_chars,
                   const char ***out, size_t *n)
{
    json_t *j = from_body(a) ? body_field(a, field) : NULL;
    if (!j)
        return absent(a, field, required);
    if (!json_is_array(j))
        return bad(a, field, "must be an array of strings");
    size_t cnt = json_array_size(j);
    if (cnt > max_items || (required && cnt == 0)) {
        pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s must have %d to %zu items.", field,
                     required ? 1 : 0, max_items);
        return -1;
    }
    const char **v = pc_arena_alloc(&a->arena, (cnt + 1) * sizeof *v);
    for (size_t i = 0; i < cnt; i++) {
        json_t *x = json_array_get(j, i);
        if (!json_is_string(x) || api_decimal_text(x))
            return bad(a, field, "must be an array of strings");
        long chars = utf8_chars(json_string_value(x));
        if (chars < 0 || (size_t)chars > max_chars) {
            pc_api_error(a, 400, "CBC.0100",
                         "Invalid parameter: each item of %s must be at most %zu characters.",
                         field, max_chars);
            return -1;
        }
        v[i] = json_string_value(x);
    }
    *out = v;
    *n = cnt;
    return 1;
}

int pc_api_paging(pc_api *a, int max_limit, int64_t *offset, int64_t *limit)
{
    *offset = 0;
    *limit = 10;
    if (pc_api_int(a, "offset", 0, 0, MAX_OFFSET, offset) < 0 ||
        pc_api_int(a, "limit", 0, 1, max_limit, limit) < 0)
        return -1;
    return 0;
}

int pc_api_utc_text(const char *s, char out[20])
{
    time_t t;
    if (pc_clock_parse_iso(s, &t))
        return -1;
    pc_clock_text(t, out);
    return 0;
}

int pc_api_utc_time(pc_api *a, const char *field, int required, char out[20])
{
    const char *s;
    int rc = pc_api_string(a, field, required, 64, &s);
    if (rc <= 0)
        return rc;
    if (!*s)
        return required ? bad(a, field, "is required") : 0;
    if (pc_api_utc_text(s, out))
        return bad(a, field, "must be a UTC time YYYY-MM-DDThh:mm:ssZ");
    return 1;
}

int pc_api_acting_partner(pc_api *a, int64_t *partner_id)
{
    const char *ip = NULL;
    *partner_id = a->user.partner_id;
    int rc = pc_api_string(a, "indirect_partner_id", 0, 64, &ip);
    if (rc < 0)
        return -1;
    /* only a distributor acts for a reseller; for anyone else the parameter is ignored (§1.5) */
    if (rc == 0 || !*ip || strcmp(a->user.partner_kind, "distributor") != 0)
        return 0;
    int64_t id = 0;
    if (parse_int(ip, &id) || id <= 0 ||
        pc_db_int(&api_input_sql, ST_RESELLER, PC_BINDS(PC_I64(id), PC_I64(a->user.partner_id)),
                  0) != id) {
        pc_api_error(a, 400, "CBC.99000037",
                     "No permission on this reseller: indirect_partner_id %s is not one of your "
                     "resellers.",
                     ip);
        return -1;
    }
    *partner_id = id;
    return 0;
}

int64_t pc_api_customer(pc_api *a, const char *wire_id, int64_t partner_id)
{
    int64_t id = 0;
    pc_scope sc;
    size_t n = wire_id ? strlen(wire_id) : 0;
    if (n == 0 || n > 18 || strspn(wire_id, "0123456789") != n || wire_id[0] == '0' ||
        parse_int(wire_id, &id))
        return 0;
    pc_authz_scope(&a->user, &sc);
    int64_t found = pc_db_int(&api_input_sql, ST_CUSTOMER,
                              PC_BINDS(PC_I64(id), PC_I64(partner_id), PC_SCOPE_BINDS(sc)), 0);
    if (found < 0) {
        pc_api_error(a, 500, "CBC.0999", "Internal error.");
        return -1;
    }
    return found == id ? id : 0;
}
