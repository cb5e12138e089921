/*
 * ubl — an invoice (lib/billing/invoice.h) as an OASIS UBL 2.1 document following
 * EN 16931 (CIUS-free core): an Invoice (type 380), or a CreditNote (type
 * 381) referring to the invoice it corrects.  Seller and buyer parties with
 * their VAT ids, the document-level allowance (cash coupons), one VAT
 * breakdown with its category code (S, AE with the exemption reason, Z, E,
 * O), the lines and the document totals.  Amounts are written with 2
 * decimals.
 */
#ifndef PC_UBL_H
#define PC_UBL_H
#include <stddef.h>

#include "billing/invoice.h"

/* The XML of d in a malloc'd, NUL-terminated buffer (*len bytes), or NULL when out of memory. */
char *pc_ubl_write(const pc_invoice_doc *d, size_t *len);

#endif
