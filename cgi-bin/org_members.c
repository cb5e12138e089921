/* Organization > Member Management > Users (spec 5.1.1.3, 5.1.1.5, 5.1.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "org.h"
#include "base/view.h"

enum stmt {
    ST_LIST,
    ST_GET,
    ST_DIRECTORS,
    ST_IS_DIRECTOR,
    ST_USERNAME_TAKEN,
    ST_EMAIL_TAKEN,
    ST_INSERT,
    ST_ROLE_ADD,
    ST_ROLES_CLEAR,
    ST_UPDATE,
    ST_DIRECTOR_SET,
    ST_DETACH_MANAGERS,
    ST_MANAGERS_OF,
    ST_PASSWORD,
    ST_DELETE,
    ST_SESSIONS_END,
    ST_LOCK_PARTNER,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] =
        "SELECT u.id, u.username, u.name, u.mobile_cc, u.mobile, u.email, u.office_phone, "
        "u.status, "
        "IFNULL(u.last_login_at, ''), (SELECT GROUP_CONCAT(mr.role_id ORDER BY mr.role_id) FROM "
        "member_roles mr "
        "WHERE mr.user_id = u.id) FROM users u WHERE u.partner_id = ? AND u.kind = 'member' "
        "AND u.status <> 'deleted' "
        "AND (? = 0 OR EXISTS (SELECT 1 FROM member_roles f WHERE f.user_id = u.id AND f.role_id = "
        "?)) "
        "AND (? = '' OR u.status = ?) AND (? = '' OR u.name LIKE ?) AND (? = '' OR u.username LIKE "
        "?) "
        "AND u.id > ? ORDER BY u.id LIMIT 51",
    [ST_GET] =
        "SELECT u.id, u.username, u.name, u.mobile_cc, u.mobile, u.email, u.office_phone, "
        "u.status, "
        "IFNULL(u.director_id, 0) AS director_id, IFNULL(d.name, '') AS director_name, "
        "IFNULL(u.last_login_at, '') AS last_login_at, u.created_at "
        "FROM users u LEFT JOIN users d ON d.id = u.director_id "
        "WHERE u.id = ? AND u.partner_id = ? AND u.kind = 'member' AND u.status <> 'deleted'",
    [ST_DIRECTORS] =
        "SELECT u.id, u.name, u.username FROM users u JOIN member_roles mr ON mr.user_id = u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_DIRECTOR' "
        "WHERE u.partner_id = ? AND u.status <> 'deleted' ORDER BY u.name",
    [ST_IS_DIRECTOR] = "SELECT COUNT(*) FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                       "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_DIRECTOR' "
                       "WHERE u.id = ? AND u.partner_id = ? AND u.status <> 'deleted'",
    [ST_USERNAME_TAKEN] = "SELECT COUNT(*) FROM users WHERE username = ?",
    /* sign-in accepts an e-mail address only while one live account has it (cgi-bin/auth.c) */
    [ST_EMAIL_TAKEN] =
        "SELECT COUNT(*) FROM users WHERE email = ? AND status <> 'deleted' AND id <> ?",
    [ST_INSERT] = "INSERT INTO users (kind, partner_id, username, name, mobile_cc, mobile, email, "
                  "office_phone, "
                  "status, password_hash, must_change_password, director_id, lang) "
                  "VALUES ('member', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NULLIF(?, 0), ?)",
    [ST_ROLE_ADD] = "INSERT INTO member_roles (user_id, role_id) VALUES (?, ?)",
    [ST_ROLES_CLEAR] = "DELETE FROM member_roles WHERE user_id = ?",
    [ST_UPDATE] = "UPDATE users SET name = ?, mobile_cc = ?, mobile = ?, email = ?, office_phone = "
                  "?, status = ? "
                  "WHERE id = ? AND partner_id = ?",
    [ST_DIRECTOR_SET] =
        "UPDATE users SET director_id = NULLIF(?, 0) WHERE id = ? AND partner_id = ?",
    [ST_DETACH_MANAGERS] = "UPDATE users SET director_id = NULL WHERE director_id = ?",
    [ST_MANAGERS_OF] = "SELECT COUNT(*) FROM users WHERE director_id = ? AND status <> 'deleted'",
    [ST_PASSWORD] = "UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ? AND "
                    "partner_id = ?",
    [ST_DELETE] =
        "UPDATE users SET status = 'deleted', director_id = NULL WHERE id = ? AND partner_id = ?",
    [ST_SESSIONS_END] = "DELETE FROM sessions WHERE user_id = ?",
    /* serialises changes that must keep one Admin per partner */
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
};
PC_SQL_TABLE(members_sql, sql);

