#include "query/customer_query.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/view.h"

static const char *const yes_no[] = {"yes", "no", NULL};
static const char *const tabs[] = {"own", "resellers", NULL};
static const char *const auth_states[] = {"pending", NULL};
/* The orders of the list, in the order of order_sql: a value of `sort` that is none of them is
 * ignored (the list keeps its default order), never an error. */
static const char *const sorts[] = {
    "id",       "spend_desc", "spend_asc",  "associated_desc", "associated_asc",
    "name_asc", "name_desc",  "usage_desc", "usage_asc",       NULL};
/* A list of customer ids chosen on the page: digits and commas only, at most PC_CQ_IDS_MAX ids
 * (a page holds 50), so that it can be bound whole to FIND_IN_SET. */
static const char *valid_ids(const pc_field *f, const char *in, pc_value *out)
{
    int ids = 0, digits = 0;
    (void)f;
    for (const char *p = in; *p; p++) {
        if (*p >= '0' && *p <= '9' && ++digits <= 19)
            continue;
        if (*p != ',' || !digits)
            return "err.ids";
        ids++, digits = 0;
    }
    if (!digits || ids + 1 > PC_CQ_IDS_MAX)
        return "err.ids";
    out->s = in;
    return NULL;
}

const pc_field pc_cust_query_fields[PC_CQ__N] = {
    [PC_CQ_NAME] = {"name", pc_valid_text, 0, 64, 0, NULL},
    [PC_CQ_ACCOUNT] = {"account", pc_valid_text, 0, 64, 0, NULL},
    [PC_CQ_ID] = {"id", pc_valid_id, 0, 0, 0, NULL},
    [PC_CQ_AM] = {"am", pc_valid_id, 0, 0, 0, NULL},
    [PC_CQ_SPEND_MIN] = {"spend_min", pc_valid_money, 0, 0, 0, NULL},
    [PC_CQ_SPEND_MAX] = {"spend_max", pc_valid_money, 0, 0, 0, NULL},
    [PC_CQ_EXPIRY_FROM] = {"expiry_from", pc_valid_date, 0, 0, 0, NULL},
    [PC_CQ_EXPIRY_TO] = {"expiry_to", pc_valid_date, 0, 0, 0, NULL},
    [PC_CQ_MOBILE] = {"mobile", pc_valid_text, 0, 20, 0, NULL},
    [PC_CQ_TAG] = {"tag", pc_valid_text, 0, 64, 0, NULL},
    [PC_CQ_AUTO_FROZEN] = {"auto_frozen", pc_valid_enum, 0, 0, 0, yes_no},
    [PC_CQ_ASSOC_FROM] = {"assoc_from", pc_valid_date, 0, 0, 0, NULL},
    [PC_CQ_ASSOC_TO] = {"assoc_to", pc_valid_date, 0, 0, 0, NULL},
    [PC_CQ_USAGE_MIN] = {"usage_min", pc_valid_int, 0, 100000, 0, NULL},
    [PC_CQ_USAGE_MAX] = {"usage_max", pc_valid_int, 0, 100000, 0, NULL},
    [PC_CQ_TAB] = {"tab", pc_valid_enum, 0, 0, 0, tabs},
    [PC_CQ_SORT] = {"sort", pc_valid_enum, 0, 0, 0, sorts},
    [PC_CQ_IDS] = {"ids", valid_ids, 0, 0, 0, NULL},
    [PC_CQ_AUTH] = {"auth", pc_valid_enum, 0, 0, 0, auth_states},
};

/* The page's columns; the statement is composed of the fragments of the filters set (db.h). */
#define LIST_COLUMNS                                                                               \
    "SELECT c.id, c.name, c.account_name, IFNULL(c.email, ''), c.mobile, c.partner_id, p.name, "   \
    "IFNULL(am.name, ''), c.freeze_state, c.freeze_source, c.mtd_spend, "                          \
    "IFNULL(c.budget_usage_bp, -1), "                                                              \
    "IFNULL(b.type, ''), IFNULL(b.amount, 0), (SELECT COUNT(*) FROM budget_alerts a "              \
    "WHERE a.customer_id = c.id AND a.resolved_at IS NULL), IFNULL(c.associated_at, ''), "         \
    "IFNULL(c.custom_tag, ''), IFNULL(c.association_type, '') "
#define LIST_FROM                                                                                  \
    "FROM customers c JOIN partners p ON p.id = c.partner_id "                                     \
    "LEFT JOIN users am ON am.id = c.account_manager_id LEFT JOIN budgets b ON b.customer_id = "   \
    "c.id WHERE 1"
#define KEY_ASSOC "IFNULL(c.associated_at, '1970-01-01')"
#define KEY_USAGE "IFNULL(c.budget_usage_bp, -1)"

