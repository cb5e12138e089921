/*
 * Sales > Customers > Customer Development, tab From Partner Center (9.2.2.1):
 * pre-register a customer (hard rejections, manual review, the 100 live
 * limit), the list with search and counter, invite (9.2.2.2) and delete
 * (single and batch), refusals shown above the list.
 * A member without customer.view_all works only on its own pre-registrations
 * (and a director on those of its managers); anything else is a 404.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers_dev_common.h"
#include "base/db.h"
#include "base/view.h"
#include "web/page.h"
#include "web/listing.h"

#define LIVE_LIMIT 100 /* Under review + Pre-registered per partner (9.2.2.1) */

enum stmt {
    ST_LIST,
    ST_COUNT,
    ST_LIVE_COUNT,
    ST_LOCK_PARTNER,
    ST_LIVE_BY_EMAIL,
    ST_CUSTOMER_BY_EMAIL,
    ST_INSERT,
    ST_LOCK_ONE,
    ST_DELETE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] =
        "SELECT p.id, p.full_name, p.mobile, p.email, IFNULL(c.name, '') AS customer_name, "
        "IFNULL(c.account_name, '') AS customer_account, p.preregistered_at, p.expires_at, "
        "p.status, "
        "p.remarks, p.review_reasons, p.review_comment, IFNULL(am.name, '') AS am_name FROM "
        "preregistrations p "
        "LEFT JOIN customers c ON c.id = p.customer_id LEFT JOIN users am ON am.id = "
        "p.account_manager_id "
        "WHERE " DEV_SCOPE " AND p.status <> 'DELETED' AND (? = '' OR p.full_name LIKE ?) "
        "AND (? = '' OR p.mobile LIKE ?) AND (? = '' OR p.email LIKE ?) ORDER BY p.id DESC "
        "LIMIT ? OFFSET ?",
    /* a partner's pre-registrations (at most 100 live, the others kept): cheap to count */
    [ST_COUNT] =
        "SELECT COUNT(*) FROM preregistrations p WHERE " DEV_SCOPE " AND p.status <> 'DELETED' "
        "AND (? = '' OR p.full_name LIKE ?) AND (? = '' OR p.mobile LIKE ?) "
        "AND (? = '' OR p.email LIKE ?)",
    [ST_LIVE_COUNT] = "SELECT COUNT(*) FROM preregistrations WHERE partner_id = ? "
                      "AND status IN ('UNDER_REVIEW', 'PREREGISTERED')",
    /* every pre-registration of a partner takes its row lock: the live count cannot race */
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
    [ST_LIVE_BY_EMAIL] = "SELECT partner_id FROM preregistrations WHERE live_email = ? FOR UPDATE",
    [ST_CUSTOMER_BY_EMAIL] =
        "SELECT IFNULL(partner_id, 0), site, registered_at < UTC_TIMESTAMP() - INTERVAL 7 DAY, "
        "has_cash_spend FROM customers WHERE email = ? ORDER BY id LIMIT 1",
    [ST_INSERT] =
        "INSERT INTO preregistrations (partner_id, full_name, email, mobile, send_invite, status, "
        "review_reasons, review_spend, review_process, preregistered_at, expires_at, "
        "account_manager_id, "
        "created_by, remarks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
        "UTC_TIMESTAMP() + INTERVAL 15 DAY, NULLIF(?, 0), ?, ?)",
    [ST_LOCK_ONE] =
        "SELECT p.status FROM preregistrations p WHERE p.id = ? AND " DEV_SCOPE " FOR UPDATE",
    [ST_DELETE] =
        "UPDATE preregistrations SET status = 'DELETED', deleted_at = UTC_TIMESTAMP() WHERE id = ?",
};
PC_SQL_TABLE(dev_sql, sql);

/* ---- the list ---- */

static const pc_field search_fields[] = {
    {"name", pc_valid_text, 0, 100, 0, NULL},
    {"mobile", pc_valid_text, 0, 20, 0, NULL},
    {"email", pc_valid_text, 0, 254, 0, NULL},
};

