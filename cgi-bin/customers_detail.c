/*
 * Customer Details (9.3.1.1): tabs Overview (budget, orders, resources to
 * renew in 7/15/30 days, expenditure), Resources (9.3.1.10) and Basic
 * Information with the account manager history.
 */
#include <stdio.h>
#include <string.h>

#include "rules/budget.h"
#include "customers.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"
#include "query/order_query.h"
#include "base/view.h"

enum stmt {
    ST_BUDGET,
    ST_ORDERS,
    ST_RENEWALS,
    ST_SPEND,
    ST_RESOURCES,
    ST_HISTORY,
    ST_TAGS,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_BUDGET] = "SELECT type, amount, policy, window_start FROM budgets WHERE customer_id = ?",
    /* the orders Customer Orders lists for this customer: placed with its partner, over the longest
       range */
    [ST_ORDERS] = "SELECT COUNT(*), IFNULL(SUM(o.status = 'pending_payment'), 0) FROM orders o "
                  "JOIN customers c ON c.id = o.customer_id AND c.partner_id = o.partner_id "
                  "WHERE o.customer_id = ? AND o.ordered_at >= ?",
    /* live resources expiring within 7, 15 and 30 days, per billing mode */
    [ST_RENEWALS] =
        "SELECT billing_mode, SUM(expires_at < UTC_TIMESTAMP() + INTERVAL 7 DAY), "
        "SUM(expires_at < UTC_TIMESTAMP() + INTERVAL 15 DAY), COUNT(*) FROM resources "
        "WHERE customer_id = ? AND status IN ('running', 'stopped', 'frozen') "
        "AND expires_at >= UTC_TIMESTAMP() AND expires_at < UTC_TIMESTAMP() + INTERVAL 30 DAY "
        "GROUP BY billing_mode",
    /* list-price spend of last month, monthly-settled services included (billed by now) */
    [ST_SPEND] =
        "SELECT IFNULL(SUM(list_amount), 0) FROM customer_spend_daily WHERE customer_id = ? "
        "AND day >= ? AND day < ?",
    [ST_RESOURCES] =
        "SELECT id, name, product_type, spec, region, status, IFNULL(effective_at, '') AS "
        "effective_at, "
        "IFNULL(expires_at, '') AS expires_at, IFNULL(subscribed_at, '') AS subscribed_at, "
        "IFNULL(order_no, '') AS order_no, IFNULL(order_id, 0) AS order_id FROM resources "
        "WHERE customer_id = ? AND billing_mode = ? "
        "AND (? = '' OR product_type = ?) AND (? = '' OR status = ?) ORDER BY id DESC LIMIT 200",
    [ST_HISTORY] = "SELECT a.effective_from, IFNULL(a.effective_to, '') AS effective_to, a.status, "
                   "u.name, u.username "
                   "FROM am_assignments a JOIN users u ON u.id = a.account_manager_id "
                   "WHERE a.customer_id = ? AND a.partner_id = ? ORDER BY a.id DESC",
    [ST_TAGS] = "SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag",
};
PC_SQL_TABLE(detail_sql, sql);

static const char *const modes[] = {"yearly_monthly", "pay_per_use", "reserved_instance",
                                    "savings_plan", NULL};
static const char *const statuses[] = {"running", "stopped", "frozen", "expired", "released", NULL};

static void set_money(pc_ctx *c, const char *name, int64_t v)
{
    char out[40];
    pc_set(c, name, pc_money_format(v, 2, 1, out, sizeof out));
}

typedef struct detail_budget {
    pc_ctx *c;
    int64_t amount;
    char type[12], window_start[12];
    int found;
} detail_budget;

static int budget_row(void *arg, const pc_row *r)
{
    detail_budget *b = arg;
    pc_ctx *c = b->c;
    snprintf(b->type, sizeof b->type, "%s", pc_row_str(r, 0));
    b->amount = pc_row_i64(r, 1);
    snprintf(b->window_start, sizeof b->window_start, "%s", pc_row_str(r, 3));
    b->found = 1;
    pc_set(c, "Budget.type", b->type);
    set_money(c, "Budget.amount", b->amount);
    pc_set(c, "Budget.policy", pc_row_str(r, 2));
    return 1;
}

