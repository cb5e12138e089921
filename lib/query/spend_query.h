/*
 * spend_query — the filters of the expenditure pages (ch09 §9.3.4.1 summary,
 * §9.3.4.2 details) and the statements composed of the filters that are set.
 * The pages (cgi-bin/spend_*.c) and the export engine share them: an export
 * task stores the filters as a query string (pc_spend_query_string), the
 * worker parses it again with the same function and runs the same statement.
 *
 * Every statement reads the lines of the customers in the caller's scope
 * (pc_authz_scope over customers `c`) and only the lines the customer made
 * with its current partner (l.partner_id = c.partner_id): a customer that
 * moved from partner B to partner A never shows B's lines to A.
 */
#ifndef PC_SPEND_QUERY_H
#define PC_SPEND_QUERY_H
#include <stdint.h>
#include <time.h>

#include "base/arena.h"
#include "access/authz.h"
#include "base/db.h"
#include "base/req.h"
#include "base/valid.h"

#define PC_SPEND_DETAILS_MONTHS  18 /* billing cycles at most this many months back (9.3.4.2) */
#define PC_SPEND_RESELLER_MONTHS 36 /* a reseller's details go back 36 months (ch10 §2 table) */
#define PC_SPEND_SUMMARY_MONTHS  36 /* 9.3.4.1 */

/* ---- Expenditure details ---- */

/* The filters of 9.3.4.2 in the order of pc_spend_fields (query parameter names there). */
enum {
    PC_SPEND_F_CYCLE,     /* cycle=YYYY-MM, default the current month (GMT+08:00) */
    PC_SPEND_F_AMOUNT,    /* amount=nonzero (default, "Hide 0 Expenditures") | all */
    PC_SPEND_F_NAME,      /* name: part of the customer name */
    PC_SPEND_F_ACCOUNT,   /* account: part of the customer account name */
    PC_SPEND_F_AM,        /* am: user id of the account manager the line is credited to */
    PC_SPEND_F_ASSOC,     /* assoc=reseller|referral */
    PC_SPEND_F_PRODUCT,   /* product: products.code */
    PC_SPEND_F_MODE,      /* mode: billing mode */
    PC_SPEND_F_BILL_TYPE, /* bill_type=expenditure|refund|adjustment */
    PC_SPEND_F_REGION,    /* region: regions.code */
    PC_SPEND_F_TXN,       /* txn: the order or transaction id, exactly */
    PC_SPEND_F_RES_NAME,  /* res_name: part of the resource name */
    PC_SPEND_F_RES_ID,    /* res_id: the resource id, exactly */
    PC_SPEND_F_CUSTOMER,  /* customer: a customer id (the summary's Details link) */
    PC_SPEND_F__N
};
extern const pc_field pc_spend_fields[PC_SPEND_F__N];

typedef struct pc_spend_filters {
    pc_value f[PC_SPEND_F__N];
    const char *error[PC_SPEND_F__N]; /* language key of a bad filter, else NULL */
    int bad;                          /* number of bad filters: then run no statement */
    int64_t cycle;                    /* YYYYMM asked for (the current month by default) */
    int64_t earliest, latest;         /* YYYYMM: the billing cycles one may ask for */
    int hide_zero;                    /* leave out lines whose amount due is 0 */
    const char *name_like, *account_like, *res_name_like; /* LIKE patterns of the text filters */
} pc_spend_filters;

/* How many months back the details of a partner of `partner_kind` go: 36 for a reseller, else 18.
 */
int pc_spend_details_months(const char *partner_kind);

/*
 * Parse and check the details filters of `in` at time `now` (the current
 * month and the window of `months` back are counted in Billing.timezone; the
 * export engine passes the task's creation time).  A billing cycle out of the
 * window is the error "spend.err.cycle_range" (the page shows
 * earliest..latest with it).  Returns the number of bad filters; strings point
 * into `in` or into arena `a`.
 */
