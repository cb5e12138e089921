/*
 * Switch Association Type (9.3.1.2, "seen in the localized guide"): the
 * partner administrator asks to switch its customer between resale and
 * referral, reading the impacts first; the customer agrees or rejects in its
 * console (console_switch.c).  The request and its completion are
 * lib/rules/assoc_switch.c.
 */
#include <stdio.h>
#include <string.h>

#include "rules/assoc_switch.h"
#include "customers.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/trace.h"

enum stmt { ST_CUSTOMER_EMAIL, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER_EMAIL] = "SELECT IFNULL(email, '') FROM customers WHERE id = ?",
};
PC_SQL_TABLE(switch_page_sql, sql);

static const pc_field switch_fields[] = {
    {"statement", pc_valid_text, 1, 1, PC_FIELD_REQUIRED, NULL},
    {"reason", pc_valid_text, 0, 256, 0, NULL},
};

static int str_row(void *arg, const pc_row *r)
{
    snprintf(arg, 256, "%s", pc_row_str(r, 0));
    return 1;
}

/* The customer, if it is the partner's own and associated; 1, 0 (answer 404) or -1. */
static int load_own(pc_ctx *c, cust *k)
{
    int found = cust_load(c, c->path_id[0], k);
    if (found > 0 && (!k->own || !k->associated || !pc_assoc_switch_target(k->association_type)))
        return 0;
    return found;
}

static int switch_form(pc_ctx *c)
{
    cust k;
    int found = load_own(c, &k);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    const char *target = pc_assoc_switch_target(k.association_type);
    pc_set(c, "Switch.from", k.association_type);
    pc_set(c, "Switch.to", target);
    if (cust_codes_on(c))
        pc_set(c, "Page.codes", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.switch.title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/switch.cs");
}

typedef struct start_job {
    pc_ctx *c;
    const cust *k;
    const char *reason;
    int64_t id;
} start_job;

static int start_tx(void *arg)
{
    start_job *j = arg;
    pc_ctx *c = j->c;
    char email[256] = "", body[1024], reason[600];
    j->id = pc_assoc_switch_start(j->k->id, j->k->partner_id, c->user.id, j->reason);
    if (j->id == -1)
        return -1;
    if (j->id < 0)
        return 1;
    if (pc_db_query(&switch_page_sql, ST_CUSTOMER_EMAIL, PC_BINDS(PC_I64(j->k->id)), str_row,
                    email) < 0)
        return -1;
    snprintf(body, sizeof body, pc_t(c, "mail.switch_request.body"), c->user.partner_name,
             pc_t(c, pc_arena_printf(&c->arena, "cust.assoc_type.%s",
                                     pc_assoc_switch_target(j->k->association_type))));
    if (*email && pc_mail_queue(email, pc_t(c, "mail.switch_request.subject"), body))
        return -1;
    const char *details = pc_arena_printf(
        &c->arena,
        "{\"request_id\":%lld,\"initiator\":\"partner\",\"switch_to\":\"%s\",\"reason\":\"%s\"}",
        (long long)j->id, pc_assoc_switch_target(j->k->association_type),
        pc_trace_json(j->reason, reason, sizeof reason));
    if (pc_trace(j->k->id, PC_TRACE_APPLY_UNBIND, "accountInfo",
                 pc_arena_printf(&c->arena, "%lld", (long long)j->id), c->user.id, c->remote_addr,
                 "normal", details) < 0)
        return -1;
    pc_audit_ctx(c, "association.switch_request", "customer", j->k->id, "ok",
                 pc_arena_printf(&c->arena, "request=%lld", (long long)j->id));
    return 0;
}

static int switch_post(pc_ctx *c)
{
    cust k;
    pc_value v[2];
    int found = load_own(c, &k);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    int bad = pc_form(c, switch_fields, 2, v);
    if (!bad && strcmp(v[0].s, "1") != 0)
        pc_form_error(c, "statement", "cust.switch.err.statement"), bad = 1;
    const char *code_err = bad ? NULL : cust_check_code(c, 0);
    if (code_err)
        pc_form_error(c, "code", code_err), bad = 1;
    if (bad) {
        c->status = 400;
        return switch_form(c);
    }
    start_job j = {c, &k, v[1].s, 0};
    int rc = pc_db_tx(start_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, "form",
                      j.id == PC_SWITCH_E_PENDING ? "cust.assoc.err.pending"
                                                  : "cust.err.unknown_customer");
        c->status = 409;
        return switch_form(c);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/customers/%lld?msg=switch_requested", (long long)k.id));
}

/* Detail-page button: Switch Association Type, for the administrator on its own customers. */
void switch_actions(pc_ctx *c, const cust *k)
{
    if (k->own && k->associated && pc_assoc_switch_target(k->association_type) &&
        pc_authz_allows(&c->user, PC_PERM_CUSTOMER_DISASSOCIATE))
        cust_action(c, pc_arena_printf(&c->arena, "/customers/%lld/switch-type", (long long)k->id),
                    "cust.switch.title");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}/switch-type", PC_PERM_CUSTOMER_DISASSOCIATE, switch_form, 0),
    PC_ROUTE("POST", "/customers/{id}/switch-type", PC_PERM_CUSTOMER_DISASSOCIATE, switch_post, 0),
};
CUST_ROUTES(cust_switch_routes, routes);
