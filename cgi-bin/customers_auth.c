/*
 * Authorization from a customer (9.3.1.11) and the two on-behalf entry points
 * it opens (9.3.1.12 Place Order, 9.3.1.13 O&M): the partner asks, the
 * customer agrees in its console (console_auth.c).  A reseller may do any of
 * this only while its distributor grants it the on-behalf permission
 * (10.2.1.3).  The real ordering comes with the orders issue: the on-behalf
 * page records the session start and shows what the purchase gate (11.4)
 * lets the partner buy for the customer.
 */
#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "customers.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/trace.h"

enum stmt {
    ST_LOCK_PARTNER,
    ST_LOCK_CUSTOMER,
    ST_OPEN,
    ST_COMMITTED,
    ST_LETTER,
    ST_ACCEPT_LETTER,
    ST_INSERT,
    ST_ACCEPTED,
    ST_GATE,
    ST_CUSTOMER_EMAIL,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    /* the partner row serialises its first request, which carries the commitment letter */
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
    [ST_LOCK_CUSTOMER] = "SELECT id FROM customers WHERE id = ? AND partner_id = ? FOR UPDATE",
    [ST_OPEN] = "SELECT COUNT(*) FROM authorizations WHERE customer_id = ? AND partner_id = ? "
                "AND status IN ('pending', 'accepted')",
    [ST_COMMITTED] = "SELECT COUNT(*) FROM letter_acceptances WHERE partner_id = ? "
                     "AND letter_code = 'partner_commitment'",
    [ST_LETTER] =
        "SELECT version, IF(? = 'zh', body_zh, body_en) AS body FROM letters WHERE code = ? "
        "ORDER BY published_at DESC, version DESC LIMIT 1",
    [ST_ACCEPT_LETTER] =
        "INSERT INTO letter_acceptances (letter_code, version, partner_id, accepted_by, "
        "accepted_at) VALUES ('partner_commitment', ?, ?, ?, UTC_TIMESTAMP())",
    [ST_INSERT] =
        "INSERT INTO authorizations (customer_id, partner_id, requested_by, requested_at) "
        "VALUES (?, ?, ?, UTC_TIMESTAMP())",
    [ST_ACCEPTED] = "SELECT id FROM authorizations WHERE customer_id = ? AND partner_id = ? "
                    "AND status = 'accepted'",
    [ST_GATE] = "SELECT c.freeze_state, c.budget_exhausted, IFNULL(b.policy, '') FROM customers c "
                "LEFT JOIN budgets b ON b.customer_id = c.id WHERE c.id = ?",
    [ST_CUSTOMER_EMAIL] = "SELECT IFNULL(email, '') FROM customers WHERE id = ?",
};
PC_SQL_TABLE(auth_sql, sql);

/* A refusal page with the reason (403/409): nothing was changed. */
static int refuse(pc_ctx *c, int status, const char *key)
{
    return pc_error_say(c, status, NULL, key);
}

/* A reseller acts on customers' behalf only with its distributor's grant (10.2.1.3). */
static int partner_may_act(pc_ctx *c)
{
    return pc_authz_allows(&c->user, PC_GUARD_ACT_FOR_CUSTOMERS);
}

/* The customer of the page: own customers only (a distributor does not act for its resellers'). */
static int load_own(pc_ctx *c, cust *k)
{
    int found = cust_load(c, c->path_id[0], k);
    if (found < 0)
        return 500;
    return found == 0 || !k->own ? 404 : 0;
}

static int first_request(pc_ctx *c)
{
    return pc_db_int(&auth_sql, ST_COMMITTED, PC_BINDS(PC_I64(c->user.partner_id)), -1) == 0;
}

/* ---- Request Authorization ---- */

