/*
 * pc-auth — sign-in, sign-out, password change, sign-up with an e-mailed
 * code, and the language switch (guide §1.1, §1.3, §4.1, §5.1.2).
 */
#include <stdio.h>
#include <string.h>

#include "web/app.h"
#include "access/audit.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/mail.h"

enum stmt {
    ST_FIND_LOGIN,
    ST_LOGIN_DONE,
    ST_PASSWORD_HASH,
    ST_PASSWORD_SET,
    ST_USERNAME_TAKEN,
    ST_EMAIL_TAKEN,
    ST_SIGNUP_INSERT,
    ST_LANG_SET,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    /* by login name, or by e-mail when exactly one live account has it */
    [ST_FIND_LOGIN] =
        "SELECT id, password_hash, status, must_change_password, username FROM users "
        "WHERE status <> 'deleted' AND (username = ? OR (email = ? AND 1 = (SELECT COUNT(*) "
        "FROM users WHERE email = ? AND status <> 'deleted'))) LIMIT 1",
    [ST_LOGIN_DONE] = "UPDATE users SET last_login_at = UTC_TIMESTAMP() WHERE id = ?",
    [ST_PASSWORD_HASH] = "SELECT password_hash FROM users WHERE id = ?",
    [ST_PASSWORD_SET] = "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?",
    [ST_USERNAME_TAKEN] = "SELECT COUNT(*) FROM users WHERE username = ?",
    [ST_EMAIL_TAKEN] = "SELECT COUNT(*) FROM users WHERE email = ? AND status <> 'deleted'",
    [ST_SIGNUP_INSERT] =
        "INSERT INTO users (kind, username, name, email, country, password_hash, lang) "
        "VALUES ('individual', ?, ?, ?, ?, ?, ?)",
    [ST_LANG_SET] = "UPDATE users SET lang = ? WHERE id = ?",
};
PC_SQL_TABLE(auth_sql, sql);

/* Countries offered at sign-up (ISO 3166 codes; labels in the language files). */
static const char *const countries[] = {"CN", "HK", "SG", "MY", "TH", "ID", "IE", "DE", "FR", "GB",
                                        "ES", "BR", "MX", "CL", "ZA", "AE", "SA", "TR", NULL};
static const char *const langs[] = {"en", "zh", NULL};

static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return "/home";
    /* no control characters: browsers drop a tab inside a URL ("/\t/evil" is "//evil"), and the
       login form would refuse the field it was given */
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return "/home";
    return next;
}

static int login_form(pc_ctx *c)
{
    if (c->user.id)
        return pc_redirect(c, "/home");
    pc_set(c, "Page.title", pc_t(c, "auth.login.title"));
    pc_set(c, "Form.next.value", safe_next(pc_params_get(&c->query, "next")));
    return pc_render(c, "auth/login.cs");
}

struct login_row {
    int64_t id, must_change;
    char hash[256], status[16], username[256];
};

static int login_row(void *arg, const pc_row *r)
{
    struct login_row *l = arg;
    l->id = pc_row_i64(r, 0);
    snprintf(l->hash, sizeof l->hash, "%s", pc_row_str(r, 1));
    snprintf(l->status, sizeof l->status, "%s", pc_row_str(r, 2));
    l->must_change = pc_row_i64(r, 3);
    snprintf(l->username, sizeof l->username, "%s", pc_row_str(r, 4));
    return 1;
}

static void login_audit(pc_ctx *c, int64_t uid, const char *login, const char *result,
                        const char *detail)
{
    pc_audit_event e = {.actor_user_id = uid,
                        .actor_name = login,
                        .action = "login",
                        .object_type = "user",
                        .object_id = uid,
                        .ip = c->remote_addr,
                        .result = result,
                        .detail = detail};
    pc_audit(&e);
}

static int login_refused(pc_ctx *c, const char *key)
{
    pc_form_error(c, "form", key);
    c->status = 400;
    pc_set(c, "Page.title", pc_t(c, "auth.login.title"));
    return pc_render(c, "auth/login.cs");
}