static const char *const statuses[] = {"normal", "locked", NULL};

enum {
    MF_NAME,
    MF_CC,
    MF_MOBILE,
    MF_EMAIL,
    MF_OFFICE,
    MF_STATUS,
    MF_DIRECTOR,
    MF_USERNAME,
    MF_PASSWORD,
    MF_CONFIRM,
    MF__N
};
static const pc_field member_fields[MF__N] = {
    [MF_NAME] = {"name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    [MF_CC] = {"mobile_cc", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, org_country_codes},
    [MF_MOBILE] = {"mobile", pc_valid_phone, 0, 0, PC_FIELD_REQUIRED, NULL},
    [MF_EMAIL] = {"email", pc_valid_email, 0, 0, PC_FIELD_REQUIRED, NULL},
    [MF_OFFICE] = {"office_phone", pc_valid_text, 0, 30, 0, NULL},
    [MF_STATUS] = {"status", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, statuses},
    [MF_DIRECTOR] = {"director_id", pc_valid_id, 0, 0, 0, NULL},
    /* only on create */
    [MF_USERNAME] = {"username", pc_valid_username, 0, 0, PC_FIELD_REQUIRED, NULL},
    [MF_PASSWORD] = {"password", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    [MF_CONFIRM] = {"confirm", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
};
#define MF_EDIT_N MF_USERNAME /* the fields of the Modify form */

/* The member of the signed-in partner with id c->path_id[0], under Member.*; 0 when none. */
typedef struct member {
    int64_t id, director_id;
    char username[40], status[12];
    org_role_pick roles;
} member;

static int member_row(void *arg, const pc_row *r)
{
    member *m = arg;
    m->id = pc_row_i64(r, 0);
    snprintf(m->username, sizeof m->username, "%s", pc_row_str(r, 1));
    snprintf(m->status, sizeof m->status, "%s", pc_row_str(r, 7));
    m->director_id = pc_row_i64(r, 8);
    return 1;
}

static int load_member(pc_ctx *c, member *m)
{
    memset(m, 0, sizeof *m);
    int64_t id = c->path_id[0];
    if (pc_db_query(&members_sql, ST_GET, PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)),
                    member_row, m) <= 0)
        return 0;
    if (pc_db_hdf(&members_sql, ST_GET, PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)), c->hdf,
                  "Member") < 0 ||
        org_roles_of(m->id, &m->roles) < 0)
        return 0;
    pc_view_hdf_datetime(c->hdf, "Member.0.last_login_at", "Member.0.last_login");
    return 1;
}

/*
 * Only an Admin may change an Admin, and a member who is not an Admin may
 * change only members holding no permission it lacks itself: resetting a
 * stronger member's password would be a way to become it.
 */
static int may_touch(pc_ctx *c, const member *m)
{
    pc_user target;
    if (c->user.system_roles & PC_ROLE_ADMIN)
        return 1;
    if ((m->roles.system & PC_ROLE_ADMIN) || pc_user_load(m->id, &target) < 0)
        return 0;
    return (target.perms & ~c->user.perms) == 0;
}

