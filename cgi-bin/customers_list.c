/*
 * Sales > Customers > Customer Management: the customer list (9.3.1.1) with
 * every filter, sorting, keyset pagination (no OFFSET), masked personal
 * columns with an eye toggle, and export of the list (admin only, 9.3.1.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "customers.h"
#include "db.h"
#include "money.h"
#include "view.h"

#define PAGE_ROWS 50

/* The filters of spec 9.3.1.1, in the order of their binds below. */
enum {
    F_NAME, F_ACCOUNT, F_ID, F_AM, F_SPEND_MIN, F_SPEND_MAX, F_EXPIRY_FROM, F_EXPIRY_TO, F_MOBILE, F_TAG,
    F_AUTO_FROZEN, F_ASSOC_FROM, F_ASSOC_TO, F_USAGE_MIN, F_USAGE_MAX, F_TAB, F_SORT, F_AFTER, F__N
};
static const char *const yes_no[] = {"yes", "no", NULL};
static const char *const tabs[] = {"own", "resellers", NULL};
static const char *const sorts[] = {"id", "spend_desc", "spend_asc", "associated_desc", NULL};
static const pc_field filter_fields[F__N] = {
    [F_NAME] = {"name", pc_valid_text, 0, 64, 0, NULL},
    [F_ACCOUNT] = {"account", pc_valid_text, 0, 64, 0, NULL},
    [F_ID] = {"id", pc_valid_id, 0, 0, 0, NULL},
    [F_AM] = {"am", pc_valid_id, 0, 0, 0, NULL},
    [F_SPEND_MIN] = {"spend_min", pc_valid_money, 0, 0, 0, NULL},
    [F_SPEND_MAX] = {"spend_max", pc_valid_money, 0, 0, 0, NULL},
    [F_EXPIRY_FROM] = {"expiry_from", pc_valid_date, 0, 0, 0, NULL},
    [F_EXPIRY_TO] = {"expiry_to", pc_valid_date, 0, 0, 0, NULL},
    [F_MOBILE] = {"mobile", pc_valid_text, 0, 20, 0, NULL},
    [F_TAG] = {"tag", pc_valid_text, 0, 64, 0, NULL},
    [F_AUTO_FROZEN] = {"auto_frozen", pc_valid_enum, 0, 0, 0, yes_no},
    [F_ASSOC_FROM] = {"assoc_from", pc_valid_date, 0, 0, 0, NULL},
    [F_ASSOC_TO] = {"assoc_to", pc_valid_date, 0, 0, 0, NULL},
    [F_USAGE_MIN] = {"usage_min", pc_valid_int, 0, 100000, 0, NULL},
    [F_USAGE_MAX] = {"usage_max", pc_valid_int, 0, 100000, 0, NULL},
    [F_TAB] = {"tab", pc_valid_enum, 0, 0, 0, tabs},
    [F_SORT] = {"sort", pc_valid_enum, 0, 0, 0, sorts},
    [F_AFTER] = {"after", pc_valid_text, 0, 60, 0, NULL},
};

/* The list statement is composed of the fragments of the filters set (db.h, pc_sql_build). */
#define LIST_COLUMNS                                                                               \
    "SELECT c.id, c.name, c.account_name, IFNULL(c.email, ''), c.mobile, c.partner_id, p.name, "    \
    "IFNULL(am.name, ''), c.freeze_state, c.freeze_source, c.mtd_spend, IFNULL(c.budget_usage_bp, -1), " \
    "IFNULL(b.type, ''), IFNULL(b.amount, 0), (SELECT COUNT(*) FROM budget_alerts a "               \
    "WHERE a.customer_id = c.id AND a.resolved_at IS NULL), IFNULL(c.associated_at, ''), "          \
    "IFNULL(c.custom_tag, ''), "
