/*
 * Customer Expenditure > Expenditure Details (9.3.4.2): the rated lines of a
 * billing cycle with every filter of the guide, 8-decimal amounts, masked
 * customer names with an eye toggle, keyset pages on the line id (newest
 * first, no OFFSET), the cycle's total amount due rounded to the cent, and an
 * export task of the lines as filtered.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"
#include "spend.h"
#include "query/spend_query.h"
#include "base/view.h"
#include "web/listing.h"

PC_SQL_COMPOSER(rows_composer);
PC_SQL_COMPOSER(totals_composer);

enum stmt { ST_PRODUCTS, ST_REGIONS, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the billable products (those a line can name), for the Product Type filter */
    [ST_PRODUCTS] =
        "SELECT code, name FROM products WHERE kind IN ('service', 'solution') ORDER BY name",
    [ST_REGIONS] = "SELECT code, name FROM regions ORDER BY sort",
};
PC_SQL_TABLE(details_sql, sql);

typedef struct rows_state {
    pc_ctx *c;
    int i, show_name, limit, more;
    int64_t first_id, last_id;
    HDF *row;
} rows_state;

static void set_row(rows_state *s, const char *field, const char *value)
{
    NEOERR *e = hdf_set_value(s->row, field, value);
    nerr_ignore(&e);
}

static void set_amounts(rows_state *s, const pc_row *r)
{
    static const struct {
        const char *field;
        int col;
    } money[] = {{"list", PC_SPEND_C_LIST},       {"discount", PC_SPEND_C_DISCOUNT},
                 {"due", PC_SPEND_C_DUE},         {"cash", PC_SPEND_C_CASH},
                 {"coupons", PC_SPEND_C_COUPONS}, {"settlement", PC_SPEND_C_SETTLEMENT}};
    for (size_t k = 0; k < sizeof money / sizeof money[0]; k++)
        set_row(s, money[k].field, spend_money8(s->c, pc_row_i64(r, money[k].col)));
}

static int line_row(void *arg, const pc_row *r)
{
    rows_state *s = arg;
    pc_ctx *c = s->c;
    char from[64], to[64];
    if (s->i == s->limit) { /* the row after the page only says there is a next page */
        s->more = 1;
        return 1;
    }
    NEOERR *e = hdf_get_node(c->hdf, pc_arena_printf(&c->arena, "Lines.%d", s->i), &s->row);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    int64_t cycle = pc_row_i64(r, PC_SPEND_C_CYCLE);
    set_row(s, "id", pc_row_str(r, PC_SPEND_C_ID));
    set_row(s, "cycle", pc_clock_cycle_text(&c->arena, cycle));
    set_row(s, "name", spend_masked(c, pc_row_str(r, PC_SPEND_C_NAME), s->show_name));
    set_row(s, "account", spend_masked(c, pc_row_str(r, PC_SPEND_C_ACCOUNT), s->show_name));
    if (pc_row_i64(r, PC_SPEND_C_PARTNER_ID) !=
        c->user.partner_id) /* a reseller's customer, seen by its distributor */
        set_row(s, "reseller",
                spend_masked(c, pc_row_str(r, PC_SPEND_C_PARTNER_NAME), s->show_name));
    set_row(s, "assoc", pc_row_str(r, PC_SPEND_C_ASSOC));
    set_row(s, "am_name", pc_row_str(r, PC_SPEND_C_AM_NAME));
    set_row(s, "product_code", pc_row_str(r, PC_SPEND_C_PRODUCT_CODE));
    set_row(s, "product_name", pc_row_str(r, PC_SPEND_C_PRODUCT_NAME));
    set_row(s, "billing_item", pc_row_str(r, PC_SPEND_C_BILLING_ITEM));
    set_row(s, "mode", pc_row_str(r, PC_SPEND_C_MODE));
    set_row(s, "from", pc_view_datetime(pc_row_str(r, PC_SPEND_C_FROM), from, sizeof from));
    set_row(s, "to", pc_view_datetime(pc_row_str(r, PC_SPEND_C_TO), to, sizeof to));
    set_row(s, "txn", pc_row_str(r, PC_SPEND_C_TXN));
    set_row(s, "region", pc_row_str(r, PC_SPEND_C_REGION_NAME));
    set_row(s, "res_name", pc_row_str(r, PC_SPEND_C_RES_NAME));
    set_row(s, "res_id", pc_row_str(r, PC_SPEND_C_RES_ID));
    set_row(s, "bill_type", pc_row_str(r, PC_SPEND_C_BILL_TYPE));
    set_row(s, "payment", pc_row_str(r, PC_SPEND_C_PAYMENT));
    set_amounts(s, r);
    if (!s->i)
        s->first_id = pc_row_i64(r, PC_SPEND_C_ID);
    s->last_id = pc_row_i64(r, PC_SPEND_C_ID);
    s->i++;
    return 0;
}