static int directors_hdf(pc_ctx *c)
{
    return pc_db_hdf(&members_sql, ST_DIRECTORS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                     "Directors");
}

static void country_codes_hdf(pc_ctx *c)
{
    for (int i = 0; org_country_codes[i]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "CountryCodes.%d", i), org_country_codes[i]);
}

/* ---- list ---- */

typedef struct role_names {
    int64_t id[64];
    const char *name[64];
    int n;
} role_names;

static void role_names_load(pc_ctx *c, role_names *rn)
{
    rn->n = 0;
    org_roles_hdf(c, NULL);
    for (HDF *h = hdf_get_child(c->hdf, "Roles"); h && rn->n < 64; h = hdf_obj_next(h)) {
        rn->id[rn->n] = strtoll(hdf_get_value(h, "id", "0"), NULL, 10);
        rn->name[rn->n++] = hdf_get_value(h, "name", "");
    }
}

struct list_state {
    pc_ctx *c;
    role_names *rn;
    int i;
    int64_t last_id;
};

static void set_row(struct list_state *s, const char *field, const char *value)
{
    pc_set(s->c, pc_arena_printf(&s->c->arena, "Members.%d.%s", s->i, field), value);
}

static int list_row(void *arg, const pc_row *r)
{
    struct list_state *s = arg;
    char when[64], names[512] = "";
    static const char *const cols[] = {"id",     "username", "name",         "mobile_cc",
                                       "mobile", "email",    "office_phone", "status"};
    if (s->i == 50) { /* the 51st row only says that there is a next page */
        pc_set(s->c, "Page.next_after",
               pc_arena_printf(&s->c->arena, "%lld", (long long)s->last_id));
        return 1;
    }
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        set_row(s, cols[k], pc_row_str(r, k));
    set_row(s, "last_login", pc_view_datetime(pc_row_str(r, 8), when, sizeof when));
    char *ids = pc_arena_strdup(&s->c->arena, pc_row_str(r, 9)), *save = NULL;
    for (char *t = strtok_r(ids, ",", &save); t; t = strtok_r(NULL, ",", &save))
        for (int k = 0; k < s->rn->n; k++)
            if (s->rn->id[k] == strtoll(t, NULL, 10))
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                         *names ? ", " : "", s->rn->name[k]);
    set_row(s, "roles", names);
    s->last_id = pc_row_i64(r, 0);
    s->i++;
    return 0;
}

static const pc_field filter_fields[] = {
    {"role", pc_valid_id, 0, 0, 0, NULL},     {"status", pc_valid_enum, 0, 0, 0, statuses},
    {"name", pc_valid_text, 0, 100, 0, NULL}, {"username", pc_valid_text, 0, 40, 0, NULL},
    {"after", pc_valid_id, 0, 0, 0, NULL},
};

/* The optional columns of the list (the column chooser); all when none is chosen. */
static void columns_hdf(pc_ctx *c)
{
    static const char *const optional[] = {"mobile",     "email", "office_phone", "roles", "status",
                                           "last_login", NULL};
    size_t n = pc_params_count(&c->query, "cols"), shown = 0;
    for (int i = 0; optional[i]; i++) {
        int on = n == 0;
        for (size_t k = 0; k < n; k++)
            on |= strcmp(pc_params_nth(&c->query, "cols", k), optional[i]) == 0;
        if (on)
            pc_set(c, pc_arena_printf(&c->arena, "Cols.%s", optional[i]), "1"), shown++;
    }
    if (!shown) /* only unknown names were sent: show everything */
        for (int i = 0; optional[i]; i++)
            pc_set(c, pc_arena_printf(&c->arena, "Cols.%s", optional[i]), "1");
}

