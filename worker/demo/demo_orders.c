/*
 * The customer orders of the demo world (9.3.3.1): new purchases, renewals,
 * a change, an unsubscription that marks its original unsubscribed, orders
 * pending payment, processing and cancelled, with their payment split and
 * the resources they created (S2) — for customers of sunrise, greatwall and
 * harbor.  Called inside the demo-data transaction, after the customers.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "demo/demo.h"

#define CENTS(x) ((int64_t)(x)*INT64_C(1000000))

enum stmt { ST_CUSTOMER, ST_ORDER, ST_UNSUBSCRIBED, ST_RESOURCE, ST_RELEASE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER] = "SELECT id, partner_id FROM customers WHERE account_name = ?",
    [ST_ORDER] = "INSERT INTO orders (order_no, customer_id, partner_id, order_type, status, "
                 "ordered_at, list_amount, "
                 "placed_on_behalf_by, product_id, billing_mode, region, paid_at, amount_paid, "
                 "cash_paid, coupons_paid, "
                 "original_order_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), (SELECT id FROM "
                 "products WHERE code = ?), "
                 "'yearly_monthly', ?, NULLIF(?, ''), ?, ?, ?, NULLIF(?, 0))",
    /* 3b.11: an unsubscription order marks its original unsubscribed */
    [ST_UNSUBSCRIBED] = "UPDATE orders SET status = 'unsubscribed' WHERE id = ?",
    [ST_RESOURCE] = "INSERT INTO resources (customer_id, billing_mode, name, product_type, spec, "
                    "region, effective_at, "
                    "expires_at, subscribed_at, order_no, product_id, order_id, resource_key) "
                    "VALUES (?, 'yearly_monthly', ?, (SELECT name FROM products WHERE code = ?), "
                    "?, ?, ?, ?, ?, ?, "
                    "(SELECT id FROM products WHERE code = ?), ?, ?)",
    [ST_RELEASE] = "UPDATE resources SET status = 'released', released_at = ? WHERE order_id = ?",
};
PC_SQL_TABLE(demo_orders_sql, sql);

typedef struct demo_resource {
    const char *product, *name, *spec;
    int count;
} demo_resource;

typedef struct demo_order {
    const char *account, *type, *status, *product, *region;
    int hours_ago;
    int list_cents, cash_cents, coupon_cents;
    int original;  /* index of the original order in this table, -1 none */
    int on_behalf; /* placed by the partner's admin on the customer's behalf */
    demo_resource res[2];
} demo_order;

/* one order a row */
/* clang-format off */
static const demo_order orders[] = {
    /* sunrise: a purchase of two ECS and one EVS, then its renewal and a change */
    {"xinghe", "new", "completed", "elastic_cloud_server", "ap-southeast-3", 10 * 24 + 5, 124000, 114000, 10000, -1, 0,
     {{"elastic_cloud_server", "xinghe-web", "s6.large.2 | 2 vCPUs | 4 GiB", 2},
      {"elastic_volume_service", "xinghe-data", "Ultra-high I/O | 500 GiB", 1}}},
    {"xinghe", "renewal", "completed", "elastic_cloud_server", "ap-southeast-3", 2 * 24 + 3, 124000, 124000, 0, 0, 0,
     {{0}}},
    {"xinghe", "change", "processing", "elastic_cloud_server", "ap-southeast-3", 26, 30000, 30000, 0, 0, 1, {{0}}},
    /* a database bought two months ago and unsubscribed five days ago */
    {"lanhai", "new", "completed", "relational_database_service", "ap-southeast-1", 60 * 24, 80000, 80000, 0, -1, 0,
     {{"relational_database_service", "lanhai-mysql", "rds.mysql.x1.large.2 | Primary/Standby", 1}}},
    {"lanhai", "unsubscription", "completed", "relational_database_service", "ap-southeast-1", 5 * 24, -50000, -50000,
     0, 3, 0, {{0}}},
    {"fabrikam", "new", "pending_payment", "object_storage_service", "eu-west-101", 20, 9900, 0, 0, -1, 0, {{0}}},
    {"fabrikam", "new", "cancelled", "elastic_ip", "eu-west-101", 20 * 24, 4500, 0, 0, -1, 0, {{0}}},
    /* greatwall */
    {"wideworld", "new", "completed", "cloud_container_engine", "ap-southeast-3", 15 * 24, 210000, 200000, 10000, -1,
     0, {{"cloud_container_engine", "wideworld-cce", "CCE Standard | 50 nodes", 1}}},
    {"changcheng", "new", "completed", "elastic_cloud_server", "cn-north-4", 8 * 24, 56000, 56000, 0, -1, 0,
     {{"elastic_cloud_server", "changcheng-app", "c7.xlarge.2 | 4 vCPUs | 8 GiB", 1}}},
    /* harbor (a reseller of greatwall) */
    {"harborcafe", "new", "completed", "elastic_cloud_server", "ap-southeast-1", 12 * 24, 62000, 52000, 10000, -1, 0,
     {{"elastic_cloud_server", "harborcafe-pos", "s6.medium.2 | 1 vCPU | 2 GiB", 1},
      {"elastic_ip", "harborcafe-eip", "5 Mbit/s | Dynamic BGP", 1}}},
    {"harborcafe", "renewal", "pending_payment", "elastic_cloud_server", "ap-southeast-1", 2, 62000, 0, 0, 9, 0,
     {{0}}},
    {"gangwan", "new", "processing", "distributed_cache_service", "ap-southeast-1", 3 * 24, 36000, 36000, 0, -1, 0,
     {{"distributed_cache_service", "gangwan-redis", "Redis 6.0 | Master/Standby | 8 GB", 1}}},
};
/* clang-format on */
#define NORDERS (sizeof orders / sizeof orders[0])

