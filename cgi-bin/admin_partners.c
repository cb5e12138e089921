/*
 * Admin > Partner Settlement: what the bill run settles a partner's lines
 * with (ch09 §9.4.1.2, §9.4.1.3 fields 38/39, §9.7.1.1): the tax region
 * (a region with a tax_rates row), the payment currency (USD or one with
 * exchange rates), KooGallery Sales Program membership, and the partner's
 * settlement discount per settlement type over time.  Times are typed in
 * the billing time zone and stored in UTC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_discounts.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/discount.h"
#include "base/view.h"
#include "web/listing.h"

enum stmt {
    ST_LIST,
    ST_PARTNER,
    ST_DISCOUNTS,
    ST_TAX_REGIONS,
    ST_CURRENCIES,
    ST_COUNT,
    ST_TAX_KNOWN,
    ST_CURRENCY_KNOWN,
    ST_UPDATE,
    ST_END_OPEN,
    ST_OVERLAPS,
    ST_INSERT_DISCOUNT,
    ST__MAX
};
/* the discount of a type in force now */
#define CURRENT_PPM(type)                                                                          \
    "(SELECT s.discount_ppm FROM settlement_discounts s WHERE s.partner_id = p.id "                \
    "AND s.settlement_type = '" type "' AND s.valid_from <= UTC_TIMESTAMP() "                      \
    "AND (s.valid_to IS NULL OR s.valid_to > UTC_TIMESTAMP()) ORDER BY s.valid_from DESC LIMIT 1)"
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT p.id, p.name, p.account_name, p.kind, p.tax_region, p.payment_currency, "
                "p.koogallery_program, " CURRENT_PPM("common") " AS common_ppm, " CURRENT_PPM(
                    "promotional") " AS promotional_ppm FROM partners p ORDER BY p.name, p.id "
                                   "LIMIT ? OFFSET ?",
    /* every partner (about 1,000 in the largest deployment): cheap to count */
    [ST_COUNT] = "SELECT COUNT(*) FROM partners",
    [ST_PARTNER] = "SELECT p.id, p.name, p.account_name, p.kind, p.country, p.tax_region, "
                   "p.payment_currency, p.koogallery_program FROM partners p WHERE p.id = ?",
    [ST_DISCOUNTS] = "SELECT id, settlement_type, discount_ppm, valid_from, valid_to, "
                     "(valid_from <= UTC_TIMESTAMP() AND (valid_to IS NULL OR valid_to > "
                     "UTC_TIMESTAMP())) AS current FROM settlement_discounts WHERE partner_id = ? "
                     "ORDER BY settlement_type, valid_from DESC",
    /* the open period of each region (a region has one row per period) */
    [ST_TAX_REGIONS] = "SELECT region, tax_name, rate_ppm FROM tax_rates WHERE valid_to IS NULL "
                       "ORDER BY region",
    [ST_CURRENCIES] = "SELECT 'USD' AS code UNION SELECT DISTINCT currency FROM exchange_rates "
                      "ORDER BY code",
    [ST_TAX_KNOWN] = "SELECT COUNT(*) FROM tax_rates WHERE region = ?",
    [ST_CURRENCY_KNOWN] = "SELECT ? = 'USD' OR EXISTS (SELECT 1 FROM exchange_rates WHERE "
                          "currency = ?)",
    [ST_UPDATE] = "UPDATE partners SET tax_region = ?, payment_currency = ?, koogallery_program = "
                  "? WHERE id = ?",
    /* a new discount ends the open one of its type that began before it */
    [ST_END_OPEN] = "UPDATE settlement_discounts SET valid_to = ? WHERE partner_id = ? AND "
                    "settlement_type = ? AND valid_to IS NULL AND valid_from < ?",
    /* binds: partner, type, new to (NULL: open), new from */
    [ST_OVERLAPS] = "SELECT COUNT(*) FROM settlement_discounts WHERE partner_id = ? AND "
                    "settlement_type = ? AND valid_from < COALESCE(?, '9999-12-31') AND "
                    "COALESCE(valid_to, '9999-12-31') > ?",
    [ST_INSERT_DISCOUNT] = "INSERT INTO settlement_discounts (partner_id, settlement_type, "
                           "discount_ppm, valid_from, valid_to, created_by, created_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(partners_sql, sql);

static const char *const yes_no[] = {"0", "1", NULL};
static const char *const types[] = {"common", "promotional", NULL};

