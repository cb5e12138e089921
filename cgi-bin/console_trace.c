/*
 * Cloud Trace Service, Trace List (11.7.2): the customer's own traces of the
 * last 7 days with the filters of the guide, one trace's details, and the
 * switch that enables CTS (creating the tracker writes trace createTracker).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "console.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/trace.h"
#include "base/view.h"

#define RETENTION_SECONDS (7 * 86400)

enum stmt { ST_LIST, ST_ONE, ST_ENABLED, ST_LOCK, ST_SET, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT id, trace_name, trace_type, source, resource_type, resource_id, "
                "resource_name, status, "
                "operator_name, source_ip, operated_at FROM cts_traces WHERE customer_id = ? "
                "AND operated_at >= ? AND operated_at <= ? AND (? = '' OR trace_name = ?) "
                "AND (? = '' OR resource_type = ?) AND (? = '' OR status = ?) "
                "AND (? = '' OR resource_id = ?) ORDER BY operated_at DESC, id LIMIT 200",
    [ST_ONE] = "SELECT id, trace_name, trace_type, source, resource_type, resource_id, "
               "resource_name, status, "
               "operator_name, source_ip, operated_at, generated_at, details FROM cts_traces "
               "WHERE id = ? AND customer_id = ? AND operated_at >= ?",
    [ST_ENABLED] = "SELECT cts_enabled FROM customers WHERE id = ?",
    [ST_LOCK] = "SELECT cts_enabled FROM customers WHERE id = ? FOR UPDATE",
    [ST_SET] = "UPDATE customers SET cts_enabled = ? WHERE id = ?",
};
PC_SQL_TABLE(trace_page_sql, sql);

static const char *const names[] = {PC_TRACE_CREATE_TRACKER, "addBpInviteTraceLog",
                                    "customerEnter",         PC_TRACE_CONFIRM_AUTH,
                                    PC_TRACE_APPLY_UNBIND,   PC_TRACE_APPROVE_APPLY,
                                    "applyPartnerPayment",   PC_TRACE_REQUEST_AUTH,
                                    PC_TRACE_AGENT_SESSION,  NULL};
static const char *const types[] = {"tracker", "csbchannelsales", "accountInfo", "order", NULL};
static const char *const statuses[] = {"normal", "warning", "incident", NULL};
static const char *const ranges[] = {"hour", "day", "week", "custom", NULL};

static const pc_field filters[] = {
    {"range", pc_valid_enum, 0, 0, 0, ranges},
    {"trace_name", pc_valid_enum, 0, 0, 0, names},
    {"resource_type", pc_valid_enum, 0, 0, 0, types},
    {"status", pc_valid_enum, 0, 0, 0, statuses},
    {"resource_id", pc_valid_text, 0, 64, 0, NULL},
    {"from", pc_valid_text, 0, 19, 0, NULL},
    {"to", pc_valid_text, 0, 19, 0, NULL},
};
enum { F_RANGE, F_NAME, F_TYPE, F_STATUS, F_RID, F_FROM, F_TO, F__N };

/* "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM[:SS]" in the billing time zone → UTC time; -1 if
 * malformed. */
static time_t local_input(const char *s)
{
    char local[20];
    time_t t;
    if (strlen(s) < 16)
        return -1;
    snprintf(local, sizeof local, "%.10s %.5s:00", s, s + 11);
    return pc_clock_parse_local(local, &t) ? -1 : t;
}

/* The time window of the filters, inside the 7 days kept.  A language key when bad. */
static const char *window(const pc_value *f, time_t now, time_t *from, time_t *to)
{
    const char *r = f[F_RANGE].present ? f[F_RANGE].s : "hour";
    *to = now;
    *from = now - (strcmp(r, "day") == 0 ? 86400 : strcmp(r, "week") == 0 ? 7 * 86400 : 3600);
    if (strcmp(r, "custom") == 0) {
        *from = f[F_FROM].present ? local_input(f[F_FROM].s) : -1;
        *to = f[F_TO].present ? local_input(f[F_TO].s) : now;
        if (*from < 0 || *to < 0 || *from > *to)
            return "console.trace.err.range";
        if (*from < now - RETENTION_SECONDS)
            return "console.trace.err.seven_days";
    }
    return NULL;
}

