/*
 * en16931 — the document-level totals rules of EN 16931-1 (BR-CO-10 to
 * BR-CO-16), the two-decimal rule of its amounts and the "no VAT" rules of
 * the categories AE, Z, E and O (BR-xx-05 rate 0, BR-xx-08 VAT 0), checked
 * on an invoice before it is issued (issue 6, ch09 §9.4.3a).  Pure: no database.
 *
 * Amounts are int64 in 10^-8 of the invoice currency (lib/base/money.h); an
 * invoice amount must be a whole number of cents.
 */
#ifndef PC_EN16931_H
#define PC_EN16931_H
#include <stddef.h>
#include <stdint.h>

/* One VAT breakdown (BG-23): category code, rate, taxable amount (BT-116), tax (BT-117). */
typedef struct pc_en_vat {
    const char *category;
    int32_t rate_ppm;
    int64_t taxable, tax;
} pc_en_vat;

typedef struct pc_en_doc {
    const int64_t *line_net; /* BT-131 of each line */
    size_t nlines;
    const int64_t *allowances; /* BT-92 of each document-level allowance */
    size_t nallowances;
    const int64_t *charges; /* BT-99 of each document-level charge */
    size_t ncharges;
    const pc_en_vat *vat;
    size_t nvat;
    int64_t line_total;      /* BT-106 */
    int64_t allowance_total; /* BT-107 */
    int64_t charge_total;    /* BT-108 */
    int64_t tax_exclusive;   /* BT-109 */
    int64_t tax_total;       /* BT-110 */
    int64_t tax_inclusive;   /* BT-112 */
    int64_t prepaid;         /* BT-113 */
    int64_t rounding;        /* BT-114 */
    int64_t payable;         /* BT-115 */
} pc_en_doc;

/*
 * Check the totals of d.  Returns NULL when every rule holds, else the id of
 * the first broken rule ("BR-CO-13", "BR-E-05", or "BR-DEC" for an amount
 * finer than a cent) and writes into why (size bytes) what was expected and found.
 */
const char *pc_en16931_check(const pc_en_doc *d, char *why, size_t size);

#endif
