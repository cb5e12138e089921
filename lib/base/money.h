/*
 * money — amounts are int64_t in units of 10^-8 of the currency (the guide
 * keeps 8 decimal places on rated amounts).  Never floating point.
 */
#ifndef PC_MONEY_H
#define PC_MONEY_H
#include <stddef.h>
#include <stdint.h>

#define PC_MONEY_SCALE INT64_C(100000000)
/* Largest amount accepted from input: 90,000,000,000.00000000 (far beyond any
 * bill; leaves room so that sums and rounding of parsed amounts cannot overflow). */
#define PC_MONEY_MAX (INT64_C(90000000000) * PC_MONEY_SCALE)

/*
 * Parse "1234", "-1,234.5", "0.00000001" into *out.  Thousands separators
 * are accepted only in groups of three.  At most 8 decimals; |value| <= PC_MONEY_MAX.  Returns 0,
 * or -1 on a malformed or out-of-range value (then *out is untouched).
 */
int pc_money_parse(const char *s, int64_t *out);

/*
 * Format v with `decimals` (0..8) decimals, truncating nothing: v must be a
 * multiple of the dropped precision or it is rounded half-up first.  With
 * `grouping` a comma separates thousands.  Writes at most `size` bytes into
 * buf and returns buf.
 */
char *pc_money_format(int64_t v, int decimals, int grouping, char *buf, size_t size);

/* Round half away from zero to 2 decimals (the one rounding rule of the spec). */
int64_t pc_money_round2(int64_t v);

/*
 * An exchange rate as the database stores it ("0.9010211901": digits, at most one '.', at
 * most 10 decimals) as an integer of 10^-10 units.  0, or -1 when malformed.
 */
int pc_rate_parse(const char *rate, __int128 *e10);
/*
 * num / den rounded half away from zero to whole cents, as an amount (10^-8 units).  0, or
 * -1 when den is not positive or the result does not fit.
 */
int pc_money_cents_of(__int128 num, __int128 den, int64_t *out);

#endif
