/*
 * Export kind "coupon_logs" (ch09 S1): the partner's coupon operation
 * records, newest first, with the page's own statement (PC_COUPON_LOG_SELECT
 * in lib/billing/coupon.h).  Customer names and accounts are always masked.  The
 * permission is the page's (finance.view; the page lets only Admins export).
 */
#include "billing/coupon.h"
#include "exports/export_kinds.h"

static const export_column cols[] = {
    {"coupons.log.id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"coupons.log.op", EXPORT_LABEL, EXPORT_PLAIN, "coupons.op."},
    {"coupons.log.coupon", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"coupons.col.customer", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"exports.col.customers.account", EXPORT_TEXT, EXPORT_MASK_NAME, NULL},
    {"coupons.log.amount", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"coupons.log.operator", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"coupons.log.time", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"coupons.log.result", EXPORT_LABEL, EXPORT_PLAIN, "coupons.result."},
    {"coupons.col.remarks", EXPORT_TEXT, EXPORT_PLAIN, NULL},
};

static int compose(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                   pc_sql_build *select, pc_sql_build *count)
{
    (void)a, (void)filters, (void)created;
    pc_sql_add(select, PC_COUPON_LOG_SELECT PC_COUPON_LOG_ORDER, PC_I64(u->partner_id));
    pc_sql_add(count, "SELECT COUNT(*) FROM coupon_operation_logs l WHERE l.partner_id = ?",
               PC_I64(u->partner_id));
    return 0;
}

const export_kind export_kind_coupon_logs = {
    "coupon_logs", PC_PERM_FINANCE_VIEW, cols, sizeof cols / sizeof cols[0], compose,
};
