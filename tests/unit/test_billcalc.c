/*
 * Unit tests of lib/billing/billcalc.c: the spec's worked examples (ch09 §9.4.1.2,
 * §9.4.1.3, §9.4.1.4, §9.4.4.1, §9.4.5.1.1, §9.7.1.1) with the correct
 * arithmetic where the guide's is wrong (3f.2, 3f.3).  Amounts are 10^-8 USD.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "billing/billcalc.h"

#define USD(x) ((int64_t)((x)*100) * 1000000) /* whole cents only */

static bc_line line(int64_t id, int64_t customer, int64_t product, int64_t list, const char *at)
{
    bc_line l;
    memset(&l, 0, sizeof l);
    l.line_id = id;
    l.customer_id = customer;
    l.product_id = product;
    l.bill_type = list < 0 ? BC_REFUND : BC_EXPENDITURE;
    snprintf(l.billing_mode, sizeof l.billing_mode, "pay_per_use");
    snprintf(l.region, sizeof l.region, "ap-southeast-1");
    snprintf(l.transaction_at, sizeof l.transaction_at, "%s", at);
    l.list_amount = list;
    l.usage_days_bp = -1;
    l.product_type = BC_COMMON;
    return l;
}

static bc_rule rule(enum bc_rule_kind kind, int64_t customer, int64_t product, int32_t ppm,
                    int64_t fixed, const char *to, const char *ref)
{
    bc_rule r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    r.customer_id = customer;
    r.product_id = product;
    r.discount_ppm = ppm;
    r.fixed_price = fixed;
    r.linear_size_milli = -1;
    snprintf(r.from, sizeof r.from, "2024-01-01 00:00:00");
    snprintf(r.to, sizeof r.to, "%s", to);
    snprintf(r.ref, sizeof r.ref, "%s", ref);
    return r;
}

/* 9.4.1.3: 1,000 at 25 % → 750; coupons 100 → tax-exclusive 650 (the guide prints 675, 3f.2);
   tax 10 → amount due 660 (the guide prints 685). */
static void test_rate_line_and_amount_due(void **state)
{
    (void)state;
    bc_settlement_discount sd = {BC_COMMON, 250000, "2019-01-01 00:00:00", ""};
    bc_line l = line(1, 1, 1, USD(1000), "2019-09-28 01:00:00");
    bc_settle(&l, NULL, 0, &sd, 1);
    assert_int_equal(l.settlement_type, BC_COMMON);
    assert_int_equal(l.settlement, USD(750));
    l.coupons = USD(100);
    /* a rate giving tax 10 on 650: 10 / 650 is not a whole ppm, so check the formula directly */
    bc_finish(&l, 0);
    assert_int_equal(l.amount_due, USD(650));
    l.tax = USD(10);
    assert_int_equal(l.settlement - l.coupons + l.tax, USD(660));
}

/* 9.4.1.4 By Customer: 30.30 at 25 % is 22.725 (the guide prints 25.22, 3f.3). */
static void test_by_customer_example(void **state)
{
    (void)state;
    assert_int_equal(bc_rate_amount(USD(30.30), 250000), 2272500000);
    /* half-up at the 8th decimal, away from zero for refunds */
    assert_int_equal(bc_rate_amount(15, 500000), 8);
    assert_int_equal(bc_rate_amount(-15, 500000), -8);
}

/* 9.4.1.3: fixed price 0.15 × usage 100 × linear size 10 × 50 % = 75.00. */
static void test_fixed_price(void **state)
{
    (void)state;
    int64_t out = 0;
    assert_int_equal(bc_fixed_amount(15000000, 100 * PC_QTY_SCALE, 10000, 5000, &out), 0);
    assert_int_equal(out, USD(75));
    assert_int_equal(bc_fixed_amount(15000000, 100 * PC_QTY_SCALE, -1, -1, &out), 0);
    assert_int_equal(out, USD(15));
    bc_line l = line(1, 1, 7, USD(650), "2024-09-30 15:59:59");
    l.pricing_qty = 100 * PC_QTY_SCALE;
    l.usage_days_bp = 5000;
    bc_rule r = rule(BC_SAVINGS_PARTNER, 0, 7, -1, 15000000, "2024-12-31 00:00:00", "S1");
    r.linear_size_milli = 10000;
    r.usage_days = 1;
    bc_settle(&l, &r, 1, NULL, 0);
    assert_int_equal(l.settlement, USD(75));
    assert_int_equal(l.settlement_type, BC_SPECIAL);
    assert_int_equal(l.applied_usage_days_bp, 5000);
}

