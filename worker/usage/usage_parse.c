/*
 * Reading usage and bandwidth CSV files: every line validated in C against
 * the catalog (products, regions, price items) and the customers, which the
 * caller loads.  Within one file a record id given twice is a bad line the
 * second time (issue 14).  A line is bad too when its quantity cannot be
 * priced (the rating job's own arithmetic, lib/billing/rating.c, at the price
 * of today: what is accepted can be rated) or when it ends further in the
 * future than Usage.max_future_seconds after the import's time.  No database
 * here: usage_import.c loads the catalog and writes the good lines.
 */
#include "usage/usage_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "billing/rating.h"

void usage_report(import_result *res, const char *fmt, ...)
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

/* ---- look-ups ---------------------------------------------------------- */

void usage_table_add(usage_table *t, const char *key, int64_t id, int flag, const char *unit,
                     const char *factor, int64_t list_price)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->e = realloc(t->e, t->cap * sizeof *t->e);
        if (!t->e)
            abort();
    }
    usage_entry *e = &t->e[t->n++];
    snprintf(e->key, sizeof e->key, "%s", key);
    e->id = id;
    e->flag = flag;
    snprintf(e->unit, sizeof e->unit, "%s", unit);
    snprintf(e->factor, sizeof e->factor, "%s", factor);
    e->list_price = list_price;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const usage_entry *)a)->key, ((const usage_entry *)b)->key);
}

static const usage_entry *find(const usage_table *t, const char *key)
{
    usage_entry k = {0};
    if (strlen(key) >= sizeof k.key)
        return NULL;
    snprintf(k.key, sizeof k.key, "%s", key);
    return bsearch(&k, t->e, t->n, sizeof *t->e, by_key);
}

void usage_catalog_add_customer(usage_catalog *l, int64_t id)
{
    if (l->ncustomers == l->capcustomers) {
        l->capcustomers = l->capcustomers ? 2 * l->capcustomers : 1024;
        l->customers = realloc(l->customers, l->capcustomers * sizeof *l->customers);
        if (!l->customers)
            abort();
    }
    l->customers[l->ncustomers++] = id;
}

static int has_customer(const usage_catalog *l, int64_t id)
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
int usage_catalog_set_latest(usage_catalog *l, const char *now, long future_seconds)
{
    time_t t;
    if (pc_clock_parse(now, &t))
        return -1;
    l->future_seconds = future_seconds;
    pc_clock_text(t + l->future_seconds, l->latest);
    return 0;
}

void usage_catalog_sort(usage_catalog *l)
{
    qsort(l->products.e, l->products.n, sizeof(usage_entry), by_key);
    qsort(l->regions.e, l->regions.n, sizeof(usage_entry), by_key);
    qsort(l->prices.e, l->prices.n, sizeof(usage_entry), by_key);
}

void usage_catalog_free(usage_catalog *l)
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

#define BAD(...) (snprintf(why, nwhy, __VA_ARGS__), -1)

static int check_usage(const usage_catalog *l, usage_row *r, char *why, size_t nwhy)
{
    char **f = r->f, key[200];
    int m, s;
    if (!is_key(f[0], 64))
        return BAD("record_id must be 1-64 characters without spaces");
    if (!parse_id(f[1], &r->customer) || !has_customer(l, r->customer))
        return BAD("customer '%s' does not exist", f[1]);
    if (!is_key(f[2], 64))
        return BAD("resource must be 1-64 characters without spaces");
    const usage_entry *p = find(&l->products, f[3]);
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
    const usage_entry *price = find(&l->prices, key);
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

static int check_bandwidth(const usage_catalog *l, usage_row *r, char *why, size_t nwhy)
{
    char **f = r->f;
    int m, s;
    pc_qty q;
    if (!is_key(f[0], 64))
        return BAD("resource must be 1-64 characters without spaces");
    if (!parse_id(f[1], &r->customer) || !has_customer(l, r->customer))
        return BAD("customer '%s' does not exist", f[1]);
    const usage_entry *p = find(&l->products, f[2]);
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

typedef struct format {
    const char *header;
    int nfields;
    int (*check)(const usage_catalog *l, usage_row *r, char *why, size_t nwhy);
} format;

static const format formats[] = {
    [IMPORT_USAGE] = {"record_id,customer,resource,product,region,billing_item,start,end,quantity,"
                      "unit",
                      10, check_usage},
    [IMPORT_BANDWIDTH] = {"resource,customer,product,region,sampled_at,mbps", 6, check_bandwidth},
};

/* ---- reading the file -------------------------------------------------- */

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

static void keep_row(usage_rows *rows, const usage_row *r)
{
    if (rows->n == rows->cap) {
        rows->cap = rows->cap ? 2 * rows->cap : 64; /* doubling: a short file stays small */
        rows->v = realloc(rows->v, rows->cap * sizeof *rows->v);
        if (!rows->v)
            abort();
    }
    rows->v[rows->n++] = *r;
}

/* A good line of the usage format whose record id came on an earlier good line: a bad line.
 * (Already stored ids stay duplicates, counted at the insert: a file imported again is a no-op.) */
static int repeated(import_kind kind, usage_rows *rows, const usage_row *r, char *why, size_t nwhy)
{
    if (kind != IMPORT_USAGE || idset_add(&rows->ids, r->f[0]))
        return 0;
    return BAD("record_id '%s' is repeated in the file", r->f[0]);
}

int usage_parse_lines(import_kind kind, char *buf, const usage_catalog *l, usage_rows *rows,
                      import_result *res)
{
    const format *fm = &formats[kind];
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
                usage_report(res, "line 1: the header must be %s\n", fm->header);
                return -1;
            }
        } else if (line[strspn(line, " \t")] != '\0') {
            usage_row r = {0};
            int nf = split(line, r.f, fm->nfields);
            res->lines++;
            if (nf != fm->nfields) {
                res->bad++;
                usage_report(res, "line %d: %d fields, expected %d\n", no, nf, fm->nfields);
            } else if (fm->check(l, &r, why, sizeof why) ||
                       repeated(kind, rows, &r, why, sizeof why)) {
                res->bad++;
                usage_report(res, "line %d: %s\n", no, why);
            } else {
                keep_row(rows, &r);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    if (res->lines == 0) { /* an export that went wrong upstream, not "0 imported" */
        usage_report(res, "the file has no records: only its header\n");
        return -1;
    }
    return 0;
}

void usage_rows_free(usage_rows *rows)
{
    free(rows->v);
    idset_free(&rows->ids);
}
