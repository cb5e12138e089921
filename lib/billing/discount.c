#include "billing/discount.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int pc_discount_parse_percent(const char *s, int64_t *ppm)
{
    size_t len = strlen(s), dot = strcspn(s, ".");
    int whole, frac = 0;
    if (dot == 0 || dot > 3 || digits(s, dot, &whole))
        return -1;
    if (dot < len) {
        size_t nf = len - dot - 1;
        if (nf == 0 || nf > 2 || digits(s + dot + 1, nf, &frac))
            return -1;
        if (nf == 1)
            frac *= 10;
    }
    int64_t v = (int64_t)whole * 10000 + frac * 100;
    if (v > 1000000)
        return -1;
    *ppm = v;
    return 0;
}

char *pc_discount_format_ppm(int64_t ppm, char *buf, size_t n)
{
    /* ppm carry at most 2 decimals of a percent when entered here; others are rounded half-up */
    int64_t hundredths = (ppm + 50) / 100;
    snprintf(buf, n, "%lld.%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
    return buf;
}

char *pc_discount_format_milli(int64_t milli, char *buf, size_t n)
{
    snprintf(buf, n, "%lld.%03lld", (long long)(milli / 1000), (long long)(milli % 1000));
    char *end = buf + strlen(buf) - 1;
    while (*end == '0')
        *end-- = '\0';
    if (*end == '.')
        *end = '\0';
    return buf;
}

int pc_discount_parse_datetime(const char *s, char out[20])
{
    size_t len = strlen(s);
    char tmp[20];
    time_t t;
    if ((len != 16 && len != 19) || (s[10] != ' ' && s[10] != 'T'))
        return -1;
    /* "YYYY-MM-DD HH:MM" gets ":00"; the clock checks the rest */
    snprintf(tmp, sizeof tmp, "%.10s %.5s%s", s, s + 11, len == 16 ? ":00" : s + 16);
    if (pc_clock_parse(tmp, &t) || t < 0)
        return -1;
    memcpy(out, tmp, 20);
    return 0;
}

int pc_discount_check_rate(const char *s)
{
    size_t len = strlen(s), dot = strcspn(s, ".");
    int nonzero = 0;
    if (dot == 0 || dot > 10 || (dot < len && (len - dot - 1 == 0 || len - dot - 1 > 10)))
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (i == dot)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        nonzero |= s[i] != '0';
    }
    return nonzero ? 0 : -1;
}

const char *pc_valid_percent(const pc_field *f, const char *in, pc_value *out)
{
    (void)f;
    if (pc_discount_parse_percent(in, &out->i))
        return "disc.err.percent";
    out->s = in;
    return NULL;
}

const char *pc_valid_datetime(const pc_field *f, const char *in, pc_value *out)
{
    char norm[20];
    (void)f;
    if (pc_discount_parse_datetime(in, norm))
        return "disc.err.datetime";
    out->s = in;
    return NULL;
}

const char *pc_valid_rate(const pc_field *f, const char *in, pc_value *out)
{
    (void)f;
    if (pc_discount_check_rate(in))
        return "disc.err.rate";
    out->s = in;
    return NULL;
}
