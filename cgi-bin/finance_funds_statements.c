/*
 * Funds > Account Statements (ch09 §9.4.2.4, S8; seed 004 "收支明细": tabs
 * Top-up Account and Credit Account): each posting of the account with its
 * Transaction No., time, type, order/transaction id, remarks, Income/Expense,
 * amount and the balance after it, and the key of its journal entry; filters
 * time range (at most 12 months back) and type; keyset pages (page size
 * 10/20/50/100, after= forward, before= back) with the total, newest first; Export as a task of
 * kind "account_statements".  finance.view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "web/export_request.h"
#include "finance.h"
#include "base/money.h"
#include "query/statement_query.h"
#include "base/view.h"
#include "web/listing.h"

PC_SQL_COMPOSER(statement_sql);

typedef struct page_arg {
    pc_ctx *c;
    int n, limit;
    int64_t first, last;
} page_arg;

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 0;
}

static int above_row(void *arg, const pc_row *r)
{
    int64_t *top = arg;
    top[0]++;
    top[1] = pc_row_i64(r, 8);
    return 0;
}

static int line_row(void *arg, const pc_row *r)
{
    page_arg *x = arg;
    static const char *const names[] = {"txn_no", "at",     "kind",    "order_id", "memo",
                                        "dir",    "amount", "balance", "entry_id", "entry_key"};
    if (x->n >= x->limit) {
        pc_set(x->c, "Page.more", "1");
        return 1;
    }
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        pc_set(x->c, pc_arena_printf(&x->c->arena, "Lines.%d.%s", x->n, names[k]),
               pc_row_str(r, k));
    if (!x->n)
        x->first = pc_row_i64(r, 8);
    x->last = pc_row_i64(r, 8);
    x->n++;
    return 0;
}

static void filters_view(pc_ctx *c, const pc_statement_filters *f)
{
    pc_set(c, "Filter.account", f->account);
    pc_set(c, "Filter.from.value", f->from);
    pc_set(c, "Filter.to.value", f->to);
    pc_set(c, "Filter.type.value", f->type);
    pc_set(c, "Filter.query", pc_statement_query_string(&c->arena, f));
}

static int statements_page(pc_ctx *c)
{
    pc_statement_filters f;
    if (funds_header(c, "statements"))
        return pc_error(c, 500);
    if (pc_statement_parse(&c->query, pc_clock_now(), &f)) {
        /* show the filters as typed, the message, and no lines */
        const char *field = f.field;
        pc_statement_filters shown;
        pc_params empty = {0};
        pc_statement_parse(&empty, pc_clock_now(), &shown);
        filters_view(c, &shown);
        for (const char *const *k = (const char *const[]){"from", "to", "type", "account", NULL};
             *k; k++) {
            const char *v = pc_params_get(&c->query, *k);
            if (v)
                pc_set(c,
                       pc_arena_printf(&c->arena,
                                       strcmp(*k, "account") ? "Filter.%s.value" : "Filter.%s", *k),
                       v);
        }
        /* beside its field (the filters' own), or above the list for the page key or account */
        if (strcmp(field, "from") == 0 || strcmp(field, "to") == 0 || strcmp(field, "type") == 0)
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", field), pc_t(c, f.error));
        else
            pc_form_error(c, field, f.error);
        c->status = 400;
        return funds_render(c, "statements");
    }
    pc_list l;
    pc_list_read(c, &l);
    pc_sql_build b = {0}, n = {0}, back = {0};
    page_arg x = {.c = c, .limit = l.size};
    int64_t total = 0, top[2] = {0, 0}, above = pc_list_keyset_before(c);
    if (f.before) { /* the page ends where `size` lines above `before` end */
        pc_statement_above(&c->arena, &f, c->user.partner_id, l.size, &back);
        if (pc_db_query_built(&statement_sql, &back, above_row, top) < 0)
            return pc_error(c, 500);
        if (top[0] == l.size)
            f.upto = top[1];
        else /* fewer: the first page */
            f.after = 0, above = 0;
    } else if (!f.after) {
        above = 0;
    }
    /* the page's statement already reads every posting of the account in the range (the
     * running balance), so counting them costs no more */
    pc_statement_page(&c->arena, &f, c->user.partner_id, l.size, &b);
    pc_statement_count(&c->arena, &f, c->user.partner_id, &n);
    if (pc_db_query_built(&statement_sql, &b, line_row, &x) < 0 ||
        pc_db_query_built(&statement_sql, &n, count_row, &total) < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Lines"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        pc_view_hdf_money(h, "balance", 2);
        pc_view_hdf_datetime(h, "at", "at");
    }
    filters_view(c, &f);
    pc_list_keyset(c, &l, "/finance/funds/statements", pc_statement_query_string(&c->arena, &f),
                   x.n, above, total, 0,
                   above ? pc_arena_printf(&c->arena, "%lld", (long long)x.first) : NULL,
                   hdf_get_value(c->hdf, "Page.more", NULL)
                       ? pc_arena_printf(&c->arena, "%lld", (long long)x.last)
                       : NULL);
    return funds_render(c, "statements");
}

/* POST /finance/funds/statements/export: the lines of the filters, as a task. */
static int statements_export(pc_ctx *c)
{
    pc_statement_filters f;
    if (pc_statement_parse(&c->form, pc_clock_now(), &f))
        return pc_error_say(c, 400, NULL, f.error);
    const char *name = pc_arena_printf(
        &c->arena, "%s %s – %s",
        pc_t(c, strcmp(f.account, "credit") == 0 ? "funds.st.credit" : "funds.st.top_up"), f.from,
        f.to);
    return pc_export_request(c, "statement.export", "account_statements", name,
                             pc_statement_query_string(&c->arena, &f), "funds.st.err.format");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/funds/statements", PC_PERM_FINANCE_VIEW, statements_page, 0),
    PC_ROUTE("POST", "/finance/funds/statements/export", PC_PERM_FINANCE_VIEW, statements_export,
             0),
};
PC_ROUTE_TABLE(finance_funds_statements_routes, routes);
