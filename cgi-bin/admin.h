/* pc-admin: the vendor operator's console; the route tables of its page files. */
#ifndef PC_ADMIN_H
#define PC_ADMIN_H
#include "web/app.h"

extern const pc_route_table admin_catalog_routes, admin_review_routes, admin_promotion_routes;
extern const pc_route_table admin_coupon_routes, admin_ledger_routes; /* admin_coupons*.c */
extern const pc_route_table admin_bank_routes, admin_remit_routes; /* admin_bank.c, admin_remit.c */
extern const pc_route_table admin_tax_routes, admin_invoice_routes, admin_wht_routes; /* issue 6 */

/*
 * One statement of a page's table and its audit event, in one transaction.
 * The event is written only when a row changed; its object id is object_id,
 * or the new row's id when that is 0.  rows: affected rows or -1 (errno: the
 * database error, e.g. 1062 for a duplicate), insert_id: the new row's id.
 */
typedef struct admin_change {
    pc_ctx *c;
    struct pc_sql_table *table;
    int st;
    const struct pc_bind *b;
    size_t nb;
    const char *action, *object_type, *detail;
    int64_t object_id;
    int64_t rows, insert_id;
    unsigned errno_;
} admin_change;
void admin_change_run(admin_change *x);

/* The tabs of the console, marking `active` ("catalog", "review", "promotions"). */
void admin_tabs(pc_ctx *c, const char *active);

#endif
