/*
 * Account managers of customers (9.3.1.14, 9.3.2.1): assign one or many,
 * change, unassign (effective on the 1st of next month, closed by the worker),
 * and the Customer Assignment pages per account manager.  Only members who see
 * all customers and manage account managers (the Admin) do this.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"

#define MAX_BATCH 200

enum stmt {
    ST_MANAGERS,
    ST_IS_MANAGER,
    ST_LOCK_CUSTOMER,
    ST_OPEN_ASSIGNMENT,
    ST_INSERT,
    ST_END_NOW,
    ST_PENDING_END,
    ST_SET_AM,
    ST_MANAGER_CUSTOMERS,
    ST_UNASSIGNED,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_MANAGERS] =
        "SELECT u.id, u.name, u.username, (SELECT COUNT(*) FROM customers c "
        "WHERE c.account_manager_id = u.id AND c.partner_id = u.partner_id) AS customers "
        "FROM users u JOIN member_roles mr ON mr.user_id = u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
        "WHERE u.partner_id = ? AND u.status <> 'deleted' ORDER BY u.name",
    [ST_IS_MANAGER] = "SELECT u.name FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                      "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
                      "WHERE u.id = ? AND u.partner_id = ? AND u.status = 'normal'",
    /* only the partner's own associated customers get its account managers */
    [ST_LOCK_CUSTOMER] = "SELECT id FROM customers WHERE id = ? AND partner_id = ? FOR UPDATE",
    [ST_OPEN_ASSIGNMENT] =
        "SELECT id, status FROM am_assignments WHERE customer_id = ? AND status <> 'ended'",
    [ST_INSERT] =
        "INSERT INTO am_assignments (customer_id, partner_id, account_manager_id, effective_from, "
        "assigned_by, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())",
    [ST_END_NOW] =
        "UPDATE am_assignments SET status = 'ended', effective_to = ?, ended_by = ? WHERE id = ?",
    [ST_PENDING_END] =
        "UPDATE am_assignments SET status = 'pending_end', effective_to = ?, ended_by = ? "
        "WHERE id = ? AND status = 'active'",
    [ST_SET_AM] = "UPDATE customers SET account_manager_id = NULLIF(?, 0) WHERE id = ?",
    [ST_MANAGER_CUSTOMERS] =
        "SELECT c.id, c.name, c.account_name, a.status, a.effective_from, "
        "IFNULL(a.effective_to, '') AS effective_to FROM customers c "
        "JOIN am_assignments a ON a.customer_id = c.id AND a.status <> 'ended' "
        "WHERE a.account_manager_id = ? AND c.partner_id = ? ORDER BY c.id LIMIT 500",
    [ST_UNASSIGNED] =
        "SELECT c.id, c.name, c.account_name FROM customers c WHERE c.partner_id = ? "
        "AND NOT EXISTS (SELECT 1 FROM am_assignments a WHERE a.customer_id = c.id "
        "AND a.status <> 'ended') AND (? = '' OR c.name LIKE ?) ORDER BY c.id LIMIT 200",
};
PC_SQL_TABLE(assign_sql, sql);

static int may_assign(pc_ctx *c)
{
    return pc_authz_allows(&c->user, PC_GUARD_ASSIGNMENT);
}

struct open_row {
    int64_t id;
    char status[16];
};

static int open_row(void *arg, const pc_row *r)
{
    struct open_row *o = arg;
    o->id = pc_row_i64(r, 0);
    snprintf(o->status, sizeof o->status, "%s", pc_row_str(r, 1));
    return 1;
}

typedef struct assign_job {
    pc_ctx *c;
    int64_t am, ids[MAX_BATCH];
    int n, change; /* change: end an open assignment first (detail page) */
    const char *error;
    int64_t bad_id;
} assign_job;

static int assign_tx(void *arg)
{
    assign_job *j = arg;
    pc_ctx *c = j->c;
    char today[11];
    pc_clock_today(today);
    for (int i = 0; i < j->n; i++) {
        struct open_row o = {0};
        int64_t id = j->ids[i];
        if (pc_db_query(&assign_sql, ST_LOCK_CUSTOMER,
                        PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)), NULL, NULL) != 1) {
            j->error = "cust.err.unknown_customer", j->bad_id = id;
            return 1;
        }
        if (pc_db_query(&assign_sql, ST_OPEN_ASSIGNMENT, PC_BINDS(PC_I64(id)), open_row, &o) < 0)
            return -1;
        if (o.id && !j->change) {
            j->error = "cust.err.already_assigned", j->bad_id = id;
            return 1;
        }
        if (o.id &&
            pc_db_exec(&assign_sql, ST_END_NOW,
                       PC_BINDS(PC_STR(today), PC_I64(c->user.id), PC_I64(o.id)), NULL) != 1)
            return -1;
        if (pc_db_exec(&assign_sql, ST_INSERT,
                       PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id), PC_I64(j->am),
                                PC_STR(today), PC_I64(c->user.id)),
                       NULL) != 1 ||
            pc_db_exec(&assign_sql, ST_SET_AM, PC_BINDS(PC_I64(j->am), PC_I64(id)), NULL) < 0)
            return -1;
        pc_audit_ctx(c, "customer.assign", "customer", id, "ok",
                     pc_arena_printf(&c->arena, "am=%lld", (long long)j->am));
    }
    return 0;
}

