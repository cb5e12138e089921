/*
 * Admin > Tax Rates (ch11-14 §13.6): the VAT table as data.  Each row is a
 * region's rate for a period of whole days (valid_to included; empty: open).
 * The bill run takes the row valid on the cycle's last day.  Periods of one
 * region never overlap: a new rate that starts after the start of the
 * region's open period closes that period on the day before (the Swiss
 * 7.7 % → 8.1 % change); any other overlap is refused.  Adding is one
 * transaction with its audit event, under a lock of the region's rows.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "base/db.h"
#include "billing/tax.h"
#include "base/view.h"

enum stmt { ST_LIST, ST_REGION, ST_CLOSE, ST_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT id, region, tax_name, rate_ppm, COALESCE(category, '') AS category, "
                "valid_from, COALESCE(valid_to, '') AS valid_to FROM tax_rates "
                "ORDER BY region, valid_from",
    [ST_REGION] = "SELECT id, valid_from, COALESCE(valid_to, '') FROM tax_rates WHERE region = ? "
                  "ORDER BY valid_from FOR UPDATE",
    [ST_CLOSE] =
        "UPDATE tax_rates SET valid_to = ? - INTERVAL 1 DAY WHERE id = ? AND valid_to IS NULL",
    [ST_INSERT] =
        "INSERT INTO tax_rates (region, tax_name, rate_ppm, category, valid_from, valid_to) "
        "VALUES (?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, ''))",
};
PC_SQL_TABLE(atax_sql, sql);

static const char *const categories[] = {"", "S", "Z", "E", "O", NULL};

enum { F_REGION, F_NAME, F_RATE, F_CATEGORY, F_FROM, F_TO, F__N };
static const pc_field fields[F__N] = {
    [F_REGION] = {"region", pc_valid_text, 2, 2, PC_FIELD_REQUIRED, NULL},
    [F_NAME] = {"tax_name", pc_valid_text, 1, 16, PC_FIELD_REQUIRED, NULL},
    [F_RATE] = {"rate", pc_valid_text, 1, 12, PC_FIELD_REQUIRED, NULL},
    [F_CATEGORY] = {"category", pc_valid_enum, 0, 0, 0, categories},
    [F_FROM] = {"valid_from", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_TO] = {"valid_to", pc_valid_date, 0, 0, 0, NULL},
};

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&atax_sql, ST_LIST, PC_NOBINDS, c->hdf, "Rates") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Rates"); h; h = hdf_obj_next(h)) {
        int64_t ppm = 0;
        char buf[32];
        sscanf(hdf_get_value(h, "rate_ppm", "0"), "%lld", (long long *)&ppm);
        /* ppm → percent with up to 4 decimals, trailing zeros dropped */
        snprintf(buf, sizeof buf, "%lld.%04lld", (long long)(ppm / 10000),
                 (long long)(ppm % 10000));
        size_t n = strlen(buf);
        while (buf[n - 1] == '0')
            buf[--n] = '\0';
        if (buf[n - 1] == '.')
            buf[--n] = '\0';
        hdf_set_value(h, "rate", buf);
    }
    pc_set(c, "Page.title", pc_t(c, "invoices.tax.title"));
    admin_tabs(c, "tax");
    return pc_render(c, "admin/tax.cs");
}

typedef struct add_rate {
    pc_ctx *c;
    const char *region, *name, *category, *from, *to, *detail;
    int32_t ppm;
    int64_t close_id, new_id;
    int overlap;
} add_rate;

/* One existing period of the region: close it, or refuse the new one. */
static int existing_row(void *arg, const pc_row *r)
{
    add_rate *a = arg;
    const char *from = pc_row_str(r, 1), *to = pc_row_str(r, 2);
    if (!pc_tax_periods_overlap(a->from, a->to, from, to))
        return 0;
    if (!*to && strcmp(from, a->from) < 0 && !a->close_id) {
        a->close_id = pc_row_i64(r, 0); /* the open period ends the day before */
        return 0;
    }
    a->overlap = 1;
    return 1;
}

static int add_tx(void *arg)
{
    add_rate *a = arg;
    a->close_id = 0, a->overlap = 0;
    if (pc_db_query(&atax_sql, ST_REGION, PC_BINDS(PC_STR(a->region)), existing_row, a) < 0)
        return -1;
    if (a->overlap)
        return 1;
    if (a->close_id &&
        pc_db_exec(&atax_sql, ST_CLOSE, PC_BINDS(PC_STR(a->from), PC_I64(a->close_id)), NULL) != 1)
        return -1;
    if (pc_db_exec(&atax_sql, ST_INSERT,
                   PC_BINDS(PC_STR(a->region), PC_STR(a->name), PC_I64(a->ppm), PC_STR(a->category),
                            PC_STR(a->from), PC_STR(a->to)),
                   &a->new_id) != 1)
        return -1;
    pc_audit_ctx(a->c, "tax_rate.create", "tax_rate", a->new_id, "ok", a->detail);
    if (a->close_id)
        pc_audit_ctx(a->c, "tax_rate.close", "tax_rate", a->close_id, "ok", a->from);
    return 0;
}

static int region_ok(const char *s)
{
    return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static int create(pc_ctx *c)
{
    pc_value v[F__N];
    add_rate a = {.c = c};
    int bad = pc_form(c, fields, F__N, v);
    if (!bad) {
        if (!region_ok(v[F_REGION].s))
            pc_form_error(c, "region", "invoices.tax.err.region"), bad = 1;
        if (pc_tax_rate_parse(v[F_RATE].s, &a.ppm))
            pc_form_error(c, "rate", "invoices.tax.err.rate"), bad = 1;
        if (v[F_TO].present && strcmp(v[F_TO].s, v[F_FROM].s) < 0)
            pc_form_error(c, "valid_to", "invoices.tax.err.order"), bad = 1;
    }
    if (!bad) {
        a.region = v[F_REGION].s, a.name = v[F_NAME].s, a.category = v[F_CATEGORY].s;
        a.from = v[F_FROM].s, a.to = v[F_TO].s;
        a.detail = pc_arena_printf(&c->arena, "%s %s %s%% %s..%s", a.region, a.name, v[F_RATE].s,
                                   a.from, *a.to ? a.to : "");
        int rc = pc_db_tx(add_tx, &a);
        if (rc < 0)
            return pc_error(c, 500);
        if (rc > 0)
            pc_form_error(c, "valid_from", "invoices.tax.err.overlap"), bad = 1;
    }
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    return pc_redirect(c, "/admin/tax?msg=tax_rate_saved");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/tax", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/tax", PC_GUARD_OPERATOR, create, 0),
};
PC_ROUTE_TABLE(admin_tax_routes, routes);
