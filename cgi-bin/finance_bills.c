/*
 * Partner Bills > Bills (9.4.1.4): the Amount Due pane (the unpaid bills and
 * their total; Pay is issue 6), the Monthly Bills pane for a month chosen
 * among the partner's cycles and the current month (a bill's header, or the
 * current month's estimate), its By Product tree and By Customer rows, and
 * Export Bills (a range of at most 12 months).
 */
#include <stdio.h>
#include <string.h>

#include "query/bill_query.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"
#include "billing/invoice_wht.h"
#include "finance.h"
#include "finance_bills.h"
#include "base/view.h"

enum stmt { ST_UNPAID, ST_CYCLES, ST_BILL, ST_ESTIMATE, ST_REGIONS, ST_BY_CUSTOMER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_UNPAID] =
        "SELECT id, billing_cycle, amount_due - amount_paid, due_at, " PC_WHT_BILL_STATUS_SQL " "
        "FROM partner_bills WHERE partner_id = ? "
        "AND status IN ('unpaid', 'partially_paid', 'overdue') ORDER BY billing_cycle DESC",
    [ST_CYCLES] = "SELECT billing_cycle FROM partner_bills WHERE partner_id = ? "
                  "ORDER BY billing_cycle DESC",
    [ST_BILL] =
        "SELECT id, " PC_WHT_BILL_STATUS_SQL
        ", amount_due, expenditures, refunds, adjustments, coupons_used, "
        "tax, total_exact, total_rounded, due_at, generated_at, canonical_sha256, "
        "exchange_rate, payment_currency, amount_paid, line_count, "
        "(SELECT i.number FROM invoices i WHERE i.id = invoice_id AND i.status <> 'refused'), "
        "invoice_id, credited "
        "FROM partner_bills WHERE partner_id = ? AND billing_cycle = ?",
    [ST_ESTIMATE] = "SELECT amount, expenditures, refunds, adjustments, computed_at, line_count "
                    "FROM bill_estimates WHERE partner_id = ? AND billing_cycle = ?",
    [ST_REGIONS] = "SELECT code, name FROM regions ORDER BY sort",
    /* per customer × product × billing mode × bill type, and settlement (one discount a row) */
    [ST_BY_CUSTOMER] =
        "SELECT c.id, c.name, c.account_name, pc.name, p.name, bl.billing_mode, bl.bill_type, "
        "SUM(bl.list_amount), bl.settlement_type, " PC_BILL_DISCOUNT_SQL ", SUM(bl.settlement), "
        "SUM(bl.coupons), SUM(bl.settlement - bl.coupons), SUM(bl.tax), SUM(bl.amount_due), p.code "
        "FROM bill_lines bl JOIN customers c ON c.id = bl.customer_id "
        "JOIN products p ON p.id = bl.product_id JOIN product_categories pc ON pc.id = "
        "p.category_id "
        "WHERE bl.bill_id = ? GROUP BY c.id, c.name, c.account_name, pc.id, pc.name, p.sort, p.id, "
        "p.name, p.code, bl.billing_mode, bl.bill_type, bl.settlement_type, bl.discount_ppm, "
        "bl.fixed_price "
        "ORDER BY c.id, pc.id, p.sort, p.id, bl.billing_mode, bl.bill_type, bl.settlement_type",
};
PC_SQL_TABLE(page_sql, sql);
PC_SQL_COMPOSER(due_composer);

static void set_cycle(pc_ctx *c, const char *name, int64_t cycle)
{
    pc_set(c, name, pc_clock_cycle_text(&c->arena, cycle));
}

static void set_time(pc_ctx *c, const char *name, const char *utc)
{
    char buf[64];
    pc_set(c, name, pc_view_datetime(utc, buf, sizeof buf));
}

/* ---- Amount Due ---- */

static int unpaid_total_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    pc_set(c, "Due.total", bills_money2(c, pc_row_i64(r, 0)));
    pc_set(c, "Due.count", pc_row_str(r, 1));
    return 1;
}

