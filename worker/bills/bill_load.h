/*
 * bill_load — reading what one partner's bill of one month is computed from
 * (its rated records, the discounts, settlement discounts, coupons, tax and
 * exchange rate) and computing its lines with lib/billcalc, for the bill run
 * (job_bills.c) and the daily estimate.  `pcadm verify-bill` recomputes a
 * bill without it (bill_verify_*.c).
 */
#ifndef PC_BILL_LOAD_H
#define PC_BILL_LOAD_H
#include <stddef.h>
#include <stdint.h>

#include "billing/billcalc.h"

/*
 * SQL: partner `p` (an alias) is billed for cycle ? (binds: cycle, cycle): it is no reseller
 * (the vendor bills a reseller's customers to its distributor, ch10 §10.2.4.1.1) and it or one
 * of its resellers has reseller records of the cycle, or it has late records of an earlier
 * billed cycle that no bill took yet.
 */
#define BILL_PARTNER_HAS_LINES(p)                                                                  \
    p ".kind <> 'reseller' AND (EXISTS (SELECT 1 FROM partners g JOIN expenditure_lines l ON "     \
      "l.partner_id = g.id AND l.billing_cycle = ? AND l.association_type = 'reseller' WHERE "     \
      "g.id = " p ".id OR g.distributor_id = " p                                                   \
      ".id) OR EXISTS (SELECT 1 FROM bill_late_lines k "                                           \
      "WHERE k.partner_id = " p ".id AND k.billing_cycle < ? AND NOT EXISTS (SELECT 1 FROM "       \
      "bill_lines b WHERE b.line_id = k.line_id)))"

typedef struct bill_input {
    int64_t partner_id;
    int cycle; /* yyyymm */
    /* the moment the coupons are taken at: the run's now */
    char as_of[20];

    bc_line *lines;
    size_t nlines;
    bc_rule *rules;
    size_t nrules;
    bc_settlement_discount *sd;
    size_t nsd;
    bc_coupon *coupons;
    size_t ncoupons;
    bc_prior_use *prior;
    size_t nprior;
    bc_usage *usage;
    size_t nusage;

    char tax_region[3];
    int32_t tax_rate_ppm;
    char currency[4], exchange_rate[32];
    char error[256]; /* why the bill cannot be made (no tax rate, no exchange rate) */
} bill_input;

/* The records and discounts: enough for an estimate.  0, or -1 on a database error. */
int bill_load_lines(bill_input *in);
int bill_load_rules(bill_input *in);
/* Coupons (locked FOR UPDATE), what the originals of refunded lines still
 * hold of them, tax and exchange rate.  1 when the bill cannot be made
 * (in->error says why). */
int bill_load_money(bill_input *in);

/* Settle every line; with `full` also return and allocate coupons and add tax. 0 or -1. */
int bill_compute(bill_input *in, int full);

/* The canonical text's SHA-256 (hex) of the computed bill; fills *t. */
void bill_hash(const bill_input *in, bc_totals *t, char hex[65]);

void bill_input_free(bill_input *in);

#endif
