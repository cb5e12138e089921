/*
 * My Partner > Operation Log: the customer's answer to its partner's request
 * to switch the association type (9.3.1.2).  Agree needs the statement and a
 * code; Reject a code.  lib/rules/assoc_switch.c does the switch.
 */
#include <stdio.h>
#include <string.h>

#include "rules/assoc_switch.h"
#include "console.h"
#include "base/db.h"
#include "base/trace.h"

typedef struct decide_job {
    pc_ctx *c;
    int64_t id;
    int agree;
} decide_job;

static int decide_tx(void *arg)
{
    decide_job *j = arg;
    pc_ctx *c = j->c;
    pc_assoc_switch s;
    int n = pc_assoc_switch_lock(j->id, c->user.customer_id, &s);
    if (n <= 0)
        return n < 0 ? -1 : 1;
    if (j->agree ? pc_assoc_switch_complete(&s, c->user.id)
                 : pc_assoc_switch_reject(&s, c->user.id))
        return -1;
    if (console_mail_partner(c, s.partner_id, "mail.switch_decided.subject",
                             j->agree ? "mail.switch_customer_agreed.body"
                                      : "mail.switch_customer_rejected.body"))
        return -1;
    const char *id = pc_arena_printf(&c->arena, "%lld", (long long)s.id);
    const char *details =
        pc_arena_printf(&c->arena,
                        "{\"request_id\":%lld,\"decision\":\"%s\",\"by\":\"customer\","
                        "\"switch_to\":\"%s\"}",
                        (long long)s.id, j->agree ? "agree" : "reject", s.target);
    if (pc_trace(s.customer_id, PC_TRACE_APPROVE_APPLY, "accountInfo", id, c->user.id,
                 c->remote_addr, "normal", details) < 0)
        return -1;
    pc_audit_ctx(c, j->agree ? "association.switch_agree" : "association.switch_reject", "customer",
                 s.customer_id, "ok",
                 pc_arena_printf(&c->arena, "request=%lld to=%s", (long long)s.id, s.target));
    return 0;
}

static int decide(pc_ctx *c, int agree)
{
    decide_job j = {c, c->path_id[0], agree};
    pc_set_int(c, "Page.row", j.id);
    int bad = 0;
    if (agree) {
        const char *tick = pc_params_get(&c->form, "statement");
        if (!tick || strcmp(tick, "1") != 0)
            pc_form_error(c, "statement", "cust.switch.err.statement"), bad = 1;
    }
    const char *code_err = bad ? NULL : console_check_code(c);
    if (code_err)
        pc_form_error(c, "code", code_err), bad = 1;
    if (bad) {
        c->status = 400;
        return console_assoc_log(c);
    }
    int rc = pc_db_tx(decide_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) { /* not this customer's, or not waiting any more: the same answer */
        pc_form_error(c, "form", "cust.assoc.err.not_pending");
        c->status = 409;
        return console_assoc_log(c);
    }
    return pc_redirect(c, agree ? "/console/associations?msg=switch_agreed"
                                : "/console/associations?msg=switch_rejected");
}

static int agree_post(pc_ctx *c)
{
    return decide(c, 1);
}

static int reject_post(pc_ctx *c)
{
    return decide(c, 0);
}

static const pc_route routes[] = {
    PC_ROUTE("POST", "/console/associations/{id}/switch-agree", PC_GUARD_CUSTOMER, agree_post, 0),
    PC_ROUTE("POST", "/console/associations/{id}/switch-reject", PC_GUARD_CUSTOMER, reject_post, 0),
};
CONSOLE_ROUTES(console_switch_routes, routes);
