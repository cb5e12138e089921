/*
 * The public invitation landing (11.1): GET /console/join?t=<token> shows the
 * inviting partner, the default-freeze warning and two paths — "Register and
 * Associate" (a new account) and "Log In and Associate" (an existing account,
 * only through an e-mail invitation: links and QR codes register new accounts,
 * 9.2.2.3).  POST /console/join checks eligibility (11.1 rules 4-5), and on
 * success creates the association in one transaction and signs the customer in.
 * A failed check is stored on the invitation with its cause code (9.2.2.4).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "console.h"
#include "base/clock.h"
#include "base/db.h"

enum stmt {
    ST_INVITATION,
    ST_LINK,
    ST_LOCK_INVITATION,
    ST_FIND_LOGIN,
    ST_USERNAME_TAKEN,
    ST_EMAIL_TAKEN,
    ST_OTHER_PREREG,
    ST_LOCK_CUSTOMER,
    ST_NEW_CUSTOMER,
    ST_NEW_USER,
    ST_SET_CUSTOMER,
    ST_FREEZE,
    ST_ASSOCIATION,
    ST_TAG,
    ST_ASSIGN,
    ST_NEW_INVITATION,
    ST_INVITATION_DONE,
    ST_INVITATION_FAILED,
    ST_PREREG_DONE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_INVITATION] =
        "SELECT i.id, i.partner_id, p.name, p.is_prepaid, i.status, i.expires_at > "
        "UTC_TIMESTAMP(), "
        "i.email, IFNULL(i.account_manager_id, 0), IFNULL(i.custom_tag, ''), IFNULL(i.invited_by, "
        "0), "
        "IFNULL(i.preregistration_id, 0), 'email' FROM invitations i JOIN partners p ON p.id = "
        "i.partner_id "
        "WHERE i.token_hash = ? AND i.method = 'email'",
    /* a promotional link lives until its activity ends (9.2.2.3) */
    [ST_LINK] =
        "SELECT l.id, l.partner_id, p.name, p.is_prepaid, 'INVITED', "
        "IF(l.kind = 'promo', l.status = 'active' AND l.valid_to > UTC_TIMESTAMP(), 1), '', "
        "IFNULL(l.account_manager_id, 0), "
        "IFNULL(l.custom_tag, ''), l.created_by, 0, l.kind FROM invitation_links l "
        "JOIN partners p ON p.id = l.partner_id WHERE l.token_hash = ?",
    [ST_LOCK_INVITATION] =
        "SELECT status, expires_at > UTC_TIMESTAMP() FROM invitations WHERE id = ? FOR UPDATE",
    [ST_FIND_LOGIN] =
        "SELECT u.id, u.password_hash, u.status, u.kind, IFNULL(u.customer_id, 0), u.email, "
        "IFNULL(c.email, '') FROM users u LEFT JOIN customers c ON c.id = u.customer_id "
        "WHERE u.status <> 'deleted' AND (u.username = ? OR (u.email = ? AND 1 = (SELECT COUNT(*) "
        "FROM users WHERE email = ? AND status <> 'deleted'))) LIMIT 1",
    /* a new account's login name is also its customer account name: both must be free */
    [ST_USERNAME_TAKEN] = "SELECT (SELECT COUNT(*) FROM users WHERE username = ?) + "
                          "(SELECT COUNT(*) FROM customers WHERE account_name = ?)",
    [ST_EMAIL_TAKEN] =
        "SELECT (SELECT COUNT(*) FROM users WHERE email = ? AND status <> 'deleted') + "
        "(SELECT COUNT(*) FROM customers WHERE email = ?)",
    [ST_OTHER_PREREG] =
        "SELECT COUNT(*) FROM preregistrations WHERE live_email = ? AND partner_id <> ?",
    [ST_LOCK_CUSTOMER] =
        "SELECT IFNULL(partner_id, 0), site, registered_at < UTC_TIMESTAMP() - INTERVAL 7 DAY, "
        "has_cash_spend, enterprise_role, blockers FROM customers WHERE id = ? FOR UPDATE",
    [ST_NEW_CUSTOMER] = "INSERT INTO customers (name, account_name, email, country, registered_at) "
                        "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
    [ST_NEW_USER] = "INSERT INTO users (kind, customer_id, username, name, email, country, "
                    "password_hash, lang) "
                    "VALUES ('customer', ?, ?, ?, ?, ?, ?, ?)",
    /* the default freeze of 11.1 rule 6: only the partner lifts it */
    [ST_SET_CUSTOMER] =
        "UPDATE customers SET partner_id = ?, association_type = 'reseller', associated_at = "
        "UTC_TIMESTAMP(), custom_tag = NULLIF(?, ''), freeze_state = 'account', "
        "freeze_source = 'association', account_manager_id = NULLIF(?, 0) WHERE id = ?",
    [ST_FREEZE] = "INSERT INTO freeze_records (customer_id, scope, source, reason, frozen_at) "
                  "VALUES (?, 'account', 'association', 'association', UTC_TIMESTAMP())",
    [ST_ASSOCIATION] =
        "INSERT INTO associations (customer_id, partner_id, type, initiation, invitation_id, "
        "custom_tag, "
        "associated_at) VALUES (?, ?, 'reseller', ?, ?, NULLIF(?, ''), UTC_TIMESTAMP())",
    [ST_TAG] = "INSERT IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)",
    [ST_ASSIGN] =
        "INSERT INTO am_assignments (customer_id, partner_id, account_manager_id, effective_from, "
        "assigned_by, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())",
    /* an association attempt through a link or QR code is an invitation row of its own */
    [ST_NEW_INVITATION] =
        "INSERT INTO invitations (partner_id, link_id, method, status, failure_code, full_name, "
        "email, customer_id, account_manager_id, custom_tag, invited_by, sent_at, used_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, ''), ?, "
        "UTC_TIMESTAMP(), UTC_TIMESTAMP())",
    [ST_INVITATION_DONE] =
        "UPDATE invitations SET status = 'ASSOCIATED', used_at = UTC_TIMESTAMP(), customer_id = ? "
        "WHERE id = ?",
    [ST_INVITATION_FAILED] =
        "UPDATE invitations SET status = 'ASSOCIATION_FAILED', failure_code = ?, "
        "used_at = UTC_TIMESTAMP(), customer_id = NULLIF(?, 0) WHERE id = ? AND status = 'INVITED'",
    [ST_PREREG_DONE] =
        "UPDATE preregistrations SET status = 'ASSOCIATED', customer_id = ? WHERE id = ?",
};
PC_SQL_TABLE(join_sql, sql);

