#include "base/money.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int pc_money_parse(const char *s, int64_t *out)
{
    int neg = 0, digits = 0, group = -1, decimals = 0;
    uint64_t whole = 0, frac = 0;
    if (!s)
        return -1;
    if (*s == '-' || *s == '+')
        neg = (*s++ == '-');
    for (; *s && *s != '.'; s++) {
        if (*s == ',') {
            if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
                return -1;
            group = 0;
            continue;
        }
        if (*s < '0' || *s > '9')
            return -1;
        whole = whole * 10 + (uint64_t)(*s - '0');
        if (whole > (uint64_t)(PC_MONEY_MAX / PC_MONEY_SCALE))
            return -1;
        digits++;
        if (group >= 0)
            group++;
    }
    if (digits == 0 || (group >= 0 && group != 3))
        return -1;
    if (*s == '.') {
        s++;
        if (!*s)
            return -1;
        for (; *s; s++) {
            if (*s < '0' || *s > '9' || ++decimals > 8)
                return -1;
            frac = frac * 10 + (uint64_t)(*s - '0');
        }
    }
    for (int i = decimals; i < 8; i++)
        frac *= 10;
    uint64_t v = whole * (uint64_t)PC_MONEY_SCALE + frac;
    if (v > (uint64_t)PC_MONEY_MAX)
        return -1;
    *out = neg ? -(int64_t)v : (int64_t)v;
    return 0;
}

/* Round half away from zero to a multiple of unit; at the very ends of int64_t,
 * where rounding away would overflow, round toward zero instead. */
static int64_t round_to(int64_t v, int64_t unit)
{
    int64_t r = v % unit, half = unit / 2, out;
    if (r >= half && !__builtin_add_overflow(v - r, unit, &out))
        return out;
    if (r <= -half && !__builtin_sub_overflow(v - r, unit, &out))
        return out;
    return v - r;
}

int64_t pc_money_round2(int64_t v)
{
    return round_to(v, PC_MONEY_SCALE / 100);
}

/* The decimal digits of v, most significant first, into out (no terminator); their count. */
static int digits_of(uint64_t v, char *out)
{
    char rev[24];
    int n = 0;
    do
        rev[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    for (int i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    return n;
}

/* Written digit by digit: exports format millions of amounts (snprintf cost a third of a row). */
char *pc_money_format(int64_t v, int decimals, int grouping, char *buf, size_t size)
{
    static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    char digits[24], out[48];
    if (decimals < 0)
        decimals = 0;
    if (decimals > 8)
        decimals = 8;
    int64_t unit = pow10[8 - decimals];
    if (unit > 1)
        v = round_to(v, unit);
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t whole = a / (uint64_t)PC_MONEY_SCALE,
             frac = (a % (uint64_t)PC_MONEY_SCALE) / (uint64_t)unit;
    int n = digits_of(whole, digits);
    size_t o = 0;
    if (v < 0)
        out[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (grouping && i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    if (decimals > 0) {
        out[o++] = '.';
        for (int i = decimals - 1; i >= 0; i--, frac /= 10)
            out[o + (size_t)i] = (char)('0' + frac % 10);
        o += (size_t)decimals;
    }
    out[o] = '\0';
    if (size > 0) {
        size_t len = o < size - 1 ? o : size - 1;
        memcpy(buf, out, len);
        buf[len] = '\0';
    }
    return buf;
}

int pc_rate_parse(const char *rate, __int128 *e10)
{
    __int128 r = 0;
    int decimals = -1;
    if (!rate || !*rate)
        return -1;
    for (const char *s = rate; *s; s++) {
        if (*s == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (!isdigit((unsigned char)*s) || decimals >= 10 || r > (__int128)1000000000000LL)
            return -1;
        r = r * 10 + (*s - '0');
        if (decimals >= 0)
            decimals++;
    }
    for (int d = decimals < 0 ? 0 : decimals; d < 10; d++)
        r *= 10;
    *e10 = r;
    return 0;
}

int pc_money_cents_of(__int128 num, __int128 den, int64_t *out)
{
    if (den <= 0)
        return -1;
    int neg = num < 0;
    if (neg)
        num = -num;
    __int128 cents = (num + den / 2) / den;
    if (cents > (__int128)INT64_MAX / 1000000)
        return -1;
    *out = (int64_t)(neg ? -cents : cents) * 1000000;
    return 0;
}
