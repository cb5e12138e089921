/*
 * freeze_sub_customers and unfreeze_sub_customers (partner-api.md §5.1): the
 * rules and the change of the customer pages (lib/rules/customer_freeze.c), for up
 * to 10 customers in one transaction with their audit events.  A customer
 * that cannot be (un)frozen is reported in error_details (HTTP 200):
 * CBC.5002 not a customer of the acting partner in the key's scope; CBC.0151
 * no permission on it (the budget gate); CBC.0155 not now (not a resale
 * customer, its freeze state does not allow the action, or the partner's own
 * account is frozen).
 */
#include <stdio.h>
#include <string.h>

#include "api_customers.h"
#include "rules/customer_freeze.h"
#include "base/db.h"

#define MAX_IDS 10

enum stmt { ST_CUSTOMER, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* a customer pc_api_customer found in the caller's scope */
    [ST_CUSTOMER] = "SELECT c.id, c.partner_id, IFNULL(c.association_type, ''), "
                    "c.associated_at IS NOT NULL, c.freeze_state FROM customers c WHERE c.id = ?",
};
PC_SQL_TABLE(api_freeze_sql, sql);

typedef struct one {
    int64_t id, partner_id;
    int associated;
    char type[16], state[24];
} one;

static int one_row(void *arg, const pc_row *r)
{
    one *o = arg;
    o->id = pc_row_i64(r, 0);
    o->partner_id = pc_row_i64(r, 1);
    snprintf(o->type, sizeof o->type, "%s", pc_row_str(r, 2));
    o->associated = (int)pc_row_i64(r, 3);
    snprintf(o->state, sizeof o->state, "%s", pc_row_str(r, 4));
    return 1;
}

typedef struct freeze_req {
    pc_api *a;
    int unfreeze;
    pc_freeze_action action;
    int64_t partner_id;
    const char **ids;
    size_t n;
    const char *reason;
    json_t *details;
} freeze_req;

static void detail(freeze_req *r, const char *id, const char *code, const char *msg)
{
    json_t *o = json_object();
    json_object_set_new(o, "error_code", json_string(code));
    json_object_set_new(o, "error_msg", json_string(msg));
    json_object_set_new(o, "id", json_string(id));
    json_array_append_new(r->details, o);
}

/* One customer: 0 done or reported, -1 database error (the transaction rolls back). */
static int one_customer(freeze_req *r, const pc_audit_event *who, const char *wire_id)
{
    one o;
    int own_frozen = 0;
    memset(&o, 0, sizeof o);
    int64_t id = pc_api_customer(r->a, wire_id, r->partner_id);
    if (id < 0)
        return -1;
    if (id == 0) {
        detail(r, wire_id, "CBC.5002", "The customer is not a customer of this partner.");
        return 0;
    }
    if (pc_db_query(&api_freeze_sql, ST_CUSTOMER, PC_BINDS(PC_I64(id)), one_row, &o) != 1)
        return -1;
    int gate = pc_freeze_gate(&r->a->user, o.partner_id, o.associated, o.type, &own_frozen);
    if (gate == 500)
        return -1;
    if (gate == 403) {
        detail(r, wire_id, "CBC.0151", "Access denied: no permission to freeze this customer.");
        return 0;
    }
    if (gate == 409) {
        detail(r, wire_id, "CBC.0155", "Only customers associated by resale can be frozen.");
        return 0;
    }
    if (r->unfreeze && own_frozen) { /* 9.3.1.8 */
        detail(r, wire_id, "CBC.0155",
               "The partner's own account is frozen: it cannot unfreeze customers.");
        return 0;
    }
    int rc = pc_freeze_apply(who, r->action, o.id, r->reason);
    if (rc < 0)
        return -1;
    if (rc > 0)
        detail(r, wire_id, "CBC.0155",
               r->unfreeze ? "The customer's freeze state does not allow this unfreeze type."
                           : "The customer's freeze state does not allow this freeze type.");
    return 0;
}

static int freeze_tx(void *arg)
{
    freeze_req *r = arg;
    pc_audit_event who = {.actor_user_id = r->a->user.id,
                          .actor_name = r->a->user.username,
                          .partner_id = r->a->user.partner_id,
                          .ip = r->a->remote_addr};
    json_array_clear(r->details);
    for (size_t i = 0; i < r->n; i++)
        if (one_customer(r, &who, r->ids[i]))
            return -1;
    return 0;
}

static int run(pc_api *a, int unfreeze)
{
    const char *type_field = unfreeze ? "unfreeze_type" : "freeze_type", *type = NULL;
    freeze_req r = {a, unfreeze, 0, 0, NULL, 0, NULL, NULL};
    if (!pc_authz_allows(&a->user, PC_PERM_CUSTOMER_BUDGET))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this account may not freeze or unfreeze customers.");
    if (pc_api_strings(a, "customer_ids", 1, MAX_IDS, 64, &r.ids, &r.n) < 0 ||
        pc_api_string(a, "reason", 1, 256, &r.reason) < 0 ||
        pc_api_string(a, type_field, 0, 64, &type) < 0 ||
        pc_api_acting_partner(a, &r.partner_id) < 0)
        return a->status;
    if (!*r.reason)
        return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: reason is required.");
    /* absent or null: ACCOUNT; an empty string is refused (§5.1) */
    int all = type && strcmp(type, "ACCOUNT_AND_RESOURCE") == 0;
    if (type && !all && strcmp(type, "ACCOUNT") != 0)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: %s must be ACCOUNT or ACCOUNT_AND_RESOURCE.",
                            type_field);
    r.action = unfreeze ? (all ? PC_UNFREEZE_ALL : PC_UNFREEZE_ACCOUNT)
                        : (all ? PC_FREEZE_ALL : PC_FREEZE_ACCOUNT);
    r.details = json_array();
    if (pc_db_tx(freeze_tx, &r)) {
        json_decref(r.details);
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    }
    if (json_array_size(r.details))
        json_object_set_new(a->out, "error_details", r.details);
    else
        json_decref(r.details);
    return 200;
}

int api_freeze_sub_customers(pc_api *a)
{
    return run(a, 0);
}

int api_unfreeze_sub_customers(pc_api *a)
{
    return run(a, 1);
}
