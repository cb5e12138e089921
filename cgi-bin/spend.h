/*
 * pc-spend — Sales > Customers > Customer Expenditure (ch09 §9.3.4.1 summary,
 * §9.3.4.2 details; ch10 §2 for a distributor's resellers' customers).  Both
 * pages read the lines of the customers in the member's scope through the
 * statements of lib/query/spend_query.c, which the export engine shares.
 */
#ifndef PC_SPEND_H
#define PC_SPEND_H
#include <stdint.h>

#include "web/app.h"

extern const pc_route_table spend_details_routes, spend_summary_routes;

/* Put the Customer Expenditure tabs the user may open, marking `active`. */
void spend_tabs(pc_ctx *c, const char *active);

/* The partner's account managers for the filter: Managers.N.{id,name}.  0 or -1. */
int spend_managers(pc_ctx *c);

/* 1 when the page was asked to show customer names in full (the eye toggle, ?show=name). */
int spend_show_name(pc_ctx *c);

/* Filter.<name>.value for each field and Filter.<name>.error for a bad one; the
 * cycle error names the window earliest..latest (YYYYMM). */
void spend_put_filters(pc_ctx *c, const pc_field *fields, const pc_value *v,
                       const char *const *errors, size_t n, int64_t earliest, int64_t latest);

/* Personal text masked unless `show` (ch09 §0: names masked in lists by default). */
const char *spend_masked(pc_ctx *c, const char *v, int show);

/* An amount with 8 decimals (rated figures, 9.3.4.2) or, rounded half-up, with 2 (totals). */
const char *spend_money8(pc_ctx *c, int64_t v);
const char *spend_money2(pc_ctx *c, int64_t v);

/*
 * POST handler body of both Export buttons: an export task of `kind` with the
 * filters already checked (a query string) and the format of the form's
 * "format" field, written with its audit event in one transaction; then to
 * Export History.  A bad format is a 400.
 */
int spend_export(pc_ctx *c, const char *kind, const char *name, const char *filters);

#endif
