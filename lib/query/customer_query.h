/*
 * customer_query — the filters of the customer list (spec 9.3.1.1) and the
 * statements they compose, shared by the list page (cgi-bin/customers_list.c)
 * and the export worker (worker/exports/export_kinds.c) so that an export holds
 * exactly the rows the page shows for the same filters and user.
 */
#ifndef PC_CUSTOMER_QUERY_H
#define PC_CUSTOMER_QUERY_H
#include <stdint.h>

#include "base/arena.h"
#include "access/authz.h"
#include "base/db.h"
#include "base/req.h"
#include "base/valid.h"

/* The filters, in the order of pc_cust_query_fields. */
enum {
    PC_CQ_NAME,
    PC_CQ_ACCOUNT,
    PC_CQ_ID,
    PC_CQ_AM,
    PC_CQ_SPEND_MIN,
    PC_CQ_SPEND_MAX,
    PC_CQ_EXPIRY_FROM,
    PC_CQ_EXPIRY_TO,
    PC_CQ_MOBILE,
    PC_CQ_TAG,
    PC_CQ_AUTO_FROZEN,
    PC_CQ_ASSOC_FROM,
    PC_CQ_ASSOC_TO,
    PC_CQ_USAGE_MIN,
    PC_CQ_USAGE_MAX,
    PC_CQ_TAB,
    PC_CQ_SORT,
    PC_CQ_IDS,  /* "12,15,20": the rows chosen for Export Selected (at most PC_CQ_IDS_MAX) */
    PC_CQ_AUTH, /* "pending": an authorization request awaits the customer's answer */
    PC_CQ__N
};
#define PC_CQ_IDS_MAX 100
extern const pc_field pc_cust_query_fields[PC_CQ__N];

typedef struct pc_cust_query {
    pc_value f[PC_CQ__N];
    const char *error[PC_CQ__N]; /* language key of a bad filter (its value is then ignored) */
    char expiry_from[20], expiry_to[20], assoc_from[20], assoc_to[20]; /* UTC bounds */
} pc_cust_query;

/*
 * Read and check the filters of `in` (a query string or a form) for user u.
 * A bad filter gets its language key in q->error[i] and is ignored; so does
 * the upper end of a range below its lower end.  An unknown sort is ignored
 * (the default order, no error).  A
 * distributor's list opens on its own customers (tab=own).  Strings stay in
 * `a` (and in `in`).
 */
void pc_cust_query_read(pc_arena *a, const pc_user *u, const pc_params *in, pc_cust_query *q);

/* "name=x&tab=own&" — the filters set, without the one named skip ("" for none). */
char *pc_cust_query_string(pc_arena *a, const pc_cust_query *q, const char *skip);

/* The sort in effect ("id", "spend_desc", ...: KEY_asc / KEY_desc but the default "id"). */
const char *pc_cust_query_sort(const pc_cust_query *q);

/*
 * One page of the list (limit rows from offset), ordered by the chosen sort,
 * in the user's scope.  Columns: 0 id, 1 name, 2 account_name,
 * 3 email, 4 mobile, 5 partner_id, 6 partner name, 7 account manager name,
 * 8 freeze_state, 9 freeze_source, 10 mtd_spend, 11 budget_usage_bp (-1: none),
 * 12 budget type, 13 budget amount, 14 open alerts, 15 associated_at,
 * 16 custom tag, 17 association type ("" when none).
 */
void pc_cust_query_page(pc_arena *a, const pc_user *u, const pc_cust_query *q, int64_t offset,
                        int64_t limit, pc_sql_build *b);

/*
 * Every row of the list for the export, in the list's order, no keyset and no
 * limit.  Columns: id, name, account_name, email, mobile, reseller name (""
 * for own customers), account manager, freeze_state, mtd_spend,
 * budget_usage_bp (NULL: none), monthly budget (NULL), one-time budget
 * (NULL), open alerts, associated_at (NULL), custom tag.
 */
void pc_cust_query_export(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b);
/* SELECT COUNT(*) of the same rows. */
void pc_cust_query_count(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b);
/* SELECT COUNT(*), SUM(mtd_spend) of the same rows (the home page's key figures). */
void pc_cust_query_totals(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b);

#endif
