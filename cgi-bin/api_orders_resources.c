/*
 * Customer resources through the partner API (spec partner-api.md §5.5):
 * list_customer_on_demand_resources (a customer's pay-per-use resources) and
 * list_pay_per_use_customer_resources (yearly/monthly resources, despite the
 * name) — the resources of the customer's Resources tab (9.3.1.10), for a
 * member with order.view over the customers in its scope.
 *
 * Resource states: running and stopped are "normal"/"in use", frozen
 * "frozen", expired "grace period"/"expired", released "closed".  Every
 * resource of ours is a main resource (we keep no attached ones).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_orders.h"
#include "base/db.h"

PC_SQL_COMPOSER(api_resources_composer);

#define RESOURCE_IDS_MAX 50

/* The columns after "SELECT " (or COUNT(*)), then FROM: r = resources, pr = its product. */
#define RES_COLUMNS                                                                                \
    "SELECT r.id, IFNULL(r.resource_key, ''), r.name, r.region, IFNULL(pr.code, ''), "             \
    "IFNULL(pr.name, r.product_type), r.spec, r.status, IFNULL(r.effective_at, ''), "              \
    "IFNULL(r.expires_at, ''), r.customer_id "
#define RES_FROM                                                                                   \
    "FROM resources r JOIN customers c ON c.id = r.customer_id "                                   \
    "LEFT JOIN products pr ON pr.id = r.product_id WHERE r.billing_mode = ?"

/* The filters both operations read, as set. */
typedef struct res_filter {
    const char *mode; /* billing mode */
    int64_t customer; /* 0: every customer of the acting partner in scope */
    const char *region, *product, *ids_json, *statuses, *order_no;
    char from[20], to[20]; /* effective (on demand) or expiry (subscriptions) window */
    int expiry;            /* the window is on expires_at */
    int none;              /* a filter nothing matches */
    api_scope sc;          /* whose customers */
} res_filter;

/* The statement: head (columns or COUNT), the scope and the filters. */
static void build(const res_filter *f, const char *head, pc_sql_build *b)
{
    memset(b, 0, sizeof *b);
    pc_sql_add(b, head, PC_STR(f->mode));
    pc_authz_scope_sql(&f->sc.s, b);
    pc_sql_add(b, "AND c.partner_id = ?", PC_I64(f->sc.acting));
    if (f->customer || f->sc.self)
        pc_sql_add(b, "AND r.customer_id = ?", PC_I64(f->customer ? f->customer : f->sc.self));
    if (f->region)
        pc_sql_add(b, "AND r.region = ?", PC_STR(f->region));
    if (f->product)
        pc_sql_add(b, "AND pr.code = ?", PC_STR(f->product));
    if (f->ids_json) /* a JSON array of strings, bound as one value */
        pc_sql_add(b,
                   "AND JSON_CONTAINS(?, JSON_QUOTE(IFNULL(r.resource_key, CAST(r.id AS CHAR))))",
                   PC_STR(f->ids_json));
    if (f->statuses) /* our own state names, comma-separated constants */
        pc_sql_add(b, "AND FIND_IN_SET(r.status, ?)", PC_STR(f->statuses));
    if (f->order_no)
        pc_sql_add(b, "AND r.order_no = ?", PC_STR(f->order_no));
    if (*f->from)
        pc_sql_add(b, f->expiry ? "AND r.expires_at >= ?" : "AND r.effective_at >= ?",
                   PC_STR(f->from));
    if (*f->to)
        pc_sql_add(b, f->expiry ? "AND r.expires_at <= ?" : "AND r.effective_at <= ?",
                   PC_STR(f->to));
    if (f->none)
        pc_sql_add_binds(b, "AND 1 = 0", NULL, 0);
}

/* Run count and page; each row through fn into list.  0, or -1 answered. */
static int run(pc_api *a, const res_filter *f, int64_t offset, int64_t limit, pc_row_fn fn,
               json_t *list, int64_t *total)
{
    pc_sql_build n, b;
    build(f, "SELECT COUNT(*) " RES_FROM, &n);
    build(f, RES_COLUMNS RES_FROM, &b);
    pc_sql_add(&b, "ORDER BY r.id DESC LIMIT ? OFFSET ?", PC_I64(limit), PC_I64(offset));
    *total = -1;
    if (pc_db_query_built(&api_resources_composer, &n, api_count_row, total) < 0 || *total < 0 ||
        pc_db_query_built(&api_resources_composer, &b, fn, list) < 0)
        return api_db_error(a), -1;
    return 0;
}

