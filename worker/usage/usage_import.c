/*
 * Usage and bandwidth CSV imports.  The whole file is read and every line
 * validated in C (usage_parse.c) against the catalog and the customers,
 * loaded here, so that the database sees only good rows, inserted by
 * multi-row prepared statements (CHUNK rows each) inside one transaction:
 * an import is all or nothing.  A row whose key is stored already (record
 * id; resource and sample time) is left as it is and counted as a
 * duplicate, so importing a file again changes nothing.
 */
#include "usage/usage_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "base/bulk.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/db.h"

#define CHUNK       500
#define MAX_BINDS   12
#define REPORT_KEEP 60000 /* usage_imports.report is TEXT: keep the start of a long report */

enum stmt {
    ST_PRODUCTS,
    ST_REGIONS,
    ST_PRICES,
    ST_CUSTOMERS,
    ST_IMPORT_ADD,
    ST_IMPORT_DONE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_PRODUCTS] = "SELECT code, id, p95 FROM products",
    [ST_REGIONS] = "SELECT code, 0, 0 FROM regions",
    /* every price item twice: with its region and without (does the item exist at all); the
       factor and the list price to check that a quantity can be priced */
    [ST_PRICES] = "SELECT CONCAT(product_id, '|', billing_item, '|', region), 0, 0, usage_unit, "
                  "conversion_factor, list_price FROM price_items "
                  "UNION ALL SELECT DISTINCT CONCAT(product_id, '|', billing_item), 0, 0, '', 1, 0 "
                  "FROM price_items",
    [ST_CUSTOMERS] = "SELECT id FROM customers ORDER BY id",
    [ST_IMPORT_ADD] = "INSERT INTO usage_imports (file_name, source, records, duplicates, skipped, "
                      "status, report, "
                      "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_IMPORT_DONE] = "UPDATE usage_imports SET records = ?, duplicates = ? WHERE id = ?",
};
PC_SQL_TABLE(import_sql, sql);

/* ---- the catalog, from the database ------------------------------------ */

static int entry_row(void *arg, const pc_row *r)
{
    usage_table_add(arg, pc_row_str(r, 0), pc_row_i64(r, 1), (int)pc_row_i64(r, 2),
                    r->n > 3 ? pc_row_str(r, 3) : "", r->n > 4 ? pc_row_str(r, 4) : "",
                    r->n > 5 ? pc_row_i64(r, 5) : 0);
    return 0;
}

static int customer_row(void *arg, const pc_row *r)
{
    usage_catalog_add_customer(arg, pc_row_i64(r, 0));
    return 0;
}

static int load_lookups(usage_catalog *l)
{
    if (pc_db_query(&import_sql, ST_PRODUCTS, PC_NOBINDS, entry_row, &l->products) < 0 ||
        pc_db_query(&import_sql, ST_REGIONS, PC_NOBINDS, entry_row, &l->regions) < 0 ||
        pc_db_query(&import_sql, ST_PRICES, PC_NOBINDS, entry_row, &l->prices) < 0 ||
        pc_db_query(&import_sql, ST_CUSTOMERS, PC_NOBINDS, customer_row, l) < 0)
        return -1;
    usage_catalog_sort(l);
    return 0;
}

/* ---- the two formats --------------------------------------------------- */

BULK_STMT(usage_insert,
          "INSERT INTO usage_records (record_id, customer_id, resource_key, product_id, region, "
          "billing_item, start_at, end_at, quantity, unit, imported_at, import_batch) VALUES ",
          "(?,?,?,?,?,?,?,?,?,?,?,?)", " ON DUPLICATE KEY UPDATE record_id = record_id", CHUNK, 12);
BULK_STMT(bandwidth_insert,
          "INSERT INTO bandwidth_samples (resource_key, sampled_at, customer_id, product_id, "
          "region, mbps) VALUES ",
          "(?,?,?,?,?,?)", " ON DUPLICATE KEY UPDATE resource_key = resource_key", CHUNK, 6);

static bulk_stmt *const inserts[] = {
    [IMPORT_USAGE] = &usage_insert,
    [IMPORT_BANDWIDTH] = &bandwidth_insert,
};

static void row_binds(import_kind kind, const usage_row *r, const char *now, int64_t batch,
                      pc_bind *b)
{
    char *const *f = r->f;
    if (kind == IMPORT_USAGE) {
        pc_bind v[] = {PC_STR(f[0]), PC_I64(r->customer), PC_STR(f[2]), PC_I64(r->product),
                       PC_STR(f[4]), PC_STR(f[5]),        PC_STR(f[6]), PC_STR(f[7]),
                       PC_STR(f[8]), PC_STR(f[9]),        PC_STR(now),  PC_I64(batch)};
        memcpy(b, v, sizeof v);
    } else {
        pc_bind v[] = {PC_STR(f[0]),       PC_STR(f[4]), PC_I64(r->customer),
                       PC_I64(r->product), PC_STR(f[3]), PC_STR(f[5])};
        memcpy(b, v, sizeof v);
    }
}

/* ---- reading the file -------------------------------------------------- */