enum { SF_TAX, SF_CURRENCY, SF_KOOGALLERY, SF__N };
static const pc_field settings_fields[SF__N] = {
    [SF_TAX] = {"tax_region", pc_valid_text, 2, 2, PC_FIELD_REQUIRED, NULL},
    [SF_CURRENCY] = {"payment_currency", pc_valid_text, 3, 3, PC_FIELD_REQUIRED, NULL},
    [SF_KOOGALLERY] = {"koogallery_program", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, yes_no},
};
enum { DF_TYPE, DF_RATE, DF_FROM, DF_TO, DF__N };
static const pc_field discount_fields[DF__N] = {
    [DF_TYPE] = {"settlement_type", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, types},
    [DF_RATE] = {"discount", pc_valid_percent, 0, 0, PC_FIELD_REQUIRED, NULL},
    [DF_FROM] = {"valid_from", pc_valid_datetime, 0, 0, PC_FIELD_REQUIRED, NULL},
    [DF_TO] = {"valid_to", pc_valid_datetime, 0, 0, 0, NULL},
};

static int list_page(pc_ctx *c)
{
    pc_list l;
    pc_list_read(c, &l);
    int shown = pc_db_hdf(&partners_sql, ST_LIST,
                          PC_BINDS(PC_I64(pc_list_limit(&l)), PC_I64(pc_list_offset(&l))), c->hdf,
                          "Partners");
    int64_t total = pc_db_int(&partners_sql, ST_COUNT, PC_NOBINDS, -1);
    if (shown < 0 || total < 0)
        return pc_error(c, 500);
    pc_list_pager(c, &l, "/admin/partners", "", shown, total);
    disc_format_ppm(c, "Partners", "common_ppm", "common");
    disc_format_ppm(c, "Partners", "promotional_ppm", "promotional");
    pc_set(c, "Page.title", pc_t(c, "disc.partners.title"));
    admin_tabs(c, "partners");
    return pc_render(c, "admin/partners.cs");
}

