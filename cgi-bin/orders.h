/*
 * pc-orders — Sales > Customers > Customer Orders (guide §9.3.3.1, S2; ch10
 * §2 for a distributor's Resellers' Customers tab).  Every page reads the
 * orders of the customers in the signed-in member's scope (pc_authz_scope
 * over customers `c`): an order outside it is a 404.  The filters and the
 * statement are lib/order_query (shared with the export engine).
 *
 * Each page file owns its routes; orders.c joins the tables.  Shared helpers
 * are in orders_common.c.
 */
#ifndef PC_ORDERS_H
#define PC_ORDERS_H
#include <stdint.h>

#include "web/app.h"
#include "query/order_query.h"

extern const pc_route_table orders_list_routes, orders_detail_routes, orders_resources_routes,
    orders_price_routes;

/* The referral price section of an order's page (orders_price.c): Page.can_adjust, Price.* and
 * the Price Adjustment History under Adjustments.N.  0 or -1. */
int orders_price_section(pc_ctx *c, int64_t order_id);

/* Non-zero when the user's partner is a distributor. */
int orders_distributor(const pc_ctx *c);

/*
 * Read the filters of the request's query string into q and put them on the
 * page (Filter.<name>.value / .error), with the product choices.  Returns the
 * number of bad filters.
 */
int orders_filters(pc_ctx *c, pc_order_query *q);

/* Non-zero when the request asks to show column `col` in full (show=col). */
int orders_show(pc_ctx *c, const char *col);

/*
 * The links of a list page at `path`: Page.query (filters and shown columns,
 * for the next page link) and Eye.name.href (the name column flipped).
 */
void orders_links(pc_ctx *c, const char *path, const pc_order_query *q, int show_name);

/* The tabs of Customer Orders, marking `active` ("own", "resellers", "resources"). */
void orders_tabs(pc_ctx *c, const char *active);

/* Set field of HDF node h; masked (pc_mask_name) unless `show`. */
void orders_row_set(HDF *h, const char *field, const char *value);
void orders_row_masked(HDF *h, const char *field, const char *value, int show);
void orders_row_money(HDF *h, const char *field, int64_t v);
void orders_row_time(HDF *h, const char *field, const char *utc);

/*
 * POST …/export: an export task of `kind` ("orders", "order_resources") named
 * by language key name_key; "scope" all (every order of the longest range up
 * to today) or selected (the filters posted), "format" csv or xlsx.  Redirects
 * to Export History.
 */
int orders_export(pc_ctx *c, const char *kind, const char *name_key);

#endif
