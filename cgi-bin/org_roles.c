/* Organization > Member Management > Roles (spec 5.1.1.1, 5.1.1.4; rules R6–R10). */
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "base/db.h"
#include "org.h"

enum stmt {
    ST_LIST,
    ST_GET,
    ST_PERMS_CATALOG,
    ST_ROLE_PERMS,
    ST_HOLDERS,
    ST_HOLDER_COUNT,
    ST_CUSTOM_COUNT,
    ST_LIMIT,
    ST_NAME_TAKEN,
    ST_INSERT,
    ST_UPDATE,
    ST_PERMS_CLEAR,
    ST_PERM_ADD,
    ST_DEFAULTS_ADD,
    ST_DELETE,
    ST_LOCK_PARTNER,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT r.id, IFNULL(r.code, '') AS code, r.name, r.description, "
                "IF(r.partner_id IS NULL, 'system', 'custom') AS type, (SELECT COUNT(*) FROM "
                "member_roles mr "
                "JOIN users u ON u.id = mr.user_id AND u.partner_id = ? AND u.status <> 'deleted' "
                "WHERE mr.role_id = r.id) AS users FROM roles r "
                "WHERE r.deleted_at IS NULL AND (r.partner_id IS NULL OR r.partner_id = ?) "
                "ORDER BY r.partner_id IS NOT NULL, r.id",
    [ST_GET] =
        "SELECT r.id, IFNULL(r.code, '') AS code, r.name, r.description, "
        "IF(r.partner_id IS NULL, 'system', 'custom') AS type FROM roles r "
        "WHERE r.id = ? AND r.deleted_at IS NULL AND (r.partner_id IS NULL OR r.partner_id = ?)",
    [ST_PERMS_CATALOG] = "SELECT code, grp, is_default, admin_only FROM permissions ORDER BY sort",
    [ST_ROLE_PERMS] = "SELECT perm_code FROM role_permissions WHERE role_id = ?",
    [ST_HOLDERS] =
        "SELECT u.id, u.name, u.username, u.status FROM member_roles mr JOIN users u ON u.id = "
        "mr.user_id "
        "WHERE mr.role_id = ? AND u.partner_id = ? AND u.status <> 'deleted' ORDER BY u.name",
    [ST_HOLDER_COUNT] = "SELECT COUNT(*) FROM member_roles mr JOIN users u ON u.id = mr.user_id "
                        "WHERE mr.role_id = ? AND u.status <> 'deleted'",
    [ST_CUSTOM_COUNT] = "SELECT COUNT(*) FROM roles WHERE partner_id = ? AND deleted_at IS NULL",
    [ST_LIMIT] = "SELECT IFNULL(custom_role_limit, ?) FROM partners WHERE id = ?",
    [ST_NAME_TAKEN] = "SELECT COUNT(*) FROM roles WHERE deleted_at IS NULL AND id <> ? AND "
                      "(partner_id = ? OR partner_id IS NULL) AND name = ?",
    [ST_INSERT] = "INSERT INTO roles (partner_id, name, description) VALUES (?, ?, ?)",
    [ST_UPDATE] = "UPDATE roles SET name = ?, description = ? WHERE id = ? AND partner_id = ?",
    [ST_PERMS_CLEAR] = "DELETE FROM role_permissions WHERE role_id = ?",
    [ST_PERM_ADD] = "INSERT IGNORE INTO role_permissions (role_id, perm_code) "
                    "SELECT ?, code FROM permissions WHERE code = ? AND admin_only = 0",
    /* R8: the baseline permissions go into every role, chosen or not */
    [ST_DEFAULTS_ADD] = "INSERT IGNORE INTO role_permissions (role_id, perm_code) "
                        "SELECT ?, code FROM permissions WHERE is_default = 1",
    [ST_DELETE] = "UPDATE roles SET deleted_at = UTC_TIMESTAMP() WHERE id = ? AND partner_id = ?",
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
};
PC_SQL_TABLE(roles_sql, sql);

/* ---- permission catalog for the checkbox tree ---- */

