/* Unit tests of lib/en16931.c: the totals rules BR-CO-10..16 on passing and failing documents. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "billing/en16931.h"

#define C(x) ((int64_t)(x)*1000000) /* cents → 10^-8 */

static const int64_t lines[] = {C(10000), C(5050)}; /* 100.00 + 50.50 */
static const int64_t allowances[] = {C(1000)};      /* coupons 10.00 */
static const int64_t charges[] = {C(0)};
static const pc_en_vat vat[] = {{"S", 200000, C(14050), C(2810)}};

/* 150.50 − 10.00 = 140.50 + 20 % 28.10 = 168.60, 100.00 prepaid, 68.60 due. */
static pc_en_doc good(void)
{
    return (pc_en_doc){lines,   2,        allowances, 1,       charges, 1,
                       vat,     1,        C(15050),   C(1000), C(0),    C(14050),
                       C(2810), C(16860), C(10000),   C(0),    C(6860)};
}

static void expect(pc_en_doc d, const char *rule)
{
    char why[200] = "";
    const char *got = pc_en16931_check(&d, why, sizeof why);
    if (!rule) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, rule);
    assert_non_null(strstr(why, rule));
}

static void test_passing(void **state)
{
    (void)state;
    expect(good(), NULL);
    pc_en_doc d = good(); /* a rounding amount of 0.01 (BT-114) is part of BR-CO-16 */
    d.rounding = C(1), d.payable = C(6861);
    expect(d, NULL);
    pc_en_doc rc = {
        lines, 2,        NULL,    0, NULL,     0, (const pc_en_vat[]){{"AE", 0, C(15050), 0}},
        1,     C(15050), 0,       0, C(15050), 0, C(15050),
        0,     0,        C(15050)};
    expect(rc, NULL); /* reverse charge: no VAT */
}

static void test_failing(void **state)
{
    (void)state;
    pc_en_doc d = good();
    d.line_total = C(15051);
    expect(d, "BR-CO-10");
    d = good(), d.allowance_total = C(999);
    expect(d, "BR-CO-11");
    d = good(), d.charge_total = C(1);
    expect(d, "BR-CO-12");
    d = good(), d.tax_exclusive = C(15050); /* allowance not subtracted */
    expect(d, "BR-CO-13");
    d = good(), d.tax_total = C(2800);
    expect(d, "BR-CO-14");
    d = good(), d.tax_inclusive = C(16850);
    expect(d, "BR-CO-15");
    d = good(), d.payable = C(16860); /* prepaid forgotten */
    expect(d, "BR-CO-16");
    d = good(), d.rounding = 1; /* 10^-8: finer than a cent */
    expect(d, "BR-DEC");
}

/* AE, Z, E and O carry no VAT: a rate or a tax amount there is refused. */
static void test_zero_categories(void **state)
{
    (void)state;
    pc_en_vat exempt[] = {{"E", 200000, C(15050), C(3010)}};
    pc_en_doc d = {lines, 2, NULL,     0,       NULL,     0, exempt, 1,       C(15050),
                   0,     0, C(15050), C(3010), C(18060), 0, 0,      C(18060)};
    expect(d, "BR-E-05");
    exempt[0].rate_ppm = 0;
    expect(d, "BR-E-08");
    pc_en_vat rc[] = {{"AE", 0, C(15050), C(1)}};
    d.vat = rc, d.tax_total = C(1), d.tax_inclusive = d.payable = C(15051);
    expect(d, "BR-AE-08");
    rc[0].tax = 0, d.tax_total = 0, d.tax_inclusive = d.payable = C(15050);
    expect(d, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passing),
        cmocka_unit_test(test_failing),
        cmocka_unit_test(test_zero_categories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