static void format_times(pc_ctx *c, const char *list)
{
    char when[64];
    for (HDF *h = hdf_get_child(c->hdf, list); h; h = hdf_obj_next(h)) {
        static const char *const cols[] = {"preregistered_at", "expires_at"};
        for (int i = 0; i < 2; i++) {
            NEOERR *e =
                hdf_set_valuef(h, "%s_local=%s", cols[i],
                               pc_view_datetime(hdf_get_value(h, cols[i], ""), when, sizeof when));
            nerr_ignore(&e);
        }
    }
}

static int list_page(pc_ctx *c)
{
    pc_value v[3];
    const char *errs[3];
    pc_scope s;
    pc_authz_scope(&c->user, &s);
    pc_valid_form(&c->arena, search_fields, 3, &c->query, v, errs);
    char *query = pc_arena_strdup(&c->arena, "");
    for (int i = 0; i < 3; i++) { /* a refused filter is shown as typed, with why, and ignored */
        const char *name = search_fields[i].name, *typed = pc_params_get(&c->query, name);
        if (errs[i]) {
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", name), pc_t(c, errs[i]));
            v[i] = (pc_value){.s = ""};
        }
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", name),
               errs[i] && typed ? typed : v[i].s);
        char enc[200];
        if (*v[i].s)
            query = pc_arena_printf(&c->arena, "%s%s=%s&", query, name,
                                    pc_view_url_encode(v[i].s, enc, sizeof enc));
    }
    pc_arena *a = &c->arena;
    pc_list l;
    pc_list_read(c, &l);
    int shown =
        pc_db_hdf(&dev_sql, ST_LIST,
                  PC_BINDS(DEV_SCOPE_BINDS(c, s), PC_STR(v[0].s), PC_STR(pc_db_like(a, v[0].s)),
                           PC_STR(v[1].s), PC_STR(pc_db_like(a, v[1].s)), PC_STR(v[2].s),
                           PC_STR(pc_db_like(a, v[2].s)), PC_I64(pc_list_limit(&l)),
                           PC_I64(pc_list_offset(&l))),
                  c->hdf, "Preregs");
    int64_t total =
        pc_db_int(&dev_sql, ST_COUNT,
                  PC_BINDS(DEV_SCOPE_BINDS(c, s), PC_STR(v[0].s), PC_STR(pc_db_like(a, v[0].s)),
                           PC_STR(v[1].s), PC_STR(pc_db_like(a, v[1].s)), PC_STR(v[2].s),
                           PC_STR(pc_db_like(a, v[2].s))),
                  -1);
    if (shown < 0 || total < 0)
        return pc_error(c, 500);
    pc_list_pager(c, &l, "/customers/development", query, shown, total);
    int64_t live = pc_db_int(&dev_sql, ST_LIVE_COUNT, PC_BINDS(PC_I64(c->user.partner_id)), 0);
    if (live < 0)
        return pc_error(c, 500);
    format_times(c, "Preregs");
    pc_set_int(c, "Page.live", live);
    pc_set_int(c, "Page.limit", LIVE_LIMIT);
    pc_set(c, "Page.title", pc_t(c, "cust.dev.title"));
    dev_subtabs(c, "prereg");
    return pc_render(c, "customers/dev_list.cs");
}

/* ---- pre-register ---- */

static const char *const yes_no[] = {"yes", "no", NULL};

