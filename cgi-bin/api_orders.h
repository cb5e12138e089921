/*
 * Helpers of the partner API's customer budget, order and resource
 * operations (api_budgets.c, api_orders_*.c; spec partner-api.md §5.3-§5.5).
 *
 * Every operation works on the customers of the key owner's scope
 * (pc_authz_scope, as the pages) that belong to the acting partner
 * (pc_api_acting_partner: the caller's own, or with indirect_partner_id the
 * reseller's): a customer outside is refused with 403 CBC.0151 (§3, App. B).
 *
 * Wire IDs: a customer is its numeric id ("1042"), an order its order number
 * ("CS2611201000070000", the number the pages, the expenditure details and
 * the bills show), a resource its resource ID (resources.resource_key, the ID
 * usage records name; the numeric id where it has none).
 */
#ifndef PC_API_ORDERS_H
#define PC_API_ORDERS_H
#include <stdint.h>

#include "api.h"
#include "base/db.h"

#define API_ID_MAX    64 /* IDs are strings of at most 64 characters (§1.5) */
#define API_TIME_MAX  20 /* "2024-05-06T08:05:01Z" */
#define API_LIMIT_MAX 100

/* The customer an operation names, once found in scope. */
typedef struct api_customer {
    int64_t id, partner_id;
    int reseller_model; /* associated in the reseller (resale) model */
    char freeze_state[24];
} api_customer;

/*
 * The customers an operation may see.  A partner member: its scope
 * (pc_authz_scope, as on the pages) narrowed to the acting partner (its own,
 * or the reseller of indirect_partner_id, pc_api_acting_partner).  A
 * customer (its own key, on the operations open to customers): itself with
 * its current partner (self = its id).  `indirect`: the operation has
 * indirect_partner_id (else a member acts for its own partner).
 */
typedef struct api_scope {
    pc_scope s;
    int64_t acting; /* c.partner_id of every customer seen */
    int64_t self;   /* a customer caller: its own id, else 0 */
} api_scope;
/* 0, or -1 answered (400 CBC.99000037 for a foreign reseller, 500). */
int api_scope_read(pc_api *a, int indirect, api_scope *sc);

/*
 * Find customer `wire_id` within sc.  1 found; 0 not (403 CBC.0151
 * answered); -1 (500 answered).  api_customer_lookup: the same, answering
 * nothing (1, 0 or -1).
 */
int api_customer_find(pc_api *a, const char *wire_id, const api_scope *sc, api_customer *k);
int api_customer_lookup(const char *wire_id, const api_scope *sc, api_customer *k);

/*
 * A UTC time of the wire ("2024-05-06T08:05:01Z") in `field`, into a
 * DATETIME string ("2024-05-06 08:05:01").  As the pc_api_* getters: 1
 * present, 0 absent, -1 bad (400 CBC.0100 answered).
 */
int api_time(pc_api *a, const char *field, char out[20]);

/* The wire codes of our order and resource states (§5.4, §5.5). */
int api_order_status(const char *status); /* orders.status → 3, 4, 5, 6 */
int api_order_type(const char *type);     /* orders.order_type → 1, 2, 3, 4, 15 */

/* Set key to a string, or leave it out when the value is empty (§1.4: no invented values). */
void api_set_str(json_t *o, const char *key, const char *v);
/* Set key to pc_api_time(v), or leave it out when v is empty. */
void api_set_time(json_t *o, const char *key, const char *v);

/* A row callback: the first column into *(int64_t *)arg (COUNT(*) of a composed statement). */
int api_count_row(void *arg, const pc_row *r);

/* The resource operations (api_orders_resources.c), in the order table of api_orders.c. */
int api_on_demand_resources(pc_api *a);
int api_subscription_resources(pc_api *a);

/* 500 CBC.0999 after a database error. */
int api_db_error(pc_api *a);

#endif