static int unpaid_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    int i = hdf_get_int_value(c->hdf, "Due.n", 0);
    const char *p = pc_arena_printf(&c->arena, "Unpaid.%d", i);
    pc_set(c, pc_arena_printf(&c->arena, "%s.id", p), pc_row_str(r, 0));
    set_cycle(c, pc_arena_printf(&c->arena, "%s.cycle", p), pc_row_i64(r, 1));
    pc_set(c, pc_arena_printf(&c->arena, "%s.due", p), bills_money2(c, pc_row_i64(r, 2)));
    set_time(c, pc_arena_printf(&c->arena, "%s.due_at", p), pc_row_str(r, 3));
    pc_set(c, pc_arena_printf(&c->arena, "%s.status", p), pc_row_str(r, 4));
    pc_set_int(c, "Due.n", i + 1);
    return 0;
}

static int amount_due(pc_ctx *c)
{
    pc_bind b[] = {PC_I64(c->user.partner_id)};
    pc_sql_build total = {0};
    pc_bill_unpaid_total(c->user.partner_id, &total); /* the home page's to-do too */
    if (pc_db_query_built(&due_composer, &total, unpaid_total_row, c) < 0)
        return -1;
    return pc_db_query(&page_sql, ST_UNPAID, b, 1, unpaid_row, c) < 0 ? -1 : 0;
}

/* ---- the month selector ---- */

static int cycle_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    int i = hdf_get_int_value(c->hdf, "Months.n", 0);
    set_cycle(c, pc_arena_printf(&c->arena, "Months.list.%d.value", i), pc_row_i64(r, 0));
    pc_set_int(c, "Months.n", i + 1);
    if (i == 0)
        pc_set_int(c, "Months.newest", pc_row_i64(r, 0));
    return 0;
}

/*
 * The month asked for (?month=YYYY-MM), else the newest billed month, else
 * the current one.  A malformed month is refused: -1 (the page says why).
 */
static int64_t chosen_month(pc_ctx *c, int64_t current)
{
    static const pc_field f = {"month", pc_valid_month, 0, 0, 0, NULL};
    const char *raw = pc_params_get(&c->query, "month");
    pc_value v = {0};
    if (raw && *raw) {
        if (pc_valid_month(&f, raw, &v)) {
            pc_set(c, "Month.error", pc_t(c, "bills.err.month"));
            return -1;
        }
        return v.i;
    }
    int64_t newest = hdf_get_int_value(c->hdf, "Months.newest", 0);
    return newest ? newest : current;
}

/* ---- Monthly Bills ---- */

static const char *const bill_money[] = {NULL,          NULL,          "amount_due", "expenditures",
                                         "refunds",     "adjustments", "coupons",    "tax",
                                         "total_exact", "total"};

static int bill_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    pc_set(c, "Bill.id", pc_row_str(r, 0));
    pc_set(c, "Bill.status", pc_row_str(r, 1));
    for (size_t i = 2; i < sizeof bill_money / sizeof bill_money[0]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Bill.%s", bill_money[i]),
               i == 8 ? bills_money8(c, pc_row_i64(r, i)) : bills_money2(c, pc_row_i64(r, i)));
    set_time(c, "Bill.due_at", pc_row_str(r, 10));
    set_time(c, "Bill.generated_at", pc_row_str(r, 11));
    pc_set(c, "Bill.hash", pc_row_str(r, 12));
    pc_set(c, "Bill.rate", pc_row_str(r, 13));
    pc_set(c, "Bill.currency", pc_row_str(r, 14));
    pc_set(c, "Bill.paid", bills_money2(c, pc_row_i64(r, 15)));
    pc_set(c, "Bill.lines", pc_row_str(r, 16));
    /* the parts shown to the cent add up to the amount due: rounding and credit as lines */
    int64_t credited = pc_row_i64(r, 19),
            rounding = pc_bill_shown_rounding(pc_row_i64(r, 3), pc_row_i64(r, 4), pc_row_i64(r, 5),
                                              pc_row_i64(r, 6), pc_row_i64(r, 7), pc_row_i64(r, 2),
                                              credited);
    if (rounding)
        pc_set(c, "Bill.rounding", bills_money2(c, rounding));
    if (credited)
        pc_set(c, "Bill.credited", bills_money2(c, credited));
    if (r->v[17]) { /* Invoice No. downloads the invoice (9.4.1.4) */
        pc_set(c, "Bill.invoice_no", pc_row_str(r, 17));
        pc_set(c, "Bill.invoice_id", pc_row_str(r, 18));
    }
    return 1;
}