/* 9.2.2.1: letters, digits, "_", "-", "." and "@" only, on top of the e-mail shape */
static const char *dev_valid_email(const pc_field *f, const char *in, pc_value *out)
{
    const char *why = pc_valid_email(f, in, out);
    if (!why && strspn(in, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.@") !=
                    strlen(in))
        why = "cust.dev.err.email_chars";
    return why;
}

static const pc_field prereg_fields[] = {
    {"full_name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    {"email", dev_valid_email, 0, 0, PC_FIELD_REQUIRED, NULL},
    {"mobile", pc_valid_phone, 0, 0, 0, NULL},
    {"send_invite", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, yes_no},
    {"remarks", pc_valid_text, 0, 200, 0, NULL},
    {"review", pc_valid_enum, 0, 0, 0, yes_no},
    {"review_spend", pc_valid_text, 0, 1000, 0, NULL},
    {"review_process", pc_valid_text, 0, 2000, 0, NULL},
};
enum { PR_NAME, PR_EMAIL, PR_MOBILE, PR_SEND, PR_REMARKS, PR_REVIEW, PR_SPEND, PR_PROCESS, PR__N };

static int new_form(pc_ctx *c)
{
    if (!hdf_get_obj(c->hdf, "Form.send_invite"))
        pc_set(c, "Form.send_invite.value", "no");
    pc_set(c, "Page.title", pc_t(c, "cust.dev.new.title"));
    dev_subtabs(c, "prereg");
    return pc_render(c, "customers/dev_new.cs");
}

typedef struct prereg_job {
    pc_ctx *c;
    pc_value *v;
    const char *email;       /* lower case */
    const char *field, *why; /* refusal: field and language key */
    char reasons[64];        /* manual-review reasons found */
    int64_t id;
    int invited;
} prereg_job;

struct customer_facts {
    int64_t partner_id, old, cash;
    char site[8];
    int found;
};

static int customer_facts(void *arg, const pc_row *r)
{
    struct customer_facts *f = arg;
    f->found = 1;
    f->partner_id = pc_row_i64(r, 0);
    snprintf(f->site, sizeof f->site, "%s", pc_row_str(r, 1));
    f->old = pc_row_i64(r, 2);
    f->cash = pc_row_i64(r, 3);
    return 1;
}

static int refuse(prereg_job *j, const char *field, const char *why)
{
    j->field = field, j->why = why;
    return 1;
}

/* The hard rejections of 9.2.2.1 our data can check, then the manual-review reasons. */
static int check_customer(prereg_job *j)
{
    int64_t pid = j->c->user.partner_id, other = 0;
    struct customer_facts f = {0};
    other = pc_db_int(&dev_sql, ST_LIVE_BY_EMAIL, PC_BINDS(PC_STR(j->email)), 0);
    if (other < 0)
        return -1;
    if (other > 0)
        return refuse(j, "email",
                      other == pid ? "cust.dev.err.already_prereg" : "cust.dev.err.other_prereg");
    if (pc_db_query(&dev_sql, ST_CUSTOMER_BY_EMAIL, PC_BINDS(PC_STR(j->email)), customer_facts,
                    &f) < 0)
        return -1;
    if (f.found && f.partner_id == pid)
        return refuse(j, "email", "cust.dev.err.own_customer");
    if (f.found && f.partner_id)
        return refuse(j, "email", "cust.dev.err.other_associated");
    if (f.found && strcmp(f.site, "cn") == 0)
        return refuse(j, "email", "cust.dev.err.cn_site");
    snprintf(j->reasons, sizeof j->reasons, "%s%s%s", f.old ? "reg_over_7_days" : "",
             f.old && f.cash ? "," : "", f.cash ? "cash_spend" : "");
    return 0;
}

static int prereg_tx(void *arg)
{
    prereg_job *j = arg;
    pc_ctx *c = j->c;
    pc_value *v = j->v;
    j->reasons[0] = '\0', j->field = j->why = NULL, j->invited = 0;
    if (pc_db_query(&dev_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(c->user.partner_id)), NULL, NULL) !=
        1)
        return -1;
    int rc = check_customer(j);
    if (rc)
        return rc;
    int review = v[PR_REVIEW].present && strcmp(v[PR_REVIEW].s, "yes") == 0;
    if (j->reasons[0] && !review)
        return refuse(j, "form", "cust.dev.err.needs_review"); /* the page offers the review form */
    int64_t live = pc_db_int(&dev_sql, ST_LIVE_COUNT, PC_BINDS(PC_I64(c->user.partner_id)), -1);
    if (live < 0)
        return -1;
    if (live >= LIVE_LIMIT)
        return refuse(j, "form", "cust.dev.err.limit");
    const char *status = j->reasons[0] ? "UNDER_REVIEW" : "PREREGISTERED";
    int send = strcmp(v[PR_SEND].s, "yes") == 0;
    if (pc_db_exec(&dev_sql, ST_INSERT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_STR(v[PR_NAME].s), PC_STR(j->email),
                            PC_STR(v[PR_MOBILE].s), PC_I64(send), PC_STR(status),
                            PC_STR(j->reasons), PC_STR(j->reasons[0] ? v[PR_SPEND].s : ""),
                            PC_STR(j->reasons[0] ? v[PR_PROCESS].s : ""),
                            PC_I64(dev_own_manager(c)), PC_I64(c->user.id),
                            PC_STR(v[PR_REMARKS].s)),
                   &j->id) != 1)
        return pc_db_errno() == 1062 ? refuse(j, "email", "cust.dev.err.other_prereg") : -1;
    pc_audit_ctx(c, "customer.preregister", "preregistration", j->id, "ok",
                 pc_arena_printf(&c->arena, "status=%s reasons=%s", status, j->reasons));
    if (send && !j->reasons[0]) {
        const char *why;
        rc = dev_invite_tx(c, j->id, &why);
        if (rc)
            return rc < 0 ? -1 : refuse(j, "form", why);
        j->invited = 1;
    }
    return 0;
}