static int members_list(pc_ctx *c)
{
    pc_value f[5];
    const char *errs[5];
    role_names rn;
    /* a bad filter is shown and ignored rather than failing the page */
    pc_valid_form(&c->arena, filter_fields, 5, &c->query, f, errs);
    for (int i = 0; i < 5; i++) {
        if (errs[i])
            f[i] = (pc_value){.s = ""};
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s", filter_fields[i].name), f[i].s);
    }
    role_names_load(c, &rn);
    struct list_state s = {c, &rn, 0, 0};
    const char *name = f[2].s, *user = f[3].s;
    if (pc_db_query(&members_sql, ST_LIST,
                    PC_BINDS(PC_I64(c->user.partner_id), PC_I64(f[0].i), PC_I64(f[0].i),
                             PC_STR(f[1].s), PC_STR(f[1].s), PC_STR(name),
                             PC_STR(pc_db_like(&c->arena, name)), PC_STR(user),
                             PC_STR(pc_db_like(&c->arena, user)), PC_I64(f[4].i)),
                    list_row, &s) < 0)
        return pc_error(c, 500);
    columns_hdf(c);
    pc_set(c, "Page.title", pc_t(c, "org.members.title"));
    org_tabs(c, "members");
    return pc_render(c, "org/members.cs");
}

/* ---- create ---- */

static int member_form_page(pc_ctx *c, const org_role_pick *pick, int creating)
{
    if (org_roles_hdf(c, pick) < 0 || directors_hdf(c) < 0)
        return pc_error(c, 500);
    country_codes_hdf(c);
    pc_set(c, "Page.creating", creating ? "1" : "0");
    pc_set(c, "Page.title", pc_t(c, creating ? "org.member.new_title" : "org.member.edit_title"));
    org_tabs(c, "members");
    return pc_render(c, "org/member_form.cs");
}

static int member_new_form(pc_ctx *c)
{
    pc_set(c, "Form.status.value", "normal");
    pc_set(c, "Form.mobile_cc.value", "+86");
    return member_form_page(c, NULL, 1);
}

/* The e-mail address is a sign-in name: a second live account with it would lock both out of e-mail
 * sign-in. */
static int check_email(pc_ctx *c, const pc_value *email, int64_t self)
{
    if (!email->present ||
        pc_db_int(&members_sql, ST_EMAIL_TAKEN, PC_BINDS(PC_STR(email->s), PC_I64(self)), 1) == 0)
        return 0;
    pc_form_error(c, "email", "err.email_taken");
    return 1;
}

/* A director may be set only for an account manager, and must be a director of the same partner. */
static int check_director(pc_ctx *c, const pc_value *dir, unsigned system_roles)
{
    if (!dir->present)
        return 0;
    if (!(system_roles & PC_ROLE_ACCOUNT_MANAGER)) {
        pc_form_error(c, "director_id", "org.err.director_for_managers");
        return 1;
    }
    if (pc_db_int(&members_sql, ST_IS_DIRECTOR,
                  PC_BINDS(PC_I64(dir->i), PC_I64(c->user.partner_id)), 0) != 1) {
        pc_form_error(c, "director_id", "err.id");
        return 1;
    }
    return 0;
}

typedef struct create_args {
    pc_ctx *c;
    pc_value *v;
    org_role_pick *pick;
    char hash[256];
    int64_t id;
} create_args;

static int create_tx(void *arg)
{
    create_args *a = arg;
    pc_value *v = a->v;
    if (pc_db_exec(&members_sql, ST_INSERT,
                   PC_BINDS(PC_I64(a->c->user.partner_id), PC_STR(v[MF_USERNAME].s),
                            PC_STR(v[MF_NAME].s), PC_STR(v[MF_CC].s), PC_STR(v[MF_MOBILE].s),
                            PC_STR(v[MF_EMAIL].s), PC_STR(v[MF_OFFICE].s), PC_STR(v[MF_STATUS].s),
                            PC_STR(a->hash), PC_I64(v[MF_DIRECTOR].i), PC_STR(a->c->lang)),
                   &a->id) != 1)
        return -1;
    for (int i = 0; i < a->pick->n; i++)
        if (pc_db_exec(&members_sql, ST_ROLE_ADD, PC_BINDS(PC_I64(a->id), PC_I64(a->pick->ids[i])),
                       NULL) != 1)
            return -1;
    pc_audit_ctx(a->c, "member.create", "user", a->id, "ok", v[MF_USERNAME].s);
    return 0;
}

