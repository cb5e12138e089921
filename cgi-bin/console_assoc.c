/*
 * My Partner > More Operations: Disassociate and the Operation Log (11.2.1).
 * The customer starts a disassociation (account check, statement, code,
 * reason; at most 3 in 90 days) or answers its partner's request: Agree
 * needs a passing check, the statement and a code; Reject only a code.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/assoc_decision.h"
#include "console.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/trace.h"
#include "base/view.h"

enum stmt { ST_PARTNER, ST_LOG, ST_MINE, ST_ADMIN_EMAIL, ST_RECENT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] =
        "SELECT c.partner_id, p.name FROM customers c JOIN partners p ON p.id = c.partner_id "
        "WHERE c.id = ?",
    /* requests and the associations themselves, newest first */
    [ST_LOG] =
        "SELECT * FROM (SELECT r.id, r.requested_at AS at, p.name AS partner_name, "
        "r.purpose, "
        "r.initiator AS initiation, IFNULL(r.reason_code, '') AS reason_code, r.reason, r.status, "
        "IFNULL(r.target_type, '') AS target_type "
        "FROM association_requests r JOIN partners p ON p.id = r.partner_id WHERE r.customer_id = "
        "? "
        "UNION ALL SELECT 0, a.associated_at, p.name, 'association', a.initiation, '', '', "
        "a.status, a.type "
        "FROM associations a JOIN partners p ON p.id = a.partner_id WHERE a.customer_id = ?) log "
        "ORDER BY at DESC, id DESC LIMIT 200",
    [ST_MINE] = "SELECT id FROM association_requests WHERE id = ? AND customer_id = ?",
    [ST_ADMIN_EMAIL] = "SELECT u.email FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                       "JOIN roles r ON r.id = mr.role_id AND r.code = 'ADMIN' "
                       "WHERE u.partner_id = ? AND u.status = 'normal' ORDER BY u.id LIMIT 1",
    [ST_RECENT] =
        "SELECT COUNT(*) FROM association_requests WHERE customer_id = ? AND partner_id = ? "
        "AND initiator = 'customer' AND requested_at > UTC_TIMESTAMP() - INTERVAL ? DAY",
};
PC_SQL_TABLE(cassoc_sql, sql);

static const char *const reason_codes[] = {
    "change_model", "changing_partners", "no_longer_needed", "leaving_cloud", "others", NULL};
static const pc_field request_fields[] = {
    {"statement", pc_valid_text, 1, 1, PC_FIELD_REQUIRED, NULL},
    {"reason_code", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, reason_codes},
    {"reason", pc_valid_text, 0, 256, 0, NULL},
};

typedef struct partner_of {
    int64_t id;
    char name[208];
} partner_of;

static int partner_row(void *arg, const pc_row *r)
{
    partner_of *p = arg;
    p->id = pc_row_i64(r, 0);
    snprintf(p->name, sizeof p->name, "%s", pc_row_str(r, 1));
    return 1;
}

static int str_row(void *arg, const pc_row *r)
{
    snprintf(arg, 256, "%s", pc_row_str(r, 0));
    return 1;
}

/* The customer-side account check, each failure under Check.N.  Count or -1. */
static int precheck(pc_ctx *c)
{
    const char *fails[PC_ASSOC_MAX_FAILS];
    int n = pc_assoc_check(c->user.customer_id, PC_ASSOC_CUSTOMER_SIDE, fails);
    for (int i = 0; i < n; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Check.%d.code", i), fails[i]);
        pc_set(c, pc_arena_printf(&c->arena, "Check.%d.text", i),
               pc_t(c, pc_arena_printf(&c->arena, "cust.precheck.%s", fails[i])));
    }
    pc_set_int(c, "Page.failures", n);
    return n;
}

