#include "query/order_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/view.h"

const char *const pc_order_types[] = {
    "new", "renewal", "change", "unsubscription", "price_adjustment", NULL};
const char *const pc_order_statuses[] = {"pending_payment", "processing",   "completed",
                                         "cancelled",       "unsubscribed", NULL};
static const char *const tabs[] = {"own", "resellers", NULL};

const pc_field pc_order_fields[PC_OF__N] = {
    [PC_OF_FROM] = {"from", pc_valid_date, 0, 0, 0, NULL},
    [PC_OF_TO] = {"to", pc_valid_date, 0, 0, 0, NULL},
    [PC_OF_CUSTOMER] = {"customer_id", pc_valid_id, 0, 0, 0, NULL},
    [PC_OF_NAME] = {"name", pc_valid_text, 0, 64, 0, NULL},
    [PC_OF_ACCOUNT] = {"account", pc_valid_text, 0, 64, 0, NULL},
    [PC_OF_PRODUCT] = {"product", pc_valid_text, 0, 64, 0, NULL},
    [PC_OF_ORDER_NO] = {"order_no", pc_valid_text, 0, 32, 0, NULL},
    [PC_OF_TYPE] = {"type", pc_valid_enum, 0, 0, 0, pc_order_types},
    [PC_OF_STATUS] = {"status", pc_valid_enum, 0, 0, 0, pc_order_statuses},
    [PC_OF_TAB] = {"tab", pc_valid_enum, 0, 0, 0, tabs},
    [PC_OF_AFTER] = {"after", pc_valid_text, 0, 60, 0, NULL},
};

/* Fill in the default range, check the order and the span, compute the instants. */
static void read_range(pc_order_query *q, time_t now)
{
    char today[11];
    pc_clock_local_date(now, today);
    const pc_value *f = &q->f[PC_OF_FROM], *t = &q->f[PC_OF_TO];
    snprintf(q->to, sizeof q->to, "%s", t->present && !q->error[PC_OF_TO] ? t->s : today);
    if (f->present && !q->error[PC_OF_FROM])
        snprintf(q->from, sizeof q->from, "%s", f->s);
    else
        pc_clock_date_add(q->to, -PC_ORDER_RANGE_DEFAULT_DAYS, q->from);
    if (q->error[PC_OF_FROM] || q->error[PC_OF_TO])
        return;
    long span = pc_clock_days_between(q->from, q->to);
    if (span < 0)
        q->error[PC_OF_TO] = "cust.ord.err.range_order";
    else if (span > PC_ORDER_RANGE_MAX_DAYS)
        q->error[PC_OF_TO] = "cust.ord.err.range_long";
    pc_clock_day_start(q->from, 0, q->from_utc);
    pc_clock_day_start(q->to, 1, q->to_utc);
}

/* "after": "<ordered_at as YYYYMMDDHHMMSS>_<order id>" (list) or "<resource id>" (resources). */
static void read_after(pc_order_query *q)
{
    const char *s = q->f[PC_OF_AFTER].s;
    unsigned y, mo, d, h, mi, se;
    long long id;
    if (!q->f[PC_OF_AFTER].present)
        return;
    if (sscanf(s, "%4u%2u%2u%2u%2u%2u_%lld", &y, &mo, &d, &h, &mi, &se, &id) == 7 && id > 0) {
        snprintf(q->after_at, sizeof q->after_at, "%04u-%02u-%02u %02u:%02u:%02u", y % 10000,
                 mo % 100, d % 100, h % 100, mi % 100, se % 100);
        q->after_id = id, q->has_after = 1;
    } else if (sscanf(s, "%lld", &id) == 1 && id > 0 && !strchr(s, '_')) {
        q->after_id = id, q->has_after = 1;
    } else {
        q->error[PC_OF_AFTER] = "err.id";
    }
}

int pc_order_query_read(pc_arena *a, const pc_params *in, int distributor, time_t now,
                        pc_order_query *q)
{
    memset(q, 0, sizeof *q);
    pc_valid_form(a, pc_order_fields, PC_OF__N, in, q->f, q->error);
    if (!q->f[PC_OF_TAB].present && !q->error[PC_OF_TAB] && distributor)
        q->f[PC_OF_TAB] = (pc_value){.s = "own", .i = 0, .present = 1};
    if (!distributor && q->f[PC_OF_TAB].present && q->f[PC_OF_TAB].i == 1)
        q->f[PC_OF_TAB] = (pc_value){.s = ""}; /* only a distributor has resellers */
    read_range(q, now);
    read_after(q);
    q->name_like = pc_db_like(a, q->f[PC_OF_NAME].s);
    q->account_like = pc_db_like(a, q->f[PC_OF_ACCOUNT].s);
    for (int i = 0; i < PC_OF__N; i++)
        if (q->error[i])
            q->nerrors++, q->f[i] = (pc_value){.s = ""}; /* a bad filter is shown, never applied */
    return q->nerrors;
}

