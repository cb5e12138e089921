/*
 * A customer's own bills, asked with its own key (spec partner-api.md §5.8):
 * show_customer_monthly_sum, the month per cloud service type × charging
 * mode × bill type (list_customerself_resource_records, the fee records, is
 * in api_bills_records.c).  Over the expenditure lines of
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
#include "base/clock.h"
#include "base/db.h"
#include "base/valid.h"

int api_show_customer_monthly_sum(pc_api *a);

#define MAX_LIMIT 1000

PC_SQL_COMPOSER(sum_composer);

static json_t *money(int64_t v)
{
    return pc_api_money(v, 8);
}

int bills_own_lines(pc_api *a, int empty_sub_is_none)
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

int bills_project_matches(pc_api *a, int empty_ok)
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
        (project = bills_project_matches(a, 0)) < 0 || (own = bills_own_lines(a, 0)) < 0 ||
        pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0)
        return a->status;
    const char *month = pc_clock_cycle_text(&a->arena, cycle);
    sum_state s = {json_array(), 0, offset, limit, {0}, month, NULL, NULL};
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
