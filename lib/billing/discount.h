/*
 * discount — the inputs and outputs of the settlement data the vendor's
 * operator grants (ch09 §9.4.4.1, §9.7.1.1, §9.4.1.2): percentages as parts
 * per million, date-times typed in the billing time zone, exchange rates as
 * exact decimals.  Pure functions, no database.
 */
#ifndef PC_DISCOUNT_H
#define PC_DISCOUNT_H
#include <stddef.h>
#include <stdint.h>

#include "base/valid.h"

/*
 * "15", "15.5", "15.25" (0 to 100, at most 2 decimals) → parts per million
 * (150000, 155000, 152500).  Returns 0, or -1 (then *ppm is untouched).
 */
int pc_discount_parse_percent(const char *s, int64_t *ppm);

/* ppm → "15.25" (always 2 decimals, no % sign).  Returns buf. */
char *pc_discount_format_ppm(int64_t ppm, char *buf, size_t n);

/* A linear size in thousandths → "10", "2.5", "0.125" (no trailing zeros).  Returns buf. */
char *pc_discount_format_milli(int64_t milli, char *buf, size_t n);

/*
 * A date-time as typed: "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" or the
 * same with a 'T' (an <input type="datetime-local">) → "YYYY-MM-DD
 * HH:MM:SS" in out (the same wall time: the caller converts it to UTC with
 * pc_clock_utc_of_local).  Returns 0, or -1 when it is not a real time.
 */
int pc_discount_parse_datetime(const char *s, char out[20]);

/*
 * An exchange rate "7.1234567891": digits, at most 10 before and 10 after
 * the point, greater than 0 (DECIMAL(20,10)).  Returns 0 or -1.
 */
int pc_discount_check_rate(const char *s);

/* Field validators (pc_field.check) over the functions above; out->i is the
 * ppm of a percent; the date-time and the rate keep their text in out->s. */
const char *pc_valid_percent(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_datetime(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_rate(const pc_field *f, const char *in, pc_value *out);

#endif