static int totals_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    pc_set(c, "Total.amount_due", spend_money2(c, pc_row_i64(r, 0)));
    pc_set(c, "Total.lines", pc_row_str(r, 1));
    return 1;
}

/* The page's rows found going back: the newest of the `limit` lines just above `before`. */
typedef struct back_state {
    int n;
    int64_t top;
} back_state;

static int back_row(void *arg, const pc_row *r)
{
    back_state *b = arg;
    b->n++;
    b->top = pc_row_i64(r, PC_SPEND_C_ID);
    return 0;
}

/* The page after line `after`, or the one before line `before` (0, 0: the first), newest first:
 * keyset pages on the line id, never an OFFSET over a partner's lines. */
static int run_rows(pc_ctx *c, const pc_spend_filters *q, int64_t after, int64_t before,
                    rows_state *s)
{
    pc_scope sc;
    pc_sql_build rows = {0}, totals = {0}, back = {0};
    pc_authz_scope(&c->user, &sc);
    pc_spend_totals(q, &sc, &totals);
    pc_spend_rows(q, &sc, &rows);
    if (before > 0) { /* the page ends where `limit` lines above `before` end */
        back_state b = {0, 0};
        pc_spend_rows(q, &sc, &back);
        pc_sql_add(&back, "AND l.id > ? ORDER BY l.id LIMIT ?", PC_I64(before), PC_I64(s->limit));
        if (pc_db_query_built(&rows_composer, &back, back_row, &b) < 0)
            return -1;
        if (b.n == s->limit) /* fewer: these are the first lines, the first page */
            pc_sql_add(&rows, "AND l.id <= ?", PC_I64(b.top));
        else
            pc_set(c, "Page.first", "1");
    } else if (after > 0) {
        pc_sql_add(&rows, "AND l.id < ?", PC_I64(after));
    }
    pc_sql_add(&rows, "ORDER BY l.id DESC LIMIT ?", PC_I64(s->limit + 1));
    if (pc_db_query_built(&totals_composer, &totals, totals_row, c) < 0)
        return -1;
    return pc_db_query_built(&rows_composer, &rows, line_row, s) < 0 ? -1 : 0;
}

/* Links that keep the filters: the eye toggle flips the names, paging keeps it. */
static void put_links(pc_ctx *c, const pc_spend_filters *q, int show)
{
    const char *base = pc_spend_query_string(&c->arena, q);
    pc_set(c, "Eye.name.href",
           pc_arena_printf(&c->arena, "/spend/details?%s%s", base, show ? "" : "&show=name"));
    if (show)
        pc_set(c, "Eye.name.on", "1");
    pc_set(c, "Page.query", pc_arena_printf(&c->arena, "%s%s", base, show ? "&show=name" : ""));
}

static int64_t key_param(pc_ctx *c, const char *name)
{
    static const pc_field f = {"after", pc_valid_id, 0, 0, 0, NULL};
    const char *raw = pc_params_get(&c->query, name);
    pc_value v = {0};
    return raw && !pc_valid_id(&f, raw, &v) ? v.i : 0;
}

