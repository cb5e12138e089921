/*
 * Admin > Promotion Activities (9.2.2.3): the vendor runs promotion
 * activities; while one runs, partner members make promotional invitation
 * links for it, which expire when it ends.  Dates are whole days in the
 * billing time zone: from 00:00 of the first day to 24:00 of the last.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/view.h"

enum stmt { ST_LIST, ST_INSERT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT pr.id, pr.name, pr.description, pr.valid_from, pr.valid_to, "
                "(SELECT COUNT(*) FROM invitation_links l WHERE l.promotion_id = pr.id) AS links, "
                "(SELECT COUNT(*) FROM invitations i JOIN invitation_links l ON l.id = i.link_id "
                "WHERE l.promotion_id = pr.id AND i.status = 'ASSOCIATED') AS associated "
                "FROM promotions pr ORDER BY pr.valid_to DESC, pr.id DESC LIMIT 200",
    [ST_INSERT] =
        "INSERT INTO promotions (name, description, valid_from, valid_to, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(promo_sql, sql);

enum { F_NAME, F_DESCRIPTION, F_FROM, F_TO, F__N };
static const pc_field fields[F__N] = {
    [F_NAME] = {"name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    [F_DESCRIPTION] = {"description", pc_valid_text, 0, 500, 0, NULL},
    [F_FROM] = {"valid_from", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_TO] = {"valid_to", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
};

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&promo_sql, ST_LIST, PC_NOBINDS, c->hdf, "Promotions") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Promotions"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_datetime(h, "valid_from", "from");
        pc_view_hdf_datetime(h, "valid_to", "to");
    }
    pc_set(c, "Page.title", pc_t(c, "admin.promo.title"));
    admin_tabs(c, "promotions");
    return pc_render(c, "admin/promotions.cs");
}

static int create(pc_ctx *c)
{
    pc_value v[F__N];
    char from[20], to[20], now[20];
    int bad = pc_form(c, fields, F__N, v);
    pc_clock_now_text(now);
    if (!bad) {
        pc_clock_day_start(v[F_FROM].s, 0, from);
        pc_clock_day_start(v[F_TO].s, 1, to);
        if (strcmp(v[F_TO].s, v[F_FROM].s) < 0)
            pc_form_error(c, "valid_to", "admin.promo.err.order"), bad = 1;
        else if (strcmp(to, now) <= 0)
            pc_form_error(c, "valid_to", "admin.promo.err.past"), bad = 1;
    }
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    admin_change x = {c,
                      &promo_sql,
                      ST_INSERT,
                      PC_BINDS(PC_STR(v[F_NAME].s), PC_STR(v[F_DESCRIPTION].s), PC_STR(from),
                               PC_STR(to), PC_I64(c->user.id)),
                      "promotion.create",
                      "promotion",
                      pc_arena_printf(&c->arena, "%s %s..%s", v[F_NAME].s, v[F_FROM].s, v[F_TO].s),
                      0,
                      0,
                      0,
                      0};
    admin_change_run(&x);
    if (x.rows != 1)
        return pc_error(c, 500);
    return pc_redirect(c, "/admin/promotions?msg=promotion_saved");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/promotions", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/promotions", PC_GUARD_OPERATOR, create, 0),
};
PC_ROUTE_TABLE(admin_promotion_routes, routes);
