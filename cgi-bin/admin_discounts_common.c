/* Helpers of the operator's discount pages (see admin_discounts.h). */
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "admin_discounts.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/discount.h"
#include "base/money.h"
#include "base/view.h"

enum stmt { ST_CUSTOMER, ST_PRODUCTS, ST_REGIONS, ST_PARTNERS, ST_BILLED_THROUGH, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER] = "SELECT id FROM customers WHERE account_name = ? AND partner_id = ?",
    [ST_PRODUCTS] = "SELECT id, name, code, koogallery_seller AS seller, settlement_type FROM "
                    "products WHERE active = 1 ORDER BY name",
    [ST_REGIONS] = "SELECT code, name FROM regions ORDER BY sort",
    [ST_PARTNERS] = "SELECT id, name, account_name FROM partners ORDER BY name LIMIT 1000",
    /* binds: partner (0: every partner) twice */
    [ST_BILLED_THROUGH] = "SELECT COALESCE(MAX(billing_cycle), 0) FROM partner_bills WHERE ? = 0 "
                          "OR partner_id = ?",
};
PC_SQL_TABLE(disc_common_sql, sql);

void disc_utc(const char *typed, char out[20])
{
    char local[20];
    if (pc_discount_parse_datetime(typed, local))
        local[0] = '\0';
    pc_clock_utc_of_local(local, out);
}

static void set(HDF *h, const char *name, const char *v)
{
    NEOERR *e = hdf_set_value(h, name, v);
    nerr_ignore(&e);
}

void disc_format_ppm(pc_ctx *c, const char *prefix, const char *from, const char *to)
{
    char buf[24];
    for (HDF *h = hdf_get_child(c->hdf, prefix); h; h = hdf_obj_next(h)) {
        const char *v = hdf_get_value(h, from, NULL);
        if (v)
            set(h, to, pc_discount_format_ppm(strtoll(v, NULL, 10), buf, sizeof buf));
    }
}

void disc_format_money(pc_ctx *c, const char *prefix, const char *from, const char *to)
{
    char buf[48];
    for (HDF *h = hdf_get_child(c->hdf, prefix); h; h = hdf_obj_next(h)) {
        const char *v = hdf_get_value(h, from, NULL);
        if (v)
            set(h, to, pc_money_format(strtoll(v, NULL, 10), 8, 0, buf, sizeof buf));
    }
}

void disc_format_milli(pc_ctx *c, const char *prefix, const char *from, const char *to)
{
    char buf[32];
    for (HDF *h = hdf_get_child(c->hdf, prefix); h; h = hdf_obj_next(h)) {
        const char *v = hdf_get_value(h, from, NULL);
        if (v)
            set(h, to, pc_discount_format_milli(strtoll(v, NULL, 10), buf, sizeof buf));
    }
}

void disc_local_times(pc_ctx *c, const char *prefix, const char *a, const char *b)
{
    for (HDF *h = hdf_get_child(c->hdf, prefix); h; h = hdf_obj_next(h)) {
        const char *cols[2] = {a, b};
        for (int i = 0; i < 2; i++)
            if (cols[i] && hdf_get_value(h, cols[i], NULL))
                pc_view_hdf_datetime(h, cols[i], pc_arena_printf(&c->arena, "%s_l", cols[i]));
    }
}

int64_t disc_partner_customer(int64_t partner, const char *account)
{
    return pc_db_int(&disc_common_sql, ST_CUSTOMER, PC_BINDS(PC_STR(account), PC_I64(partner)), 0);
}

int disc_form_lists(pc_ctx *c)
{
    if (pc_db_hdf(&disc_common_sql, ST_PRODUCTS, PC_NOBINDS, c->hdf, "Products") < 0 ||
        pc_db_hdf(&disc_common_sql, ST_REGIONS, PC_NOBINDS, c->hdf, "Regions") < 0 ||
        pc_db_hdf(&disc_common_sql, ST_PARTNERS, PC_NOBINDS, c->hdf, "PartnerList") < 0)
        return -1;
    return 0;
}

int disc_reaches_billed(int64_t partner, const char *utc)
{
    int64_t cycle = pc_clock_cycle_at(utc);
    if (!cycle)
        return 0;
    int64_t billed = pc_db_int(&disc_common_sql, ST_BILLED_THROUGH,
                               PC_BINDS(PC_I64(partner), PC_I64(partner)), -1);
    return billed < 0 ? -1 : cycle <= billed;
}
