/*
 * Account directors and their account managers (spec 5.1.1.2, role table).
 * An Admin links any manager to any director; a director who is not an Admin
 * links unassigned managers to itself and lets go of its own.
 */
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "org.h"

enum stmt { ST_DIRECTORS, ST_MANAGERS, ST_MANAGER_GET, ST_IS_DIRECTOR, ST_SET, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DIRECTORS] =
        "SELECT u.id, u.name, u.username FROM users u JOIN member_roles mr ON mr.user_id = u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_DIRECTOR' "
        "WHERE u.partner_id = ? AND u.status <> 'deleted' AND (? = 0 OR u.id = ?) ORDER BY u.name",
    [ST_MANAGERS] = "SELECT u.id, u.name, u.username, IFNULL(u.director_id, 0) AS director_id, "
                    "IFNULL(d.name, '') AS director_name FROM users u "
                    "JOIN member_roles mr ON mr.user_id = u.id "
                    "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
                    "LEFT JOIN users d ON d.id = u.director_id "
                    "WHERE u.partner_id = ? AND u.status <> 'deleted' "
                    "AND (? = 0 OR u.director_id IS NULL OR u.director_id = ?) ORDER BY u.name",
    [ST_MANAGER_GET] =
        "SELECT IFNULL(u.director_id, 0) FROM users u JOIN member_roles mr ON mr.user_id = u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
        "WHERE u.id = ? AND u.partner_id = ? AND u.status <> 'deleted'",
    [ST_IS_DIRECTOR] = "SELECT COUNT(*) FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                       "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_DIRECTOR' "
                       "WHERE u.id = ? AND u.partner_id = ? AND u.status <> 'deleted'",
    [ST_SET] = "UPDATE users SET director_id = NULLIF(?, 0) WHERE id = ? AND partner_id = ?",
};
PC_SQL_TABLE(team_sql, sql);

/* 0 for an Admin (sees every director and manager); else the director's own id. */
static int64_t limited_to(pc_ctx *c)
{
    return (c->user.system_roles & PC_ROLE_ADMIN) ? 0 : c->user.id;
}

static int team_render(pc_ctx *c)
{
    int64_t self = limited_to(c), pid = c->user.partner_id;
    if (pc_db_hdf(&team_sql, ST_DIRECTORS, PC_BINDS(PC_I64(pid), PC_I64(self), PC_I64(self)),
                  c->hdf, "Directors") < 0 ||
        pc_db_hdf(&team_sql, ST_MANAGERS, PC_BINDS(PC_I64(pid), PC_I64(self), PC_I64(self)), c->hdf,
                  "Managers") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "org.team.title"));
    org_tabs(c, "team");
    return pc_render(c, "org/team.cs");
}

static int team_page(pc_ctx *c)
{
    return team_render(c);
}

static const pc_field assign_fields[] = {
    {"director_id", pc_valid_id, 0, 0, 0, NULL},
};

static int team_assign(pc_ctx *c)
{
    pc_value v[1];
    int64_t manager = c->path_id[0], pid = c->user.partner_id, self = limited_to(c);
    int64_t current =
        pc_db_int(&team_sql, ST_MANAGER_GET, PC_BINDS(PC_I64(manager), PC_I64(pid)), -2);
    /* not a manager of this partner, or another director's manager for a non-admin: not theirs to
     * see */
    if (current == -2 || current == -1 || (self && current != 0 && current != self))
        return pc_error(c, current == -1 ? 500 : 404);
    const char *err = pc_form(c, assign_fields, 1, v) ? "err.id" : NULL;
    if (!err && v[0].present &&
        (pc_db_int(&team_sql, ST_IS_DIRECTOR, PC_BINDS(PC_I64(v[0].i), PC_I64(pid)), 0) != 1 ||
         (self && v[0].i != self)))
        err = "org.err.director_choice";
    if (err) {
        pc_form_error(c, "form", err);
        c->status = 400;
        return team_render(c);
    }
    if (pc_db_exec(&team_sql, ST_SET, PC_BINDS(PC_I64(v[0].i), PC_I64(manager), PC_I64(pid)),
                   NULL) < 0)
        return pc_error(c, 500);
    pc_audit_ctx(c, "team.assign", "user", manager, "ok",
                 pc_arena_printf(&c->arena, "director=%lld", (long long)v[0].i));
    return pc_redirect(c, "/org/team?msg=team_saved");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/org/team", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, team_page, 0),
    PC_ROUTE("POST", "/org/team/{id}", PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, team_assign, 0),
};
PC_ROUTE_TABLE(org_team_routes, routes);
