/*
 * The demo world's cash coupons (issue 5): for the partner 'sunrise' a
 * coupon for its customer Blue Ocean Retail, a general coupon, a test coupon
 * and a coupon quota of 500 USD, issued through lib/billing/coupon.c like the
 * operator's page (each with its ledger entry) and fixed codes CPDEMO…1-3
 * (the same demo world each time).  Skipped when the partner
 * already holds vendor coupons, so a second run changes nothing.
 */
#include <stdio.h>
#include <time.h>

#include "access/audit.h"
#include "billing/coupon.h"
#include "base/clock.h"
#include "base/db.h"
#include "demo/demo.h"

#define USD(x) ((int64_t)(x)*INT64_C(100000000))

enum stmt { ST_PARTNER, ST_CUSTOMER, ST_OPERATOR, ST_HAS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] = "SELECT id FROM partners WHERE account_name = 'sunrise'",
    [ST_CUSTOMER] = "SELECT id FROM customers WHERE account_name = 'blueocean' AND partner_id = ?",
    [ST_OPERATOR] = "SELECT id FROM users WHERE username = 'operator'",
    [ST_HAS] = "SELECT COUNT(*) FROM coupons WHERE owner_partner_id = ? AND issuer = 'vendor'",
};
PC_SQL_TABLE(dcoupon_sql, sql);

/* UTC "YYYY-MM-DD HH:MM:SS" of now + days, at the end of that local day (23:59:59) when
 * end_of_day. */
static void day_at(time_t now, int days, int end_of_day, char out[20])
{
    time_t t = now + (time_t)days * 86400;
    char day[11];
    if (end_of_day)
        pc_clock_day_end(pc_clock_local_date(t, day), out);
    else
        pc_clock_text(t, out);
}

static int issue(pc_coupon_new *n, const char *now)
{
    int64_t id = 0;
    if (pc_coupon_issue(n, now, &id))
        return -1;
    pc_audit_event e = {.actor_user_id = n->user_id,
                        .actor_name = "demo-data",
                        .action = "coupon.issue",
                        .object_type = "coupon",
                        .object_id = id,
                        .result = "ok",
                        .detail = "demo"};
    return pc_audit(&e);
}

static int create(void *arg)
{
    (void)arg;
    time_t t = pc_clock_now();
    char now[20], from[20], half_year[20], year[20], two_months[20];
    day_at(t, 0, 0, now);
    day_at(t, -30, 0, from);
    day_at(t, 180, 1, half_year);
    day_at(t, 365, 1, year);
    day_at(t, 60, 1, two_months);
    int64_t partner = pc_db_int(&dcoupon_sql, ST_PARTNER, PC_NOBINDS, 0);
    int64_t op = pc_db_int(&dcoupon_sql, ST_OPERATOR, PC_NOBINDS, 0);
    if (partner <= 0)
        return 0; /* no demo world */
    if (pc_db_int(&dcoupon_sql, ST_HAS, PC_BINDS(PC_I64(partner)), 0) > 0)
        return 0; /* made before */
    int64_t blue = pc_db_int(&dcoupon_sql, ST_CUSTOMER, PC_BINDS(PC_I64(partner)), 0);
    pc_coupon_new coupons[] = {
        {.issuer = "vendor",
         .name = "Blue Ocean starter coupon",
         .kind = "normal",
         .partner_id = partner,
         .customer_id = blue > 0 ? blue : 0,
         .face_value = USD(200),
         .valid_from = from,
         .valid_to = half_year,
         .region = "",
         .remarks = "Starter credit for one customer",
         .user_id = op,
         .code = "CPDEMO000000000001"},
        {.issuer = "vendor",
         .name = "Partner growth coupon",
         .kind = "normal",
         .partner_id = partner,
         .face_value = USD(1000),
         .valid_from = from,
         .valid_to = year,
         .region = "",
         .no_promotion = 1,
         .remarks = "Annual growth incentive",
         .user_id = op,
         .code = "CPDEMO000000000002"},
        {.issuer = "vendor",
         .name = "PoC test coupon",
         .kind = "test",
         .partner_id = partner,
         .face_value = USD(300),
         .valid_from = from,
         .valid_to = two_months,
         .billing_mode = "pay_per_use",
         .region = "",
         .remarks = "Proof of concept",
         .user_id = op,
         .code = "CPDEMO000000000003"},
    };
    for (size_t i = 0; i < sizeof coupons / sizeof coupons[0]; i++)
        if (issue(&coupons[i], now))
            return -1;
    if (pc_coupon_quota_change(partner, USD(500), op, "demo quota", now))
        return -1;
    pc_audit_event e = {.actor_user_id = op,
                        .actor_name = "demo-data",
                        .partner_id = partner,
                        .action = "coupon_quota.grant",
                        .object_type = "partner",
                        .object_id = partner,
                        .result = "ok",
                        .detail = "demo"};
    return pc_audit(&e);
}

int pc_demo_coupons(void)
{
    return pc_db_tx(create, NULL);
}