static int member_create(pc_ctx *c)
{
    pc_value v[MF__N];
    org_role_pick pick;
    int bad = pc_form(c, member_fields, MF__N, v);
    const char *role_err = org_roles_pick(c, &pick);
    if (role_err)
        pc_form_error(c, "roles", role_err), bad++;
    if (v[MF_PASSWORD].present && v[MF_CONFIRM].present &&
        strcmp(v[MF_PASSWORD].s, v[MF_CONFIRM].s))
        pc_form_error(c, "confirm", "err.password_mismatch"), bad++;
    if (v[MF_USERNAME].present &&
        pc_db_int(&members_sql, ST_USERNAME_TAKEN, PC_BINDS(PC_STR(v[MF_USERNAME].s)), 0) != 0)
        pc_form_error(c, "username", "err.username_taken"), bad++;
    bad += check_email(c, &v[MF_EMAIL], 0);
    bad += check_director(c, &v[MF_DIRECTOR], pick.system);
    if (bad) {
        c->status = 400;
        return member_form_page(c, &pick, 1);
    }
    create_args a = {c, v, &pick, "", 0};
    if (pc_password_hash(v[MF_PASSWORD].s, a.hash, sizeof a.hash) || pc_db_tx(create_tx, &a))
        return pc_error(c, 500);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/org/members/%lld?msg=member_created", (long long)a.id));
}

/* ---- view ---- */

static int member_view(pc_ctx *c)
{
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    org_roles_hdf(c, &m.roles);
    pc_set_int(c, "Member.0.managers",
               pc_db_int(&members_sql, ST_MANAGERS_OF, PC_BINDS(PC_I64(m.id)), 0));
    if (m.id == c->user.id)
        pc_set(c, "Member.0.is_self", "1");
    if (!may_touch(c, &m))
        pc_set(c, "Member.0.protected", "1");
    pc_set(c, "Page.title", hdf_get_value(c->hdf, "Member.0.name", ""));
    org_tabs(c, "members");
    return pc_render(c, "org/member_view.cs");
}

/* ---- modify ---- */

static void member_into_form(pc_ctx *c)
{
    static const char *const names[] = {"name",  "mobile_cc",    "mobile",
                                        "email", "office_phone", "status"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Form.%s.value", names[i]),
               hdf_get_value(c->hdf, pc_arena_printf(&c->arena, "Member.0.%s", names[i]), ""));
    const char *dir = hdf_get_value(c->hdf, "Member.0.director_id", "0");
    pc_set(c, "Form.director_id.value", strcmp(dir, "0") ? dir : "");
}

static int member_edit_form(pc_ctx *c)
{
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    member_into_form(c);
    return member_form_page(c, &m.roles, 0);
}

typedef struct update_args {
    pc_ctx *c;
    member *m;
    pc_value *v;
    const char *error; /* language key of a rule broken inside the transaction */
} update_args;

