/*
 * billcalc — the pure arithmetic of a partner bill (ch09 §9.4.1.2–9.4.1.3,
 * §9.4.4.1, §9.4.5.1.1, §9.7.1.1, 3d.1–3d.3, 3d.7–3d.8, 3d.21): which
 * discount settles a line, its settlement amount, the cash coupons it uses,
 * its tax and amount due, the bill's totals, and the canonical text whose
 * SHA-256 a bill stores.  The worker's bill run and `pcadm verify-bill` both
 * call it, so a bill can be recomputed from its rated records.
 *
 * Money is int64_t in 10^-8 USD; rates in parts per million; times are UTC
 * "YYYY-MM-DD HH:MM:SS" strings, compared as text.  Never floating point.
 */
#ifndef PC_BILLCALC_H
#define PC_BILLCALC_H
#include <stddef.h>
#include <stdint.h>

#include "billing/rating.h"

enum bc_bill_type { BC_EXPENDITURE, BC_REFUND, BC_ADJUSTMENT };
extern const char *const bc_bill_type_name[]; /* the SQL enum values */

/* How a line was settled (bill_lines.settlement_type). */
enum bc_settlement {
    BC_COMMON,
    BC_PROMOTIONAL,
    BC_NO_DISCOUNT,
    BC_SPECIAL, /* a commercial discount (special bidding) */
    BC_RESALE_CUSTOMER,
    BC_RESALE_PARTNER,
    BC_RESALE_PRODUCT,
};
extern const char *const bc_settlement_name[];

/* The index of v among names[0..n) (the SQL enum values above), 0 when absent. */
int bc_enum_of(const char *const *names, int n, const char *v);

/* A discount rule the bill run may apply, in precedence order of `kind`. */
enum bc_rule_kind {
    BC_KOO_CUSTOMER,
    BC_KOO_PARTNER,
    BC_KOO_PRODUCT,
    BC_SAVINGS_CUSTOMER,
    BC_SAVINGS_PARTNER,
    BC_TYPE_CUSTOMER,
    BC_TYPE_PARTNER,
    BC_RULE_KINDS
};

typedef struct bc_rule {
    enum bc_rule_kind kind;
    int64_t customer_id; /* customer-level kinds: the customer */
    int64_t product_id;
    char region[33];           /* "" = unlimited */
    char billing_mode[20];     /* "" = any */
    char from[20], to[20];     /* applies when from <= transaction time <= to */
    int32_t discount_ppm;      /* -1 with a fixed price */
    int64_t fixed_price;       /* -1 with a discount; per pricing unit */
    int64_t linear_size_milli; /* -1: not applied */
    int usage_days;            /* multiply by Usage Days/Total */
    char ref[41];              /* the discount's code or uuid */
} bc_rule;

/* The partner's settlement discount for a settlement type over a period. */
typedef struct bc_settlement_discount {
    enum bc_settlement type; /* BC_COMMON or BC_PROMOTIONAL */
    int32_t discount_ppm;
    char from[20], to[20]; /* to "" = open */
} bc_settlement_discount;

typedef struct bc_coupon {
    int64_t id;
    int64_t customer_id; /* 0: every customer of the partner */
    int64_t reseller_id; /* 0: every reseller (ch10 §10.2.4.5): lines of that reseller only */
    int64_t product_id, excluded_product_id; /* 0: none */
    char billing_mode[20], region[33];       /* "" = any */
    int no_promotion;
    char valid_from[20], valid_to[20];
    int64_t balance; /* before this bill; allocation lowers it */
} bc_coupon;

/* One coupon deduction (negative: a refund returning coupon value). */
typedef struct bc_usage {
    int64_t coupon_id;
    size_t line; /* index into the lines */
    int64_t amount;
} bc_usage;

/* One rated record and, after bc_settle / bc_allocate / bc_finish, its bill line. */
typedef struct bc_line {
    /* the record */
    int64_t line_id, customer_id, product_id;
    enum bc_bill_type bill_type;
    char billing_mode[20], region[33], transaction_at[20];
    int64_t list_amount;
    pc_qty pricing_qty;
    int usage_days_bp;               /* -1: no Usage Days/Total (not a 95th-percentile line) */
    enum bc_settlement product_type; /* the product's settlement type */
    int koogallery;
    int refund_coupons;
    int64_t original_line_id; /* refunds: the line of the original order, 0: none */
    int64_t partner_id; /* the partner the customer is associated with (a distributor's reseller) */
    int covered;        /* usage within a package, RI or savings plan: not billed separately */
    int late_cycle;     /* yyyymm of a record rated after its cycle was billed, 0: none */
    /* the bill line */
    enum bc_settlement settlement_type;
    int32_t discount_ppm;                   /* -1 in the fixed-price case */
    int64_t fixed_price, linear_size_milli; /* -1 when not used */
    int applied_usage_days_bp;              /* -1 when not used */
    char discount_ref[41];
    int64_t settlement, coupons, tax, amount_due;
} bc_line;

