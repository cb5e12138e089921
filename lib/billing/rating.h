/*
 * rating — the pure arithmetic of rating usage (spec 3d.4–3d.6, 9.3.4.3).
 * Usage quantities are fixed point in units of 10^-10 (DECIMAL(30,10));
 * money is int64_t in units of 10^-8 (money.h).  Never floating point.
 */
#ifndef PC_RATING_H
#define PC_RATING_H
#include <stddef.h>
#include <stdint.h>

/* A quantity in units of 10^-10. */
typedef __int128 pc_qty;
#define PC_QTY_SCALE ((pc_qty)10000000000LL)

/*
 * Parse a non-negative decimal "12", "0.5", "1.0000000001" (at most
 * `max_decimals` decimals, at most 18 digits before the point; no sign, no
 * exponent, no separators) into units of 10^-10.  Returns 0, or -1 on a
 * malformed value (then *out is untouched).
 */
int pc_qty_parse(const char *s, int max_decimals, pc_qty *out);

/* Write q (10^-10 units, may be negative) as "123.4567890000" (10 decimals)
 * into buf; returns buf. */
char *pc_qty_format(pc_qty q, char *buf, size_t size);

/*
 * Pricing quantity = trunc10(usage / conversion factor) (3d.6); both in
 * 10^-10 units, factor > 0.  Returns 0, or -1 when the factor is not
 * positive or the result would overflow.
 */
int pc_rate_pricing_qty(pc_qty usage, pc_qty factor, pc_qty *out);

/*
 * List amount = pricing quantity × list price per pricing unit, rounded
 * half-up (away from zero) to 8 decimals.  Returns 0, or -1 when the amount
 * does not fit in an int64_t.
 */
int pc_rate_list_amount(pc_qty pricing_qty, int64_t list_price, int64_t *out);

/* One rated usage record. */
typedef struct pc_rated {
    pc_qty usage_qty, pricing_qty;
    int64_t list_amount, discount, amount_due;
} pc_rated;

/*
 * Rate one usage record: quantity and conversion factor as decimal strings
 * (as MariaDB returns DECIMAL columns), list price per pricing unit in
 * 10^-8.  Covered usage (a resource bought as reserved instance, savings
 * plan or yearly/monthly package) keeps its list amount as the discount and
 * is due 0.  Returns 0, or -1 on a malformed input or an overflow.
 */
int pc_rate_usage(const char *quantity, const char *factor, int64_t list_price, int covered,
                  pc_rated *out);

/* n / d rounded half away from zero (d > 0). */
__int128 pc_div_half_up(__int128 n, __int128 d);

/*
 * The 95th-percentile billable value (3d.5): v[0..n) is sorted in place,
 * descending; k = floor(0.05 × n) values are discarded and v[k] (the
 * (k+1)-th largest) is returned; *discarded gets k.  n = 0 returns 0.
 */
int64_t pc_p95_billable(int64_t *v, size_t n, size_t *discarded);

/* Usage Days/Total (3d.4) = (points / 288) / days_in_month, in 1/10000,
 * rounded half-up. */
int pc_p95_usage_days_bp(int64_t points, int days_in_month);

/*
 * The 95th-percentile charge (3d.3): price (10^-8 per Mbps) × billable
 * (10^-6 Mbps) × (points / 288) / days, rounded half-up to 8 decimals — the
 * ratio is applied exactly, not its rounded basis points.  -1 on overflow.
 */
int pc_p95_amount(int64_t price, int64_t billable_micro, int64_t points, int days_in_month,
                  int64_t *out);

#endif
