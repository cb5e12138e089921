/*
 * Forgot password (guide §4.1: identity verification by a code to the bound e-mail, then the
 * new password).  Whoever asks for a code gets the same answer whether or not the name exists;
 * the code goes to the account's own address.  With a right code the password is set, every
 * session of the user ends, the sign-in throttle of the account starts afresh, and the reset
 * is audited.
 */
#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "access/session.h"
#include "auth.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/mail.h"

#define CODE_PURPOSE "reset"

enum stmt { ST_ACCOUNT, ST_SET, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* a live account by its username, or by an e-mail address only one live account has */
    [ST_ACCOUNT] = "SELECT id, username, email FROM users WHERE status = 'normal' AND "
                   "(username = ? OR (email = ? AND 1 = (SELECT COUNT(*) FROM users WHERE "
                   "email = ? AND status <> 'deleted'))) LIMIT 1",
    [ST_SET] = "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?",
};
PC_SQL_TABLE(forgot_sql, sql);

typedef struct account {
    int64_t id;
    char username[256], email[256];
} account;

static int account_row(void *arg, const pc_row *r)
{
    account *a = arg;
    a->id = pc_row_i64(r, 0);
    snprintf(a->username, sizeof a->username, "%s", pc_row_str(r, 1));
    snprintf(a->email, sizeof a->email, "%s", pc_row_str(r, 2));
    return 1;
}

static int find_account(const char *login, account *a)
{
    memset(a, 0, sizeof *a);
    return pc_db_query(&forgot_sql, ST_ACCOUNT,
                       PC_BINDS(PC_STR(login), PC_STR(login), PC_STR(login)), account_row, a);
}

static int forgot_form(pc_ctx *c)
{
    pc_set(c, "Page.title", pc_t(c, "auth.forgot.title"));
    return pc_render(c, "auth/forgot.cs");
}

static const pc_field login_field[] = {{"login", pc_valid_text, 1, 254, PC_FIELD_REQUIRED, NULL}};

static int forgot_code(pc_ctx *c)
{
    pc_value v[1];
    account a;
    char code[7], body[1024];
    if (pc_form(c, login_field, 1, v)) {
        c->status = 400;
        return forgot_form(c);
    }
    if (find_account(v[0].s, &a) < 0)
        return pc_error(c, 500);
    int rc = a.id && *a.email ? pc_code_issue(CODE_PURPOSE, a.email, code) : 0;
    if (rc < 0)
        return pc_error(c, 500);
    if (a.id && *a.email && rc == 0) {
        /* the language files keep the printf order: %s code, %d minutes */
        snprintf(body, sizeof body, pc_t(c, "mail.reset_code.body"), code,
                 (int)pc_conf_int("Codes.lifetime_minutes"));
        if (pc_mail_queue(a.email, pc_t(c, "mail.reset_code.subject"), body))
            return pc_error(c, 500);
    }
    /* the same answer for a name that has no account: no enumeration */
    pc_set(c, "Page.flash", pc_t(c, rc == 0 ? "auth.forgot.code_sent" : "auth.forgot.code_wait"));
    return forgot_form(c);
}

static const pc_field reset_fields[] = {
    {"login", pc_valid_text, 1, 254, PC_FIELD_REQUIRED, NULL},
    {"code", pc_valid_text, 6, 6, PC_FIELD_REQUIRED, NULL},
    {"password", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"confirm", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
};

static void audit_reset(pc_ctx *c, const account *a)
{
    pc_audit_event e = {.actor_user_id = a->id,
                        .actor_name = a->username,
                        .action = "user.password_reset",
                        .object_type = "user",
                        .object_id = a->id,
                        .ip = c->remote_addr,
                        .result = "ok",
                        .detail = "by e-mailed code"};
    pc_audit(&e);
}

static int forgot_reset(pc_ctx *c)
{
    pc_value v[4];
    account a = {0};
    char hash[256];
    int bad = pc_form(c, reset_fields, 4, v);
    if (v[2].present && v[3].present && strcmp(v[2].s, v[3].s) != 0)
        pc_form_error(c, "confirm", "err.password_mismatch"), bad++;
    if (!bad && find_account(v[0].s, &a) < 0)
        return pc_error(c, 500);
    /* no account, or a wrong code: the same message (the code was sent to the account) */
    const char *why = bad    ? NULL
                      : a.id ? pc_code_check(CODE_PURPOSE, a.email, v[1].s)
                             : "err.code_wrong";
    if (why)
        pc_form_error(c, "code", why), bad++;
    if (bad) {
        c->status = 400;
        return forgot_form(c);
    }
    if (pc_password_hash(v[2].s, hash, sizeof hash) ||
        pc_db_exec(&forgot_sql, ST_SET, PC_BINDS(PC_STR(hash), PC_I64(a.id)), NULL) < 0)
        return pc_error(c, 500);
    pc_session_destroy_others(a.id, "");            /* whoever knew the old password is out */
    pc_login_record(a.username, c->remote_addr, 1); /* the throttle starts afresh */
    audit_reset(c, &a);
    return pc_redirect(c, "/auth/login?msg=password_reset");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/auth/forgot", PC_GUARD_PUBLIC, forgot_form, 0),
    PC_ROUTE("POST", "/auth/forgot", PC_GUARD_PUBLIC, forgot_reset, 0),
    PC_ROUTE("POST", "/auth/forgot/code", PC_GUARD_PUBLIC, forgot_code, 0),
};
PC_ROUTE_TABLE(auth_forgot_routes, routes);
