/*
 * Export kind "account_statements" (9.4.2.4 Export): the lines of a top-up
 * or credit account statement for the filters of the page, oldest first,
 * with 8-decimal amounts and each line's journal entry (lib/query/statement_query.c
 * composes the SELECT with the page's).  finance.view, as the page.  The
 * range is checked again as of the task's creation (at most 12 months back).
 */
#include "exports/export_kinds.h"
#include "query/statement_query.h"

/* clang-format off */
static const export_column cols[] = {
    {"funds.st.col.txn_no", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"funds.st.col.time", EXPORT_DATETIME, EXPORT_PLAIN, NULL},
    {"funds.st.col.type", EXPORT_LABEL, EXPORT_PLAIN, "funds.st.type."},
    {"funds.st.col.order_id", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"funds.st.col.remarks", EXPORT_TEXT, EXPORT_PLAIN, NULL},
    {"funds.st.col.dir", EXPORT_LABEL, EXPORT_PLAIN, "funds.st.dir."},
    {"funds.st.col.amount", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"funds.st.col.balance", EXPORT_MONEY, EXPORT_PLAIN, NULL},
    {"funds.st.col.entry_id", EXPORT_INT, EXPORT_PLAIN, NULL},
    {"funds.st.col.entry_key", EXPORT_TEXT, EXPORT_PLAIN, NULL},
};
/* clang-format on */

static int compose(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                   pc_sql_build *select, pc_sql_build *count)
{
    pc_statement_filters *f = pc_arena_alloc(a, sizeof *f);
    if (pc_statement_parse(filters, created, f))
        return -1;
    pc_statement_export(a, f, u->partner_id, select);
    pc_statement_count(a, f, u->partner_id, count);
    return 0;
}

const export_kind export_kind_account_statements = {
    "account_statements", PC_PERM_FINANCE_VIEW, cols, sizeof cols / sizeof cols[0], compose,
};
