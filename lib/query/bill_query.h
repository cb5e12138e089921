/*
 * bill_query — the filters and statements of the partner's bill pages
 * (cgi-bin/finance_bills*.c, ch09 §9.4.1.4, §9.4.1.5) shared with the export
 * kinds "bills" and "bill_details" (worker/exports/export_kind_bills.c): an export
 * task stores the filters as a query string (pc_bill_query_string,
 * pc_bill_range_query_string), the worker parses it again here and runs the
 * same WHERE.
 *
 * A bill line is one bill_lines row (how it was settled) and its source
 * expenditure line (l.id = bill_lines.line_id: the record's fields).  Every
 * statement reads the bills of one partner only (b.partner_id = ?): a
 * partner's bill is its own, whatever member asks (finance.view).
 */
#ifndef PC_BILL_QUERY_H
#define PC_BILL_QUERY_H
#include <stdint.h>

#include "base/arena.h"
#include "base/db.h"
#include "base/req.h"
#include "base/valid.h"

#define PC_BILL_EXPORT_MONTHS 12 /* Export Bills: at most 12 months (9.4.1.4, 3c) */

/*
 * SQL of the settlement discount of a bill line `bl` as text: a rate in
 * percent ("25%", exact from ppm), a fixed unit price ("0.15000000"), or ''.
 */
#define PC_BILL_DISCOUNT_SQL                                                                       \
    "CASE WHEN bl.fixed_price IS NOT NULL THEN CONCAT(bl.fixed_price DIV 100000000, '.', "         \
    "LPAD(bl.fixed_price MOD 100000000, 8, '0')) WHEN bl.discount_ppm IS NOT NULL THEN "           \
    "CONCAT(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CONCAT(bl.discount_ppm DIV 10000, '.', " \
    "LPAD(bl.discount_ppm MOD 10000, 4, '0')))), '%') ELSE '' END"

/* ---- Consumed Product Details (9.4.1.5) ---- */

enum {
    PC_BILL_F_CYCLE,     /* cycle=YYYY-MM (the caller gives the default: the newest bill) */
    PC_BILL_F_CUSTOMER,  /* customer: part of the customer name or account name */
    PC_BILL_F_PRODUCT,   /* product: products.code */
    PC_BILL_F_BILL_TYPE, /* bill_type=expenditure|refund|adjustment */
    PC_BILL_F_CID,       /* cid: one customer's id (By Customer's View More) */
    PC_BILL_F__N
};
extern const pc_field pc_bill_fields[PC_BILL_F__N];

typedef struct pc_bill_filters {
    pc_value f[PC_BILL_F__N];
    const char *error[PC_BILL_F__N]; /* language key of a bad filter, else NULL */
    int bad;                         /* number of bad filters: then run no statement */
    int64_t cycle;                   /* YYYYMM, 0 when not given */
    const char *customer_like;       /* LIKE pattern of the customer filter, NULL when unset */
} pc_bill_filters;

/* Parse and check the filters of `in`.  Returns the number of bad filters. */
int pc_bill_parse(pc_arena *a, const pc_params *in, pc_bill_filters *out);

/* The filters as a query string ("cycle=2026-10&product=x"), arena memory. */
char *pc_bill_query_string(pc_arena *a, const pc_bill_filters *f);

/* The columns of pc_bill_rows, in order. */
enum {
    PC_BILL_C_LINE_ID,
    PC_BILL_C_CUSTOMER_ID,
    PC_BILL_C_NAME,
    PC_BILL_C_ACCOUNT,
    PC_BILL_C_PRODUCT_CODE,
    PC_BILL_C_PRODUCT_NAME,
    PC_BILL_C_BILLING_ITEM,
    PC_BILL_C_MODE,
    PC_BILL_C_BILL_TYPE,
    PC_BILL_C_REGION_NAME,
    PC_BILL_C_TXN,
    PC_BILL_C_TXN_AT,
    PC_BILL_C_LIST,
    PC_BILL_C_SETTLEMENT_TYPE,
    PC_BILL_C_DISCOUNT, /* text: "25%", a fixed price, or "" */
    PC_BILL_C_SETTLEMENT,
    PC_BILL_C_COUPONS,
    PC_BILL_C_EXCL_TAX,
    PC_BILL_C_TAX,
    PC_BILL_C_DUE,
    PC_BILL_C_PARTNER_NAME, /* the partner the customer is associated with: a distributor's reseller
                             */
    PC_BILL_C_LATE_CYCLE,   /* yyyymm of a record rated after its cycle was billed, 0: none */
    PC_BILL_C_COVERED,      /* 1: package / RI usage, not billed separately */
    PC_BILL_C__N
};

/*
 * Compose into b (empty) the lines of `partner`'s bill of f->cycle matching
 * f: the columns above, no order.  The page appends its keyset condition on
 * bl.line_id and its ORDER BY / LIMIT.  f must have no bad filter.
 */
void pc_bill_rows(const pc_bill_filters *f, int64_t partner, pc_sql_build *b);

/* The same lines for the export file: the 56 fields of §9.4.1.3, newest first. */
void pc_bill_export(const pc_bill_filters *f, int64_t partner, pc_sql_build *b);
/* SELECT COUNT(*) of the same lines. */
void pc_bill_count(const pc_bill_filters *f, int64_t partner, pc_sql_build *b);
/* The same count stopped at cap + 1 lines (the page's "more than CAP"). */
void pc_bill_count_capped(const pc_bill_filters *f, int64_t partner, int64_t cap, pc_sql_build *b);

/* ---- Export Bills (9.4.1.4) ---- */

typedef struct pc_bill_range {
    int64_t from, to;  /* YYYYMM, both included */
    const char *error; /* language key when the range is refused, else NULL */
} pc_bill_range;

/*
 * Parse from=YYYY-MM&to=YYYY-MM: both months valid, from ≤ to, at most
 * PC_BILL_EXPORT_MONTHS months.  Returns 0, or -1 with r->error set.
 */
int pc_bill_range_parse(const pc_params *in, pc_bill_range *r);
char *pc_bill_range_query_string(pc_arena *a, const pc_bill_range *r);

/* The partner's bills of the range, oldest first: one row per bill with the header fields. */
void pc_bill_range_export(const pc_bill_range *r, int64_t partner, pc_sql_build *b);
void pc_bill_range_count(const pc_bill_range *r, int64_t partner, pc_sql_build *b);

/*
 * The Rounding line of a bill as shown (issue 14: displayed parts add up):
 * the amount due less what the cent-rounded parts add up to, so that
 * expenditures + refunds + adjustments − coupons + tax + rounding = amount
 * due − credited, each shown to the cent.  Arguments are the stored header
 * figures (10^-8 USD).
 */
int64_t pc_bill_shown_rounding(int64_t expenditures, int64_t refunds, int64_t adjustments,
                               int64_t coupons, int64_t tax, int64_t amount_due, int64_t credited);

/*
 * The partner's unpaid bills as the Amount Due pane of Partner Bills and the home page's
 * to-do show them, one row: the amount still due (SUM(amount_due - amount_paid)), the number
 * of bills, the earliest due_at ('' when none).
 */
void pc_bill_unpaid_total(int64_t partner, pc_sql_build *b);

#endif
