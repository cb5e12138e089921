#include "query/spend_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/view.h"

static const char *const amounts[] = {"nonzero", "all", NULL};
static const char *const assocs[] = {"reseller", "referral", NULL};
static const char *const modes[] = {"yearly_monthly", "pay_per_use", "reserved_instance",
                                    "savings_plan", NULL};
static const char *const bill_types[] = {"expenditure", "refund", "adjustment", NULL};
static const char *const summary_tabs[] = {"expenditures", "refunds", NULL};

const pc_field pc_spend_fields[PC_SPEND_F__N] = {
    [PC_SPEND_F_CYCLE] = {"cycle", pc_valid_month, 0, 0, 0, NULL},
    [PC_SPEND_F_AMOUNT] = {"amount", pc_valid_enum, 0, 0, 0, amounts},
    [PC_SPEND_F_NAME] = {"name", pc_valid_text, 0, 64, 0, NULL},
    [PC_SPEND_F_ACCOUNT] = {"account", pc_valid_text, 0, 64, 0, NULL},
    [PC_SPEND_F_AM] = {"am", pc_valid_id, 0, 0, 0, NULL},
    [PC_SPEND_F_ASSOC] = {"assoc", pc_valid_enum, 0, 0, 0, assocs},
    [PC_SPEND_F_PRODUCT] = {"product", pc_valid_text, 0, 64, 0, NULL},
    [PC_SPEND_F_MODE] = {"mode", pc_valid_enum, 0, 0, 0, modes},
    [PC_SPEND_F_BILL_TYPE] = {"bill_type", pc_valid_enum, 0, 0, 0, bill_types},
    [PC_SPEND_F_REGION] = {"region", pc_valid_text, 0, 32, 0, NULL},
    [PC_SPEND_F_TXN] = {"txn", pc_valid_text, 0, 80, 0, NULL},
    [PC_SPEND_F_RES_NAME] = {"res_name", pc_valid_text, 0, 128, 0, NULL},
    [PC_SPEND_F_RES_ID] = {"res_id", pc_valid_text, 0, 64, 0, NULL},
    [PC_SPEND_F_CUSTOMER] = {"customer", pc_valid_id, 0, 0, 0, NULL},
};

const pc_field pc_spend_summary_fields[PC_SPEND_S__N] = {
    [PC_SPEND_S_CYCLE] = {"cycle", pc_valid_month, 0, 0, 0, NULL},
    [PC_SPEND_S_NAME] = {"name", pc_valid_text, 0, 64, 0, NULL},
    [PC_SPEND_S_AM] = {"am", pc_valid_id, 0, 0, 0, NULL},
    [PC_SPEND_S_ASSOC] = {"assoc", pc_valid_enum, 0, 0, 0, assocs},
    [PC_SPEND_S_FROM] = {"from", pc_valid_date, 0, 0, 0, NULL},
    [PC_SPEND_S_TO] = {"to", pc_valid_date, 0, 0, 0, NULL},
    [PC_SPEND_S_TAB] = {"tab", pc_valid_enum, 0, 0, 0, summary_tabs},
};

/* ---- billing cycles (YYYYMM) ---- */

/*
 * The billing cycle asked for in *v (the current month when absent), checked
 * against the window of `months` back to the current month.  NULL or the
 * language key of the error.
 */
static const char *check_cycle(const pc_value *v, time_t now, int months, int64_t *cycle,
                               int64_t *earliest, int64_t *latest)
{
    *latest = pc_clock_cycle_of(now);
    *earliest = pc_clock_cycle_add(*latest, -months);
    *cycle = v->present ? v->i : *latest;
    return *cycle < *earliest || *cycle > *latest ? "spend.err.cycle_range" : NULL;
}

/* name=value joined by & for the first nfixed fields (their values given) and each other present
 * field. */
static char *query_string(pc_arena *a, const pc_field *fields, const pc_value *v, size_t n,
                          const char *const *fixed, size_t nfixed)
{
    char *out = pc_arena_strdup(a, "");
    for (size_t i = 0; i < n; i++) {
        const char *val = i < nfixed ? fixed[i] : v[i].present ? v[i].s : NULL;
        if (!val)
            continue;
        size_t len = strlen(val) * 3 + 4; /* pc_view_url_encode keeps room for one more escape */
        char *enc = pc_arena_alloc(a, len);
        out = pc_arena_printf(a, "%s%s%s=%s", out, *out ? "&" : "", fields[i].name,
                              pc_view_url_encode(val, enc, len));
    }
    return out;
}

