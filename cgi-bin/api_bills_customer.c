/*
 * A customer's own bills, asked with its own key (spec partner-api.md §5.8):
 * show_customer_monthly_sum (the month per cloud service type × charging
 * mode × bill type) and list_customerself_resource_records (the rated
 * expenditure lines, one fee record each).  Over the expenditure lines of
 * the customer — whichever partner it was with — as rating made them: list
 * price, discount, amount payable, paid in cash (orders), by coupons, and on
 * the partner's monthly settlement (reported as credit_amount: the customer
 * consumed on its partner's account).
 *
 * Partner Center has no enterprise projects and no enterprise sub-accounts:
 * every line is "not assigned" (enterprise_project_id -1 / null) and
 * method=sub_customer finds nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_bills.h"
#include "conf.h"
#include "db.h"
#include "valid.h"

int api_show_customer_monthly_sum(pc_api *a);
int api_list_customerself_resource_records(pc_api *a);

#define MAX_LIMIT 1000

PC_SQL_COMPOSER(sum_composer);
PC_SQL_COMPOSER(records_composer);
PC_SQL_COMPOSER(records_count_composer);

static json_t *money(int64_t v)
{
    return pc_api_money(v, 8);
}

/*
 * method and sub_customer_id: 1 when the customer's own lines are asked
 * for, 0 when only an enterprise sub-account's (we have none), -1 when bad.
 */
static int own_lines(pc_api *a, int empty_sub_is_none)
{
    const char *m = NULL, *sub = NULL;
    if (pc_api_string(a, "method", 0, 16, &m) < 0 ||
        pc_api_string(a, "sub_customer_id", 0, 64, &sub) < 0)
        return -1;
    if (!m || !*m || strcmp(m, "all") == 0 || strcmp(m, "oneself") == 0)
        return 1;
    if (strcmp(m, "sub_customer") != 0)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: method must be oneself, sub_customer or all."),
               -1;
    if (!sub || (!*sub && !empty_sub_is_none))
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: sub_customer_id is required with "
                            "method=sub_customer."),
               -1;
    return 0;
}

/*
 * enterprise_project_id: 1 when every line matches ("-1" or "null": not
 * assigned, or absent), 0 when none does (the default project "0" or
 * another project), -1 when bad.
 */
static int project_matches(pc_api *a, int empty_ok)
{
    const char *p = NULL;
    int r = pc_api_string(a, "enterprise_project_id", 0, 256, &p);
    if (r < 0)
        return -1;
    if (!r)
        return 1;
    if (!*p)
        return empty_ok ? 1
                        : (pc_api_error(a, 400, "CBC.0100",
                                        "Invalid parameter: enterprise_project_id must not be "
                                        "empty."),
                           -1);
    return strcmp(p, "-1") == 0 || strcmp(p, "null") == 0;
}

/* ---- show_customer_monthly_sum ---- */

enum { S_CODE, S_NAME, S_MODE, S_TYPE, S_LIST, S_DISCOUNT, S_DUE, S_COUPONS, S_CASH, S_CREDIT };
#define S_SUMS 6 /* list, discount, due, coupons, cash, credit */

typedef struct sum_state {
    json_t *list;
    int64_t i, offset, limit;
    int64_t total[S_SUMS];
    const char *cycle, *customer_id, *account;
} sum_state;

static int sum_row(void *arg, const pc_row *r)
{
    sum_state *s = arg;
    for (int k = 0; k < S_SUMS; k++)
        s->total[k] += pc_row_i64(r, (size_t)(S_LIST + k));
    if (s->i++ < s->offset || s->i > s->offset + s->limit)
        return 0;
    static const char *const types[] = {"expenditure", "refund", "adjustment"};
    int type = 0;
    for (int k = 0; k < 3; k++)
        if (strcmp(types[k], pc_row_str(r, S_TYPE)) == 0)
            type = k + 1;
    json_t *o = json_object();
    json_object_set_new(o, "bill_cycle", json_string(s->cycle));
    json_object_set_new(o, "service_type_code", json_string(pc_row_str(r, S_CODE)));
    json_object_set_new(o, "service_type_name", json_string(pc_row_str(r, S_NAME)));
    json_object_set_new(o, "charging_mode",
                        json_integer(bills_charging_mode(pc_row_str(r, S_MODE))));
    json_object_set_new(o, "official_amount", money(pc_row_i64(r, S_LIST)));
    json_object_set_new(o, "official_discount_amount", money(pc_row_i64(r, S_DISCOUNT)));
    json_object_set_new(o, "truncated_amount", money(0));
    json_object_set_new(o, "consume_amount", money(pc_row_i64(r, S_DUE)));
    json_object_set_new(o, "coupon_amount", money(pc_row_i64(r, S_COUPONS)));
    json_object_set_new(o, "flexipurchase_coupon_amount", money(0));
    json_object_set_new(o, "stored_value_card_amount", money(0));
    json_object_set_new(o, "debt_amount", money(0));
    json_object_set_new(o, "writeoff_amount", money(0));
    json_object_set_new(o, "cash_amount", money(pc_row_i64(r, S_CASH)));
    json_object_set_new(o, "credit_amount", money(pc_row_i64(r, S_CREDIT)));
    json_object_set_new(o, "measure_id", json_integer(1));
    json_object_set_new(o, "bill_type", json_integer(type));
    json_object_set_new(o, "customer_id", json_string(s->customer_id));
    json_object_set_new(o, "account_name", json_string(s->account));
    json_array_append_new(s->list, o);
    return 0;
}

