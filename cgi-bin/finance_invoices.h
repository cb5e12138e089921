/*
 * Invoices (ch09 §9.4.3a) and withholding-tax certificates (§9.4.3b) of
 * Sales > Financial Information: the list, invoice info and switch
 * (finance_invoices.c), the PDF (finance_invoices_pdf.c).
 */
#ifndef PC_FINANCE_INVOICES_H
#define PC_FINANCE_INVOICES_H
#include <stdint.h>

#include "web/app.h"

extern const pc_route_table finance_invoice_routes, finance_invoice_pdf_routes, finance_wht_routes;

/* Answer WHT certificate `id`'s attachment (of partner `partner`; 0: any) as a download. */
int wht_send_attachment(pc_ctx *c, int64_t id, int64_t partner);

/* The Invoices tabs marking `active`; sets Page.wht for a partner registered in MY, TH or PH
   and Page.is_admin for an Admin. */
void invoices_tabs(pc_ctx *c, const char *active);

#endif