/* 9.4.4.1: savings (fixed → 60) beats a product-type 30 % (→ 70); a customer-level discount
   expiring 23:59:59 does not apply one second later. */
static void test_commercial_precedence_and_expiry(void **state)
{
    (void)state;
    bc_rule rules[] = {
        rule(BC_TYPE_PARTNER, 0, 1, 300000, -1, "2024-12-31 00:00:00", "T"),
        rule(BC_SAVINGS_PARTNER, 0, 1, -1, 60000000, "2024-12-31 00:00:00", "S"),
        rule(BC_TYPE_CUSTOMER, 9, 2, 200000, -1, "2024-09-27 15:59:59", "C"),
    };
    bc_line l = line(1, 1, 1, USD(100), "2024-09-01 00:00:00");
    l.pricing_qty = 100 * PC_QTY_SCALE;
    bc_settle(&l, rules, 3, NULL, 0);
    assert_int_equal(l.settlement, USD(60));
    assert_string_equal(l.discount_ref, "S");
    bc_line no_usage = line(2, 1, 1, USD(100), "2024-09-01 00:00:00");
    bc_settle(&no_usage, rules, 3, NULL, 0); /* a fixed price needs usage: the 30 % applies */
    assert_int_equal(no_usage.settlement, USD(70));
    bc_line last = line(3, 9, 2, USD(100), "2024-09-27 15:59:59");
    bc_line after = line(4, 9, 2, USD(100), "2024-09-27 16:00:00");
    bc_settle(&last, rules, 3, NULL, 0);
    bc_settle(&after, rules, 3, NULL, 0);
    assert_int_equal(last.settlement, USD(80));
    assert_int_equal(after.settlement, USD(100));
    assert_int_equal(after.settlement_type, BC_COMMON);
}

/* 9.7.1.1: KooGallery line 100 with product-level 15 % and customer-level 20 % → 80,
   settlement type resale discount (customer level); not for a non-KooGallery product. */
static void test_koogallery_precedence(void **state)
{
    (void)state;
    bc_rule rules[] = {
        rule(BC_KOO_PRODUCT, 0, 5, 150000, -1, "2025-12-31 00:00:00", "P"),
        rule(BC_KOO_CUSTOMER, 3, 5, 200000, -1, "2025-12-31 00:00:00", "C"),
    };
    bc_line l = line(1, 3, 5, USD(100), "2025-03-01 00:00:00");
    l.koogallery = 1;
    bc_settle(&l, rules, 2, NULL, 0);
    assert_int_equal(l.settlement, USD(80));
    assert_int_equal(l.settlement_type, BC_RESALE_CUSTOMER);
    bc_line other = line(2, 4, 5, USD(100), "2025-03-01 00:00:00");
    other.koogallery = 1;
    bc_settle(&other, rules, 2, NULL, 0);
    assert_int_equal(other.settlement, USD(85));
    assert_int_equal(other.settlement_type, BC_RESALE_PRODUCT);
    bc_line plain = line(3, 3, 5, USD(100), "2025-03-01 00:00:00");
    bc_settle(&plain, rules, 2, NULL, 0);
    assert_int_equal(plain.settlement, USD(100));
}

/* 9.4.5.1.1: A 80 and B 50; X (A only, 100) and Y (all, 40) → X covers A's 80 and keeps 20,
   Y covers 40 of B: A due 0, B due 10 (tax-exclusive), Y empty. */