static const char *const countries[] = {"CN", "HK", "SG", "MY", "TH", "ID", "IE", "DE", "FR", "GB",
                                        "ES", "BR", "MX", "CL", "ZA", "AE", "SA", "TR", NULL};

/* What a token leads to: an e-mail invitation, or a (multi-use) link. */
typedef struct target {
    int is_link, is_promo;
    int64_t id, partner_id, prepaid, live, am, inviter, prereg;
    char partner[208], status[24], email[256], tag[72], method[8];
} target;

static int target_row(void *arg, const pc_row *r)
{
    target *t = arg;
    t->id = pc_row_i64(r, 0);
    t->partner_id = pc_row_i64(r, 1);
    snprintf(t->partner, sizeof t->partner, "%s", pc_row_str(r, 2));
    t->prepaid = pc_row_i64(r, 3);
    snprintf(t->status, sizeof t->status, "%s", pc_row_str(r, 4));
    t->live = pc_row_i64(r, 5);
    snprintf(t->email, sizeof t->email, "%s", pc_row_str(r, 6));
    t->am = pc_row_i64(r, 7);
    snprintf(t->tag, sizeof t->tag, "%s", pc_row_str(r, 8));
    t->inviter = pc_row_i64(r, 9);
    t->prereg = pc_row_i64(r, 10);
    t->is_promo = strcmp(pc_row_str(r, 11), "promo") == 0;
    return 1;
}

