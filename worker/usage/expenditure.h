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
    char day[11];          /* the transaction's day in Billing.timezone: the spend row */
    int count_spend;       /* 0: the list amount is not spend (usage covered by a package) */
    int64_t original_line; /* a refund: the line of the order it refunds, 0: none */
    int refund_coupons;    /* a refund that gives back its original's coupons (§9.4.5.1.1) */
} exp_line;

/* Insert the line (created_at = now); when it is new add its list amount to
 * customer_spend_daily and, when its cycle was billed already, queue it for
 * the next bill (exp_lines_mark_late).  Returns 1 new, 0 already there, -1 on error. */
int exp_line_write(const exp_line *l, const char *now);

/*
 * Write lines l[0..n) that should all be new (multi-row statements) and add
 * their spend summed per customer and day.  Returns 0; 1 when some line was
 * stored already — then nothing of the spend is added and the caller rolls
 * back and writes them one by one with exp_line_write; -1 on error.
 */
int exp_lines_write_new(const exp_line *l, int n, const char *now);

/*
 * Lines of a cycle whose bill was made already (rated late) are queued in
 * bill_late_lines for the billed partner's next bill (issue 14; §9.4.1.3
 * "corrections arrive in a later cycle").  Only lines of closed cycles are
 * looked at; their cycle's row of bill_cycle_locks is locked exclusively
 * first: each bill transaction of that cycle holds it shared from its start,
 * so this waits for running bills to commit and then sees them, and a bill
 * started later waits for this transaction and then reads the lines.  0 or -1.
 */
int exp_lines_mark_late(const exp_line *l, int n, const char *now);

/*
 * The account manager credited on the local day `day_sql` (an SQL
 * expression) for a customer (`cust_sql`) and the partner of associations
 * row `a`: the assignment whose credit window, from the day after
 * effective_from to effective_to, covers the day (3d.20).
 */
#define EXP_AM_SQL(cust_sql, day_sql)                                                              \
    "(SELECT m.account_manager_id FROM am_assignments m WHERE m.customer_id = " cust_sql           \
    " AND m.partner_id = a.partner_id AND m.effective_from + INTERVAL 1 DAY <= " day_sql           \
    " AND (m.effective_to IS NULL OR m.effective_to >= " day_sql ") "                              \
    "ORDER BY m.effective_from DESC, m.id DESC LIMIT 1)"

/* Fill partner, association type and account manager of l for its customer
 * at UTC moment `at` (spec: association active at transaction time; AM
 * credit window from the day after assignment to effective_to).  0 or -1. */
int exp_line_attribute(exp_line *l, const char *at);

#endif
