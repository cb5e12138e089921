/* The filters and statements of the bill pages and bill exports (see bill_query.h). */
#include "query/bill_query.h"

#include <string.h>

#include "base/clock.h"
#include "base/money.h"
#include "base/view.h"

static const char *const bill_types[] = {"expenditure", "refund", "adjustment", NULL};

const pc_field pc_bill_fields[PC_BILL_F__N] = {
    [PC_BILL_F_CYCLE] = {"cycle", pc_valid_month, 0, 0, 0, NULL},
    [PC_BILL_F_CUSTOMER] = {"customer", pc_valid_text, 0, 64, 0, NULL},
    [PC_BILL_F_PRODUCT] = {"product", pc_valid_text, 0, 64, 0, NULL},
    [PC_BILL_F_BILL_TYPE] = {"bill_type", pc_valid_enum, 0, 0, 0, bill_types},
    [PC_BILL_F_CID] = {"cid", pc_valid_id, 0, 0, 0, NULL},
};

int pc_bill_parse(pc_arena *a, const pc_params *in, pc_bill_filters *out)
{
    memset(out, 0, sizeof *out);
    out->bad = pc_valid_form(a, pc_bill_fields, PC_BILL_F__N, in, out->f, out->error);
    out->cycle = out->f[PC_BILL_F_CYCLE].present ? out->f[PC_BILL_F_CYCLE].i : 0;
    if (out->f[PC_BILL_F_CUSTOMER].present)
        out->customer_like = pc_db_like(a, out->f[PC_BILL_F_CUSTOMER].s);
    return out->bad;
}

static char *append_param(pc_arena *a, char *out, const char *name, const char *val)
{
    size_t len = strlen(val) * 3 + 4; /* pc_view_url_encode keeps room for one more escape */
    char *enc = pc_arena_alloc(a, len);
    return pc_arena_printf(a, "%s%s%s=%s", out, *out ? "&" : "", name,
                           pc_view_url_encode(val, enc, len));
}

char *pc_bill_query_string(pc_arena *a, const pc_bill_filters *f)
{
    char *out = append_param(a, pc_arena_strdup(a, ""), "cycle", pc_clock_cycle_text(a, f->cycle));
    for (size_t i = PC_BILL_F_CUSTOMER; i < PC_BILL_F__N; i++)
        if (f->f[i].present)
            out = append_param(a, out, pc_bill_fields[i].name, f->f[i].s);
    return out;
}

/* Fragments are string literals: the composer keeps one prepared statement per list of them. */

#define LINES_FROM                                                                                 \
    "FROM partner_bills b JOIN bill_lines bl ON bl.bill_id = b.id "                                \
    "JOIN expenditure_lines l ON l.id = bl.line_id JOIN customers c ON c.id = bl.customer_id "     \
    "JOIN products p ON p.id = bl.product_id LEFT JOIN regions rg ON rg.code = l.region "

static const char rows_head[] =
    "SELECT bl.line_id, c.id, c.name, c.account_name, p.code, p.name, l.billing_item, "
    "bl.billing_mode, bl.bill_type, IFNULL(rg.name, l.region), l.transaction_no, "
    "l.transaction_at, bl.list_amount, bl.settlement_type, " PC_BILL_DISCOUNT_SQL
    ", bl.settlement, "
    "bl.coupons, bl.settlement - bl.coupons, bl.tax, bl.amount_due, IFNULL(lp.name, ''), "
    "IFNULL(bl.late_cycle, 0), bl.covered " LINES_FROM
    "LEFT JOIN partners lp ON lp.id = bl.partner_id ";

static const char count_head[] = "SELECT COUNT(*) " LINES_FROM;

/* A line of usage (not an order or its refund) carries usage quantities. */
#define USAGE_LINE "(l.source_key LIKE 'u:%' OR l.source_key LIKE 'p95:%')"
/* A DECIMAL without its trailing zeros ("46800.0000000000" → "46800"). */
#define QTY(x)             "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " x "))"
#define IF_USAGE(modes, x) "IF(" USAGE_LINE " AND bl.billing_mode IN " modes ", " x ", '')"
#define PPU                "('pay_per_use')"
#define PACKAGE            "('yearly_monthly')"
#define RI                 "('reserved_instance', 'savings_plan')"