static int update_tx(void *arg)
{
    update_args *a = arg;
    pc_ctx *c = a->c;
    pc_value *v = a->v;
    int locking = strcmp(v[MF_STATUS].s, "normal") != 0;
    if (pc_db_query(&members_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(c->user.partner_id)), NULL,
                    NULL) < 0)
        return -1;
    if (locking && (a->m->roles.system & PC_ROLE_ADMIN) &&
        org_other_admins(c->user.partner_id, a->m->id) == 0) {
        a->error = "org.err.last_admin";
        return 1;
    }
    if (pc_db_exec(&members_sql, ST_UPDATE,
                   PC_BINDS(PC_STR(v[MF_NAME].s), PC_STR(v[MF_CC].s), PC_STR(v[MF_MOBILE].s),
                            PC_STR(v[MF_EMAIL].s), PC_STR(v[MF_OFFICE].s), PC_STR(v[MF_STATUS].s),
                            PC_I64(a->m->id), PC_I64(c->user.partner_id)),
                   NULL) < 0 ||
        pc_db_exec(&members_sql, ST_DIRECTOR_SET,
                   PC_BINDS(PC_I64(v[MF_DIRECTOR].i), PC_I64(a->m->id), PC_I64(c->user.partner_id)),
                   NULL) < 0)
        return -1;
    /* a locked member is signed out at once */
    if (locking && pc_db_exec(&members_sql, ST_SESSIONS_END, PC_BINDS(PC_I64(a->m->id)), NULL) < 0)
        return -1;
    pc_audit_ctx(c, "member.update", "user", a->m->id, "ok",
                 pc_arena_printf(&c->arena, "status=%s", v[MF_STATUS].s));
    return 0;
}

static int member_update(pc_ctx *c)
{
    pc_value v[MF__N];
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    int bad = pc_form(c, member_fields, MF_EDIT_N, v);
    const char *posted = pc_params_get(&c->form, "username");
    if (posted && strcmp(posted, m.username) != 0)
        pc_form_error(c, "username", "org.err.username_fixed"), bad++;
    if (m.id == c->user.id && v[MF_STATUS].present && strcmp(v[MF_STATUS].s, "normal") != 0)
        pc_form_error(c, "status", "org.err.lock_self"), bad++;
    bad += check_email(c, &v[MF_EMAIL], m.id);
    bad += check_director(c, &v[MF_DIRECTOR], m.roles.system);
    update_args a = {c, &m, v, NULL};
    if (!bad) {
        int rc = pc_db_tx(update_tx, &a);
        if (rc < 0)
            return pc_error(c, 500);
        if (rc > 0)
            pc_form_error(c, "status", a.error), bad++;
    }
    if (bad) {
        c->status = 400;
        return member_form_page(c, &m.roles, 0);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/org/members/%lld?msg=member_saved", (long long)m.id));
}

/* ---- assign roles ---- */

static int roles_page(pc_ctx *c, const org_role_pick *pick)
{
    if (org_roles_hdf(c, pick) < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "org.member.roles_title"));
    org_tabs(c, "members");
    return pc_render(c, "org/member_roles.cs");
}

static int member_roles_form(pc_ctx *c)
{
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    pc_set_int(c, "Member.0.managers",
               pc_db_int(&members_sql, ST_MANAGERS_OF, PC_BINDS(PC_I64(m.id)), 0));
    return roles_page(c, &m.roles);
}

typedef struct roles_args {
    pc_ctx *c;
    member *m;
    org_role_pick *pick;
    const char *error;
} roles_args;

static int roles_tx(void *arg)
{
    roles_args *a = arg;
    pc_ctx *c = a->c;
    if (pc_db_query(&members_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(c->user.partner_id)), NULL,
                    NULL) < 0)
        return -1;
    if ((a->m->roles.system & PC_ROLE_ADMIN) && !(a->pick->system & PC_ROLE_ADMIN) &&
        org_other_admins(c->user.partner_id, a->m->id) == 0) {
        a->error = "org.err.last_admin";
        return 1;
    }
    if (pc_db_exec(&members_sql, ST_ROLES_CLEAR, PC_BINDS(PC_I64(a->m->id)), NULL) < 0)
        return -1;
    for (int i = 0; i < a->pick->n; i++)
        if (pc_db_exec(&members_sql, ST_ROLE_ADD,
                       PC_BINDS(PC_I64(a->m->id), PC_I64(a->pick->ids[i])), NULL) != 1)
            return -1;
    /* R5: a member who stops being a director lets go of its managers */
    if ((a->m->roles.system & PC_ROLE_ACCOUNT_DIRECTOR) &&
        !(a->pick->system & PC_ROLE_ACCOUNT_DIRECTOR) &&
        pc_db_exec(&members_sql, ST_DETACH_MANAGERS, PC_BINDS(PC_I64(a->m->id)), NULL) < 0)
        return -1;
    /* only an account manager has a director */
    if (!(a->pick->system & PC_ROLE_ACCOUNT_MANAGER) &&
        pc_db_exec(&members_sql, ST_DIRECTOR_SET,
                   PC_BINDS(PC_I64(0), PC_I64(a->m->id), PC_I64(c->user.partner_id)), NULL) < 0)
        return -1;
    char detail[64] = "";
    for (int i = 0; i < a->pick->n; i++)
        snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "%s%lld",
                 i ? "," : "roles=", (long long)a->pick->ids[i]);
    pc_audit_ctx(c, "member.roles", "user", a->m->id, "ok", detail);
    return 0;
}