/* Settle one line by the first matching rule in precedence order, else
 * the settlement discount of its product's type; a vendor adjustment settles
 * at its amount; covered usage settles at 0 with list amount 0 (the package's
 * or RI's order is what is billed, §9.4.1.3 fields 33, 35).  rules need not
 * be sorted. */
void bc_settle(bc_line *l, const bc_rule *rules, size_t nrules, const bc_settlement_discount *sd,
               size_t nsd);

/*
 * Allocate coupons over the settled lines: coupons restricted to a customer
 * first, on that customer's lines, then those restricted to a reseller, then
 * the others; within a pass by earliest expiry, lowest balance, id.  Only
 * positive expenditure and adjustment lines take coupons; a coupon's
 * customer, reseller, product, exclusion, billing mode, region, promotion
 * rule and validity (valid_from <= transaction time) must match.  Coupons
 * never pay more than the bill's net total Σ (settlement − coupons returned):
 * on a bill whose refunds make it zero or negative they pay nothing and keep
 * their balance.  Coupons are sorted in place.  Appends usages at out[*nout]
 * (at most cap); returns 0, or -1 when cap is too small.
 */
int bc_allocate(bc_line *lines, size_t n, bc_coupon *coupons, size_t ncoupons, bc_usage *out,
                size_t cap, size_t *nout);

/* What an earlier bill deducted from a coupon for one original line. */
typedef struct bc_prior_use {
    int64_t line_id, coupon_id, amount;
} bc_prior_use;

/*
 * Refund lines marked "Whether to Refund Coupons" return what their
 * original line still holds of coupons (prior: its deductions less earlier
 * returns; lowered as refunds take it), up to the refund's settlement, to
 * those coupons still among `coupons` (not expired or revoked); the refund's
 * coupons become negative.  Appends usages at out[*nout] (at most cap);
 * returns 0, -1 when cap is too small.
 */
int bc_return_coupons(bc_line *lines, size_t n, bc_prior_use *prior, size_t nprior,
                      bc_coupon *coupons, size_t ncoupons, bc_usage *out, size_t cap, size_t *nout);

/* Tax of (settlement − coupons) at rate_ppm, half-up; amount due. */
void bc_finish(bc_line *l, int32_t tax_rate_ppm);

typedef struct bc_totals {
    int64_t lines, list_total, expenditures, refunds, adjustments, total_exact, total_rounded,
        coupons, tax, amount_due, credited;
} bc_totals;

/* The bill's header figures: total rounded half-up to 2 decimals once, amount
 * due = max(0, round2(Σ line amounts due)) (3d.7, 3d.8); a negative
 * round2(Σ line amounts due) is `credited` (as a positive amount) to the
 * partner's top-up balance instead of being lost. */
void bc_totals_of(const bc_line *lines, size_t n, bc_totals *t);

/* Settlement at a rate: list × (1 − ppm/10^6), half-up at 10^-8 (3d.2). */
int64_t bc_rate_amount(int64_t list_amount, int32_t discount_ppm);

/*
 * Settlement at a fixed price (3d.3): price × pricing quantity × linear size
 * (when >= 0, in 1/1000) × usage days (when >= 0, in 1/10000) at full
 * precision, rounded half-up to 10^-8 once.  Returns -1 on overflow.
 */
int bc_fixed_amount(int64_t price, pc_qty qty, int64_t linear_size_milli, int usage_days_bp,
                    int64_t *out);

/*
 * The canonical text of one line (docs/bills.md): fields separated by '|',
 * amounts with 8 decimals, ending in '\n'.  Returns its length.
 */
size_t bc_canonical_line(const bc_line *l, char *buf, size_t size);
/* The canonical header line of a bill (docs/bills.md). */
size_t bc_canonical_header(int64_t partner_id, int cycle, const char *tax_region,
                           int32_t tax_rate_ppm, const bc_totals *t, char *buf, size_t size);

#endif
