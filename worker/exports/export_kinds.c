/* The registry of export kinds (see export_kinds.h for how to add one). */
#include "exports/export_kinds.h"

#include <string.h>

extern const export_kind export_kind_customers, export_kind_expenditure_details,
    export_kind_expenditure_summary, export_kind_orders, export_kind_order_resources;
extern const export_kind export_kind_bills, export_kind_bill_details;
extern const export_kind export_kind_coupon_logs;        /* export_kind_coupons.c */
extern const export_kind export_kind_account_statements; /* export_kind_statements.c */
extern const export_kind export_kind_invoices;           /* export_kind_invoices.c */

static const export_kind *const kinds[] = {
    &export_kind_customers,    &export_kind_expenditure_details, &export_kind_expenditure_summary,
    &export_kind_orders,       &export_kind_order_resources,     &export_kind_bills,
    &export_kind_bill_details, &export_kind_coupon_logs,         &export_kind_account_statements,
    &export_kind_invoices,
};

const export_kind *export_kind_find(const char *name)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i]->name, name) == 0)
            return kinds[i];
    return NULL;
}
