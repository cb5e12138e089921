/*
 * Funds > Account Statements (ch09 §9.4.2.4, S8; seed 004 "收支明细": tabs
 * Top-up Account and Credit Account): each posting of the account with its
 * Transaction No., time, type, order/transaction id, remarks, Income/Expense,
 * amount and the balance after it, and the key of its journal entry; filters
 * time range (at most 12 months back) and type; keyset pages of 50, newest
 * first; Export as a task of kind "account_statements".  finance.view.
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

PC_SQL_COMPOSER(statement_sql);

typedef struct page_arg {
    pc_ctx *c;
    int n;
    int64_t last;
} page_arg;

static int line_row(void *arg, const pc_row *r)
{
    page_arg *x = arg;
    static const char *const names[] = {"txn_no", "at",     "kind",    "order_id", "memo",
                                        "dir",    "amount", "balance", "entry_id", "entry_key"};
    if (x->n >= PC_STATEMENT_PAGE) {
        pc_set(x->c, "Page.more", "1");
        return 1;
    }
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        pc_set(x->c, pc_arena_printf(&x->c->arena, "Lines.%d.%s", x->n, names[k]),
               pc_row_str(r, k));
    x->last = pc_row_i64(r, 8);
    x->n++;
    return 0;
}

static void filters_view(pc_ctx *c, const pc_statement_filters *f)
{
    pc_set(c, "Filter.account", f->account);
    pc_set(c, "Filter.from", f->from);
    pc_set(c, "Filter.to", f->to);
    pc_set(c, "Filter.type", f->type);
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
                pc_set(c, pc_arena_printf(&c->arena, "Filter.%s", *k), v);
        }
        pc_form_error(c, field, f.error);
        c->status = 400;
        return funds_render(c, "statements");
    }
    pc_sql_build b = {0};
    page_arg x = {c, 0, 0};
    pc_statement_page(&c->arena, &f, c->user.partner_id, &b);
    if (pc_db_query_built(&statement_sql, &b, line_row, &x) < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Lines"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        pc_view_hdf_money(h, "balance", 2);
        pc_view_hdf_datetime(h, "at", "at");
    }
    filters_view(c, &f);
    if (hdf_get_value(c->hdf, "Page.more", NULL))
        pc_set_int(c, "Page.next_after", x.last);
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