#define LIST_FROM                                                                                  \
    "FROM customers c JOIN partners p ON p.id = c.partner_id "                                      \
    "LEFT JOIN users am ON am.id = c.account_manager_id LEFT JOIN budgets b ON b.customer_id = c.id WHERE 1"
#define KEY_ID "c.id"
#define KEY_SPEND "c.mtd_spend"
#define KEY_ASSOC "IFNULL(UNIX_TIMESTAMP(c.associated_at), 0)"

/* Per sort order: the sort key column, the keyset condition of the next page, the ORDER BY. */
static const struct sort_sql {
    const char *select, *after, *order;
} sort_sql[] = {
    {LIST_COLUMNS KEY_ID " " LIST_FROM, "AND (" KEY_ID " > ? OR (" KEY_ID " = ? AND c.id > ?))",
     "ORDER BY c.id LIMIT 51"},
    {LIST_COLUMNS KEY_SPEND " " LIST_FROM, "AND (" KEY_SPEND " < ? OR (" KEY_SPEND " = ? AND c.id < ?))",
     "ORDER BY c.mtd_spend DESC, c.id DESC LIMIT 51"},
    {LIST_COLUMNS KEY_SPEND " " LIST_FROM, "AND (" KEY_SPEND " > ? OR (" KEY_SPEND " = ? AND c.id > ?))",
     "ORDER BY c.mtd_spend, c.id LIMIT 51"},
    {LIST_COLUMNS KEY_ASSOC " " LIST_FROM, "AND (" KEY_ASSOC " < ? OR (" KEY_ASSOC " = ? AND c.id < ?))",
     "ORDER BY " KEY_ASSOC " DESC, c.id DESC LIMIT 51"},
};
PC_SQL_COMPOSER(list_composer);