/* Find the token's target.  NULL, or the failure code the visitor is shown ("LINK_USED", …). */
static const char *load_target(pc_ctx *c, const char *token, target *t, int *err)
{
    char hash[PC_TOKEN_HEX];
    memset(t, 0, sizeof *t);
    *err = 0;
    if (!token || strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64)
        return "LINK_NOT_FOUND";
    pc_sha256_hex(token, 64, hash);
    int n = pc_db_query(&join_sql, ST_INVITATION, PC_BINDS(PC_STR(hash)), target_row, t);
    if (n == 0) {
        n = pc_db_query(&join_sql, ST_LINK, PC_BINDS(PC_STR(hash)), target_row, t);
        t->is_link = n > 0;
    }
    if (n < 0)
        *err = 1;
    if (n <= 0)
        return "LINK_NOT_FOUND";
    const char *via = pc_params_get(strcmp(c->method, "POST") == 0 ? &c->form : &c->query, "via");
    snprintf(t->method, sizeof t->method, "%s",
             !t->is_link                     ? "email"
             : t->is_promo                   ? "promo"
             : via && strcmp(via, "qr") == 0 ? "qr"
                                             : "link");
    if (strcmp(t->status, "ASSOCIATED") == 0 || strcmp(t->status, "ASSOCIATION_FAILED") == 0)
        return "LINK_USED";
    if (strcmp(t->status, "EXPIRED") == 0 || !t->live)
        return "LINK_EXPIRED";
    if (t->prepaid)
        return "PREPAID_PARTNER";
    return NULL;
}

static void set_failure(pc_ctx *c, const char *code)
{
    char lower[48];
    size_t i;
    for (i = 0; i < sizeof lower - 1 && code[i]; i++)
        lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
    lower[i] = '\0';
    pc_set(c, "Join.failure", pc_t(c, pc_arena_printf(&c->arena, "cust.dev.fail.%s", lower)));
    pc_set(c, "Join.failure_code", code);
}

static int join_page(pc_ctx *c, const target *t, const char *token)
{
    pc_set(c, "Page.title", pc_t(c, "console.join.title"));
    pc_set(c, "Join.token", token);
    pc_set(c, "Join.via", t->method);
    pc_set(c, "Join.partner", t->partner);
    if (!t->is_link) {
        pc_set(c, "Join.online", "1");
        if (!hdf_get_obj(c->hdf, "Form.email"))
            pc_set(c, "Form.email.value", t->email);
    }
    for (int i = 0; countries[i]; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Countries.%d.code", i), countries[i]);
        pc_set(c, pc_arena_printf(&c->arena, "Countries.%d.label", i),
               pc_t(c, pc_arena_printf(&c->arena, "country.%s", countries[i])));
    }
    return pc_render(c, "console/join.cs");
}

/* A token that leads nowhere usable: the cause and nothing else. */
static int closed_page(pc_ctx *c, const target *t, const char *code)
{
    static const struct {
        const char *code;
        int status;
    } statuses[] = {{"LINK_NOT_FOUND", 404}, {"LINK_USED", 410}, {"LINK_EXPIRED", 410}};
    c->status = 409;
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (strcmp(code, statuses[i].code) == 0)
            c->status = statuses[i].status;
    set_failure(c, code);
    pc_set(c, "Join.closed", "1");
    pc_set(c, "Join.partner", t->partner);
    pc_set(c, "Page.title", pc_t(c, "console.join.title"));
    return pc_render(c, "console/join.cs");
}

static int landing(pc_ctx *c)
{
    target t;
    int err;
    const char *token = pc_params_get(&c->query, "t");
    const char *code = load_target(c, token, &t, &err);
    if (err)
        return pc_error(c, 500);
    if (code)
        return closed_page(c, &t, code);
    return join_page(c, &t, token);
}

/* ---- eligibility (11.1 rules 4 and 5) ---- */

struct customer_facts {
    int64_t partner_id, old, cash;
    char site[8], role[12], blockers[400];
};

static int facts_row(void *arg, const pc_row *r)
{
    struct customer_facts *f = arg;
    f->partner_id = pc_row_i64(r, 0);
    snprintf(f->site, sizeof f->site, "%s", pc_row_str(r, 1));
    f->old = pc_row_i64(r, 2);
    f->cash = pc_row_i64(r, 3);
    snprintf(f->role, sizeof f->role, "%s", pc_row_str(r, 4));
    snprintf(f->blockers, sizeof f->blockers, ",%s,", pc_row_str(r, 5));
    return 1;
}

