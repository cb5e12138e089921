/*
 * Usage and bandwidth CSV imports.  The whole file is read and every line
 * validated in C against the catalog (products, regions, price items) and
 * the customers, so that the database sees only good rows, inserted by
 * multi-row prepared statements (CHUNK rows each) inside one transaction:
 * an import is all or nothing.  A row whose key is stored already (record
 * id; resource and sample time) is left as it is and counted as a
 * duplicate, so importing a file again changes nothing.  Within one file a
 * record id given twice is a bad line the second time (issue 14).  A line
 * is bad too when its quantity cannot be priced (the rating job's own
 * arithmetic, lib/billing/rating.c, at the price of today: what is accepted can be
 * rated) or when it ends further in the future than
 * Usage.max_future_seconds after the import's time.
 */
#include "usage/usage_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "base/clock.h"
#include "base/bulk.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/idset.h"
#include "billing/rating.h"

#define CHUNK       500
#define MAX_FIELDS  10
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

/* ---- look-ups ---------------------------------------------------------- */

typedef struct entry {
    char key[160];
    int64_t id;
    int flag;
    char unit[17];
    char factor[32]; /* price items: conversion factor (DECIMAL as text) */
    int64_t list_price;
} entry;

typedef struct table {
    entry *e;
    size_t n, cap;
} table;

typedef struct lookups {
    table products, regions, prices;
    int64_t *customers;
    size_t ncustomers, capcustomers;
    char latest[20];     /* the latest end (sample time) accepted: now + Usage.max_future_seconds */
    long future_seconds; /* that setting, for the message */
} lookups;

static int entry_row(void *arg, const pc_row *r)
{
    table *t = arg;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->e = realloc(t->e, t->cap * sizeof *t->e);
        if (!t->e)
            abort();
    }
    entry *e = &t->e[t->n++];
    snprintf(e->key, sizeof e->key, "%s", pc_row_str(r, 0));
    e->id = pc_row_i64(r, 1);
    e->flag = (int)pc_row_i64(r, 2);
    snprintf(e->unit, sizeof e->unit, "%s", r->n > 3 ? pc_row_str(r, 3) : "");
    snprintf(e->factor, sizeof e->factor, "%s", r->n > 4 ? pc_row_str(r, 4) : "");
    e->list_price = r->n > 5 ? pc_row_i64(r, 5) : 0;
    return 0;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static const entry *find(const table *t, const char *key)
{
    entry k = {0};
    if (strlen(key) >= sizeof k.key)
        return NULL;
    snprintf(k.key, sizeof k.key, "%s", key);
    return bsearch(&k, t->e, t->n, sizeof *t->e, by_key);
}

static int customer_row(void *arg, const pc_row *r)
{
    lookups *l = arg;
    if (l->ncustomers == l->capcustomers) {
        l->capcustomers = l->capcustomers ? 2 * l->capcustomers : 1024;
        l->customers = realloc(l->customers, l->capcustomers * sizeof *l->customers);
        if (!l->customers)
            abort();
    }
    l->customers[l->ncustomers++] = pc_row_i64(r, 0);
    return 0;
}