struct perm_state {
    pc_ctx *c;
    uint64_t checked;
    int only_checked;
    int i;
};

static int perm_row(void *arg, const pc_row *r)
{
    struct perm_state *s = arg;
    const char *code = pc_row_str(r, 0);
    int p = pc_perm_from_code(code);
    int on = p >= 0 && ((s->checked >> p) & 1u);
    /* only what the partner's kind can hold (a reseller: no finance group, ch10 §2) */
    if (p < 0 || !((pc_authz_kind_perms(s->c->user.partner_kind) >> p) & 1u) ||
        (s->only_checked && !on))
        return 0;
    const char *prefix = pc_arena_printf(&s->c->arena, "Perms.%d.", s->i++);
    pc_set(s->c, pc_arena_printf(&s->c->arena, "%scode", prefix), code);
    pc_set(s->c, pc_arena_printf(&s->c->arena, "%slabel", prefix),
           pc_t(s->c, pc_arena_printf(&s->c->arena, "perm.%s", code)));
    pc_set(s->c, pc_arena_printf(&s->c->arena, "%sgroup", prefix),
           pc_t(s->c, pc_arena_printf(&s->c->arena, "perm_group.%s", pc_row_str(r, 1))));
    if (pc_row_i64(r, 2))
        pc_set(s->c, pc_arena_printf(&s->c->arena, "%sdefault", prefix), "1");
    if (pc_row_i64(r, 3))
        pc_set(s->c, pc_arena_printf(&s->c->arena, "%sadmin_only", prefix), "1");
    if (on)
        pc_set(s->c, pc_arena_printf(&s->c->arena, "%schecked", prefix), "1");
    return 0;
}

static int perms_hdf(pc_ctx *c, uint64_t checked, int only_checked)
{
    struct perm_state s = {c, checked, only_checked, 0};
    return pc_db_query(&roles_sql, ST_PERMS_CATALOG, PC_NOBINDS, perm_row, &s);
}

static int mask_row(void *arg, const pc_row *r)
{
    int p = pc_perm_from_code(pc_row_str(r, 0));
    if (p >= 0)
        *(uint64_t *)arg |= UINT64_C(1) << p;
    return 0;
}

static uint64_t role_mask(int64_t role_id)
{
    uint64_t m = 0;
    pc_db_query(&roles_sql, ST_ROLE_PERMS, PC_BINDS(PC_I64(role_id)), mask_row, &m);
    return m;
}

struct holders_check {
    const pc_user *me;
    int beyond; /* a holder the signed-in user may not touch */
};

static int holder_row(void *arg, const pc_row *r)
{
    struct holders_check *h = arg;
    pc_user u;
    if (pc_user_load(pc_row_i64(r, 0), &u) < 0 || (u.system_roles & PC_ROLE_ADMIN) ||
        (u.perms & ~h->me->perms))
        h->beyond = 1;
    return h->beyond;
}

/*
 * The rule of members (org_members.c, may_touch) applied to roles: changing or deleting a
 * custom role changes what its holders may do, so a role manager below Admin may touch only a
 * role that grants nothing it lacks and whose holders it may touch (no Admin among them, none
 * with a permission it lacks).  Otherwise it could strip a stronger member's permissions.
 */
static int may_touch_role(pc_ctx *c, int64_t role_id)
{
    if (c->user.system_roles & PC_ROLE_ADMIN)
        return 1;
    if (role_mask(role_id) & ~c->user.perms)
        return 0;
    struct holders_check h = {&c->user, 0};
    return pc_db_query(&roles_sql, ST_HOLDERS,
                       PC_BINDS(PC_I64(role_id), PC_I64(c->user.partner_id)), holder_row,
                       &h) >= 0 &&
           !h.beyond;
}

/* ---- list and details ---- */

