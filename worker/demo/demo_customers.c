/*
 * The customers of the demo world: for every partner some associated
 * customers with English and Chinese names, account manager assignments,
 * budgets, spend this month, resources about to expire, orders and a few
 * frozen accounts.  Called inside the demo-data transaction.
 */
#include <stdio.h>

#include "rules/budget.h"
#include "base/db.h"
#include "demo/demo.h"

#define USD(x) ((int64_t)(x)*INT64_C(100000000))

enum stmt {
    ST_CUSTOMER,
    ST_UPDATE_BLUE,
    ST_ASSOCIATION,
    ST_ASSIGN,
    ST_SET_AM,
    ST_BUDGET,
    ST_SPEND,
    ST_RESOURCE,
    ST_ORDER,
    ST_TAG,
    ST_FREEZE,
    ST_FREEZE_RECORD,
    ST_GRANT,
    ST_REFRESH,
    ST_PARTNERED,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER] = "INSERT INTO customers (partner_id, name, account_name, email, mobile, "
                    "company, industry, country, "
                    "registered_at, association_type, associated_at, custom_tag) VALUES (?, ?, ?, "
                    "?, ?, ?, ?, ?, "
                    "UTC_TIMESTAMP() - INTERVAL ? DAY, 'reseller', UTC_TIMESTAMP() - INTERVAL ? "
                    "DAY, NULLIF(?, ''))",
    [ST_UPDATE_BLUE] =
        "UPDATE customers SET mobile = '13912345678', company = 'Blue Ocean Retail Ltd.', industry "
        "= 'Retail', "
        "registered_at = UTC_TIMESTAMP() - INTERVAL 120 DAY, association_type = 'reseller', "
        "associated_at = UTC_TIMESTAMP() - INTERVAL 100 DAY WHERE id = ?",
    [ST_ASSOCIATION] =
        "INSERT INTO associations (customer_id, partner_id, initiation, associated_at) "
        "SELECT id, partner_id, 'email', associated_at FROM customers WHERE id = ?",
    [ST_ASSIGN] =
        "INSERT INTO am_assignments (customer_id, partner_id, account_manager_id, effective_from, "
        "assigned_by, "
        "created_at) VALUES (?, ?, ?, CURRENT_DATE - INTERVAL 30 DAY, ?, UTC_TIMESTAMP())",
    [ST_SET_AM] = "UPDATE customers SET account_manager_id = ? WHERE id = ?",
    [ST_BUDGET] = "INSERT INTO budgets (customer_id, type, amount, policy, window_start, "
                  "updated_by, updated_at) "
                  "VALUES (?, ?, ?, ?, DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-01'), "
                  "?, UTC_TIMESTAMP())",
    [ST_SPEND] = "INSERT INTO customer_spend_daily (customer_id, day, list_amount) "
                 "VALUES (?, DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR), ?)",
    [ST_RESOURCE] = "INSERT INTO resources (customer_id, billing_mode, name, product_type, spec, "
                    "region, effective_at, "
                    "expires_at, subscribed_at, order_no, resource_key) VALUES (?, ?, ?, ?, ?, "
                    "'ap-southeast-1', "
                    "UTC_TIMESTAMP() - INTERVAL 300 DAY, UTC_TIMESTAMP() + INTERVAL ? DAY, "
                    "UTC_TIMESTAMP() - INTERVAL 300 DAY, ?, ?)",
    [ST_ORDER] =
        "INSERT INTO orders (order_no, customer_id, partner_id, status, ordered_at, list_amount) "
        "VALUES (?, ?, ?, ?, UTC_TIMESTAMP() - INTERVAL 3 DAY, ?)",
    [ST_TAG] = "INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)",
    [ST_FREEZE] = "UPDATE customers SET freeze_state = 'account', freeze_source = ? WHERE id = ?",
    [ST_FREEZE_RECORD] = "INSERT INTO freeze_records (customer_id, scope, source, frozen_at) "
                         "VALUES (?, 'account', ?, UTC_TIMESTAMP() - INTERVAL 1 DAY)",
    [ST_GRANT] = "UPDATE partners SET grant_budget_monthly = 1, quota_monthly = ? WHERE id = ?",
    /* the list reads the nearest expiry from the customer row (and its figures: refresh_figures) */
    [ST_REFRESH] =
        "UPDATE customers c SET next_expiry = (SELECT MIN(expires_at) "
        "FROM resources r WHERE r.customer_id = c.id AND r.billing_mode = 'yearly_monthly') "
        "WHERE c.partner_id IS NOT NULL",
    [ST_PARTNERED] = "SELECT id FROM customers WHERE partner_id IS NOT NULL",
};
PC_SQL_TABLE(demo_customers_sql, sql);

