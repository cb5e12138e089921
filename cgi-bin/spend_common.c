/* Helpers shared by the expenditure pages: tabs, filters, masking, money, export tasks. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"
#include "web/export_request.h"
#include "base/money.h"
#include "spend.h"
#include "base/view.h"
#include "web/page.h"

enum stmt { ST_MANAGERS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_MANAGERS] = "SELECT u.id, u.name FROM users u JOIN member_roles mr ON mr.user_id = u.id "
                    "JOIN roles r ON r.id = mr.role_id AND r.code = 'ACCOUNT_MANAGER' "
                    "WHERE u.partner_id = ? AND u.status <> 'deleted' ORDER BY u.name",
};
PC_SQL_TABLE(spend_sql, sql);

void spend_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"summary", "/spend/summary", "spend.tab.summary", PC_PERM_SPEND_VIEW},
        {"details", "/spend/details", "spend.tab.details", PC_PERM_SPEND_VIEW},
        {"exports", "/exports/", "spend.tab.exports", PC_PERM_SPEND_EXPORT},
    };
    pc_tabs(c, tabs, sizeof tabs / sizeof tabs[0], active);
}

int spend_managers(pc_ctx *c)
{
    return pc_db_hdf_kept(&spend_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                          "Managers") < 0
               ? -1
               : 0;
}

int spend_show_name(pc_ctx *c)
{
    for (size_t k = 0; k < pc_params_count(&c->query, "show"); k++)
        if (strcmp(pc_params_nth(&c->query, "show", k), "name") == 0)
            return 1;
    return 0;
}

void spend_put_filters(pc_ctx *c, const pc_field *fields, const pc_value *v,
                       const char *const *errors, size_t n, int64_t earliest, int64_t latest)
{
    for (size_t i = 0; i < n; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", fields[i].name), v[i].s);
        if (!errors[i])
            continue;
        const char *text = pc_t(c, errors[i]);
        if (strcmp(errors[i], "spend.err.cycle_range") == 0)
            text = pc_arena_printf(&c->arena, text, pc_clock_cycle_text(&c->arena, earliest),
                                   pc_clock_cycle_text(&c->arena, latest));
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", fields[i].name), text);
        pc_set(c, "Page.bad_filters", "1");
    }
    pc_set(c, "Page.earliest", pc_clock_cycle_text(&c->arena, earliest));
    pc_set(c, "Page.latest", pc_clock_cycle_text(&c->arena, latest));
}

const char *spend_masked(pc_ctx *c, const char *v, int show)
{
    if (show || !*v)
        return v;
    char *out = pc_arena_alloc(&c->arena, 300);
    return pc_mask_name(v, out, 300);
}

const char *spend_money8(pc_ctx *c, int64_t v)
{
    char *out = pc_arena_alloc(&c->arena, 40);
    return pc_money_format(v, 8, 1, out, 40);
}

const char *spend_money2(pc_ctx *c, int64_t v)
{
    char *out = pc_arena_alloc(&c->arena, 40);
    return pc_money_format(pc_money_round2(v), 2, 1, out, 40);
}

int spend_export(pc_ctx *c, const char *kind, const char *name, const char *filters)
{
    return pc_export_request(c, "spend.export", kind, name, filters, "spend.err.format");
}