static int partner_page(pc_ctx *c)
{
    int64_t id = c->path_id[0];
    int n = pc_db_hdf(&partners_sql, ST_PARTNER, PC_BINDS(PC_I64(id)), c->hdf, "Partner");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    if (pc_db_hdf(&partners_sql, ST_DISCOUNTS, PC_BINDS(PC_I64(id)), c->hdf, "Discounts") < 0 ||
        pc_db_hdf(&partners_sql, ST_TAX_REGIONS, PC_NOBINDS, c->hdf, "TaxRegions") < 0 ||
        pc_db_hdf(&partners_sql, ST_CURRENCIES, PC_NOBINDS, c->hdf, "Currencies") < 0)
        return pc_error(c, 500);
    disc_format_ppm(c, "Discounts", "discount_ppm", "rate");
    disc_format_ppm(c, "TaxRegions", "rate_ppm", "rate");
    for (HDF *h = hdf_get_child(c->hdf, "Discounts"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_datetime(h, "valid_from", "from");
        if (hdf_get_value(h, "valid_to", NULL))
            pc_view_hdf_datetime(h, "valid_to", "to");
    }
    pc_set(c, "Page.title", hdf_get_value(c->hdf, "Partner.0.name", ""));
    admin_tabs(c, "partners");
    return pc_render(c, "admin/partner.cs");
}

static int again(pc_ctx *c, int status)
{
    c->status = status;
    return partner_page(c);
}

static int partner_exists(pc_ctx *c)
{
    return pc_db_int(&partners_sql, ST_PARTNER, PC_BINDS(PC_I64(c->path_id[0])), 0) > 0;
}

static int update_settings(pc_ctx *c)
{
    pc_value v[SF__N];
    if (!partner_exists(c))
        return pc_error(c, 404);
    int bad = pc_form(c, settings_fields, SF__N, v);
    if (!bad && pc_db_int(&partners_sql, ST_TAX_KNOWN, PC_BINDS(PC_STR(v[SF_TAX].s)), 0) <= 0)
        pc_form_error(c, "tax_region", "disc.err.tax_region"), bad = 1;
    if (!bad && pc_db_int(&partners_sql, ST_CURRENCY_KNOWN,
                          PC_BINDS(PC_STR(v[SF_CURRENCY].s), PC_STR(v[SF_CURRENCY].s)), 0) <= 0)
        pc_form_error(c, "payment_currency", "disc.err.currency"), bad = 1;
    if (bad)
        return again(c, 400);
    admin_change x = {c,
                      &partners_sql,
                      ST_UPDATE,
                      PC_BINDS(PC_STR(v[SF_TAX].s), PC_STR(v[SF_CURRENCY].s),
                               PC_I64(v[SF_KOOGALLERY].i), PC_I64(c->path_id[0])),
                      "partner.settlement.update",
                      "partner",
                      pc_arena_printf(&c->arena, "tax_region=%s currency=%s koogallery=%s",
                                      v[SF_TAX].s, v[SF_CURRENCY].s, v[SF_KOOGALLERY].s),
                      c->path_id[0],
                      0,
                      0,
                      0};
    admin_change_run(&x);
    if (x.rows < 0)
        return pc_error(c, 500);
    return pc_redirect(c, pc_arena_printf(&c->arena, "/admin/partners/%lld?msg=disc_saved",
                                          (long long)c->path_id[0]));
}

typedef struct discount_add {
    pc_ctx *c;
    int64_t partner, ppm;
    const char *type, *from, *to; /* UTC; to NULL: open */
    const char *detail;
} discount_add;

/* End the open discount of the type, refuse an overlap with any other, insert. */
static int discount_tx(void *arg)
{
    discount_add *d = arg;
    int64_t id = 0;
    if (pc_db_exec(&partners_sql, ST_END_OPEN,
                   PC_BINDS(PC_STR(d->from), PC_I64(d->partner), PC_STR(d->type), PC_STR(d->from)),
                   NULL) < 0)
        return -1;
    int64_t overlaps = pc_db_int(
        &partners_sql, ST_OVERLAPS,
        PC_BINDS(PC_I64(d->partner), PC_STR(d->type), PC_STR(d->to), PC_STR(d->from)), -1);
    if (overlaps < 0)
        return -1;
    if (overlaps > 0)
        return 2; /* roll back the ending too */
    if (pc_db_exec(&partners_sql, ST_INSERT_DISCOUNT,
                   PC_BINDS(PC_I64(d->partner), PC_STR(d->type), PC_I64(d->ppm), PC_STR(d->from),
                            PC_STR(d->to), PC_I64(d->c->user.id)),
                   &id) != 1)
        return -1;
    pc_audit_ctx(d->c, "partner.settlement_discount.create", "partner", d->partner, "ok",
                 d->detail);
    return 0;
}

static int add_discount(pc_ctx *c)
{
    pc_value v[DF__N];
    char from_l[20], to_l[20], from[20], to[20];
    if (!partner_exists(c))
        return pc_error(c, 404);
    int bad = pc_form(c, discount_fields, DF__N, v);
    if (!bad) {
        pc_discount_parse_datetime(v[DF_FROM].s, from_l);
        pc_clock_utc_of_local(from_l, from);
        if (v[DF_TO].present) {
            pc_discount_parse_datetime(v[DF_TO].s, to_l);
            pc_clock_utc_of_local(to_l, to);
            if (strcmp(to, from) <= 0)
                pc_form_error(c, "valid_to", "disc.err.order"), bad = 1;
        }
        int billed = disc_reaches_billed(c->path_id[0], from);
        if (billed < 0)
            return pc_error(c, 500);
        if (billed)
            pc_form_error(c, "valid_from", "disc.err.billed_start"), bad = 1;
    }
    if (bad)
        return again(c, 400);
    discount_add d = {c,
                      c->path_id[0],
                      v[DF_RATE].i,
                      v[DF_TYPE].s,
                      from,
                      v[DF_TO].present ? to : NULL,
                      pc_arena_printf(&c->arena, "%s %s%% from %s to %s", v[DF_TYPE].s,
                                      v[DF_RATE].s, from, v[DF_TO].present ? to : "-")};
    int rc = pc_db_tx(discount_tx, &d);
    if (rc == 2) {
        pc_form_error(c, "valid_from", "disc.err.overlap");
        return again(c, 409);
    }
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, pc_arena_printf(&c->arena, "/admin/partners/%lld?msg=disc_saved",
                                          (long long)c->path_id[0]));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/partners", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("GET", "/admin/partners/{id}", PC_GUARD_OPERATOR, partner_page, 0),
    PC_ROUTE("POST", "/admin/partners/{id}", PC_GUARD_OPERATOR, update_settings, 0),
    PC_ROUTE("POST", "/admin/partners/{id}/discounts", PC_GUARD_OPERATOR, add_discount, 0),
};
PC_ROUTE_TABLE(admin_partner_routes, routes);
