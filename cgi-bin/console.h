/*
 * pc-console — the customer's own side (guide chapter 11): My Account > My
 * Partner, authorizations, disassociation, the trace of what its partner did
 * on its behalf, and the public invitation landing pages.  A signed-in
 * customer sees only its own account (c->user.customer_id).
 *
 * Each page file owns its routes; console.c joins the tables.
 */
#ifndef PC_CONSOLE_H
#define PC_CONSOLE_H
#include "app.h"

typedef pc_route_table console_routes;
#define CONSOLE_ROUTES(name, table) PC_ROUTE_TABLE(name, table)

extern const console_routes console_partner_routes;
extern const console_routes console_auth_routes, console_assoc_routes, console_trace_routes;
extern const console_routes console_join_routes;
extern const console_routes console_apikey_routes; /* issue 7: the customer's API keys */

/* Check the "code" field of a customer's decision (sent by POST /console/code); NULL or a language key. */
const char *console_check_code(pc_ctx *c);

#endif