/* Per sort order (sorts[]), the ORDER BY; c.id breaks ties so that pages never overlap. */
static const char *const order_sql[] = {
    "ORDER BY c.id",
    "ORDER BY c.mtd_spend DESC, c.id DESC",
    "ORDER BY c.mtd_spend, c.id",
    "ORDER BY " KEY_ASSOC " DESC, c.id DESC",
    "ORDER BY " KEY_ASSOC ", c.id",
    "ORDER BY c.name, c.id",
    "ORDER BY c.name DESC, c.id DESC",
    "ORDER BY " KEY_USAGE " DESC, c.id DESC",
    "ORDER BY " KEY_USAGE ", c.id",
};

/* The export's columns: values as a file shows them (the engine masks and formats). */
#define EXPORT_COLUMNS                                                                             \
    "SELECT c.id, c.name, c.account_name, IFNULL(c.email, ''), c.mobile, "                         \
    "IF(c.partner_id = ?, '', p.name), IFNULL(am.name, ''), c.freeze_state, c.mtd_spend, "         \
    "c.budget_usage_bp, IF(b.type = 'monthly', b.amount, NULL), IF(b.type = 'one_time', "          \
    "b.amount, NULL), "                                                                            \
    "(SELECT COUNT(*) FROM budget_alerts a WHERE a.customer_id = c.id AND a.resolved_at IS "       \
    "NULL), "                                                                                      \
    "c.associated_at, IFNULL(c.custom_tag, '') " LIST_FROM

/* A local date (GMT+08:00 midnight) as the UTC instant it begins, plus `days`. */
static void local_day(const pc_value *v, int days, char out[20])
{
    out[0] = '\0';
    if (v->present)
        pc_clock_day_start(v->s, days, out);
}

void pc_cust_query_read(pc_arena *a, const pc_user *u, const pc_params *in, pc_cust_query *q)
{
    memset(q, 0, sizeof *q);
    pc_valid_form(a, pc_cust_query_fields, PC_CQ__N, in, q->f, q->error);
    if (q->error[PC_CQ_SORT]) /* an order the list does not know: its default one */
        q->error[PC_CQ_SORT] = NULL, q->f[PC_CQ_SORT] = (pc_value){.s = ""};
    /* a range the wrong way round: its upper end is wrong, the lower one still applies */
    static const int ranges[][2] = {{PC_CQ_EXPIRY_FROM, PC_CQ_EXPIRY_TO},
                                    {PC_CQ_ASSOC_FROM, PC_CQ_ASSOC_TO},
                                    {PC_CQ_SPEND_MIN, PC_CQ_SPEND_MAX},
                                    {PC_CQ_USAGE_MIN, PC_CQ_USAGE_MAX}};
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
        const pc_value *lo = &q->f[ranges[k][0]], *hi = &q->f[ranges[k][1]];
        if (!q->error[ranges[k][0]] && !q->error[ranges[k][1]] && lo->present && hi->present &&
            hi->i < lo->i)
            q->error[ranges[k][1]] =
                k < 2 ? "common.list.dates_reversed" : "common.list.range_reversed";
    }
    for (int i = 0; i < PC_CQ__N; i++)
        if (q->error[i])
            q->f[i] = (pc_value){.s = ""};
    /* a distributor opens on its own customers; the resellers' have their tab */
    if (!q->f[PC_CQ_TAB].present && strcmp(u->partner_kind, "distributor") == 0)
        q->f[PC_CQ_TAB] = (pc_value){.s = "own", .i = 0, .present = 1};
    local_day(&q->f[PC_CQ_EXPIRY_FROM], 0, q->expiry_from);
    local_day(&q->f[PC_CQ_EXPIRY_TO], 1, q->expiry_to);
    local_day(&q->f[PC_CQ_ASSOC_FROM], 0, q->assoc_from);
    local_day(&q->f[PC_CQ_ASSOC_TO], 1, q->assoc_to);
}

char *pc_cust_query_string(pc_arena *a, const pc_cust_query *q, const char *skip)
{
    char *out = pc_arena_strdup(a, "");
    for (int i = 0; i < PC_CQ__N; i++) {
        char enc[2400]; /* ids: 100 ids of up to 19 digits, commas as %2C */
        if (!q->f[i].present || strcmp(pc_cust_query_fields[i].name, skip) == 0)
            continue;
        out = pc_arena_printf(a, "%s%s=%s&", out, pc_cust_query_fields[i].name,
                              pc_view_url_encode(q->f[i].s, enc, sizeof enc));
    }
    return out;
}

static const char *order_of(const pc_cust_query *q)
{
    return order_sql[q->f[PC_CQ_SORT].present ? q->f[PC_CQ_SORT].i : 0];
}

const char *pc_cust_query_sort(const pc_cust_query *q)
{
    return sorts[q->f[PC_CQ_SORT].present ? q->f[PC_CQ_SORT].i : 0];
}