static const char *const customer_q[] = {"SELECT account_name FROM customers WHERE id = ?"};
PC_SQL_TABLE(customer_sql, customer_q);

typedef struct account_arg {
    pc_api *a;
    const char *name;
} account_arg;

static int account_row(void *arg, const pc_row *r)
{
    account_arg *x = arg;
    x->name = pc_arena_printf(&x->a->arena, "%s", pc_row_str(r, 0));
    return 1;
}

/* The login name of the customer's account (customers.account_name), arena memory. */
static const char *account_name(pc_api *a)
{
    account_arg x = {a, NULL};
    if (pc_db_query(&customer_sql, 0, PC_BINDS(PC_I64(a->user.customer_id)), account_row, &x) < 0)
        return NULL;
    return x.name;
}

int api_show_customer_monthly_sum(pc_api *a)
{
    if (bills_need_customer(a))
        return a->status;
    int64_t cycle = 0, offset = 0, limit = 10;
    const char *service = NULL;
    int own, project;
    if (bills_month(a, "bill_cycle", 1, &cycle) < 0 ||
        pc_api_string(a, "service_type_code", 0, 64, &service) < 0 ||
        (project = project_matches(a, 0)) < 0 || (own = own_lines(a, 0)) < 0 ||
        pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0)
        return a->status;
    sum_state s = {json_array(), 0, offset, limit, {0}, bills_cycle_text(a, cycle), NULL, NULL};
    s.customer_id = pc_arena_printf(&a->arena, "%lld", (long long)a->user.customer_id);
    if (!(s.account = account_name(a))) {
        json_decref(s.list);
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    }
    pc_sql_build b = {0};
    pc_sql_add(&b,
               "SELECT p.code, p.name, l.billing_mode, l.bill_type, SUM(l.list_amount), "
               "SUM(l.discount), SUM(l.amount_due), SUM(l.coupons_used), SUM(l.cash_payment), "
               "SUM(l.monthly_settlement) FROM expenditure_lines l "
               "JOIN products p ON p.id = l.product_id "
               "WHERE l.customer_id = ? AND l.billing_cycle = ?",
               PC_I64(a->user.customer_id), PC_I64(cycle));
    if (!own || !project)
        pc_sql_add(&b, "AND 0 = 1");
    if (service && *service)
        pc_sql_add(&b, "AND p.code = ?", PC_STR(service));
    pc_sql_add(&b, "GROUP BY p.id, p.code, p.name, l.billing_mode, l.bill_type "
                   "ORDER BY p.id, l.billing_mode, l.bill_type");
    int rc = pc_db_query_built(&sum_composer, &b, sum_row, &s);
    if (rc < 0) {
        json_decref(s.list);
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    }
    json_object_set_new(a->out, "total_count", json_integer(s.i));
    json_object_set_new(a->out, "bill_sums", s.list);
    json_object_set_new(a->out, "consume_amount", money(s.total[S_DUE - S_LIST]));
    json_object_set_new(a->out, "debt_amount", money(0));
    json_object_set_new(a->out, "coupon_amount", money(s.total[S_COUPONS - S_LIST]));
    json_object_set_new(a->out, "flexipurchase_coupon_amount", money(0));
    json_object_set_new(a->out, "stored_value_card_amount", money(0));
    json_object_set_new(a->out, "cash_amount", money(s.total[S_CASH - S_LIST]));
    json_object_set_new(a->out, "credit_amount", money(s.total[S_CREDIT - S_LIST]));
    json_object_set_new(a->out, "writeoff_amount", money(0));
    json_object_set_new(a->out, "measure_id", json_integer(1));
    json_object_set_new(a->out, "currency", json_string("USD"));
    return 200;
}

/* ---- list_customerself_resource_records ---- */

typedef struct rec_filters {
    int64_t cycle, bill_type;
    int none, hide_zero;
    const char *service, *region, *mode, *resource, *trade, *day_from, *day_to;
} rec_filters;

/* A day "YYYY-MM-DD" of the cycle: 1, or -1 (answered). */
static int cycle_day(pc_api *a, const char *field, const char *s, int64_t cycle)
{
    static const pc_field f = {"day", pc_valid_date, 0, 0, 0, NULL};
    pc_value v = {0};
    if (strlen(s) != 10 || pc_valid_date(&f, s, &v) || v.i / 100 != cycle)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: %s must be a day YYYY-MM-DD of the cycle.", field),
               -1;
    return 1;
}

