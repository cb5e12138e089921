/*
 * pc-finance — Sales > Financial Information (ch09 §9.4, §9.7): partner
 * bills and their details, commercial and KooGallery discounts, cash
 * coupons.  Each area is a file finance_<area>.c with its own route table,
 * joined in finance.c.
 */
#ifndef PC_FINANCE_H
#define PC_FINANCE_H
#include "web/app.h"
#include "base/db.h"

extern const pc_route_table finance_index_routes;

/* One of the partner's on/off e-mail switches (the test-coupon balance mail, the invoice
 * mail without expenditure): statement `st` of `t` sets it from (on, partner); the POST's
 * "notice" must be on or off (else 400), the Admin role is needed (else 403); the change
 * and its audit event `action`.on / .off are one transaction; then to `back` + "on"/"off". */
int finance_switch(pc_ctx *c, pc_sql_table *t, int st, const char *action, const char *back);
#include "finance_bills.h" /* finance_bills*_routes: partner bills (9.4.1.4, 9.4.1.5) */
extern const pc_route_table finance_coupon_routes,
    finance_coupon_mgmt_routes; /* finance_coupons*.c */
extern const pc_route_table finance_discount_routes, finance_koogallery_routes;

#include "finance_funds.h"    /* finance_funds*_routes: funds, payments, statements (9.4.2) */
#include "finance_remit.h"    /* finance_remit_routes: remittance claims (9.4.2.3) */
#include "finance_invoices.h" /* finance_invoice*_routes: invoices and WHT certificates (9.4.3) */

#endif