typedef struct import_ctx {
    import_kind kind;
    const char *path, *source, *now;
    int skip_bad;
    usage_rows rows; /* the good lines */
    pc_bind *binds;
    import_result *res;
} import_ctx;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (cap - n < 65536) {
            cap = cap ? 2 * cap : 1 << 20;
            char *b = realloc(buf, cap + 1);
            if (!b)
                abort();
            buf = b;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- writing ----------------------------------------------------------- */

/* The import's audit event, in its transaction: who (pcadm or the spool job), what, counts. */
static int audit_import(const import_ctx *c, int64_t id, const char *result)
{
    char detail[200];
    snprintf(detail, sizeof detail, "%s records=%d duplicates=%d bad=%d",
             c->kind == IMPORT_USAGE ? "usage" : "bandwidth", c->res->records, c->res->duplicates,
             c->res->bad);
    pc_audit_event e = {.actor_name = strcmp(c->source, "cli") == 0 ? "pcadm" : "worker",
                        .action = "usage.import",
                        .object_type = "usage_import",
                        .object_id = id,
                        .result = result,
                        .detail = detail};
    return pc_audit(&e);
}

static int64_t record_import(import_ctx *c, const char *status, int skipped)
{
    int64_t id = 0;
    size_t keep = c->res->report_len > REPORT_KEEP ? REPORT_KEEP : c->res->report_len;
    const char *name = strrchr(c->path, '/') ? strrchr(c->path, '/') + 1 : c->path;
    if (pc_db_exec(&import_sql, ST_IMPORT_ADD,
                   PC_BINDS(PC_STR(name), PC_STR(c->source), PC_I64(0), PC_I64(0), PC_I64(skipped),
                            PC_STR(status), PC_BLOB(c->res->report ? c->res->report : "", keep),
                            PC_STR(c->now)),
                   &id) != 1)
        return -1;
    return id;
}

static int insert_tx(void *arg)
{
    import_ctx *c = arg;
    bulk_stmt *insert = inserts[c->kind];
    int64_t batch = record_import(c, "ok", c->res->bad);
    if (batch < 0)
        return -1;
    c->res->records = 0;
    for (size_t at = 0; at < c->rows.n; at += CHUNK) {
        int n = c->rows.n - at < CHUNK ? (int)(c->rows.n - at) : CHUNK;
        for (int i = 0; i < n; i++)
            row_binds(c->kind, &c->rows.v[at + (size_t)i], c->now, batch,
                      c->binds + (size_t)i * (size_t)insert->per_row);
        int64_t got = bulk_exec(insert, c->binds, n);
        if (got < 0)
            return -1;
        c->res->records += (int)got;
    }
    c->res->duplicates = (int)c->rows.n - c->res->records;
    if (audit_import(c, batch, "ok"))
        return -1;
    return pc_db_exec(&import_sql, ST_IMPORT_DONE,
                      PC_BINDS(PC_I64(c->res->records), PC_I64(c->res->duplicates), PC_I64(batch)),
                      NULL) == 1
               ? 0
               : -1;
}

static int reject_tx(void *arg)
{
    int64_t id = record_import(arg, "rejected", 0);
    return id < 0 || audit_import(arg, id, "failed") ? -1 : 0;
}

int usage_import_file(import_kind kind, const char *path, const char *source, int skip_bad,
                      const char *now, import_result *res)
{
    import_ctx c = {
        .kind = kind, .path = path, .source = source, .now = now, .skip_bad = skip_bad, .res = res};
    usage_catalog l = {0};
    size_t len;
    int rc = -1;
    memset(res, 0, sizeof *res);
    char *buf = slurp(path, &len);
    if (!buf) {
        usage_report(res, "cannot read %s\n", path);
        return -1;
    }
    if (memchr(buf, '\0', len)) {
        usage_report(res, "%s is not a text file\n", path);
        goto out;
    }
    if (usage_catalog_set_latest(&l, now, (long)pc_conf_int("Usage.max_future_seconds"))) {
        usage_report(res, "bad import time %s\n", now);
        goto out;
    }
    if (load_lookups(&l)) {
        usage_report(res, "database: %s\n", pc_db_error());
        rc = -2;
        goto out;
    }
    if (usage_parse_lines(kind, buf, &l, &c.rows, res)) {
        /* a file of another format is recorded as rejected too; -1 stays the answer */
        if (pc_db_tx(reject_tx, &c))
            rc = -2;
        goto out;
    }
    if (res->bad && !skip_bad) {
        res->rejected = 1;
        rc = pc_db_tx(reject_tx, &c) == 0 ? 0 : -2;
        if (rc)
            usage_report(res, "database: %s\n", pc_db_error());
        goto out;
    }
    c.binds = malloc((size_t)CHUNK * MAX_BINDS * sizeof *c.binds);
    if (!c.binds)
        abort();
    rc = pc_db_tx(insert_tx, &c) == 0 ? 0 : -2;
    if (rc)
        usage_report(res, "database: %s\n", pc_db_error());
out:
    if (!res->report)
        usage_report(res, "%s", "");
    free(c.binds);
    usage_rows_free(&c.rows);
    usage_catalog_free(&l);
    free(buf);
    return rc;
}

int usage_import_cli(import_kind kind, const char *path, int skip_bad)
{
    char now[20];
    import_result res;
    pc_clock_now_text(now);
    int rc = usage_import_file(kind, path, "cli", skip_bad, now, &res);
    fputs(res.report, stderr);
    if (rc == 0 && res.rejected)
        printf("%s rejected: %d bad lines of %d, nothing imported (--skip-bad imports the good "
               "ones)\n",
               path, res.bad, res.lines);
    else if (rc == 0)
        printf("%s: %d imported, %d duplicates, %d bad lines skipped\n", path, res.records,
               res.duplicates, res.bad);
    free(res.report);
    return rc == 0 && !res.rejected ? 0 : 1;
}