/* The budget card: usage of the budget by the Set Budget page's figure (lib/rules/budget.c). */
static int budget_card(pc_ctx *c, const cust *k)
{
    detail_budget b = {.c = c};
    int64_t used;
    if (pc_db_query(&detail_sql, ST_BUDGET, PC_BINDS(PC_I64(k->id)), budget_row, &b) < 0)
        return -1;
    if (!b.found)
        return 0;
    /* budgets apply to resale customers only: another one's budget row uses nothing */
    int resale = k->associated && strcmp(k->association_type, "reseller") == 0;
    if (!resale)
        used = 0;
    else if (pc_budget_used(k->id, b.type, b.window_start, &used))
        return -1;
    int64_t bp = pc_budget_usage_bp(used, b.amount);
    pc_set(c, "Budget.usage",
           pc_arena_printf(&c->arena, "%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100)));
    return 0;
}

/* Month-to-date (the one figure of lib/rules/budget.c) and last month's expenditure. */
static int spend_card(pc_ctx *c, const cust *k, const char *this_month, const char *last_month)
{
    int64_t mtd, last;
    if (pc_budget_month_to_date(k->id, &mtd) ||
        pc_db_value(&detail_sql, ST_SPEND,
                    PC_BINDS(PC_I64(k->id), PC_STR(last_month), PC_STR(this_month)), 0, &last) < 0)
        return -1;
    set_money(c, "Spend.month", mtd);
    set_money(c, "Spend.last_month", last);
    return 0;
}

static int orders_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    pc_set(c, "Orders.all", pc_row_str(r, 0));
    pc_set(c, "Orders.unpaid", pc_row_str(r, 1));
    return 1;
}

static int renewal_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    const char *mode = pc_row_str(r, 0);
    pc_set(c, pc_arena_printf(&c->arena, "Renewals.%s.d7", mode), pc_row_str(r, 1));
    pc_set(c, pc_arena_printf(&c->arena, "Renewals.%s.d15", mode), pc_row_str(r, 2));
    pc_set(c, pc_arena_printf(&c->arena, "Renewals.%s.d30", mode), pc_row_str(r, 3));
    return 0;
}

/* The first days of this billing cycle and of the last. */
static void month_starts(char this_month[11], char last_month[11])
{
    int cycle = pc_clock_cycle_now();
    pc_clock_cycle_first_day(cycle, this_month);
    pc_clock_cycle_first_day(pc_clock_cycle_add(cycle, -1), last_month);
}

/*
 * The range of the Customer Orders links (the longest one allowed, up to
 * today) as local dates and the UTC instant it starts; the links are offered
 * to members who may open the orders.
 */
static void orders_range(pc_ctx *c, const cust *k, char from_utc[20])
{
    char from[11], to[11];
    pc_clock_today(to);
    pc_clock_date_add(to, -PC_ORDER_RANGE_MAX_DAYS, from);
    pc_clock_day_start(from, 0, from_utc);
    if (!pc_authz_allows(&c->user, PC_PERM_ORDER_VIEW))
        return;
    const char *tab = k->own ? "" : "tab=resellers&";
    pc_set(c, "Page.orders_href",
           pc_arena_printf(&c->arena, "/orders/?%scustomer_id=%lld&from=%s&to=%s", tab,
                           (long long)k->id, from, to));
    pc_set(c, "Page.order_resources_href",
           pc_arena_printf(&c->arena, "/orders/resources?%scustomer_id=%lld&from=%s&to=%s", tab,
                           (long long)k->id, from, to));
}

