#include "web/export_request.h"

#include "base/db.h"
#include "base/valid.h"

enum stmt { ST_EXPORT, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_EXPORT] =
        "INSERT INTO export_tasks (partner_id, user_id, kind, name, filters, format, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
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
    if (pc_valid_form(&c->arena, fields, 1, &c->form, v, err))
        return pc_error_say(c, 400, NULL, format_error);
    struct export_tx x = {c, action, kind, name, filters, v[0].s};
    if (pc_db_tx(export_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, "/exports/?msg=export_created");
}
