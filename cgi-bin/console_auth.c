/*
 * My Partner > Authorization Management (11.5): the customer agrees to or
 * rejects a partner's request, revokes an accepted authorization and views
 * the exact letter it accepted (13.11).  Every decision needs a code sent to
 * the signed-in customer's e-mail (13.5, "always" for customers) and writes
 * the CTS trace confirmCustomerAgentAuthorizationApply (11.7.1).
 */
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "console.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/trace.h"
#include "base/view.h"
#include "web/page.h"

#define CODE_PURPOSE "console"

enum stmt {
    ST_LIST,
    ST_MINE,
    ST_LOCK,
    ST_LETTER_NOW,
    ST_LETTER_BODY,
    ST_ACCEPT,
    ST_REJECT,
    ST_REVOKE,
    ST_ACCEPTANCE,
    ST_PARTNER_USER_EMAIL,
    ST_CUSTOMER_NAME,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] =
        "SELECT a.id, p.name AS partner_name, a.requested_at, a.status, "
        "IFNULL(a.effective_at, '') AS effective_at, IFNULL(a.letter_version, '') AS "
        "letter_version, "
        "IFNULL(a.revoke_cause, '') AS revoke_cause, IFNULL(a.revoked_at, '') AS revoked_at "
        "FROM authorizations a JOIN partners p ON p.id = a.partner_id WHERE a.customer_id = ? "
        "ORDER BY a.id DESC LIMIT 100",
    [ST_MINE] =
        "SELECT IFNULL(letter_version, '') FROM authorizations WHERE id = ? AND customer_id = ?",
    [ST_LOCK] = "SELECT status, requested_by FROM authorizations WHERE id = ? AND customer_id = ? "
                "FOR UPDATE",
    [ST_LETTER_NOW] = "SELECT version FROM letters WHERE code = 'customer_authorization' "
                      "ORDER BY published_at DESC, version DESC LIMIT 1",
    [ST_LETTER_BODY] =
        "SELECT version, IF(? = 'zh', body_zh, body_en) AS body, published_at FROM letters "
        "WHERE code = 'customer_authorization' AND version = ?",
    [ST_ACCEPT] =
        "UPDATE authorizations SET status = 'accepted', decided_at = UTC_TIMESTAMP(), decided_by = "
        "?, "
        "effective_at = UTC_TIMESTAMP(), letter_version = ? WHERE id = ? AND status = 'pending'",
    [ST_REJECT] = "UPDATE authorizations SET status = 'rejected', decided_at = UTC_TIMESTAMP(), "
                  "decided_by = ? "
                  "WHERE id = ? AND status = 'pending'",
    [ST_REVOKE] = "UPDATE authorizations SET status = 'revoked', revoked_at = UTC_TIMESTAMP(), "
                  "revoke_cause = ? "
                  "WHERE id = ? AND status = 'accepted'",
    [ST_ACCEPTANCE] =
        "INSERT INTO letter_acceptances (letter_code, version, customer_id, authorization_id, "
        "accepted_by, accepted_at) VALUES ('customer_authorization', ?, ?, ?, ?, UTC_TIMESTAMP())",
    [ST_PARTNER_USER_EMAIL] = "SELECT email FROM users WHERE id = ?",
    [ST_CUSTOMER_NAME] = "SELECT CONCAT(name, ' (', account_name, ')') FROM customers WHERE id = ?",
};
PC_SQL_TABLE(cauth_sql, sql);

static int str_row(void *arg, const pc_row *r)
{
    snprintf(arg, 256, "%s", pc_row_str(r, 0));
    return 1;
}

const char *console_check_code(pc_ctx *c)
{
    const char *code = pc_params_get(&c->form, "code");
    if (!code || !*code)
        return "cust.err.code_needed";
    return pc_code_check(CODE_PURPOSE, c->user.email, code);
}

/* POST /console/code: e-mail the signed-in customer a code for a decision. */
static int send_code(pc_ctx *c)
{
    return pc_send_code(c, CODE_PURPOSE, "/console/", "/console/authorizations");
}

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&cauth_sql, ST_LIST, PC_BINDS(PC_I64(c->user.customer_id)), c->hdf, "Auth") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Auth"); h; h = hdf_obj_next(h)) {
        static const char *const times[] = {"requested_at", "effective_at", "revoked_at"};
        for (int i = 0; i < 3; i++)
            pc_view_hdf_datetime(h, times[i], times[i]);
    }
    pc_set(c, "Page.title", pc_t(c, "console.auth.title"));
    pc_set(c, "Page.tab", "auth");
    return pc_render(c, "console/auth.cs");
}

static int lock_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 1);
    return 1;
}

typedef struct decide_job {
    pc_ctx *c;
    int64_t id;
    enum { AGREE, REJECT, REVOKE } what;
    const char *cause;
} decide_job;

