/*
 * The bills area of the partner API (spec partner-api.md §5.6-§5.8): helpers
 * shared by the operation files api_bills*.c (api_bills_common.c).  The partner-side operations
 * read the caller's own partner's money and need what the finance pages
 * need (finance.view); the customer-side ones answer a customer's own key
 * about that customer only.
 */
#ifndef PC_API_BILLS_H
#define PC_API_BILLS_H
#include <stdint.h>

#include "api.h"

/* A partner member holding finance.view: 0, else the status of the 403 CBC.0151 answered. */
int bills_need_finance(pc_api *a);
/* A customer's own key: 0, else the status of the 403 CBC.0151 answered. */
int bills_need_customer(pc_api *a);

/*
 * A month "YYYY-MM" in query field `field` into *cycle (YYYYMM).  1 when
 * given, 0 when absent (and not required), -1 when bad (400 CBC.0100
 * answered naming the field).
 */
int bills_month(pc_api *a, const char *field, int required, int64_t *cycle);

/* An optional integer query parameter that the contract reads as absent when empty
 * ("absent or empty: no filter"): as pc_api_int otherwise. */
int bills_opt_int(pc_api *a, const char *field, int64_t min, int64_t max, int64_t *out);

/*
 * The customer-side rules of method and sub_customer_id: 1 when the
 * customer's own lines are asked for, 0 when only an enterprise
 * sub-account's (we have none), -1 when bad (answered).  With
 * empty_sub_is_none an empty sub_customer_id is accepted (and finds nothing).
 */
int bills_own_lines(pc_api *a, int empty_sub_is_none);
/*
 * enterprise_project_id: 1 when every line matches ("-1" or "null": not
 * assigned, or absent), 0 when none does (the default project "0" or
 * another project), -1 when bad (answered; an empty value unless empty_ok).
 */
int bills_project_matches(pc_api *a, int empty_ok);

/* A string amount (the few string amounts of the contract): exact, trailing zeros dropped. */
json_t *bills_money_string(int64_t v);
/*
 * A JSON number read exactly from a DECIMAL column's text ("12.5000000000"):
 * trailing zeros dropped; NULL when the text is not a decimal that fits.
 */
json_t *bills_decimal(const char *text);

/* The vendor's charging mode code of a billing_mode ("yearly_monthly" → 1), 0 when unknown. */
int bills_charging_mode(const char *billing_mode);
/* The billing_mode of a charging mode code, NULL when unknown. */
const char *bills_billing_mode(int64_t charging_mode);

/*
 * SQL of the vendor's bill type code (list_customerself_resource_records) of
 * an expenditure line `l`: 1 new purchase, 2 renewal, 3 change (orders by
 * their order type), 4 refund, 5 usage, 9 adjustment (compensation, a
 * negative vendor adjustment), 16 adjustment (deduction).
 */
#define BILLS_BILL_TYPE_SQL                                                                        \
    "(CASE WHEN l.bill_type = 'refund' THEN 4 WHEN l.bill_type = 'adjustment' THEN "               \
    "IF(l.amount_due < 0, 9, 16) WHEN l.source_key LIKE 'o:%' THEN COALESCE((SELECT CASE "         \
    "o.order_type WHEN 'renewal' THEN 2 WHEN 'change' THEN 3 ELSE 1 END FROM orders o WHERE "      \
    "o.order_no = l.transaction_no), 1) ELSE 5 END)"

/* SQL of the charging mode code of a line `l` (1, 3, 10, 11). */
#define BILLS_CHARGING_MODE_SQL                                                                    \
    "(CASE l.billing_mode WHEN 'yearly_monthly' THEN 1 WHEN 'pay_per_use' THEN 3 WHEN "            \
    "'reserved_instance' THEN 10 ELSE 11 END)"

#endif
