/*
 * list_sub_customer_coupons (spec partner-api.md §5.6): the caller's own
 * coupons.  A partner's are the cash coupons the vendor issued to it (the
 * Coupons page, finance.view); a customer's are the cash coupons its partner
 * issued to it out of the coupon quota (Coupon Management).  All of ours are
 * cash coupons that are used up over several bills: coupon_type 1
 * (voucher), coupon_version 2.
 *
 * Status: available before valid_from → 1 not activated; available → 2;
 * used → 3; invalid after valid_to → 4 expired; invalid before it (revoked)
 * and reclaimed → 5 reclaimed.  Used, expired and reclaimed coupons are
 * listed while their validity ended less than 12 months ago.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_bills.h"
#include "base/clock.h"
#include "base/db.h"

int api_list_sub_customer_coupons(pc_api *a);

#define MAX_LIMIT 100

PC_SQL_COMPOSER(coupons_composer);
PC_SQL_COMPOSER(coupons_count_composer);

/* the vendor's status code of a coupon row `k` */
#define STATUS_SQL                                                                                 \
    "(CASE WHEN k.status = 'available' AND k.valid_from > UTC_TIMESTAMP() THEN 1 "                 \
    "WHEN k.status = 'available' AND k.valid_to >= UTC_TIMESTAMP() THEN 2 "                        \
    "WHEN k.status = 'used' THEN 3 WHEN k.status = 'reclaimed' THEN 5 "                            \
    "WHEN k.valid_to < UTC_TIMESTAMP() THEN 4 ELSE 5 END)"

enum {
    C_ID,
    C_CODE,
    C_STATUS,
    C_CUSTOMER,
    C_FACE,
    C_BALANCE,
    C_FROM,
    C_TO,
    C_NAME,
    C_REMARKS,
    C_CREATED,
    C_ISSUER,
    C_OWNER,
    C_PRODUCT,
    C_EXCLUDED,
    C_MODE,
    C_REGION,
    C_NO_PROMOTION,
    C_LAST_USE,
};

typedef struct filters {
    int64_t coupon_id, status, source_id;
    int none; /* a filter no coupon of ours can match (order, plan, another type) */
    const char *active_from, *active_to;
} filters;

/* The caller's coupons matching f, as fragments. */
static void compose_where(pc_api *a, const filters *f, pc_sql_build *b)
{
    if (a->user.kind == PC_KIND_CUSTOMER)
        pc_sql_add(b, "WHERE k.customer_id = ? AND k.issuer = 'partner'",
                   PC_I64(a->user.customer_id));
    else
        pc_sql_add(b, "WHERE k.owner_partner_id = ? AND k.issuer = 'vendor'",
                   PC_I64(a->user.partner_id));
    pc_sql_add(b, "AND (k.status = 'available' OR k.valid_to >= UTC_TIMESTAMP() - INTERVAL 12 "
                  "MONTH)");
    if (f->none)
        pc_sql_add(b, "AND 0 = 1");
    if (f->coupon_id)
        pc_sql_add(b, "AND k.id = ?", PC_I64(f->coupon_id));
    if (f->source_id)
        pc_sql_add(b, "AND k.issuer = 'partner' AND k.owner_partner_id = ?", PC_I64(f->source_id));
    if (f->status)
        pc_sql_add(b, "AND " STATUS_SQL " = ?", PC_I64(f->status));
    if (f->active_from)
        pc_sql_add(b, "AND k.created_at >= ?", PC_STR(f->active_from));
    if (f->active_to)
        pc_sql_add(b, "AND k.created_at <= ?", PC_STR(f->active_to));
}

/* "2024-05-06T08:05:01Z" → "2024-05-06 08:05:01" (arena), NULL when malformed. */
static const char *utc_param(pc_api *a, const char *s)
{
    char out[20];
    time_t t;
    return pc_clock_parse_iso(s, &t) ? NULL : pc_arena_strdup(&a->arena, pc_clock_text(t, out));
}

/* An ID filter: ours are decimal numbers; any other text matches nothing. */
static int64_t id_param(const char *s, int *none)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0) {
        *none = 1;
        return 0;
    }
    return v;
}

static int read_filters(pc_api *a, filters *f)
{
    const char *s;
    int r;
    if ((r = pc_api_string(a, "coupon_id", 0, 64, &s)) < 0)
        return -1;
    if (r && *s)
        f->coupon_id = id_param(s, &f->none);
    if ((r = pc_api_string(a, "source_id", 0, 64, &s)) < 0)
        return -1;
    if (r && *s)
        f->source_id = id_param(s, &f->none);
    /* our coupons belong to no order and no promotion plan */
    if ((r = pc_api_string(a, "order_id", 0, 64, &s)) < 0)
        return -1;
    if (r && *s)
        f->none = 1;
    if ((r = pc_api_string(a, "promotion_plan_id", 0, 64, &s)) < 0)
        return -1;
    if (r && *s)
        f->none = 1;
    int64_t type = 0;
    if (bills_opt_int(a, "coupon_type", 1, 4, &type) < 0)
        return -1;
    if (type > 1)
        f->none = 1;
    if (bills_opt_int(a, "status", 1, 5, &f->status) < 0)
        return -1;
    const char *names[2] = {"active_start_time", "active_end_time"};
    const char **out[2] = {&f->active_from, &f->active_to};
    for (int i = 0; i < 2; i++) {
        if ((r = pc_api_string(a, names[i], 0, 20, &s)) < 0)
            return -1;
        if (r && *s && !(*out[i] = utc_param(a, s)))
            return pc_api_error(a, 400, "CBC.0100",
                                "Invalid parameter: %s must be a UTC time yyyy-MM-ddTHH:mm:ssZ.",
                                names[i]),
                   -1;
    }
    return 0;
}

