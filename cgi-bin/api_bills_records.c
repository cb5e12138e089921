/*
 * list_customerself_resource_records (spec partner-api.md §5.8): a customer's
 * fee records, asked with its own key, over its rated expenditure lines (see
 * api_bills_customer.c for what the amounts are): statistic_type 3 one
 * record per line, newest first; 1 and 2 the lines summed per resource,
 * service, region, charging mode, bill type and usage type over the billing
 * period or per day (GMT+08:00), without the per-line fields (id, trade_id,
 * trade_time, consume_time, order_id).
 */
#include <stdio.h>
#include <string.h>

#include "api_bills.h"
#include "base/clock.h"
#include "base/db.h"

int api_list_customerself_resource_records(pc_api *a);

#define MAX_LIMIT 1000

PC_SQL_COMPOSER(records_composer);
PC_SQL_COMPOSER(records_count_composer);

static json_t *money(int64_t v)
{
    return pc_api_money(v, 8);
}

typedef struct rec_filters {
    int64_t cycle, bill_type, stat;
    int none, hide_zero;
    const char *service, *region, *mode, *resource, *trade, *day_from, *day_to;
} rec_filters;

/* A day "YYYY-MM-DD" of the cycle: 1, or -1 (answered). */
static int cycle_day(pc_api *a, const char *field, const char *s, int64_t cycle)
{
    int ymd;
    if (pc_clock_date_parse(s, &ymd) || pc_clock_cycle_of_date(s) != cycle)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: %s must be a day YYYY-MM-DD of the cycle.", field),
               -1;
    return 1;
}

static int read_records_filters(pc_api *a, rec_filters *f)
{
    int own, project, r;
    int64_t mode = 0;
    const char *from = NULL, *to = NULL;
    if (bills_month(a, "cycle", 1, &f->cycle) < 0 ||
        pc_api_string(a, "cloud_service_type", 0, 64, &f->service) < 0 ||
        pc_api_string(a, "region", 0, 64, &f->region) < 0 ||
        bills_opt_int(a, "charge_mode", 1, 11, &mode) < 0 ||
        bills_opt_int(a, "bill_type", 1, 102, &f->bill_type) < 0 ||
        pc_api_string(a, "resource_id", 0, 64, &f->resource) < 0 ||
        pc_api_string(a, "trade_id", 0, 80, &f->trade) < 0 ||
        (project = bills_project_matches(a, 1)) < 0 || (own = bills_own_lines(a, 1)) < 0 ||
        pc_api_string(a, "bill_date_begin", 0, 10, &from) < 0 ||
        pc_api_string(a, "bill_date_end", 0, 10, &to) < 0 ||
        bills_opt_int(a, "statistic_type", 1, 3, &f->stat) < 0)
        return -1;
    if (mode && !(f->mode = bills_billing_mode(mode)))
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: charge_mode must be 1, 3, 10 or 11."),
               -1;
    int zero = 1;
    if ((r = pc_api_bool(a, "include_zero_record", 0, &zero)) < 0)
        return -1;
    f->hide_zero = r && !zero;
    f->none = !own || !project;
    /* both days or neither: only then do they narrow the cycle */
    if (from && *from && to && *to) {
        if (cycle_day(a, "bill_date_begin", from, f->cycle) < 0 ||
            cycle_day(a, "bill_date_end", to, f->cycle) < 0)
            return -1;
        f->day_from = from, f->day_to = to;
    }
    return 0;
}

/* the local day of a line's transaction (one bind: the billing time zone) */
#define LOCAL_DAY_SQL "DATE(CONVERT_TZ(l.transaction_at, '+00:00', ?))"

static void records_where(pc_api *a, const rec_filters *f, pc_sql_build *b)
{
    pc_sql_add(b, "WHERE l.customer_id = ? AND l.billing_cycle = ?", PC_I64(a->user.customer_id),
               PC_I64(f->cycle));
    if (f->none)
        pc_sql_add(b, "AND 0 = 1");
    if (f->service)
        pc_sql_add(b, "AND p.code = ?", PC_STR(f->service));
    if (f->region)
        pc_sql_add(b, "AND l.region = ?", PC_STR(f->region));
    if (f->mode)
        pc_sql_add(b, "AND l.billing_mode = ?", PC_STR(f->mode));
    if (f->bill_type)
        pc_sql_add(b, "AND " BILLS_BILL_TYPE_SQL " = ?", PC_I64(f->bill_type));
    if (f->resource)
        pc_sql_add(b, "AND l.resource_key = ?", PC_STR(f->resource));
    if (f->trade)
        pc_sql_add(b, "AND l.transaction_no = ?", PC_STR(f->trade));
    if (f->hide_zero)
        pc_sql_add(b, "AND l.amount_due <> 0");
    if (f->day_from)
        pc_sql_add(b, "AND " LOCAL_DAY_SQL " BETWEEN ? AND ?", PC_STR(pc_clock_zone()),
                   PC_STR(f->day_from), PC_STR(f->day_to));
}

