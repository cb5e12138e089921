/*
 * list_costs (spec partner-api.md §5.8): a customer's cost analysis over its
 * own expenditure lines, per day (GMT+08:00, Billing.timezone) or per
 * billing cycle, grouped by up to three dimensions and filtered.
 *
 * What our data holds is supported: original cost (AMORTIZED_COST is
 * answered 400: yearly/monthly orders are not spread over their periods
 * here), PAYMENT_AMOUNT (amount payable) and NET_AMOUNT (payable less
 * coupons), the dimensions of DIMS below; cost tags, cost units and the
 * other dimensions (enterprise projects, availability zones, specs, …) are
 * answered 400 naming the field.  Rows are the dimension groups in the
 * order of their values; offset/limit page over them (total_count counts
 * them); each row's costs are its time slots that have lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_bills.h"
#include "api_core.h"
#include "base/clock.h"
#include "base/db.h"

int api_list_costs(pc_api *a);

#define MAX_LIMIT   1000
#define MAX_GROUPBY 3
#define MAX_FILTERS 8
#define MAX_VALUES  100
#define MAX_MONTHS  12 /* begin and end at most 12 billing cycles apart, both included */

PC_SQL_COMPOSER(costs_composer);

#define RESOURCE_TYPE_SQL                                                                          \
    "COALESCE((SELECT i.resource_type FROM price_items i WHERE i.product_id = l.product_id AND "   \
    "i.billing_item = l.billing_item AND i.region IN (l.region, '') ORDER BY i.region DESC "       \
    "LIMIT 1), '')"

/* A dimension: its key, its value as text, and its fragments (select, include, exclude). */
typedef struct dim {
    const char *key, *select, *include, *exclude;
} dim;
#define DIM(key, expr)                                                                             \
    {                                                                                              \
        key, expr ", ", "AND JSON_CONTAINS(?, JSON_QUOTE(" expr "))",                              \
            "AND NOT JSON_CONTAINS(?, JSON_QUOTE(" expr "))"                                       \
    }
static const dim DIMS[] = {
    DIM("CLOUD_SERVICE_TYPE", "p.code"),
    DIM("RESOURCE_TYPE", RESOURCE_TYPE_SQL),
    DIM("ASSOCIATED_ACCOUNT", "CAST(l.customer_id AS CHAR)"),
    DIM("REGION_CODE", "l.region"),
    DIM("CHARGING_MODE", "CAST(" BILLS_CHARGING_MODE_SQL " AS CHAR)"),
    DIM("USAGE_TYPE", "l.billing_item"),
    DIM("BILL_TYPE", "CAST(" BILLS_BILL_TYPE_SQL " AS CHAR)"),
    DIM("RESOURCE_ID", "l.resource_key"),
};
#define NDIMS (sizeof DIMS / sizeof DIMS[0])

/* Every dimension the contract names (FilterFactor.key, GroupBy.key), supported or not. */
static const char *const KNOWN[] = {
    "CLOUD_SERVICE_TYPE", "ASSOCIATED_ACCOUNT",    "REGION_CODE", "RES_SPEC_CODE",
    "USAGE_TYPE",         "ENTERPRISE_PROJECT_ID", "RESOURCE_ID", "CHARGING_MODE",
    "BILL_TYPE",          "RESOURCE_TYPE",         "AZ_CODE",     "BE_ID",
    "PAYER_ACCOUNT_ID",   "RESOURCE_TAG",          "COST_UNIT",   NULL};

static const char *const GROUP_BY[MAX_GROUPBY + 1] = {
    "GROUP BY 1 ORDER BY 1", "GROUP BY 1, 2 ORDER BY 1, 2", "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"};

typedef struct costs_req {
    int days;                      /* time_measure_id 1 (else 2: months) */
    int net;                       /* NET_AMOUNT */
    const char *begin, *end;       /* as given */
    int64_t cycle_from, cycle_to;  /* YYYYMM */
    char utc_from[20], utc_to[20]; /* days: [from, to) in UTC */
    const dim *group[MAX_GROUPBY];
    size_t ngroup;
    const dim *filter[MAX_FILTERS];
    int exclude[MAX_FILTERS];
    const char *values[MAX_FILTERS]; /* a JSON array of strings */
    size_t nfilter;
} costs_req;

/* The text of a JSON string, NULL for anything else (a decimal number the core wraps included). */
static const char *text_of(json_t *v)
{
    return json_is_string(v) && !api_decimal_text(v) ? json_string_value(v) : NULL;
}