typedef struct demo_customer {
    int partner; /* 0 sunrise, 1 greatwall, 2 harbor */
    const char *name, *account, *email, *mobile, *company, *industry, *country, *tag;
    int am;             /* assigned to the partner's account manager */
    const char *budget; /* "monthly", "one_time" or NULL */
    int budget_usd, spend_usd;
    const char *frozen; /* freeze source, or NULL */
} demo_customer;

static const demo_customer customers[] = {
    {0, "Northwind Traders", "northwind", "it@northwind.example", "13811112222",
     "Northwind Traders Ltd.", "Retail", "SG", "events", 1, "monthly", 1000, 760, NULL},
    {0, "深圳星河科技有限公司", "xinghe", "ops@xinghe.example", "13622223333",
     "深圳星河科技有限公司", "Internet", "CN", "", 1, "monthly", 500, 520, "budget_auto"},
    {0, "Contoso Pharma", "contoso", "cloud@contoso.example", "13733334444", "Contoso Pharma Inc.",
     "Healthcare", "IE", "", 1, "one_time", 3000, 900, NULL},
    {0, "杭州云帆网络", "yunfan", "admin@yunfan.example", "13544445555", "杭州云帆网络有限公司",
     "Media", "CN", "events", 0, NULL, 0, 120, "association"},
    {0, "Fabrikam Logistics", "fabrikam", "it@fabrikam.example", "13455556666",
     "Fabrikam Logistics", "Logistics", "DE", "", 0, "monthly", 2000, 0, NULL},
    {0, "上海蓝海贸易", "lanhai", "service@lanhai.example", "13366667777", "上海蓝海贸易有限公司",
     "Trade", "CN", "", 0, "monthly", 800, 300, NULL},
    {1, "Wide World Importers", "wideworld", "cloud@wideworld.example", "13277778888",
     "Wide World Importers", "Trade", "GB", "", 0, "monthly", 1500, 400, NULL},
    {1, "北京长城数据", "changcheng", "it@changcheng.example", "13188889999",
     "北京长城数据有限公司", "Finance", "CN", "", 0, NULL, 0, 60, "association"},
    {2, "Harbor Cafe Group", "harborcafe", "ops@harborcafe.example", "15011112222",
     "Harbor Cafe Group", "Food", "HK", "", 1, "monthly", 600, 150, NULL},
    {2, "广州港湾物流", "gangwan", "it@gangwan.example", "15122223333", "广州港湾物流有限公司",
     "Logistics", "CN", "", 0, "monthly", 400, 0, NULL},
    {2, "Lucerne Publishing", "lucerne", "it@lucerne.example", "15233334444", "Lucerne Publishing",
     "Media", "FR", "", 0, NULL, 0, 0, "association"},
};
#define NCUSTOMERS (sizeof customers / sizeof customers[0])

