/*
 * Partner Bills > Consumed Product Details (9.4.1.5): the lines of the bill
 * of a cycle (the newest by default), filtered by customer, product and bill
 * type, in keyset pages on the line id (newest first, no OFFSET), 8-decimal
 * amounts, customer names masked with an eye toggle; Export Bill Details
 * after the precautions ("Got It").
 */
#include <stdio.h>
#include <string.h>

#include "query/bill_query.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"
#include "finance_bills.h"
#include "base/view.h"
#include "web/listing.h"

PC_SQL_COMPOSER(lines_composer);

enum stmt { ST_CYCLES, ST_HAS_BILL, ST_PRODUCTS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CYCLES] = "SELECT billing_cycle FROM partner_bills WHERE partner_id = ? "
                  "ORDER BY billing_cycle DESC",
    [ST_HAS_BILL] = "SELECT COUNT(*) FROM partner_bills WHERE partner_id = ? AND billing_cycle = ?",
    [ST_PRODUCTS] =
        "SELECT code, name FROM products WHERE kind IN ('service', 'solution') ORDER BY name",
};
PC_SQL_TABLE(details_sql, sql);

/* Lines counted for the total at most: a month of the largest partner holds about a million, and
 * the page must not count them all; beyond it the pager says "more than 10,000". */
#define LINES_COUNT_CAP 10000

typedef struct rows_state {
    pc_ctx *c;
    int i, show, limit, more;
    int64_t first_id, last_id;
} rows_state;

static int line_row(void *arg, const pc_row *r)
{
    static const struct {
        const char *field;
        int col;
    } money[] = {{"list", PC_BILL_C_LIST},       {"settlement", PC_BILL_C_SETTLEMENT},
                 {"coupons", PC_BILL_C_COUPONS}, {"excl_tax", PC_BILL_C_EXCL_TAX},
                 {"tax", PC_BILL_C_TAX},         {"due", PC_BILL_C_DUE}};
    rows_state *s = arg;
    pc_ctx *c = s->c;
    char at[64];
    if (s->i == s->limit) { /* the row after the page only says there is a next page */
        s->more = 1;
        return 1;
    }
    const char *p = pc_arena_printf(&c->arena, "Lines.%d", s->i);
#define SET(f, v) pc_set(c, pc_arena_printf(&c->arena, "%s." f, p), v)
    SET("id", pc_row_str(r, PC_BILL_C_LINE_ID));
    SET("customer_id", pc_row_str(r, PC_BILL_C_CUSTOMER_ID));
    SET("name", bills_masked(c, pc_row_str(r, PC_BILL_C_NAME), s->show));
    SET("account", bills_masked(c, pc_row_str(r, PC_BILL_C_ACCOUNT), s->show));
    SET("product_code", pc_row_str(r, PC_BILL_C_PRODUCT_CODE));
    SET("product_name", pc_row_str(r, PC_BILL_C_PRODUCT_NAME));
    SET("billing_item", pc_row_str(r, PC_BILL_C_BILLING_ITEM));
    SET("mode", pc_row_str(r, PC_BILL_C_MODE));
    SET("bill_type", pc_row_str(r, PC_BILL_C_BILL_TYPE));
    SET("region", pc_row_str(r, PC_BILL_C_REGION_NAME));
    SET("txn", pc_row_str(r, PC_BILL_C_TXN));
    SET("txn_at", pc_view_datetime(pc_row_str(r, PC_BILL_C_TXN_AT), at, sizeof at));
    SET("settlement_type", pc_row_str(r, PC_BILL_C_SETTLEMENT_TYPE));
    SET("discount", pc_row_str(r, PC_BILL_C_DISCOUNT));
    SET("partner", pc_row_str(r, PC_BILL_C_PARTNER_NAME));
    int64_t late = pc_row_i64(r, PC_BILL_C_LATE_CYCLE);
    if (late)
        SET("late_cycle", pc_clock_cycle_text(&c->arena, late));
    if (pc_row_i64(r, PC_BILL_C_COVERED))
        SET("covered", "1");
#undef SET
    for (size_t k = 0; k < sizeof money / sizeof money[0]; k++)
        pc_set(c, pc_arena_printf(&c->arena, "%s.%s", p, money[k].field),
               bills_money8(c, pc_row_i64(r, money[k].col)));
    if (!s->i)
        s->first_id = pc_row_i64(r, PC_BILL_C_LINE_ID);
    s->last_id = pc_row_i64(r, PC_BILL_C_LINE_ID);
    s->i++;
    return 0;
}

