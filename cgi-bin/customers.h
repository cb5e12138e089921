/*
 * pc-customers — Sales > Customers (guide §9.2.2, §9.3.1, §9.3.2; ch10 §2 for
 * the two-tier view).  Every page works on the customers of the signed-in
 * member's scope (pc_authz_scope): a customer outside it is a 404.
 *
 * Each page file owns its routes in a table of its own; customers.c joins
 * the tables.  Shared helpers are below (customers_common.c).
 */
#ifndef PC_CUSTOMERS_H
#define PC_CUSTOMERS_H
#include <stdint.h>

#include "web/app.h"
#include "rules/budget.h"

typedef pc_route_table cust_routes;
#define CUST_ROUTES(name, table) PC_ROUTE_TABLE(name, table)

extern const cust_routes cust_list_routes, cust_detail_routes, cust_assign_routes,
    cust_common_routes;
extern const cust_routes cust_auth_routes, cust_assoc_routes, cust_switch_routes;
extern const cust_routes cust_dev_routes, cust_dev_invite_routes, cust_dev_links_routes;
extern const cust_routes cust_budget_routes, cust_freeze_routes;

/* The customer a page works on. */
typedef struct cust {
    int64_t id, partner_id, account_manager_id;
    int own; /* a customer of the signed-in partner (0: of one of its resellers) */
    int associated;
    char freeze_state[24], freeze_source[16], association_type[12];
    char name[208], account_name[72];
} cust;

/*
 * Load customer `id` if the signed-in user's scope holds it, putting its
 * fields under Customer.* (names, mobile and e-mail masked for a distributor
 * looking at a reseller's customer).  1 found, 0 not in scope (answer 404),
 * -1 database error.
 */
int cust_load(pc_ctx *c, int64_t id, cust *out);

/* The customer list again after a refused batch action from it (customers_list.c): the default
 * list with the posted "ids" still checked and Form.* errors as set; returns the render status. */
int cust_list_again(pc_ctx *c);

/* The signed-in member's partner and what its distributor granted it (lib/rules/budget.h). */
typedef pc_budget_partner cust_partner;
int cust_partner_load(int64_t partner_id, cust_partner *p);

/*
 * Check the "code" field of a sensitive operation (spec 13.5): needed when the
 * partner switched verification codes on, or always when `always`.  The code
 * is the one POST /customers/code sent to the user's e-mail.  NULL when
 * acceptable (or not needed), else a language key.
 */
const char *cust_check_code(pc_ctx *c, int always);
/* Non-zero when the signed-in member's partner switched verification codes on (13.5). */
int cust_codes_on(pc_ctx *c);

/*
 * Actions on the detail page: each feature file offers a function that adds
 * the buttons valid for the customer and the user (cust_action), listed in
 * customers_detail.c.
 */
typedef void (*cust_actions_fn)(pc_ctx *c, const cust *k);
void cust_action(pc_ctx *c, const char *href, const char *label_key);
/* The same for a button whose page opens as a dialog over the page (issue 16; data-dialog). */
void cust_action_dialog(pc_ctx *c, const char *href, const char *label_key);
void auth_actions(pc_ctx *c, const cust *k), assoc_actions(pc_ctx *c, const cust *k);
void switch_actions(pc_ctx *c, const cust *k);

/*
 * Budgets and freezing (customers_budget.c, customers_freeze.c).  budget_gate:
 * 0 when the user may set budgets and freeze customer k (ch10 10.2.1.2: a
 * reseller needs its distributor's grant, a distributor acts on a reseller's
 * customer only while that reseller has none), else the HTTP status to answer;
 * *actor gets the user's partner.  cust_unfreeze ends the open freeze of a
 * customer whose row the caller locked, inside the caller's transaction.
 */
int budget_gate(pc_ctx *c, const cust *k, cust_partner *actor);
int cust_unfreeze(pc_ctx *c, int64_t customer_id, const char *reason);
void budget_actions(pc_ctx *c, const cust *k);
void freeze_actions(pc_ctx *c, const cust *k);

/* Put the Sales > Customers tabs the user may open, marking `active`. */
void cust_tabs(pc_ctx *c, const char *active);

#endif
