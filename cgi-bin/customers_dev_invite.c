/*
 * Customer Development: the invitation of a pre-registered customer by e-mail
 * (9.2.2.2, dev_invite_tx; the list's Invite buttons are in customers_dev.c)
 * and History Records (9.2.2.4) with Resend Invitation.
 * An invitation carries a single-use token (only its SHA-256 is stored) and
 * expires with its pre-registration; a new one kills the older tokens.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "customers_dev_common.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/view.h"

/* the invitations a member may see (alias i): binds as DEV_SCOPE */
#define INV_SCOPE                                                                                  \
    "i.partner_id = ? AND (? = 0 OR i.invited_by = ? OR i.account_manager_id = ? OR "              \
    "i.account_manager_id IN (SELECT m.id FROM users m WHERE m.director_id = ?))"

enum stmt { ST_LOCK_PREREG, ST_KILL_OPEN, ST_INSERT, ST_HISTORY, ST_LOCK_INVITATION, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LOCK_PREREG] =
        "SELECT p.status, p.expires_at > UTC_TIMESTAMP(), p.full_name, p.email, p.mobile, "
        "p.expires_at, IFNULL(p.account_manager_id, 0) FROM preregistrations p "
        "WHERE p.id = ? AND " DEV_SCOPE " FOR UPDATE",
    /* a new invitation supersedes the open ones: their tokens answer "expired" */
    [ST_KILL_OPEN] = "UPDATE invitations SET status = 'EXPIRED' WHERE preregistration_id = ? AND "
                     "status = 'INVITED'",
    [ST_INSERT] = "INSERT INTO invitations (partner_id, preregistration_id, method, token_hash, "
                  "full_name, email, "
                  "mobile, account_manager_id, invited_by, sent_at, expires_at) "
                  "VALUES (?, ?, 'email', ?, ?, ?, ?, NULLIF(?, 0), ?, UTC_TIMESTAMP(), ?)",
    [ST_HISTORY] =
        "SELECT i.id, i.full_name, i.mobile, i.email, IFNULL(c.name, '') AS customer_name, "
        "i.association_type, i.method, IFNULL(i.custom_tag, '') AS custom_tag, "
        "IFNULL(am.name, '') AS am_name, i.status, IFNULL(i.failure_code, '') AS failure_code, "
        "i.sent_at, IFNULL(i.preregistration_id, 0) AS prereg FROM invitations i "
        "LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN users am ON am.id = "
        "i.account_manager_id "
        "WHERE " INV_SCOPE " AND (? = '' OR i.full_name LIKE ?) AND (? = '' OR i.email LIKE ?) "
        "AND (? = '' OR i.method = ?) AND (? = '' OR i.status = ?) ORDER BY i.id DESC LIMIT 200",
    [ST_LOCK_INVITATION] =
        "SELECT i.status, i.method, IFNULL(i.preregistration_id, 0) FROM invitations i "
        "WHERE i.id = ? AND " INV_SCOPE " FOR UPDATE",
};
PC_SQL_TABLE(invite_sql, sql);

struct prereg_row {
    char status[24], name[104], email[256], mobile[24], expires[24];
    int64_t live, am;
};

static int prereg_row(void *arg, const pc_row *r)
{
    struct prereg_row *p = arg;
    snprintf(p->status, sizeof p->status, "%s", pc_row_str(r, 0));
    p->live = pc_row_i64(r, 1);
    snprintf(p->name, sizeof p->name, "%s", pc_row_str(r, 2));
    snprintf(p->email, sizeof p->email, "%s", pc_row_str(r, 3));
    snprintf(p->mobile, sizeof p->mobile, "%s", pc_row_str(r, 4));
    snprintf(p->expires, sizeof p->expires, "%s", pc_row_str(r, 5));
    p->am = pc_row_i64(r, 6);
    return 1;
}

static int queue_mail(pc_ctx *c, const struct prereg_row *p, const char *token)
{
    char when[64];
    const char *link =
        pc_arena_printf(&c->arena, "%s/console/join?t=%s", pc_conf_str("Site.base_url"), token);
    /* the language files keep the printf order: name, partner, link, expiry */
    const char *body =
        pc_arena_printf(&c->arena, pc_t(c, "cust.dev.mail.body"), p->name, c->user.partner_name,
                        link, pc_view_datetime(p->expires, when, sizeof when));
    const char *subject =
        pc_arena_printf(&c->arena, pc_t(c, "cust.dev.mail.subject"), c->user.partner_name);
    return pc_mail_queue(p->email, subject, body);
}

int dev_invite_tx(pc_ctx *c, int64_t prereg_id, const char **why)
{
    struct prereg_row p = {0};
    pc_scope s;
    int64_t id = 0;
    char token[PC_TOKEN_HEX], hash[PC_TOKEN_HEX];
    pc_authz_scope(&c->user, &s);
    int n = pc_db_query(&invite_sql, ST_LOCK_PREREG,
                        PC_BINDS(PC_I64(prereg_id), DEV_SCOPE_BINDS(c, s)), prereg_row, &p);
    if (n <= 0) {
        *why = "cust.dev.err.unknown";
        return n < 0 ? -1 : 1;
    }
    if (strcmp(p.status, "PREREGISTERED") != 0 || !p.live) {
        *why = strcmp(p.status, "PREREGISTERED") == 0 ? "cust.dev.err.prereg_expired"
                                                      : "cust.dev.err.not_preregistered";
        return 1;
    }
    pc_token_new(token);
    pc_sha256_hex(token, strlen(token), hash);
    int64_t am = dev_own_manager(c) ? dev_own_manager(c) : p.am;
    if (pc_db_exec(&invite_sql, ST_KILL_OPEN, PC_BINDS(PC_I64(prereg_id)), NULL) < 0 ||
        pc_db_exec(&invite_sql, ST_INSERT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(prereg_id), PC_STR(hash),
                            PC_STR(p.name), PC_STR(p.email), PC_STR(p.mobile), PC_I64(am),
                            PC_I64(c->user.id), PC_STR(p.expires)),
                   &id) != 1 ||
        queue_mail(c, &p, token))
        return -1;
    /* the trace name of 11.7.1 for "invite customer to associate with partner" */
    pc_audit_ctx(
        c, "addBpInviteTraceLog", "invitation", id, "ok",
        pc_arena_printf(&c->arena, "preregistration=%lld method=email", (long long)prereg_id));
    return 0;
}