static int decide_tx(void *arg)
{
    decide_job *j = arg;
    pc_ctx *c = j->c;
    char version[256] = "", email[256] = "", body[1024];
    int64_t requested_by = 0;
    if (pc_db_query(&cauth_sql, ST_LOCK, PC_BINDS(PC_I64(j->id), PC_I64(c->user.customer_id)),
                    lock_row, &requested_by) != 1)
        return 2; /* gone */
    int64_t n;
    const char *action;
    if (j->what == AGREE) {
        if (pc_db_query(&cauth_sql, ST_LETTER_NOW, PC_NOBINDS, str_row, version) != 1)
            return -1;
        n = pc_db_exec(&cauth_sql, ST_ACCEPT,
                       PC_BINDS(PC_I64(c->user.id), PC_STR(version), PC_I64(j->id)), NULL);
        if (n == 1 && pc_db_exec(&cauth_sql, ST_ACCEPTANCE,
                                 PC_BINDS(PC_STR(version), PC_I64(c->user.customer_id),
                                          PC_I64(j->id), PC_I64(c->user.id)),
                                 NULL) != 1)
            return -1;
        action = "agree";
    } else if (j->what == REJECT) {
        n = pc_db_exec(&cauth_sql, ST_REJECT, PC_BINDS(PC_I64(c->user.id), PC_I64(j->id)), NULL);
        action = "reject";
    } else {
        n = pc_db_exec(&cauth_sql, ST_REVOKE, PC_BINDS(PC_STR(j->cause), PC_I64(j->id)), NULL);
        action = "revoke";
    }
    if (n < 0)
        return -1;
    if (n == 0)
        return 1; /* not in the state the action needs */
    char who[256] = "";
    if (pc_db_query(&cauth_sql, ST_PARTNER_USER_EMAIL, PC_BINDS(PC_I64(requested_by)), str_row,
                    email) < 0 ||
        pc_db_query(&cauth_sql, ST_CUSTOMER_NAME, PC_BINDS(PC_I64(c->user.customer_id)), str_row,
                    who) < 0)
        return -1;
    snprintf(body, sizeof body, pc_t(c, pc_arena_printf(&c->arena, "mail.auth.%s.body", action)),
             who);
    if (*email && pc_mail_queue(email, pc_t(c, "mail.auth.decided.subject"), body))
        return -1;
    if (pc_trace(c->user.customer_id, PC_TRACE_CONFIRM_AUTH, "csbchannelsales",
                 pc_arena_printf(&c->arena, "%lld", (long long)j->id), c->user.id, c->remote_addr,
                 "normal",
                 pc_arena_printf(&c->arena, "{\"authorization_id\":%lld,\"decision\":\"%s\"}",
                                 (long long)j->id, action)) < 0)
        return -1;
    pc_audit_ctx(c, pc_arena_printf(&c->arena, "authorization.%s", action), "authorization", j->id,
                 "ok", "");
    return 0;
}

static int decide(pc_ctx *c, decide_job *j)
{
    char version[256];
    int mine = pc_db_query(&cauth_sql, ST_MINE,
                           PC_BINDS(PC_I64(j->id), PC_I64(c->user.customer_id)), str_row, version);
    if (mine < 0)
        return pc_error(c, 500);
    if (mine == 0)
        return pc_error(c, 404);
    pc_set_int(c, "Page.row", j->id);
    int bad = 0;
    if (j->what == AGREE) {
        const char *tick = pc_params_get(&c->form, "letter");
        if (!tick || strcmp(tick, "1") != 0)
            pc_form_error(c, "letter", "console.auth.err.letter"), bad = 1;
    }
    if (j->what == REVOKE) {
        static const pc_field f[] = {{"cause", pc_valid_text, 1, 128, PC_FIELD_REQUIRED, NULL}};
        pc_value v;
        bad |= pc_form(c, f, 1, &v) != 0;
        j->cause = v.s;
    }
    const char *code_err = bad ? NULL : console_check_code(c);
    if (code_err)
        pc_form_error(c, "code", code_err), bad = 1;
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    j->c = c;
    int rc = pc_db_tx(decide_tx, j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc == 2)
        return pc_error(c, 404);
    if (rc == 1) {
        pc_form_error(c, "form", "console.auth.err.state");
        c->status = 409;
        return list_page(c);
    }
    static const char *const msg[] = {"auth_agreed", "auth_rejected", "auth_revoked"};
    return pc_redirect(c,
                       pc_arena_printf(&c->arena, "/console/authorizations?msg=%s", msg[j->what]));
}

static int agree_post(pc_ctx *c)
{
    decide_job j = {.id = c->path_id[0], .what = AGREE};
    return decide(c, &j);
}

static int reject_post(pc_ctx *c)
{
    decide_job j = {.id = c->path_id[0], .what = REJECT};
    return decide(c, &j);
}

static int revoke_post(pc_ctx *c)
{
    decide_job j = {.id = c->path_id[0], .what = REVOKE};
    return decide(c, &j);
}

/* The letter this authorization accepted; the current one while it is pending. */
static int letter_page(pc_ctx *c)
{
    char version[256] = "";
    int mine =
        pc_db_query(&cauth_sql, ST_MINE,
                    PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.customer_id)), str_row, version);
    if (mine <= 0)
        return pc_error(c, mine < 0 ? 500 : 404);
    if (!*version && pc_db_query(&cauth_sql, ST_LETTER_NOW, PC_NOBINDS, str_row, version) != 1)
        return pc_error(c, 500);
    if (pc_db_hdf(&cauth_sql, ST_LETTER_BODY, PC_BINDS(PC_STR(c->lang), PC_STR(version)), c->hdf,
                  "Letter") != 1)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "console.auth.letter"));
    pc_set(c, "Page.tab", "auth");
    return pc_render(c, "console/auth_letter.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/console/authorizations", PC_GUARD_CUSTOMER, list_page, 0),
    PC_ROUTE("POST", "/console/authorizations/{id}/agree", PC_GUARD_CUSTOMER, agree_post, 0),
    PC_ROUTE("POST", "/console/authorizations/{id}/reject", PC_GUARD_CUSTOMER, reject_post, 0),
    PC_ROUTE("POST", "/console/authorizations/{id}/revoke", PC_GUARD_CUSTOMER, revoke_post, 0),
    PC_ROUTE("GET", "/console/authorizations/{id}/letter", PC_GUARD_CUSTOMER, letter_page, 0),
    PC_ROUTE("POST", "/console/code", PC_GUARD_CUSTOMER, send_code, 0),
};
CONSOLE_ROUTES(console_auth_routes, routes);