static void set_str(json_t *o, const char *k, const char *v)
{
    if (v && *v)
        json_object_set_new(o, k, json_string(v));
}

/* One restriction of ICouponUseLimitInfoV2 (keys of our own: product, excluded_product, …). */
static void add_limit(json_t *list, const pc_row *r, int n, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    json_t *o = json_object();
    json_object_set_new(o, "use_limiti_info_id", json_sprintf("%s-%d", pc_row_str(r, C_ID), n));
    json_object_set_new(o, "limit_key", json_string(key));
    json_object_set_new(o, "value1", json_string(value));
    json_object_set_new(o, "limit_type", json_string("include"));
    json_array_append_new(list, o);
}

static json_t *use_limits(const pc_row *r)
{
    json_t *l = json_array();
    char mode[8] = "";
    int code = bills_charging_mode(pc_row_str(r, C_MODE));
    if (code)
        snprintf(mode, sizeof mode, "%d", code);
    add_limit(l, r, 1, "customer", pc_row_str(r, C_CUSTOMER));
    add_limit(l, r, 2, "cloud_service_type", pc_row_str(r, C_PRODUCT));
    add_limit(l, r, 3, "excluded_cloud_service_type", pc_row_str(r, C_EXCLUDED));
    add_limit(l, r, 4, "charging_mode", mode);
    add_limit(l, r, 5, "region", pc_row_str(r, C_REGION));
    if (pc_row_i64(r, C_NO_PROMOTION))
        add_limit(l, r, 6, "no_promotional_products", "1");
    return l;
}

static int coupon_row(void *arg, const pc_row *r)
{
    json_t *o = json_object(), *list = arg;
    set_str(o, "coupon_id", pc_row_str(r, C_ID));
    set_str(o, "coupon_code", pc_row_str(r, C_CODE));
    json_object_set_new(o, "status", json_integer(pc_row_i64(r, C_STATUS)));
    set_str(o, "customer_id", pc_row_str(r, C_CUSTOMER));
    json_object_set_new(o, "coupon_type", json_integer(1));
    json_object_set_new(o, "measure_id", json_integer(1));
    json_object_set_new(o, "face_value", pc_api_money(pc_row_i64(r, C_FACE), 8));
    json_object_set_new(o, "valid_time", pc_api_time(pc_row_str(r, C_FROM)));
    json_object_set_new(o, "expire_time", pc_api_time(pc_row_str(r, C_TO)));
    set_str(o, "plan_name", pc_row_str(r, C_NAME));
    set_str(o, "plan_desc", pc_row_str(r, C_REMARKS));
    json_object_set_new(o, "media_type", json_integer(1));
    json_object_set_new(o, "fetch_method", json_integer(3));
    json_object_set_new(o, "use_limits", use_limits(r));
    json_object_set_new(o, "active_time", pc_api_time(pc_row_str(r, C_CREATED)));
    if (pc_row_i64(r, C_STATUS) == 3 && *pc_row_str(r, C_LAST_USE))
        json_object_set_new(o, "reserve_time", pc_api_time(pc_row_str(r, C_LAST_USE)));
    json_object_set_new(o, "create_time", pc_api_time(pc_row_str(r, C_CREATED)));
    json_object_set_new(o, "coupon_version", json_integer(2));
    json_object_set_new(o, "balance", pc_api_money(pc_row_i64(r, C_BALANCE), 8));
    json_object_set_new(o, "is_frozen", json_string("0"));
    json_object_set_new(o, "currency", json_string("USD"));
    if (strcmp(pc_row_str(r, C_ISSUER), "partner") == 0)
        set_str(o, "source_id", pc_row_str(r, C_OWNER));
    json_array_append_new(list, o);
    return 0;
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 1;
}

int api_list_sub_customer_coupons(pc_api *a)
{
    if (a->user.kind != PC_KIND_CUSTOMER && bills_need_finance(a))
        return a->status;
    filters f = {0};
    int64_t offset = 0, limit = 10, count = 0;
    if (read_filters(a, &f) || pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0)
        return a->status;
    pc_sql_build c = {0}, b = {0};
    pc_sql_add(&c, "SELECT COUNT(*) FROM coupons k");
    compose_where(a, &f, &c);
    pc_sql_add(&b, "SELECT k.id, k.code, " STATUS_SQL ", COALESCE(k.customer_id, ''), "
                   "k.face_value, k.balance, k.valid_from, k.valid_to, k.name, k.remarks, "
                   "k.created_at, k.issuer, k.owner_partner_id, COALESCE(p.code, ''), "
                   "COALESCE(x.code, ''), COALESCE(k.billing_mode, ''), k.region, k.no_promotion, "
                   "(SELECT MAX(l.transaction_at) FROM coupon_usage u JOIN expenditure_lines l "
                   "ON l.id = u.line_id WHERE u.coupon_id = k.id) "
                   "FROM coupons k LEFT JOIN products p ON p.id = k.product_id "
                   "LEFT JOIN products x ON x.id = k.excluded_product_id");
    compose_where(a, &f, &b);
    pc_sql_add(&b, "ORDER BY k.id DESC LIMIT ? OFFSET ?", PC_I64(limit), PC_I64(offset));
    json_t *list = json_array();
    json_object_set_new(a->out, "user_coupons", list);
    if (pc_db_query_built(&coupons_count_composer, &c, count_row, &count) < 0 ||
        pc_db_query_built(&coupons_composer, &b, coupon_row, list) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    json_object_set_new(a->out, "count", json_integer(count));
    return 200;
}
