/*
 * Customer Expenditure > Expenditure Summary (9.3.4.1): a billing cycle's
 * expenditure per customer × product × billing mode × association type, from
 * the daily summary the worker builds (expenditure_daily), day D shown only
 * from 00:00 of D+2 (GMT+08:00); tabs Customer Expenditures / Refunds; the
 * Amount and Refunds totals; keyset pages on the group key; export task.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "spend.h"
#include "query/spend_query.h"
#include "base/view.h"
#include "web/listing.h"

/* Groups counted for the total at most (beyond it: "more than 10,000"). */
#define GROUPS_COUNT_CAP 10000

PC_SQL_COMPOSER(summary_composer);
PC_SQL_COMPOSER(summary_totals_composer);

typedef struct summary_state {
    pc_ctx *c;
    const char *cycle;
    int i, show_name;
    pc_spend_summary_key last;
    HDF *row;
    int limit; /* the page size */
} summary_state;

static void set_row(summary_state *s, const char *field, const char *value)
{
    NEOERR *e = hdf_set_value(s->row, field, value);
    nerr_ignore(&e);
}

/* The Details link of a row: the lines of that customer, product and billing mode in the cycle. */
static const char *details_href(summary_state *s, const pc_row *r)
{
    char code[200];
    return pc_arena_printf(
        &s->c->arena, "/spend/details?cycle=%s&amount=all&customer=%s&product=%s&mode=%s&assoc=%s",
        s->cycle, pc_row_str(r, PC_SPEND_SC_CUSTOMER_ID),
        pc_view_url_encode(pc_row_str(r, PC_SPEND_SC_PRODUCT_CODE), code, sizeof code),
        pc_row_str(r, PC_SPEND_SC_MODE), pc_row_str(r, PC_SPEND_SC_ASSOC));
}

static int summary_row(void *arg, const pc_row *r)
{
    summary_state *s = arg;
    pc_ctx *c = s->c;
    if (s->i == s->limit) { /* the row after the page only says there is a next page */
        pc_set(c, "Page.next_after",
               pc_arena_printf(&c->arena, "%lld_%lld_%lld_%lld", (long long)s->last.customer_id,
                               (long long)s->last.product_id, (long long)s->last.mode,
                               (long long)s->last.assoc));
        return 1;
    }
    NEOERR *e = hdf_get_node(c->hdf, pc_arena_printf(&c->arena, "Rows.%d", s->i), &s->row);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    set_row(s, "customer_id", pc_row_str(r, PC_SPEND_SC_CUSTOMER_ID));
    set_row(s, "name", spend_masked(c, pc_row_str(r, PC_SPEND_SC_NAME), s->show_name));
    set_row(s, "account", spend_masked(c, pc_row_str(r, PC_SPEND_SC_ACCOUNT), s->show_name));
    if (pc_row_i64(r, PC_SPEND_SC_PARTNER_ID) != c->user.partner_id)
        set_row(s, "reseller",
                spend_masked(c, pc_row_str(r, PC_SPEND_SC_PARTNER_NAME), s->show_name));
    set_row(s, "product_name", pc_row_str(r, PC_SPEND_SC_PRODUCT_NAME));
    set_row(s, "mode", pc_row_str(r, PC_SPEND_SC_MODE));
    set_row(s, "assoc", pc_row_str(r, PC_SPEND_SC_ASSOC));
    set_row(s, "amount", spend_money8(c, pc_row_i64(r, PC_SPEND_SC_AMOUNT)));
    set_row(s, "cash", spend_money8(c, pc_row_i64(r, PC_SPEND_SC_CASH)));
    set_row(s, "coupons", spend_money8(c, pc_row_i64(r, PC_SPEND_SC_COUPONS)));
    set_row(s, "settlement", spend_money8(c, pc_row_i64(r, PC_SPEND_SC_SETTLEMENT)));
    set_row(s, "discount", spend_money8(c, pc_row_i64(r, PC_SPEND_SC_DISCOUNT)));
    set_row(s, "details", details_href(s, r));
    s->last = (pc_spend_summary_key){
        pc_row_i64(r, PC_SPEND_SC_CUSTOMER_ID), pc_row_i64(r, PC_SPEND_SC_PRODUCT_ID),
        pc_row_i64(r, PC_SPEND_SC_MODE_N), pc_row_i64(r, PC_SPEND_SC_ASSOC_N)};
    s->i++;
    return 0;
}

static int totals_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    pc_set(c, "Total.amount", spend_money2(c, pc_row_i64(r, 0)));
    pc_set(c, "Total.refunds", spend_money2(c, pc_row_i64(r, 1)));
    return 1;
}

/* ?after=customer_product_mode_assoc of the next-page link; 0 when absent or malformed. */
static int after_param(pc_ctx *c, pc_spend_summary_key *k)
{
    const char *raw = pc_params_get(&c->query, "after");
    long long a, b, m, t;
    int used = 0;
    if (!raw || sscanf(raw, "%lld_%lld_%lld_%lld%n", &a, &b, &m, &t, &used) != 4 || raw[used])
        return 0;
    *k = (pc_spend_summary_key){a, b, m, t};
    return 1;
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 0;
}