static int list_page(pc_ctx *c)
{
    pc_value f[F__N];
    const char *errs[F__N];
    time_t now = pc_clock_now(), from = now, to = now;
    char a[20], b[20], oldest[20];
    int bad = pc_valid_form(&c->arena, filters, F__N, &c->query, f, errs);
    const char *werr = bad ? "console.trace.err.filter" : window(f, now, &from, &to);
    for (int i = 0; i < F__N; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s", filters[i].name), f[i].s ? f[i].s : "");
    if (!f[F_RANGE].present)
        pc_set(c, "Filter.range", "hour");
    if (pc_db_hdf(&trace_page_sql, ST_ENABLED, PC_BINDS(PC_I64(c->user.customer_id)), c->hdf,
                  "Cts") < 0)
        return pc_error(c, 500);
    if (werr) {
        pc_form_error(c, "form", werr);
        c->status = 400;
    } else {
        pc_clock_text(from, a);
        pc_clock_text(to, b);
        pc_clock_text(now - RETENTION_SECONDS, oldest);
        const char *lo = strcmp(a, oldest) < 0 ? oldest : a;
        if (pc_db_hdf(&trace_page_sql, ST_LIST,
                      PC_BINDS(PC_I64(c->user.customer_id), PC_STR(lo), PC_STR(b),
                               PC_STR(f[F_NAME].s), PC_STR(f[F_NAME].s), PC_STR(f[F_TYPE].s),
                               PC_STR(f[F_TYPE].s), PC_STR(f[F_STATUS].s), PC_STR(f[F_STATUS].s),
                               PC_STR(f[F_RID].s), PC_STR(f[F_RID].s)),
                      c->hdf, "Traces") < 0)
            return pc_error(c, 500);
    }
    for (HDF *h = hdf_get_child(c->hdf, "Traces"); h; h = hdf_obj_next(h))
        pc_view_hdf_datetime(h, "operated_at", "operated");
    for (int i = 0; names[i]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Names.%d", i), names[i]);
    for (int i = 0; types[i]; i++)
        pc_set(c, pc_arena_printf(&c->arena, "Types.%d", i), types[i]);
    pc_set(c, "Page.title", pc_t(c, "console.trace.title"));
    pc_set(c, "Page.tab", "trace");
    return pc_render(c, "console/trace.cs");
}

static int view_page(pc_ctx *c)
{
    const char *id = pc_params_get(&c->query, "id");
    char oldest[20];
    if (!id || strlen(id) != 36 || strspn(id, "0123456789abcdef-") != 36)
        return pc_error(c, 404);
    pc_clock_text(pc_clock_now() - RETENTION_SECONDS, oldest);
    int n = pc_db_hdf(&trace_page_sql, ST_ONE,
                      PC_BINDS(PC_STR(id), PC_I64(c->user.customer_id), PC_STR(oldest)), c->hdf,
                      "Trace");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    static const char *const times[] = {"Trace.0.operated_at", "Trace.0.generated_at"};
    for (int i = 0; i < 2; i++)
        pc_view_hdf_datetime(c->hdf, times[i], times[i]);
    pc_set(c, "Page.title", pc_t(c, "console.trace.view"));
    pc_set(c, "Page.tab", "trace");
    return pc_render(c, "console/trace_view.cs");
}

typedef struct cts_job {
    pc_ctx *c;
    int enable;
} cts_job;

static int cts_tx(void *arg)
{
    cts_job *j = arg;
    pc_ctx *c = j->c;
    int64_t was = pc_db_int(&trace_page_sql, ST_LOCK, PC_BINDS(PC_I64(c->user.customer_id)), -1);
    if (was < 0 || pc_db_exec(&trace_page_sql, ST_SET,
                              PC_BINDS(PC_I64(j->enable), PC_I64(c->user.customer_id)), NULL) < 0)
        return -1;
    /* creating the tracker is itself the first trace (11.7); enabling twice creates nothing */
    if (j->enable && !was &&
        pc_trace(c->user.customer_id, PC_TRACE_CREATE_TRACKER, "tracker", "system", c->user.id,
                 c->remote_addr, "normal", "{\"tracker_name\":\"system\"}") != 1)
        return -1;
    if (j->enable != was)
        pc_audit_ctx(c, j->enable ? "cts.enable" : "cts.disable", "customer", c->user.customer_id,
                     "ok", "");
    return 0;
}

static int cts_post(pc_ctx *c)
{
    const char *v = pc_params_get(&c->form, "enabled");
    if (!v || (strcmp(v, "1") && strcmp(v, "0")))
        return pc_error(c, 400);
    cts_job j = {c, strcmp(v, "1") == 0};
    if (pc_db_tx(cts_tx, &j))
        return pc_error(c, 500);
    return pc_redirect(c, j.enable ? "/console/trace?msg=cts_enabled"
                                   : "/console/trace?msg=cts_disabled");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/console/trace", PC_GUARD_CUSTOMER, list_page, 0),
    PC_ROUTE("GET", "/console/trace/view", PC_GUARD_CUSTOMER, view_page, 0),
    PC_ROUTE("POST", "/console/cts", PC_GUARD_CUSTOMER, cts_post, 0),
};
CONSOLE_ROUTES(console_trace_routes, routes);