static int read_records_filters(pc_api *a, rec_filters *f)
{
    int own, project, r;
    int64_t stat = 3, mode = 0;
    const char *from = NULL, *to = NULL;
    if (bills_month(a, "cycle", 1, &f->cycle) < 0 ||
        pc_api_string(a, "cloud_service_type", 0, 64, &f->service) < 0 ||
        pc_api_string(a, "region", 0, 64, &f->region) < 0 ||
        bills_opt_int(a, "charge_mode", 1, 11, &mode) < 0 ||
        bills_opt_int(a, "bill_type", 1, 102, &f->bill_type) < 0 ||
        pc_api_string(a, "resource_id", 0, 64, &f->resource) < 0 ||
        pc_api_string(a, "trade_id", 0, 80, &f->trade) < 0 ||
        (project = project_matches(a, 1)) < 0 || (own = own_lines(a, 1)) < 0 ||
        pc_api_string(a, "bill_date_begin", 0, 10, &from) < 0 ||
        pc_api_string(a, "bill_date_end", 0, 10, &to) < 0 ||
        bills_opt_int(a, "statistic_type", 1, 3, &stat) < 0)
        return -1;
    if (mode && !(f->mode = bills_billing_mode(mode)))
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: charge_mode must be 1, 3, 10 or 11."),
               -1;
    if (stat != 3)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: statistic_type %lld is not supported (only 3, "
                            "per record).",
                            (long long)stat),
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
        pc_sql_add(b, "AND " LOCAL_DAY_SQL " BETWEEN ? AND ?",
                   PC_STR(pc_conf_str("Billing.timezone")), PC_STR(f->day_from), PC_STR(f->day_to));
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
        json_object_set_new(o, "effective_time", pc_api_time(pc_row_str(r, R_FROM)));
        json_object_set_new(o, "expire_time", pc_api_time(pc_row_str(r, R_TO)));
    }
    put(o, "resource_id", pc_row_str(r, R_RESOURCE));
    put(o, "resource_name", pc_row_str(r, R_RESOURCE_NAME));
    put(o, "trade_id", pc_row_str(r, R_TRADE));
    put(o, "id", pc_row_str(r, R_ID));
    json_object_set_new(o, "trade_time", pc_api_time(pc_row_str(r, R_TRADE_AT)));
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
    json_object_set_new(o, "consume_time", pc_api_time(pc_row_str(r, R_TRADE_AT)));
    put(o, "account_name", pc_row_str(r, R_ACCOUNT));
    json_array_append_new(json_object_get(a->out, "fee_records"), o);
    return 0;
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 1;
}

int api_list_customerself_resource_records(pc_api *a)
{
    if (bills_need_customer(a))
        return a->status;
    rec_filters f = {0};
    int64_t offset = 0, limit = 10, count = 0;
    if (read_records_filters(a, &f) || pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0)
        return a->status;
    const char *tz = pc_conf_str("Billing.timezone");
    pc_sql_build c = {0}, b = {0};
    pc_sql_add(&c, "SELECT COUNT(*) FROM expenditure_lines l JOIN products p ON p.id = "
                   "l.product_id");
    records_where(a, &f, &c);
    pc_sql_add(&b,
               "SELECT l.id, " LOCAL_DAY_SQL ", " BILLS_BILL_TYPE_SQL ", l.region, "
               "COALESCE(g.name, ''), p.code, p.name, l.billing_mode, l.spent_from, l.spent_to, "
               "l.resource_key, l.resource_name, l.transaction_no, l.transaction_at, "
               "l.billing_item, l.usage_qty, l.pricing_unit, l.list_amount, l.discount, "
               "l.amount_due, l.cash_payment, l.coupons_used, l.monthly_settlement, "
               "c.account_name, COALESCE((SELECT i.resource_type FROM price_items i WHERE "
               "i.product_id = l.product_id AND i.billing_item = l.billing_item AND i.region IN "
               "(l.region, '') ORDER BY i.region DESC LIMIT 1), ''), "
               "IF(l.source_key LIKE 'o:%' OR l.source_key LIKE 'r:%', l.transaction_no, '') "
               "FROM expenditure_lines l JOIN products p ON p.id = l.product_id "
               "JOIN customers c ON c.id = l.customer_id LEFT JOIN regions g ON g.code = l.region",
               PC_STR(tz));
    records_where(a, &f, &b);
    pc_sql_add(&b, "ORDER BY l.transaction_at DESC, l.id DESC LIMIT ? OFFSET ?", PC_I64(limit),
               PC_I64(offset));
    json_object_set_new(a->out, "fee_records", json_array());
    if (pc_db_query_built(&records_count_composer, &c, count_row, &count) < 0 ||
        pc_db_query_built(&records_composer, &b, record_row, a) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    json_object_set_new(a->out, "total_count", json_integer(count));
    json_object_set_new(a->out, "currency", json_string("USD"));
    return 200;
}