static const pc_field login_fields[] = {
    {"username", pc_valid_text, 1, 254, PC_FIELD_REQUIRED, NULL},
    {"password", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
    {"next", pc_valid_text, 0, 500, 0, NULL},
};

static int login_submit(pc_ctx *c)
{
    pc_value v[3];
    struct login_row l = {0};
    char token[PC_TOKEN_HEX], csrf[PC_TOKEN_HEX];
    if (pc_form(c, login_fields, 3, v))
        return login_refused(c, "auth.login.missing");
    const char *login = v[0].s;
    if (pc_db_query(&auth_sql, ST_FIND_LOGIN, PC_BINDS(PC_STR(login), PC_STR(login), PC_STR(login)),
                    login_row, &l) < 0)
        return pc_error(c, 500);
    /* failures count against the account, however it is named (username or e-mail address):
     * otherwise signing in by e-mail would start a fresh allowance */
    const char *account = l.id ? l.username : login;
    if (pc_login_throttled(account, c->remote_addr)) {
        login_audit(c, 0, login, "denied", "throttled");
        return login_refused(c, "auth.login.throttled");
    }
    /* verify even for an unknown name: the time taken must not tell which names exist */
    static char dummy[256];
    if (!dummy[0] && pc_password_hash("no such user 0", dummy, sizeof dummy))
        return pc_error(c, 500);
    int ok = pc_password_verify(l.id ? l.hash : dummy, v[1].s) == 0 && l.id;
    pc_login_record(account, c->remote_addr, ok);
    if (!ok) {
        login_audit(c, l.id, login, "failed", "wrong password or unknown login");
        return login_refused(c, "auth.login.failed");
    }
    if (strcmp(l.status, "normal") != 0) {
        login_audit(c, l.id, login, "denied", "account locked");
        return login_refused(c, "auth.login.locked");
    }
    /* a new session id at every sign-in: a token planted before sign-in is worthless */
    pc_session_destroy(c->session_token);
    if (pc_session_create(l.id, c->remote_addr, token, csrf))
        return pc_error(c, 500);
    pc_db_exec(&auth_sql, ST_LOGIN_DONE, PC_BINDS(PC_I64(l.id)), NULL);
    login_audit(c, l.id, login, "ok", "");
    pc_cookie(c, "pc_sid", token, 0);
    return pc_redirect(c, l.must_change ? "/auth/password" : safe_next(v[2].s));
}

static int logout(pc_ctx *c)
{
    pc_audit_ctx(c, "logout", "user", c->user.id, "ok", "");
    pc_session_destroy(c->session_token);
    pc_cookie(c, "pc_sid", "", -1);
    return pc_redirect(c, "/auth/login?msg=signed_out");
}

static int password_form(pc_ctx *c)
{
    pc_set(c, "Page.title", pc_t(c, "auth.password.title"));
    if (c->user.must_change_password)
        pc_set(c, "Page.must_change", "1");
    return pc_render(c, "auth/password.cs");
}

static const pc_field password_fields[] = {
    {"current", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
    {"password", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"confirm", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
    {"logout_others", pc_valid_text, 0, 3, 0, NULL},
};

static int hash_row(void *arg, const pc_row *r)
{
    snprintf(arg, 256, "%s", pc_row_str(r, 0));
    return 1;
}

static int password_submit(pc_ctx *c)
{
    pc_value v[4];
    char hash[256] = "";
    int bad = pc_form(c, password_fields, 4, v);
    if (!bad && strcmp(v[1].s, v[2].s) != 0)
        pc_form_error(c, "confirm", "err.password_mismatch"), bad++;
    if (!bad && strcmp(v[0].s, v[1].s) == 0)
        pc_form_error(c, "password", "err.password_same"), bad++;
    if (!bad) {
        if (pc_db_query(&auth_sql, ST_PASSWORD_HASH, PC_BINDS(PC_I64(c->user.id)), hash_row, hash) <
            0)
            return pc_error(c, 500);
        if (pc_password_verify(hash, v[0].s))
            pc_form_error(c, "current", "err.password_wrong"), bad++;
    }
    if (bad) {
        c->status = 400;
        return password_form(c);
    }
    if (pc_password_hash(v[1].s, hash, sizeof hash) ||
        pc_db_exec(&auth_sql, ST_PASSWORD_SET, PC_BINDS(PC_STR(hash), PC_I64(c->user.id)), NULL) <
            0)
        return pc_error(c, 500);
    if (v[3].present)
        pc_session_destroy_others(c->user.id, c->session_token);
    pc_audit_ctx(c, "password.change", "user", c->user.id, "ok",
                 v[3].present ? "other sessions ended" : "");
    return pc_redirect(c, "/home?msg=password_changed");
}

static void signup_page_data(pc_ctx *c)
{
    pc_set(c, "Page.title", pc_t(c, "auth.signup.title"));
    for (int i = 0; countries[i]; i++) {
        char key[32], name[64];
        snprintf(key, sizeof key, "country.%s", countries[i]);
        snprintf(name, sizeof name, "Countries.%d.code", i);
        pc_set(c, name, countries[i]);
        snprintf(name, sizeof name, "Countries.%d.label", i);
        pc_set(c, name, pc_t(c, key));
    }
}

static int signup_form(pc_ctx *c)
{
    if (c->user.id)
        return pc_redirect(c, "/home");
    signup_page_data(c);
    return pc_render(c, "auth/signup.cs");
}

static const pc_field code_fields[] = {
    {"email", pc_valid_email, 0, 0, PC_FIELD_REQUIRED, NULL},
};

static int signup_code(pc_ctx *c)
{
    pc_value v[1];
    char code[7], body[1024];
    /* keep what the visitor typed in the other fields */
    static const pc_field keep[] = {{"username", pc_valid_text, 0, 64, 0, NULL},
                                    {"name", pc_valid_text, 0, 200, 0, NULL},
                                    {"country", pc_valid_text, 0, 8, 0, NULL}};
    pc_value kv[3];
    pc_form(c, keep, 3, kv);
    if (pc_form(c, code_fields, 1, v)) {
        c->status = 400;
        return signup_form(c);
    }
    int rc = pc_code_issue("signup", v[0].s, code);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc == 0) {
        /* the language files keep the printf order: %s code, %d minutes */
        snprintf(body, sizeof body, pc_t(c, "mail.signup_code.body"), code,
                 (int)pc_conf_int("Codes.lifetime_minutes"));
        if (pc_mail_queue(v[0].s, pc_t(c, "mail.signup_code.subject"), body))
            return pc_error(c, 500);
    }
    /* the same answer whether or not the address is registered: no enumeration */
    pc_set(c, "Page.flash", pc_t(c, rc == 0 ? "auth.signup.code_sent" : "auth.signup.code_wait"));
    return signup_form(c);
}

static const pc_field signup_fields[] = {
    {"country", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, countries},
    {"username", pc_valid_username, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    {"email", pc_valid_email, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"code", pc_valid_text, 6, 6, PC_FIELD_REQUIRED, NULL},
    {"password", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"confirm", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
};
enum { SU_COUNTRY, SU_USERNAME, SU_NAME, SU_EMAIL, SU_CODE, SU_PASSWORD, SU_CONFIRM, SU__N };

static int signup_submit(pc_ctx *c)
{
    pc_value v[SU__N];
    char hash[256];
    int64_t uid = 0;
    int bad = pc_form(c, signup_fields, SU__N, v);
    if (v[SU_PASSWORD].present && v[SU_CONFIRM].present &&
        strcmp(v[SU_PASSWORD].s, v[SU_CONFIRM].s) != 0)
        pc_form_error(c, "confirm", "err.password_mismatch"), bad++;
    /* Whether a username or an address is taken is told only to whoever holds a valid code
     * for the address (mailed, at most one a minute, a few attempts each): the form cannot
     * be used to list the accounts.  The code is used up only by the registration itself. */
    if (!bad) {
        const char *why = pc_code_valid("signup", v[SU_EMAIL].s, v[SU_CODE].s);
        if (why)
            pc_form_error(c, "code", why), bad++;
    }
    if (!bad && pc_db_int(&auth_sql, ST_USERNAME_TAKEN, PC_BINDS(PC_STR(v[SU_USERNAME].s)), 0))
        pc_form_error(c, "username", "err.username_taken"), bad++;
    if (!bad && pc_db_int(&auth_sql, ST_EMAIL_TAKEN, PC_BINDS(PC_STR(v[SU_EMAIL].s)), 0))
        pc_form_error(c, "email", "err.email_taken"), bad++;
    if (!bad) {
        const char *why = pc_code_check("signup", v[SU_EMAIL].s, v[SU_CODE].s);
        if (why)
            pc_form_error(c, "code", why), bad++;
    }
    if (bad) {
        c->status = 400;
        return signup_form(c);
    }
    if (pc_password_hash(v[SU_PASSWORD].s, hash, sizeof hash) ||
        pc_db_exec(&auth_sql, ST_SIGNUP_INSERT,
                   PC_BINDS(PC_STR(v[SU_USERNAME].s), PC_STR(v[SU_NAME].s), PC_STR(v[SU_EMAIL].s),
                            PC_STR(v[SU_COUNTRY].s), PC_STR(hash), PC_STR(c->lang)),
                   &uid) != 1)
        return pc_error(c, 500);
    pc_audit_event e = {.actor_user_id = uid,
                        .actor_name = v[SU_USERNAME].s,
                        .action = "signup",
                        .object_type = "user",
                        .object_id = uid,
                        .ip = c->remote_addr,
                        .result = "ok"};
    pc_audit(&e);
    return pc_redirect(c, "/auth/login?msg=registered");
}

static const pc_field lang_fields[] = {
    {"lang", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, langs},
    {"back", pc_valid_text, 0, 500, 0, NULL},
};

static int set_language(pc_ctx *c)
{
    pc_value v[2];
    if (pc_form(c, lang_fields, 2, v))
        return pc_error(c, 400);
    if (c->user.id &&
        pc_db_exec(&auth_sql, ST_LANG_SET, PC_BINDS(PC_STR(v[0].s), PC_I64(c->user.id)), NULL) < 0)
        return pc_error(c, 500);
    pc_cookie(c, "pc_lang", v[0].s, 365L * 24 * 3600);
    return pc_redirect(c, safe_next(v[1].s));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/auth/login", PC_GUARD_PUBLIC, login_form, 0),
    PC_ROUTE("POST", "/auth/login", PC_GUARD_PUBLIC, login_submit, 0),
    PC_ROUTE("POST", "/auth/logout", PC_GUARD_SIGNED_IN, logout, PC_ROUTE_ANY_PASSWORD),
    PC_ROUTE("GET", "/auth/password", PC_GUARD_SIGNED_IN, password_form, PC_ROUTE_ANY_PASSWORD),
    PC_ROUTE("POST", "/auth/password", PC_GUARD_SIGNED_IN, password_submit, PC_ROUTE_ANY_PASSWORD),
    PC_ROUTE("GET", "/auth/signup", PC_GUARD_PUBLIC, signup_form, 0),
    PC_ROUTE("POST", "/auth/signup", PC_GUARD_PUBLIC, signup_submit, 0),
    PC_ROUTE("POST", "/auth/signup/code", PC_GUARD_PUBLIC, signup_code, 0),
    PC_ROUTE("POST", "/auth/lang", PC_GUARD_PUBLIC, set_language, PC_ROUTE_ANY_PASSWORD),
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /auth/ to this program */
    return pc_app_main(argc, argv, "/auth/", routes, sizeof routes / sizeof routes[0]);
}