static int request_form(pc_ctx *c)
{
    cust k;
    int rc = load_own(c, &k);
    if (rc)
        return pc_error(c, rc);
    int may = partner_may_act(c);
    if (may < 0)
        return pc_error(c, 500);
    if (!may)
        return refuse(c, 403, "cust.auth.err.no_grant");
    if (first_request(c)) {
        pc_set(c, "Page.first", "1");
        if (pc_db_hdf(&auth_sql, ST_LETTER, PC_BINDS(PC_STR(c->lang), PC_STR("partner_commitment")),
                      c->hdf, "Letter") < 0)
            return pc_error(c, 500);
    }
    pc_set(c, "Page.title", pc_t(c, "cust.auth.request"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/auth_request.cs");
}

typedef struct request_job {
    pc_ctx *c;
    int64_t customer_id, id;
    int letter_ticked;
    const char *error; /* language key when refused */
    int status;
} request_job;

static int version_row(void *arg, const pc_row *r)
{
    snprintf(arg, 17, "%s", pc_row_str(r, 0));
    return 1;
}

static int email_row(void *arg, const pc_row *r)
{
    snprintf(arg, 256, "%s", pc_row_str(r, 0));
    return 1;
}

static int request_tx(void *arg)
{
    request_job *j = arg;
    pc_ctx *c = j->c;
    int64_t pid = c->user.partner_id;
    char version[17] = "";
    if (pc_db_query(&auth_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(pid)), NULL, NULL) != 1)
        return -1;
    if (pc_db_query(&auth_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(j->customer_id), PC_I64(pid)),
                    NULL, NULL) != 1) {
        j->status = 404, j->error = "cust.err.unknown_customer";
        return 1;
    }
    int64_t open = pc_db_int(&auth_sql, ST_OPEN, PC_BINDS(PC_I64(j->customer_id), PC_I64(pid)), -1);
    int64_t committed = pc_db_int(&auth_sql, ST_COMMITTED, PC_BINDS(PC_I64(pid)), -1);
    if (open < 0 || committed < 0)
        return -1;
    if (open > 0) {
        j->status = 409, j->error = "cust.auth.err.open";
        return 1;
    }
    if (!committed) {
        /* the partner's first request accepts the commitment letter (13.10) */
        if (!j->letter_ticked) {
            j->status = 400, j->error = "cust.auth.err.letter";
            return 1;
        }
        if (pc_db_query(&auth_sql, ST_LETTER, PC_BINDS(PC_STR("en"), PC_STR("partner_commitment")),
                        version_row, version) != 1 ||
            pc_db_exec(&auth_sql, ST_ACCEPT_LETTER,
                       PC_BINDS(PC_STR(version), PC_I64(pid), PC_I64(c->user.id)), NULL) != 1)
            return -1;
    }
    if (pc_db_exec(&auth_sql, ST_INSERT,
                   PC_BINDS(PC_I64(j->customer_id), PC_I64(pid), PC_I64(c->user.id)), &j->id) != 1)
        return -1;
    char email[256] = "", body[1024];
    if (pc_db_query(&auth_sql, ST_CUSTOMER_EMAIL, PC_BINDS(PC_I64(j->customer_id)), email_row,
                    email) < 0)
        return -1;
    snprintf(body, sizeof body, pc_t(c, "mail.auth.request.body"), c->user.partner_name);
    if (*email && pc_mail_queue(email, pc_t(c, "mail.auth.request.subject"), body))
        return -1;
    char details[256];
    snprintf(details, sizeof details, "{\"authorization_id\":%lld,\"partner_id\":%lld}",
             (long long)j->id, (long long)pid);
    if (pc_trace(j->customer_id, PC_TRACE_REQUEST_AUTH, "csbchannelsales",
                 pc_arena_printf(&c->arena, "%lld", (long long)j->id), c->user.id, c->remote_addr,
                 "normal", details) < 0)
        return -1;
    pc_audit_ctx(c, "authorization.request", "customer", j->customer_id, "ok",
                 pc_arena_printf(&c->arena, "authorization=%lld%s", (long long)j->id,
                                 committed ? "" : " letter=partner_commitment"));
    return 0;
}

static int request_post(pc_ctx *c)
{
    cust k;
    int rc = load_own(c, &k);
    if (rc)
        return pc_error(c, rc);
    int may = partner_may_act(c);
    if (may < 0)
        return pc_error(c, 500);
    if (!may) {
        pc_audit_ctx(c, "authorization.request", "customer", k.id, "denied", "no on-behalf grant");
        return refuse(c, 403, "cust.auth.err.no_grant");
    }
    const char *tick = pc_params_get(&c->form, "letter");
    request_job j = {.c = c, .customer_id = k.id, .letter_ticked = tick && strcmp(tick, "1") == 0};
    rc = pc_db_tx(request_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0 && j.status == 400) {
        pc_form_error(c, "letter", j.error);
        c->status = 400;
        return request_form(c);
    }
    if (rc > 0)
        return refuse(c, j.status, j.error);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/customers/%lld?msg=auth_requested", (long long)k.id));
}

/* ---- On the customer's behalf ---- */

/* 0 when the partner may act for k now; else the HTTP status of the refusal. */
static int on_behalf_allowed(pc_ctx *c, const cust *k, int64_t *authorization)
{
    int may = partner_may_act(c);
    if (may < 0)
        return 500;
    if (!may)
        return 403;
    int64_t id =
        pc_db_int(&auth_sql, ST_ACCEPTED, PC_BINDS(PC_I64(k->id), PC_I64(c->user.partner_id)), 0);
    if (id < 0)
        return 500;
    *authorization = id;
    return id ? 0 : 403;
}

static const char *on_behalf_action(pc_ctx *c, const pc_params *p)
{
    const char *a = pc_params_get(p, "action");
    (void)c;
    return a && (strcmp(a, "order") == 0 || strcmp(a, "om") == 0) ? a : NULL;
}

