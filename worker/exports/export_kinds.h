/*
 * export_kinds — the registry of export kinds run by the "exports" job
 * (worker/jobs/job_exports.c).  A kind says who may run it, which columns its
 * file has (header label, how a value is formatted and masked) and how its
 * statements are composed from the filters stored on the task (the query
 * string of the list page when the user exported it).  The engine does the
 * rest: the user's scope and permission when the task runs, the row limit
 * (counted first), streaming, masking, CSV/XLSX, progress and expiry.
 *
 * Adding a kind (see export_kind_spend.c and export_kind_orders.c):
 *   1. Share the page's filter table and SQL composition in lib/<area>_query.c
 *      (as lib/query/customer_query.c does for the customer list), with one function
 *      composing the export SELECT (no keyset, no LIMIT) and one its COUNT(*),
 *      both in the user's scope (pc_authz_scope_sql over customers `c`).
 *   2. Write worker/export_kind_<area>.c defining
 *      `const export_kind export_kind_<area> = {"<area>", PC_PERM_…, cols, n, compose};`
 *      where the SELECT's columns are those of `cols`, in order.
 *   3. Add its line to the list in worker/exports/export_kinds.c, `exports.kinds.<area>`
 *      (the name on Export History) and its column labels to conf/lang/{en,zh}.
 *   4. The page's export handler inserts the export_tasks row (kind, name,
 *      filters = the query string, format csv|xlsx) in a transaction with an
 *      audit event and redirects to /exports/?msg=export_created.
 */
#ifndef PC_EXPORT_KINDS_H
#define PC_EXPORT_KINDS_H
#include <stddef.h>
#include <time.h>

#include "base/arena.h"
#include "access/authz.h"
#include "base/db.h"
#include "base/req.h"

/* How a value of the SELECT is written. */
typedef enum {
    EXPORT_TEXT,     /* as is (a CSV cell starting with = + - @ gets a leading ') */
    EXPORT_INT,      /* an integer; a number cell in XLSX */
    EXPORT_MONEY,    /* int64 × 10^-8 → "1234.50000000" (8 decimals, spec 9.4.1.2) */
    EXPORT_DATETIME, /* UTC "YYYY-MM-DD HH:MM:SS" → the pages' form in Billing.timezone */
    EXPORT_BP,       /* basis points → percent with 2 decimals ("75.00") */
    EXPORT_LABEL,    /* a code shown as the language string <label_prefix><code> ("" stays empty) */
} export_type;

/* Sensitive columns are always masked in files (ch09 §0), whatever the eye toggles. */
typedef enum { EXPORT_PLAIN, EXPORT_MASK_NAME, EXPORT_MASK_PHONE, EXPORT_MASK_EMAIL } export_mask;

typedef struct export_column {
    const char *label_key; /* header, a language key */
    export_type type;
    export_mask mask;
    const char *label_prefix; /* EXPORT_LABEL only: "cust.freeze." */
} export_column;

typedef struct export_kind {
    const char *name; /* export_tasks.kind */
    int perm;         /* a pc_perm the user must still hold when the task runs */
    const export_column *cols;
    size_t ncols;
    /*
     * Compose into `select` the statement of the rows (exactly ncols
     * columns, in order) and into `count` its SELECT COUNT(*), for user u and
     * the task's filters.  `created` is when the task was created: relative
     * filters (the current billing cycle, the last 30 days) are read as of
     * then, as the page read them.  Strings and anything a bind points to
     * must live in `a` (freed after the task).  Returns 0, or -1 when the
     * filters cannot be used.
     */
    int (*compose)(pc_arena *a, const pc_user *u, const pc_params *filters, time_t created,
                   pc_sql_build *select, pc_sql_build *count);
} export_kind;

/* The kind named `name`, or NULL. */
const export_kind *export_kind_find(const char *name);

#endif