/* resource_ids: at most 50 strings, bound as one JSON array. */
static int read_ids(pc_api *a, res_filter *f)
{
    const char **ids;
    size_t n;
    int rc = pc_api_strings(a, "resource_ids", 0, RESOURCE_IDS_MAX, API_ID_MAX, &ids, &n);
    if (rc <= 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(ids[i]));
    char *text = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    if (!text)
        return api_db_error(a), -1;
    f->ids_json = pc_arena_strdup(&a->arena, text);
    free(text);
    return 1;
}

/* An optional string filter that may not be empty when sent (§5.5 service_type_code). */
static int read_code(pc_api *a, const char *field, const char **out)
{
    const char *v;
    int rc = pc_api_string(a, field, 0, API_ID_MAX, &v);
    if (rc <= 0)
        return rc;
    if (!*v)
        return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s may not be empty.", field),
               -1;
    *out = v;
    return 1;
}

static void common_fields(json_t *o, const pc_row *r)
{
    const char *key = pc_row_str(r, 1);
    json_object_set_new(o, "resource_id", json_string(*key ? key : pc_row_str(r, 0)));
    api_set_str(o, "resource_name", pc_row_str(r, 2));
    api_set_str(o, "region_code", pc_row_str(r, 3));
    api_set_str(o, "service_type_code", pc_row_str(r, 4));
    api_set_str(o, "service_type_name", pc_row_str(r, 5));
    api_set_str(o, "product_spec_desc", pc_row_str(r, 6));
    api_set_time(o, "effective_time", pc_row_str(r, 8));
    api_set_time(o, "expire_time", pc_row_str(r, 9));
}

/* ---- list_customer_on_demand_resources ---- */

static int on_demand_status(const char *s)
{
    if (strcmp(s, "frozen") == 0)
        return 3;
    if (strcmp(s, "expired") == 0)
        return 2;
    if (strcmp(s, "released") == 0)
        return 6;
    return 1; /* running, stopped */
}

static int on_demand_row(void *arg, const pc_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "customer_id", json_string(pc_row_str(r, 10)));
    common_fields(o, r);
    json_object_set_new(o, "status", json_integer(on_demand_status(pc_row_str(r, 7))));
    json_array_append_new(arg, o);
    return 0;
}

/* status of an on-demand resource: 1-6 into our states ("" for 4 and 5: none of ours). */
static int read_on_demand_status(pc_api *a, res_filter *f)
{
    static const char *const ours[7] = {NULL, "running,stopped", "expired", "frozen", "",
                                        "",   "released"};
    int64_t v;
    int rc = pc_api_int(a, "status", 0, 1, 6, &v);
    if (rc <= 0)
        return rc;
    f->statuses = ours[v];
    f->none = !*ours[v];
    return 1;
}

/* POST /v2/partners/sub-customers/on-demand-resources/query */
int api_on_demand_resources(pc_api *a)
{
    res_filter f = {.mode = "pay_per_use"};
    api_customer k;
    const char *id;
    int64_t offset, limit, total;
    if (!pc_authz_allows(&a->user, PC_PERM_ORDER_VIEW))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this key may not read customer resources.");
    if (pc_api_string(a, "customer_id", 1, API_ID_MAX, &id) < 0 ||
        api_scope_read(a, 1, &f.sc) < 0 || pc_api_paging(a, API_LIMIT_MAX, &offset, &limit) < 0 ||
        pc_api_string(a, "region_code", 0, API_ID_MAX, &f.region) < 0 ||
        read_code(a, "service_type_code", &f.product) < 0 || read_ids(a, &f) < 0 ||
        api_time(a, "effective_time_begin", f.from) < 0 ||
        api_time(a, "effective_time_end", f.to) < 0 || read_on_demand_status(a, &f) < 0 ||
        api_customer_find(a, id, &f.sc, &k) != 1)
        return a->status;
    f.customer = k.id;
    json_t *list = json_array();
    if (run(a, &f, offset, limit, on_demand_row, list, &total)) {
        json_decref(list);
        return a->status;
    }
    json_object_set_new(a->out, "resources", list);
    json_object_set_new(a->out, "total_count", json_integer(total));
    return 200;
}