static int details_page(pc_ctx *c)
{
    pc_spend_filters q;
    pc_spend_parse(&c->arena, &c->query, pc_clock_now(),
                   pc_spend_details_months(c->user.partner_kind), &q);
    spend_put_filters(c, pc_spend_fields, q.f, q.error, PC_SPEND_F__N, q.earliest, q.latest);
    int show = spend_show_name(c);
    pc_list l;
    pc_list_read(c, &l);
    rows_state s = {.c = c, .show_name = show, .limit = l.size};
    if (q.bad) {
        c->status = 400; /* nothing is listed under a filter that was refused */
    } else {
        pc_set(c, "Filter.cycle.value", pc_clock_cycle_text(&c->arena, q.cycle));
        pc_set(c, "Filter.amount.value", q.hide_zero ? "nonzero" : "all");
        int64_t after = key_param(c, "after"), before = key_param(c, "before");
        if (run_rows(c, &q, after, before, &s) < 0)
            return pc_error(c, 500);
        put_links(c, &q, show);
        /* the rows before this page: as the link said, none on the first page */
        int64_t above = (after || before) && !hdf_get_value(c->hdf, "Page.first", NULL)
                            ? pc_list_keyset_before(c)
                            : 0;
        pc_list_keyset(c, &l, "/spend/details", hdf_get_value(c->hdf, "Page.query", ""), s.i, above,
                       hdf_get_int_value(c->hdf, "Total.lines", 0), 0,
                       above ? pc_arena_printf(&c->arena, "%lld", (long long)s.first_id) : NULL,
                       s.more ? pc_arena_printf(&c->arena, "%lld", (long long)s.last_id) : NULL);
    }
    /* "amount" is always set: only its choice other than the default (non-zero) opens the rest */
    static const char *const more[] = {"am",       "assoc",  "mode", "bill_type", "region",
                                       "res_name", "res_id", "txn",  NULL};
    pc_list_more_open(c, more);
    if (strcmp(hdf_get_value(c->hdf, "Filter.amount.value", ""), "all") == 0)
        pc_set(c, "List.more_open", "1");
    if (spend_managers(c) < 0 ||
        pc_db_hdf_kept(&details_sql, ST_PRODUCTS, PC_NOBINDS, c->hdf, "Products") < 0 ||
        pc_db_hdf_kept(&details_sql, ST_REGIONS, PC_NOBINDS, c->hdf, "Regions") < 0)
        return pc_error(c, 500);
    if (pc_authz_allows(&c->user, PC_PERM_SPEND_EXPORT))
        pc_set(c, "Page.can_export", "1");
    /* a reseller's customers are all its own resale: no Association Type filter (ch10 §2 table) */
    if (strcmp(c->user.partner_kind, "reseller") == 0)
        pc_set(c, "Page.reseller", "1");
    pc_set(c, "Page.title", pc_t(c, "spend.details.title"));
    spend_tabs(c, "details");
    return pc_render(c, "spend/details.cs");
}

/* POST /spend/details/export: an export task of the lines as filtered (the file is anonymised). */
static int export_details(pc_ctx *c)
{
    pc_spend_filters q;
    if (pc_spend_parse(&c->arena, &c->form, pc_clock_now(),
                       pc_spend_details_months(c->user.partner_kind), &q))
        return pc_error_say(c, 400, NULL, "spend.err.export_filters");
    const char *filters = pc_spend_query_string(&c->arena, &q);
    const char *name = pc_arena_printf(&c->arena, "%s %s", pc_t(c, "spend.export.details_name"),
                                       pc_clock_cycle_text(&c->arena, q.cycle));
    return spend_export(c, "expenditure_details", name, filters);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/spend/", PC_PERM_SPEND_VIEW, details_page, 0),
    PC_ROUTE("GET", "/spend/details", PC_PERM_SPEND_VIEW, details_page, 0),
    PC_ROUTE("POST", "/spend/details/export", PC_PERM_SPEND_EXPORT, export_details, 0),
};
PC_ROUTE_TABLE(spend_details_routes, routes);
