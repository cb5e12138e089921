#include "web/export_request.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/valid.h"
#include "base/view.h"

enum stmt { ST_EXPORT, ST_READY, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_EXPORT] =
        "INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
    /* completed, not expired, never downloaded: the user's files waiting for them */
    [ST_READY] = "SELECT COUNT(*) FROM export_tasks WHERE partner_id = ? AND user_id = ? AND "
                 "status = 'completed' AND expires_at > UTC_TIMESTAMP() AND downloaded_at IS NULL",
};
PC_SQL_TABLE(export_request_sql, sql);

struct export_tx {
    pc_ctx *c;
    const char *action, *kind, *name, *filters, *format;
};

static int export_tx(void *arg)
{
    struct export_tx *x = arg;
    pc_ctx *c = x->c;
    int64_t id = 0;
    if (pc_db_exec(&export_request_sql, ST_EXPORT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_I64(c->user.id), PC_STR(x->kind),
                            PC_STR(x->name), PC_STR(x->filters), PC_STR(x->format)),
                   &id) != 1)
        return -1;
    pc_audit_ctx(c, x->action, "export_task", id, "ok",
                 pc_arena_printf(&c->arena, "%s %s %s", x->kind, x->format, x->filters));
    return 0;
}

int pc_export_request(pc_ctx *c, const char *action, const char *kind, const char *name,
                      const char *filters, const char *format_error)
{
    static const char *const formats[] = {"csv", "xlsx", NULL};
    static const pc_field fields[] = {{"format", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, formats}};
    pc_value v[1];
    const char *err[1];
    if (pc_export_asks(c))
        return pc_export_precautions(c);
    if (pc_valid_form(&c->arena, fields, 1, &c->form, v, err))
        return pc_error_say(c, 400, NULL, format_error);
    struct export_tx x = {c, action, kind, name, filters, v[0].s};
    if (pc_db_tx(export_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, "/exports/?msg=export_created");
}

int pc_export_asks(const pc_ctx *c)
{
    const char *confirm = pc_params_get(&c->form, "confirm");
    return confirm && strcmp(confirm, "ask") == 0;
}

/* The list page an export form came from: its action without "/export" (a program's own root
 * keeps its slash: /customers/export -> /customers/), with the list's filters. */
static const char *back_of(pc_ctx *c, const char *query)
{
    const char *path = c->path ? c->path : "/";
    size_t n = strlen(path);
    if (n > 7 && strcmp(path + n - 7, "/export") == 0)
        n -= 7;
    else
        return "/exports/";
    const char *slash = memchr(path + 1, '/', n - 1);
    return pc_arena_printf(&c->arena, "%.*s%s%s%s", (int)n, path, slash ? "" : "/",
                           *query ? "?" : "", query);
}

int pc_export_precautions(pc_ctx *c)
{
    static const char *const not_filters[] = {"csrf", "confirm", "format", "scope", "ids", NULL};
    char *query = pc_arena_strdup(&c->arena, "");
    int k = 0;
    for (size_t i = 0; i < c->form.n; i++) {
        const pc_param *p = &c->form.v[i];
        if (p->filename || strcmp(p->name, "csrf") == 0 || strcmp(p->name, "confirm") == 0)
            continue;
        pc_setf(c, pc_arena_printf(&c->arena, "Resend.%d.name", k), "%s", p->name);
        pc_setf(c, pc_arena_printf(&c->arena, "Resend.%d.value", k), "%s", p->value);
        k++;
        int filter = *p->value != '\0';
        for (int j = 0; not_filters[j] && filter; j++)
            filter = strcmp(p->name, not_filters[j]) != 0;
        if (filter) {
            char name[PC_REQ_MAX_NAME * 3 + 1], value[600];
            query = pc_arena_printf(&c->arena, "%s%s%s=%s", query, *query ? "&" : "",
                                    pc_view_url_encode(p->name, name, sizeof name),
                                    pc_view_url_encode(p->value, value, sizeof value));
        }
    }
    pc_set(c, "Page.action", c->path);
    pc_set(c, "Page.back", back_of(c, query));
    pc_set(c, "Page.title", pc_t(c, "exports.precautions.title"));
    return pc_render(c, "exports/precautions.cs");
}

static int count_row(void *arg, const pc_row *r)
{
    *(int64_t *)arg = pc_row_i64(r, 0);
    return 1;
}

int64_t pc_exports_ready_count(const pc_user *u)
{
    int64_t n = 0;
    if (pc_db_query(&export_request_sql, ST_READY, PC_BINDS(PC_I64(u->partner_id), PC_I64(u->id)),
                    count_row, &n) < 0)
        return -1;
    return n;
}