static void test_coupon_example(void **state)
{
    (void)state;
    bc_line lines[] = {line(1, 2, 1, USD(50), "2025-03-01 00:00:00"),
                       line(2, 1, 1, USD(80), "2025-03-02 00:00:00")};
    for (int i = 0; i < 2; i++)
        bc_settle(&lines[i], NULL, 0, NULL, 0);
    /* Y expires first, so a single pass in coupon order would spend it on B or A alike; the
       customer-specific pass makes X go first on A */
    bc_coupon c[2];
    memset(c, 0, sizeof c);
    c[0].id = 10, c[0].customer_id = 1, c[0].balance = USD(100);
    c[1].id = 11, c[1].balance = USD(40);
    snprintf(c[0].valid_from, 20, "2025-01-01 00:00:00");
    snprintf(c[1].valid_from, 20, "2025-01-01 00:00:00");
    snprintf(c[0].valid_to, 20, "2025-12-31 15:59:59");
    snprintf(c[1].valid_to, 20, "2025-06-30 15:59:59");
    bc_usage u[16];
    size_t n = 0;
    assert_int_equal(bc_allocate(lines, 2, c, 2, u, 16, &n), 0);
    for (int i = 0; i < 2; i++)
        bc_finish(&lines[i], 0);
    assert_int_equal(lines[1].amount_due, 0);
    assert_int_equal(lines[0].amount_due, USD(10));
    assert_int_equal(n, 2);
    int64_t x = -1, y = -1;
    for (int i = 0; i < 2; i++)
        *(c[i].id == 10 ? &x : &y) = c[i].balance;
    assert_int_equal(x, USD(20));
    assert_int_equal(y, 0);
}

/* 9.4.1.2 / 9.4.1.4: 8,083.8494925 − 853.8495 − 37.9425 = 7,192.0574925 → 7,192.06; a month of
   100 and −150 totals −50.00 and is due 0. */
static void test_totals(void **state)
{
    (void)state;
    bc_line l[3] = {line(1, 1, 1, 808384949250, "2025-03-01 00:00:00"),
                    line(2, 1, 1, -85384950000, "2025-03-02 00:00:00"),
                    line(3, 1, 1, -3794250000, "2025-03-03 00:00:00")};
    l[2].bill_type = BC_ADJUSTMENT;
    for (int i = 0; i < 3; i++) {
        bc_settle(&l[i], NULL, 0, NULL, 0);
        bc_finish(&l[i], 0);
    }
    bc_totals t;
    bc_totals_of(l, 3, &t);
    assert_int_equal(t.total_exact, 719205749250);
    assert_int_equal(t.total_rounded, 719206000000);
    assert_int_equal(t.amount_due, 719206000000);
    assert_int_equal(t.refunds, -85384950000);
    assert_int_equal(t.adjustments, -3794250000);
    bc_line m[2] = {line(1, 1, 1, USD(100), "2025-03-01 00:00:00"),
                    line(2, 1, 1, -USD(150), "2025-03-02 00:00:00")};
    for (int i = 0; i < 2; i++) {
        bc_settle(&m[i], NULL, 0, NULL, 0);
        bc_finish(&m[i], 90000);
    }
    bc_totals_of(m, 2, &t);
    assert_int_equal(t.total_rounded, -USD(50));
    assert_int_equal(t.amount_due, 0);
}

