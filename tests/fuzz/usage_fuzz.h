/*
 * What fuzz_usage.c and fuzz_bandwidth.c share: a small catalog like the
 * demo's (sql/007_catalog.sql) and one run of the CSV reader of
 * worker/usage/usage_parse.c over the input, as the importer reads a file
 * (a file holding a NUL is refused before, so such inputs are skipped).
 * Promises checked: every data line is either kept or reported bad, with one
 * report line each; a kept line has the format's fields, an existing
 * customer, a quantity that formats back to itself, a time not later than
 * the import's limit, and (usage) a record id given by no other kept line.
 */
#ifndef PC_USAGE_FUZZ_H
#define PC_USAGE_FUZZ_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "billing/rating.h"
#include "fuzz.h"
#include "usage/usage_parse.h"

#define NOW "2026-03-01 00:00:00"

static usage_catalog catalog;

static void catalog_load(void)
{
    usage_catalog *c = &catalog;
    /* products: code, id, p95 */
    usage_table_add(&c->products, "elastic_cloud_server", 1, 0, "", "", 0);
    usage_table_add(&c->products, "object_storage_service", 12, 1, "", "", 0);
    usage_table_add(&c->products, "content_delivery_network", 20, 1, "", "", 0);
    usage_table_add(&c->products, "virtual_private_cloud", 10, 1, "", "", 0);
    usage_table_add(&c->regions, "ap-southeast-1", 0, 0, "", "", 0);
    usage_table_add(&c->regions, "af-south-1", 0, 0, "", "", 0);
    usage_table_add(&c->regions, "cn-north-4", 0, 0, "", "", 0);
    /* price items with their region ('' = every region), and each item once without */
    static const struct {
        const char *key, *unit, *factor;
        int64_t price;
    } prices[] = {
        {"1|instance_hours|", "hour", "1.0000000000", 4640000},
        {"1|instance_hours|af-south-1", "hour", "1.0000000000", 5120000},
        {"12|storage|", "MB-hour", "1024.0000000000", 3260},
        {"12|traffic_out|", "MB", "1024.0000000000", 12000000},
        {"12|bandwidth_p95|", "Mbps", "1.0000000000", 1200000000},
        {"20|traffic|", "MB", "1024.0000000000", 8500000},
        {"20|bandwidth_p95|", "Mbps", "1.0000000000", 650000000},
        {"10|bandwidth_p95|", "Mbps", "1.0000000000", 900000000},
    };
    for (size_t i = 0; i < sizeof prices / sizeof prices[0]; i++) {
        char item[160];
        usage_table_add(&c->prices, prices[i].key, 0, 0, prices[i].unit, prices[i].factor,
                        prices[i].price);
        snprintf(item, sizeof item, "%.*s", (int)(strrchr(prices[i].key, '|') - prices[i].key),
                 prices[i].key);
        usage_table_add(&c->prices, item, 0, 0, "", "1", 0); /* duplicates do no harm */
    }
    for (int64_t id = 1; id <= 20; id++)
        usage_catalog_add_customer(c, id * 3);
    usage_catalog_sort(c);
    FUZZ_CHECK(usage_catalog_set_latest(c, NOW, 900) == 0);
}

/* q in 10^-10 units formats to text that parses back to q */
static void check_quantity(const char *text, int max_decimals)
{
    pc_qty q, back;
    char buf[64];
    FUZZ_CHECK(pc_qty_parse(text, max_decimals, &q) == 0);
    pc_qty_format(q, buf, sizeof buf);
    FUZZ_CHECK(pc_qty_parse(buf, 10, &back) == 0 && back == q);
}

static int customer_known(int64_t id)
{
    for (size_t i = 0; i < catalog.ncustomers; i++)
        if (catalog.customers[i] == id)
            return 1;
    return 0;
}

static void check_row(import_kind kind, const usage_row *r)
{
    int nf = kind == IMPORT_USAGE ? 10 : 6;
    for (int i = 0; i < nf; i++)
        FUZZ_CHECK(r->f[i] && !strchr(r->f[i], ',') && !strchr(r->f[i], '\n'));
    FUZZ_CHECK(customer_known(r->customer));
    FUZZ_CHECK(r->product > 0);
    if (kind == IMPORT_USAGE) {
        FUZZ_CHECK(strlen(r->f[6]) == 19 && strlen(r->f[7]) == 19);
        FUZZ_CHECK(strcmp(r->f[6], r->f[7]) < 0 && strcmp(r->f[7], catalog.latest) <= 0);
        check_quantity(r->f[8], 10);
    } else {
        const char *t = r->f[4];
        FUZZ_CHECK(strlen(t) == 19 && strcmp(t, catalog.latest) <= 0);
        FUZZ_CHECK((t[15] == '0' || t[15] == '5') && strcmp(t + 17, "00") == 0);
        check_quantity(r->f[5], 6);
    }
}

static int fuzz_usage_file(import_kind kind, const uint8_t *data, size_t size)
{
    if (!catalog.products.n)
        catalog_load();
    if (memchr(data, '\0', size))
        return 0;
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    usage_rows rows = {0};
    import_result res = {0};
    if (usage_parse_lines(kind, buf, &catalog, &rows, &res) == 0) {
        FUZZ_CHECK(res.lines > 0 && (size_t)res.lines == rows.n + (size_t)res.bad);
        size_t reported = 0;
        for (size_t i = 0; i < res.report_len; i++)
            reported += res.report[i] == '\n';
        FUZZ_CHECK(reported == (size_t)res.bad);
        for (size_t i = 0; i < rows.n; i++) {
            check_row(kind, &rows.v[i]);
            for (size_t k = 0; kind == IMPORT_USAGE && k < i; k++)
                FUZZ_CHECK(strcmp(rows.v[i].f[0], rows.v[k].f[0]) != 0);
        }
    } else {
        FUZZ_CHECK(rows.n == 0 && res.report_len > 0); /* refused whole, and said why */
    }
    free(res.report);
    usage_rows_free(&rows);
    free(buf);
    return 0;
}

#endif
