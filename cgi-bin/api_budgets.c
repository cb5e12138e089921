/*
 * Customer budgets through the partner API (spec partner-api.md §5.3):
 * show_sub_customer_budget, list_sub_customer_budget,
 * update_sub_customer_budget, list_sub_customer_budget_records.
 *
 * Reading a budget needs what the customer list needs to show it (the
 * customer pages' guard and the customer in scope); changing it is the Set
 * Budget page's change (lib/rules/budget.c) behind the same gate: customer.budget,
 * the distributor's grant (ch10 10.2.1.2), a resale customer.  Budget types:
 * MONTHLY = monthly, PACKAGE = one_time; amounts in whole USD.
 */
#include <string.h>

#include "api_orders.h"
#include "rules/budget.h"
#include "base/db.h"

enum stmt { ST_BUDGET, ST_RECORDS, ST_RECORDS_COUNT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_BUDGET] = "SELECT type, amount, window_start FROM budgets WHERE customer_id = ?",
    /* newest first; binds: customer, type filter ('' = all) twice, limit, offset */
    [ST_RECORDS] = "SELECT a.new_amount, a.at, u.name, a.new_type, IFNULL(p.name, ''), "
                   "IFNULL(p.account_name, '') "
                   "FROM budget_adjustments a JOIN users u ON u.id = a.user_id "
                   "LEFT JOIN partners p ON p.id = u.partner_id WHERE a.customer_id = ? "
                   "AND (? = '' OR a.new_type = ?) ORDER BY a.id DESC LIMIT ? OFFSET ?",
    [ST_RECORDS_COUNT] = "SELECT COUNT(*) FROM budget_adjustments a WHERE a.customer_id = ? "
                         "AND (? = '' OR a.new_type = ?)",
};
PC_SQL_TABLE(api_budget_sql, sql);

static const char *wire_type(const char *type)
{
    return strcmp(type, "one_time") == 0 ? "PACKAGE" : "MONTHLY";
}

/* MONTHLY / PACKAGE of `field` into our type; 1, 0 absent, -1 bad (answered). */
static int read_type(pc_api *a, const char *field, const char **type)
{
    const char *v;
    int rc = pc_api_string(a, field, 0, 16, &v);
    if (rc <= 0)
        return rc;
    if (strcmp(v, "MONTHLY") == 0 || strcmp(v, "PACKAGE") == 0) {
        *type = strcmp(v, "MONTHLY") == 0 ? "monthly" : "one_time";
        return 1;
    }
    pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s must be MONTHLY or PACKAGE.", field);
    return -1;
}

/* The caller may see budgets at all: the customer pages' guard (the list shows them). */
static int may_read(pc_api *a)
{
    if (pc_authz_allows(&a->user, PC_GUARD_CUSTOMERS))
        return 1;
    pc_api_error(a, 403, "CBC.0151", "Access denied: this key may not read customer budgets.");
    return 0;
}

/* ---- one customer's budget ---- */

typedef struct budget_info {
    char type[12], window_start[12];
    int64_t amount;
    int found;
} budget_info;

static int budget_row(void *arg, const pc_row *r)
{
    budget_info *b = arg;
    snprintf(b->type, sizeof b->type, "%s", pc_row_str(r, 0));
    b->amount = pc_row_i64(r, 1);
    snprintf(b->window_start, sizeof b->window_start, "%s", pc_row_str(r, 2));
    b->found = 1;
    return 1;
}

/*
 * The budget fields of customer id into o: budget_amount and budget_type
 * when it has a budget, used_amount always (what a monthly budget would
 * count when it has none).  0 or -1.
 */
static int budget_fields(int64_t id, json_t *o)
{
    budget_info b = {.type = "monthly"};
    if (pc_db_query(&api_budget_sql, ST_BUDGET, PC_BINDS(PC_I64(id)), budget_row, &b) < 0)
        return -1;
    int64_t used;
    if (pc_budget_used(id, b.type, b.window_start, &used))
        return -1;
    if (b.found)
        json_object_set_new(o, "budget_amount", pc_api_money(b.amount, 8));
    json_object_set_new(o, "used_amount", pc_api_money(used, 8));
    if (b.found)
        json_object_set_new(o, "budget_type", json_string(wire_type(b.type)));
    return 0;
}

static void unit_fields(json_t *o)
{
    json_object_set_new(o, "measure_id", json_integer(1));
    json_object_set_new(o, "currency", json_string("USD"));
}

/* The customer of field customer_id, in scope and of the acting partner; 1, else answered. */
static int read_customer(pc_api *a, api_customer *k)
{
    const char *id;
    api_scope sc;
    if (pc_api_string(a, "customer_id", 1, API_ID_MAX, &id) < 0 || api_scope_read(a, 1, &sc) < 0)
        return -1;
    return api_customer_find(a, id, &sc, k) == 1 ? 1 : -1;
}