enum stmt { ST_MANAGERS, ST_EXPORT, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the account managers of the partner, for the filter and the assignment dialogs */
    [ST_MANAGERS] = "SELECT u.id, u.name, u.username FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                    "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
                    "WHERE u.partner_id = ? AND u.status <> 'deleted' ORDER BY u.name",
    [ST_EXPORT] = "INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, created_at) "
                  "VALUES (?, ?, 'customers', ?, ?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(list_sql, sql);

typedef struct list_query {
    pc_value f[F__N];
    char expiry_from[20], expiry_to[20], assoc_from[20], assoc_to[20];
    int64_t after_key, after_id;
    int has_after;
} list_query;

/* A local date (GMT+08:00 midnight) as the UTC instant it begins, plus `days`. */
static void local_day(const pc_value *v, int days, char out[20])
{
    char local[20];
    out[0] = '\0';
    if (!v->present)
        return;
    int64_t d = v->i; /* YYYYMMDD */
    struct tm tm = {.tm_year = (int)(d / 10000) - 1900, .tm_mon = (int)(d / 100 % 100) - 1,
                    .tm_mday = (int)(d % 100) + days};
    time_t t = timegm(&tm);
    strftime(local, sizeof local, "%Y-%m-%d 00:00:00", gmtime(&t));
    pc_view_utc_of_local(local, out, 20);
}

/* Read and check the filters; a bad one is shown next to its input and ignored. */
static void read_filters(pc_ctx *c, list_query *q)
{
    const char *errs[F__N];
    memset(q, 0, sizeof *q);
    pc_valid_form(&c->arena, filter_fields, F__N, &c->query, q->f, errs);
    for (int i = 0; i < F__N; i++) {
        if (errs[i]) {
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", filter_fields[i].name), pc_t(c, errs[i]));
            q->f[i] = (pc_value){.s = ""};
        }
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", filter_fields[i].name), q->f[i].s);
    }
    /* a distributor opens on its own customers; the resellers' have their tab */
    if (!q->f[F_TAB].present && strcmp(c->user.partner_kind, "distributor") == 0)
        q->f[F_TAB] = (pc_value){.s = "own", .i = 0, .present = 1};
    local_day(&q->f[F_EXPIRY_FROM], 0, q->expiry_from);
    local_day(&q->f[F_EXPIRY_TO], 1, q->expiry_to);
    local_day(&q->f[F_ASSOC_FROM], 0, q->assoc_from);
    local_day(&q->f[F_ASSOC_TO], 1, q->assoc_to);
    long long key, id;
    if (q->f[F_AFTER].present && sscanf(q->f[F_AFTER].s, "%lld_%lld", &key, &id) == 2)
        q->has_after = 1, q->after_key = key, q->after_id = id;
}

static const struct sort_sql *sort_of(const list_query *q)
{
    return &sort_sql[q->f[F_SORT].present ? q->f[F_SORT].i : 0];
}

typedef struct list_state {
    pc_ctx *c;
    int i, show_name, show_mobile, show_email;
    int64_t last_key, last_id;
    HDF *row; /* Customers.<i> */
} list_state;

static void set_row(list_state *s, const char *field, const char *value)
{
    NEOERR *e = hdf_set_value(s->row, field, value);
    nerr_ignore(&e);
}

static void set_masked(list_state *s, const char *field, const char *value, int show,
                       char *(*mask)(const char *, char *, size_t))
{
    char out[300];
    set_row(s, field, show || !*value ? value : mask(value, out, sizeof out));
}

static void set_money(list_state *s, const char *field, int64_t v)
{
    char out[40];
    set_row(s, field, pc_money_format(v, 2, 1, out, sizeof out));
}

static int list_row(void *arg, const pc_row *r)
{
    list_state *s = arg;
    char when[64];
    if (s->i == PAGE_ROWS) { /* the 51st row only says there is a next page */
        pc_set(s->c, "Page.next_after", pc_arena_printf(&s->c->arena, "%lld_%lld", (long long)s->last_key,
                                                         (long long)s->last_id));
        return 1;
    }
    NEOERR *e = hdf_get_node(s->c->hdf, pc_arena_printf(&s->c->arena, "Customers.%d", s->i), &s->row);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    set_row(s, "id", pc_row_str(r, 0));
    set_masked(s, "name", pc_row_str(r, 1), s->show_name, pc_mask_name);
    set_masked(s, "account_name", pc_row_str(r, 2), s->show_name, pc_mask_name);
    set_masked(s, "email", pc_row_str(r, 3), s->show_email, pc_mask_email);
    set_masked(s, "mobile", pc_row_str(r, 4), s->show_mobile, pc_mask_phone);
    if (pc_row_i64(r, 5) != s->c->user.partner_id) /* a reseller's customer, seen by its distributor */
        set_masked(s, "reseller", pc_row_str(r, 6), s->show_name, pc_mask_name);
    set_row(s, "am_name", pc_row_str(r, 7));
    set_row(s, "freeze_state", pc_row_str(r, 8));
    set_row(s, "freeze_source", pc_row_str(r, 9));
    set_money(s, "mtd_spend", pc_row_i64(r, 10));
    int64_t bp = pc_row_i64(r, 11);
    if (bp >= 0)
        set_row(s, "usage", pc_arena_printf(&s->c->arena, "%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100)));
    const char *btype = pc_row_str(r, 12);
    if (*btype)
        set_money(s, strcmp(btype, "monthly") == 0 ? "monthly_budget" : "one_time_budget", pc_row_i64(r, 13));
    set_row(s, "alerts", pc_row_str(r, 14));
    set_row(s, "associated", pc_view_datetime(pc_row_str(r, 15), when, sizeof when));
    set_row(s, "tag", pc_row_str(r, 16));
    s->last_key = pc_row_i64(r, 17);
    s->last_id = pc_row_i64(r, 0);
    s->i++;
    return 0;
}

static int show_param(pc_ctx *c, const char *col)
{
    for (size_t k = 0; k < pc_params_count(&c->query, "show"); k++)
        if (strcmp(pc_params_nth(&c->query, "show", k), col) == 0)
            return 1;
    return 0;
}

/* The query string of the current filters (for the eye toggles, sorting and paging links). */
static char *filters_query(pc_ctx *c, const list_query *q, const char *skip)
{
    char *out = pc_arena_strdup(&c->arena, "");
    for (int i = 0; i < F__N; i++) {
        char enc[200];
        if (!q->f[i].present || i == F_AFTER || strcmp(filter_fields[i].name, skip) == 0)
            continue;
        out = pc_arena_printf(&c->arena, "%s%s=%s&", out, filter_fields[i].name,
                              pc_view_url_encode(q->f[i].s, enc, sizeof enc));
    }
    return out;
}

/* Eye toggles: each link keeps the filters and flips one column. */
static void eye_links(pc_ctx *c, const list_query *q, const int show[3])
{
    static const char *const cols[] = {"name", "mobile", "email"};
    const char *base = filters_query(c, q, "");
    for (int i = 0; i < 3; i++) {
        char *link = pc_arena_printf(&c->arena, "/customers/?%s", base);
        for (int k = 0; k < 3; k++)
            if (show[k] != (k == i)) /* keep the others, flip this one */
                link = pc_arena_printf(&c->arena, "%sshow=%s&", link, cols[k]);
        pc_set(c, pc_arena_printf(&c->arena, "Eye.%s.href", cols[i]), link);
        if (show[i])
            pc_set(c, pc_arena_printf(&c->arena, "Eye.%s.on", cols[i]), "1");
    }
    char *shown = pc_arena_strdup(&c->arena, "");
    for (int k = 0; k < 3; k++)
        if (show[k])
            shown = pc_arena_printf(&c->arena, "%sshow=%s&", shown, cols[k]);
    pc_set(c, "Page.query", pc_arena_printf(&c->arena, "%s%s", base, shown));
    pc_set(c, "Page.query_nosort", pc_arena_printf(&c->arena, "%s%s", filters_query(c, q, "sort"), shown));
}

/* The conditions of the filters that are set, each with its binds. */
static void add_filters(pc_ctx *c, const list_query *q, pc_sql_build *b)
{
    const pc_value *f = q->f;
    int64_t pid = c->user.partner_id;
    if (f[F_TAB].present)
        pc_sql_add(b, f[F_TAB].i == 0 ? "AND c.partner_id = ?" : "AND c.partner_id <> ?", PC_I64(pid));
    if (*f[F_NAME].s)
        pc_sql_add(b, "AND c.name LIKE ?", PC_STR(pc_db_like(&c->arena, f[F_NAME].s)));
    if (*f[F_ACCOUNT].s)
        pc_sql_add(b, "AND c.account_name LIKE ?", PC_STR(pc_db_like(&c->arena, f[F_ACCOUNT].s)));
    if (f[F_ID].i)
        pc_sql_add(b, "AND c.id = ?", PC_I64(f[F_ID].i));
    if (f[F_AM].i)
        pc_sql_add(b, "AND c.account_manager_id = ?", PC_I64(f[F_AM].i));
    if (f[F_SPEND_MIN].present)
        pc_sql_add(b, "AND c.mtd_spend >= ?", PC_I64(f[F_SPEND_MIN].i));
    if (f[F_SPEND_MAX].present)
        pc_sql_add(b, "AND c.mtd_spend <= ?", PC_I64(f[F_SPEND_MAX].i));
    if (*q->expiry_from)
        pc_sql_add(b, "AND c.next_expiry >= ?", PC_STR(q->expiry_from));
    if (*q->expiry_to)
        pc_sql_add(b, "AND c.next_expiry < ?", PC_STR(q->expiry_to));
    if (*f[F_MOBILE].s)
        pc_sql_add(b, "AND c.mobile LIKE ?", PC_STR(pc_db_like(&c->arena, f[F_MOBILE].s)));
    if (*f[F_TAG].s)
        pc_sql_add(b, "AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)",
                   PC_STR(f[F_TAG].s));
    if (f[F_AUTO_FROZEN].present)
        pc_sql_add(b, "AND (? = 'yes') = (c.freeze_source = 'budget_auto' AND c.freeze_state <> 'normal')",
                   PC_STR(f[F_AUTO_FROZEN].s));
    if (*q->assoc_from)
        pc_sql_add(b, "AND c.associated_at >= ?", PC_STR(q->assoc_from));
    if (*q->assoc_to)
        pc_sql_add(b, "AND c.associated_at < ?", PC_STR(q->assoc_to));
    if (f[F_USAGE_MIN].present)
        pc_sql_add(b, "AND c.budget_usage_bp >= ?", PC_I64(f[F_USAGE_MIN].i * 100));
    if (f[F_USAGE_MAX].present)
        pc_sql_add(b, "AND c.budget_usage_bp <= ?", PC_I64(f[F_USAGE_MAX].i * 100));
}

static int run_list(pc_ctx *c, const list_query *q, list_state *s)
{
    const struct sort_sql *sort = sort_of(q);
    pc_scope sc;
    pc_sql_build b = {0};
    pc_authz_scope(&c->user, &sc);
    pc_sql_add_binds(&b, sort->select, NULL, 0);
    pc_authz_scope_sql(&sc, &b);
    add_filters(c, q, &b);
    if (q->has_after)
        pc_sql_add(&b, sort->after, PC_I64(q->after_key), PC_I64(q->after_key), PC_I64(q->after_id));
    pc_sql_add_binds(&b, sort->order, NULL, 0);
    return pc_db_query_built(&list_composer, &b, list_row, s);
}

static int list_page(pc_ctx *c)
{
    list_query q;
    read_filters(c, &q);
    int show[3] = {show_param(c, "name"), show_param(c, "mobile"), show_param(c, "email")};
    list_state s = {c, 0, show[0], show[1], show[2], 0, 0, NULL};
    if (run_list(c, &q, &s) < 0 ||
        pc_db_hdf(&list_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Managers") < 0)
        return pc_error(c, 500);
    eye_links(c, &q, show);
    if (strcmp(c->user.partner_kind, "distributor") == 0)
        pc_set(c, "Page.distributor", "1");
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_EXPORT))
        pc_set(c, "Page.can_export", "1");
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_BUDGET))
        pc_set(c, "Page.can_budget", "1");
    if (pc_authz_allows(&c->user, PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS) &&
        pc_authz_allows(&c->user, PC_PERM_CUSTOMER_VIEW_ALL) && !(q.f[F_TAB].present && q.f[F_TAB].i == 1))
        pc_set(c, "Page.can_assign_batch", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.list.title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/list.cs");
}

/* POST /customers/export: an export task of the list as filtered (admin only; the file is anonymised). */
static int export_list(pc_ctx *c)
{
    list_query q;
    int64_t id = 0;
    /* the filters come in the form, as the list page posts them */
    pc_params saved = c->query;
    c->query = c->form;
    read_filters(c, &q);
    const char *filters = filters_query(c, &q, "");
    c->query = saved;
    if (pc_db_exec(&list_sql, ST_EXPORT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id), PC_STR(pc_t(c, "cust.export.name")),
                            PC_STR(filters)),
                   &id) != 1)
        return pc_error(c, 500);
    pc_audit_ctx(c, "customers.export", "export_task", id, "ok", filters);
    return pc_redirect(c, "/exports/?msg=export_created");
}

static const pc_route routes[] = {
    {"GET", "/customers/", PC_GUARD_CUSTOMERS, list_page, 0},
    {"POST", "/customers/export", PC_PERM_CUSTOMER_EXPORT, export_list, 0},
};
CUST_ROUTES(cust_list_routes, routes);