enum {
    R_ID,
    R_DAY,
    R_TYPE,
    R_REGION,
    R_REGION_NAME,
    R_CODE,
    R_NAME,
    R_MODE,
    R_FROM,
    R_TO,
    R_RESOURCE,
    R_RESOURCE_NAME,
    R_TRADE,
    R_TRADE_AT,
    R_ITEM,
    R_USAGE,
    R_UNIT,
    R_LIST,
    R_DISCOUNT,
    R_DUE,
    R_CASH,
    R_COUPONS,
    R_CREDIT,
    R_ACCOUNT,
    R_RESOURCE_TYPE,
    R_ORDER,
};

static void put(json_t *o, const char *k, const char *v)
{
    if (v && *v)
        json_object_set_new(o, k, json_string(v));
}

static void put_time(json_t *o, const char *k, const char *utc)
{
    if (*utc)
        json_object_set_new(o, k, pc_api_time(utc));
}

static int record_row(void *arg, const pc_row *r)
{
    pc_api *a = arg;
    json_t *o = json_object();
    int mode = bills_charging_mode(pc_row_str(r, R_MODE));
    char buf[16];
    put(o, "bill_date", pc_row_str(r, R_DAY));
    json_object_set_new(o, "bill_type", json_integer(pc_row_i64(r, R_TYPE)));
    json_object_set_new(o, "customer_id", pc_api_id(a->user.customer_id));
    put(o, "region", pc_row_str(r, R_REGION));
    put(o, "region_name", pc_row_str(r, R_REGION_NAME));
    put(o, "cloud_service_type", pc_row_str(r, R_CODE));
    put(o, "resource_type", pc_row_str(r, R_RESOURCE_TYPE));
    put(o, "cloud_service_type_name", pc_row_str(r, R_NAME));
    if (mode == 3) {
        put_time(o, "effective_time", pc_row_str(r, R_FROM));
        put_time(o, "expire_time", pc_row_str(r, R_TO));
    }
    put(o, "resource_id", pc_row_str(r, R_RESOURCE));
    put(o, "resource_name", pc_row_str(r, R_RESOURCE_NAME));
    put(o, "trade_id", pc_row_str(r, R_TRADE));
    put(o, "id", pc_row_str(r, R_ID));
    put_time(o, "trade_time", pc_row_str(r, R_TRADE_AT));
    snprintf(buf, sizeof buf, "%d", mode);
    json_object_set_new(o, "charge_mode", json_string(buf));
    put(o, "order_id", pc_row_str(r, R_ORDER));
    put(o, "usage_type", pc_row_str(r, R_ITEM));
    if (*pc_row_str(r, R_ITEM)) {
        json_t *usage = bills_decimal(pc_row_str(r, R_USAGE));
        if (usage)
            json_object_set_new(o, "usage", usage);
    }
    put(o, "unit", pc_row_str(r, R_UNIT));
    json_object_set_new(o, "official_amount", money(pc_row_i64(r, R_LIST)));
    json_object_set_new(o, "discount_amount", money(pc_row_i64(r, R_DISCOUNT)));
    json_object_set_new(o, "amount", money(pc_row_i64(r, R_DUE)));
    json_object_set_new(o, "cash_amount", money(pc_row_i64(r, R_CASH)));
    json_object_set_new(o, "credit_amount", money(pc_row_i64(r, R_CREDIT)));
    json_object_set_new(o, "coupon_amount", money(pc_row_i64(r, R_COUPONS)));
    json_object_set_new(o, "flexipurchase_coupon_amount", money(0));
    json_object_set_new(o, "stored_card_amount", money(0));
    json_object_set_new(o, "bonus_amount", money(0));
    json_object_set_new(o, "debt_amount", money(0));
    json_object_set_new(o, "adjustment_amount", money(0));
    json_object_set_new(o, "measure_id", json_integer(1));
    put_time(o, "consume_time", pc_row_str(r, R_TRADE_AT));
    put(o, "account_name", pc_row_str(r, R_ACCOUNT));
    json_array_append_new(json_object_get(a->out, "fee_records"), o);
    return 0;
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 1;
}

/* the resource type of a line's price item (the region's, else the general one) */
#define RESOURCE_TYPE_SQL                                                                          \
    "COALESCE((SELECT i.resource_type FROM price_items i WHERE i.product_id = l.product_id AND "   \
    "i.billing_item = l.billing_item AND i.region IN (l.region, '') ORDER BY i.region DESC "       \
    "LIMIT 1), '')"

