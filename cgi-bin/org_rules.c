/* Role picking and the combination rules of spec 5.1.1.3 / 5.1.1.4. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "org.h"
#include "web/page.h"

enum stmt { ST_ROLE_GET, ST_ROLE_PERMS, ST_ROLES_GRANTABLE, ST_ROLES_OF, ST_OTHER_ADMINS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_ROLE_GET] = "SELECT id, IFNULL(code, '') FROM roles WHERE id = ? AND deleted_at IS NULL "
                    "AND (partner_id IS NULL OR partner_id = ?)",
    [ST_ROLE_PERMS] = "SELECT perm_code FROM role_permissions WHERE role_id = ?",
    [ST_ROLES_GRANTABLE] =
        "SELECT r.id, IFNULL(r.code, '') AS code, r.name, r.description, "
        "IF(r.partner_id IS NULL, 'system', 'custom') AS type, (SELECT COUNT(*) FROM member_roles "
        "mr "
        "JOIN users u ON u.id = mr.user_id AND u.partner_id = ? AND u.status <> 'deleted' "
        "WHERE mr.role_id = r.id) AS users FROM roles r "
        "WHERE r.deleted_at IS NULL AND (r.partner_id IS NULL OR r.partner_id = ?) "
        "ORDER BY r.partner_id IS NOT NULL, r.id",
    [ST_ROLES_OF] =
        "SELECT r.id, IFNULL(r.code, '') FROM member_roles mr JOIN roles r ON r.id = mr.role_id "
        "AND r.deleted_at IS NULL WHERE mr.user_id = ? ORDER BY r.id",
    [ST_OTHER_ADMINS] = "SELECT COUNT(*) FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                        "JOIN roles r ON r.id = mr.role_id AND r.code = 'ADMIN' "
                        "WHERE u.partner_id = ? AND u.status = 'normal' AND u.id <> ?",
};
PC_SQL_TABLE(rules_sql, sql);

/* Calling codes offered for mobile numbers (members and customer contacts). */
const char *const org_country_codes[] = {"+86", "+852", "+853", "+886", "+65", "+60",  "+66",
                                         "+62", "+63",  "+84",  "+91",  "+92", "+353", "+49",
                                         "+33", "+44",  "+34",  "+39",  "+55", "+52",  "+56",
                                         "+27", "+971", "+966", "+90",  "+1",  NULL};

static unsigned role_bit(const char *code)
{
    return strcmp(code, "ADMIN") == 0              ? PC_ROLE_ADMIN
           : strcmp(code, "FINANCE") == 0          ? PC_ROLE_FINANCE
           : strcmp(code, "ACCOUNT_DIRECTOR") == 0 ? PC_ROLE_ACCOUNT_DIRECTOR
           : strcmp(code, "ACCOUNT_MANAGER") == 0  ? PC_ROLE_ACCOUNT_MANAGER
                                                   : 0;
}

struct role_found {
    int64_t id;
    char code[24];
};

static int role_row(void *arg, const pc_row *r)
{
    struct role_found *f = arg;
    f->id = pc_row_i64(r, 0);
    snprintf(f->code, sizeof f->code, "%s", pc_row_str(r, 1));
    return 1;
}

static int perm_row(void *arg, const pc_row *r)
{
    int p = pc_perm_from_code(pc_row_str(r, 0));
    if (p >= 0)
        *(uint64_t *)arg |= UINT64_C(1) << p;
    return 0;
}

/* Whether the signed-in user may hand out role `id` (no one grants more than they hold). */
static int may_grant(pc_ctx *c, const struct role_found *role)
{
    uint64_t perms = 0;
    if (c->user.system_roles & PC_ROLE_ADMIN)
        return 1;
    if (role_bit(role->code) == PC_ROLE_ADMIN)
        return 0;
    if (pc_db_query(&rules_sql, ST_ROLE_PERMS, PC_BINDS(PC_I64(role->id)), perm_row, &perms) < 0)
        return 0;
    /* what the role gives this partner's kind (a reseller's Finance role: no finance) */
    perms &= pc_authz_kind_perms(c->user.partner_kind);
    return (perms & ~c->user.perms) == 0;
}

