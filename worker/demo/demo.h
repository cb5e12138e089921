/* The demo world of `pcadm demo-data`: fixed logins, all with password Demo#2026. */
#ifndef PC_DEMO_H
#define PC_DEMO_H

#define DEMO_PASSWORD "Demo#2026"

/* The benchmark world (demo_large.c): 1,000 partners and 100,000 customers.  0 or -1. */
int pc_demo_large(void);

/* Create the demo partners, users and roles once; a second run changes nothing.  0 or -1. */
int pc_demo_data(void);

/* The demo customers of the three partners (demo_customers.c), in the demo transaction.
 * admin/am: each partner's admin and account manager (0: none); blue_ocean: customer1's customer.
 */
#include <stdint.h>
int pc_demo_customers(const int64_t partner[3], const int64_t admin[3], const int64_t am[3],
                      int64_t blue_ocean);

/* The demo partner's pre-registrations and invitation link (demo_development.c), in the demo
 * transaction.  0 or -1. */
int pc_demo_development(int64_t partner, int64_t admin, int64_t am);

/* The demo customers' orders and the resources they created (demo_orders.c), in the demo
 * transaction. */
int pc_demo_orders(const int64_t partner[3], const int64_t admin[3]);

/* The demo customers' usage of this and the two previous months and last
 * month's 95th-percentile bandwidth of one CDN domain, imported and rated
 * with the worker's jobs (demo_usage.c); after the customers, before the orders. */
int pc_demo_usage(void);

/* The demo settlement data: sunrise's tax region, settlement, commercial and
 * KooGallery discounts, exchange rates (demo_discounts.c); its own
 * transaction, a second run changes nothing.  0 or -1. */
int pc_demo_discounts(void);

/* Bills of the two previous months and this month's estimate (demo_bills.c), after everything else.
 */
int pc_demo_bills(void);

/* The demo partner's cash coupons and coupon quota (demo_coupons.c), each issued with its
 * ledger entry, after the bills (so that the demo bills stay as the bill run made
 * them without coupons); skipped when made before.  0 or -1. */
int pc_demo_coupons(void);

/* The fixed demo API keys of csp.admin and dist.admin (demo_api.c, issue 7), sealed with the
 * key of Api.secret_key_file; skipped when present, or (with a note) without that key.  0 or -1. */
int pc_demo_api_keys(void);

#endif