static int cycle_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    int i = hdf_get_int_value(c->hdf, "Cycles.n", 0);
    pc_set(c, pc_arena_printf(&c->arena, "Cycles.list.%d", i),
           pc_clock_cycle_text(&c->arena, pc_row_i64(r, 0)));
    if (i == 0)
        pc_set_int(c, "Cycles.newest", pc_row_i64(r, 0));
    pc_set_int(c, "Cycles.n", i + 1);
    return 0;
}

static int64_t key_param(pc_ctx *c, const char *name, int *bad)
{
    static const pc_field f = {"after", pc_valid_id, 0, 0, 0, NULL};
    const char *raw = pc_params_get(&c->query, name);
    pc_value v = {0};
    if (!raw || !*raw)
        return 0;
    if (pc_valid_id(&f, raw, &v)) {
        *bad = 1;
        return 0;
    }
    return v.i;
}

static void put_filters(pc_ctx *c, const pc_bill_filters *q)
{
    for (size_t i = 0; i < PC_BILL_F__N; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", pc_bill_fields[i].name), q->f[i].s);
        if (q->error[i]) {
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", pc_bill_fields[i].name),
                   pc_t(c, q->error[i]));
            pc_set(c, "Page.bad_filters", "1");
        }
    }
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 0;
}

static int top_row(void *arg, const pc_row *r)
{
    int64_t *top = arg;
    top[0]++;
    top[1] = pc_row_i64(r, 0);
    return 0;
}

/* The page after line `after`, or the one before line `before` (0, 0: the first), newest first:
 * keyset pages on the line id, never an OFFSET over a month's lines. */
static int list_lines(pc_ctx *c, pc_bill_filters *q, int64_t after, int64_t before)
{
    int show = bills_show_name(c);
    pc_list l;
    pc_list_read(c, &l);
    rows_state s = {.c = c, .show = show, .limit = l.size};
    pc_sql_build b = {0}, n = {0}, back = {0};
    int64_t counted = 0, top[2] = {0, 0}, above = pc_list_keyset_before(c);
    pc_bill_rows(q, c->user.partner_id, &b);
    if (before > 0) { /* the page ends where `size` lines above `before` end */
        pc_bill_rows(q, c->user.partner_id, &back);
        pc_sql_add(&back, "AND bl.line_id > ? ORDER BY bl.line_id LIMIT ?", PC_I64(before),
                   PC_I64(l.size));
        if (pc_db_query_built(&lines_composer, &back, top_row, top) < 0)
            return -1;
        if (top[0] == l.size)
            pc_sql_add(&b, "AND bl.line_id <= ?", PC_I64(top[1]));
        else /* fewer: these are the first lines, the first page */
            above = 0;
    } else if (after > 0) {
        pc_sql_add(&b, "AND bl.line_id < ?", PC_I64(after));
    } else {
        above = 0;
    }
    pc_sql_add(&b, "ORDER BY bl.line_id DESC LIMIT ?", PC_I64(l.size + 1));
    pc_bill_count_capped(q, c->user.partner_id, LINES_COUNT_CAP, &n);
    if (pc_db_query_built(&lines_composer, &b, line_row, &s) < 0 ||
        pc_db_query_built(&lines_composer, &n, count_row, &counted) < 0)
        return -1;
    const char *base = pc_bill_query_string(&c->arena, q);
    pc_set(
        c, "Eye.name.href",
        pc_arena_printf(&c->arena, "/finance/bills/details?%s%s", base, show ? "" : "&show=name"));
    if (show)
        pc_set(c, "Eye.name.on", "1");
    const char *query = pc_arena_printf(&c->arena, "%s%s", base, show ? "&show=name" : "");
    pc_set(c, "Page.query", query);
    pc_list_keyset(c, &l, "/finance/bills/details", query, s.i, above, counted, LINES_COUNT_CAP,
                   above ? pc_arena_printf(&c->arena, "%lld", (long long)s.first_id) : NULL,
                   s.more ? pc_arena_printf(&c->arena, "%lld", (long long)s.last_id) : NULL);
    return 0;
}