static int estimate_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    static const char *const money[] = {"amount", "expenditures", "refunds", "adjustments"};
    for (size_t i = 0; i < 4; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Estimate.%s", money[i]),
               bills_money8(c, pc_row_i64(r, i)));
    pc_set(c, "Estimate.amount_rounded", bills_money2(c, pc_row_i64(r, 0)));
    set_time(c, "Estimate.computed_at", pc_row_str(r, 4));
    pc_set(c, "Estimate.lines", pc_row_str(r, 5));
    return 1;
}

static int put_tree(pc_ctx *c, int64_t bill_id, const char *region)
{
    bill_tree_row *rows;
    size_t n;
    if (bills_tree(c, bill_id, region, &rows, &n))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *p = pc_arena_printf(&c->arena, "Tree.%zu", i);
        pc_setf(c, pc_arena_printf(&c->arena, "%s.level", p), "%d", rows[i].level);
        if (rows[i].level == 0)
            pc_set(c, pc_arena_printf(&c->arena, "%s.label", p), pc_t(c, rows[i].label));
        else if (rows[i].label)
            pc_set(c, pc_arena_printf(&c->arena, "%s.label", p), rows[i].label);
        if (rows[i].mode) {
            pc_set(c, pc_arena_printf(&c->arena, "%s.mode", p), rows[i].mode);
            pc_set(c, pc_arena_printf(&c->arena, "%s.type", p), rows[i].type);
        }
        pc_set(c, pc_arena_printf(&c->arena, "%s.amount", p), bills_money8(c, rows[i].amount));
    }
    return 0;
}

typedef struct customer_rows {
    pc_ctx *c;
    int i, show;
    int64_t total[6]; /* list, settlement, coupons, excl. tax, tax, amount due */
} customer_rows;

static int customer_row(void *arg, const pc_row *r)
{
    static const char *const money[] = {"list", "settlement", "coupons", "excl_tax", "tax", "due"};
    static const int col[] = {7, 10, 11, 12, 13, 14};
    customer_rows *s = arg;
    pc_ctx *c = s->c;
    const char *p = pc_arena_printf(&c->arena, "ByCustomer.%d", s->i++);
#define SET(f, v) pc_set(c, pc_arena_printf(&c->arena, "%s." f, p), v)
    SET("id", pc_row_str(r, 0));
    SET("name", bills_masked(c, pc_row_str(r, 1), s->show));
    SET("account", bills_masked(c, pc_row_str(r, 2), s->show));
    SET("product_type", pc_row_str(r, 3));
    SET("product_name", pc_row_str(r, 4));
    SET("mode", pc_row_str(r, 5));
    SET("bill_type", pc_row_str(r, 6));
    SET("settlement_type", pc_row_str(r, 8));
    SET("discount", pc_row_str(r, 9));
    SET("product_code", pc_row_str(r, 15));
#undef SET
    for (int k = 0; k < 6; k++) {
        int64_t v = pc_row_i64(r, col[k]);
        s->total[k] += v;
        pc_set(c, pc_arena_printf(&c->arena, "%s.%s", p, money[k]), bills_money2(c, v));
    }
    return 0;
}

static int by_customer(pc_ctx *c, int64_t bill_id, int show)
{
    static const char *const money[] = {"list", "settlement", "coupons", "excl_tax", "tax", "due"};
    customer_rows s = {c, 0, show, {0}};
    if (pc_db_query(&page_sql, ST_BY_CUSTOMER, PC_BINDS(PC_I64(bill_id)), customer_row, &s) < 0)
        return -1;
    for (int k = 0; k < 6; k++)
        pc_set(c, pc_arena_printf(&c->arena, "CustomerTotal.%s", money[k]),
               bills_money2(c, s.total[k]));
    return 0;
}

