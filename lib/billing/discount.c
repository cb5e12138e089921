#include "billing/discount.h"

#include <stdio.h>
#include <string.h>

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

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

int pc_discount_parse_datetime(const char *s, char out[20])
{
    size_t len = strlen(s);
    int y, mo, d, h, mi, sec = 0;
    if ((len != 16 && len != 19) || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
        s[13] != ':' || digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
        digits(s + 11, 2, &h) || digits(s + 14, 2, &mi))
        return -1;
    if (len == 19 && (s[16] != ':' || digits(s + 17, 2, &sec)))
        return -1;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
        mi > 59 || sec > 59)
        return -1;
    char tmp[80]; /* the fields are in range; the compiler cannot know */
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
    memcpy(out, tmp, 19);
    out[19] = '\0';
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