/* ---- details ---- */

int pc_spend_details_months(const char *partner_kind)
{
    return strcmp(partner_kind, "reseller") == 0 ? PC_SPEND_RESELLER_MONTHS
                                                 : PC_SPEND_DETAILS_MONTHS;
}

int pc_spend_parse(pc_arena *a, const pc_params *in, time_t now, int months, pc_spend_filters *out)
{
    memset(out, 0, sizeof *out);
    out->bad = pc_valid_form(a, pc_spend_fields, PC_SPEND_F__N, in, out->f, out->error);
    const char *err = check_cycle(&out->f[PC_SPEND_F_CYCLE], now, months, &out->cycle,
                                  &out->earliest, &out->latest);
    if (err && !out->error[PC_SPEND_F_CYCLE])
        out->error[PC_SPEND_F_CYCLE] = err, out->bad++;
    /* "Hide 0 Expenditures" unless All is chosen (9.3.4.2) */
    out->hide_zero = !(out->f[PC_SPEND_F_AMOUNT].present && out->f[PC_SPEND_F_AMOUNT].i == 1);
    out->name_like = pc_db_like(a, out->f[PC_SPEND_F_NAME].s);
    out->account_like = pc_db_like(a, out->f[PC_SPEND_F_ACCOUNT].s);
    out->res_name_like = pc_db_like(a, out->f[PC_SPEND_F_RES_NAME].s);
    return out->bad;
}

char *pc_spend_query_string(pc_arena *a, const pc_spend_filters *f)
{
    const char *fixed[2] = {pc_clock_cycle_text(a, f->cycle), f->hide_zero ? "nonzero" : "all"};
    return query_string(a, pc_spend_fields, f->f, PC_SPEND_F__N, fixed, 2);
}

/* Fragments are string literals: the composer keeps one prepared statement per list of them. */
static const char rows_head[] =
    "SELECT l.id, l.billing_cycle, c.id, c.name, c.account_name, l.partner_id, lp.name, "
    "IFNULL(l.association_type, ''), IFNULL(am.name, ''), p.code, p.name, l.billing_item, "
    "l.billing_mode, l.spent_from, l.spent_to, l.transaction_no, l.region, "
    "IFNULL(rg.name, l.region), l.resource_name, l.resource_key, l.bill_type, l.list_amount, "
    "l.discount, l.amount_due, l.cash_payment, l.coupons_used, l.monthly_settlement, "
    "l.payment_status FROM expenditure_lines l STRAIGHT_JOIN customers c ON c.id = l.customer_id "
    "JOIN partners lp ON lp.id = l.partner_id JOIN products p ON p.id = l.product_id "
    "LEFT JOIN users am ON am.id = l.account_manager_id "
    "LEFT JOIN regions rg ON rg.code = l.region WHERE l.partner_id = c.partner_id";
static const char totals_head[] =
    "SELECT IFNULL(SUM(l.amount_due), 0), COUNT(*) FROM expenditure_lines l "
    "STRAIGHT_JOIN customers c ON c.id = l.customer_id WHERE l.partner_id = c.partner_id";

/*
 * The lines are read first (STRAIGHT_JOIN above), by partner and cycle in id
 * order (k_line_partner_cycle): a page stops after its rows instead of
 * sorting every line of the partner's customers.  The customer scope still
 * applies through c.
 */
static void lines_scope(const pc_scope *s, pc_sql_build *b)
{
    if (s->include_resellers)
        pc_sql_add(b, "AND " PC_SCOPE_PARTNER_SQL("l.partner_id"), PC_I64(s->partner_id),
                   PC_I64(s->include_resellers));
    else
        pc_sql_add(b, "AND l.partner_id = ?", PC_I64(s->partner_id));
}