/*
 * The 56 fields of §9.4.1.3 in order (worker/exports/export_kind_bills.c names
 * them).  Fields the data does not hold are '' (docs/DECISIONS.md): 14
 * Application, 15 Specifications, 24 Number of Terms, 25 Term Unit, 26 Spot,
 * 28 Billing Item Name, 47 Quantity, 48 RI Hours, 49 Unsubscription Reason.
 * Unit, units and conversion factor come from the line's price item (its
 * region's, else the default one).
 */
/* one column a fragment, in the order of the table */
/* clang-format off */
static const char export_head[] =
    "SELECT c.id, " PC_CLOCK_CYCLE_SQL("b.billing_cycle") ", "
    "c.name, c.account_name, pt.id, pt.name, pt.account_name, bl.bill_type, bl.billing_mode, "
    "p.name, p.code, p.name, p.id, '', '', IFNULL(pi.resource_type, ''), "
    "IFNULL(pi.resource_type, ''), IFNULL(rg.name, l.region), l.region, l.transaction_no, "
    "IFNULL(oo.order_no, ''), l.transaction_at, IFNULL(o.order_type, ''), '', '', '', "
    "l.billing_item, '', pi.list_price, IFNULL(pi.pricing_unit, ''), "
    /* 31-36: usage, package usage, RI usage with their units */
    IF_USAGE(PPU, QTY("l.usage_qty")) ", "
    IF_USAGE(PPU, "IFNULL(pi.usage_unit, '')") ", "
    IF_USAGE(PACKAGE, QTY("l.usage_qty")) ", "
    IF_USAGE(PACKAGE, "IFNULL(pi.usage_unit, '')") ", "
    IF_USAGE(RI, QTY("l.usage_qty")) ", "
    IF_USAGE(RI, "IFNULL(pi.usage_unit, '')") ", "
    /* 37-45 */
    "bl.list_amount, bl.settlement_type, " PC_BILL_DISCOUNT_SQL ", bl.settlement, bl.coupons, "
    "IF(bl.refund_coupons, 'yes', 'no'), bl.settlement - bl.coupons, bl.tax, bl.amount_due, "
    /* 46-49 */
    "bl.usage_days_bp, '', '', '', "
    /* 50-54: the same quantities in the pricing unit, its unit, the factor */
    IF_USAGE(PPU, QTY("l.pricing_qty")) ", "
    IF_USAGE(PPU, "l.pricing_unit") ", "
    IF_USAGE(PACKAGE, QTY("l.pricing_qty")) ", "
    IF_USAGE(RI, QTY("l.pricing_qty")) ", "
    "IF(" USAGE_LINE ", " QTY("pi.conversion_factor") ", ''), "
    /* 55-56 */
    "l.spent_from, l.spent_to " LINES_FROM
    /* fields 5-7: the partner the customer is associated with — on a distributor's bill the
       reseller's values (ch10 §10.2.4.1.2) */
    "JOIN partners pt ON pt.id = COALESCE(bl.partner_id, b.partner_id) "
    "LEFT JOIN orders o ON o.order_no = l.transaction_no "
    "AND (l.source_key LIKE 'o:%' OR l.source_key LIKE 'r:%') "
    "LEFT JOIN orders oo ON oo.id = o.original_order_id "
    "LEFT JOIN price_items pi ON pi.id = (SELECT pi2.id FROM price_items pi2 "
    "WHERE pi2.product_id = l.product_id AND pi2.billing_item = l.billing_item "
    "AND pi2.region IN (l.region, '') ORDER BY pi2.region = '' LIMIT 1) ";
/* clang-format on */

static void add_where(const pc_bill_filters *f, int64_t partner, pc_sql_build *b)
{
    pc_sql_add(b, "WHERE b.partner_id = ? AND b.billing_cycle = ?", PC_I64(partner),
               PC_I64(f->cycle));
    if (f->customer_like)
        pc_sql_add(b, "AND (c.name LIKE ? OR c.account_name LIKE ?)", PC_STR(f->customer_like),
                   PC_STR(f->customer_like));
    if (f->f[PC_BILL_F_PRODUCT].present)
        pc_sql_add(b, "AND p.code = ?", PC_STR(f->f[PC_BILL_F_PRODUCT].s));
    if (f->f[PC_BILL_F_BILL_TYPE].present)
        pc_sql_add(b, "AND bl.bill_type = ?", PC_STR(f->f[PC_BILL_F_BILL_TYPE].s));
    if (f->f[PC_BILL_F_CID].present)
        pc_sql_add(b, "AND bl.customer_id = ?", PC_I64(f->f[PC_BILL_F_CID].i));
}

void pc_bill_rows(const pc_bill_filters *f, int64_t partner, pc_sql_build *b)
{
    pc_sql_add_binds(b, rows_head, NULL, 0);
    add_where(f, partner, b);
}

