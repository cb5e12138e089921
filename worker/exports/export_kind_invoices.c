/*
 * Export kind "invoices" (9.4.3a, issue 16 exports): the partner's issued
 * invoices and credit notes as the Invoices page lists them (a refused one is
 * the operator's matter and is not listed), for its two filters (period
 * yyyy-mm, status), newest period first, with 8-decimal amounts.  finance.view,
 * as the page.
 */
#include <string.h>

#include "base/valid.h"
#include "exports/export_kinds.h"

/* clang-format off */
static const export_column cols[] = {
    {"invoices.period", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"invoices.number", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"invoices.content", EXPORT_LABEL, EXPORT_PLAIN, "invoices.kind."},
    {"invoices.export.credits", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"invoices.export.currency", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"invoices.pdf.tax_exclusive", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"invoices.pdf.vat", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"invoices.pdf.payable", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"invoices.status_label", EXPORT_LABEL, EXPORT_PLAIN, "invoices.status."},
    {"invoices.export.issued", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
};
/* clang-format on */

#define FROM_WHERE                                                                                 \
    "FROM invoices i LEFT JOIN invoices c ON c.id = i.credits_invoice_id WHERE i.partner_id = ? "  \
    "AND i.status <> 'refused' AND (? = 0 OR i.period = ?) AND (? = '' OR i.status = ?) "

/* The page's filters (cgi-bin/finance_invoices.c), read again from the task. */
static const char *const statuses[] = {"", "issued", "voided", "credited", NULL};
static const pc_field fields[] = {
    {"period", pc_valid_month, 0, 0, 0, NULL},
    {"status", pc_valid_enum, 0, 0, 0, statuses},
};

static int compose(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                   pc_sql_build *select, pc_sql_build *count)
{
    pc_value v[2];
    const char *errors[2];
    (void)created;
    if (pc_valid_form(a, fields, 2, filters, v, errors))
        return -1;
    int64_t period = v[0].present ? v[0].i : 0;
    pc_sql_add(select,
               "SELECT CONCAT(LEFT(i.period, 4), '-', RIGHT(i.period, 2)), i.number, i.kind, "
               "IFNULL(c.number, ''), i.currency, i.tax_exclusive, i.tax, i.payable, i.status, "
               "IFNULL(i.issued_at, '') " FROM_WHERE "ORDER BY i.period DESC, i.id DESC",
               PC_I64(u->partner_id), PC_I64(period), PC_I64(period), PC_STR(v[1].s),
               PC_STR(v[1].s));
    pc_sql_add(count, "SELECT COUNT(*) " FROM_WHERE, PC_I64(u->partner_id), PC_I64(period),
               PC_I64(period), PC_STR(v[1].s), PC_STR(v[1].s));
    return 0;
}

const export_kind export_kind_invoices = {
    "invoices", PC_PERM_FINANCE_VIEW, cols, sizeof cols / sizeof cols[0], compose,
};