/* statistic_type 3: one record per line, newest first; c counts them. */
static void compose_lines(pc_api *a, const rec_filters *f, pc_sql_build *c, pc_sql_build *b)
{
    pc_sql_add(c, "SELECT COUNT(*) FROM expenditure_lines l JOIN products p ON p.id = "
                  "l.product_id");
    records_where(a, f, c);
    pc_sql_add(b,
               "SELECT l.id, " LOCAL_DAY_SQL ", " BILLS_BILL_TYPE_SQL ", l.region, "
               "COALESCE(g.name, ''), p.code, p.name, l.billing_mode, l.spent_from, l.spent_to, "
               "l.resource_key, l.resource_name, l.transaction_no, l.transaction_at, "
               "l.billing_item, l.usage_qty, l.pricing_unit, l.list_amount, l.discount, "
               "l.amount_due, l.cash_payment, l.coupons_used, l.monthly_settlement, "
               "c.account_name, " RESOURCE_TYPE_SQL ", "
               "IF(l.source_key LIKE 'o:%' OR l.source_key LIKE 'r:%', l.transaction_no, '') "
               "FROM expenditure_lines l JOIN products p ON p.id = l.product_id "
               "JOIN customers c ON c.id = l.customer_id LEFT JOIN regions g ON g.code = l.region",
               PC_STR(pc_clock_zone()));
    records_where(a, f, b);
    pc_sql_add(b, "ORDER BY l.transaction_at DESC, l.id DESC");
}

/* The grouping of statistic_type 1 and 2 (column 2: the day or '', column 3: the bill type). */
#define SUMS_GROUP                                                                                 \
    "GROUP BY 2, 3, l.region, l.product_id, p.code, p.name, l.billing_mode, l.resource_key, "      \
    "l.billing_item, l.pricing_unit"

/* statistic_type 1 (per billing period) and 2 (per day, newest first); c counts the groups. */
static void compose_sums(pc_api *a, const rec_filters *f, pc_sql_build *c, pc_sql_build *b)
{
    const char *tz = pc_clock_zone();
    if (f->stat == 2)
        pc_sql_add(c, "SELECT COUNT(*) FROM (SELECT '' AS n, " LOCAL_DAY_SQL " AS d, ", PC_STR(tz));
    else
        pc_sql_add(c, "SELECT COUNT(*) FROM (SELECT '' AS n, '' AS d, ");
    pc_sql_add(c, BILLS_BILL_TYPE_SQL " AS t FROM expenditure_lines l JOIN products p ON p.id = "
                                      "l.product_id");
    records_where(a, f, c);
    pc_sql_add(c, SUMS_GROUP ") g");
    if (f->stat == 2)
        pc_sql_add(b, "SELECT '', " LOCAL_DAY_SQL ", ", PC_STR(tz));
    else
        pc_sql_add(b, "SELECT '', '', ");
    pc_sql_add(b, BILLS_BILL_TYPE_SQL
               ", l.region, COALESCE(MAX(g.name), ''), p.code, p.name, "
               "l.billing_mode, MIN(l.spent_from), MAX(l.spent_to), "
               "l.resource_key, MAX(l.resource_name), '', '', "
               "l.billing_item, SUM(l.usage_qty), l.pricing_unit, "
               "SUM(l.list_amount), SUM(l.discount), SUM(l.amount_due), "
               "SUM(l.cash_payment), SUM(l.coupons_used), "
               "SUM(l.monthly_settlement), MAX(c.account_name), " RESOURCE_TYPE_SQL ", '' "
               "FROM expenditure_lines l JOIN products p ON p.id = "
               "l.product_id JOIN customers c ON c.id = l.customer_id "
               "LEFT JOIN regions g ON g.code = l.region");
    records_where(a, f, b);
    pc_sql_add(b, SUMS_GROUP);
    pc_sql_add(b, f->stat == 2 ? "ORDER BY 2 DESC, p.code, l.resource_key, l.billing_mode, 3, "
                                 "l.region, l.billing_item"
                               : "ORDER BY p.code, l.resource_key, l.billing_mode, 3, l.region, "
                                 "l.billing_item");
}

int api_list_customerself_resource_records(pc_api *a)
{
    if (bills_need_customer(a))
        return a->status;
    rec_filters f = {.stat = 3};
    int64_t offset = 0, limit = 10, count = 0;
    if (read_records_filters(a, &f) || pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0)
        return a->status;
    pc_sql_build c = {0}, b = {0};
    if (f.stat == 3)
        compose_lines(a, &f, &c, &b);
    else
        compose_sums(a, &f, &c, &b);
    pc_sql_add(&b, "LIMIT ? OFFSET ?", PC_I64(limit), PC_I64(offset));
    json_object_set_new(a->out, "fee_records", json_array());
    if (pc_db_query_built(&records_count_composer, &c, count_row, &count) < 0 ||
        pc_db_query_built(&records_composer, &b, record_row, a) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    json_object_set_new(a->out, "total_count", json_integer(count));
    json_object_set_new(a->out, "currency", json_string("USD"));
    return 200;
}
