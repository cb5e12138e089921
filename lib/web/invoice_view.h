/* invoice_view — answering an invoice's UBL document over HTTP (admin and finance pages). */
#ifndef PC_INVOICE_VIEW_H
#define PC_INVOICE_VIEW_H
#include <stdint.h>

#include "web/app.h"

/*
 * Answer the UBL 2.1 XML (lib/ubl) of invoice `id` of partner `partner_id`
 * (0: any partner, for the operator) as an attachment "<number>.xml".  A
 * refused invoice has no number and no document: 404, as an unknown one or
 * another partner's.  Returns the status for the route handler.
 */
int pc_invoice_send_ubl(pc_ctx *c, int64_t id, int64_t partner_id);

/* 10^-8 amount → "1,234.56" on the request's arena. */
const char *pc_invoice_amount(pc_ctx *c, int64_t v);

/* Each node of `prefix` with a 10^-8 field `field`: field_text = the amount with 2 decimals. */
void pc_invoice_hdf_amounts(pc_ctx *c, const char *prefix, const char *field);

#endif
