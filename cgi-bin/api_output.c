/*
 * The API's JSON in and out, and exact decimals through jansson.
 *
 * jansson keeps a JSON number only as an int64 or a double, and a double
 * cannot hold 0.1 or 1234.56.  So a decimal travels as a JSON string that
 * starts with a marker — "\x01" and 32 random hex digits drawn once per
 * process — followed by its exact text: on input the body's numbers with a
 * fraction or an exponent are wrapped before jansson parses it, on output
 * api_dump unwraps them into bare numbers.  Nobody outside can forge the
 * marker (it is never sent), so no string of the input can turn into raw JSON.
 */
#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_core.h"
#include "access/audit.h"

static char marker[34];      /* "\x01" + 32 hex */
static char marker_json[40]; /* how json_dumps writes it: "\\u0001" + 32 hex */

void api_marker_init(void)
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        abort(); /* no randomness: nothing safe can be done */
    marker[0] = '\x01';
    for (int i = 0; i < 16; i++)
        snprintf(marker + 1 + 2 * i, 3, "%02x", b[i]);
    snprintf(marker_json, sizeof marker_json, "\\u0001%s", marker + 1);
}

const char *api_marker(void)
{
    return marker;
}

const char *api_decimal_text(json_t *v)
{
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return s && strncmp(s, marker, 33) == 0 ? s + 33 : NULL;
}

int pc_api_error(pc_api *a, int status, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_decref(a->out);
    a->out = json_object();
    json_object_set_new(a->out, "error_code", json_string(code));
    json_object_set_new(a->out, "error_msg", json_string(msg));
    if (strncmp(code, "APIGW.", 6) == 0) /* the gateway's errors carry the request id (§3) */
        json_object_set_new(a->out, "request_id", json_string(a->request_id));
    a->status = status;
    return status;
}

int pc_api_audit(pc_api *a, const char *action, const char *object_type, int64_t object_id,
                 const char *result, const char *detail)
{
    return pc_audit_by(&a->user, a->remote_addr, action, object_type, object_id, result, detail);
}

json_t *pc_api_money(int64_t v, int scale)
{
    char digits[32], text[64]; /* marker (33) + '-' + 19 digits + '.' + NUL: 55 at most */
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (scale < 0 || scale > 18)
        scale = 0;
    /* at least scale + 1 digits, so that there is one before the point */
    int n = snprintf(digits, sizeof digits, "%0*llu", scale + 1, (unsigned long long)u);
    int ip = n - scale, fl = scale;
    while (fl > 0 && digits[ip + fl - 1] == '0')
        fl--;
    snprintf(text, sizeof text, "%s%s%.*s%s%.*s", marker, v < 0 ? "-" : "", ip, digits,
             fl ? "." : "", fl, digits + ip);
    return json_string(text);
}

json_t *pc_api_time(const char *datetime_utc)
{
    if (!datetime_utc || strlen(datetime_utc) < 19)
        return NULL;
    char buf[24];
    snprintf(buf, sizeof buf, "%.10sT%.8sZ", datetime_utc, datetime_utc + 11);
    return json_string(buf);
}

json_t *pc_api_id(int64_t id)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)id);
    return json_string(buf);
}

char *api_dump(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        return NULL;
    size_t ml = strlen(marker_json);
    char *out = malloc(strlen(s) + 1), *d = out;
    if (!out) {
        free(s);
        return NULL;
    }
    for (const char *p = s; *p;) {
        if (p[0] == '"' && strncmp(p + 1, marker_json, ml) == 0) {
            p += 1 + ml; /* the number's text, up to the closing quote */
            while (*p && *p != '"')
                *d++ = *p++;
            p += *p == '"';
        } else {
            *d++ = *p++;
        }
    }
    *d = '\0';
    free(s);
    return out;
}

/* Copy the body, wrapping the numbers with a fraction or exponent (outside strings). */
static char *wrap_decimals(pc_api *a)
{
    size_t n = a->body_len, k = 0;
    /* worst case each byte starts a number: quote + marker + quote around one char */
    char *out = pc_arena_alloc(&a->arena, n * 44 + 1);
    const char *s = a->body;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '"') { /* copy a string whole */
            out[k++] = s[i++];
            while (i < n && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < n)
                    out[k++] = s[i++];
                out[k++] = s[i++];
            }
            if (i < n)
                out[k++] = s[i++];
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t j = i;
            int real = 0;
            while (j < n && strchr("+-0123456789.eE", s[j]) && s[j])
                real |= s[j] == '.' || s[j] == 'e' || s[j] == 'E', j++;
            if (real) {
                k += (size_t)sprintf(out + k, "\"%s", marker_json);
                memcpy(out + k, s + i, j - i);
                k += j - i;
                out[k++] = '"';
            } else {
                memcpy(out + k, s + i, j - i);
                k += j - i;
            }
            i = j;
        } else {
            out[k++] = s[i++];
        }
    }
    out[k] = '\0';
    return out;
}

/* A wrapped token must be a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number_ok(const char *t)
{
    if (*t == '-')
        t++;
    if (*t == '0')
        t++;
    else if (*t >= '1' && *t <= '9')
        while (*t >= '0' && *t <= '9')
            t++;
    else
        return 0;
    if (*t == '.') {
        t++;
        if (*t < '0' || *t > '9')
            return 0;
        while (*t >= '0' && *t <= '9')
            t++;
    }
    if (*t == 'e' || *t == 'E') {
        t++;
        if (*t == '+' || *t == '-')
            t++;
        if (*t < '0' || *t > '9')
            return 0;
        while (*t >= '0' && *t <= '9')
            t++;
    }
    return *t == '\0';
}

static int numbers_ok(json_t *v)
{
    const char *key;
    json_t *x;
    size_t i;
    const char *d = api_decimal_text(v);
    if (d)
        return json_number_ok(d);
    if (json_is_object(v)) {
        /* a key that is a wrapped decimal was a bare number where a key goes: not JSON */
        json_object_foreach(v, key, x)
        {
            if (strncmp(key, marker, 33) == 0 || !numbers_ok(x))
                return 0;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x) if (!numbers_ok(x)) return 0;
    }
    return 1;
}

int api_parse_body(pc_api *a)
{
    json_error_t err;
    a->json = NULL;
    if (a->body_len == 0)
        return 0;
    if (memchr(a->body, '\0', a->body_len))
        return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: the request body is not JSON.");
    json_t *j = json_loads(wrap_decimals(a), JSON_REJECT_DUPLICATES, &err);
    if (!j)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: the request body is not valid JSON (%s at line %d, "
                            "column %d).",
                            err.text, err.line, err.column);
    if (!json_is_object(j) || !numbers_ok(j)) {
        json_decref(j);
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: the request body must be one JSON object.");
    }
    a->json = j;
    return 0;
}