static int unassign_tx(void *arg)
{
    assign_job *j = arg;
    pc_ctx *c = j->c;
    char today[11], end[11];
    pc_clock_today(today);
    pc_clock_cycle_last_day(pc_clock_cycle_of_date(today), end); /* this cycle's last day */
    for (int i = 0; i < j->n; i++) {
        struct open_row o = {0};
        int64_t id = j->ids[i];
        if (pc_db_query(&assign_sql, ST_LOCK_CUSTOMER,
                        PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)), NULL, NULL) != 1) {
            j->error = "cust.err.unknown_customer", j->bad_id = id;
            return 1;
        }
        if (pc_db_query(&assign_sql, ST_OPEN_ASSIGNMENT, PC_BINDS(PC_I64(id)), open_row, &o) < 0)
            return -1;
        if (!o.id || strcmp(o.status, "active") != 0) {
            j->error = "cust.err.not_assigned", j->bad_id = id;
            return 1;
        }
        /* the manager keeps the customer until the month ends (9.3.2.1) */
        if (pc_db_exec(&assign_sql, ST_PENDING_END,
                       PC_BINDS(PC_STR(end), PC_I64(c->user.id), PC_I64(o.id)), NULL) != 1)
            return -1;
        pc_audit_ctx(c, "customer.unassign", "customer", id, "ok",
                     pc_arena_printf(&c->arena, "until=%s", end));
    }
    return 0;
}

/* The "ids" checkboxes of a batch form; -1 on a bad or missing id. */
static int read_ids(pc_ctx *c, assign_job *j)
{
    j->n = pc_valid_ids(&c->form, "ids", j->ids, MAX_BATCH);
    return j->n < 0 ? -1 : 0;
}

/* The account manager of the form (field "am"), checked to be one of the partner's. */
static int read_manager(pc_ctx *c, assign_job *j)
{
    static const pc_field f[] = {{"am", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL}};
    pc_value v;
    const char *err;
    pc_valid_form(&c->arena, f, 1, &c->form, &v, &err);
    if (err || pc_db_query(&assign_sql, ST_IS_MANAGER,
                           PC_BINDS(PC_I64(v.i), PC_I64(c->user.partner_id)), NULL, NULL) != 1)
        return -1;
    j->am = v.i;
    return 0;
}

/* Back to the form's page with the reason beside the field ("form": above the form), answering
 * `status`: no action ends on a bare error page. */
static int again(pc_ctx *c, int status, const char *field, const char *key, int (*page)(pc_ctx *c))
{
    pc_form_error(c, field, key);
    c->status = status;
    int rc = page(c);
    return rc == 200 ? status : rc;
}

/* Run a change and answer: 303 to back, or the form's page (page) with the reason and 409/404. */
static int run_job(pc_ctx *c, assign_job *j, int (*tx)(void *), const char *back,
                   int (*page)(pc_ctx *c))
{
    int rc = pc_db_tx(tx, j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        int status = strcmp(j->error, "cust.err.unknown_customer") == 0 ? 404 : 409;
        return again(c, status, "form", j->error, page);
    }
    return pc_redirect(c, back);
}

/* ---- one customer (detail page) ---- */

static int assign_form(pc_ctx *c)
{
    cust k;
    if (!may_assign(c))
        return pc_error(c, 403);
    int found = cust_load(c, c->path_id[0], &k);
    if (found <= 0 || !k.own)
        return pc_error(c, found < 0 ? 500 : 404);
    if (pc_db_hdf_kept(&assign_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                       "Managers") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "cust.assign.title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/assign.cs");
}

static int assign_one(pc_ctx *c)
{
    cust k;
    assign_job j = {.c = c, .change = 1};
    if (!may_assign(c))
        return pc_error(c, 403);
    int found = cust_load(c, c->path_id[0], &k);
    if (found <= 0 || !k.own)
        return pc_error(c, found < 0 ? 500 : 404);
    if (read_manager(c, &j)) {
        pc_form_error(c, "am", "cust.err.choose_manager");
        c->status = 400;
        return assign_form(c);
    }
    j.ids[j.n++] = k.id;
    return run_job(c, &j, assign_tx,
                   pc_arena_printf(&c->arena, "/customers/%lld?msg=assigned", (long long)k.id),
                   assign_form);
}