char *pc_order_query_string(pc_arena *a, const pc_order_query *q)
{
    char *out = pc_arena_printf(a, "from=%s&to=%s&", q->from, q->to);
    for (int i = PC_OF_FROM + 2; i < PC_OF__N; i++) {
        char enc[200];
        if (!q->f[i].present || q->error[i] || i == PC_OF_AFTER)
            continue;
        out = pc_arena_printf(a, "%s%s=%s&", out, pc_order_fields[i].name,
                              pc_view_url_encode(q->f[i].s, enc, sizeof enc));
    }
    return out;
}

/* Everything but the columns: the joins, the range, the scope and the filters. */
#define ORDER_JOINS                                                                                \
    "JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id "                    \
    "JOIN partners p ON p.id = c.partner_id "
#define LIST_FROM                                                                                  \
    "FROM orders o " ORDER_JOINS "LEFT JOIN products pr ON pr.id = o.product_id "                  \
    "WHERE o.ordered_at >= ? AND o.ordered_at < ?"
#define RESOURCE_FROM                                                                              \
    "FROM resources r JOIN orders o ON o.id = r.order_id " ORDER_JOINS                             \
    "LEFT JOIN products pr ON pr.id = r.product_id WHERE o.ordered_at >= ? AND o.ordered_at < ?"
#define LIST_SELECT                                                                                \
    "SELECT o.id, o.order_no, c.id, c.name, c.account_name, c.partner_id, p.name, "                \
    "IFNULL(pr.code, ''), "                                                                        \
    "IFNULL(pr.name, ''), o.order_type, o.status, o.ordered_at, IFNULL(o.paid_at, ''), "           \
    "o.list_amount, "                                                                              \
    "o.amount_paid, o.cash_paid, o.coupons_paid, o.billing_mode, o.region, "                       \
    "IFNULL(o.placed_on_behalf_by, 0), IFNULL(o.adjusted_amount, o.list_amount) " LIST_FROM
#define RESOURCE_SELECT                                                                            \
    "SELECT r.id, o.order_no, c.id, c.name, c.account_name, c.partner_id, p.name, "                \
    "IFNULL(pr.code, ''), "                                                                        \
    "IFNULL(pr.name, r.product_type), IFNULL(r.resource_key, ''), r.name, r.spec, r.region, "      \
    "r.status, "                                                                                   \
    "IFNULL(r.effective_at, ''), IFNULL(r.expires_at, ''), o.id, r.billing_mode " RESOURCE_FROM
/* The export files' columns (pc_order_query_export); the reseller's name bound to own_partner. */
#define LIST_EXPORT                                                                                \
    "SELECT o.order_no, c.id, c.name, c.account_name, IF(c.partner_id = ?, '', p.name), "          \
    "IFNULL(pr.name, ''), o.order_type, o.status, o.ordered_at, o.amount_paid, "                   \
    "IF(o.status = 'completed', o.cash_paid, NULL), "                                              \
    "IF(o.status = 'completed', o.coupons_paid, NULL) " LIST_FROM
#define RESOURCE_EXPORT                                                                            \
    "SELECT o.order_no, c.id, c.name, c.account_name, IF(c.partner_id = ?, '', p.name), r.name, "  \
    "IFNULL(r.resource_key, ''), IFNULL(pr.name, r.product_type), r.spec, r.region, r.status, "    \
    "r.effective_at, r.expires_at " RESOURCE_FROM

static void add_filters(const pc_order_query *q, int64_t own_partner, pc_sql_build *b)
{
    const pc_value *f = q->f;
    if (f[PC_OF_TAB].present)
        pc_sql_add(b, f[PC_OF_TAB].i == 0 ? "AND c.partner_id = ?" : "AND c.partner_id <> ?",
                   PC_I64(own_partner));
    if (f[PC_OF_CUSTOMER].present)
        pc_sql_add(b, "AND c.id = ?", PC_I64(f[PC_OF_CUSTOMER].i));
    if (*f[PC_OF_NAME].s)
        pc_sql_add(b, "AND c.name LIKE ?", PC_STR(q->name_like));
    if (*f[PC_OF_ACCOUNT].s)
        pc_sql_add(b, "AND c.account_name LIKE ?", PC_STR(q->account_like));
    if (*f[PC_OF_PRODUCT].s)
        pc_sql_add(b, "AND pr.code = ?", PC_STR(f[PC_OF_PRODUCT].s));
    if (*f[PC_OF_ORDER_NO].s)
        pc_sql_add(b, "AND o.order_no = ?", PC_STR(f[PC_OF_ORDER_NO].s));
    if (f[PC_OF_TYPE].present)
        pc_sql_add(b, "AND o.order_type = ?", PC_STR(f[PC_OF_TYPE].s));
    if (f[PC_OF_STATUS].present && !q->status_also)
        pc_sql_add(b, "AND o.status = ?", PC_STR(f[PC_OF_STATUS].s));
    if (f[PC_OF_STATUS].present && q->status_also)
        pc_sql_add(b, "AND o.status IN (?, ?)", PC_STR(f[PC_OF_STATUS].s), PC_STR(q->status_also));
    if (q->paid_from_utc)
        pc_sql_add(b, "AND o.paid_at >= ?", PC_STR(q->paid_from_utc));
    if (q->paid_to_utc)
        pc_sql_add(b, "AND o.paid_at < ?", PC_STR(q->paid_to_utc));
    if (q->none)
        pc_sql_add_binds(b, "AND 1 = 0", NULL, 0);
}

