/*
 * Sales > Customers > Customer Management: the customer list (9.3.1.1) with
 * every filter, sorting on its headers, numbered pages with a total (a
 * partner's customers are few enough to count), masked personal
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
#include "rules/customer_freeze.h"
#include "web/listing.h"
#include "web/export_request.h"

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

/* Read the filters of `in`; a bad one is shown next to its input, as typed, and ignored. */
static void read_filters(pc_ctx *c, const pc_params *in, pc_cust_query *q)
{
    pc_cust_query_read(&c->arena, &c->user, in, q);
    for (int i = 0; i < PC_CQ__N; i++) {
        const char *name = pc_cust_query_fields[i].name, *typed = pc_params_get(in, name);
        if (q->error[i])
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", name), pc_t(c, q->error[i]));
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", name),
               q->error[i] && typed ? typed : q->f[i].s);
    }
}

/* The freeze/budget gate of one owner partner, asked once per page (pc_freeze_gate). */
typedef struct gate_memo {
    int64_t partner_id;
    int gate;
} gate_memo;

typedef struct list_state {
    pc_ctx *c;
    int i, show_name, show_mobile, show_email;
    HDF *row; /* Customers.<i> */
    gate_memo gates[8];
    int n_gates;
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

/* The partner-level part of the budget/freeze gate for customers of `partner_id`. */
static int owner_gate(list_state *s, int64_t partner_id)
{
    for (int k = 0; k < s->n_gates; k++)
        if (s->gates[k].partner_id == partner_id)
            return s->gates[k].gate;
    int gate = pc_freeze_gate(&s->c->user, partner_id, 1, "reseller", NULL);
    if (s->n_gates < (int)(sizeof s->gates / sizeof s->gates[0]))
        s->gates[s->n_gates++] = (gate_memo){partner_id, gate};
    return gate;
}

/*
 * The Operation column (9.3.1.1): Set Budget and the freeze actions valid now where the budget
 * gate lets this user act (the pages would answer 403/409 otherwise), Assign Account Manager on
 * the partner's own customers for who may assign.
 */
static void row_operations(list_state *s, const pc_row *r)
{
    int64_t id = pc_row_i64(r, 0), owner = pc_row_i64(r, 5);
    const char *state = pc_row_str(r, 8);
    if (owner == s->c->user.partner_id && hdf_get_value(s->c->hdf, "Page.can_assign_batch", NULL))
        set_row(s, "ops.assign", "1");
    if (!pc_authz_allows(&s->c->user, PC_PERM_CUSTOMER_BUDGET) || *pc_row_str(r, 15) == '\0' ||
        strcmp(pc_row_str(r, 17), "reseller") != 0 || owner_gate(s, owner) != 0)
        return;
    set_row(s, "ops.budget", "1");
    set_row(s, "can_budget", "1"); /* the Operation column's Set Budget (lists) */
    int released = 0;
    if (strcmp(state, "normal") != 0 && strcmp(state, "account") != 0 &&
        (released = pc_freeze_released(id)) < 0)
        return;
    static const char *const paths[PC_FREEZE__N] = {[PC_FREEZE_ACCOUNT] = "freeze",
                                                    [PC_FREEZE_ALL] = "freeze_all",
                                                    [PC_UNFREEZE_ACCOUNT] = "unfreeze",
                                                    [PC_UNFREEZE_ALL] = "unfreeze_all"};
    for (int a = 0; a < PC_FREEZE__N; a++)
        if (pc_freeze_allowed((pc_freeze_action)a, state, released))
            set_row(s, pc_arena_printf(&s->c->arena, "ops.%s", paths[a]), "1");
}

static int list_row(void *arg, const pc_row *r)
{
    list_state *s = arg;
    char when[64];
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
    if (pc_row_i64(r, 5) == s->c->user.partner_id)
        set_row(s, "own", "1");
    row_operations(s, r);
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

/* Eye toggles: each link keeps the filters, the page and flips one column (none where the user
 * may not unmask: may_unmask 0); the pager and the sortable headers keep the eyes. */
static void list_links(pc_ctx *c, const pc_cust_query *q, const int show[3], int may_unmask,
                       const pc_list *l, int shown_rows, int64_t total)
{
    static const char *const cols[] = {"name", "mobile", "email"};
    static const pc_sort_col sort_cols[] = {
        {"name", 0}, {"usage", 1}, {"spend", 1}, {"associated", 1}};
    const char *base = pc_cust_query_string(&c->arena, q, "");
    const char *at = pc_arena_printf(
        &c->arena, "%s%s", pc_list_size_param(c, l),
        l->page > 1 ? pc_arena_printf(&c->arena, "page=%lld&", (long long)l->page) : "");
    for (int i = 0; i < 3 && may_unmask; i++) {
        char *link = pc_arena_printf(&c->arena, "/customers/?%s%s", base, at);
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
    pc_list_pager(c, l, "/customers/", pc_arena_printf(&c->arena, "%s%s", base, shown), shown_rows,
                  total);
    pc_list_sort_links(c, "/customers/",
                       pc_arena_printf(&c->arena, "%s%s%s",
                                       pc_cust_query_string(&c->arena, q, "sort"), shown,
                                       pc_list_size_param(c, l)),
                       sort_cols, sizeof sort_cols / sizeof sort_cols[0], pc_cust_query_sort(q));
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 0;
}

static int run_list(pc_ctx *c, const pc_cust_query *q, const pc_list *l, list_state *s,
                    int64_t *total)
{
    pc_sql_build b = {0}, n = {0};
    pc_cust_query_page(&c->arena, &c->user, q, pc_list_offset(l), pc_list_limit(l), &b);
    if (pc_db_query_built(&list_composer, &b, list_row, s) < 0)
        return -1;
    pc_cust_query_count(&c->arena, &c->user, q, &n);
    return pc_db_query_built(&list_composer, &n, count_row, total);
}

static int list_page(pc_ctx *c)
{
    pc_cust_query q;
    read_filters(c, &c->query, &q);
    pc_list l;
    pc_list_read(c, &l);
    /* ch10 §2 "M": a distributor sees its resellers' customers masked, with no eye (as on their
     * detail page and in the partner API) */
    int may_unmask = !(q.f[PC_CQ_TAB].present && q.f[PC_CQ_TAB].i == 1);
    int show[3] = {may_unmask && show_param(c, "name"), may_unmask && show_param(c, "mobile"),
                   may_unmask && show_param(c, "email")};
    if (pc_authz_allows(&c->user, PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS) &&
        pc_authz_allows(&c->user, PC_PERM_CUSTOMER_VIEW_ALL) && may_unmask)
        pc_set(c, "Page.can_assign_batch", "1");
    list_state s = {.c = c, .show_name = show[0], .show_mobile = show[1], .show_email = show[2]};
    int64_t total = 0;
    if (run_list(c, &q, &l, &s, &total) < 0 ||
        pc_db_hdf_kept(&list_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                       "Managers") < 0)
        return pc_error(c, 500);
    list_links(c, &q, show, may_unmask, &l, s.i, total);
    static const char *const more[] = {"spend_min", "spend_max", "expiry_from", "expiry_to",
                                       "mobile",    "tag",       "auto_frozen", "assoc_from",
                                       "assoc_to",  "usage_min", "usage_max",   NULL};
    pc_list_more_open(c, more);
    if (strcmp(c->user.partner_kind, "distributor") == 0)
        pc_set(c, "Page.distributor", "1");
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_EXPORT))
        pc_set(c, "Page.can_export", "1");
    /* a reseller without a budget grant may not set budgets (the batch form would answer 403) */
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_BUDGET) &&
        owner_gate(&s, c->user.partner_id) != 403)
        pc_set(c, "Page.can_budget", "1");
    if (pc_authz_allows(&c->user, PC_PERM_ORDER_VIEW))
        pc_set(c, "Page.can_orders", "1");
    if (pc_authz_allows(&c->user, PC_PERM_SPEND_VIEW))
        pc_set(c, "Page.can_spend", "1");
    if (pc_authz_allows(&c->user, PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS) &&
        pc_authz_allows(&c->user, PC_PERM_CUSTOMER_VIEW_ALL))
        pc_set(c, "Page.can_assign", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.list.title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/list.cs");
}

int cust_list_again(pc_ctx *c)
{
    for (size_t k = 0; k < pc_params_count(&c->form, "ids"); k++) {
        const char *id = pc_params_nth(&c->form, "ids", k);
        if (strspn(id, "0123456789") == strlen(id) && strlen(id) < 20)
            pc_set(c, pc_arena_printf(&c->arena, "Kept.ids.%s", id), "1");
    }
    return list_page(c);
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
