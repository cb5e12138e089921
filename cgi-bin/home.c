/*
 * pc-home — the signed-in home page, /healthz, and the answer for every URL no
 * other program serves (404 from the error template).
 *
 * A partner member's home (issue 16): to-dos (bills due, authorizations waiting for the
 * customer, budget and expiry alerts, exports ready), notices and key figures, each with a
 * link to the list that shows the same rows — the figures come from the queries those pages
 * use (lib/query: customer_query, bill_query; lib/billing: payment balances) and appear only
 * for what the user may open (the menu's guards).
 */
#include <stdio.h>
#include <string.h>

#include "web/app.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"
#include "base/req.h"
#include "base/version.h"
#include "billing/payment.h"
#include "query/bill_query.h"
#include "query/customer_query.h"
#include "web/export_request.h"

enum stmt { ST_CUSTOMER_PARTNER, ST_WORKER_LAST_OK, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the newest first (job_runs grows by a few rows a minute; its id is the order of runs) */
    [ST_WORKER_LAST_OK] = "SELECT DATE_FORMAT(ended_at, '%Y-%m-%dT%H:%i:%sZ'), job FROM job_runs "
                          "WHERE status = 'ok' ORDER BY id DESC LIMIT 1",
    [ST_CUSTOMER_PARTNER] =
        "SELECT c.name AS customer, IFNULL(p.name, '') AS partner FROM customers c "
        "LEFT JOIN partners p ON p.id = c.partner_id WHERE c.id = ?",
};
PC_SQL_TABLE(home_sql, sql);
PC_SQL_COMPOSER(cust_composer);
PC_SQL_COMPOSER(due_composer);

/* bill amounts (10^-8 units) to the cent, as Partner Bills shows them (bills_money2) */
static const char *money2(pc_ctx *c, int64_t v)
{
    char *out = pc_arena_alloc(&c->arena, 40);
    return pc_money_format(pc_money_round2(v), 2, 1, out, 40);
}

/* amounts as the customer list and Funds format them (pc_money_format of the stored units) */
static const char *money(pc_ctx *c, int64_t v)
{
    char *out = pc_arena_alloc(&c->arena, 40);
    return pc_money_format(v, 2, 1, out, 40);
}

/* One to-do: Todo.N.{key,count,href[,amount,date]}; only when there is something to do. */
static int todo(pc_ctx *c, const char *key, int64_t count, const char *href)
{
    int n = hdf_get_int_value(c->hdf, "Home.todos", 0);
    if (count <= 0)
        return -1;
    pc_set(c, pc_arena_printf(&c->arena, "Todo.%d.key", n), key);
    pc_set(c, pc_arena_printf(&c->arena, "Todo.%d.label", n), pc_t(c, key));
    pc_set_int(c, pc_arena_printf(&c->arena, "Todo.%d.count", n), count);
    pc_set(c, pc_arena_printf(&c->arena, "Todo.%d.href", n), href);
    pc_set_int(c, "Home.todos", n + 1);
    return n;
}

static void figure(pc_ctx *c, const char *key, const char *value, const char *href)
{
    int n = hdf_get_int_value(c->hdf, "Home.figures", 0);
    pc_set(c, pc_arena_printf(&c->arena, "Figure.%d.key", n), key);
    pc_set(c, pc_arena_printf(&c->arena, "Figure.%d.label", n), pc_t(c, key));
    pc_set(c, pc_arena_printf(&c->arena, "Figure.%d.value", n), value);
    pc_set(c, pc_arena_printf(&c->arena, "Figure.%d.href", n), href);
    pc_set_int(c, "Home.figures", n + 1);
}

static void notice(pc_ctx *c, const char *key)
{
    int n = hdf_get_int_value(c->hdf, "Home.notices", 0);
    pc_set(c, pc_arena_printf(&c->arena, "Notice.%d.key", n), key);
    pc_set(c, pc_arena_printf(&c->arena, "Notice.%d.label", n), pc_t(c, key));
    pc_set_int(c, "Home.notices", n + 1);
}

struct totals {
    int64_t count, sum;
    char date[24];
};

/* pc_cust_query_totals: count, month-to-date spend */
static int totals_row(void *arg, const pc_row *r)
{
    struct totals *t = arg;
    t->count = pc_row_i64(r, 0);
    t->sum = pc_row_i64(r, 1);
    return 1;
}

/* pc_bill_unpaid_total: amount still due, bills, earliest due_at */
static int due_row(void *arg, const pc_row *r)
{
    struct totals *t = arg;
    t->sum = pc_row_i64(r, 0);
    t->count = pc_row_i64(r, 1);
    snprintf(t->date, sizeof t->date, "%s", pc_row_str(r, 2));
    return 1;
}

/* The customer list with the filters of `query` (a query string without "?"): how many rows
 * the list shows and the sum of their month-to-date spend. */
static int customers(pc_ctx *c, const char *query, struct totals *t)
{
    pc_params in = {0};
    pc_cust_query q;
    pc_sql_build b = {0};
    memset(t, 0, sizeof *t);
    if (pc_req_parse_urlencoded(&c->arena, query, strlen(query), &in))
        return -1;
    pc_cust_query_read(&c->arena, &c->user, &in, &q);
    pc_cust_query_totals(&c->arena, &c->user, &q, &b);
    return pc_db_query_built(&cust_composer, &b, totals_row, t) < 0 ? -1 : 0;
}

static const char *list_href(pc_ctx *c, const char *query)
{
    return *query ? pc_arena_printf(&c->arena, "/customers/?%s", query) : "/customers/";
}