/* The tab under the monthly bill: ?tab=customer, else By Product (the guide's first). */
static const char *chosen_tab(pc_ctx *c)
{
    const char *t = pc_params_get(&c->query, "tab");
    return t && strcmp(t, "customer") == 0 ? "customer" : "product";
}

static int monthly_bill(pc_ctx *c, int64_t month, int64_t current)
{
    pc_bind b[] = {PC_I64(c->user.partner_id), PC_I64(month)};
    if (pc_db_query(&page_sql, ST_BILL, b, 2, bill_row, c) < 0)
        return -1;
    int64_t bill_id = hdf_get_int_value(c->hdf, "Bill.id", 0);
    if (!bill_id) {
        if (month == current && pc_db_query(&page_sql, ST_ESTIMATE, b, 2, estimate_row, c) < 0)
            return -1;
        return 0;
    }
    const char *tab = chosen_tab(c);
    int show = bills_show_name(c);
    const char *month_q = pc_clock_cycle_text(&c->arena, month);
    pc_set(c, "Page.tab", tab);
    if (strcmp(tab, "product") == 0) {
        const char *region = pc_params_get(&c->query, "region");
        pc_set(c, "Filter.region", region ? region : "");
        if (pc_db_hdf_kept(&page_sql, ST_REGIONS, PC_NOBINDS, c->hdf, "Regions") < 0)
            return -1;
        return put_tree(c, bill_id, region);
    }
    pc_set(c, "Eye.name.href",
           pc_arena_printf(&c->arena, "/finance/bills?month=%s&tab=customer%s", month_q,
                           show ? "" : "&show=name"));
    if (show)
        pc_set(c, "Eye.name.on", "1");
    return by_customer(c, bill_id, show);
}

static int bills_page(pc_ctx *c)
{
    int64_t current = pc_clock_cycle_now();
    if (amount_due(c) < 0 ||
        pc_db_query(&page_sql, ST_CYCLES, PC_BINDS(PC_I64(c->user.partner_id)), cycle_row, c) < 0)
        return pc_error(c, 500);
    set_cycle(c, "Months.current", current);
    int64_t month = chosen_month(c, current);
    if (month < 0) {
        c->status = 400; /* a malformed month: said on the page, nothing shown for it */
    } else {
        set_cycle(c, "Month.value", month);
        if (month == current)
            pc_set(c, "Month.is_current", "1");
        if (monthly_bill(c, month, current) < 0)
            return pc_error(c, 500);
    }
    /* the export range defaults to the last 12 months up to the newest bill */
    int64_t to = hdf_get_int_value(c->hdf, "Months.newest", 0);
    if (!to)
        to = current;
    int64_t from = pc_clock_cycle_add(to, -11);
    set_cycle(c, "Range.from", from);
    set_cycle(c, "Range.to", to);
    pc_set(c, "Page.title", pc_t(c, "bills.title"));
    bills_tabs(c, "bills");
    return pc_render(c, "finance/bills.cs");
}

/* POST /finance/bills/export: Export Bills of a range of months (at most 12), a task. */
static int export_bills(pc_ctx *c)
{
    pc_bill_range r;
    if (pc_bill_range_parse(&c->form, &r))
        return pc_error_say(c, 400, "bills.err.range_title", r.error);
    const char *name = pc_arena_printf(&c->arena, "%s %s – %s", pc_t(c, "bills.export.bills_name"),
                                       pc_clock_cycle_text(&c->arena, r.from),
                                       pc_clock_cycle_text(&c->arena, r.to));
    return bills_export(c, "bills", name, pc_bill_range_query_string(&c->arena, &r));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/bills", PC_PERM_FINANCE_VIEW, bills_page, 0),
    PC_ROUTE("POST", "/finance/bills/export", PC_PERM_FINANCE_VIEW, export_bills, 0),
};
PC_ROUTE_TABLE(finance_bills_routes, routes);