static int blocked(const struct customer_facts *f, const char *item)
{
    char needle[48];
    snprintf(needle, sizeof needle, ",%s,", item);
    return strstr(f->blockers, needle) != NULL;
}

/* The first failing check as its cause code (9.2.2.4), or NULL. */
static const char *eligibility(const struct customer_facts *f, int64_t partner_id)
{
    static const struct {
        const char *blocker, *code;
    } rules[] = {
        {"special_contract", "SPECIAL_CONTRACT"},
        {"unpaid_bills", "OVERDUE"},
        {"professional_service", "PROFESSIONAL_SERVICE"},
        {"valid_ri", "VALID_RI"},
        {"independent_members", "MASTER_WITH_INDEP_MEMBER"},
        {"dev_path", "IS_PARTNER"},
        {"stored_value_card", "STORED_VALUE_CARD"},
        {"support_plan", "HAS_SUPPORT_PLAN"},
        {"partner_support_plan", "HAS_SUPPORT_PLAN"},
        {"member_support_plan", "MEMBER_HAS_SUPPORT_PLAN"},
        {"unpaid_orders", "UNPAID_ORDERS"},
    };
    if (strcmp(f->site, "cn") == 0)
        return "CN_SITE";
    if (f->partner_id)
        return f->partner_id == partner_id ? "ALREADY_ASSOCIATED" : "OTHER_PARTNER_ASSOCIATED";
    if (blocked(f, "special_contract"))
        return "SPECIAL_CONTRACT";
    if (f->old)
        return "REG_TIME_LIMIT";
    if (f->cash)
        return "HAS_CONSUMPTION";
    if (strcmp(f->role, "member") == 0)
        return "ENTERPRISE_MEMBER";
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (blocked(f, rules[i].blocker))
            return rules[i].code;
    return NULL;
}

/* ---- the association ---- */

typedef struct join_job {
    pc_ctx *c;
    target *t;
    int is_new;
    const char *username, *name, *email, *country, *hash; /* a new account */
    int64_t user_id, customer_id, invitation_id;
    const char *fail; /* cause code when refused */
} join_job;

static int new_account(join_job *j)
{
    pc_ctx *c = j->c;
    int64_t other = pc_db_int(&join_sql, ST_OTHER_PREREG,
                              PC_BINDS(PC_STR(j->email), PC_I64(j->t->partner_id)), -1);
    if (other < 0)
        return -1;
    if (other > 0) {
        j->fail = "OTHER_PARTNER_REGISTERED";
        return 2;
    }
    if (pc_db_exec(
            &join_sql, ST_NEW_CUSTOMER,
            PC_BINDS(PC_STR(j->name), PC_STR(j->username), PC_STR(j->email), PC_STR(j->country)),
            &j->customer_id) != 1 ||
        pc_db_exec(&join_sql, ST_NEW_USER,
                   PC_BINDS(PC_I64(j->customer_id), PC_STR(j->username), PC_STR(j->name),
                            PC_STR(j->email), PC_STR(j->country), PC_STR(j->hash), PC_STR(c->lang)),
                   &j->user_id) != 1)
        return pc_db_errno() == 1062 ? (j->fail = "SYS_BUSY", 2) : -1;
    return 0;
}

static int existing_account(join_job *j)
{
    struct customer_facts f = {0};
    int n =
        pc_db_query(&join_sql, ST_LOCK_CUSTOMER, PC_BINDS(PC_I64(j->customer_id)), facts_row, &f);
    if (n <= 0)
        return -1;
    j->fail = eligibility(&f, j->t->partner_id);
    return j->fail ? 2 : 0;
}

