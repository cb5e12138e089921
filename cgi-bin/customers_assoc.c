/*
 * Disassociation and the Association Records page (9.3.1.2, 11.2.1): only
 * the partner administrator (customer.disassociate) disassociates or decides
 * a customer's request; the customer decides the partner's in its console
 * (console_assoc.c).  The check, the 3-in-90-days limit and the completion
 * are shared with the console (lib/rules/assoc.c).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/assoc_decision.h"
#include "customers.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/trace.h"
#include "base/view.h"

enum stmt { ST_RECORDS, ST_REQUEST, ST_CUSTOMER_EMAIL, ST_RECENT, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* the partner's own requests; a member limited to assigned customers sees theirs only */
    [ST_RECORDS] =
        "SELECT r.id, r.customer_id, c.account_name, c.name, c.mobile, "
        "IFNULL(r.association_type, '') AS association_type, r.purpose, r.reason, "
        "IFNULL(r.reason_code, '') AS reason_code, r.initiator, r.status, "
        "IFNULL(am.name, '') AS am_name, r.requested_at, IFNULL(r.decided_at, '') AS decided_at "
        "FROM association_requests r JOIN customers c ON c.id = r.customer_id "
        "LEFT JOIN users am ON am.id = r.account_manager_id WHERE r.partner_id = ? "
        "AND (? = 0 OR r.account_manager_id = ? OR r.account_manager_id IN "
        "(SELECT m.id FROM users m WHERE m.director_id = ?)) "
        "AND (? = '' OR r.status = ?) ORDER BY r.id DESC LIMIT 200",
    [ST_REQUEST] = "SELECT id FROM association_requests WHERE id = ? AND partner_id = ?",
    [ST_CUSTOMER_EMAIL] = "SELECT IFNULL(email, '') FROM customers WHERE id = ?",
    [ST_RECENT] =
        "SELECT COUNT(*) FROM association_requests WHERE customer_id = ? AND partner_id = ? "
        "AND initiator = 'partner' AND requested_at > UTC_TIMESTAMP() - INTERVAL ? DAY",
};
PC_SQL_TABLE(cassoc_sql, sql);