static int roles_list(pc_ctx *c)
{
    if (pc_db_hdf(&roles_sql, ST_LIST,
                  PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.partner_id)), c->hdf,
                  "RoleList") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "RoleList"); h; h = hdf_obj_next(h)) {
        const char *code = hdf_get_value(h, "code", "");
        if (*code) {
            NEOERR *e = hdf_set_value(h, "name", org_role_name(c, code, ""));
            nerr_ignore(&e);
            e = hdf_set_value(h, "description",
                              pc_t(c, pc_arena_printf(&c->arena, "org.role_desc.%s", code)));
            nerr_ignore(&e);
        } else if (may_touch_role(c, hdf_get_int_value(h, "id", 0))) {
            NEOERR *e = hdf_set_value(h, "touch", "1");
            nerr_ignore(&e);
        }
    }
    int64_t limit = pc_db_int(
        &roles_sql, ST_LIMIT,
        PC_BINDS(PC_I64(pc_conf_int("Org.custom_role_limit")), PC_I64(c->user.partner_id)), 0);
    pc_set_int(c, "Page.custom_limit", limit);
    pc_set_int(c, "Page.custom_count",
               pc_db_int(&roles_sql, ST_CUSTOM_COUNT, PC_BINDS(PC_I64(c->user.partner_id)), 0));
    pc_set(c, "Page.title", pc_t(c, "org.roles.title"));
    org_tabs(c, "roles");
    return pc_render(c, "org/roles.cs");
}

/* The role of the path id that the partner may see (system or its own custom); 0 when none. */
static int load_role(pc_ctx *c, int *custom)
{
    int n = pc_db_hdf(&roles_sql, ST_GET,
                      PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), c->hdf, "Role");
    if (n <= 0)
        return 0;
    const char *code = hdf_get_value(c->hdf, "Role.0.code", "");
    *custom = *code == '\0';
    if (!*custom) {
        pc_set(c, "Role.0.name", org_role_name(c, code, ""));
        pc_set(c, "Role.0.description",
               pc_t(c, pc_arena_printf(&c->arena, "org.role_desc.%s", code)));
    }
    return 1;
}

static int role_view(pc_ctx *c)
{
    int custom;
    if (!load_role(c, &custom))
        return pc_error(c, 404);
    if (perms_hdf(c, role_mask(c->path_id[0]), 1) < 0 ||
        pc_db_hdf(&roles_sql, ST_HOLDERS,
                  PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), c->hdf,
                  "Holders") < 0)
        return pc_error(c, 500);
    if (custom && may_touch_role(c, c->path_id[0]))
        pc_set(c, "Role.0.touch", "1");
    pc_set(c, "Page.title", hdf_get_value(c->hdf, "Role.0.name", ""));
    org_tabs(c, "roles");
    return pc_render(c, "org/role_view.cs");
}

/* ---- create and modify ---- */

static const pc_field role_fields[] = {
    {"name", pc_valid_text, 1, 64, PC_FIELD_REQUIRED, NULL},
    {"description", pc_valid_text, 0, 200, 0, NULL},
};

/* The chosen permissions; an unknown or admin-only code is an error (R10). */
static const char *read_perms(pc_ctx *c, uint64_t *mask)
{
    size_t n = pc_params_count(&c->form, "perms");
    *mask = 0;
    for (size_t i = 0; i < n; i++) {
        int p = pc_perm_from_code(pc_params_nth(&c->form, "perms", i));
        if (p < 0 || !((pc_authz_kind_perms(c->user.partner_kind) >> p) & 1u))
            return "err.choice";
        if (p == PC_PERM_CUSTOMER_EXPORT || p == PC_PERM_CUSTOMER_DISASSOCIATE)
            return "org.err.admin_only_perm";
        *mask |= UINT64_C(1) << p;
    }
    return n ? NULL : "org.err.perms_none";
}