static int has_customer(const lookups *l, int64_t id)
{
    size_t lo = 0, hi = l->ncustomers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->customers[mid] == id)
            return 1;
        if (l->customers[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The latest moment a record may end: now + Usage.max_future_seconds (both UTC). */
static int set_latest(lookups *l, const char *now)
{
    time_t t;
    if (pc_clock_parse(now, &t))
        return -1;
    l->future_seconds = (long)pc_conf_int("Usage.max_future_seconds");
    pc_clock_text(t + l->future_seconds, l->latest);
    return 0;
}

static int load_lookups(lookups *l)
{
    if (pc_db_query(&import_sql, ST_PRODUCTS, PC_NOBINDS, entry_row, &l->products) < 0 ||
        pc_db_query(&import_sql, ST_REGIONS, PC_NOBINDS, entry_row, &l->regions) < 0 ||
        pc_db_query(&import_sql, ST_PRICES, PC_NOBINDS, entry_row, &l->prices) < 0 ||
        pc_db_query(&import_sql, ST_CUSTOMERS, PC_NOBINDS, customer_row, l) < 0)
        return -1;
    qsort(l->products.e, l->products.n, sizeof(entry), by_key);
    qsort(l->regions.e, l->regions.n, sizeof(entry), by_key);
    qsort(l->prices.e, l->prices.n, sizeof(entry), by_key);
    return 0;
}

static void free_lookups(lookups *l)
{
    free(l->products.e);
    free(l->regions.e);
    free(l->prices.e);
    free(l->customers);
}

/* ---- field checks ------------------------------------------------------ */

/* 1..max printable ASCII characters without spaces. */
static int is_key(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 0;
    for (; *s; s++)
        if (*s <= ' ' || *s > '~')
            return 0;
    return 1;
}

static int parse_id(const char *s, int64_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
        return 0;
    *out = strtoll(s, NULL, 10);
    return *out > 0;
}

/* "YYYY-MM-DD HH:MM:SS", a real calendar moment; *min and *sec for the 5-minute check. */
static int is_datetime(const char *s, int *min, int *sec)
{
    time_t t;
    if (pc_clock_parse(s, &t) || s[0] != '2' || s[1] != '0') /* the years 2000-2099 */
        return 0;
    *min = (s[14] - '0') * 10 + (s[15] - '0');
    *sec = (s[17] - '0') * 10 + (s[18] - '0');
    return 1;
}

/* A good line: its fields (pointers into the file buffer) and resolved ids. */
typedef struct row {
    char *f[MAX_FIELDS];
    int64_t customer, product;
} row;

#define BAD(...) (snprintf(why, nwhy, __VA_ARGS__), -1)

static int check_usage(const lookups *l, row *r, char *why, size_t nwhy)
{
    char **f = r->f, key[200];
    int m, s;
    if (!is_key(f[0], 64))
        return BAD("record_id must be 1-64 characters without spaces");
    if (!parse_id(f[1], &r->customer) || !has_customer(l, r->customer))
        return BAD("customer '%s' does not exist", f[1]);
    if (!is_key(f[2], 64))
        return BAD("resource must be 1-64 characters without spaces");
    const entry *p = find(&l->products, f[3]);
    if (!p)
        return BAD("product '%s' does not exist", f[3]);
    r->product = p->id;
    if (!find(&l->regions, f[4]))
        return BAD("region '%s' does not exist", f[4]);
    snprintf(key, sizeof key, "%lld|%s", (long long)p->id, f[5]);
    if (!find(&l->prices, key))
        return BAD("billing item '%s' does not exist for product '%s'", f[5], f[3]);
    if (p->flag && strcmp(f[5], "bandwidth_p95") == 0)
        return BAD("95th-percentile bandwidth is imported with import-bandwidth");
    snprintf(key, sizeof key, "%lld|%s|%s", (long long)p->id, f[5], f[4]);
    const entry *price = find(&l->prices, key);
    if (!price) {
        snprintf(key, sizeof key, "%lld|%s|", (long long)p->id, f[5]);
        price = find(&l->prices, key);
    }
    if (!price)
        return BAD("billing item '%s' of product '%s' has no price in region '%s'", f[5], f[3],
                   f[4]);
    if (!is_datetime(f[6], &m, &s))
        return BAD("start must be YYYY-MM-DD HH:MM:SS");
    if (!is_datetime(f[7], &m, &s))
        return BAD("end must be YYYY-MM-DD HH:MM:SS");
    if (strcmp(f[7], f[6]) <= 0)
        return BAD("end must be after start");
    if (strcmp(f[7], l->latest) > 0)
        return BAD("end is in the future: later than %s UTC (Usage.max_future_seconds = %ld)",
                   l->latest, l->future_seconds);
    pc_qty q;
    if (pc_qty_parse(f[8], 10, &q))
        return BAD("quantity must be a non-negative number with at most 10 decimals");
    if (strcmp(f[9], price->unit) != 0)
        return BAD("unit '%s' is not the usage unit '%s' of billing item '%s'", f[9], price->unit,
                   f[5]);
    pc_rated rated; /* what the rating job will compute: a quantity it cannot price is refused */
    if (pc_rate_usage(f[8], price->factor, price->list_price, 0, &rated))
        return BAD("quantity %s is too large to price: its amount at the list price of billing "
                   "item '%s' is out of range",
                   f[8], f[5]);
    return 0;
}

static int check_bandwidth(const lookups *l, row *r, char *why, size_t nwhy)
{
    char **f = r->f;
    int m, s;
    pc_qty q;
    if (!is_key(f[0], 64))
        return BAD("resource must be 1-64 characters without spaces");
    if (!parse_id(f[1], &r->customer) || !has_customer(l, r->customer))
        return BAD("customer '%s' does not exist", f[1]);
    const entry *p = find(&l->products, f[2]);
    if (!p)
        return BAD("product '%s' does not exist", f[2]);
    if (!p->flag)
        return BAD("product '%s' is not billed by 95th-percentile bandwidth", f[2]);
    r->product = p->id;
    if (!find(&l->regions, f[3]))
        return BAD("region '%s' does not exist", f[3]);
    if (!is_datetime(f[4], &m, &s) || m % 5 || s)
        return BAD("sampled_at must be YYYY-MM-DD HH:MM:SS on a 5-minute boundary");
    if (strcmp(f[4], l->latest) > 0)
        return BAD(
            "sampled_at is in the future: later than %s UTC (Usage.max_future_seconds = %ld)",
            l->latest, l->future_seconds);
    if (pc_qty_parse(f[5], 6, &q))
        return BAD("mbps must be a non-negative number with at most 6 decimals");
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

typedef struct format {
    const char *header;
    int nfields;
    bulk_stmt *insert;
    int (*check)(const lookups *l, row *r, char *why, size_t nwhy);
} format;

static const format formats[] = {
    [IMPORT_USAGE] = {"record_id,customer,resource,product,region,billing_item,start,end,quantity,"
                      "unit",
                      10, &usage_insert, check_usage},
    [IMPORT_BANDWIDTH] = {"resource,customer,product,region,sampled_at,mbps", 6, &bandwidth_insert,
                          check_bandwidth},
};

static void row_binds(import_kind kind, const row *r, const char *now, int64_t batch, pc_bind *b)
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
    row *rows;
    size_t nrows, caprows;
    idset ids; /* record ids of the good lines so far */
    pc_bind *binds;
    import_result *res;
} import_ctx;

static void report(import_result *res, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof line)
        n = sizeof line - 1;
    char *r = realloc(res->report, res->report_len + (size_t)n + 1);
    if (!r)
        abort();
    memcpy(r + res->report_len, line, (size_t)n + 1);
    res->report = r;
    res->report_len += (size_t)n;
}

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

/* Split line at commas into f[0..max); returns the number of fields found (may exceed max). */
static int split(char *line, char **f, int max)
{
    int n = 0;
    for (char *p = line;;) {
        if (n < max)
            f[n] = p;
        n++;
        char *c = strchr(p, ',');
        if (!c)
            return n;
        *c = '\0';
        p = c + 1;
    }
}

static void keep_row(import_ctx *c, const row *r)
{
    if (c->nrows == c->caprows) {
        c->caprows = c->caprows ? 2 * c->caprows : 4096;
        c->rows = realloc(c->rows, c->caprows * sizeof *c->rows);
        if (!c->rows)
            abort();
    }
    c->rows[c->nrows++] = *r;
}

/* A good line of the usage format whose record id came on an earlier good line: a bad line.
 * (Already stored ids stay duplicates, counted at the insert: a file imported again is a no-op.) */
static int repeated(import_ctx *c, const row *r, char *why, size_t nwhy)
{
    if (c->kind != IMPORT_USAGE || idset_add(&c->ids, r->f[0]))
        return 0;
    return BAD("record_id '%s' is repeated in the file", r->f[0]);
}

/* Validate every line; good ones are kept, bad ones reported.  -1: wrong header, or no line
 * after it. */
static int read_lines(import_ctx *c, char *buf, const lookups *l)
{
    const format *fm = &formats[c->kind];
    char *line = buf, why[400];
    if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
        line += 3;
    for (int no = 1; line && (*line || no == 1); no++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (no == 1) {
            if (strcmp(line, fm->header) != 0) {
                report(c->res, "line 1: the header must be %s\n", fm->header);
                return -1;
            }
        } else if (line[strspn(line, " \t")] != '\0') {
            row r = {0};
            int nf = split(line, r.f, fm->nfields);
            c->res->lines++;
            if (nf != fm->nfields) {
                c->res->bad++;
                report(c->res, "line %d: %d fields, expected %d\n", no, nf, fm->nfields);
            } else if (fm->check(l, &r, why, sizeof why) || repeated(c, &r, why, sizeof why)) {
                c->res->bad++;
                report(c->res, "line %d: %s\n", no, why);
            } else {
                keep_row(c, &r);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    if (c->res->lines == 0) { /* an export that went wrong upstream, not "0 imported" */
        report(c->res, "the file has no records: only its header\n");
        return -1;
    }
    return 0;
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
    const format *fm = &formats[c->kind];
    int64_t batch = record_import(c, "ok", c->res->bad);
    if (batch < 0)
        return -1;
    c->res->records = 0;
    for (size_t at = 0; at < c->nrows; at += CHUNK) {
        int n = c->nrows - at < CHUNK ? (int)(c->nrows - at) : CHUNK;
        for (int i = 0; i < n; i++)
            row_binds(c->kind, &c->rows[at + (size_t)i], c->now, batch,
                      c->binds + (size_t)i * (size_t)fm->insert->per_row);
        int64_t got = bulk_exec(fm->insert, c->binds, n);
        if (got < 0)
            return -1;
        c->res->records += (int)got;
    }
    c->res->duplicates = (int)c->nrows - c->res->records;
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
    lookups l = {0};
    size_t len;
    int rc = -1;
    memset(res, 0, sizeof *res);
    char *buf = slurp(path, &len);
    if (!buf) {
        report(res, "cannot read %s\n", path);
        return -1;
    }
    if (memchr(buf, '\0', len)) {
        report(res, "%s is not a text file\n", path);
        goto out;
    }
    if (set_latest(&l, now)) {
        report(res, "bad import time %s\n", now);
        goto out;
    }
    if (load_lookups(&l)) {
        report(res, "database: %s\n", pc_db_error());
        rc = -2;
        goto out;
    }
    if (read_lines(&c, buf, &l)) {
        /* a file of another format is recorded as rejected too; -1 stays the answer */
        if (pc_db_tx(reject_tx, &c))
            rc = -2;
        goto out;
    }
    if (res->bad && !skip_bad) {
        res->rejected = 1;
        rc = pc_db_tx(reject_tx, &c) == 0 ? 0 : -2;
        if (rc)
            report(res, "database: %s\n", pc_db_error());
        goto out;
    }
    c.binds = malloc((size_t)CHUNK * MAX_BINDS * sizeof *c.binds);
    if (!c.binds)
        abort();
    rc = pc_db_tx(insert_tx, &c) == 0 ? 0 : -2;
    if (rc)
        report(res, "database: %s\n", pc_db_error());
out:
    if (!res->report)
        report(res, "%s", "");
    free(c.binds);
    free(c.rows);
    idset_free(&c.ids);
    free_lookups(&l);
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
