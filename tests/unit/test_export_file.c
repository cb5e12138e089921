/* Unit tests of worker/exports/export_file.c: the bytes of a CSV file (RFC 4180, BOM, CRLF). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exports/export_file.h"

/* Write rows to a temporary CSV and return its bytes (malloc'd). */
static char *csv_of(const char *const *labels, size_t ncols, const char *const *cells, size_t nrows,
                    const export_type *types, size_t *len)
{
    char path[] = "/tmp/pc-test-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    export_file *f = export_file_open("csv", path, labels, ncols, (long long)nrows);
    assert_non_null(f);
    for (size_t r = 0; r < nrows; r++)
        assert_int_equal(export_file_row(f, cells + r * ncols, types), 0);
    assert_int_equal(export_file_close(f), 0);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    char *buf = calloc(1, 4096);
    *len = fread(buf, 1, 4095, in);
    fclose(in);
    unlink(path);
    return buf;
}

static void test_csv_quoting(void **state)
{
    static const char *const labels[] = {"ID", "Name, full"};
    static const char *const cells[] = {"1", "plain",        "2", "a \"b\", c",
                                        "3", "two\r\nlines", "4", ""};
    static const export_type types[] = {EXPORT_INT, EXPORT_TEXT};
    size_t len;
    (void)state;
    char *got = csv_of(labels, 2, cells, 4, types, &len);
    const char *want =
        "\xEF\xBB\xBF"
        "ID,\"Name, full\"\r\n1,plain\r\n2,\"a \"\"b\"\", c\"\r\n3,\"two\r\nlines\"\r\n4,\r\n";
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
    free(got);
}

static void test_csv_formula_cells_stay_text(void **state)
{
    static const char *const labels[] = {"Tag", "Amount"};
    static const char *const cells[] = {"=1+2", "-5.00000000", "@x", "10", "-x,y", "0"};
    static const export_type types[] = {EXPORT_TEXT, EXPORT_MONEY};
    size_t len;
    (void)state;
    char *got = csv_of(labels, 2, cells, 3, types, &len);
    const char *want = "\xEF\xBB\xBF"
                       "Tag,Amount\r\n'=1+2,-5.00000000\r\n'@x,10\r\n\"'-x,y\",0\r\n";
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_formula_cells_stay_text),
    };
    return cmocka_run_group_tests_name("export_file", tests, NULL, NULL);
}
