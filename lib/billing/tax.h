/*
 * tax — the pure rules of VAT as data (ch11-14 §13.6, §13.7): reading a rate
 * typed by the operator, the EN 16931 category of an invoice, the overlap of
 * two validity periods, and who may upload withholding-tax certificates.
 * The rates themselves are rows of tax_rates (sql/020_invoices.sql).
 */
#ifndef PC_TAX_H
#define PC_TAX_H
#include <stdint.h>

/*
 * A rate in percent ("23", "8.1", "7.75"; at most 4 decimals, 0..100) into
 * parts per million.  Returns 0, or -1 when malformed or out of range
 * (*ppm untouched).
 */
int pc_tax_rate_parse(const char *s, int32_t *ppm);

/*
 * The EN 16931 VAT category code (UNCL5305) of an invoice taxed at rate_ppm:
 * "AE" under reverse charge, else the row's category when it has one
 * ("Z", "E", "O", "S"), else "S" for a positive rate and "O" (outside the
 * scope of VAT) for 0.  row_category may be NULL or "".
 */
const char *pc_tax_category(int32_t rate_ppm, const char *row_category, int reverse_charge);

/* The exemption reason printed with category AE (BR-AE-10), or NULL for the others. */
const char *pc_tax_exemption_note(const char *category);

/*
 * Whether the day ranges [from1, to1] and [from2, to2] share a day.  Dates
 * are "YYYY-MM-DD"; a NULL or empty `to` is open (no end).
 */
int pc_tax_periods_overlap(const char *from1, const char *to1, const char *from2, const char *to2);

/* Whether a partner registered in `country` may upload WHT certificates (9.4.3b: MY, TH, PH). */
int pc_tax_wht_country(const char *country);

#endif