static int disassociate_form(pc_ctx *c)
{
    partner_of p = {0};
    int n = pc_db_query(&cassoc_sql, ST_PARTNER, PC_BINDS(PC_I64(c->user.customer_id)), partner_row,
                        &p);
    if (n < 0)
        return pc_error(c, 500);
    if (n == 0)
        return pc_error(c, 404);
    int64_t recent = pc_db_int(
        &cassoc_sql, ST_RECENT,
        PC_BINDS(PC_I64(c->user.customer_id), PC_I64(p.id), PC_I64(PC_ASSOC_LIMIT_DAYS)), -1);
    if (precheck(c) < 0 || recent < 0)
        return pc_error(c, 500);
    if (recent >= PC_ASSOC_LIMIT)
        pc_set(c, "Page.limited", "1");
    pc_set(c, "Partner.name", p.name);
    pc_set(c, "Page.title", pc_t(c, "console.assoc.disassociate"));
    pc_set(c, "Page.tab", "disassociate");
    return pc_render(c, "console/assoc_disassociate.cs");
}

typedef struct start_job {
    pc_ctx *c;
    pc_assoc_request r;
    int64_t id;
} start_job;

/* Mail the partner's administrator about a customer's request or decision. */
int console_mail_partner(pc_ctx *c, int64_t partner_id, const char *subject_key,
                         const char *body_key)
{
    char email[256] = "", body[1024];
    if (pc_db_query(&cassoc_sql, ST_ADMIN_EMAIL, PC_BINDS(PC_I64(partner_id)), str_row, email) < 0)
        return -1;
    snprintf(body, sizeof body, pc_t(c, body_key), c->user.name);
    return *email ? pc_mail_queue(email, pc_t(c, subject_key), body) : 0;
}

static int start_tx(void *arg)
{
    start_job *j = arg;
    pc_ctx *c = j->c;
    char reason[600];
    j->id = pc_assoc_start(&j->r);
    if (j->id == -1)
        return -1;
    if (j->id < 0)
        return 1;
    if (console_mail_partner(c, j->r.partner_id, "mail.assoc_request.subject",
                             "mail.assoc_customer_request.body"))
        return -1;
    char *details = pc_arena_printf(
        &c->arena,
        "{\"request_id\":%lld,\"initiator\":\"customer\",\"reason_code\":\"%s\","
        "\"reason\":\"%s\"}",
        (long long)j->id, j->r.reason_code, pc_trace_json(j->r.reason, reason, sizeof reason));
    if (pc_trace(c->user.customer_id, PC_TRACE_APPLY_UNBIND, "accountInfo",
                 pc_arena_printf(&c->arena, "%lld", (long long)j->id), c->user.id, c->remote_addr,
                 "normal", details) < 0)
        return -1;
    pc_audit_ctx(c, "association.disassociate_request", "customer", c->user.customer_id, "ok",
                 pc_arena_printf(&c->arena, "request=%lld", (long long)j->id));
    return 0;
}

static int disassociate_post(pc_ctx *c)
{
    partner_of p = {0};
    pc_value v[3];
    int n = pc_db_query(&cassoc_sql, ST_PARTNER, PC_BINDS(PC_I64(c->user.customer_id)), partner_row,
                        &p);
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    int bad = pc_form(c, request_fields, 3, v);
    if (!bad && strcmp(v[0].s, "1") != 0)
        pc_form_error(c, "statement", "cust.assoc.err.statement"), bad = 1;
    if (!bad && strcmp(v[1].s, "others") == 0 && !v[2].present)
        pc_form_error(c, "reason", "err.required"), bad = 1;
    int fails = precheck(c);
    if (fails < 0)
        return pc_error(c, 500);
    const char *code_err = bad || fails ? NULL : console_check_code(c);
    if (code_err)
        pc_form_error(c, "code", code_err), bad = 1;
    if (bad || fails) {
        c->status = fails ? 409 : 400;
        return disassociate_form(c);
    }
    start_job j = {.c = c,
                   .r = {.customer_id = c->user.customer_id,
                         .partner_id = p.id,
                         .requested_by = c->user.id,
                         .initiator = "customer",
                         .reason_code = v[1].s,
                         .reason = v[2].s}};
    int rc = pc_db_tx(start_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, "form",
                      j.id == PC_ASSOC_E_LIMIT     ? "cust.assoc.err.limit"
                      : j.id == PC_ASSOC_E_PENDING ? "cust.assoc.err.pending"
                                                   : "console.partner.none");
        c->status = 409;
        return disassociate_form(c);
    }
    return pc_redirect(c, "/console/associations?msg=assoc_submitted");
}