/* Everything of a successful association (11.1 rules 3, 6, 11; 9.2.2.3 tags). */
static int associate(join_job *j)
{
    target *t = j->t;
    int64_t cid = j->customer_id;
    char today[11];
    pc_clock_today(today);
    if (!t->is_link) {
        j->invitation_id = t->id;
        if (pc_db_exec(&join_sql, ST_INVITATION_DONE, PC_BINDS(PC_I64(cid), PC_I64(t->id)), NULL) !=
                1 ||
            (t->prereg && pc_db_exec(&join_sql, ST_PREREG_DONE,
                                     PC_BINDS(PC_I64(cid), PC_I64(t->prereg)), NULL) != 1))
            return -1;
    } else if (pc_db_exec(&join_sql, ST_NEW_INVITATION,
                          PC_BINDS(PC_I64(t->partner_id), PC_I64(t->id), PC_STR(t->method),
                                   PC_STR("ASSOCIATED"), PC_NULL, PC_STR(j->name), PC_STR(j->email),
                                   PC_I64(cid), PC_I64(t->am), PC_STR(t->tag), PC_I64(t->inviter)),
                          &j->invitation_id) != 1) {
        return -1;
    }
    if (pc_db_exec(&join_sql, ST_SET_CUSTOMER,
                   PC_BINDS(PC_I64(t->partner_id), PC_STR(t->tag), PC_I64(t->am), PC_I64(cid)),
                   NULL) != 1 ||
        pc_db_exec(&join_sql, ST_FREEZE, PC_BINDS(PC_I64(cid)), NULL) != 1 ||
        pc_db_exec(&join_sql, ST_ASSOCIATION,
                   PC_BINDS(PC_I64(cid), PC_I64(t->partner_id), PC_STR(t->method),
                            PC_I64(j->invitation_id), PC_STR(t->tag)),
                   NULL) != 1)
        return -1;
    if (*t->tag && pc_db_exec(&join_sql, ST_TAG, PC_BINDS(PC_I64(cid), PC_STR(t->tag)), NULL) < 0)
        return -1;
    if (t->am && pc_db_exec(&join_sql, ST_ASSIGN,
                            PC_BINDS(PC_I64(cid), PC_I64(t->partner_id), PC_I64(t->am),
                                     PC_STR(today), PC_I64(t->inviter)),
                            NULL) != 1)
        return -1;
    /* trace names of 11.7.1: an invited new account "enters"; an existing one accepts the
     * invitation */
    pc_audit_event e = {.actor_user_id = j->user_id,
                        .partner_id = t->partner_id,
                        .on_behalf_of = cid,
                        .action = j->is_new ? "customerEnter" : "addBpInviteTraceLog",
                        .object_type = "customer",
                        .object_id = cid,
                        .ip = j->c->remote_addr,
                        .result = "ok",
                        .detail = pc_arena_printf(&j->c->arena, "invitation=%lld method=%s am=%lld",
                                                  (long long)j->invitation_id, t->method,
                                                  (long long)t->am)};
    return pc_audit(&e) ? -1 : 0;
}

struct lock_row {
    char status[24];
    int64_t live;
};

static int lock_row(void *arg, const pc_row *r)
{
    struct lock_row *l = arg;
    snprintf(l->status, sizeof l->status, "%s", pc_row_str(r, 0));
    l->live = pc_row_i64(r, 1);
    return 1;
}

/* 0 associated; 2 refused with j->fail (stored afterwards); 3 the token died meanwhile. */
static int join_tx(void *arg)
{
    join_job *j = arg;
    target *t = j->t;
    j->fail = NULL;
    if (!t->is_link) {
        /* the token is single-use: a second submit finds it used */
        struct lock_row l = {"", 0};
        if (pc_db_query(&join_sql, ST_LOCK_INVITATION, PC_BINDS(PC_I64(t->id)), lock_row, &l) != 1)
            return -1;
        if (strcmp(l.status, "INVITED") != 0 || !l.live) {
            j->fail = strcmp(l.status, "EXPIRED") == 0 || !l.live ? "LINK_EXPIRED" : "LINK_USED";
            return 3;
        }
    }
    int rc = j->is_new ? new_account(j) : existing_account(j);
    return rc ? rc : associate(j);
}

