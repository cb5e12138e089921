/*
 * Export kind "customers": the customer list (9.3.1.1) as filtered on the
 * page, in the exporting user's scope (lib/query/customer_query.c composes both).
 */
#include "query/customer_query.h"
#include "exports/export_kinds.h"

static const export_column cols[] = {
    {"exports.col.customers.id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.name", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.account", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.email", EXPORT_TEXT, EXPORT_MASK_EMAIL, NULL},
    {"exports.col.customers.mobile", EXPORT_TEXT, EXPORT_MASK_PHONE, NULL},
    {"exports.col.customers.reseller", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.am", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.state", EXPORT_LABEL, EXPORT_PLAIN, "cust.freeze."},
    {"exports.col.customers.mtd", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"exports.col.customers.usage", EXPORT_BP, EXPORT_PLAIN, NULL},
    {"exports.col.customers.monthly_budget", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"exports.col.customers.one_time_budget", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"exports.col.customers.alerts", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"exports.col.customers.associated", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"exports.col.customers.tag", EXPORT_TEXT, EXPORT_PLAIN, NULL},
};

static int compose(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                   pc_sql_build *select, pc_sql_build *count)
{
    (void)created; /* the customer list has no relative filter */
    /* in the arena: the binds point into it (the date bounds) until the statements have run */
    pc_cust_query *q = pc_arena_alloc(a, sizeof *q);
    pc_cust_query_read(a, u, filters, q);
    pc_cust_query_export(a, u, q, select);
    pc_cust_query_count(a, u, q, count);
    return 0;
}

const export_kind export_kind_customers = {
    "customers", PC_PERM_CUSTOMER_EXPORT, cols, sizeof cols / sizeof cols[0], compose,
};
