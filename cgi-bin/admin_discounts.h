/*
 * The operator's discount pages of pc-admin (admin_discounts*.c,
 * admin_partners*.c, admin_adjust*.c): helpers they share.
 */
#ifndef PC_ADMIN_DISCOUNTS_H
#define PC_ADMIN_DISCOUNTS_H
#include "admin.h"

extern const pc_route_table admin_partner_routes, admin_rate_routes, admin_discount_routes,
    admin_koogallery_routes, admin_adjustment_routes;

/* A validated date-time typed in the billing time zone → UTC "YYYY-MM-DD HH:MM:SS" in out. */
void disc_utc(const char *typed, char out[20]);

/* Field `to` of each row under prefix = the percent ("15.25") of its ppm column `from`. */
void disc_format_ppm(pc_ctx *c, const char *prefix, const char *from, const char *to);

/* Field `to` of each row under prefix = its amount column `from` with 8 decimals. */
void disc_format_money(pc_ctx *c, const char *prefix, const char *from, const char *to);

/* Field `to` of each row under prefix = its thousandths column `from` as a decimal ("10.5"). */
void disc_format_milli(pc_ctx *c, const char *prefix, const char *from, const char *to);

/* Local times (pc_view_hdf_datetime) of the UTC columns `a` and `b` of each row under prefix
 * into a "_l" / b "_l" fields ("effective_at" → "effective_at_l"). */
void disc_local_times(pc_ctx *c, const char *prefix, const char *a, const char *b);

/* The id of the customer with account name `account` currently associated with partner, 0 when
 * there is none, -1 on a database error. */
int64_t disc_partner_customer(int64_t partner, const char *account);

/* Products, regions and partners for the forms' selects: Products.N.{id,name,seller},
 * Regions.N.{code,name}, PartnerList.N.{id,name,account_name}.  0 or -1. */
int disc_form_lists(pc_ctx *c);

/*
 * Whether a discount starting at `utc` ("YYYY-MM-DD HH:MM:SS" UTC) would reach a month already
 * billed for partner (0: for any partner): 1 yes, 0 no, -1 on a database error.  A committed bill
 * is immutable and pcadm verify-bill recomputes it from the discounts as they stand, so what the
 * operator grants starts in a month not yet billed (spec 9.4.1.3: corrections go into later
 * cycles).
 */
int disc_reaches_billed(int64_t partner, const char *utc);

#endif