/* The manual-review reasons as text for the dialog. */
static void show_reasons(pc_ctx *c, const char *reasons)
{
    int i = 0;
    char *copy = pc_arena_strdup(&c->arena, reasons), *save = NULL;
    for (char *r = strtok_r(copy, ",", &save); r; r = strtok_r(NULL, ",", &save), i++)
        pc_set(c, pc_arena_printf(&c->arena, "Review.reasons.%d", i),
               pc_t(c, pc_arena_printf(&c->arena, "cust.dev.reason.%s", r)));
}

static int prereg_submit(pc_ctx *c)
{
    pc_value v[PR__N];
    if (pc_form(c, prereg_fields, PR__N, v)) {
        c->status = 400;
        return new_form(c);
    }
    char *email = pc_arena_strdup(&c->arena, v[PR_EMAIL].s);
    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    prereg_job j = {.c = c, .v = v, .email = email};
    int rc = pc_db_tx(prereg_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        if (strcmp(j.why, "cust.dev.err.needs_review") == 0) {
            pc_set(c, "Review.open", "1");
            show_reasons(c, j.reasons);
        } else {
            pc_form_error(c, j.field, j.why);
        }
        c->status = 409;
        return new_form(c);
    }
    const char *msg = j.reasons[0] ? "dev_review"
                      : j.invited  ? "dev_preregistered_invited"
                                   : "dev_preregistered";
    return pc_redirect(c, pc_arena_printf(&c->arena, "/customers/development?msg=%s", msg));
}

/* ---- delete ---- */

typedef struct delete_job {
    pc_ctx *c;
    int64_t ids[DEV_MAX_BATCH];
    int n, missing;
    const char *why;
} delete_job;

static int status_row(void *arg, const pc_row *r)
{
    snprintf(arg, 24, "%s", pc_row_str(r, 0));
    return 1;
}

static int delete_tx(void *arg)
{
    delete_job *j = arg;
    pc_scope s;
    pc_authz_scope(&j->c->user, &s);
    for (int i = 0; i < j->n; i++) {
        char status[24] = "";
        int n =
            pc_db_query(&dev_sql, ST_LOCK_ONE,
                        PC_BINDS(PC_I64(j->ids[i]), DEV_SCOPE_BINDS(j->c, s)), status_row, status);
        if (n < 0)
            return -1;
        if (n == 0 || strcmp(status, "DELETED") == 0) {
            j->missing = 1, j->why = "cust.dev.err.unknown";
            return 1;
        }
        /* under review and associated ones stay (9.2.2.1) */
        if (strcmp(status, "UNDER_REVIEW") == 0 || strcmp(status, "ASSOCIATED") == 0) {
            j->why = "cust.dev.err.cannot_delete";
            return 1;
        }
        if (pc_db_exec(&dev_sql, ST_DELETE, PC_BINDS(PC_I64(j->ids[i])), NULL) != 1)
            return -1;
        pc_audit_ctx(j->c, "customer.preregistration.delete", "preregistration", j->ids[i], "ok",
                     status);
    }
    return 0;
}

