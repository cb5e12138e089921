/*
 * The independent recomputation behind `pcadm verify-bill` and the nightly
 * bill check (docs/bills.md "Verifying").  It shares no arithmetic with the
 * bill engine (lib/billing/billcalc.c, worker/bills/bill_load.c): the settlement of every
 * line is one set-based statement (bill_verify_sql.c), the coupons, tax and
 * totals a small separate implementation (bill_verify_money.c).  It borrows
 * only bc_line / bc_totals as plain records and bc_canonical_* to print them.
 */
#ifndef PC_BILL_VERIFY_INT_H
#define PC_BILL_VERIFY_INT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "billing/billcalc.h"

/* Where the findings go: a stream (pcadm) or a bounded buffer (the nightly report). */
typedef struct vb_out {
    FILE *f;
    char *buf;
    size_t size, len;
} vb_out;

/* printf into out (a full buffer keeps what fits and ends in "…\n"). */
void vb_say(vb_out *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A vendor cash coupon as it stood before the bill. */
typedef struct vb_coupon {
    int64_t id, customer_id, reseller_id, product_id, excluded_product_id;
    char billing_mode[20], region[33], valid_from[20], valid_to[20];
    int no_promotion;
    int64_t balance;
} vb_coupon;

/* One stored bill and its recomputation. */
typedef struct vb_bill {
    int64_t bill_id, entry_id, partner_id;
    int cycle;
    char generated_at[20];
    int32_t tax_rate_ppm;
    bc_line *lines; /* the recomputed lines, ascending line_id */
    size_t nlines;
    vb_coupon *coupons;
    size_t ncoupons;
} vb_bill;

/* The lines of the bill settled from the records and today's rule tables (one
 * statement).  0, or -1 on a database error. */
int vb_settle_lines(vb_bill *b);
/* The partner's vendor coupons valid at the bill, balances from the ledger before the
 * bill's journal entry.  0 or -1. */
int vb_load_coupons(vb_bill *b);
/* What coupon `coupon_id` still holds for original line `orig` from bills before this one
 * (the original's deductions less what refunds of it got back).  Calls fn per coupon with
 * a positive amount, by coupon id.  0 or -1. */
int vb_original_coupons(const vb_bill *b, int64_t orig,
                        void (*fn)(void *arg, int64_t coupon_id, int64_t amount), void *arg);

/* Coupons given back by refunds, then allocated; tax and amount due of each line. 0 or -1. */
int vb_coupons_and_tax(vb_bill *b);
/* The header figures of the recomputed lines. */
void vb_totals(const vb_bill *b, bc_totals *t);
/* a × b / d (d > 0), rounded half away from zero, exact. */
int64_t vb_half_up(int64_t a, int64_t b, int64_t d);

void vb_bill_free(vb_bill *b);

/* Check one stored bill: storage (SHA-256, header vs lines) and recomputation.
 * 0 equal, 1 different, 2 no such bill, -1 error.  Findings go to out. */
int vb_check(int64_t partner_id, int cycle, vb_out *out, size_t *nlines);

#endif