const char *org_roles_pick(pc_ctx *c, org_role_pick *pick)
{
    size_t n = pc_params_count(&c->form, "roles");
    memset(pick, 0, sizeof *pick);
    for (size_t i = 0; i < n; i++) {
        const char *v = pc_params_nth(&c->form, "roles", i);
        char *end;
        long long id = strtoll(v, &end, 10);
        struct role_found role = {0};
        if (!*v || *end || id <= 0)
            return "err.id";
        int dup = 0;
        for (int k = 0; k < pick->n && k <= ORG_MAX_ROLES; k++)
            dup |= pick->ids[k] == id;
        if (dup)
            continue;
        if (pc_db_query(&rules_sql, ST_ROLE_GET, PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)),
                        role_row, &role) <= 0)
            return "err.id";
        if (!may_grant(c, &role))
            return "org.err.grant_more";
        if (pick->n <= ORG_MAX_ROLES)
            pick->ids[pick->n] = id;
        pick->n++;
        pick->system |= role_bit(role.code);
    }
    if (pick->n < 1)
        return "org.err.roles_none";
    if (pick->n > ORG_MAX_ROLES)
        return "org.err.roles_too_many";
    if ((pick->system & PC_ROLE_ADMIN) && pick->n > 1)
        return "org.err.admin_alone";
    if ((pick->system & PC_ROLE_ACCOUNT_MANAGER) && (pick->system & PC_ROLE_ACCOUNT_DIRECTOR))
        return "org.err.manager_director";
    return NULL;
}

const char *org_role_name(pc_ctx *c, const char *code, const char *name)
{
    char key[64];
    if (!code || !*code)
        return name;
    snprintf(key, sizeof key, "org.role_name.%s", code);
    return pc_t(c, key);
}

struct hdf_roles {
    pc_ctx *c;
    const org_role_pick *checked;
    int i;
};

static void set_role(struct hdf_roles *h, const char *field, const char *value)
{
    pc_set(h->c, pc_arena_printf(&h->c->arena, "Roles.%d.%s", h->i, field), value);
}

static int grantable_row(void *arg, const pc_row *r)
{
    struct hdf_roles *h = arg;
    int64_t id = pc_row_i64(r, 0);
    const char *code = pc_row_str(r, 1);
    set_role(h, "id", pc_row_str(r, 0));
    set_role(h, "code", code);
    set_role(h, "name", org_role_name(h->c, code, pc_row_str(r, 2)));
    set_role(h, "type", pc_row_str(r, 4));
    set_role(h, "users", pc_row_str(r, 5));
    set_role(h, "description",
             *code ? pc_t(h->c, pc_arena_printf(&h->c->arena, "org.role_desc.%s", code))
                   : pc_row_str(r, 3));
    for (int k = 0; h->checked && k < h->checked->n && k <= ORG_MAX_ROLES; k++)
        if (h->checked->ids[k] == id)
            set_role(h, "checked", "1");
    h->i++;
    return 0;
}

int org_roles_hdf(pc_ctx *c, const org_role_pick *checked)
{
    struct hdf_roles h = {c, checked, 0};
    return pc_db_query(&rules_sql, ST_ROLES_GRANTABLE,
                       PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.partner_id)),
                       grantable_row, &h);
}

static int pick_row(void *arg, const pc_row *r)
{
    org_role_pick *p = arg;
    if (p->n <= ORG_MAX_ROLES)
        p->ids[p->n] = pc_row_i64(r, 0);
    p->n++;
    p->system |= role_bit(pc_row_str(r, 1));
    return 0;
}

int org_roles_of(int64_t member_id, org_role_pick *pick)
{
    memset(pick, 0, sizeof *pick);
    return pc_db_query(&rules_sql, ST_ROLES_OF, PC_BINDS(PC_I64(member_id)), pick_row, pick);
}

int64_t org_other_admins(int64_t partner_id, int64_t member_id)
{
    return pc_db_int(&rules_sql, ST_OTHER_ADMINS, PC_BINDS(PC_I64(partner_id), PC_I64(member_id)),
                     0);
}

void org_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"members", "/org/members", "nav.members", PC_PERM_ORG_MEMBER_MANAGE},
        {"roles", "/org/roles", "nav.roles", PC_PERM_ORG_ROLE_MANAGE},
        {"team", "/org/team", "nav.team", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS},
        {"contacts", "/org/contacts", "nav.contacts", PC_PERM_ORG_CONTACT_MANAGE},
        /* partner admins only (org_apikeys.c); PC_GUARD_PARTNER here, the last tab dropped below */
        {"apikeys", "/org/api-keys", "nav.api_keys", PC_GUARD_PARTNER},
    };
    size_t n = sizeof tabs / sizeof tabs[0];
    pc_tabs(c, tabs, (c->user.system_roles & PC_ROLE_ADMIN) ? n : n - 1, active);
}