/* Store a refusal on the invitation (or on a new row for a link) with its cause. */
static int fail_tx(void *arg)
{
    join_job *j = arg;
    target *t = j->t;
    if (!t->is_link) {
        if (pc_db_exec(&join_sql, ST_INVITATION_FAILED,
                       PC_BINDS(PC_STR(j->fail), PC_I64(j->customer_id), PC_I64(t->id)), NULL) < 0)
            return -1;
        j->invitation_id = t->id;
    } else if (pc_db_exec(&join_sql, ST_NEW_INVITATION,
                          PC_BINDS(PC_I64(t->partner_id), PC_I64(t->id), PC_STR(t->method),
                                   PC_STR("ASSOCIATION_FAILED"), PC_STR(j->fail),
                                   PC_STR(j->name ? j->name : ""), PC_STR(j->email ? j->email : ""),
                                   PC_I64(j->customer_id), PC_I64(t->am), PC_STR(t->tag),
                                   PC_I64(t->inviter)),
                          &j->invitation_id) != 1) {
        return -1;
    }
    pc_audit_event e = {.actor_user_id = j->user_id,
                        .partner_id = t->partner_id,
                        .action = "customer.associate",
                        .object_type = "invitation",
                        .object_id = j->invitation_id,
                        .ip = j->c->remote_addr,
                        .result = "denied",
                        .detail = j->fail};
    return pc_audit(&e) ? -1 : 0;
}

/* ---- the two paths ---- */

