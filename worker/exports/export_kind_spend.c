/*
 * Export kinds "expenditure_details" (9.3.4.2) and "expenditure_summary"
 * (9.3.4.1, "Export Customer Bills"): the lines or summary rows the page
 * lists for the task's filters, read as of the task's creation (the default
 * billing cycle, the 18/36-month window, the summary's D+2 rule), in the
 * exporting user's scope.  lib/query/spend_query.c composes both, with the page's
 * own WHERE.  Names, account names and reseller names are always masked.
 */
#include <string.h>

#include "exports/export_kinds.h"
#include "query/spend_query.h"

static const export_column detail_cols[] = {
    {"spend.col.cycle", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.name", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.account", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"spend.col.reseller", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"spend.col.assoc", EXPORT_LABEL, EXPORT_PLAIN, "spend.assoc."},
    {"spend.col.am", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"spend.col.product_type", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.spend.billing_item", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"spend.col.mode", EXPORT_LABEL, EXPORT_PLAIN, "spend.mode."},
    {"exports.col.spend.from", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"exports.col.spend.to", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"spend.col.txn", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"spend.col.region", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.spend.res_name", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.spend.res_id", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"spend.col.bill_type", EXPORT_LABEL, EXPORT_PLAIN, "spend.bill_type."},
    {"spend.col.list", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.discount", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.due", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.cash", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.coupons", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.settlement", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.payment", EXPORT_LABEL, EXPORT_PLAIN, "spend.payment."},
};

static const export_column summary_cols[] = {
    {"exports.col.customers.id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.name", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.account", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"spend.col.reseller", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"spend.col.service_type", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"spend.col.mode", EXPORT_LABEL, EXPORT_PLAIN, "spend.mode."},
    {"spend.col.assoc", EXPORT_LABEL, EXPORT_PLAIN, "spend.assoc."},
    {"spend.col.amount", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.cash", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.coupons", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.settlement", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"spend.col.discount", EXPORT_MONEY, EXPORT_PLAIN, NULL},
};

static int compose_details(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                           pc_sql_build *select, pc_sql_build *count)
{
    /* in the arena: the binds point into it (the LIKE patterns) until the statements have run */
    pc_spend_filters *f = pc_arena_alloc(a, sizeof *f);
    pc_scope s;
    if (pc_spend_parse(a, filters, created, pc_spend_details_months(u->partner_kind), f))
        return -1;
    pc_authz_scope(u, &s);
    pc_spend_export(f, &s, u->partner_id, select);
    pc_spend_count(f, &s, count);
    return 0;
}

static int compose_summary(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                           pc_sql_build *select, pc_sql_build *count)
{
    /* in the arena: the binds point into it (the days read) until the statements have run */
    pc_spend_summary_filters *f = pc_arena_alloc(a, sizeof *f);
    pc_scope s;
    if (pc_spend_summary_parse(a, filters, created, f))
        return -1;
    pc_authz_scope(u, &s);
    pc_spend_summary_export(f, &s, u->partner_id, select);
    pc_spend_summary_count(f, &s, count);
    return 0;
}

const export_kind export_kind_expenditure_details = {
    "expenditure_details", PC_PERM_SPEND_EXPORT,
    detail_cols,           sizeof detail_cols / sizeof detail_cols[0],
    compose_details,
};

const export_kind export_kind_expenditure_summary = {
    "expenditure_summary", PC_PERM_SPEND_EXPORT,
    summary_cols,          sizeof summary_cols / sizeof summary_cols[0],
    compose_summary,
};
