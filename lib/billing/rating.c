#include "billing/rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WHOLE_DIGITS 18

int pc_qty_parse(const char *s, int max_decimals, pc_qty *out)
{
    pc_qty whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    if (!s || max_decimals < 0 || max_decimals > 10)
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (++digits > MAX_WHOLE_DIGITS)
            return -1;
        whole = whole * 10 + (*s - '0');
    }
    if (digits == 0)
        return -1;
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (++decimals > max_decimals)
                return -1;
            frac = frac * 10 + (*s - '0');
        }
        if (decimals == 0)
            return -1;
    }
    if (*s)
        return -1;
    for (int i = decimals; i < 10; i++)
        frac *= 10;
    *out = whole * PC_QTY_SCALE + frac;
    return 0;
}

char *pc_qty_format(pc_qty q, char *buf, size_t size)
{
    char digits[48];
    int n = 0;
    unsigned __int128 a =
        q < 0 ? (unsigned __int128)0 - (unsigned __int128)q : (unsigned __int128)q;
    /* digits in reverse, at least 11 so that there is a leading "0." */
    do {
        digits[n++] = (char)('0' + (int)(a % 10));
        a /= 10;
    } while (a || n < 11);
    char out[64];
    size_t o = 0;
    if (q < 0)
        out[o++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        out[o++] = digits[i];
        if (i == 10)
            out[o++] = '.';
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

__int128 pc_div_half_up(__int128 n, __int128 d)
{
    __int128 q = n / d, r = n % d;
    if (r < 0)
        r = -r;
    if (2 * r >= d)
        q += n < 0 ? -1 : 1;
    return q;
}

int pc_rate_pricing_qty(pc_qty usage, pc_qty factor, pc_qty *out)
{
    __int128 scaled;
    if (factor <= 0 || __builtin_mul_overflow(usage, PC_QTY_SCALE, &scaled))
        return -1;
    *out = scaled / factor; /* C division truncates toward zero: trunc10 */
    return 0;
}

int pc_rate_list_amount(pc_qty pricing_qty, int64_t list_price, int64_t *out)
{
    __int128 p;
    if (__builtin_mul_overflow(pricing_qty, (__int128)list_price, &p))
        return -1;
    /* 10^-10 × 10^-8 units → 10^-8 units: divide by 10^10 */
    __int128 v = pc_div_half_up(p, PC_QTY_SCALE);
    if (v > INT64_MAX || v < -INT64_MAX)
        return -1;
    *out = (int64_t)v;
    return 0;
}

int pc_rate_usage(const char *quantity, const char *factor, int64_t list_price, int covered,
                  pc_rated *out)
{
    pc_qty f;
    pc_rated r = {0};
    if (pc_qty_parse(quantity, 10, &r.usage_qty) || pc_qty_parse(factor, 10, &f) ||
        pc_rate_pricing_qty(r.usage_qty, f, &r.pricing_qty) ||
        pc_rate_list_amount(r.pricing_qty, list_price, &r.list_amount))
        return -1;
    r.discount = covered ? r.list_amount : 0;
    r.amount_due = r.list_amount - r.discount;
    *out = r;
    return 0;
}

static int desc(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

int64_t pc_p95_billable(int64_t *v, size_t n, size_t *discarded)
{
    size_t k = n * 5 / 100;
    if (discarded)
        *discarded = n ? k : 0;
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, desc);
    return v[k];
}

int pc_p95_usage_days_bp(int64_t points, int days_in_month)
{
    if (days_in_month <= 0)
        return 0;
    return (int)pc_div_half_up((__int128)points * 10000, (__int128)288 * days_in_month);
}

int pc_p95_amount(int64_t price, int64_t billable_micro, int64_t points, int days_in_month,
                  int64_t *out)
{
    __int128 n, d = (__int128)1000000 * 288 * days_in_month;
    if (days_in_month <= 0 ||
        __builtin_mul_overflow((__int128)price, (__int128)billable_micro, &n) ||
        __builtin_mul_overflow(n, (__int128)points, &n))
        return -1;
    __int128 v = pc_div_half_up(n, d);
    if (v > INT64_MAX || v < -INT64_MAX)
        return -1;
    *out = (int64_t)v;
    return 0;
}