/*
 * The head (columns, joins and the range's two ?), then the scope and the
 * filters.  `exported`: the head is an export's, whose reseller column takes
 * own_partner first.
 */
static void add_head(const pc_order_query *q, const pc_scope *s, int64_t own_partner,
                     const char *head, int exported, pc_sql_build *b)
{
    if (exported)
        pc_sql_add(b, head, PC_I64(own_partner), PC_STR(q->from_utc), PC_STR(q->to_utc));
    else
        pc_sql_add(b, head, PC_STR(q->from_utc), PC_STR(q->to_utc));
    pc_authz_scope_sql(s, b);
    add_filters(q, own_partner, b);
}

void pc_order_query_export(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                           int64_t own_partner, pc_sql_build *b)
{
    memset(b, 0, sizeof *b);
    add_head(q, s, own_partner, kind == PC_ORDER_LIST ? LIST_EXPORT : RESOURCE_EXPORT, 1, b);
    pc_sql_add_binds(
        b, kind == PC_ORDER_LIST ? "ORDER BY o.ordered_at DESC, o.id DESC" : "ORDER BY r.id DESC",
        NULL, 0);
}

void pc_order_query_all(pc_order_query *q)
{
    memset(q, 0, sizeof *q);
    for (int i = 0; i < PC_OF__N; i++)
        q->f[i] = (pc_value){.s = ""};
    snprintf(q->from_utc, sizeof q->from_utc, "1970-01-01 00:00:00");
    snprintf(q->to_utc, sizeof q->to_utc, "9999-12-31 23:59:59");
}

void pc_order_query_offset(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                           int64_t own_partner, int ascending, int64_t offset, int64_t limit,
                           pc_sql_build *b)
{
    memset(b, 0, sizeof *b);
    add_head(q, s, own_partner, kind == PC_ORDER_LIST ? LIST_SELECT : RESOURCE_SELECT, 0, b);
    if (kind == PC_ORDER_LIST)
        pc_sql_add(b,
                   ascending ? "ORDER BY o.ordered_at, o.id LIMIT ? OFFSET ?"
                             : "ORDER BY o.ordered_at DESC, o.id DESC LIMIT ? OFFSET ?",
                   PC_I64(limit), PC_I64(offset));
    else
        pc_sql_add(
            b, ascending ? "ORDER BY r.id LIMIT ? OFFSET ?" : "ORDER BY r.id DESC LIMIT ? OFFSET ?",
            PC_I64(limit), PC_I64(offset));
}

void pc_order_query_count(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                          int64_t own_partner, pc_sql_build *b)
{
    memset(b, 0, sizeof *b);
    add_head(q, s, own_partner,
             kind == PC_ORDER_LIST ? "SELECT COUNT(*) " LIST_FROM
                                   : "SELECT COUNT(*) " RESOURCE_FROM,
             0, b);
}

void pc_order_query_count_capped(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                                 int64_t own_partner, int64_t cap, pc_sql_build *b)
{
    memset(b, 0, sizeof *b);
    add_head(q, s, own_partner,
             kind == PC_ORDER_LIST ? "SELECT COUNT(*) FROM (SELECT 1 " LIST_FROM
                                   : "SELECT COUNT(*) FROM (SELECT 1 " RESOURCE_FROM,
             0, b);
    pc_sql_add(b, "LIMIT ?) capped", PC_I64(cap + 1));
}

void pc_order_query_build(const pc_order_query *q, pc_order_kind kind, const pc_scope *s,
                          int64_t own_partner, int paged, pc_sql_build *b)
{
    memset(b, 0, sizeof *b);
    add_head(q, s, own_partner, kind == PC_ORDER_LIST ? LIST_SELECT : RESOURCE_SELECT, 0, b);
    if (kind == PC_ORDER_LIST) {
        if (paged && q->has_after && *q->after_at)
            pc_sql_add(b, "AND (o.ordered_at < ? OR (o.ordered_at = ? AND o.id < ?))",
                       PC_STR(q->after_at), PC_STR(q->after_at), PC_I64(q->after_id));
        pc_sql_add_binds(b,
                         paged ? "ORDER BY o.ordered_at DESC, o.id DESC LIMIT 51"
                               : "ORDER BY o.ordered_at DESC, o.id DESC",
                         NULL, 0);
    } else {
        if (paged && q->has_after && !*q->after_at)
            pc_sql_add(b, "AND r.id < ?", PC_I64(q->after_id));
        pc_sql_add_binds(b, paged ? "ORDER BY r.id DESC LIMIT 51" : "ORDER BY r.id DESC", NULL, 0);
    }
}
