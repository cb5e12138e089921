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

#include "authz.h"

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
 * of lib/customer_freeze.h (pc_freeze_gate): 0 yes, else the HTTP status to
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

/*
 * What a budget has used: the customer's list-price spend from the window's
 * start (a monthly budget: the 1st of this month; a one-time budget: its
 * window_start) to the end of this month, monthly-settled services left out
 * of the current month.  -1 on a database error.
 */
int64_t pc_budget_used(int64_t customer_id, const char *type, const char *window_start);

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