static int role_form_page(pc_ctx *c, uint64_t checked, int creating)
{
    if (perms_hdf(c, checked, 0) < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.creating", creating ? "1" : "0");
    pc_set(c, "Page.title", pc_t(c, creating ? "org.role.new_title" : "org.role.edit_title"));
    org_tabs(c, "roles");
    return pc_render(c, "org/role_form.cs");
}

static int role_new_form(pc_ctx *c)
{
    return role_form_page(c, 0, 1);
}

typedef struct role_args {
    pc_ctx *c;
    pc_value *v;
    uint64_t perms;
    int64_t id; /* 0 to create */
    const char *error;
} role_args;

static int save_perms(role_args *a)
{
    if (pc_db_exec(&roles_sql, ST_PERMS_CLEAR, PC_BINDS(PC_I64(a->id)), NULL) < 0)
        return -1;
    for (int p = 0; p < PC_PERM__COUNT; p++)
        if (((a->perms >> p) & 1u) &&
            pc_db_exec(&roles_sql, ST_PERM_ADD, PC_BINDS(PC_I64(a->id), PC_STR(pc_perm_code(p))),
                       NULL) < 0)
            return -1;
    return pc_db_exec(&roles_sql, ST_DEFAULTS_ADD, PC_BINDS(PC_I64(a->id)), NULL) < 0 ? -1 : 0;
}

static int save_tx(void *arg)
{
    role_args *a = arg;
    pc_ctx *c = a->c;
    int64_t pid = c->user.partner_id;
    int creating = a->id == 0;
    if (pc_db_query(&roles_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(pid)), NULL, NULL) < 0)
        return -1;
    if (pc_db_int(&roles_sql, ST_NAME_TAKEN,
                  PC_BINDS(PC_I64(a->id), PC_I64(pid), PC_STR(a->v[0].s)), 0) != 0) {
        a->error = "org.err.role_name_taken";
        return 1;
    }
    if (!a->id) {
        int64_t limit =
            pc_db_int(&roles_sql, ST_LIMIT,
                      PC_BINDS(PC_I64(pc_conf_int("Org.custom_role_limit")), PC_I64(pid)), 0);
        if (pc_db_int(&roles_sql, ST_CUSTOM_COUNT, PC_BINDS(PC_I64(pid)), 0) >= limit) {
            a->error = "org.err.role_limit";
            return 1;
        }
        if (pc_db_exec(&roles_sql, ST_INSERT,
                       PC_BINDS(PC_I64(pid), PC_STR(a->v[0].s), PC_STR(a->v[1].s)), &a->id) != 1)
            return -1;
    } else if (pc_db_exec(
                   &roles_sql, ST_UPDATE,
                   PC_BINDS(PC_STR(a->v[0].s), PC_STR(a->v[1].s), PC_I64(a->id), PC_I64(pid)),
                   NULL) < 0) {
        return -1;
    }
    if (save_perms(a))
        return -1;
    pc_audit_ctx(c, creating ? "role.create" : "role.update", "role", a->id, "ok", a->v[0].s);
    return 0;
}

