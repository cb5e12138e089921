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
#include "web/app.h"

typedef pc_route_table console_routes;
#define CONSOLE_ROUTES(name, table) PC_ROUTE_TABLE(name, table)

extern const console_routes console_partner_routes;
extern const console_routes console_auth_routes, console_assoc_routes, console_trace_routes;
extern const console_routes console_join_routes, console_switch_routes;
extern const console_routes console_apikey_routes; /* issue 7: the customer's API keys */

/* Check the "code" field of a customer's decision (sent by POST /console/code); NULL or a language
 * key. */
const char *console_check_code(pc_ctx *c);

/* My Partner > Operation Log (console_assoc.c), also the page a refused decision shows again. */
int console_assoc_log(pc_ctx *c);
/* Mail the administrator of partner_id: subject and body (one %s: the customer's name) are
 * language keys.  0 or -1. */
int console_mail_partner(pc_ctx *c, int64_t partner_id, const char *subject_key,
                         const char *body_key);

#endif