/* ---- list_pay_per_use_customer_resources (yearly/monthly) ---- */

static int subscription_status(const char *s)
{
    if (strcmp(s, "released") == 0)
        return 3;
    if (strcmp(s, "frozen") == 0)
        return 4;
    if (strcmp(s, "expired") == 0)
        return 5;
    return 2; /* running, stopped: in use */
}

static int subscription_row(void *arg, const pc_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(pc_row_str(r, 0)));
    common_fields(o, r);
    json_object_set_new(o, "is_main_resource", json_integer(1));
    json_object_set_new(o, "status", json_integer(subscription_status(pc_row_str(r, 7))));
    json_array_append_new(arg, o);
    return 0;
}

/* status_list: integers 2-5 (at most 4 distinct) into our states. */
static int read_status_list(pc_api *a, res_filter *f)
{
    static const char *const ours[6] = {NULL,       NULL,     "running,stopped",
                                        "released", "frozen", "expired"};
    json_t *v = a->json ? json_object_get(a->json, "status_list") : NULL, *x;
    size_t i;
    char *set = "";
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v) || json_array_size(v) > 10)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: status_list must be an array of 2, 3, 4 or 5."),
               -1;
    json_array_foreach(v, i, x)
    {
        if (!json_is_integer(x) || json_integer_value(x) < 2 || json_integer_value(x) > 5)
            return pc_api_error(a, 400, "CBC.0100",
                                "Invalid parameter: status_list must be an array of 2, 3, 4 or 5."),
                   -1;
        set =
            pc_arena_printf(&a->arena, "%s%s%s", set, *set ? "," : "", ours[json_integer_value(x)]);
    }
    f->statuses = *set ? set : NULL; /* an empty list filters nothing */
    return 1;
}

/* only_main_resource: 0 or 1 — ours are all main resources, so it changes nothing. */
static int read_only_main(pc_api *a)
{
    int64_t v;
    return pc_api_int(a, "only_main_resource", 0, 0, 1, &v);
}

/* POST /v2/orders/suscriptions/resources/query */
int api_subscription_resources(pc_api *a)
{
    res_filter f = {.mode = "yearly_monthly", .expiry = 1};
    api_customer k;
    const char *id = NULL;
    int64_t offset, limit, total;
    /* a member with order.view, or a customer for its own resources (§5.5) */
    if (a->user.kind != PC_KIND_CUSTOMER && !pc_authz_allows(&a->user, PC_PERM_ORDER_VIEW))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this key may not read customer resources.");
    /* no indirect_partner_id here: a member lists its own partner's customers */
    if (api_scope_read(a, 0, &f.sc) < 0 ||
        pc_api_string(a, "customer_id", 0, API_ID_MAX, &id) < 0 ||
        pc_api_paging(a, API_LIMIT_MAX, &offset, &limit) < 0 || read_ids(a, &f) < 0 ||
        pc_api_string(a, "order_id", 0, API_ID_MAX, &f.order_no) < 0 || read_only_main(a) < 0 ||
        read_status_list(a, &f) < 0 || api_time(a, "expire_time_begin", f.from) < 0 ||
        api_time(a, "expire_time_end", f.to) < 0 ||
        read_code(a, "service_type_code", &f.product) < 0)
        return a->status;
    if (id && *id) {
        if (api_customer_find(a, id, &f.sc, &k) != 1)
            return a->status;
        f.customer = k.id;
    }
    if (f.order_no && !*f.order_no)
        f.order_no = NULL;
    json_t *list = json_array();
    if (run(a, &f, offset, limit, subscription_row, list, &total)) {
        json_decref(list);
        return a->status;
    }
    json_object_set_new(a->out, "data", list);
    json_object_set_new(a->out, "total_count", json_integer(total));
    return 200;
}