static int on_behalf_page(pc_ctx *c)
{
    cust k;
    int64_t auth = 0;
    const char *action = on_behalf_action(c, &c->query);
    int rc = load_own(c, &k);
    if (rc)
        return pc_error(c, rc);
    if (!action)
        return pc_error(c, 400);
    if ((rc = on_behalf_allowed(c, &k, &auth)))
        return pc_error(c, rc);
    pc_set(c, "Page.action", action);
    pc_set(c, "Page.title",
           pc_t(c, strcmp(action, "order") == 0 ? "cust.onbehalf.order" : "cust.onbehalf.om"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/auth_onbehalf.cs");
}

static int gate_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    int frozen = strcmp(pc_row_str(r, 0), "normal") != 0;
    int exhausted = pc_row_i64(r, 1) != 0, automatic = strcmp(pc_row_str(r, 2), "automatic") == 0;
    /* 11.4 rule 2: frozen buys nothing; an exhausted budget stops yearly/monthly and RIs,
     * and pay-per-use too under the automatic policy */
    const char *periodic = frozen ? "frozen" : exhausted ? "budget" : "allowed";
    const char *ppu = frozen ? "frozen" : exhausted && automatic ? "budget" : "allowed";
    pc_set(c, "Gate.yearly_monthly", periodic);
    pc_set(c, "Gate.reserved_instance", periodic);
    pc_set(c, "Gate.pay_per_use", ppu);
    return 1;
}

typedef struct session_job {
    pc_ctx *c;
    int64_t customer_id, authorization;
    const char *action;
} session_job;

static int session_tx(void *arg)
{
    session_job *j = arg;
    pc_ctx *c = j->c;
    char details[256];
    snprintf(details, sizeof details,
             "{\"action\":\"%s\",\"partner_id\":%lld,\"partner_user_id\":%lld}", j->action,
             (long long)c->user.partner_id, (long long)c->user.id);
    pc_audit_event e = {.actor_user_id = c->user.id,
                        .actor_name = c->user.username,
                        .partner_id = c->user.partner_id,
                        .on_behalf_of = j->customer_id,
                        .action = "onbehalf.start",
                        .object_type = "authorization",
                        .object_id = j->authorization,
                        .ip = c->remote_addr,
                        .result = "ok",
                        .detail = pc_arena_printf(&c->arena, "action=%s", j->action)};
    if (pc_audit(&e) || pc_trace(j->customer_id, PC_TRACE_AGENT_SESSION, "csbchannelsales",
                                 pc_arena_printf(&c->arena, "%lld", (long long)j->authorization),
                                 c->user.id, c->remote_addr, "normal", details) < 0)
        return -1;
    return 0;
}

/* POST: the partner user switches into the customer (recorded); the page shows the gate. */
static int on_behalf_start(pc_ctx *c)
{
    cust k;
    session_job j = {.c = c, .action = on_behalf_action(c, &c->form)};
    int rc = load_own(c, &k);
    if (rc)
        return pc_error(c, rc);
    if (!j.action)
        return pc_error(c, 400);
    if ((rc = on_behalf_allowed(c, &k, &j.authorization))) {
        if (rc == 403)
            pc_audit_ctx(c, "onbehalf.start", "customer", k.id, "denied", j.action);
        return pc_error(c, rc);
    }
    j.customer_id = k.id;
    if (pc_db_tx(session_tx, &j) ||
        pc_db_query(&auth_sql, ST_GATE, PC_BINDS(PC_I64(k.id)), gate_row, c) != 1)
        return pc_error(c, 500);
    pc_set(c, "Page.action", j.action);
    pc_set(c, "Page.started", "1");
    pc_set(c, "Page.title",
           pc_t(c, strcmp(j.action, "order") == 0 ? "cust.onbehalf.order" : "cust.onbehalf.om"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/auth_onbehalf.cs");
}

/* Detail-page buttons: request, or the two on-behalf entries once authorized. */
void auth_actions(pc_ctx *c, const cust *k)
{
    int64_t auth = 0;
    if (!k->own || !k->associated || !pc_authz_allows(&c->user, PC_GUARD_ACT_FOR_CUSTOMERS))
        return;
    if (on_behalf_allowed(c, k, &auth) == 0) {
        cust_action(
            c,
            pc_arena_printf(&c->arena, "/customers/%lld/on-behalf?action=order", (long long)k->id),
            "cust.onbehalf.order");
        cust_action(
            c, pc_arena_printf(&c->arena, "/customers/%lld/on-behalf?action=om", (long long)k->id),
            "cust.onbehalf.om");
        return;
    }
    if (pc_db_int(&auth_sql, ST_OPEN, PC_BINDS(PC_I64(k->id), PC_I64(c->user.partner_id)), 1) == 0)
        cust_action(c, pc_arena_printf(&c->arena, "/customers/%lld/authorize", (long long)k->id),
                    "cust.auth.request");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}/authorize", PC_PERM_CUSTOMER_AUTHORIZE, request_form, 0),
    PC_ROUTE("POST", "/customers/{id}/authorize", PC_PERM_CUSTOMER_AUTHORIZE, request_post, 0),
    PC_ROUTE("GET", "/customers/{id}/on-behalf", PC_PERM_CUSTOMER_AUTHORIZE, on_behalf_page, 0),
    PC_ROUTE("POST", "/customers/{id}/on-behalf", PC_PERM_CUSTOMER_AUTHORIZE, on_behalf_start, 0),
};
CUST_ROUTES(cust_auth_routes, routes);