static int run_summary(pc_ctx *c, const pc_spend_summary_filters *q, summary_state *s, int *paged,
                       int64_t *counted)
{
    pc_scope sc;
    pc_sql_build rows = {0}, totals = {0}, n = {0};
    pc_spend_summary_key after;
    pc_authz_scope(&c->user, &sc);
    pc_spend_summary_totals(q, &sc, &totals);
    *paged = after_param(c, &after);
    pc_spend_summary_rows(q, &sc, *paged ? &after : NULL, &rows);
    pc_sql_add(&rows, "LIMIT ?", PC_I64(s->limit + 1));
    pc_spend_summary_count_capped(q, &sc, GROUPS_COUNT_CAP, &n);
    if (pc_db_query_built(&summary_totals_composer, &totals, totals_row, c) < 0 ||
        pc_db_query_built(&summary_composer, &n, count_row, counted) < 0)
        return -1;
    return pc_db_query_built(&summary_composer, &rows, summary_row, s) < 0 ? -1 : 0;
}

static void put_links(pc_ctx *c, const pc_spend_summary_filters *q, int show)
{
    const char *base = pc_spend_summary_query_string(&c->arena, q);
    pc_set(c, "Eye.name.href",
           pc_arena_printf(&c->arena, "/spend/summary?%s%s", base, show ? "" : "&show=name"));
    if (show)
        pc_set(c, "Eye.name.on", "1");
    pc_set(c, "Page.query", pc_arena_printf(&c->arena, "%s%s", base, show ? "&show=name" : ""));
    /* the tab links keep every filter but the tab */
    pc_spend_summary_filters other = *q;
    other.f[PC_SPEND_S_TAB].present = 0;
    pc_set(c, "Page.query_notab", pc_spend_summary_query_string(&c->arena, &other));
}

static int summary_page(pc_ctx *c)
{
    pc_spend_summary_filters q;
    char last[11];
    time_t now = pc_clock_now();
    pc_spend_summary_parse(&c->arena, &c->query, now, &q);
    spend_put_filters(c, pc_spend_summary_fields, q.f, q.error, PC_SPEND_S__N, q.earliest,
                      q.latest);
    int show = spend_show_name(c);
    const char *cycle = pc_clock_cycle_text(&c->arena, q.cycle);
    pc_list l;
    pc_list_read(c, &l);
    summary_state s = {c, cycle, 0, show, {0, 0, 0, 0}, NULL, l.size};
    pc_set(c, "Page.refunds", q.refunds ? "1" : "");
    if (q.bad) {
        c->status = 400;
    } else {
        pc_set(c, "Filter.cycle.value", cycle);
        pc_spend_summary_last_day(now, last);
        pc_set(c, "Page.lag", pc_arena_printf(&c->arena, pc_t(c, "spend.summary.lag"), last));
        pc_set(c, "Page.data_upto",
               pc_arena_printf(&c->arena, pc_t(c, "spend.summary.data_upto"), last));
        int paged = 0;
        int64_t counted = 0;
        if (run_summary(c, &q, &s, &paged, &counted) < 0)
            return pc_error(c, 500);
        put_links(c, &q, show);
        /* keyset pages on the group key: forward by key; back only from the second page */
        int64_t above = paged ? pc_list_keyset_before(c) : 0;
        pc_list_keyset(c, &l, "/spend/summary", hdf_get_value(c->hdf, "Page.query", ""), s.i, above,
                       counted, GROUPS_COUNT_CAP, "",
                       hdf_get_value(c->hdf, "Page.next_after", NULL));
    }
    if (spend_managers(c) < 0)
        return pc_error(c, 500);
    if (pc_authz_allows(&c->user, PC_PERM_SPEND_EXPORT))
        pc_set(c, "Page.can_export", "1");
    pc_set(c, "Page.title", pc_t(c, "spend.summary.title"));
    spend_tabs(c, "summary");
    return pc_render(c, "spend/summary.cs");
}

/* POST /spend/summary/export: "Export Customer Bills" of the summary as filtered. */
static int export_summary(pc_ctx *c)
{
    pc_spend_summary_filters q;
    if (pc_spend_summary_parse(&c->arena, &c->form, pc_clock_now(), &q))
        return pc_error_say(c, 400, NULL, "spend.err.export_filters");
    const char *filters = pc_spend_summary_query_string(&c->arena, &q);
    const char *name = pc_arena_printf(&c->arena, "%s %s", pc_t(c, "spend.export.summary_name"),
                                       pc_clock_cycle_text(&c->arena, q.cycle));
    return spend_export(c, "expenditure_summary", name, filters);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/spend/summary", PC_PERM_SPEND_VIEW, summary_page, 0),
    PC_ROUTE("POST", "/spend/summary/export", PC_PERM_SPEND_EXPORT, export_summary, 0),
};
PC_ROUTE_TABLE(spend_summary_routes, routes);