static const pc_field disassociate_fields[] = {
    {"statement", pc_valid_text, 1, 1, PC_FIELD_REQUIRED, NULL},
    {"reason", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
};

static int refuse(pc_ctx *c, int status, const char *key)
{
    return pc_error_say(c, status, NULL, key);
}

static int str_row(void *arg, const pc_row *r)
{
    snprintf(arg, 256, "%s", pc_row_str(r, 0));
    return 1;
}

/* Run the check and put each failure under Check.N; returns the failure count or -1. */
static int precheck(pc_ctx *c, int64_t customer_id)
{
    const char *fails[PC_ASSOC_MAX_FAILS];
    int n = pc_assoc_check(customer_id, PC_ASSOC_PARTNER_SIDE, fails);
    for (int i = 0; i < n; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Check.%d.code", i), fails[i]);
        pc_set(c, pc_arena_printf(&c->arena, "Check.%d.text", i),
               pc_t(c, pc_arena_printf(&c->arena, "cust.precheck.%s", fails[i])));
    }
    return n;
}

static int disassociate_form(pc_ctx *c)
{
    cust k;
    int found = cust_load(c, c->path_id[0], &k);
    if (found <= 0 || !k.own)
        return pc_error(c, found < 0 ? 500 : 404);
    int fails = precheck(c, k.id);
    int64_t recent =
        pc_db_int(&cassoc_sql, ST_RECENT,
                  PC_BINDS(PC_I64(k.id), PC_I64(k.partner_id), PC_I64(PC_ASSOC_LIMIT_DAYS)), -1);
    if (fails < 0 || recent < 0)
        return pc_error(c, 500);
    pc_set_int(c, "Page.failures", fails);
    pc_set_int(c, "Page.recent", recent);
    if (recent >= PC_ASSOC_LIMIT)
        pc_set(c, "Page.limited", "1");
    if (cust_codes_on(c))
        pc_set(c, "Page.codes", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.assoc.disassociate"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/assoc_disassociate.cs");
}

typedef struct start_job {
    pc_ctx *c;
    pc_assoc_request r;
    int64_t id;
} start_job;

static int start_tx(void *arg)
{
    start_job *j = arg;
    pc_ctx *c = j->c;
    char email[256] = "", body[1024], reason[600];
    j->id = pc_assoc_start(&j->r);
    if (j->id == -1)
        return -1;
    if (j->id < 0)
        return 1;
    if (pc_db_query(&cassoc_sql, ST_CUSTOMER_EMAIL, PC_BINDS(PC_I64(j->r.customer_id)), str_row,
                    email) < 0)
        return -1;
    snprintf(body, sizeof body, pc_t(c, "mail.assoc_request.body"), c->user.partner_name,
             j->r.reason);
    if (*email && pc_mail_queue(email, pc_t(c, "mail.assoc_request.subject"), body))
        return -1;
    char *details = pc_arena_printf(
        &c->arena, "{\"request_id\":%lld,\"initiator\":\"partner\",\"reason\":\"%s\"}",
        (long long)j->id, pc_trace_json(j->r.reason, reason, sizeof reason));
    if (pc_trace(j->r.customer_id, PC_TRACE_APPLY_UNBIND, "accountInfo",
                 pc_arena_printf(&c->arena, "%lld", (long long)j->id), c->user.id, c->remote_addr,
                 "normal", details) < 0)
        return -1;
    pc_audit_ctx(c, "association.disassociate_request", "customer", j->r.customer_id, "ok",
                 pc_arena_printf(&c->arena, "request=%lld", (long long)j->id));
    return 0;
}

static int disassociate_post(pc_ctx *c)
{
    cust k;
    pc_value v[2];
    int found = cust_load(c, c->path_id[0], &k);
    if (found <= 0 || !k.own)
        return pc_error(c, found < 0 ? 500 : 404);
    int bad = pc_form(c, disassociate_fields, 2, v);
    if (!bad && strcmp(v[0].s, "1") != 0)
        pc_form_error(c, "statement", "cust.assoc.err.statement"), bad = 1;
    int fails = precheck(c, k.id);
    if (fails < 0)
        return pc_error(c, 500);
    if (bad || fails) {
        c->status = fails ? 409 : 400;
        return disassociate_form(c);
    }
    const char *code_err = cust_check_code(c, 0);
    if (code_err) {
        pc_form_error(c, "code", code_err);
        c->status = 400;
        return disassociate_form(c);
    }
    start_job j = {.c = c,
                   .r = {.customer_id = k.id,
                         .partner_id = k.partner_id,
                         .requested_by = c->user.id,
                         .initiator = "partner",
                         .reason = v[1].s}};
    int rc = pc_db_tx(start_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return refuse(c, j.id == PC_ASSOC_E_GONE ? 404 : 409,
                      j.id == PC_ASSOC_E_LIMIT     ? "cust.assoc.err.limit"
                      : j.id == PC_ASSOC_E_PENDING ? "cust.assoc.err.pending"
                                                   : "cust.err.unknown_customer");
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/customers/%lld?msg=assoc_requested", (long long)k.id));
}

/* ---- Association Records ---- */

static int records_page(pc_ctx *c)
{
    pc_scope s;
    pc_authz_scope(&c->user, &s);
    const char *status = pc_params_get(&c->query, "status");
    if (!status ||
        (strcmp(status, "pending") && strcmp(status, "completed") && strcmp(status, "rejected")))
        status = "";
    pc_set(c, "Filter.status", status);
    if (pc_db_hdf(&cassoc_sql, ST_RECORDS,
                  PC_BINDS(PC_I64(c->user.partner_id), PC_I64(s.assigned_to), PC_I64(s.assigned_to),
                           PC_I64(s.director_of), PC_STR(status), PC_STR(status)),
                  c->hdf, "Records") < 0)
        return pc_error(c, 500);
    char out[300];
    for (HDF *h = hdf_get_child(c->hdf, "Records"); h; h = hdf_obj_next(h)) {
        static const char *const times[] = {"requested_at", "decided_at"};
        for (int i = 0; i < 2; i++)
            pc_view_hdf_datetime(h, times[i], times[i]);
        NEOERR *e = hdf_set_value(h, "mobile",
                                  pc_mask_phone(hdf_get_value(h, "mobile", ""), out, sizeof out));
        nerr_ignore(&e);
    }
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_DISASSOCIATE))
        pc_set(c, "Page.can_decide", "1");
    if (cust_codes_on(c))
        pc_set(c, "Page.codes", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.tab.associations"));
    cust_tabs(c, "associations");
    return pc_render(c, "customers/assoc_records.cs");
}

typedef struct decide_job {
    pc_ctx *c;
    int64_t id;
    int agree;
    const char *error;
    int status;
    const char *fails[PC_ASSOC_MAX_FAILS];
    int nfails;
} decide_job;

static int decide_tx(void *arg)
{
    decide_job *j = arg;
    pc_ctx *c = j->c;
    pc_assoc_pending p;
    char today[11], email[256] = "", body[1024];
    int n = pc_assoc_lock_pending(j->id, &p);
    if (n < 0)
        return -1;
    if (n == 0 || p.partner_id != c->user.partner_id || strcmp(p.initiator, "customer") != 0) {
        j->status = 409, j->error = "cust.assoc.err.not_pending";
        return 1;
    }
    if (j->agree) {
        /* the check runs again under the lock: the account may have changed since the request */
        j->nfails = pc_assoc_check(p.customer_id, PC_ASSOC_PARTNER_SIDE, j->fails);
        if (j->nfails < 0)
            return -1;
        if (j->nfails) {
            j->status = 409, j->error = "cust.assoc.err.check";
            return 1;
        }
        pc_clock_today(today);
        if (pc_assoc_complete(&p, c->user.id, today))
            return -1;
    } else if (pc_assoc_reject(p.id, c->user.id)) {
        return -1;
    }
    if (pc_db_query(&cassoc_sql, ST_CUSTOMER_EMAIL, PC_BINDS(PC_I64(p.customer_id)), str_row,
                    email) < 0)
        return -1;
    snprintf(body, sizeof body,
             pc_t(c, j->agree ? "mail.assoc_agreed.body" : "mail.assoc_rejected.body"),
             c->user.partner_name);
    if (*email && pc_mail_queue(email, pc_t(c, "mail.assoc_decided.subject"), body))
        return -1;
    return pc_assoc_record_decision(c, &p, j->agree, "partner");
}

static int decide(pc_ctx *c, int agree)
{
    decide_job j = {.c = c, .id = c->path_id[0], .agree = agree};
    int64_t mine =
        pc_db_int(&cassoc_sql, ST_REQUEST, PC_BINDS(PC_I64(j.id), PC_I64(c->user.partner_id)), 0);
    if (mine < 0)
        return pc_error(c, 500);
    if (!mine)
        return pc_error(c, 404);
    const char *code_err = cust_check_code(c, 0);
    if (code_err) {
        pc_form_error(c, "code", code_err);
        c->status = 400;
        return records_page(c);
    }
    int rc = pc_db_tx(decide_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        for (int i = 0; i < j.nfails; i++)
            pc_set(c, pc_arena_printf(&c->arena, "Check.%d.text", i),
                   pc_t(c, pc_arena_printf(&c->arena, "cust.precheck.%s", j.fails[i])));
        pc_form_error(c, "form", j.error);
        c->status = j.status;
        return records_page(c);
    }
    return pc_redirect(c, agree ? "/customers/associations?msg=assoc_agreed"
                                : "/customers/associations?msg=assoc_rejected");
}

static int agree_post(pc_ctx *c)
{
    return decide(c, 1);
}

static int reject_post(pc_ctx *c)
{
    return decide(c, 0);
}

/* Detail-page button: Disassociate, for the administrator on its own customers. */
void assoc_actions(pc_ctx *c, const cust *k)
{
    if (k->own && k->associated && pc_authz_allows(&c->user, PC_PERM_CUSTOMER_DISASSOCIATE))
        cust_action(c, pc_arena_printf(&c->arena, "/customers/%lld/disassociate", (long long)k->id),
                    "cust.assoc.disassociate");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}/disassociate", PC_PERM_CUSTOMER_DISASSOCIATE,
             disassociate_form, 0),
    PC_ROUTE("POST", "/customers/{id}/disassociate", PC_PERM_CUSTOMER_DISASSOCIATE,
             disassociate_post, 0),
    PC_ROUTE("GET", "/customers/associations", PC_GUARD_CUSTOMERS, records_page, 0),
    PC_ROUTE("POST", "/customers/associations/{id}/agree", PC_PERM_CUSTOMER_DISASSOCIATE,
             agree_post, 0),
    PC_ROUTE("POST", "/customers/associations/{id}/reject", PC_PERM_CUSTOMER_DISASSOCIATE,
             reject_post, 0),
};
CUST_ROUTES(cust_assoc_routes, routes);