static int member_home(pc_ctx *c)
{
    const pc_user *u = &c->user;
    struct totals t;
    if (pc_authz_allows(u, PC_PERM_FINANCE_VIEW)) {
        pc_sql_build b = {0};
        memset(&t, 0, sizeof t);
        pc_bill_unpaid_total(u->partner_id, &b);
        if (pc_db_query_built(&due_composer, &b, due_row, &t) < 0)
            return -1;
        int n = todo(c, "home.todo.bills", t.sum > 0 ? t.count : 0, "/finance/bills");
        if (n >= 0) {
            char day[11];
            pc_set(c, pc_arena_printf(&c->arena, "Todo.%d.amount", n), money2(c, t.sum));
            if (*t.date && pc_clock_local_date_of(t.date, day) == 0)
                pc_set(c, pc_arena_printf(&c->arena, "Todo.%d.date", n), day);
        }
        figure(c, "home.fig.due", money2(c, t.sum), "/finance/bills");
        int64_t top = 0, quota = 0, used = 0;
        if (pc_payment_balances(u->partner_id, &top, &quota, &used))
            return -1;
        figure(c, "home.fig.top_up", money(c, top), "/finance/funds");
        figure(c, "home.fig.credit", money(c, quota - used), "/finance/funds");
    }
    if (pc_authz_allows(u, PC_GUARD_CUSTOMERS)) {
        if (customers(c, "", &t))
            return -1;
        figure(c, "home.fig.customers", pc_arena_printf(&c->arena, "%lld", (long long)t.count),
               "/customers/");
        figure(c, "home.fig.mtd", money(c, t.sum), "/customers/?sort=spend_desc");
        if (pc_authz_allows(u, PC_GUARD_ACT_FOR_CUSTOMERS)) {
            if (customers(c, "auth=pending", &t))
                return -1;
            todo(c, "home.todo.auth", t.count, list_href(c, "auth=pending"));
        }
        if (customers(c, "auto_frozen=yes", &t))
            return -1;
        todo(c, "home.todo.frozen", t.count, list_href(c, "auto_frozen=yes"));
        if (customers(c, "usage_min=80", &t))
            return -1;
        todo(c, "home.todo.budget", t.count, list_href(c, "usage_min=80"));
        char today[11], until[11];
        pc_clock_today(today);
        pc_clock_date_add(today, 7, until);
        const char *expiring =
            pc_arena_printf(&c->arena, "expiry_from=%s&expiry_to=%s", today, until);
        if (customers(c, expiring, &t))
            return -1;
        todo(c, "home.todo.expiring", t.count, list_href(c, expiring));
    }
    if (pc_authz_allows(u, PC_PERM_CUSTOMER_EXPORT) || pc_authz_allows(u, PC_PERM_SPEND_EXPORT)) {
        /* the files Export History announces as ready (not yet downloaded, not expired) */
        int64_t ready = pc_exports_ready_count(u);
        if (ready < 0)
            return -1;
        todo(c, "home.todo.exports", ready, "/exports/");
    }
    /* notices: what the partner cannot do yet and how to change it */
    if (pc_authz_allows(u, PC_PERM_FINANCE_VIEW) && !pc_authz_allows(u, PC_GUARD_KOOGALLERY))
        notice(c, "home.notice.koogallery");
    if (pc_authz_allows(u, PC_PERM_CUSTOMER_AUTHORIZE) &&
        !pc_authz_allows(u, PC_GUARD_ACT_FOR_CUSTOMERS))
        notice(c, "home.notice.no_grant");
    return 0;
}

static int home_page(pc_ctx *c)
{
    pc_set(c, "Page.title", pc_t(c, "home.title"));
    if (c->user.kind == PC_KIND_MEMBER) { /* the session load brought the partner along */
        pc_set(c, "Partner.0.name", c->user.partner_name);
        pc_set(c, "Partner.0.kind", c->user.partner_kind);
        pc_set(c, "Partner.0.distributor", c->user.distributor_name);
        if (member_home(c))
            return pc_error(c, 500);
    }
    if (c->user.kind == PC_KIND_CUSTOMER &&
        pc_db_hdf(&home_sql, ST_CUSTOMER_PARTNER, PC_BINDS(PC_I64(c->user.customer_id)), c->hdf,
                  "Customer") < 0)
        return pc_error(c, 500);
    return pc_render(c, "home/home.cs");
}

static int last_run_row(void *arg, const pc_row *r)
{
    snprintf(arg, 120, "%s (job %s)", pc_row_str(r, 0), pc_row_str(r, 1));
    return 1;
}

/* For monitors: the first line says whether the portal can serve ("ok" or why not); the others
 * are for the admin: the release, and when the worker last finished a job. */
static int healthz(pc_ctx *c)
{
    char last[120] = "never";
    if (pc_db_ping())
        return pc_text(
            c, 503, pc_arena_printf(&c->arena, "database unavailable\nversion %s\n", pc_version()));
    pc_db_query(&home_sql, ST_WORKER_LAST_OK, PC_NOBINDS, last_run_row, last);
    return pc_text(
        c, 200,
        pc_arena_printf(&c->arena, "ok\nversion %s\nworker last ok %s\n", pc_version(), last));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/home", PC_GUARD_SIGNED_IN, home_page, 0),
    PC_ROUTE("GET", "/healthz", PC_GUARD_PUBLIC, healthz, 0),
};

int main(int argc, char **argv)
{
    /* nginx passes every path no other program's prefix takes: /home, /healthz, and the
     * 404 page of an unknown path */
    return pc_app_main(argc, argv, "/", routes, sizeof routes / sizeof routes[0]);
}