int pc_spend_parse(pc_arena *a, const pc_params *in, time_t now, int months, pc_spend_filters *out);

/*
 * The filters as a query string ("cycle=2026-11&amount=nonzero&name=x"), the
 * cycle and amount always included: what an export task stores.  Arena memory.
 */
char *pc_spend_query_string(pc_arena *a, const pc_spend_filters *f);

/* The columns of pc_spend_rows, in order. */
enum {
    PC_SPEND_C_ID,
    PC_SPEND_C_CYCLE,
    PC_SPEND_C_CUSTOMER_ID,
    PC_SPEND_C_NAME,
    PC_SPEND_C_ACCOUNT,
    PC_SPEND_C_PARTNER_ID,
    PC_SPEND_C_PARTNER_NAME,
    PC_SPEND_C_ASSOC,
    PC_SPEND_C_AM_NAME,
    PC_SPEND_C_PRODUCT_CODE,
    PC_SPEND_C_PRODUCT_NAME,
    PC_SPEND_C_BILLING_ITEM,
    PC_SPEND_C_MODE,
    PC_SPEND_C_FROM,
    PC_SPEND_C_TO,
    PC_SPEND_C_TXN,
    PC_SPEND_C_REGION,
    PC_SPEND_C_REGION_NAME,
    PC_SPEND_C_RES_NAME,
    PC_SPEND_C_RES_ID,
    PC_SPEND_C_BILL_TYPE,
    PC_SPEND_C_LIST,
    PC_SPEND_C_DISCOUNT,
    PC_SPEND_C_DUE,
    PC_SPEND_C_CASH,
    PC_SPEND_C_COUPONS,
    PC_SPEND_C_SETTLEMENT,
    PC_SPEND_C_PAYMENT,
    PC_SPEND_C__N
};

/*
 * Compose into b (empty) the lines matching f in scope s: the columns above,
 * no order.  The caller appends its page or batch condition on l.id and its
 * ORDER BY / LIMIT, e.g. pc_sql_add(b, "AND l.id < ?", ...) then
 * pc_sql_add_binds(b, "ORDER BY l.id DESC LIMIT 51", NULL, 0).  f must have
 * no bad filter.
 */
void pc_spend_rows(const pc_spend_filters *f, const pc_scope *s, pc_sql_build *b);

/* As pc_spend_rows, one row: SUM(amount_due) and COUNT(*) of every matching line. */
void pc_spend_totals(const pc_spend_filters *f, const pc_scope *s, pc_sql_build *b);

/*
 * The export of the details (worker/exports/export_kind_spend.c): every matching line
 * in the page's order (newest first), no keyset, no limit.  Columns: billing
 * cycle (YYYY-MM), customer id, name, account name, reseller name ("" unless
 * the line's partner is not own_partner), association type ("" or its code),
 * account manager, product name, billing item, billing mode, spent from,
 * spent to (UTC), transaction no, region name, resource name, resource id,
 * bill type, list, discount, amount due, cash, coupons, monthly settlement
 * (×10^8), payment status.
 */
void pc_spend_export(const pc_spend_filters *f, const pc_scope *s, int64_t own_partner,
                     pc_sql_build *b);
/* SELECT COUNT(*) of the same lines. */
void pc_spend_count(const pc_spend_filters *f, const pc_scope *s, pc_sql_build *b);

/* ---- Expenditure summary ---- */

enum {
    PC_SPEND_S_CYCLE, /* cycle=YYYY-MM, within 36 months */
    PC_SPEND_S_NAME,  /* name: part of the customer name */
    PC_SPEND_S_AM,    /* am: the account manager credited */
    PC_SPEND_S_ASSOC, /* assoc=reseller|referral */
    PC_SPEND_S_FROM,  /* from=YYYY-MM-DD: Spent On, first day (in the cycle) */
    PC_SPEND_S_TO,    /* to=YYYY-MM-DD: Spent On, last day (in the cycle) */
    PC_SPEND_S_TAB,   /* tab=expenditures (default) | refunds */
    PC_SPEND_S__N
};
extern const pc_field pc_spend_summary_fields[PC_SPEND_S__N];

