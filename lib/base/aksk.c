#include "base/aksk.h"
#include "base/clock.h"
#include "base/req.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char hexdig[] = "0123456789ABCDEF";

/* Decode %XX (only; '+' stays '+') of s[0..n) into arena memory; *out_len its length.
 * A '%' not followed by two hex digits is kept as is, as the vendor's gateway does, and so
 * is an escape of a byte below `min`. */
static char *decode_from(pc_arena *a, const char *s, size_t n, int min, size_t *out_len)
{
    char *d = pc_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = pc_hex_value((unsigned char)s[i + 1])) >= 0 &&
            (l = pc_hex_value((unsigned char)s[i + 2])) >= 0 && h * 16 + l >= min) {
            d[k++] = (char)(h * 16 + l);
            i += 2;
        } else {
            d[k++] = s[i];
        }
    }
    d[k] = '\0';
    *out_len = k;
    return d;
}

static char *decode(pc_arena *a, const char *s, size_t n, size_t *out_len)
{
    return decode_from(a, s, n, 0, out_len);
}

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

/* Append the encoding of s[0..n) (§4.2 step 5.2) at d; returns the new end. */
static char *encode_into(char *d, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c)) {
            *d++ = (char)c;
        } else {
            *d++ = '%';
            *d++ = hexdig[c >> 4];
            *d++ = hexdig[c & 15];
        }
    }
    return d;
}

/* Each '/'-separated segment of p[0..n) encoded (§4.2 step 5.2), a '/' appended if missing. */
static char *encode_segments(pc_arena *a, const char *p, size_t n)
{
    char *out = pc_arena_alloc(a, 3 * n + 2), *d = out;
    size_t seg = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '/') {
            d = encode_into(d, p + seg, i - seg);
            if (i < n)
                *d++ = '/';
            seg = i + 1;
        }
    }
    if (d == out || d[-1] != '/')
        *d++ = '/';
    *d = '\0';
    return out;
}

char *pc_aksk_canonical_uri(pc_arena *a, const char *raw_path)
{
    size_t n;
    const char *p = decode(a, raw_path, strlen(raw_path), &n);
    return encode_segments(a, p, n);
}

char *pc_aksk_canonical_uri_twice(pc_arena *a, const char *raw_path)
{
    /* its URL parser left non-ASCII letters as they were and escaped the rest */
    size_t n;
    const char *p = decode_from(a, raw_path, strlen(raw_path), 0x80, &n);
    return encode_segments(a, p, n);
}

char *pc_aksk_with_uri(pc_arena *a, const char *canonical_request, const char *uri)
{
    const char *first = strchr(canonical_request, '\n');
    const char *second = first ? strchr(first + 1, '\n') : NULL;
    if (!second)
        return NULL;
    return pc_arena_printf(a, "%.*s%s%s", (int)(first - canonical_request + 1), canonical_request,
                           uri, second);
}

typedef struct qpair {
    const char *name, *value;
    size_t nlen, vlen;
} qpair;

static int bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

static int qpair_cmp(const void *x, const void *y)
{
    const qpair *a = x, *b = y;
    int c = bytes_cmp(a->name, a->nlen, b->name, b->nlen);
    return c ? c : bytes_cmp(a->value, a->vlen, b->value, b->vlen);
}

char *pc_aksk_canonical_query(pc_arena *a, const char *raw_query)
{
    size_t len = strlen(raw_query), n = 0, cap = 1, total = 0;
    for (size_t i = 0; i < len; i++)
        cap += raw_query[i] == '&';
    qpair *v = pc_arena_alloc(a, cap * sizeof *v);
    const char *s = raw_query;
    while (*s) {
        size_t item = strcspn(s, "&");
        if (item) {
            const char *eq = memchr(s, '=', item);
            size_t nl = eq ? (size_t)(eq - s) : item;
            v[n].name = decode(a, s, nl, &v[n].nlen);
            v[n].value = eq ? decode(a, eq + 1, item - nl - 1, &v[n].vlen) : "";
            if (!eq)
                v[n].vlen = 0;
            total += 3 * (v[n].nlen + v[n].vlen) + 2;
            n++;
        }
        s += item + (s[item] == '&');
    }
    qsort(v, n, sizeof *v, qpair_cmp);
    char *out = pc_arena_alloc(a, total + 1), *d = out;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *d++ = '&';
        d = encode_into(d, v[i].name, v[i].nlen);
        *d++ = '=';
        d = encode_into(d, v[i].value, v[i].vlen);
    }
    *d = '\0';
    return out;
}