static int unassign_one(pc_ctx *c)
{
    cust k;
    assign_job j = {.c = c};
    if (!may_assign(c))
        return pc_error(c, 403);
    int found = cust_load(c, c->path_id[0], &k);
    if (found <= 0 || !k.own)
        return pc_error(c, found < 0 ? 500 : 404);
    j.ids[j.n++] = k.id;
    return run_job(c, &j, unassign_tx,
                   pc_arena_printf(&c->arena, "/customers/%lld?msg=unassigned", (long long)k.id),
                   assign_form);
}

/* POST /customers/assign: batch assign from the customer list. */
static int assign_batch(pc_ctx *c)
{
    assign_job j = {.c = c};
    if (!may_assign(c))
        return pc_error(c, 403);
    if (read_ids(c, &j) || j.n == 0)
        return again(c, 400, "form", "dlg.must_select", cust_list_again);
    if (read_manager(c, &j))
        return again(c, 400, "am", "cust.err.choose_manager", cust_list_again);
    return run_job(c, &j, assign_tx, "/customers/?msg=assigned", cust_list_again);
}

/* ---- Customer Assignment pages ---- */

static int assignment_page(pc_ctx *c)
{
    if (!may_assign(c))
        return pc_error(c, 403);
    if (pc_db_hdf_kept(&assign_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                       "Managers") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "cust.tab.assignment"));
    cust_tabs(c, "assignment");
    return pc_render(c, "customers/assignment.cs");
}

static int manager_page(pc_ctx *c)
{
    int64_t am = c->path_id[0];
    if (!may_assign(c))
        return pc_error(c, 403);
    if (pc_db_hdf(&assign_sql, ST_IS_MANAGER, PC_BINDS(PC_I64(am), PC_I64(c->user.partner_id)),
                  c->hdf, "Manager") != 1)
        return pc_error(c, 404);
    const char *q = pc_params_get(&c->query, "q");
    q = q && strlen(q) <= 64 ? q : "";
    pc_set(c, "Filter.q", q);
    pc_set_int(c, "Manager.0.id", am);
    if (pc_db_hdf(&assign_sql, ST_MANAGER_CUSTOMERS,
                  PC_BINDS(PC_I64(am), PC_I64(c->user.partner_id)), c->hdf, "Assigned") < 0 ||
        pc_db_hdf(&assign_sql, ST_UNASSIGNED,
                  PC_BINDS(PC_I64(c->user.partner_id), PC_STR(q), PC_STR(pc_db_like(&c->arena, q))),
                  c->hdf, "Unassigned") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "cust.tab.assignment"));
    cust_tabs(c, "assignment");
    return pc_render(c, "customers/manager.cs");
}

static int manager_assign(pc_ctx *c)
{
    assign_job j = {.c = c, .am = c->path_id[0]};
    if (!may_assign(c))
        return pc_error(c, 403);
    if (pc_db_query(&assign_sql, ST_IS_MANAGER, PC_BINDS(PC_I64(j.am), PC_I64(c->user.partner_id)),
                    NULL, NULL) != 1)
        return pc_error(c, 404);
    if (read_ids(c, &j) || j.n == 0)
        return again(c, 400, "form", "dlg.must_select", manager_page);
    return run_job(
        c, &j, assign_tx,
        pc_arena_printf(&c->arena, "/customers/assignment/%lld?msg=assigned", (long long)j.am),
        manager_page);
}

static int manager_unassign(pc_ctx *c)
{
    assign_job j = {.c = c, .am = c->path_id[0]};
    if (!may_assign(c))
        return pc_error(c, 403);
    if (read_ids(c, &j) || j.n == 0)
        return again(c, 400, "form", "dlg.must_select", manager_page);
    return run_job(
        c, &j, unassign_tx,
        pc_arena_printf(&c->arena, "/customers/assignment/%lld?msg=unassigned", (long long)j.am),
        manager_page);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}/assign", PC_GUARD_ASSIGNMENT, assign_form, 0),
    PC_ROUTE("POST", "/customers/{id}/assign", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, assign_one, 0),
    PC_ROUTE("POST", "/customers/{id}/unassign", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, unassign_one,
             0),
    PC_ROUTE("POST", "/customers/assign", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, assign_batch, 0),
    PC_ROUTE("GET", "/customers/assignment", PC_GUARD_ASSIGNMENT, assignment_page, 0),
    PC_ROUTE("GET", "/customers/assignment/{id}", PC_GUARD_ASSIGNMENT, manager_page, 0),
    PC_ROUTE("POST", "/customers/assignment/{id}/assign", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS,
             manager_assign, 0),
    PC_ROUTE("POST", "/customers/assignment/{id}/unassign", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS,
             manager_unassign, 0),
};
CUST_ROUTES(cust_assign_routes, routes);
