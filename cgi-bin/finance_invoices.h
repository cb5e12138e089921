/*
 * Invoices (ch09 §9.4.3a) and withholding-tax certificates (§9.4.3b) of
 * Sales > Financial Information: the list, invoice info and switch
 * (finance_invoices.c), the PDF (finance_invoices_pdf.c).
 */
#ifndef PC_FINANCE_INVOICES_H
#define PC_FINANCE_INVOICES_H
#include "app.h"

extern const pc_route_table finance_invoice_routes, finance_invoice_pdf_routes;

/* The Invoices tabs marking `active`; sets Page.wht for a partner registered in MY, TH or PH
   and Page.is_admin for an Admin. */
void invoices_tabs(pc_ctx *c, const char *active);

#endif