static int not_resale(pc_api *a, const char *what)
{
    return pc_api_error(a, 400, "CBC.5002", "The customer is not associated by resale: %s.", what);
}

/* GET /v2/partners/sub-customers/budget */
static int show_budget(pc_api *a)
{
    api_customer k;
    if (!may_read(a) || read_customer(a, &k) < 0)
        return a->status;
    if (!k.reseller_model)
        return not_resale(a, "budgets apply to resale customers only");
    if (budget_fields(k.id, a->out))
        return api_db_error(a);
    unit_fields(a->out);
    return 200;
}

/* ---- several customers' budgets ---- */

typedef struct list_state {
    pc_api *a;
    json_t *infos;
} list_state;

/* POST /v2/partners/sub-customers/budget/query: customers not found or not resale are left out. */
static int list_budgets(pc_api *a)
{
    const char **ids;
    size_t n;
    api_scope sc;
    if (!may_read(a) || pc_api_strings(a, "customer_ids", 1, 100, API_ID_MAX, &ids, &n) < 0 ||
        api_scope_read(a, 1, &sc) < 0)
        return a->status;
    json_t *infos = json_array();
    json_t *seen = json_object();
    for (size_t i = 0; i < n; i++) {
        api_customer k;
        if (json_object_get(seen, ids[i]))
            continue;
        json_object_set_new(seen, ids[i], json_true());
        int found = api_customer_lookup(ids[i], &sc, &k);
        if (found < 0) {
            json_decref(infos), json_decref(seen);
            return api_db_error(a);
        }
        if (found == 0 || !k.reseller_model) /* left out, no error (§5.3) */
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "customer_id", pc_api_id(k.id));
        json_array_append_new(infos, o);
        if (budget_fields(k.id, o)) {
            json_decref(infos), json_decref(seen);
            return api_db_error(a);
        }
    }
    json_decref(seen);
    unit_fields(a->out);
    json_object_set_new(a->out, "budget_infos", infos);
    return 200;
}

/* ---- the change ---- */

/* Map a refusal of the gate or of the change (HTTP status of the pages) to the API's answer. */
static int refused(pc_api *a, int status, const char *why)
{
    if (status == 403 || status == 404)
        return pc_api_error(a, 403, "CBC.0151", "Access denied: %s.", why);
    if (status == 409)
        return not_resale(a, why);
    if (status == 400)
        return pc_api_error(a, 400, "CBC.5002", "%s.", why);
    return api_db_error(a);
}

/* budget_amount by the one rule of the Set Budget pages (pc_budget_amount_check); 0, or -1
 * answered 400 CBC.0100 naming the field. */
static int read_amount(pc_api *a, int64_t *amount)
{
    if (pc_api_decimal(a, "budget_amount", 1, 8, amount) < 0)
        return -1;
    switch (pc_budget_amount_check(*amount)) {
    case PC_BUDGET_AMOUNT_OK:
        return 0;
    case PC_BUDGET_AMOUNT_DECIMALS:
        pc_api_error(a, 400, "CBC.0100",
                     "Invalid parameter: budget_amount must have at most 2 decimal places.");
        return -1;
    default:
        pc_api_error(a, 400, "CBC.0100",
                     "Invalid parameter: budget_amount must be 0-2147483647.00.");
        return -1;
    }
}

/* The body of update_sub_customer_budget into ch; 0, or -1 answered. */
static int read_change(pc_api *a, pc_budget_change *ch)
{
    int64_t frozen_type;
    const char *cancel = "0";
    int rc;
    ch->type = "monthly";
    if (read_amount(a, &ch->amount) < 0 || read_type(a, "budget_type", &ch->type) < 0 ||
        pc_api_string(a, "cancel_partner_frozen", 0, 1, &cancel) < 0)
        return -1;
    if (strcmp(cancel, "0") != 0 && strcmp(cancel, "1") != 0) {
        pc_api_error(a, 400, "CBC.0100",
                     "Invalid parameter: cancel_partner_frozen must be 0 or 1.");
        return -1;
    }
    rc = pc_api_int(a, "frozen_operate_type", 0, 0, 1, &frozen_type);
    if (rc < 0)
        return -1;
    ch->unfreeze_now = cancel[0] == '1';
    ch->policy = rc == 0            ? NULL
                 : frozen_type == 1 ? "automatic"
                                    : "manual"; /* absent: left unchanged */
    return 0;
}