static int extras(int64_t id, int64_t partner, int64_t admin, int64_t am, const demo_customer *k,
                  int n)
{
    char order_no[32], res_name[64];
    if (pc_db_exec(&demo_customers_sql, ST_ASSOCIATION, PC_BINDS(PC_I64(id)), NULL) != 1)
        return -1;
    if (k->am && am &&
        (pc_db_exec(&demo_customers_sql, ST_ASSIGN,
                    PC_BINDS(PC_I64(id), PC_I64(partner), PC_I64(am), PC_I64(admin)), NULL) != 1 ||
         pc_db_exec(&demo_customers_sql, ST_SET_AM, PC_BINDS(PC_I64(am), PC_I64(id)), NULL) != 1))
        return -1;
    if (k->budget && pc_db_exec(&demo_customers_sql, ST_BUDGET,
                                PC_BINDS(PC_I64(id), PC_STR(k->budget), PC_I64(USD(k->budget_usd)),
                                         PC_STR(k->frozen ? "automatic" : "manual"), PC_I64(admin)),
                                NULL) != 1)
        return -1;
    if (k->spend_usd && pc_db_exec(&demo_customers_sql, ST_SPEND,
                                   PC_BINDS(PC_I64(id), PC_I64(USD(k->spend_usd))), NULL) != 1)
        return -1;
    /* two yearly/monthly resources, expiring in 5 + n and 20 + n days, and one pay-per-use */
    for (int i = 0; i < 3; i++) {
        snprintf(res_name, sizeof res_name, "%s-%s-%02d", k->account, i == 2 ? "obs" : "ecs",
                 i + 1);
        snprintf(order_no, sizeof order_no, "CS%06lld%02d", (long long)id, i);
        if (pc_db_exec(&demo_customers_sql, ST_RESOURCE,
                       PC_BINDS(PC_I64(id), PC_STR(i == 2 ? "pay_per_use" : "yearly_monthly"),
                                PC_STR(res_name),
                                PC_STR(i == 2 ? "Object Storage Service" : "Elastic Cloud Server"),
                                PC_STR(i == 2 ? "Standard" : "s6.large.2"),
                                PC_I64(i == 0 ? 5 + n : 20 + n), PC_STR(order_no),
                                PC_STR(res_name)), /* the key the demo usage names (demo_usage.c) */
                       NULL) != 1)
            return -1;
    }
    snprintf(order_no, sizeof order_no, "CS%06lld99", (long long)id);
    if (pc_db_exec(&demo_customers_sql, ST_ORDER,
                   PC_BINDS(PC_STR(order_no), PC_I64(id), PC_I64(partner),
                            PC_STR(n % 3 ? "completed" : "pending_payment"), PC_I64(USD(46) / 100)),
                   NULL) != 1)
        return -1;
    if (*k->tag &&
        pc_db_exec(&demo_customers_sql, ST_TAG, PC_BINDS(PC_I64(id), PC_STR(k->tag)), NULL) != 1)
        return -1;
    if (k->frozen && (pc_db_exec(&demo_customers_sql, ST_FREEZE,
                                 PC_BINDS(PC_STR(k->frozen), PC_I64(id)), NULL) != 1 ||
                      pc_db_exec(&demo_customers_sql, ST_FREEZE_RECORD,
                                 PC_BINDS(PC_I64(id), PC_STR(k->frozen)), NULL) != 1))
        return -1;
    return 0;
}

/* Month-to-date spend and budget usage on the customer row, by lib/rules/budget.c's one definition.
 */
typedef struct figures_run {
    pc_budget_months m;
    int failed;
} figures_run;

static int refresh_figures(void *arg, const pc_row *r)
{
    figures_run *f = arg;
    f->failed = pc_budget_figures_refresh(pc_row_i64(r, 0), &f->m) != 0;
    return f->failed;
}

int pc_demo_customers(const int64_t partner[3], const int64_t admin[3], const int64_t am[3],
                      int64_t blue_ocean)
{
    static const demo_customer blue = {0,  "",    "blueocean", "",        "",   "",  "",
                                       "", "vip", 1,           "monthly", 2000, 350, NULL};
    if (pc_db_exec(&demo_customers_sql, ST_UPDATE_BLUE, PC_BINDS(PC_I64(blue_ocean)), NULL) != 1 ||
        extras(blue_ocean, partner[0], admin[0], am[0], &blue, 0))
        return -1;
    for (size_t i = 0; i < NCUSTOMERS; i++) {
        const demo_customer *k = &customers[i];
        int64_t id;
        int p = k->partner;
        if (pc_db_exec(&demo_customers_sql, ST_CUSTOMER,
                       PC_BINDS(PC_I64(partner[p]), PC_STR(k->name), PC_STR(k->account),
                                PC_STR(k->email), PC_STR(k->mobile), PC_STR(k->company),
                                PC_STR(k->industry), PC_STR(k->country), PC_I64(200 + (int)i),
                                PC_I64(90 - (int)i * 5), PC_STR(k->tag)),
                       &id) != 1 ||
            extras(id, partner[p], admin[p], am[p], k, (int)i + 1))
            return -1;
    }
    /* the distributor lets its reseller set monthly budgets up to 5,000 USD in all */
    if (pc_db_exec(&demo_customers_sql, ST_GRANT, PC_BINDS(PC_I64(USD(5000)), PC_I64(partner[2])),
                   NULL) != 1)
        return -1;
    if (pc_demo_development(partner[0], admin[0],
                            am[0])) /* pre-registrations and a link (demo_development.c) */
        return -1;
    if (pc_db_exec(&demo_customers_sql, ST_REFRESH, PC_NOBINDS, NULL) < 0)
        return -1;
    figures_run f = {.failed = 0};
    pc_budget_months_now(&f.m);
    return pc_db_query(&demo_customers_sql, ST_PARTNERED, PC_NOBINDS, refresh_figures, &f) < 0 ||
                   f.failed
               ? -1
               : 0;
}