/* Copy the text of "Name=" at *p up to the next ", " (or the end) into out. */
static int auth_item(const char **p, const char *name, char *out, size_t outlen, int last)
{
    size_t nl = strlen(name);
    if (strncmp(*p, name, nl) != 0)
        return -1;
    *p += nl;
    const char *end = last ? *p + strlen(*p) : strchr(*p, ',');
    if (!end || end == *p || (size_t)(end - *p) >= outlen || memchr(*p, ',', (size_t)(end - *p)))
        return -1;
    memcpy(out, *p, (size_t)(end - *p));
    out[end - *p] = '\0';
    *p = end;
    if (!last) {
        if (strncmp(*p, ", ", 2) != 0)
            return -1;
        *p += 2;
    }
    return 0;
}

int pc_aksk_parse_authorization(const char *header, pc_aksk_auth *out)
{
    static const char algo[] = "SDK-HMAC-SHA256 ";
    memset(out, 0, sizeof *out);
    if (!header || strncmp(header, algo, sizeof algo - 1) != 0)
        return -1;
    const char *p = header + sizeof algo - 1;
    if (auth_item(&p, "Access=", out->access, sizeof out->access, 0) ||
        auth_item(&p, "SignedHeaders=", out->signed_headers, sizeof out->signed_headers, 0) ||
        auth_item(&p, "Signature=", out->signature, sizeof out->signature, 1))
        return -1;
    if (strlen(out->signature) != 64 || strspn(out->signature, "0123456789abcdef") != 64)
        return -1;
    return 0;
}

int pc_aksk_parse_date(const char *s, time_t *t)
{
    char utc[20];
    time_t at;
    if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z' || strspn(s, "0123456789") != 8 ||
        strspn(s + 9, "0123456789") != 6)
        return -1;
    snprintf(utc, sizeof utc, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", s, s + 4, s + 6, s + 9, s + 11,
             s + 13);
    if (pc_clock_parse(utc, &at) || at < 0) /* a real time, from 1970 */
        return -1;
    *t = at;
    return 0;
}

int pc_aksk_check_signed_headers(const char *list)
{
    int host = 0, date = 0;
    const char *prev = NULL;
    size_t prevlen = 0;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ";");
        if (n == 0 || strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
            return -1;
        if (prev && bytes_cmp(prev, prevlen, p, n) >= 0)
            return -1; /* not sorted, or twice */
        host |= n == 4 && memcmp(p, "host", 4) == 0;
        date |= n == 10 && memcmp(p, "x-sdk-date", 10) == 0;
        prev = p, prevlen = n;
        if (!p[n])
            break;
        p += n + 1;
    }
    return host && date ? 0 : -1;
}

void pc_aksk_sha256_hex(const void *data, size_t len, char out[PC_AKSK_HEX])
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Trim leading and trailing spaces and tabs (inner ones kept, §4.2 step 5.4). */
static char *trim(pc_arena *a, const char *v)
{
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    return pc_arena_strndup(a, v, n);
}

char *pc_aksk_canonical_request(pc_arena *a, const char *method, const char *raw_path,
                                const char *raw_query, const char *signed_headers,
                                pc_aksk_header_fn header, void *arg, const void *body,
                                size_t body_len, const char **missing)
{
    char hash[PC_AKSK_HEX];
    char *headers = pc_arena_strdup(a, "");
    for (const char *p = signed_headers; *p;) {
        size_t n = strcspn(p, ";");
        char *name = pc_arena_strndup(a, p, n);
        int count = 0;
        const char *v = header(arg, name, &count);
        if (!v || count != 1) {
            *missing = name;
            return NULL;
        }
        headers = pc_arena_printf(a, "%s%s:%s\n", headers, name, trim(a, v));
        p += n + (p[n] == ';');
    }
    pc_aksk_sha256_hex(body, body_len, hash);
    return pc_arena_printf(a, "%s\n%s\n%s\n%s\n%s\n%s", method, pc_aksk_canonical_uri(a, raw_path),
                           pc_aksk_canonical_query(a, raw_query), headers, signed_headers, hash);
}

char *pc_aksk_string_to_sign(pc_arena *a, const char *sdk_date, const char *canonical_request)
{
    char hash[PC_AKSK_HEX];
    pc_aksk_sha256_hex(canonical_request, strlen(canonical_request), hash);
    return pc_arena_printf(a, "SDK-HMAC-SHA256\n%s\n%s", sdk_date, hash);
}

void pc_aksk_sign(const char *sk, size_t sk_len, const char *string_to_sign, char out[PC_AKSK_HEX])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    HMAC(EVP_sha256(), sk, (int)sk_len, (const unsigned char *)string_to_sign,
         strlen(string_to_sign), md, &mdlen);
    for (unsigned i = 0; i < mdlen && i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int pc_aksk_equal(const char *a, const char *b)
{
    if (strlen(a) != 64 || strlen(b) != 64)
        return 0;
    return CRYPTO_memcmp(a, b, 64) == 0;
}