static int customer_row(void *arg, const pc_row *r)
{
    int64_t *ids = arg;
    ids[0] = pc_row_i64(r, 0);
    ids[1] = pc_row_i64(r, 1);
    return 1;
}

static int add_resources(const demo_order *o, int64_t customer, int64_t order_id,
                         const char *order_no, time_t at)
{
    char from[20], to[20], name[64], key[80];
    pc_clock_text(at, from);
    pc_clock_text(at + (time_t)365 * 86400, to);
    for (int k = 0; k < 2 && o->res[k].product; k++) {
        const demo_resource *r = &o->res[k];
        for (int n = 1; n <= r->count; n++) {
            snprintf(name, sizeof name, "%s-%02d", r->name, n);
            snprintf(key, sizeof key, "%s-%lld-%02d", r->name, (long long)order_id, n);
            if (pc_db_exec(&demo_orders_sql, ST_RESOURCE,
                           PC_BINDS(PC_I64(customer), PC_STR(name), PC_STR(r->product),
                                    PC_STR(r->spec), PC_STR(o->region), PC_STR(from), PC_STR(to),
                                    PC_STR(from), PC_STR(order_no), PC_STR(r->product),
                                    PC_I64(order_id), PC_STR(key)),
                           NULL) != 1)
                return -1;
        }
    }
    return 0;
}

static int add_order(const demo_order *o, int seq, const int64_t admin[3], const int64_t partner[3],
                     int64_t ids[])
{
    int64_t cust[2] = {0, 0};
    char at_s[20], paid_s[20] = "", order_no[32], local[16];
    if (pc_db_query(&demo_orders_sql, ST_CUSTOMER, PC_BINDS(PC_STR(o->account)), customer_row,
                    cust) != 1)
        return -1;
    time_t at = pc_clock_now() - (time_t)o->hours_ago * 3600;
    struct tm tm;
    strftime(local, sizeof local, "%y%m%d%H%M", pc_clock_local_tm(at, &tm));
    snprintf(order_no, sizeof order_no, "CS%s%05d", local, 70000 + seq);
    pc_clock_text(at, at_s);
    /* completed, or processing (paid, being provisioned) */
    int paid = strcmp(o->status, "completed") == 0 || strcmp(o->status, "processing") == 0;
    if (paid)
        pc_clock_text(at + 600, paid_s);
    int64_t by = 0;
    for (int p = 0; p < 3 && o->on_behalf; p++)
        if (partner[p] == cust[1])
            by = admin[p];
    if (pc_db_exec(&demo_orders_sql, ST_ORDER,
                   PC_BINDS(PC_STR(order_no), PC_I64(cust[0]), PC_I64(cust[1]), PC_STR(o->type),
                            PC_STR(o->status), PC_STR(at_s), PC_I64(CENTS(o->list_cents)),
                            PC_I64(by), PC_STR(o->product), PC_STR(o->region), PC_STR(paid_s),
                            PC_I64(CENTS(o->cash_cents + o->coupon_cents)),
                            PC_I64(CENTS(o->cash_cents)), PC_I64(CENTS(o->coupon_cents)),
                            PC_I64(o->original >= 0 ? ids[o->original] : 0)),
                   &ids[seq]) != 1)
        return -1;
    if (o->original >= 0 &&
        strcmp(o->type, "unsubscription") ==
            0 && /* unsubscription: the original and its resources end */
        (pc_db_exec(&demo_orders_sql, ST_UNSUBSCRIBED, PC_BINDS(PC_I64(ids[o->original])), NULL) !=
             1 ||
         pc_db_exec(&demo_orders_sql, ST_RELEASE, PC_BINDS(PC_STR(at_s), PC_I64(ids[o->original])),
                    NULL) < 0))
        return -1;
    return add_resources(o, cust[0], ids[seq], order_no, at);
}

int pc_demo_orders(const int64_t partner[3], const int64_t admin[3])
{
    int64_t ids[NORDERS] = {0};
    for (size_t i = 0; i < NORDERS; i++)
        if (add_order(&orders[i], (int)i, admin, partner, ids))
            return -1;
    return 0;
}