/* The user's scope, then the conditions of the filters that are set, each with its binds. */
static void add_filters(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b)
{
    const pc_value *f = q->f;
    pc_scope sc;
    pc_authz_scope(u, &sc);
    pc_authz_scope_sql(&sc, b);
    if (f[PC_CQ_TAB].present)
        pc_sql_add(b, f[PC_CQ_TAB].i == 0 ? "AND c.partner_id = ?" : "AND c.partner_id <> ?",
                   PC_I64(u->partner_id));
    if (*f[PC_CQ_NAME].s)
        pc_sql_add(b, "AND c.name LIKE ?", PC_STR(pc_db_like(a, f[PC_CQ_NAME].s)));
    if (*f[PC_CQ_ACCOUNT].s)
        pc_sql_add(b, "AND c.account_name LIKE ?", PC_STR(pc_db_like(a, f[PC_CQ_ACCOUNT].s)));
    if (f[PC_CQ_ID].i)
        pc_sql_add(b, "AND c.id = ?", PC_I64(f[PC_CQ_ID].i));
    if (f[PC_CQ_AM].i)
        pc_sql_add(b, "AND c.account_manager_id = ?", PC_I64(f[PC_CQ_AM].i));
    if (f[PC_CQ_SPEND_MIN].present)
        pc_sql_add(b, "AND c.mtd_spend >= ?", PC_I64(f[PC_CQ_SPEND_MIN].i));
    if (f[PC_CQ_SPEND_MAX].present)
        pc_sql_add(b, "AND c.mtd_spend <= ?", PC_I64(f[PC_CQ_SPEND_MAX].i));
    if (*q->expiry_from)
        pc_sql_add(b, "AND c.next_expiry >= ?", PC_STR(q->expiry_from));
    if (*q->expiry_to)
        pc_sql_add(b, "AND c.next_expiry < ?", PC_STR(q->expiry_to));
    if (*f[PC_CQ_MOBILE].s)
        pc_sql_add(b, "AND c.mobile LIKE ?", PC_STR(pc_db_like(a, f[PC_CQ_MOBILE].s)));
    if (*f[PC_CQ_TAG].s)
        pc_sql_add(
            b,
            "AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)",
            PC_STR(f[PC_CQ_TAG].s));
    if (f[PC_CQ_AUTO_FROZEN].present)
        pc_sql_add(
            b, "AND (? = 'yes') = (c.freeze_source = 'budget_auto' AND c.freeze_state <> 'normal')",
            PC_STR(f[PC_CQ_AUTO_FROZEN].s));
    if (*q->assoc_from)
        pc_sql_add(b, "AND c.associated_at >= ?", PC_STR(q->assoc_from));
    if (*q->assoc_to)
        pc_sql_add(b, "AND c.associated_at < ?", PC_STR(q->assoc_to));
    if (f[PC_CQ_USAGE_MIN].present)
        pc_sql_add(b, "AND c.budget_usage_bp >= ?", PC_I64(f[PC_CQ_USAGE_MIN].i * 100));
    if (f[PC_CQ_USAGE_MAX].present)
        pc_sql_add(b, "AND c.budget_usage_bp <= ?", PC_I64(f[PC_CQ_USAGE_MAX].i * 100));
    if (*f[PC_CQ_IDS].s)
        pc_sql_add(b, "AND FIND_IN_SET(c.id, ?)", PC_STR(f[PC_CQ_IDS].s));
    if (f[PC_CQ_AUTH].present)
        pc_sql_add(b,
                   "AND EXISTS (SELECT 1 FROM authorizations au WHERE au.customer_id = c.id "
                   "AND au.partner_id = ? AND au.status = 'pending')",
                   PC_I64(u->partner_id));
}

void pc_cust_query_page(pc_arena *a, const pc_user *u, const pc_cust_query *q, int64_t offset,
                        int64_t limit, pc_sql_build *b)
{
    pc_sql_add_binds(b, LIST_COLUMNS LIST_FROM, NULL, 0);
    add_filters(a, u, q, b);
    pc_sql_add_binds(b, order_of(q), NULL, 0);
    pc_sql_add(b, "LIMIT ? OFFSET ?", PC_I64(limit), PC_I64(offset));
}

void pc_cust_query_export(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b)
{
    pc_sql_add(b, EXPORT_COLUMNS, PC_I64(u->partner_id));
    add_filters(a, u, q, b);
    pc_sql_add_binds(b, order_of(q), NULL, 0);
}

void pc_cust_query_count(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b)
{
    pc_sql_add_binds(b, "SELECT COUNT(*) " LIST_FROM, NULL, 0);
    add_filters(a, u, q, b);
}

void pc_cust_query_totals(pc_arena *a, const pc_user *u, const pc_cust_query *q, pc_sql_build *b)
{
    pc_sql_add_binds(b, "SELECT COUNT(*), IFNULL(SUM(c.mtd_spend), 0) " LIST_FROM, NULL, 0);
    add_filters(a, u, q, b);
}
