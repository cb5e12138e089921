/*
 * expenditure — writing rated expenditure lines (spec 9.3.4.2) and the
 * customers' daily list-price spend that budgets measure, shared by the
 * rating and bandwidth jobs.  A line is keyed by its source (UNIQUE
 * source_key), so writing it twice stores it once; spend is added only for
 * a line that was new, so a re-run never double-counts.
 */
#ifndef PC_EXPENDITURE_H
#define PC_EXPENDITURE_H
#include <stdint.h>

typedef struct exp_line {
    char source_key[81];
    int64_t customer, product;
    int64_t partner, account_manager; /* 0: none */
    char association_type[12];        /* "" with no partner */
    int billing_cycle;                /* yyyymm */
    const char *billing_mode, *bill_type;
    int monthly_settled;
    char spent_from[20], spent_to[20], transaction_at[20];
    char transaction_no[81], region[33], resource_key[65], resource_name[129], billing_item[65];
    char usage_qty[48], pricing_qty[48], pricing_unit[17];
    int64_t list_amount, discount, amount_due, cash_payment, coupons_used, monthly_settlement;
    const char *payment_status;
    char day[11];    /* the transaction's day in Billing.timezone: the spend row */
    int count_spend; /* 0: the list amount is not spend (usage covered by a package) */
} exp_line;

/* Insert the line (created_at = now); when it is new add its list amount to
 * customer_spend_daily.  Returns 1 new, 0 already there, -1 on error. */
int exp_line_write(const exp_line *l, const char *now);

/* Fill partner, association type and account manager of l for its customer
 * at UTC moment `at` (spec: association active at transaction time; AM
 * credit window from the day after assignment to effective_to).  0 or -1. */
int exp_line_attribute(exp_line *l, const char *at);

/* Billing cycle (yyyymm) and day (YYYY-MM-DD) in Billing.timezone of UTC "YYYY-MM-DD HH:MM:SS". */
void exp_local_cycle_day(const char *utc, int *cycle, char day[11]);

#endif