static int details_page(pc_ctx *c)
{
    pc_bill_filters q;
    int bad_after = 0;
    pc_bill_parse(&c->arena, &c->query, &q);
    int64_t after = key_param(c, "after", &bad_after);
    int64_t before = key_param(c, "before", &bad_after);
    if (pc_db_query(&details_sql, ST_CYCLES, PC_BINDS(PC_I64(c->user.partner_id)), cycle_row, c) <
            0 ||
        pc_db_hdf_kept(&details_sql, ST_PRODUCTS, PC_NOBINDS, c->hdf, "Products") < 0)
        return pc_error(c, 500);
    if (!q.cycle && !q.bad) /* the newest bill by default */
        q.cycle = hdf_get_int_value(c->hdf, "Cycles.newest", 0);
    if (bad_after) {
        q.error[PC_BILL_F_CYCLE] =
            q.error[PC_BILL_F_CYCLE] ? q.error[PC_BILL_F_CYCLE] : "bills.err.page";
        q.bad++;
    }
    put_filters(c, &q);
    pc_set(c, "Page.title", pc_t(c, "bills.details.title"));
    if (strcmp(c->user.partner_kind, "distributor") == 0)
        pc_set(c, "Page.show_partner", "1"); /* the reseller each line came through */
    bills_tabs(c, "details");
    if (q.bad) {
        c->status = 400; /* nothing is listed under a filter that was refused */
        return pc_render(c, "finance/bills_details.cs");
    }
    if (q.cycle) {
        pc_set(c, "Filter.cycle.value", pc_clock_cycle_text(&c->arena, q.cycle));
        int64_t has = pc_db_int(&details_sql, ST_HAS_BILL,
                                PC_BINDS(PC_I64(c->user.partner_id), PC_I64(q.cycle)), 0);
        if (has < 0)
            return pc_error(c, 500);
        if (has) {
            pc_set(c, "Page.has_bill", "1");
            if (list_lines(c, &q, after, before) < 0)
                return pc_error(c, 500);
        }
    }
    return pc_render(c, "finance/bills_details.cs");
}

/* POST /finance/bills/details/export: the lines of a billed cycle as filtered, a task. */
static int export_details(pc_ctx *c)
{
    pc_bill_filters q;
    if (pc_bill_parse(&c->arena, &c->form, &q) || !q.cycle)
        return pc_error_say(c, 400, NULL, "bills.err.export_filters");
    int64_t has = pc_db_int(&details_sql, ST_HAS_BILL,
                            PC_BINDS(PC_I64(c->user.partner_id), PC_I64(q.cycle)), 0);
    if (has < 0)
        return pc_error(c, 500);
    if (!has)
        return pc_error_say(c, 400, NULL, "bills.err.no_bill");
    const char *name = pc_arena_printf(&c->arena, "%s %s", pc_t(c, "bills.export.details_name"),
                                       pc_clock_cycle_text(&c->arena, q.cycle));
    return bills_export(c, "bill_details", name, pc_bill_query_string(&c->arena, &q));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/bills/details", PC_PERM_FINANCE_VIEW, details_page, 0),
    PC_ROUTE("POST", "/finance/bills/details/export", PC_PERM_FINANCE_VIEW, export_details, 0),
};
PC_ROUTE_TABLE(finance_bills_details_routes, routes);