static int member_roles_update(pc_ctx *c)
{
    member m;
    org_role_pick pick;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    const char *err = m.id == c->user.id ? "org.err.own_roles" : org_roles_pick(c, &pick);
    roles_args a = {c, &m, &pick, NULL};
    if (!err) {
        int rc = pc_db_tx(roles_tx, &a);
        if (rc < 0)
            return pc_error(c, 500);
        err = rc > 0 ? a.error : NULL;
    }
    if (err) {
        pc_form_error(c, "roles", err);
        c->status = 400;
        return roles_page(c, m.id == c->user.id ? &m.roles : &pick);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/org/members/%lld?msg=roles_saved", (long long)m.id));
}

/* ---- reset password ---- */

static const pc_field reset_fields[] = {
    {"password", pc_valid_password, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"confirm", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL},
};

static int password_page(pc_ctx *c)
{
    pc_set(c, "Page.title", pc_t(c, "org.member.password_title"));
    org_tabs(c, "members");
    return pc_render(c, "org/member_password.cs");
}

static int member_password_form(pc_ctx *c)
{
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    return password_page(c);
}

static int member_password_reset(pc_ctx *c)
{
    member m;
    pc_value v[2];
    char hash[256];
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    int bad = pc_form(c, reset_fields, 2, v);
    if (!bad && strcmp(v[0].s, v[1].s))
        pc_form_error(c, "confirm", "err.password_mismatch"), bad++;
    if (m.id == c->user.id)
        pc_form_error(c, "password", "org.err.reset_self"), bad++;
    if (bad) {
        c->status = 400;
        return password_page(c);
    }
    if (pc_password_hash(v[0].s, hash, sizeof hash) ||
        pc_db_exec(&members_sql, ST_PASSWORD,
                   PC_BINDS(PC_STR(hash), PC_I64(m.id), PC_I64(c->user.partner_id)), NULL) != 1 ||
        pc_db_exec(&members_sql, ST_SESSIONS_END, PC_BINDS(PC_I64(m.id)), NULL) < 0)
        return pc_error(c, 500);
    pc_audit_ctx(c, "member.password_reset", "user", m.id, "ok", "");
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/org/members/%lld?msg=password_reset", (long long)m.id));
}

/* ---- delete ---- */

static int delete_page(pc_ctx *c, int64_t id)
{
    pc_set(c, "Confirm.title", pc_t(c, "org.member.delete_title"));
    pc_set(c, "Confirm.text", pc_t(c, "org.member.delete_text"));
    pc_set(c, "Confirm.subject", hdf_get_value(c->hdf, "Member.0.name", ""));
    pc_set(c, "Confirm.action",
           pc_arena_printf(&c->arena, "/org/members/%lld/delete", (long long)id));
    pc_set(c, "Confirm.back", pc_arena_printf(&c->arena, "/org/members/%lld", (long long)id));
    pc_set(c, "Confirm.button", pc_t(c, "org.delete"));
    pc_set(c, "Page.title", pc_t(c, "org.member.delete_title"));
    org_tabs(c, "members");
    return pc_render(c, "confirm.cs");
}

static int member_delete_form(pc_ctx *c)
{
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    return delete_page(c, m.id);
}

static int delete_tx(void *arg)
{
    roles_args *a = arg;
    pc_ctx *c = a->c;
    if (pc_db_query(&members_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(c->user.partner_id)), NULL,
                    NULL) < 0)
        return -1;
    if ((a->m->roles.system & PC_ROLE_ADMIN) &&
        org_other_admins(c->user.partner_id, a->m->id) == 0) {
        a->error = "org.err.last_admin";
        return 1;
    }
    /* soft delete: the row stays for the audit trail; roles and reports are let go */
    if (pc_db_exec(&members_sql, ST_DELETE, PC_BINDS(PC_I64(a->m->id), PC_I64(c->user.partner_id)),
                   NULL) != 1 ||
        pc_db_exec(&members_sql, ST_ROLES_CLEAR, PC_BINDS(PC_I64(a->m->id)), NULL) < 0 ||
        pc_db_exec(&members_sql, ST_DETACH_MANAGERS, PC_BINDS(PC_I64(a->m->id)), NULL) < 0 ||
        pc_db_exec(&members_sql, ST_SESSIONS_END, PC_BINDS(PC_I64(a->m->id)), NULL) < 0)
        return -1;
    pc_audit_ctx(c, "member.delete", "user", a->m->id, "ok", a->m->username);
    return 0;
}