void pc_bill_export(const pc_bill_filters *f, int64_t partner, pc_sql_build *b)
{
    pc_sql_add_binds(b, export_head, NULL, 0);
    add_where(f, partner, b);
    pc_sql_add_binds(b, "ORDER BY bl.line_id DESC", NULL, 0);
}

void pc_bill_count(const pc_bill_filters *f, int64_t partner, pc_sql_build *b)
{
    pc_sql_add_binds(b, count_head, NULL, 0);
    add_where(f, partner, b);
}

void pc_bill_count_capped(const pc_bill_filters *f, int64_t partner, int64_t cap, pc_sql_build *b)
{
    pc_sql_add_binds(b, "SELECT COUNT(*) FROM (SELECT 1 " LINES_FROM, NULL, 0);
    add_where(f, partner, b);
    pc_sql_add(b, "LIMIT ?) capped", PC_I64(cap + 1));
}

/* ---- Export Bills ---- */

int pc_bill_range_parse(const pc_params *in, pc_bill_range *r)
{
    static const pc_field f = {"month", pc_valid_month, 0, 0, 0, NULL};
    const char *from = pc_params_get(in, "from"), *to = pc_params_get(in, "to");
    pc_value a = {0}, z = {0};
    memset(r, 0, sizeof *r);
    if (!from || !to || !*from || !*to)
        r->error = "bills.err.range_missing";
    else if (pc_valid_month(&f, from, &a) || pc_valid_month(&f, to, &z))
        r->error = "bills.err.range_month";
    else if (a.i > z.i)
        r->error = "bills.err.range_order";
    else if (pc_clock_cycle_months(a.i, z.i) + 1 > PC_BILL_EXPORT_MONTHS)
        r->error = "bills.err.range_long";
    r->from = a.i;
    r->to = z.i;
    return r->error ? -1 : 0;
}

char *pc_bill_range_query_string(pc_arena *a, const pc_bill_range *r)
{
    return pc_arena_printf(a, "from=%s&to=%s", pc_clock_cycle_text(a, r->from),
                           pc_clock_cycle_text(a, r->to));
}

static const char range_head[] = "SELECT b.id, " PC_CLOCK_CYCLE_SQL(
    "b.billing_cycle") ", "
                       "b.status, b.line_count, b.expenditures, b.refunds, b.adjustments, "
                       "b.total_exact, "
                       "b.total_rounded, b.coupons_used, b.tax, b.amount_due, b.amount_paid, "
                       "b.payment_currency, "
                       "b.exchange_rate, b.due_at, b.generated_at, b.canonical_sha256 FROM "
                       "partner_bills b";
static const char range_count[] = "SELECT COUNT(*) FROM partner_bills b";

void pc_bill_range_export(const pc_bill_range *r, int64_t partner, pc_sql_build *b)
{
    pc_sql_add_binds(b, range_head, NULL, 0);
    pc_sql_add(b, "WHERE b.partner_id = ? AND b.billing_cycle BETWEEN ? AND ?", PC_I64(partner),
               PC_I64(r->from), PC_I64(r->to));
    pc_sql_add_binds(b, "ORDER BY b.billing_cycle", NULL, 0);
}

void pc_bill_range_count(const pc_bill_range *r, int64_t partner, pc_sql_build *b)
{
    pc_sql_add_binds(b, range_count, NULL, 0);
    pc_sql_add(b, "WHERE b.partner_id = ? AND b.billing_cycle BETWEEN ? AND ?", PC_I64(partner),
               PC_I64(r->from), PC_I64(r->to));
}

int64_t pc_bill_shown_rounding(int64_t expenditures, int64_t refunds, int64_t adjustments,
                               int64_t coupons, int64_t tax, int64_t amount_due, int64_t credited)
{
    int64_t parts = pc_money_round2(expenditures) + pc_money_round2(refunds) +
                    pc_money_round2(adjustments) - pc_money_round2(coupons) + pc_money_round2(tax);
    return amount_due - credited - parts;
}

void pc_bill_unpaid_total(int64_t partner, pc_sql_build *b)
{
    pc_sql_add(b,
               "SELECT IFNULL(SUM(amount_due - amount_paid), 0), COUNT(*), IFNULL(MIN(due_at), '') "
               "FROM partner_bills WHERE partner_id = ? "
               "AND status IN ('unpaid', 'partially_paid', 'overdue')",
               PC_I64(partner));
}
