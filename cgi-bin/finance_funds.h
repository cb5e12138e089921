/* Funds (ch09 §9.4.2): shared by the page files finance_funds*.c (defined in finance_funds_common.c
 * unless a line says otherwise). */
#ifndef PC_FINANCE_FUNDS_H
#define PC_FINANCE_FUNDS_H
#include "web/app.h"

extern const pc_route_table finance_funds_routes, finance_funds_cards_routes,
    finance_funds_statements_routes, finance_funds_prepay_routes;

/* The tabs Payment Method, Pay, Remittance Claim, Account Statements; the balances
 * above them (Funds.top_up, Funds.quota, Funds.used, Funds.available) and Page.is_admin. */
int funds_header(pc_ctx *c, const char *active);
/* Render the funds page with Page.tab = tab (the template shows that tab). */
int funds_render(pc_ctx *c, const char *tab);
/* HDF name = amount formatted with 2 decimals. */
void funds_money(pc_ctx *c, const char *name, int64_t amount);
/* Load the Pay tab (the unsettled bills and the cards); 0 or -1. */
int funds_load_pay(pc_ctx *c);
/* The partner's expenditure not yet billed into *out: Σ of the estimates of months without a
 * bill (what a pre-payment may pay at most; negative when refunds outweigh spending).  0, or
 * -1 on a database error. */
int funds_unbilled(int64_t partner_id, int64_t *out);
/* Load the Payment Method tab; 0 or -1. */
int funds_load_cards(pc_ctx *c);

/* Show the Pay tab again with status 400, the error `key` under `field` (NULL: none). */
int funds_refuse(pc_ctx *c, const char *field, const char *key);
/* 1 when card_id is the partner's, ACTIVE and valid this month (GMT+08:00); 0 not; -1 error. */
int funds_card_usable(int64_t partner_id, int64_t card_id);
/* The page's answer to pc_payment_by_card's result rc: the Pay tab with msg done_msg when charged
 * (or charged before), card_declined when declined, else 503 (no provider answer) or 500. */
int funds_card_answer(pc_ctx *c, int rc, const char *done_msg);

#endif