static int bad(pc_api *a, const char *field, const char *why)
{
    return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s %s", field, why);
}

static const dim *find_dim(const char *key)
{
    for (size_t i = 0; i < NDIMS; i++)
        if (strcmp(DIMS[i].key, key) == 0)
            return &DIMS[i];
    return NULL;
}

static int known(const char *key)
{
    for (size_t i = 0; KNOWN[i]; i++)
        if (strcmp(KNOWN[i], key) == 0)
            return 1;
    return 0;
}

/* A dimension key at `field`: the dimension, or NULL having answered 400. */
static const dim *dim_of(pc_api *a, const char *field, json_t *key)
{
    const char *k = text_of(key);
    if (!k)
        return bad(a, field, "must be a string."), NULL;
    const dim *d = find_dim(k);
    if (!d)
        bad(a, field,
            known(k) ? "names a dimension Partner Center does not support."
                     : "must be a dimension such as CLOUD_SERVICE_TYPE.");
    return d;
}

/* One time bound: a day (days) or a month; its cycle into *cycle. */
static int time_bound(pc_api *a, costs_req *r, const char *field, json_t *v, const char **out,
                      int64_t *cycle)
{
    const char *s = text_of(v);
    int ymd, c;
    if (!s || (r->days ? pc_clock_date_parse(s, &ymd) : pc_clock_cycle_parse(s, &c)))
        return bad(a, field, r->days ? "must be YYYY-MM-DD." : "must be YYYY-MM.");
    *out = s;
    *cycle = r->days ? pc_clock_cycle_of_date(s) : c;
    return 0;
}

static int read_time(pc_api *a, costs_req *r)
{
    json_t *t = json_object_get(a->json, "time_condition");
    if (!json_is_object(t))
        return bad(a, "time_condition", "is required (an object).");
    json_t *m = json_object_get(t, "time_measure_id");
    if (!json_is_integer(m) || (json_integer_value(m) != 1 && json_integer_value(m) != 2))
        return bad(a, "time_condition.time_measure_id", "must be 1 (day) or 2 (month).");
    r->days = json_integer_value(m) == 1;
    if (time_bound(a, r, "time_condition.begin_time", json_object_get(t, "begin_time"), &r->begin,
                   &r->cycle_from) ||
        time_bound(a, r, "time_condition.end_time", json_object_get(t, "end_time"), &r->end,
                   &r->cycle_to))
        return a->status;
    if (strcmp(r->begin, r->end) > 0)
        return bad(a, "time_condition.end_time", "must not be before begin_time.");
    if (pc_clock_cycle_months(r->cycle_from, r->cycle_to) >= MAX_MONTHS)
        return bad(a, "time_condition.end_time", "must be within 12 months of begin_time.");
    if (r->days) {
        pc_clock_day_start(r->begin, 0, r->utc_from);
        pc_clock_day_start(r->end, 1, r->utc_to);
    }
    return 0;
}

static int read_groupby(pc_api *a, costs_req *r)
{
    json_t *g = json_object_get(a->json, "groupby");
    if (!json_is_array(g))
        return bad(a, "groupby", "is required (an array).");
    if (json_array_size(g) > MAX_GROUPBY)
        return bad(a, "groupby", "has more than 3 items.");
    for (size_t i = 0; i < json_array_size(g); i++) {
        json_t *it = json_array_get(g, i);
        const char *field = pc_arena_printf(&a->arena, "groupby[%zu]", i);
        if (!json_is_object(it))
            return bad(a, field, "must be an object.");
        json_t *type = json_object_get(it, "type");
        const char *t = json_is_null(type) || !type ? "dimension" : text_of(type);
        if (!t || (strcmp(t, "dimension") && strcmp(t, "tag") && strcmp(t, "cost_unit")))
            return bad(a, pc_arena_printf(&a->arena, "%s.type", field),
                       "must be dimension, tag or cost_unit.");
        if (strcmp(t, "dimension"))
            return bad(a, pc_arena_printf(&a->arena, "%s.type", field),
                       "tag and cost_unit are not supported: Partner Center keeps no cost tags "
                       "or cost units.");
        const dim *d =
            dim_of(a, pc_arena_printf(&a->arena, "%s.key", field), json_object_get(it, "key"));
        if (!d)
            return a->status;
        for (size_t k = 0; k < r->ngroup; k++)
            if (r->group[k] == d)
                return bad(a, pc_arena_printf(&a->arena, "%s.key", field), "is repeated.");
        r->group[r->ngroup++] = d;
    }
    return 0;
}

