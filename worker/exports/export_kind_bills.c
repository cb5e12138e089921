/*
 * Export kinds "bills" (9.4.1.4 Export Bills: one row per bill of a range of
 * at most 12 months, the header fields) and "bill_details" (9.4.1.5 Export
 * Bill Details: one row per bill line of a cycle, the 56 fields of §9.4.1.3
 * in that order).  lib/query/bill_query.c composes both with the pages' WHERE: the
 * exporting user's partner's bills only.  Amounts carry 8 decimals; customer
 * and account names are always masked.  Both need finance.view, the pages'
 * permission (docs/DECISIONS.md).
 */
#include "query/bill_query.h"
#include "exports/export_kinds.h"

/* clang-format off */
#define T(key)         {"bills.col." key, EXPORT_TEXT, EXPORT_PLAIN, NULL}
#define N(key)         {"bills.col." key, EXPORT_INT, EXPORT_PLAIN, NULL}
#define M(key)         {"bills.col." key, EXPORT_MONEY, EXPORT_PLAIN, NULL}
#define D(key)         {"bills.col." key, EXPORT_DATETIME, EXPORT_PLAIN, NULL}
#define L(key, prefix) {"bills.col." key, EXPORT_LABEL, EXPORT_PLAIN, prefix}
#define MASKED(key)    {"bills.col." key, EXPORT_TEXT, EXPORT_MASK_NAME, NULL}

/* The 56 fields of §9.4.1.3, in order (lib/query/bill_query.c selects them). */
static const export_column detail_cols[] = {
    /* 1-9 */ N("customer_id"), T("cycle"), MASKED("customer_name"), MASKED("account_name"),
    N("partner_id"), T("partner_name"), T("partner_account"), L("bill_type", "bills.bill_type."),
    L("mode", "bills.mode."),
    /* 10-19 */ T("product_type"), T("product_type_code"), T("product_name"), T("product_id"),
    T("application"), T("specifications"), T("resource_type"), T("resource_type_code"),
    T("region"), T("region_code"),
    /* 20-28 */ T("txn"), T("original_order"), D("txn_at"), L("order_type", "bills.order_type."),
    T("terms"), T("term_unit"), T("spot"), T("item_code"), T("item_name"),
    /* 29-36 */ M("unit_price"), T("unit"), T("usage"), T("usage_unit"), T("package_usage"),
    T("package_unit"), T("ri_usage"), T("ri_unit"),
    /* 37-45 */ M("list"), L("settlement_type", "bills.settlement."), T("discount"),
    M("settlement"), M("coupons"), L("refund_coupons", "bills.yesno."), M("excl_tax"), M("tax"),
    M("due"),
    /* 46-49 */ {"bills.col.usage_days", EXPORT_BP, EXPORT_PLAIN, NULL}, T("quantity"),
    T("ri_hours"), T("unsub_reason"),
    /* 50-56 */ T("pricing_usage"), T("pricing_unit"), T("pricing_package"), T("pricing_ri"),
    T("factor"), D("start"), D("end"),
};

/* One row per bill: its header fields (lib/query/bill_query.c, pc_bill_range_export). */
static const export_column bill_cols[] = {
    N("bill_id"), T("cycle"), L("status", "bills.status."), N("line_count"), M("expenditures"),
    M("refunds"), M("adjustments"), M("total_exact"), M("total_rounded"), M("coupons_used"),
    M("tax"), M("amount_due"), M("amount_paid"), T("currency"), T("exchange_rate"), D("due_at"),
    D("generated_at"), T("hash"),
};
/* clang-format on */

static int compose_details(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                           pc_sql_build *select, pc_sql_build *count)
{
    (void)created; /* a bill's lines do not move: the cycle is always in the filters */
    /* in the arena: the binds point into it (the LIKE pattern) until the statements have run */
    pc_bill_filters *f = pc_arena_alloc(a, sizeof *f);
    if (pc_bill_parse(a, filters, f) || !f->cycle)
        return -1;
    pc_bill_export(f, u->partner_id, select);
    pc_bill_count(f, u->partner_id, count);
    return 0;
}

static int compose_bills(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                         pc_sql_build *select, pc_sql_build *count)
{
    (void)a;
    (void)created;
    pc_bill_range r;
    if (pc_bill_range_parse(filters, &r))
        return -1;
    pc_bill_range_export(&r, u->partner_id, select);
    pc_bill_range_count(&r, u->partner_id, count);
    return 0;
}

const export_kind export_kind_bill_details = {
    "bill_details",  PC_PERM_FINANCE_VIEW, detail_cols, sizeof detail_cols / sizeof detail_cols[0],
    compose_details,
};

const export_kind export_kind_bills = {
    "bills", PC_PERM_FINANCE_VIEW, bill_cols, sizeof bill_cols / sizeof bill_cols[0], compose_bills,
};