static const char *const yes[] = {"yes", NULL};
static const pc_field register_fields[] = {
    {"country", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, countries},
    {"username", pc_valid_username, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    {"email", pc_valid_email, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"password", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"confirm", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
    {"agree", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, yes},
};
enum { RG_COUNTRY, RG_USERNAME, RG_NAME, RG_EMAIL, RG_PASSWORD, RG_CONFIRM, RG_AGREE, RG__N };

static const pc_field login_fields[] = {
    {"login", pc_valid_text, 1, 254, PC_FIELD_REQUIRED, NULL},
    {"login_password", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
    {"agree_login", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, yes},
};

/* Read and check the registration form; the number of bad fields. */
static int read_register(pc_ctx *c, const target *t, join_job *j, char hash[256])
{
    pc_value v[RG__N];
    int bad = pc_form(c, register_fields, RG__N, v);
    if (v[RG_PASSWORD].present && v[RG_CONFIRM].present &&
        strcmp(v[RG_PASSWORD].s, v[RG_CONFIRM].s) != 0)
        pc_form_error(c, "confirm", "err.password_mismatch"), bad++;
    if (v[RG_USERNAME].present &&
        pc_db_int(&join_sql, ST_USERNAME_TAKEN,
                  PC_BINDS(PC_STR(v[RG_USERNAME].s), PC_STR(v[RG_USERNAME].s)), 0) != 0)
        pc_form_error(c, "username", "err.username_taken"), bad++;
    /* an e-mail invitation is for the pre-registered address only (9.2.2.1) */
    if (v[RG_EMAIL].present && !t->is_link && strcasecmp(v[RG_EMAIL].s, t->email) != 0)
        pc_form_error(c, "email", "console.join.err.email_mismatch"), bad++;
    else if (v[RG_EMAIL].present &&
             pc_db_int(&join_sql, ST_EMAIL_TAKEN,
                       PC_BINDS(PC_STR(v[RG_EMAIL].s), PC_STR(v[RG_EMAIL].s)), 0) != 0)
        pc_form_error(c, "email",
                      t->is_link ? "console.join.err.email_exists_link"
                                 : "console.join.err.email_exists"),
            bad++;
    if (bad)
        return bad;
    if (pc_password_hash(v[RG_PASSWORD].s, hash, 256))
        return -1;
    j->is_new = 1;
    j->username = v[RG_USERNAME].s, j->name = v[RG_NAME].s, j->email = v[RG_EMAIL].s;
    j->country = v[RG_COUNTRY].s, j->hash = hash;
    return 0;
}

struct login_row {
    int64_t id, customer_id;
    char hash[256], status[16], kind[16], email[256], customer_email[256];
};

static int login_row(void *arg, const pc_row *r)
{
    struct login_row *l = arg;
    l->id = pc_row_i64(r, 0);
    snprintf(l->hash, sizeof l->hash, "%s", pc_row_str(r, 1));
    snprintf(l->status, sizeof l->status, "%s", pc_row_str(r, 2));
    snprintf(l->kind, sizeof l->kind, "%s", pc_row_str(r, 3));
    l->customer_id = pc_row_i64(r, 4);
    snprintf(l->email, sizeof l->email, "%s", pc_row_str(r, 5));
    snprintf(l->customer_email, sizeof l->customer_email, "%s", pc_row_str(r, 6));
    return 1;
}

/* Check the existing account's credentials (with the login throttle); bad fields or -1. */
static int read_login(pc_ctx *c, const target *t, join_job *j)
{
    pc_value v[3];
    struct login_row l = {0};
    if (pc_form(c, login_fields, 3, v))
        return 1;
    const char *login = v[0].s;
    if (pc_login_throttled(login, c->remote_addr)) {
        pc_form_error(c, "login", "auth.login.throttled");
        return 1;
    }
    if (pc_db_query(&join_sql, ST_FIND_LOGIN, PC_BINDS(PC_STR(login), PC_STR(login), PC_STR(login)),
                    login_row, &l) < 0)
        return -1;
    static char dummy[256];
    if (!dummy[0] && pc_password_hash("no such user 0", dummy, sizeof dummy))
        return -1;
    int ok = pc_password_verify(l.id ? l.hash : dummy, v[1].s) == 0 && l.id &&
             strcmp(l.status, "normal") == 0;
    pc_login_record(login, c->remote_addr, ok);
    if (!ok) {
        pc_form_error(c, "login", "auth.login.failed");
        return 1;
    }
    if (strcmp(l.kind, "customer") != 0 || !l.customer_id) {
        pc_form_error(c, "login", "console.join.err.not_customer");
        return 1;
    }
    if (!t->is_link && strcasecmp(l.email, t->email) != 0 &&
        strcasecmp(l.customer_email, t->email) != 0) {
        pc_form_error(c, "login", "console.join.err.email_mismatch");
        return 1;
    }
    j->user_id = l.id, j->customer_id = l.customer_id;
    j->email = l.customer_email[0] ? pc_arena_strdup(&c->arena, l.customer_email)
                                   : pc_arena_strdup(&c->arena, l.email);
    return 0;
}

static int refuse(pc_ctx *c, join_job *j)
{
    int rc = pc_db_tx(fail_tx, j);
    if (rc)
        return pc_error(c, 500);
    return closed_page(c, j->t, j->fail);
}

static int signed_in(pc_ctx *c, join_job *j)
{
    char token[PC_TOKEN_HEX], csrf[PC_TOKEN_HEX];
    /* a new session id: whatever session the browser had before is worthless */
    if (c->session_token)
        pc_session_destroy(c->session_token);
    if (pc_session_create(j->user_id, c->remote_addr, token, csrf))
        return pc_error(c, 500);
    pc_cookie(c, "pc_sid", token, 0);
    return pc_redirect(c, "/console/?msg=joined");
}

static int join_submit(pc_ctx *c)
{
    target t;
    int err;
    char hash[256];
    const char *token = pc_params_get(&c->form, "t"), *action = pc_params_get(&c->form, "action");
    const char *code = load_target(c, token, &t, &err);
    join_job j = {.c = c, .t = &t};
    if (err)
        return pc_error(c, 500);
    if (code && strcmp(code, "PREPAID_PARTNER") == 0) {
        j.fail = code;
        return refuse(c, &j);
    }
    if (code)
        return closed_page(c, &t, code);
    if (!action || (strcmp(action, "register") != 0 && strcmp(action, "login") != 0))
        return pc_error(c, 400);
    int bad =
        strcmp(action, "register") == 0 ? read_register(c, &t, &j, hash) : read_login(c, &t, &j);
    if (bad < 0)
        return pc_error(c, 500);
    if (bad) {
        c->status = 400;
        pc_set(c, "Join.action", action);
        return join_page(c, &t, token);
    }
    /* links and QR codes register new accounts only (9.2.2.3, 11.1 rule 1) */
    if (!j.is_new && t.is_link) {
        j.fail = "OFFLINE_NEW_ONLY";
        return refuse(c, &j);
    }
    int rc = pc_db_tx(join_tx, &j);
    if (rc < 0 || rc == 1)
        return pc_error(c, 500);
    if (rc == 3)
        return closed_page(c, &t, j.fail);
    if (rc == 2)
        return refuse(c, &j);
    return signed_in(c, &j);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/console/join", PC_GUARD_PUBLIC, landing, 0),
    PC_ROUTE("POST", "/console/join", PC_GUARD_PUBLIC, join_submit, 0),
};
CONSOLE_ROUTES(console_join_routes, routes);