/* ---- History Records ---- */

static const char *const methods[] = {"email", "link", "qr", "promo", NULL};
static const char *const statuses[] = {"INVITED", "ASSOCIATED", "ASSOCIATION_FAILED", "EXPIRED",
                                       NULL};
static const pc_field history_fields[] = {
    {"name", pc_valid_text, 0, 100, 0, NULL},
    {"email", pc_valid_text, 0, 254, 0, NULL},
    {"method", pc_valid_enum, 0, 0, 0, methods},
    {"status", pc_valid_enum, 0, 0, 0, statuses},
};

/* Failure cause (code → message of 9.2.2.4) and local time on each row. */
static void decorate_history(pc_ctx *c)
{
    char when[64];
    for (HDF *h = hdf_get_child(c->hdf, "Invitations"); h; h = hdf_obj_next(h)) {
        char *code = pc_arena_strdup(&c->arena, hdf_get_value(h, "failure_code", ""));
        for (char *p = code; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        NEOERR *e = hdf_set_value(
            h, "sent", pc_view_datetime(hdf_get_value(h, "sent_at", ""), when, sizeof when));
        nerr_ignore(&e);
        if (*code) {
            e = hdf_set_value(h, "failure",
                              pc_t(c, pc_arena_printf(&c->arena, "cust.dev.fail.%s", code)));
            nerr_ignore(&e);
        }
    }
}

static int history_page(pc_ctx *c)
{
    pc_value v[4];
    const char *errs[4];
    pc_scope s;
    pc_authz_scope(&c->user, &s);
    pc_valid_form(&c->arena, history_fields, 4, &c->query, v, errs);
    for (int i = 0; i < 4; i++) {
        if (errs[i])
            v[i] = (pc_value){.s = ""};
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", history_fields[i].name), v[i].s);
    }
    pc_arena *a = &c->arena;
    if (pc_db_hdf(&invite_sql, ST_HISTORY,
                  PC_BINDS(DEV_SCOPE_BINDS(c, s), PC_STR(v[0].s), PC_STR(pc_db_like(a, v[0].s)),
                           PC_STR(v[1].s), PC_STR(pc_db_like(a, v[1].s)), PC_STR(v[2].s),
                           PC_STR(v[2].s), PC_STR(v[3].s), PC_STR(v[3].s)),
                  c->hdf, "Invitations") < 0)
        return pc_error(c, 500);
    decorate_history(c);
    pc_set(c, "Page.title", pc_t(c, "cust.dev.tab.history"));
    dev_subtabs(c, "history");
    return pc_render(c, "customers/dev_history.cs");
}

struct invitation_row {
    char status[24], method[8];
    int64_t prereg;
};

static int invitation_row(void *arg, const pc_row *r)
{
    struct invitation_row *i = arg;
    snprintf(i->status, sizeof i->status, "%s", pc_row_str(r, 0));
    snprintf(i->method, sizeof i->method, "%s", pc_row_str(r, 1));
    i->prereg = pc_row_i64(r, 2);
    return 1;
}

typedef struct resend_job {
    pc_ctx *c;
    int64_t id;
    const char *why;
} resend_job;

/* Resend Invitation: a new invitation (new token) for a not yet associated pre-registered customer.
 */
static int resend_tx(void *arg)
{
    resend_job *j = arg;
    struct invitation_row i = {0};
    pc_scope s;
    pc_authz_scope(&j->c->user, &s);
    int n = pc_db_query(&invite_sql, ST_LOCK_INVITATION,
                        PC_BINDS(PC_I64(j->id), DEV_SCOPE_BINDS(j->c, s)), invitation_row, &i);
    if (n <= 0) {
        j->why = "cust.dev.err.unknown";
        return n < 0 ? -1 : 1;
    }
    if (strcmp(i.status, "ASSOCIATED") == 0 || !i.prereg) {
        j->why = "cust.dev.err.cannot_resend";
        return 1;
    }
    return dev_invite_tx(j->c, i.prereg, &j->why);
}

static int resend(pc_ctx *c)
{
    resend_job j = {.c = c, .id = c->path_id[0]};
    int rc = pc_db_tx(resend_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return strcmp(j.why, "cust.dev.err.unknown") == 0
                   ? pc_error(c, 404)
                   : dev_refused(c, 409, j.why, history_page);
    return pc_redirect(c, "/customers/development/history?msg=dev_invited");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/development/history", PC_PERM_CUSTOMER_DEVELOP, history_page, 0),
    PC_ROUTE("POST", "/customers/development/history/{id}/resend", PC_PERM_CUSTOMER_DEVELOP, resend,
             0),
};
CUST_ROUTES(cust_dev_invite_routes, routes);