static void details_where(const pc_spend_filters *q, const pc_scope *s, pc_sql_build *b)
{
    const pc_value *f = q->f;
    lines_scope(s, b);
    pc_authz_scope_sql(s, b);
    pc_sql_add(b, "AND l.billing_cycle = ?", PC_I64(q->cycle));
    if (q->hide_zero)
        pc_sql_add_binds(b, "AND l.amount_due <> 0", NULL, 0);
    if (f[PC_SPEND_F_NAME].present)
        pc_sql_add(b, "AND c.name LIKE ?", PC_STR(q->name_like));
    if (f[PC_SPEND_F_ACCOUNT].present)
        pc_sql_add(b, "AND c.account_name LIKE ?", PC_STR(q->account_like));
    if (f[PC_SPEND_F_AM].present)
        pc_sql_add(b, "AND l.account_manager_id = ?", PC_I64(f[PC_SPEND_F_AM].i));
    if (f[PC_SPEND_F_ASSOC].present)
        pc_sql_add(b, "AND l.association_type = ?", PC_STR(f[PC_SPEND_F_ASSOC].s));
    if (f[PC_SPEND_F_PRODUCT].present)
        pc_sql_add(b, "AND l.product_id = (SELECT pp.id FROM products pp WHERE pp.code = ?)",
                   PC_STR(f[PC_SPEND_F_PRODUCT].s));
    if (f[PC_SPEND_F_MODE].present)
        pc_sql_add(b, "AND l.billing_mode = ?", PC_STR(f[PC_SPEND_F_MODE].s));
    if (f[PC_SPEND_F_BILL_TYPE].present)
        pc_sql_add(b, "AND l.bill_type = ?", PC_STR(f[PC_SPEND_F_BILL_TYPE].s));
    if (f[PC_SPEND_F_REGION].present)
        pc_sql_add(b, "AND l.region = ?", PC_STR(f[PC_SPEND_F_REGION].s));
    if (f[PC_SPEND_F_TXN].present)
        pc_sql_add(b, "AND l.transaction_no = ?", PC_STR(f[PC_SPEND_F_TXN].s));
    if (f[PC_SPEND_F_RES_NAME].present)
        pc_sql_add(b, "AND l.resource_name LIKE ?", PC_STR(q->res_name_like));
    if (f[PC_SPEND_F_RES_ID].present)
        pc_sql_add(b, "AND l.resource_key = ?", PC_STR(f[PC_SPEND_F_RES_ID].s));
    if (f[PC_SPEND_F_CUSTOMER].present)
        pc_sql_add(b, "AND c.id = ?", PC_I64(f[PC_SPEND_F_CUSTOMER].i));
}

void pc_spend_rows(const pc_spend_filters *f, const pc_scope *s, pc_sql_build *b)
{
    pc_sql_add_binds(b, rows_head, NULL, 0);
    details_where(f, s, b);
}

void pc_spend_totals(const pc_spend_filters *f, const pc_scope *s, pc_sql_build *b)
{
    pc_sql_add_binds(b, totals_head, NULL, 0);
    details_where(f, s, b);
}

/* The columns of the export file, from the same tables as rows_head (the page's). */
static const char export_head[] = "SELECT " PC_CLOCK_CYCLE_SQL(
    "l.billing_cycle") ", c.id, "
                       "c.name, c.account_name, IF(l.partner_id = ?, '', lp.name), "
                       "IFNULL(l.association_type, ''), "
                       "IFNULL(am.name, ''), p.name, l.billing_item, l.billing_mode, l.spent_from, "
                       "l.spent_to, "
                       "l.transaction_no, IFNULL(rg.name, l.region), l.resource_name, "
                       "l.resource_key, l.bill_type, "
                       "l.list_amount, l.discount, l.amount_due, l.cash_payment, l.coupons_used, "
                       "l.monthly_settlement, l.payment_status FROM expenditure_lines l "
                       "JOIN customers c ON c.id = l.customer_id "
                       "JOIN partners lp ON lp.id = l.partner_id JOIN products p ON p.id = "
                       "l.product_id "
                       "LEFT JOIN users am ON am.id = l.account_manager_id "
                       "LEFT JOIN regions rg ON rg.code = l.region WHERE l.partner_id = "
                       "c.partner_id";
static const char count_head[] =
    "SELECT COUNT(*) FROM expenditure_lines l "
    "JOIN customers c ON c.id = l.customer_id WHERE l.partner_id = c.partner_id";

void pc_spend_export(const pc_spend_filters *f, const pc_scope *s, int64_t own_partner,
                     pc_sql_build *b)
{
    pc_sql_add(b, export_head, PC_I64(own_partner));
    details_where(f, s, b);
    pc_sql_add_binds(b, "ORDER BY l.id DESC", NULL, 0);
}

void pc_spend_count(const pc_spend_filters *f, const pc_scope *s, pc_sql_build *b)
{
    pc_sql_add_binds(b, count_head, NULL, 0);
    details_where(f, s, b);
}

