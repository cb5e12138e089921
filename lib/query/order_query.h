/*
 * order_query — the filters of Sales > Customers > Customer Orders (spec
 * 9.3.3.1) and of its Order Resource Details tab (S2), and the statement
 * they compose.  The list pages (cgi-bin/orders_*.c) and the export engine
 * (the worker, for export tasks of kind "orders" and "order_resources",
 * whose `filters` column holds the query string) read the same filters and
 * run the same SQL, so an export holds exactly the rows the page showed.
 *
 * An export of a task: parse its filters (pc_req_parse_urlencoded), read
 * them with pc_order_query_read as of the task's creation, take the scope of
 * its user (pc_user_load, pc_authz_scope), build with paged = 0 and mask the
 * names (pc_mask_name) whatever the eye showed.
 *
 * The order time range is required: from/to are local dates (billing time
 * zone), both inclusive; absent, they default to the last 30 days; the span
 * may not exceed PC_ORDER_RANGE_MAX_DAYS.
 */
#ifndef PC_ORDER_QUERY_H
#define PC_ORDER_QUERY_H
#include <stdint.h>
#include <time.h>

#include "base/arena.h"
#include "access/authz.h"
#include "base/db.h"
#include "base/req.h"
#include "base/valid.h"

#define PC_ORDER_RANGE_DEFAULT_DAYS 30
#define PC_ORDER_RANGE_MAX_DAYS     366
#define PC_ORDER_PAGE_ROWS          50 /* the page statement reads one more to know of a next page */

/* The filters, in the order of pc_order_fields. */
enum pc_order_filter {
    PC_OF_FROM,     /* from (YYYY-MM-DD, local) */
    PC_OF_TO,       /* to (YYYY-MM-DD, local, inclusive) */
    PC_OF_CUSTOMER, /* customer_id */
    PC_OF_NAME,     /* name: customer name contains */
    PC_OF_ACCOUNT,  /* account: customer account name contains */
    PC_OF_PRODUCT,  /* product: products.code (of the order; of the resource on S2) */
    PC_OF_ORDER_NO, /* order_no: exact */
    PC_OF_TYPE,     /* type: new | renewal | change | unsubscription | price_adjustment */
    PC_OF_STATUS, /* status: pending_payment | processing | completed | cancelled | unsubscribed */
    PC_OF_TAB,    /* tab: own | resellers (a distributor's two lists; default own) */
    PC_OF_AFTER,  /* after: keyset of the next page */
    PC_OF__N
};
extern const pc_field pc_order_fields[PC_OF__N];
extern const char *const pc_order_types[], *const pc_order_statuses[];

typedef enum { PC_ORDER_LIST, PC_ORDER_RESOURCES } pc_order_kind;

typedef struct pc_order_query {
    pc_value f[PC_OF__N];
    const char *error[PC_OF__N]; /* a language key per bad filter, else NULL */
    int nerrors;
    char from[11], to[11];         /* the local dates in force (defaults filled in) */
    char from_utc[20], to_utc[20]; /* the UTC instants [from 00:00, to + 1 day 00:00) */
    int has_after;
    char after_at[20];                    /* list: ordered_at of the last row shown (UTC) */
    int64_t after_id;                     /* list: its order id; resources: the last resource id */
    const char *name_like, *account_like; /* LIKE patterns of the name filters */
    /* filters of the partner API only (never read from a query string; NULL: not set) */
    const char *paid_from_utc, *paid_to_utc; /* payment window [from, to) */
    const char *status_also;                 /* a second status the status filter accepts */
    int none; /* a filter no order can match: the statement finds nothing */
} pc_order_query;

/*
 * Read and check the filters of `in` as of `now`.  A distributor's list is
 * its own customers' unless tab=resellers.  Returns the number of bad
 * filters (error[] says which and why; the caller shows them and runs no
 * query).  Strings point into `in` or arena memory.
 */
int pc_order_query_read(pc_arena *a, const pc_params *in, int distributor, time_t now,
                        pc_order_query *q);

/*
 * The query string of the filters in force (from/to always explicit, no
 * "after"): what an export task stores, and the base of the page links.
 */
char *pc_order_query_string(pc_arena *a, const pc_order_query *q);

/*
 * Compose the statement over scope s (pc_authz_scope of the user; own_partner
 * is the user's partner, for the tab) into b.  `paged`: keyset page of
 * PC_ORDER_PAGE_ROWS + 1 rows after q's "after"; 0: every row (exports), in
 * the same order.  An order is seen by the partner the customer was
 * associated with when it was placed (orders.partner_id = customers.partner_id).
 *
 * Columns of PC_ORDER_LIST (newest first: ordered_at DESC, id DESC):
 *   0 order id, 1 order no, 2 customer id, 3 customer name, 4 account name,
 *   5 customer's partner id, 6 that partner's name, 7 product code,
 *   8 product name, 9 order type, 10 status, 11 ordered_at (UTC),
 *   12 paid_at (UTC or ""), 13 list amount, 14 amount paid, 15 cash paid,
 *   16 coupons paid, 17 billing mode, 18 region, 19 the member who placed it on the
 *   customer's behalf (0: the customer), 20 the price to pay (the list amount, or the price
 *   a referral partner set: S11).
 * Columns of PC_ORDER_RESOURCES (resource id DESC):
 *   0 resource id, 1 order no, 2 customer id, 3 customer name, 4 account name,
 *   5 customer's partner id, 6 that partner's name, 7 product code,
 *   8 product name, 9 resource key (ID), 10 resource name, 11 spec, 12 region,
 *   13 status, 14 effective_at (UTC or ""), 15 expires_at (UTC or ""),
 *   16 order id, 17 billing mode.
 */
void pc_order_query_build(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                          int64_t own_partner, int paged, pc_sql_build *b);

/*
 * The export files' statement (worker/exports/export_kind_orders.c): the same rows
 * in the same order as pc_order_query_build, every one, with the file's
 * columns.  The reseller's name is "" for a customer of own_partner.
 * PC_ORDER_LIST: order no, customer id, name, account name, reseller, product
 * name, order type, status, ordered_at (UTC), amount paid, cash paid and
 * coupons paid (NULL unless completed, as the page shows them).
 * PC_ORDER_RESOURCES: order no, customer id, name, account name, reseller,
 * resource name, resource key, product name, spec, region, status,
 * effective_at, expires_at (UTC or NULL).
 */
void pc_order_query_export(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                           int64_t own_partner, pc_sql_build *b);
/*
 * The partner API's queries (cgi-bin/api_orders_*.c) over the same rows:
 * pc_order_query_all starts a query with no filter over every order time
 * (the API has no required range), the caller then sets f[] (present, s, i)
 * and the API-only members; pc_order_query_offset pages it by offset and
 * limit, oldest first when `ascending`, else newest first.
 */
void pc_order_query_all(pc_order_query *q);
void pc_order_query_offset(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                           int64_t own_partner, int ascending, int64_t offset, int64_t limit,
                           pc_sql_build *b);
/* SELECT COUNT(*) of the same rows. */
void pc_order_query_count(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                          int64_t own_partner, pc_sql_build *b);
/* The same count stopped at cap + 1 rows (the list pages' "more than CAP"). */
void pc_order_query_count_capped(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                                 int64_t own_partner, int64_t cap, pc_sql_build *b);

#endif