typedef struct pc_spend_summary_filters {
    pc_value f[PC_SPEND_S__N];
    const char *error[PC_SPEND_S__N];
    int bad;
    int64_t cycle, earliest, latest;
    int refunds; /* the Refunds tab */
    const char *name_like;
    char from[32], to[32]; /* days read: from <= day < to (YYYY-MM-DD) */
} pc_spend_summary_filters;

/*
 * Parse the summary filters at `now`.  Day D of the cycle is read only from
 * 00:00 of D+2 in Billing.timezone (9.3.4.1): `to` stops at the day before
 * yesterday.  Returns the number of bad filters.
 */
int pc_spend_summary_parse(pc_arena *a, const pc_params *in, time_t now,
                           pc_spend_summary_filters *out);

/* The last day (YYYY-MM-DD, Billing.timezone) whose summary is shown at `now`. */
char *pc_spend_summary_last_day(time_t now, char out[11]);

char *pc_spend_summary_query_string(pc_arena *a, const pc_spend_summary_filters *f);

/* Columns of pc_spend_summary_rows. */
enum {
    PC_SPEND_SC_CUSTOMER_ID,
    PC_SPEND_SC_NAME,
    PC_SPEND_SC_ACCOUNT,
    PC_SPEND_SC_PARTNER_ID,
    PC_SPEND_SC_PARTNER_NAME,
    PC_SPEND_SC_PRODUCT_ID,
    PC_SPEND_SC_PRODUCT_CODE,
    PC_SPEND_SC_PRODUCT_NAME,
    PC_SPEND_SC_MODE,
    PC_SPEND_SC_MODE_N,
    PC_SPEND_SC_ASSOC,
    PC_SPEND_SC_ASSOC_N,
    PC_SPEND_SC_AMOUNT,
    PC_SPEND_SC_CASH,
    PC_SPEND_SC_COUPONS,
    PC_SPEND_SC_SETTLEMENT,
    PC_SPEND_SC_DISCOUNT,
    PC_SPEND_SC__N
};

/* A position in the summary's order (customer, product, billing mode, association type). */
typedef struct pc_spend_summary_key {
    int64_t customer_id, product_id, mode, assoc; /* mode and assoc: ENUM index */
} pc_spend_summary_key;

/*
 * Compose the summary rows of the tab, one per customer × product × billing
 * mode × association type, after `after` when not NULL, in that order.  The
 * caller appends its LIMIT fragment.
 */
void pc_spend_summary_rows(const pc_spend_summary_filters *f, const pc_scope *s,
                           const pc_spend_summary_key *after, pc_sql_build *b);

/*
 * The export of the summary: every row of the tab in the page's order.
 * Columns: customer id, name, account name, reseller name ("" unless the
 * partner is not own_partner), product name, billing mode, association type,
 * amount, cash, coupons, monthly settlement, discount (×10^8).
 */
void pc_spend_summary_export(const pc_spend_summary_filters *f, const pc_scope *s,
                             int64_t own_partner, pc_sql_build *b);
/* SELECT COUNT(*) of the same rows. */
void pc_spend_summary_count(const pc_spend_summary_filters *f, const pc_scope *s, pc_sql_build *b);
/* The same count stopped at cap + 1 groups (the page's "more than CAP"). */
void pc_spend_summary_count_capped(const pc_spend_summary_filters *f, const pc_scope *s,
                                   int64_t cap, pc_sql_build *b);

/* One row: the Amount (expenditures and adjustments) and Refunds totals of the filters, both tabs.
 */
void pc_spend_summary_totals(const pc_spend_summary_filters *f, const pc_scope *s, pc_sql_build *b);

#endif
