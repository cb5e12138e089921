/* pc-admin: the vendor operator's console; the route tables of its page files. */
#ifndef PC_ADMIN_H
#define PC_ADMIN_H
#include "app.h"

extern const pc_route_table admin_catalog_routes, admin_review_routes, admin_promotion_routes;

/* The tabs of the console, marking `active` ("catalog", "review", "promotions"). */
void admin_tabs(pc_ctx *c, const char *active);

#endif