/* ---- summary ---- */

char *pc_spend_summary_last_day(time_t now, char out[11])
{
    /* day D becomes visible at 00:00 of D+2 (9.3.4.1); the offset has no daylight saving */
    return pc_clock_local_date(now - 2 * 86400, out);
}

/*
 * Narrow the days read to Spent On from..to, which must lie in the cycle
 * (first day out->from, next month's first day `next`) and be in order.
 */
static void spent_on(pc_spend_summary_filters *out, const char *next)
{
    const pc_value *from = &out->f[PC_SPEND_S_FROM], *to = &out->f[PC_SPEND_S_TO];
    char first[32] = "", after_last[32] = "";
    if (from->present && !out->error[PC_SPEND_S_FROM]) {
        snprintf(first, sizeof first, "%s", from->s);
        if (strcmp(first, out->from) < 0 || strcmp(first, next) >= 0)
            out->error[PC_SPEND_S_FROM] = "spend.err.day_in_cycle", out->bad++;
    }
    if (to->present && !out->error[PC_SPEND_S_TO]) {
        pc_clock_date_add(to->s, 1, after_last);
        if (strcmp(after_last, out->from) <= 0 || strcmp(after_last, next) > 0)
            out->error[PC_SPEND_S_TO] = "spend.err.day_in_cycle", out->bad++;
        else if (from->present && to->i < from->i)
            out->error[PC_SPEND_S_TO] = "spend.err.day_order", out->bad++;
    }
    if (out->bad)
        return;
    if (*first)
        snprintf(out->from, sizeof out->from, "%s", first);
    if (*after_last && strcmp(after_last, out->to) < 0)
        snprintf(out->to, sizeof out->to, "%s", after_last);
}

int pc_spend_summary_parse(pc_arena *a, const pc_params *in, time_t now,
                           pc_spend_summary_filters *out)
{
    char last[11], next[32];
    memset(out, 0, sizeof *out);
    out->bad = pc_valid_form(a, pc_spend_summary_fields, PC_SPEND_S__N, in, out->f, out->error);
    const char *err = check_cycle(&out->f[PC_SPEND_S_CYCLE], now, PC_SPEND_SUMMARY_MONTHS,
                                  &out->cycle, &out->earliest, &out->latest);
    if (err && !out->error[PC_SPEND_S_CYCLE])
        out->error[PC_SPEND_S_CYCLE] = err, out->bad++;
    out->refunds = out->f[PC_SPEND_S_TAB].present && out->f[PC_SPEND_S_TAB].i == 1;
    out->name_like = pc_db_like(a, out->f[PC_SPEND_S_NAME].s);
    pc_clock_cycle_first_day(out->cycle, out->from);
    pc_clock_cycle_first_day(pc_clock_cycle_add(out->cycle, 1), next);
    /* the day after the last visible one, or the next month's first day if sooner */
    pc_spend_summary_last_day(now + 86400, last);
    snprintf(out->to, sizeof out->to, "%s", strcmp(last, next) < 0 ? last : next);
    spent_on(out, next);
    return out->bad;
}

char *pc_spend_summary_query_string(pc_arena *a, const pc_spend_summary_filters *f)
{
    const char *fixed[1] = {pc_clock_cycle_text(a, f->cycle)};
    return query_string(a, pc_spend_summary_fields, f->f, PC_SPEND_S__N, fixed, 1);
}

static const char summary_head[] =
    "SELECT d.customer_id, MIN(c.name), MIN(c.account_name), MIN(d.partner_id), MIN(dp.name), "
    "d.product_id, MIN(p.code), MIN(p.name), d.billing_mode, d.billing_mode + 0, "
    "d.association_type, d.association_type + 0, SUM(d.amount), SUM(d.cash_payment), "
    "SUM(d.coupons_used), SUM(d.monthly_settlement), SUM(d.discount) "
    "FROM expenditure_daily d JOIN customers c ON c.id = d.customer_id "
    "JOIN partners dp ON dp.id = d.partner_id JOIN products p ON p.id = d.product_id "
    "WHERE d.partner_id = c.partner_id";
static const char summary_totals_head[] =
    "SELECT IFNULL(SUM(IF(d.bill_type = 'refund', 0, d.amount)), 0), "
    "IFNULL(SUM(IF(d.bill_type = 'refund', d.amount, 0)), 0) "
    "FROM expenditure_daily d JOIN customers c ON c.id = d.customer_id "
    "WHERE d.partner_id = c.partner_id";