static int run_delete(pc_ctx *c, delete_job *j)
{
    int rc = pc_db_tx(delete_tx, j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return j->missing ? pc_error(c, 404) : dev_refused(c, 409, j->why, list_page);
    return pc_redirect(c, "/customers/development?msg=dev_deleted");
}

static int delete_one(pc_ctx *c)
{
    delete_job j = {.c = c, .n = 1};
    j.ids[0] = c->path_id[0];
    if (pc_confirm_first(c, "dlg.dev.title", "dlg.dev.text", "", "cust.dev.delete",
                         "/customers/development"))
        return c->status ? c->status : 200;
    return run_delete(c, &j);
}

/* "N selected" in the page's language (dlg.selected holds the place of the number as {n}). */
static const char *selected_text(pc_ctx *c, int n)
{
    const char *pattern = pc_t(c, "dlg.selected");
    const char *at = strstr(pattern, "{n}");
    if (!at)
        return pc_arena_printf(&c->arena, "%d", n);
    return pc_arena_printf(&c->arena, "%.*s%d%s", (int)(at - pattern), pattern, n, at + 3);
}

static int delete_batch(pc_ctx *c)
{
    delete_job j = {.c = c};
    j.n = dev_read_ids(c, j.ids);
    if (j.n < 0)
        return dev_refused(c, 400, "dlg.must_select", list_page);
    if (pc_confirm_first(c, "dlg.dev.title", "dlg.dev.text", selected_text(c, j.n),
                         "cust.dev.batch_delete", "/customers/development"))
        return c->status ? c->status : 200;
    return run_delete(c, &j);
}

/* ---- invite (single and batch) ---- */

typedef struct invite_job {
    pc_ctx *c;
    int64_t ids[DEV_MAX_BATCH];
    int n;
    const char *why;
} invite_job;

static int invite_tx(void *arg)
{
    invite_job *j = arg;
    for (int i = 0; i < j->n; i++) {
        int rc = dev_invite_tx(j->c, j->ids[i], &j->why);
        if (rc)
            return rc;
    }
    return 0;
}

static int run_invite(pc_ctx *c, invite_job *j, const char *back)
{
    int rc = pc_db_tx(invite_tx, j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return strcmp(j->why, "cust.dev.err.unknown") == 0 ? pc_error(c, 404)
                                                           : dev_refused(c, 409, j->why, list_page);
    return pc_redirect(c, back);
}

static int invite_one(pc_ctx *c)
{
    invite_job j = {.c = c, .n = 1};
    j.ids[0] = c->path_id[0];
    return run_invite(c, &j, "/customers/development?msg=dev_invited");
}

static int invite_batch(pc_ctx *c)
{
    invite_job j = {.c = c};
    j.n = dev_read_ids(c, j.ids);
    if (j.n < 0)
        return dev_refused(c, 400, "dlg.must_select", list_page);
    return run_invite(c, &j, "/customers/development?msg=dev_invited");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/development", PC_PERM_CUSTOMER_DEVELOP, list_page, 0),
    PC_ROUTE("GET", "/customers/development/new", PC_PERM_CUSTOMER_DEVELOP, new_form, 0),
    PC_ROUTE("POST", "/customers/development/new", PC_PERM_CUSTOMER_DEVELOP, prereg_submit, 0),
    PC_ROUTE("POST", "/customers/development/{id}/delete", PC_PERM_CUSTOMER_DEVELOP, delete_one, 0),
    PC_ROUTE("POST", "/customers/development/delete", PC_PERM_CUSTOMER_DEVELOP, delete_batch, 0),
    PC_ROUTE("POST", "/customers/development/{id}/invite", PC_PERM_CUSTOMER_DEVELOP, invite_one, 0),
    PC_ROUTE("POST", "/customers/development/invite", PC_PERM_CUSTOMER_DEVELOP, invite_batch, 0),
};
CUST_ROUTES(cust_dev_routes, routes);