/* filter_factor.value: an array of at most MAX_VALUES strings, kept as JSON text. */
static int read_values(pc_api *a, const char *field, json_t *v, const char **out)
{
    if (!json_is_array(v) || json_array_size(v) > MAX_VALUES)
        return bad(a, field, "must be an array of at most 100 strings.");
    for (size_t i = 0; i < json_array_size(v); i++)
        if (!text_of(json_array_get(v, i)))
            return bad(a, field, "must be an array of at most 100 strings.");
    char *text = json_dumps(v, JSON_COMPACT);
    if (!text)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    *out = pc_arena_printf(&a->arena, "%s", text);
    free(text);
    return 0;
}

static int read_filters(pc_api *a, costs_req *r)
{
    json_t *f = json_object_get(a->json, "filters");
    if (!f || json_is_null(f))
        return 0;
    if (!json_is_array(f) || json_array_size(f) > MAX_FILTERS)
        return bad(a, "filters", "must be an array of at most 8 filters.");
    for (size_t i = 0; i < json_array_size(f); i++) {
        json_t *it = json_array_get(f, i), *op, *ff;
        const char *field = pc_arena_printf(&a->arena, "filters[%zu]", i);
        if (!json_is_object(it))
            return bad(a, field, "must be an object.");
        op = json_object_get(it, "operator");
        if (!op || json_is_null(op))
            continue; /* "absent or null: no filter" */
        if (!json_is_integer(op) || (json_integer_value(op) != 0 && json_integer_value(op) != 1))
            return bad(a, pc_arena_printf(&a->arena, "%s.operator", field),
                       "must be 0 (include) or 1 (exclude).");
        ff = json_object_get(it, "filter_factor");
        if (!json_is_object(ff))
            return bad(a, pc_arena_printf(&a->arena, "%s.filter_factor", field),
                       "is required (an object).");
        const dim *d = dim_of(a, pc_arena_printf(&a->arena, "%s.filter_factor.key", field),
                              json_object_get(ff, "key"));
        if (!d || read_values(a, pc_arena_printf(&a->arena, "%s.filter_factor.value", field),
                              json_object_get(ff, "value"), &r->values[r->nfilter]))
            return a->status;
        r->exclude[r->nfilter] = json_integer_value(op) == 1;
        r->filter[r->nfilter++] = d;
    }
    return 0;
}

/* cost_type: ORIGINAL_COST only (0), else 400. */
static int read_cost_type(pc_api *a)
{
    const char *s = text_of(json_object_get(a->json, "cost_type"));
    if (s && strcmp(s, "AMORTIZED_COST") == 0)
        return bad(a, "cost_type",
                   "AMORTIZED_COST is not supported: Partner Center reports original costs only.");
    if (!s || strcmp(s, "ORIGINAL_COST"))
        return bad(a, "cost_type", "must be ORIGINAL_COST or AMORTIZED_COST.");
    return 0;
}

/* amount_type: *net = NET_AMOUNT. */
static int read_amount_type(pc_api *a, int *net)
{
    const char *s = text_of(json_object_get(a->json, "amount_type"));
    if (!s || (strcmp(s, "PAYMENT_AMOUNT") && strcmp(s, "NET_AMOUNT")))
        return bad(a, "amount_type", "must be PAYMENT_AMOUNT or NET_AMOUNT.");
    *net = strcmp(s, "NET_AMOUNT") == 0;
    return 0;
}

static int read_request(pc_api *a, costs_req *r)
{
    if (!a->json)
        return bad(a, "time_condition", "is required (an object).");
    if (read_time(a, r) || read_groupby(a, r) || read_cost_type(a) ||
        read_amount_type(a, &r->net) || read_filters(a, r))
        return a->status;
    return 0;
}

/* ---- the answer ---- */

typedef struct costs_state {
    pc_api *a;
    const costs_req *r;
    int64_t groups, offset, limit;
    const char *prev[MAX_GROUPBY];
    json_t *row; /* the current group when on the page, else NULL */
    int64_t amount, official;
} costs_state;

static void close_row(costs_state *s)
{
    if (!s->row)
        return;
    json_object_set_new(s->row, "amount_by_costs", bills_money_string(s->amount));
    json_object_set_new(s->row, "official_amount_by_costs", bills_money_string(s->official));
    s->row = NULL;
}