static int role_save(pc_ctx *c, int64_t id)
{
    pc_value v[2];
    role_args a = {c, v, 0, id, NULL};
    int bad = pc_form(c, role_fields, 2, v);
    const char *perr = read_perms(c, &a.perms);
    /* no one hands out more than they hold: a role manager below Admin cannot promote itself */
    if (!perr && !(c->user.system_roles & PC_ROLE_ADMIN) && (a.perms & ~c->user.perms))
        perr = "org.err.perm_not_held";
    if (perr)
        pc_form_error(c, "perms", perr), bad++;
    if (!bad) {
        int rc = pc_db_tx(save_tx, &a);
        if (rc < 0)
            return pc_error(c, 500);
        if (rc > 0)
            pc_form_error(c, strcmp(a.error, "org.err.role_limit") ? "name" : "form", a.error),
                bad++;
    }
    if (bad) {
        c->status = 400;
        return role_form_page(c, a.perms, id == 0);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/org/roles/%lld?msg=role_saved", (long long)a.id));
}

static int role_create(pc_ctx *c)
{
    return role_save(c, 0);
}

static int role_edit_form(pc_ctx *c)
{
    int custom;
    if (!load_role(c, &custom) || !custom) /* R9: system roles cannot be modified */
        return pc_error(c, 404);
    if (!may_touch_role(c, c->path_id[0]))
        return pc_error(c, 403);
    pc_set(c, "Form.name.value", hdf_get_value(c->hdf, "Role.0.name", ""));
    pc_set(c, "Form.description.value", hdf_get_value(c->hdf, "Role.0.description", ""));
    return role_form_page(c, role_mask(c->path_id[0]), 0);
}

static int role_update(pc_ctx *c)
{
    int custom;
    if (!load_role(c, &custom) || !custom)
        return pc_error(c, 404);
    if (!may_touch_role(c, c->path_id[0]))
        return pc_error(c, 403);
    return role_save(c, c->path_id[0]);
}

/* ---- delete (R7: only while no member holds it) ---- */

static int delete_page(pc_ctx *c)
{
    pc_set(c, "Confirm.title", pc_t(c, "org.role.delete_title"));
    pc_set(c, "Confirm.text", pc_t(c, "org.role.delete_text"));
    pc_set(c, "Confirm.subject", hdf_get_value(c->hdf, "Role.0.name", ""));
    pc_set(c, "Confirm.action",
           pc_arena_printf(&c->arena, "/org/roles/%lld/delete", (long long)c->path_id[0]));
    pc_set(c, "Confirm.back",
           pc_arena_printf(&c->arena, "/org/roles/%lld", (long long)c->path_id[0]));
    pc_set(c, "Confirm.button", pc_t(c, "org.delete"));
    pc_set(c, "Page.title", pc_t(c, "org.role.delete_title"));
    org_tabs(c, "roles");
    return pc_render(c, "confirm.cs");
}

static int role_delete_form(pc_ctx *c)
{
    int custom;
    if (!load_role(c, &custom) || !custom)
        return pc_error(c, 404);
    if (!may_touch_role(c, c->path_id[0]))
        return pc_error(c, 403);
    return delete_page(c);
}

static int delete_tx(void *arg)
{
    role_args *a = arg;
    /* the same lock as role assignment: a role cannot gain a holder while it goes */
    if (pc_db_query(&roles_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(a->c->user.partner_id)), NULL,
                    NULL) < 0)
        return -1;
    if (pc_db_int(&roles_sql, ST_HOLDER_COUNT, PC_BINDS(PC_I64(a->id)), 0) != 0) {
        a->error = "org.err.role_in_use";
        return 1;
    }
    if (pc_db_exec(&roles_sql, ST_DELETE, PC_BINDS(PC_I64(a->id), PC_I64(a->c->user.partner_id)),
                   NULL) != 1)
        return -1;
    pc_audit_ctx(a->c, "role.delete", "role", a->id, "ok", "");
    return 0;
}

static int role_delete(pc_ctx *c)
{
    int custom;
    if (!load_role(c, &custom) || !custom)
        return pc_error(c, 404);
    if (!may_touch_role(c, c->path_id[0]))
        return pc_error(c, 403);
    role_args a = {c, NULL, 0, c->path_id[0], NULL};
    int rc = pc_db_tx(delete_tx, &a);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, "form", a.error);
        c->status = 409;
        return delete_page(c);
    }
    return pc_redirect(c, "/org/roles?msg=role_deleted");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/org/roles", PC_PERM_ORG_ROLE_MANAGE, roles_list, 0),
    PC_ROUTE("GET", "/org/roles/new", PC_PERM_ORG_ROLE_MANAGE, role_new_form, 0),
    PC_ROUTE("POST", "/org/roles/new", PC_PERM_ORG_ROLE_MANAGE, role_create, 0),
    PC_ROUTE("GET", "/org/roles/{id}", PC_PERM_ORG_ROLE_MANAGE, role_view, 0),
    PC_ROUTE("GET", "/org/roles/{id}/edit", PC_PERM_ORG_ROLE_MANAGE, role_edit_form, 0),
    PC_ROUTE("POST", "/org/roles/{id}/edit", PC_PERM_ORG_ROLE_MANAGE, role_update, 0),
    PC_ROUTE("GET", "/org/roles/{id}/delete", PC_PERM_ORG_ROLE_MANAGE, role_delete_form, 0),
    PC_ROUTE("POST", "/org/roles/{id}/delete", PC_PERM_ORG_ROLE_MANAGE, role_delete, 0),
};
PC_ROUTE_TABLE(org_roles_routes, routes);
