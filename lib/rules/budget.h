/*
 * budget — customer budgets (ch09 9.3.1.3, 9.3.1.4; ch10 10.2.1.2): who may
 * set them, what a budget has used, and the change itself.  Shared by the
 * Set Budget page (cgi-bin/customers_budget.c) and the partner API
 * (cgi-bin/api_budgets.c, update_sub_customer_budget), so that both apply the
 * same grants, quota, window and usage rules.
 *
 * Amounts are USD in 10^-8 units (money.h).  Budget types "monthly" and
 * "one_time", policies "automatic" and "manual" (the budgets table).
 */
#ifndef PC_BUDGET_H
#define PC_BUDGET_H
#include <stdint.h>
#include <time.h>

#include "access/authz.h"

#define PC_BUDGET_MAX_BATCH 200
#define PC_BUDGET_BP_FULL   10000 /* 100 % in basis points */

/* A partner and what its distributor granted it (ch10 10.2.1.2). */
typedef struct pc_budget_partner {
    int64_t id, distributor_id, quota_monthly, quota_one_time;
    int verification_codes, own_frozen, grant_budget_monthly, grant_budget_one_time,
        grant_on_behalf;
    char kind[24];
} pc_budget_partner;

/* Load partner_id.  1 found, 0 not, -1 database error. */
int pc_budget_partner_load(int64_t partner_id, pc_budget_partner *p);

/*
 * May user u set budgets for (and freeze) a customer of partner
 * customer_partner_id, associated (or not) with association_type?  The gate
 * of lib/rules/customer_freeze.h (pc_freeze_gate): 0 yes, else the HTTP status to
 * answer — 403 (no customer.budget; a reseller without its distributor's
 * grant; a distributor while its reseller holds the grant), 409 (not a
 * reseller-model customer), 500.  *actor gets u's partner.  The customer's
 * scope is the caller's business.
 */
int pc_budget_gate(const pc_user *u, int64_t customer_partner_id, int associated,
                   const char *association_type, pc_budget_partner *actor);

/* A reseller sets only the budget types its distributor granted: non-zero when `type` may be set
 * on a customer of actor p (own: the customer is p's own, not one of its resellers'). */
int pc_budget_type_granted(const pc_budget_partner *p, int own, const char *type);

/* The 1st of this month and of the next, in the billing time zone ("YYYY-MM-01"). */
typedef struct pc_budget_months {
    char this_month[24], next_month[24];
} pc_budget_months;
void pc_budget_months_now(pc_budget_months *m);
/* The same at time t (the worker's --now). */
void pc_budget_months_at(time_t t, pc_budget_months *m);

/*
 * The one definition of a customer's spend (ch09 9.3.1.3, 3d item 10): the
 * list-price expenditure of customer_spend_daily from day `from` to the end
 * of the month of m, monthly-settled services (95th-percentile products)
 * left out of that month — they are billed next month.  Refunds count
 * negative, so the figure may be below zero.  The customer list's
 * month-to-date column (customers.mtd_spend), the customer's page, the Set
 * Budget page, the budget job and the partner API all read it through here
 * (from = the 1st of the month: the month-to-date expenditure; from = a
 * one-time window's start: what that budget has used).  *out gets the
 * figure; returns 0, or -1 on a database error.
 */
int pc_budget_spend(int64_t customer_id, const char *from, const pc_budget_months *m, int64_t *out);

/* The month-to-date expenditure of customer_id now (pc_budget_spend from the 1st); 0 or -1. */
int pc_budget_month_to_date(int64_t customer_id, int64_t *out);

/* The same figure as one SQL expression for statements that refresh many
 * customers at once; `cust` the SQL of the customer id; binds: this month,
 * next month (pc_budget_months). */
#define PC_BUDGET_MTD_SQL(cust)                                                                    \
    "(SELECT IFNULL(SUM(s.list_amount), 0) FROM customer_spend_daily s WHERE s.customer_id "       \
    "= " cust " AND s.day >= ? AND s.day < ? AND s.monthly_settled = 0)"

/*
 * What a budget has used: pc_budget_spend from the window's start (a monthly
 * budget: the 1st of this month; a one-time budget: its window_start).
 * *used gets it (negative when refunds exceed the spend); 0, or -1 on a
 * database error.
 */
int pc_budget_used(int64_t customer_id, const char *type, const char *window_start, int64_t *used);

/*
 * Usage of budget `budget` by `spent`, in basis points (10000 = 100 %),
 * at most 10^9.  Spend of zero or less (refunds larger than the spend) is
 * 0 % — nothing of the budget is used, no alert level is reached; a zero
 * budget is exhausted (100 %) by any spend above zero (3d item 10).
 */
int64_t pc_budget_usage_bp(int64_t spent, int64_t budget);

/*
 * Refresh the figures the customer list keeps on the customer row
 * (mtd_spend and, for a customer with a budget, budget_usage_bp) from
 * pc_budget_spend, after spend was written (rating).  Alerts, exhaustion and
 * freezing stay the hourly job's.  0 or -1.
 */
int pc_budget_figures_refresh(int64_t customer_id, const pc_budget_months *m);

/* The largest budget amount: 2,147,483,647.00 USD (partner-api §5.3), in 10^-8 units. */
#define PC_BUDGET_AMOUNT_MAX (INT64_C(214748364700) * INT64_C(1000000))

/* Why a budget amount is refused (pc_budget_amount_check). */
typedef enum {
    PC_BUDGET_AMOUNT_OK,
    PC_BUDGET_AMOUNT_NEGATIVE,
    PC_BUDGET_AMOUNT_DECIMALS, /* more than 2 decimal places */
    PC_BUDGET_AMOUNT_TOO_LARGE
} pc_budget_amount_error;

/* The one rule for a budget amount (10^-8 units), for the Set Budget pages
 * and update_sub_customer_budget: 0 to PC_BUDGET_AMOUNT_MAX, whole cents. */
pc_budget_amount_error pc_budget_amount_check(int64_t amount);

/*
 * One budget change: the same type, amount and policy for the customers
 * ids[0..n) (a batch works on the user's own customers only).  policy NULL
 * keeps each customer's policy ("manual" for a customer without a budget).
 * unfreeze_now also ends the customer's freeze.  The caller checked the
 * fields, the gate and the type grant; pc_budget_set locks the partner row
 * (the reseller's quota pool) and each customer row inside the user's scope,
 * writes the budget with a new version, an adjustment record, the audit event
 * "customer.budget.set" (and "customer.unfreeze"), and the usage at once, in
 * one transaction.
 */
typedef struct pc_budget_change {
    const pc_user *user;
    const char *ip;  /* for the audit trail */
    const char *via; /* "" (the pages) or "api": noted in the audit detail */
    pc_budget_partner actor;
    int64_t ids[PC_BUDGET_MAX_BATCH];
    int n, batch, unfreeze_now;
    const char *type, *policy;
    int64_t amount;
    /* a refusal: HTTP status, language key and field (NULL: not a field's) */
    int status;
    const char *error, *error_field;
} pc_budget_change;

/* 0 done, 1 refused (j->status, j->error, j->error_field; nothing changed), -1 database error. */
int pc_budget_set(pc_budget_change *j);

#endif
