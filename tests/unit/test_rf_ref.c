/* Unit tests of lib/billing/rf_ref.c: ISO 11649 creditor references, generated and validated. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "billing/rf_ref.h"

/* The standard's own example: RF18 5390 0754 7034. */
static void test_iso_example(void **state)
{
    (void)state;
    char out[32];
    assert_string_equal(pc_rf_make("539007547034", out, sizeof out), "RF18539007547034");
    assert_true(pc_rf_valid("RF18 5390 0754 7034"));
    assert_true(pc_rf_valid("rf18539007547034"));
    assert_true(pc_rf_valid("RF45G72UUR"));
}

static void test_invalid(void **state)
{
    (void)state;
    char out[32];
    assert_false(pc_rf_valid("RF19539007547034"));            /* wrong check digits */
    assert_false(pc_rf_valid("RF18539007547035"));            /* one digit changed */
    assert_false(pc_rf_valid("RF18"));                        /* no body */
    assert_false(pc_rf_valid("XX18539007547034"));            /* not RF */
    assert_false(pc_rf_valid("RF1853900754703-4"));           /* not alphanumeric */
    assert_false(pc_rf_valid("RF0012345678901234567890123")); /* body over 21 */
    assert_null(pc_rf_make("", out, sizeof out));
    assert_null(pc_rf_make("ABC-1", out, sizeof out));
    assert_null(pc_rf_make("1234567890123456789012", out, sizeof out));
}

/* Every bill's reference is valid, and found again in remittance text. */
static void test_bill_round_trip(void **state)
{
    (void)state;
    char out[32], text[128];
    for (int64_t id = 1; id < 100000; id += 97) {
        pc_rf_for_bill(id, out, sizeof out);
        assert_true(pc_rf_valid(out));
        assert_int_equal(strncmp(out + 4, "PCB", 3), 0);
        snprintf(text, sizeof text, "Payment for invoice /%s/ thanks", out);
        assert_int_equal(pc_rf_find_bill(text), id);
    }
    pc_rf_for_bill(123, out, sizeof out);
    out[3] = out[3] == '9' ? '0' : (char)(out[3] + 1); /* a mistyped reference matches nothing */
    assert_int_equal(pc_rf_find_bill(out), 0);
    assert_int_equal(pc_rf_find_bill("no reference RF here, RF18539007547034 is not a bill"), 0);
}

/* The print form (groups of four, ISO 11649) and other groupings are found like the compact one,
 * and the end of the reference is told from the text after it. */
static void test_grouped(void **state)
{
    (void)state;
    char out[32], grouped[40], text[160];
    for (int64_t id = 1; id < 200000; id += 331) {
        pc_rf_for_bill(id, out, sizeof out);
        size_t k = 0;
        for (size_t i = 0; out[i]; i++) {
            if (i && i % 4 == 0)
                grouped[k++] = ' ';
            grouped[k++] = out[i];
        }
        grouped[k] = '\0';
        assert_int_equal(pc_rf_find_bill(grouped), id);
        snprintf(text, sizeof text, "Partner bill payment %s thank you 2026 03", grouped);
        assert_int_equal(pc_rf_find_bill(text), id);
        snprintf(text, sizeof text, "ref: %s, invoice 7", grouped);
        assert_int_equal(pc_rf_find_bill(text), id);
    }
    pc_rf_for_bill(61, out, sizeof out); /* "RFnnPCB61" */
    snprintf(text, sizeof text, "%.4s %.4s %s 1 Rf", out, out + 4, out + 8);
    assert_int_equal(pc_rf_find_bill(text), 61);
    snprintf(text, sizeof text, "%.4s  %s", out, out + 4); /* two spaces: not one reference */
    assert_int_equal(pc_rf_find_bill(text), 0);
    snprintf(text, sizeof text, "%.4s-%s", out, out + 4); /* another separator */
    assert_int_equal(pc_rf_find_bill(text), 0);
    out[3] = out[3] == '9' ? '0' : (char)(out[3] + 1); /* a wrong check digit, grouped */
    snprintf(text, sizeof text, "%.4s %.4s %s", out, out + 4, out + 8);
    assert_int_equal(pc_rf_find_bill(text), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_example),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_bill_round_trip),
        cmocka_unit_test(test_grouped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
