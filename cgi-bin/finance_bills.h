/*
 * Partner Bills (ch09 §9.4.1.4, §9.4.1.5): the Bills tab (Amount Due, Monthly
 * Bills with By Product and By Customer), Consumed Product Details, the two
 * exports and the PDF of a bill.  Every page needs finance.view and reads the
 * signed-in member's own partner's bills only; a bill id of another partner
 * is a 404.
 */
#ifndef PC_FINANCE_BILLS_H
#define PC_FINANCE_BILLS_H
#include <stdint.h>

#include "web/app.h"

extern const pc_route_table finance_bills_routes, finance_bills_details_routes,
    finance_bills_pdf_routes;

/* Put the Partner Bills tabs (Bills, Consumed Product Details, Export History), marking active. */
void bills_tabs(pc_ctx *c, const char *active);

/* An amount with 8 decimals, or rounded half-up with 2 (grouped), arena memory. */
const char *bills_money8(pc_ctx *c, int64_t v);
const char *bills_money2(pc_ctx *c, int64_t v);

/* 1 when ?show=name asks for names in full (the eye toggle). */
int bills_show_name(pc_ctx *c);
/* Personal text masked unless `show`. */
const char *bills_masked(pc_ctx *c, const char *v, int show);

/*
 * POST body of both export buttons: an export task of `kind` with the checked
 * filters (a query string) and the form's format (csv|xlsx), written with its
 * audit event in one transaction; then to Export History.  A bad format is a
 * 400 and nothing is queued.
 */
int bills_export(pc_ctx *c, const char *kind, const char *name, const char *filters);

/* One row of the By Product tree (9.4.1.4) of a bill. */
typedef struct bill_tree_row {
    int level;         /* 0 section, 1 category or seller, 2 product, 3 billing mode × bill type */
    const char *label; /* section: a language key; else the name */
    const char *mode, *type; /* level 3: billing mode and bill type codes */
    int64_t amount;          /* the settlement amounts of the lines below, summed exactly */
} bill_tree_row;

/*
 * The By Product tree of bill `bill_id` (the caller checked it is the
 * partner's), only lines of `region` when not empty: the vendor cloud's
 * expenditure (category → product → mode × type), "Other" (refunds and
 * adjustments, the same levels), then the KooGallery products by seller.
 * Rows in arena memory.  0 or -1.
 */
int bills_tree(pc_ctx *c, int64_t bill_id, const char *region, bill_tree_row **rows, size_t *n);

#endif