/* ---- Operation Log and the answer to a partner's request ---- */

int console_assoc_log(pc_ctx *c)
{
    int64_t cid = c->user.customer_id;
    if (pc_db_hdf(&cassoc_sql, ST_LOG, PC_BINDS(PC_I64(cid), PC_I64(cid)), c->hdf, "Log") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Log"); h; h = hdf_obj_next(h))
        pc_view_hdf_datetime(h, "at", "at");
    if (precheck(c) < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "console.assoc.log"));
    pc_set(c, "Page.tab", "log");
    return pc_render(c, "console/assoc_log.cs");
}

typedef struct decide_job {
    pc_ctx *c;
    int64_t id;
    int agree;
} decide_job;

static int decide_tx(void *arg)
{
    decide_job *j = arg;
    pc_ctx *c = j->c;
    pc_assoc_pending p;
    char today[11];
    const char *fails[PC_ASSOC_MAX_FAILS];
    int n = pc_assoc_lock_pending(j->id, &p);
    if (n < 0)
        return -1;
    if (n == 0 || p.customer_id != c->user.customer_id || strcmp(p.initiator, "partner") != 0)
        return 1;
    if (j->agree) {
        int f = pc_assoc_check(p.customer_id, PC_ASSOC_CUSTOMER_SIDE, fails);
        if (f < 0)
            return -1;
        if (f > 0)
            return 2;
        pc_clock_today(today);
        if (pc_assoc_complete(&p, c->user.id, today))
            return -1;
    } else if (pc_assoc_reject(p.id, c->user.id)) {
        return -1;
    }
    if (console_mail_partner(c, p.partner_id, "mail.assoc_decided.subject",
                             j->agree ? "mail.assoc_customer_agreed.body"
                                      : "mail.assoc_customer_rejected.body"))
        return -1;
    return pc_assoc_record_decision(c, &p, j->agree, "customer");
}

static int decide(pc_ctx *c, int agree)
{
    decide_job j = {.c = c, .id = c->path_id[0], .agree = agree};
    int64_t mine =
        pc_db_int(&cassoc_sql, ST_MINE, PC_BINDS(PC_I64(j.id), PC_I64(c->user.customer_id)), 0);
    if (mine <= 0)
        return pc_error(c, mine < 0 ? 500 : 404);
    pc_set_int(c, "Page.row", j.id);
    int bad = 0;
    if (agree) {
        const char *tick = pc_params_get(&c->form, "statement");
        if (!tick || strcmp(tick, "1") != 0)
            pc_form_error(c, "statement", "cust.assoc.err.statement"), bad = 1;
        int fails = precheck(c);
        if (fails < 0)
            return pc_error(c, 500);
        if (fails) {
            pc_form_error(c, "form", "cust.assoc.err.check");
            c->status = 409;
            return console_assoc_log(c);
        }
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
    if (rc > 0) {
        pc_form_error(c, "form", rc == 2 ? "cust.assoc.err.check" : "cust.assoc.err.not_pending");
        c->status = 409;
        return console_assoc_log(c);
    }
    return pc_redirect(c, agree ? "/console/associations?msg=assoc_agreed"
                                : "/console/associations?msg=assoc_rejected");
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
    PC_ROUTE("GET", "/console/disassociate", PC_GUARD_CUSTOMER, disassociate_form, 0),
    PC_ROUTE("POST", "/console/disassociate", PC_GUARD_CUSTOMER, disassociate_post, 0),
    PC_ROUTE("GET", "/console/associations", PC_GUARD_CUSTOMER, console_assoc_log, 0),
    PC_ROUTE("POST", "/console/associations/{id}/agree", PC_GUARD_CUSTOMER, agree_post, 0),
    PC_ROUTE("POST", "/console/associations/{id}/reject", PC_GUARD_CUSTOMER, reject_post, 0),
};
CONSOLE_ROUTES(console_assoc_routes, routes);
