/*
 * The demo world's settlement data (ch09 §9.4.4.1, §9.7.1.1, §9.4.1.2):
 * sunrise pays tax in SG, holds a 10 % common and a 5 % promotional
 * settlement discount, is in the KooGallery Sales Program, and was granted a
 * partner-level commercial discount (30 % on ECS) and a customer-level
 * saving for northwind (EVS at a fixed price); Meeting is sold as a
 * KooGallery product with a product-level 15 % and, for sunrise's contoso, a
 * customer-level 20 % resale discount; two exchange rates of last month's
 * last day.  Every statement finds its row there already on a second run.
 */
#include <stdio.h>

#include "base/db.h"
#include "demo/demo.h"

#define SUNRISE          "(SELECT id FROM partners WHERE account_name = 'sunrise')"
#define CUSTOMER(acct)   "(SELECT id FROM customers WHERE account_name = '" acct "')"
#define PRODUCT(code)    "(SELECT id FROM products WHERE code = '" code "')"
#define COMMERCIAL(code) "(SELECT id FROM commercial_discounts WHERE code = '" code "')"
/* the local month's first day, as UTC (GMT+08:00) */
#define MONTH_START    "(DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-01') - INTERVAL 8 HOUR)"
#define LAST_MONTH_END "LAST_DAY(UTC_TIMESTAMP() + INTERVAL 8 HOUR - INTERVAL 1 MONTH)"

static const char *const sql[] = {
    "UPDATE partners SET tax_region = 'SG', koogallery_program = 1 WHERE account_name = 'sunrise'",
    "INSERT INTO settlement_discounts (partner_id, settlement_type, discount_ppm, valid_from, "
    "created_at) SELECT " SUNRISE ", t.type, t.ppm, '2023-12-31 16:00:00', UTC_TIMESTAMP() FROM "
    "(SELECT 'common' AS type, 100000 AS ppm UNION ALL SELECT 'promotional', 50000) t WHERE NOT "
    "EXISTS (SELECT 1 FROM settlement_discounts s WHERE s.partner_id = " SUNRISE ")",
    "INSERT IGNORE INTO commercial_discounts (code, partner_id, level, body, effective_at, "
    "expires_at, status, created_at) VALUES ('0HEIDEMO000001', " SUNRISE ", 'partner', "
    "'product_type', " MONTH_START " - INTERVAL 2 MONTH, " MONTH_START " + INTERVAL 1 YEAR, "
    "'effective', UTC_TIMESTAMP())",
    "INSERT INTO commercial_discount_items (discount_id, product_id, discount_ppm) "
    "SELECT " COMMERCIAL("0HEIDEMO000001") ", " PRODUCT(
        "elastic_cloud_server") ", 300000 FROM DUAL WHERE NOT "
                                "EXISTS (SELECT 1 FROM "
                                "commercial_discount_items i "
                                "WHERE i.discount_id "
                                "= " COMMERCIAL("0HEIDEMO000001") ")",
    "INSERT IGNORE INTO commercial_discounts (code, partner_id, level, customer_id, body, "
    "effective_at, expires_at, status, created_at) VALUES ('0HEIDEMO000002', " SUNRISE
    ", 'customer', " CUSTOMER("northwind") ", 'savings', " MONTH_START
                                           " - INTERVAL 2 MONTH, " MONTH_START
                                           " + INTERVAL 1 YEAR, 'effective', UTC_TIMESTAMP())",
    "INSERT INTO commercial_discount_items (discount_id, product_id, billing_mode, spec, "
    "fixed_price, linear_size_milli) SELECT " COMMERCIAL("0HEIDEMO000002") ", " PRODUCT(
        "elastic_volume_service") ", 'pay_per_use', 'General-Purpose SSD | 10.0 GB', 15000000, "
                                  "10000 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM "
                                  "commercial_discount_items i WHERE i.discount_id = " COMMERCIAL(
                                      "0HEIDEMO000002") ")",
    "UPDATE products SET koogallery_seller = 'Acme Collaboration Ltd.' WHERE code = 'meeting'",
    "INSERT IGNORE INTO koogallery_discounts (uuid, level, product_id, spec_name, "
    "delivery_method, category, transaction_model, discount_ppm, status, valid_from, "
    "valid_until, updated_at) VALUES ('6f1c0e1a-3b5d-4c2e-9a7f-000000000001', 'product', " PRODUCT(
        "meeting") ", 'Meeting Pro | 50 seats', 'License', 'Joint Operations Product', "
                   "'Transaction price sharing', 150000, 'effective', " MONTH_START
                   " - INTERVAL 2 MONTH, " MONTH_START " + INTERVAL 1 YEAR, UTC_TIMESTAMP())",
    "INSERT IGNORE INTO koogallery_discounts (uuid, level, product_id, spec_name, "
    "delivery_method, category, project, partner_id, customer_id, transaction_model, "
    "discount_ppm, status, valid_from, valid_until, updated_at) VALUES "
    "('6f1c0e1a-3b5d-4c2e-9a7f-000000000002', 'customer', " PRODUCT(
        "meeting") ", 'Meeting Pro | 50 seats', 'License', 'Joint Operations Product', 'Contoso "
                   "collaboration rollout', " SUNRISE ", " CUSTOMER(
                       "contoso") ", 'Transaction price sharing', 200000, 'effective', " MONTH_START
                                  " - INTERVAL 2 MONTH, " MONTH_START
                                  " + INTERVAL 1 YEAR, UTC_TIMESTAMP())",
    "INSERT IGNORE INTO exchange_rates (currency, day, rate) VALUES ('SGD', " LAST_MONTH_END
    ", 1.3425000000), ('CNY', " LAST_MONTH_END ", 7.1234000000)",
};
#define NSQL (sizeof sql / sizeof sql[0])
static MYSQL_STMT *demo_disc_cache[NSQL];
static pc_sql_table demo_disc_sql = {"demo_disc_sql", sql, demo_disc_cache, NSQL};

static int create(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < NSQL; i++)
        if (pc_db_exec(&demo_disc_sql, (int)i, PC_NOBINDS, NULL) < 0)
            return -1;
    return 0;
}

int pc_demo_discounts(void)
{
    return pc_db_tx(create, NULL) ? -1 : 0;
}