/* POST /v2/partners/sub-customers/budget */
static int update_budget(pc_api *a)
{
    pc_budget_change ch = {.user = &a->user, .ip = a->remote_addr, .via = "api", .n = 1};
    api_customer k;
    if (read_change(a, &ch) || read_customer(a, &k) < 0)
        return a->status;
    int gate = pc_budget_gate(&a->user, k.partner_id, k.reseller_model, "reseller", &ch.actor);
    if (gate)
        return refused(a, gate,
                       gate == 409 ? "budgets apply to resale customers only"
                                   : "this key may not set budgets for this customer");
    int own = k.partner_id == a->user.partner_id;
    if (!pc_budget_type_granted(&ch.actor, own, ch.type))
        return pc_api_error(a, 400, "CBC.5002",
                            "budget_type %s was not granted by your distributor.",
                            wire_type(ch.type));
    /* 9.3.1.8: a partner whose own account is frozen cannot unfreeze its customers */
    if (ch.unfreeze_now && strcmp(k.freeze_state, "normal") != 0 && ch.actor.own_frozen)
        return pc_api_error(a, 400, "CBC.5002",
                            "Your account is frozen: cancel_partner_frozen is refused.");
    ch.ids[0] = k.id;
    int rc = pc_budget_set(&ch);
    if (rc < 0)
        return api_db_error(a);
    if (rc > 0)
        return refused(a, ch.status,
                       ch.status == 400
                           ? "budget_amount exceeds the budget quota your distributor granted"
                       : ch.status == 409 ? "budgets apply to resale customers only"
                                          : "this key may not set budgets for this customer");
    return 200; /* {} */
}

/* ---- records ---- */

typedef struct records_state {
    json_t *list;
} records_state;

static int record_row(void *arg, const pc_row *r)
{
    records_state *s = arg;
    json_t *o = json_object();
    json_object_set_new(o, "budget_amount", pc_api_money(pc_row_i64(r, 0), 8));
    json_object_set_new(o, "operation_type", json_string("SETTING"));
    api_set_time(o, "operation_time", pc_row_str(r, 1));
    api_set_str(o, "operator", pc_row_str(r, 2));
    json_object_set_new(o, "budget_type", json_string(wire_type(pc_row_str(r, 3))));
    api_set_str(o, "partner_corp_name", pc_row_str(r, 4));
    api_set_str(o, "partner_account_name", pc_row_str(r, 5));
    json_array_append_new(s->list, o);
    return 0;
}

/* operation_type: SETTING or DELETE (we record no DELETE: an association removed keeps its budget
 * rows). */
static int read_operation(pc_api *a, int *none)
{
    const char *v;
    int rc = pc_api_string(a, "operation_type", 0, 16, &v);
    *none = 0;
    if (rc <= 0)
        return rc;
    if (strcmp(v, "SETTING") != 0 && strcmp(v, "DELETE") != 0) {
        pc_api_error(a, 400, "CBC.0100",
                     "Invalid parameter: operation_type must be SETTING or DELETE.");
        return -1;
    }
    *none = strcmp(v, "DELETE") == 0;
    return 1;
}

/* GET /v2/partners/sub-customers/budget/records */
static int list_records(pc_api *a)
{
    api_customer k;
    const char *type = "";
    int64_t offset, limit;
    int none;
    if (!may_read(a) || pc_api_paging(a, API_LIMIT_MAX, &offset, &limit) < 0 ||
        read_operation(a, &none) < 0 || read_type(a, "budget_type", &type) < 0 ||
        read_customer(a, &k) < 0)
        return a->status;
    records_state s = {json_array()};
    int64_t total = none ? 0
                         : pc_db_int(&api_budget_sql, ST_RECORDS_COUNT,
                                     PC_BINDS(PC_I64(k.id), PC_STR(type), PC_STR(type)), -1);
    if (total < 0 || (!none && pc_db_query(&api_budget_sql, ST_RECORDS,
                                           PC_BINDS(PC_I64(k.id), PC_STR(type), PC_STR(type),
                                                    PC_I64(limit), PC_I64(offset)),
                                           record_row, &s) < 0)) {
        json_decref(s.list);
        return api_db_error(a);
    }
    json_object_set_new(a->out, "total_count", json_integer(total));
    unit_fields(a->out);
    json_object_set_new(a->out, "record_list", s.list);
    return 200;
}

static const pc_api_op ops[] = {
    PC_API_OP("GET", "/v2/partners/sub-customers/budget", "show_sub_customer_budget", show_budget,
              PC_API_PARTNER),
    PC_API_OP("POST", "/v2/partners/sub-customers/budget/query", "list_sub_customer_budget",
              list_budgets, PC_API_PARTNER),
    PC_API_OP("POST", "/v2/partners/sub-customers/budget", "update_sub_customer_budget",
              update_budget, PC_API_IDEMPOTENT | PC_API_PARTNER),
    PC_API_OP("GET", "/v2/partners/sub-customers/budget/records",
              "list_sub_customer_budget_records", list_records, PC_API_PARTNER),
};
PC_API_OP_TABLE(pc_api_budget_ops, ops);