static void open_row(costs_state *s, const pc_row *row)
{
    const costs_req *r = s->r;
    s->groups++;
    s->amount = s->official = 0;
    for (size_t i = 0; i < r->ngroup; i++)
        s->prev[i] = pc_arena_printf(&s->a->arena, "%s", pc_row_str(row, i));
    if (s->groups <= s->offset || s->groups > s->offset + s->limit)
        return;
    s->row = json_object();
    json_t *dims = json_array();
    for (size_t i = 0; i < r->ngroup; i++) {
        json_t *d = json_object();
        json_object_set_new(d, "key", json_string(r->group[i]->key));
        json_object_set_new(d, "value", json_string(s->prev[i]));
        json_array_append_new(dims, d);
    }
    json_object_set_new(s->row, "dimensions", dims);
    json_object_set_new(s->row, "costs", json_array());
    json_array_append_new(json_object_get(s->a->out, "cost_data"), s->row);
}

static int cost_row(void *arg, const pc_row *row)
{
    costs_state *s = arg;
    const costs_req *r = s->r;
    int same = s->groups > 0;
    for (size_t i = 0; same && i < r->ngroup; i++)
        same = strcmp(s->prev[i], pc_row_str(row, i)) == 0;
    if (!same) {
        close_row(s);
        open_row(s, row);
    }
    int64_t amount = pc_row_i64(row, r->ngroup + 1), official = pc_row_i64(row, r->ngroup + 2);
    s->amount += amount;
    s->official += official;
    if (!s->row)
        return 0;
    json_t *c = json_object();
    json_object_set_new(c, "time_dimension_value", json_string(pc_row_str(row, r->ngroup)));
    json_object_set_new(c, "time_measure_id", json_integer(r->days ? 1 : 2));
    json_object_set_new(c, "amount", bills_money_string(amount));
    json_object_set_new(c, "official_amount", bills_money_string(official));
    json_array_append_new(json_object_get(s->row, "costs"), c);
    return 0;
}

static void compose(pc_api *a, const costs_req *r, pc_sql_build *b)
{
    pc_sql_add(b, "SELECT");
    for (size_t i = 0; i < r->ngroup; i++)
        pc_sql_add(b, r->group[i]->select);
    if (r->days)
        pc_sql_add(b, "DATE_FORMAT(CONVERT_TZ(l.transaction_at, '+00:00', ?), '%Y-%m-%d'), ",
                   PC_STR(pc_clock_zone()));
    else
        pc_sql_add(b, PC_CLOCK_CYCLE_SQL("l.billing_cycle") ", ");
    pc_sql_add(b, r->net ? "SUM(l.amount_due - l.coupons_used), " : "SUM(l.amount_due), ");
    pc_sql_add(b,
               "SUM(l.list_amount) FROM expenditure_lines l JOIN products p ON p.id = "
               "l.product_id WHERE l.customer_id = ? AND l.billing_cycle BETWEEN ? AND ?",
               PC_I64(a->user.customer_id), PC_I64(r->cycle_from), PC_I64(r->cycle_to));
    if (r->days)
        pc_sql_add(b, "AND l.transaction_at >= ? AND l.transaction_at < ?", PC_STR(r->utc_from),
                   PC_STR(r->utc_to));
    for (size_t i = 0; i < r->nfilter; i++)
        pc_sql_add_binds(b, r->exclude[i] ? r->filter[i]->exclude : r->filter[i]->include,
                         &PC_STR(r->values[i]), 1);
    pc_sql_add(b, GROUP_BY[r->ngroup]);
}

int api_list_costs(pc_api *a)
{
    if (bills_need_customer(a))
        return a->status;
    costs_req r = {0};
    int64_t offset = 0, limit = 10;
    if (read_request(a, &r) || pc_api_paging(a, MAX_LIMIT, &offset, &limit) < 0)
        return a->status;
    pc_sql_build b = {0};
    compose(a, &r, &b);
    costs_state s = {a, &r, 0, offset, limit, {0}, NULL, 0, 0};
    json_object_set_new(a->out, "currency", json_string("USD"));
    json_object_set_new(a->out, "cost_data", json_array());
    if (pc_db_query_built(&costs_composer, &b, cost_row, &s) < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    close_row(&s);
    json_object_set_new(a->out, "total_count", json_integer(s.groups));
    return 200;
}