static void summary_where(const pc_spend_summary_filters *q, const pc_scope *s, pc_sql_build *b)
{
    const pc_value *f = q->f;
    pc_authz_scope_sql(s, b);
    pc_sql_add(b, "AND d.day >= ? AND d.day < ?", PC_STR(q->from), PC_STR(q->to));
    if (f[PC_SPEND_S_NAME].present)
        pc_sql_add(b, "AND c.name LIKE ?", PC_STR(q->name_like));
    if (f[PC_SPEND_S_AM].present)
        pc_sql_add(b, "AND d.account_manager_id = ?", PC_I64(f[PC_SPEND_S_AM].i));
    if (f[PC_SPEND_S_ASSOC].present)
        pc_sql_add(b, "AND d.association_type = ?", PC_STR(f[PC_SPEND_S_ASSOC].s));
}

/* The rows of the tab after `after` (NULL: from the first) in order, once `head` is in b. */
static void summary_groups(const pc_spend_summary_filters *f, const pc_scope *s,
                           const pc_spend_summary_key *after, pc_sql_build *b)
{
    summary_where(f, s, b);
    pc_sql_add_binds(b, f->refunds ? "AND d.bill_type = 'refund'" : "AND d.bill_type <> 'refund'",
                     NULL, 0);
    if (after)
        pc_sql_add(b,
                   "AND (d.customer_id, d.product_id, d.billing_mode + 0, d.association_type + 0) "
                   "> (?, ?, ?, ?)",
                   PC_I64(after->customer_id), PC_I64(after->product_id), PC_I64(after->mode),
                   PC_I64(after->assoc));
    /* ENUMs sort by their index, as the key above compares them */
    pc_sql_add_binds(b,
                     "GROUP BY d.customer_id, d.product_id, d.billing_mode, d.association_type "
                     "ORDER BY d.customer_id, d.product_id, d.billing_mode, d.association_type",
                     NULL, 0);
}

void pc_spend_summary_rows(const pc_spend_summary_filters *f, const pc_scope *s,
                           const pc_spend_summary_key *after, pc_sql_build *b)
{
    pc_sql_add_binds(b, summary_head, NULL, 0);
    summary_groups(f, s, after, b);
}

static const char summary_export_head[] =
    "SELECT d.customer_id, MIN(c.name), MIN(c.account_name), "
    "IF(MIN(d.partner_id) = ?, '', MIN(dp.name)), MIN(p.name), d.billing_mode, "
    "d.association_type, SUM(d.amount), SUM(d.cash_payment), SUM(d.coupons_used), "
    "SUM(d.monthly_settlement), SUM(d.discount) "
    "FROM expenditure_daily d JOIN customers c ON c.id = d.customer_id "
    "JOIN partners dp ON dp.id = d.partner_id JOIN products p ON p.id = d.product_id "
    "WHERE d.partner_id = c.partner_id";
/* the groups of the same statement, counted */
static const char summary_count_head[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM expenditure_daily d "
    "JOIN customers c ON c.id = d.customer_id WHERE d.partner_id = c.partner_id";

void pc_spend_summary_export(const pc_spend_summary_filters *f, const pc_scope *s,
                             int64_t own_partner, pc_sql_build *b)
{
    pc_sql_add(b, summary_export_head, PC_I64(own_partner));
    summary_groups(f, s, NULL, b);
}

void pc_spend_summary_count(const pc_spend_summary_filters *f, const pc_scope *s, pc_sql_build *b)
{
    pc_sql_add_binds(b, summary_count_head, NULL, 0);
    summary_groups(f, s, NULL, b);
    pc_sql_add_binds(b, ") n", NULL, 0);
}

void pc_spend_summary_count_capped(const pc_spend_summary_filters *f, const pc_scope *s,
                                   int64_t cap, pc_sql_build *b)
{
    pc_sql_add_binds(b, summary_count_head, NULL, 0);
    summary_groups(f, s, NULL, b);
    pc_sql_add(b, "LIMIT ?) n", PC_I64(cap + 1));
}

void pc_spend_summary_totals(const pc_spend_summary_filters *f, const pc_scope *s, pc_sql_build *b)
{
    pc_sql_add_binds(b, summary_totals_head, NULL, 0);
    summary_where(f, s, b);
}
