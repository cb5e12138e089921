/*
 * Sales > Customers > Customer Management: the customer list (9.3.1.1) with
 * every filter, sorting, keyset pagination (no OFFSET), masked personal
 * columns with an eye toggle, and export of the list (admin only, 9.3.1.1).
 */
#include <stdio.h>
#include <string.h>

#include "query/customer_query.h"
#include "customers.h"
#include "base/db.h"
#include "base/keep.h"
#include "base/money.h"
#include "base/view.h"
#include "web/export_request.h"

#define PAGE_ROWS 50

PC_SQL_COMPOSER(list_composer);

enum stmt { ST_MANAGERS, ST_EXPORT, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the account managers of the partner, for the filter and the assignment dialogs */
    [ST_MANAGERS] =
        "SELECT u.id, u.name, u.username FROM users u JOIN member_roles mr ON mr.user_id = u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
        "WHERE u.partner_id = ? AND u.status <> 'deleted' ORDER BY u.name",
    [ST_EXPORT] =
        "INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, created_at) "
        "VALUES (?, ?, 'customers', ?, ?, ?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(list_sql, sql);

/* Read the filters of `in`; a bad one is shown next to its input and ignored. */
static void read_filters(pc_ctx *c, const pc_params *in, pc_cust_query *q)
{
    pc_cust_query_read(&c->arena, &c->user, in, q);
    for (int i = 0; i < PC_CQ__N; i++) {
        const char *name = pc_cust_query_fields[i].name;
        if (q->error[i])
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", name), pc_t(c, q->error[i]));
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", name), q->f[i].s);
    }
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
        pc_set(s->c, "Page.next_after",
               pc_arena_printf(&s->c->arena, "%lld_%lld", (long long)s->last_key,
                               (long long)s->last_id));
        return 1;
    }
    NEOERR *e =
        hdf_get_node(s->c->hdf, pc_arena_printf(&s->c->arena, "Customers.%d", s->i), &s->row);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return 1;
    }
    set_row(s, "id", pc_row_str(r, 0));
    set_masked(s, "name", pc_row_str(r, 1), s->show_name, pc_mask_name);
    set_masked(s, "account_name", pc_row_str(r, 2), s->show_name, pc_mask_name);
    set_masked(s, "email", pc_row_str(r, 3), s->show_email, pc_mask_email);
    set_masked(s, "mobile", pc_row_str(r, 4), s->show_mobile, pc_mask_phone);
    if (pc_row_i64(r, 5) !=
        s->c->user.partner_id) /* a reseller's customer, seen by its distributor */
        set_masked(s, "reseller", pc_row_str(r, 6), s->show_name, pc_mask_name);
    set_row(s, "am_name", pc_row_str(r, 7));
    set_row(s, "freeze_state", pc_row_str(r, 8));
    set_row(s, "freeze_source", pc_row_str(r, 9));
    set_money(s, "mtd_spend", pc_row_i64(r, 10));
    int64_t bp = pc_row_i64(r, 11);
    if (bp >= 0)
        set_row(s, "usage",
                pc_arena_printf(&s->c->arena, "%lld.%02lld", (long long)(bp / 100),
                                (long long)(bp % 100)));
    const char *btype = pc_row_str(r, 12);
    if (*btype)
        set_money(s, strcmp(btype, "monthly") == 0 ? "monthly_budget" : "one_time_budget",
                  pc_row_i64(r, 13));
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

/* Eye toggles: each link keeps the filters and flips one column. */
static void eye_links(pc_ctx *c, const pc_cust_query *q, const int show[3])
{
    static const char *const cols[] = {"name", "mobile", "email"};
    const char *base = pc_cust_query_string(&c->arena, q, "");
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
    pc_set(c, "Page.query_nosort",
           pc_arena_printf(&c->arena, "%s%s", pc_cust_query_string(&c->arena, q, "sort"), shown));
}

static int run_list(pc_ctx *c, const pc_cust_query *q, list_state *s)
{
    pc_sql_build b = {0};
    pc_cust_query_page(&c->arena, &c->user, q, &b);
    return pc_db_query_built(&list_composer, &b, list_row, s);
}

static int list_page(pc_ctx *c)
{
    pc_cust_query q;
    read_filters(c, &c->query, &q);
    int show[3] = {show_param(c, "name"), show_param(c, "mobile"), show_param(c, "email")};
    list_state s = {c, 0, show[0], show[1], show[2], 0, 0, NULL};
    if (run_list(c, &q, &s) < 0 ||
        pc_db_hdf_kept(&list_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                       "Managers") < 0)
        return pc_error(c, 500);
    eye_links(c, &q, show);
    if (strcmp(c->user.partner_kind, "distributor") == 0)
        pc_set(c, "Page.distributor", "1");
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_EXPORT))
        pc_set(c, "Page.can_export", "1");
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_BUDGET))
        pc_set(c, "Page.can_budget", "1");
    if (pc_authz_allows(&c->user, PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS) &&
        pc_authz_allows(&c->user, PC_PERM_CUSTOMER_VIEW_ALL) &&
        !(q.f[PC_CQ_TAB].present && q.f[PC_CQ_TAB].i == 1))
        pc_set(c, "Page.can_assign_batch", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.list.title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/list.cs");
}

struct export_req {
    pc_ctx *c;
    const char *filters, *format;
    int64_t id;
};

static int export_tx(void *arg)
{
    struct export_req *x = arg;
    pc_ctx *c = x->c;
    if (pc_db_exec(&list_sql, ST_EXPORT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id),
                            PC_STR(pc_t(c, "cust.export.name")), PC_STR(x->filters),
                            PC_STR(x->format)),
                   &x->id) != 1)
        return -1;
    pc_audit_ctx(c, "customers.export", "export_task", x->id, "ok", x->filters);
    return 0;
}

/* POST /customers/export: an export task of the list as filtered (admin only; the file is
 * anonymised), as CSV or XLSX.  The worker applies the user's scope when it runs. */
static int export_list(pc_ctx *c)
{
    static const char *const formats[] = {"csv", "xlsx", NULL};
    static const pc_field format_field = {"format", pc_valid_enum, 0, 0, 0, formats};
    pc_cust_query q;
    pc_value format;
    const char *in = pc_params_get(&c->form, "format");
    if (pc_export_asks(c))
        return pc_export_precautions(c);
    if (pc_valid_enum(&format_field, in && *in ? in : "csv", &format))
        return pc_error(c, 400);
    /* the filters come in the form, as the list page posts them */
    read_filters(c, &c->form, &q);
    if (q.error[PC_CQ_IDS]) /* never the whole list in place of the rows chosen */
        return pc_error_say(c, 400, NULL, q.error[PC_CQ_IDS]);
    struct export_req x = {c, pc_cust_query_string(&c->arena, &q, ""), format.s, 0};
    if (pc_db_tx(export_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, "/exports/?msg=export_created");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/", PC_GUARD_CUSTOMERS, list_page, 0),
    PC_ROUTE("POST", "/customers/export", PC_PERM_CUSTOMER_EXPORT, export_list, 0),
};
CUST_ROUTES(cust_list_routes, routes);