static int member_delete(pc_ctx *c)
{
    member m;
    if (!load_member(c, &m))
        return pc_error(c, 404);
    if (!may_touch(c, &m))
        return pc_error(c, 403);
    roles_args a = {c, &m, NULL, m.id == c->user.id ? "org.err.delete_self" : NULL};
    int rc = a.error ? 1 : pc_db_tx(delete_tx, &a);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, "form", a.error);
        c->status = 400;
        return delete_page(c, m.id);
    }
    return pc_redirect(c, "/org/members?msg=member_deleted");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/org/members", PC_PERM_ORG_MEMBER_MANAGE, members_list, 0),
    PC_ROUTE("GET", "/org/members/new", PC_PERM_ORG_MEMBER_MANAGE, member_new_form, 0),
    PC_ROUTE("POST", "/org/members/new", PC_PERM_ORG_MEMBER_MANAGE, member_create, 0),
    PC_ROUTE("GET", "/org/members/{id}", PC_PERM_ORG_MEMBER_MANAGE, member_view, 0),
    PC_ROUTE("GET", "/org/members/{id}/edit", PC_PERM_ORG_MEMBER_MANAGE, member_edit_form, 0),
    PC_ROUTE("POST", "/org/members/{id}/edit", PC_PERM_ORG_MEMBER_MANAGE, member_update, 0),
    PC_ROUTE("GET", "/org/members/{id}/roles", PC_PERM_ORG_MEMBER_MANAGE, member_roles_form, 0),
    PC_ROUTE("POST", "/org/members/{id}/roles", PC_PERM_ORG_MEMBER_MANAGE, member_roles_update, 0),
    PC_ROUTE("GET", "/org/members/{id}/password", PC_PERM_ORG_MEMBER_MANAGE, member_password_form,
             0),
    PC_ROUTE("POST", "/org/members/{id}/password", PC_PERM_ORG_MEMBER_MANAGE, member_password_reset,
             0),
    PC_ROUTE("GET", "/org/members/{id}/delete", PC_PERM_ORG_MEMBER_MANAGE, member_delete_form, 0),
    PC_ROUTE("POST", "/org/members/{id}/delete", PC_PERM_ORG_MEMBER_MANAGE, member_delete, 0),
};
PC_ROUTE_TABLE(org_members_routes, routes);