/* A refund marked "Whether to Refund Coupons" gives back what its original took, up to itself. */
static void test_refund_returns_coupons(void **state)
{
    (void)state;
    bc_line r = line(5, 1, 1, -USD(30), "2025-04-02 00:00:00");
    r.refund_coupons = 1;
    r.original_line_id = 2;
    bc_settle(&r, NULL, 0, NULL, 0);
    bc_prior_use prior[] = {{2, 10, USD(50)}, {3, 10, USD(7)}};
    bc_coupon c;
    memset(&c, 0, sizeof c);
    c.id = 10, c.balance = USD(5);
    bc_usage u[4];
    size_t n = 0;
    assert_int_equal(bc_return_coupons(&r, 1, prior, 2, &c, 1, u, 4, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(u[0].amount, -USD(30));
    assert_int_equal(r.coupons, -USD(30));
    assert_int_equal(c.balance, USD(35));
    /* two refunds of the same original in one bill: the second gets only what is left */
    bc_line two[2] = {line(6, 1, 1, -USD(40), "2025-04-02 00:00:00"),
                      line(7, 1, 1, -USD(40), "2025-04-03 00:00:00")};
    bc_prior_use held[] = {{2, 10, USD(50)}};
    c.balance = 0;
    for (int i = 0; i < 2; i++) {
        two[i].refund_coupons = 1, two[i].original_line_id = 2;
        bc_settle(&two[i], NULL, 0, NULL, 0);
    }
    n = 0;
    assert_int_equal(bc_return_coupons(two, 2, held, 1, &c, 1, u, 4, &n), 0);
    assert_int_equal(two[0].coupons, -USD(40));
    assert_int_equal(two[1].coupons, -USD(10));
    assert_int_equal(c.balance, USD(50));
    r.refund_coupons = 0; /* a downgrade refund returns nothing */
    r.coupons = 0;
    n = 0;
    assert_int_equal(bc_return_coupons(&r, 1, prior, 2, &c, 1, u, 4, &n), 0);
    assert_int_equal(n, 0);
}

static void test_canonical_line(void **state)
{
    (void)state;
    bc_line l = line(42, 7, 1, USD(1000), "2025-03-01 00:00:00");
    bc_settlement_discount sd = {BC_COMMON, 250000, "2019-01-01 00:00:00", ""};
    bc_settle(&l, NULL, 0, &sd, 1);
    bc_finish(&l, 60000);
    char buf[512];
    bc_canonical_line(&l, buf, sizeof buf);
    assert_string_equal(buf, "42|7|1|pay_per_use|expenditure|1000.00000000|common|250000|-|-|-||"
                             "750.00000000|0.00000000|0|45.00000000|795.00000000|0|0|0\n");
}

/*
 * 3d.3 at full precision, rounded once.  Price 0.15 per hour, usage 0.7142857142 h, linear
 * size 10, Usage Days/Total 50 %:
 *   15,000,000 × 7,142,857,142 = 107,142,857,130,000,000 (10^-18 USD)
 *   × 10,000 × 5,000 / (10^10 × 1,000 × 10,000) = 53,571,428.565 → 53,571,429 (0.53571429)
 * Rounding price × usage first gave 10,714,285.713 → 10,714,286, × 10 × 0.5 = 53,571,430:
 * 10^-8 too much.
 */
static void test_fixed_price_rounds_once(void **state)
{
    (void)state;
    int64_t out = 0;
    assert_int_equal(bc_fixed_amount(15000000, (pc_qty)7142857142LL, 10000, 5000, &out), 0);
    assert_int_equal(out, 53571429);
    /* half-up at the last step only: 0.00000001 × 0.5 h = 0.000000005 → 0.00000001 */
    assert_int_equal(bc_fixed_amount(1, PC_QTY_SCALE / 2, -1, -1, &out), 0);
    assert_int_equal(out, 1);
    /* 10^9 USD: still exact; beyond int64 or 128-bit products: refused */
    assert_int_equal(
        bc_fixed_amount(100000000, (pc_qty)1000000 * PC_QTY_SCALE, 1000000, 10000, &out), 0);
    assert_int_equal(out, (int64_t)100000000 * 1000000 * 1000);
    assert_int_equal(
        bc_fixed_amount(100000000, (pc_qty)1000000 * PC_QTY_SCALE, 1000000000, 10000, &out), -1);
    assert_int_equal(bc_fixed_amount(INT64_MAX, (pc_qty)INT64_MAX * 1000, 1000, 10000, &out), -1);
}

/* Covered usage (package, RI) is on the bill, not billed separately: list 0, settlement 0. */
static void test_covered_usage(void **state)
{
    (void)state;
    bc_settlement_discount sd = {BC_COMMON, 250000, "2019-01-01 00:00:00", ""};
    bc_line l = line(1, 1, 1, USD(720), "2025-03-01 00:00:00");
    snprintf(l.billing_mode, sizeof l.billing_mode, "yearly_monthly");
    l.covered = 1;
    bc_settle(&l, NULL, 0, &sd, 1);
    bc_finish(&l, 90000);
    assert_int_equal(l.list_amount, 0);
    assert_int_equal(l.settlement, 0);
    assert_int_equal(l.tax, 0);
    assert_int_equal(l.amount_due, 0);
}

/*
 * Expenditure 100 (A) and refund −150: the total is −50, so coupons pay nothing and keep their
 * balance; the bill's amount due is 0 and 50 × 1.09 = 54.50 is credited.  With expenditure 100
 * and refund −80 a coupon of 100 pays only the net 20, never more.
 */
static void test_negative_bill_keeps_coupons(void **state)
{
    (void)state;
    bc_coupon c;
    memset(&c, 0, sizeof c);
    c.id = 1, c.balance = USD(100);
    snprintf(c.valid_to, sizeof c.valid_to, "2026-01-01 00:00:00");
    bc_line m[2] = {line(1, 1, 1, USD(100), "2025-03-01 00:00:00"),
                    line(2, 1, 1, -USD(150), "2025-03-02 00:00:00")};
    bc_usage u[8];
    size_t n = 0;
    for (int i = 0; i < 2; i++)
        bc_settle(&m[i], NULL, 0, NULL, 0);
    assert_int_equal(bc_allocate(m, 2, &c, 1, u, 8, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(c.balance, USD(100));
    bc_finish(&m[0], 90000);
    bc_finish(&m[1], 90000);
    bc_totals t;
    bc_totals_of(m, 2, &t);
    assert_int_equal(t.amount_due, 0);
    assert_int_equal(t.credited, USD(54.50));
    bc_line k[2] = {line(1, 1, 1, USD(100), "2025-03-01 00:00:00"),
                    line(2, 1, 1, -USD(80), "2025-03-02 00:00:00")};
    for (int i = 0; i < 2; i++)
        bc_settle(&k[i], NULL, 0, NULL, 0);
    assert_int_equal(bc_allocate(k, 2, &c, 1, u, 8, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(k[0].coupons, USD(20));
    assert_int_equal(c.balance, USD(80));
}

/* ch10 §10.2.4.5: a coupon limited to reseller 5 pays only lines of reseller 5's customers, and
   before a general coupon that expires earlier. */
static void test_reseller_coupon(void **state)
{
    (void)state;
    bc_coupon c[2];
    memset(c, 0, sizeof c);
    c[0].id = 1, c[0].balance = USD(30);
    snprintf(c[0].valid_to, sizeof c[0].valid_to, "2026-01-01 00:00:00");
    c[1].id = 2, c[1].balance = USD(30), c[1].reseller_id = 5;
    snprintf(c[1].valid_to, sizeof c[1].valid_to, "2027-01-01 00:00:00");
    bc_line l[2] = {line(1, 1, 1, USD(40), "2025-03-01 00:00:00"),
                    line(2, 2, 1, USD(40), "2025-03-01 00:00:00")};
    l[0].partner_id = 6, l[1].partner_id = 5;
    bc_usage u[8];
    size_t n = 0;
    for (int i = 0; i < 2; i++)
        bc_settle(&l[i], NULL, 0, NULL, 0);
    assert_int_equal(bc_allocate(l, 2, c, 2, u, 8, &n), 0);
    /* pass 1: the reseller coupon on reseller 5's line (30); pass 2: the general one, 30 on
       line 1 and nothing left for line 2's last 10 */
    assert_int_equal(l[1].coupons, USD(30) + 0);
    assert_int_equal(l[0].coupons, USD(30));
    assert_int_equal(c[0].balance, 0);
    assert_int_equal(c[1].balance, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_line_and_amount_due),
        cmocka_unit_test(test_by_customer_example),
        cmocka_unit_test(test_fixed_price),
        cmocka_unit_test(test_commercial_precedence_and_expiry),
        cmocka_unit_test(test_koogallery_precedence),
        cmocka_unit_test(test_coupon_example),
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_refund_returns_coupons),
        cmocka_unit_test(test_canonical_line),
        cmocka_unit_test(test_fixed_price_rounds_once),
        cmocka_unit_test(test_covered_usage),
        cmocka_unit_test(test_negative_bill_keeps_coupons),
        cmocka_unit_test(test_reseller_coupon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