static int overview(pc_ctx *c, const cust *k)
{
    char this_month[11], last_month[11], orders_from[20];
    month_starts(this_month, last_month);
    orders_range(c, k, orders_from);
    for (int i = 0; modes[i]; i++) /* zeros where nothing expires */
        for (int d = 0; d < 3; d++)
            pc_set(c,
                   pc_arena_printf(&c->arena, "Renewals.%s.d%d", modes[i],
                                   d == 0   ? 7
                                   : d == 1 ? 15
                                            : 30),
                   "0");
    if (budget_card(c, k) ||
        pc_db_query(&detail_sql, ST_ORDERS, PC_BINDS(PC_I64(k->id), PC_STR(orders_from)),
                    orders_row, c) < 0 ||
        pc_db_query(&detail_sql, ST_RENEWALS, PC_BINDS(PC_I64(k->id)), renewal_row, c) < 0 ||
        spend_card(c, k, this_month, last_month))
        return -1;
    return 0;
}

static const pc_field resource_filters[] = {
    {"mode", pc_valid_enum, 0, 0, 0, modes},
    {"product", pc_valid_text, 0, 64, 0, NULL},
    {"status", pc_valid_enum, 0, 0, 0, statuses},
};

static int resources(pc_ctx *c, const cust *k)
{
    char orders_from[20];
    orders_range(c, k, orders_from);
    pc_value f[3];
    const char *errs[3];
    pc_valid_form(&c->arena, resource_filters, 3, &c->query, f, errs);
    const char *mode = f[0].present && !errs[0] ? f[0].s : "yearly_monthly";
    const char *product = errs[1] ? "" : f[1].s, *status = errs[2] ? "" : f[2].s;
    pc_set(c, "Filter.mode", mode);
    pc_set(c, "Filter.product", product);
    pc_set(c, "Filter.status", status);
    if (pc_db_hdf(&detail_sql, ST_RESOURCES,
                  PC_BINDS(PC_I64(k->id), PC_STR(mode), PC_STR(product), PC_STR(product),
                           PC_STR(status), PC_STR(status)),
                  c->hdf, "Resources") < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, "Resources"); h; h = hdf_obj_next(h)) {
        static const char *const times[] = {"effective_at", "expires_at", "subscribed_at"};
        for (int i = 0; i < 3; i++)
            pc_view_hdf_datetime(h, times[i], times[i]);
    }
    return 0;
}

static int basic(pc_ctx *c, const cust *k)
{
    /* a distributor gets no Basic Information on a reseller's customer (ch10 §2) */
    if (!k->own)
        return 0;
    return pc_db_hdf(&detail_sql, ST_HISTORY, PC_BINDS(PC_I64(k->id), PC_I64(c->user.partner_id)),
                     c->hdf, "History") < 0 ||
                   pc_db_hdf(&detail_sql, ST_TAGS, PC_BINDS(PC_I64(k->id)), c->hdf, "Tags") < 0
               ? -1
               : 0;
}

/* The feature files that put action buttons on the page (NULL ends the list). */
static const cust_actions_fn action_providers[] = {
    budget_actions, freeze_actions, auth_actions, assoc_actions, switch_actions, NULL,
};

static int detail_page(pc_ctx *c)
{
    cust k;
    int found = cust_load(c, c->path_id[0], &k);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    const char *tab = pc_params_get(&c->query, "tab");
    if (!tab || (strcmp(tab, "resources") && strcmp(tab, "basic")) ||
        (!k.own && strcmp(tab, "basic") == 0))
        tab = "overview";
    pc_set(c, "Page.tab", tab);
    int rc = strcmp(tab, "resources") == 0 ? resources(c, &k)
             : strcmp(tab, "basic") == 0   ? basic(c, &k)
                                           : overview(c, &k);
    if (rc < 0)
        return pc_error(c, 500);
    if (k.own && pc_authz_allows(&c->user, PC_GUARD_ASSIGNMENT))
        pc_set(c, "Page.can_assign", "1");
    for (const cust_actions_fn *f = action_providers; *f; f++)
        (*f)(c, &k);
    pc_set(c, "Page.title", hdf_get_value(c->hdf, "Customer.0.name", ""));
    cust_tabs(c, "list");
    return pc_render(c, "customers/detail.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}", PC_GUARD_CUSTOMERS, detail_page, 0),
};
CUST_ROUTES(cust_detail_routes, routes);
