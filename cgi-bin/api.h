/*
 * api — the partner API program (pc-api, served from the host root: /v1.0/,
 * /v2/, /v3/, /v4/), wire-compatible with the vendor's BSS partner API
 * (../shared/spec/partner-api.md).  Shape of one request:
 *
 *   route known (else 404 APIGW.0101) → AK/SK signature (401 APIGW.0301/0303)
 *   → the key's user loaded (its partner, roles and scope, as on the pages)
 *   → idempotency key replayed (state-changing operations) → operation → JSON.
 *
 * Each area's operations live in one file (api_customers.c, api_budgets.c, …)
 * that exports a pc_api_op table; api.c joins them (like finance.c does with
 * its route tables).  An operation reads its input through the pc_api_*
 * getters below, which answer the documented 400 CBC.0100 naming the field
 * when the input is bad, and builds its answer in a->out (a jansson object).
 *
 * IDs on the wire are our numeric IDs written as decimal strings (customer
 * "1042", reseller "17"), so that one ID serves both the pages and the API.
 */
#ifndef PC_API_H
#define PC_API_H
#include <fcgiapp.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "access/authz.h"
#include "base/req.h"

typedef struct pc_api {
    FCGX_Request *fcgi;
    pc_arena arena;
    const char *method;     /* "GET", "POST", "PUT", "DELETE" */
    const char *path;       /* raw path of REQUEST_URI (before '?') */
    const char *path_param; /* the decoded {param} of the route, or NULL */
    const char *request_id; /* also sent as X-Request-Id */
    const char *lang;       /* "en" or "zh", from X-Language */
    const char *remote_addr;
    pc_params query;  /* decoded query parameters */
    const char *body; /* raw body (NUL-terminated), "" when none */
    size_t body_len;
    json_t *json;       /* the body parsed: an object, or NULL for an empty body */
    pc_user user;       /* the owner of the access key: its partner, roles, scope */
    int64_t key_id;     /* api_keys.id of the caller */
    json_t *out;        /* the 200 answer, an empty object to start with */
    int status;         /* set by pc_api_error */
    char signature[65]; /* the verified signature of the request */
    int signature_held; /* held against replay (a state-changing operation) */
} pc_api;

/* Returns 200 (answer in a->out) or the status returned by pc_api_error. */
typedef int (*pc_api_fn)(pc_api *a);

#define PC_API_IDEMPOTENT                                                                          \
    1u /* changes state: one transaction, audited, honours the idempotency key */
#define PC_API_PARTNER  2u /* only a partner member's key (else 403 CBC.0151) */
#define PC_API_CUSTOMER 4u /* only a customer's key (else 403 CBC.0151) */

typedef struct pc_api_op {
    const char *method;
    const char
        *path; /* "/v2/partners/sub-customers/query"; a final "{x}" segment is a path parameter */
    const char *name; /* the SDK method name ("list_sub_customers"), for the audit trail */
    pc_api_fn fn;     /* NULL: answered with the documented "not supported" error */
    unsigned flags;
    const char *fn_name; /* for --routes */
    const char *file;    /* the file that declares the operation (__FILE__), for --routes */
} pc_api_op;

/* One line of an operation table; it records the handler's name and file for --routes. */
#define PC_API_OP(method, path, name, fn, flags)                                                   \
    {                                                                                              \
        method, path, name, fn, flags, #fn, __FILE__                                               \
    }

typedef struct pc_api_op_table {
    const pc_api_op *ops;
    size_t n;
} pc_api_op_table;
#define PC_API_OP_TABLE(name, table)                                                               \
    const pc_api_op_table name = {table, sizeof table / sizeof table[0]}

/* The operation tables of the area files, joined in api.c. */
extern const pc_api_op_table pc_api_customer_ops, pc_api_budget_ops, pc_api_order_ops,
    pc_api_bill_ops, pc_api_unsupported_ops;

/*
 * Answer an error: {"error_code": code, "error_msg": <formatted>} with
 * status.  Returns status, so that an operation can `return pc_api_error(…)`.
 */
int pc_api_error(pc_api *a, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Typed input.  Each getter looks the field up in the JSON body (POST/PUT)
 * or the query (GET/DELETE), checks its type and limits, and returns 1 when
 * present and good, 0 when absent (or null), -1 when bad — having answered
 * 400 CBC.0100 "Invalid parameter: <field> …" (the operation then returns
 * a->status).  `required` turns absence into -1 as well.
 */
int pc_api_string(pc_api *a, const char *field, int required, size_t max_chars, const char **out);
int pc_api_int(pc_api *a, const char *field, int required, int64_t min, int64_t max, int64_t *out);
int pc_api_bool(pc_api *a, const char *field, int required, int *out);
/* A JSON number (body) or a decimal string (query) with at most `scale`
 * decimals, read exactly from its text (never through double) into units of
 * 10^-scale.  1234.56 with scale 2 → 123456. */
int pc_api_decimal(pc_api *a, const char *field, int required, int scale, int64_t *out);
/* An array of strings (body only), at most max_items, each at most max_chars. */
int pc_api_strings(pc_api *a, const char *field, int required, size_t max_items, size_t max_chars,
                   const char ***out, size_t *n);
/* offset (≥ 0, default 0) and limit (1..max_limit, default 10). */
int pc_api_paging(pc_api *a, int max_limit, int64_t *offset, int64_t *limit);
/*
 * A UTC time "YYYY-MM-DDThh:mm:ssZ" (§1.5) into "YYYY-MM-DD hh:mm:ss" (out,
 * 20 bytes) for SQL.  1 present, 0 absent (or empty), -1 bad (400 answered).
 */
int pc_api_utc_time(pc_api *a, const char *field, int required, char out[20]);
/* The same from a text: "YYYY-MM-DDThh:mm:ssZ", a real moment from 1970 on (digits where digits
 * go, the month's own days), into out.  0, or -1 for anything else (nothing answered). */
int pc_api_utc_text(const char *s, char out[20]);
/*
 * The acting partner: the caller's own, or with indirect_partner_id (when
 * the caller is a distributor) that reseller's.  Naming a partner that is
 * not one of the caller's resellers answers 400 CBC.99000037.  0 or -1.
 */
int pc_api_acting_partner(pc_api *a, int64_t *partner_id);

/*
 * A customer named on the wire ("1042"): our id when it is a customer of
 * partner_id (from pc_api_acting_partner) within the key user's scope (an
 * account manager's key: its assigned customers only), 0 when not (the
 * operation answers its documented error), -1 on a database error (500
 * answered).
 */
int64_t pc_api_customer(pc_api *a, const char *wire_id, int64_t partner_id);

/*
 * Audit event of the caller (inside the operation's transaction), with the
 * key's user as actor and its partner; action "api.<something>".  0 or -1.
 */
int pc_api_audit(pc_api *a, const char *action, const char *object_type, int64_t object_id,
                 const char *result, const char *detail);

/*
 * Output.  JSON numbers for money are written exactly from integer minor
 * units: pc_api_money(v, 8) with v in 10^-8 units gives 12.5 for
 * 1250000000 (trailing zeros dropped, at least one digit each side), never
 * through a double.  The returned value can be set into any object/array.
 */
json_t *pc_api_money(int64_t v, int scale);
/* "2024-05-06T08:05:01Z" from a DATETIME string in UTC ("2024-05-06 08:05:01"), or NULL when empty.
 */
json_t *pc_api_time(const char *datetime_utc);
/* A decimal string from an ID ("1042"). */
json_t *pc_api_id(int64_t id);

#endif
