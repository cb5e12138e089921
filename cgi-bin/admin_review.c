/*
 * Admin > Pre-registration Review (9.2.2.1): the vendor reviews the
 * pre-registrations partners sent to manual review (SLA: 2 working days).
 * Approving starts the 15-day validity at the decision; rejecting needs a
 * reason.  The partner member who submitted it is told by e-mail.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/mail.h"
#include "base/view.h"

#define REVIEW_WORKING_DAYS 2

enum stmt { ST_QUEUE, ST_DECIDED, ST_EXISTS, ST_APPROVE, ST_REJECT, ST_SUBMITTER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_QUEUE] =
        "SELECT r.id, r.full_name, r.email, r.mobile, r.review_reasons, r.review_spend, "
        "r.review_process, "
        "r.preregistered_at AS submitted_at, p.name AS partner, p.account_name AS partner_account "
        "FROM preregistrations r JOIN partners p ON p.id = r.partner_id "
        "WHERE r.status = 'UNDER_REVIEW' ORDER BY r.preregistered_at, r.id LIMIT 200",
    [ST_DECIDED] =
        "SELECT r.id, r.full_name, r.email, r.status, r.review_comment, r.reviewed_at, p.name AS "
        "partner "
        "FROM preregistrations r JOIN partners p ON p.id = r.partner_id "
        "WHERE r.reviewed_at IS NOT NULL ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 20",
    [ST_EXISTS] = "SELECT COUNT(*) FROM preregistrations WHERE id = ?",
    [ST_APPROVE] =
        "UPDATE preregistrations SET status = 'PREREGISTERED', preregistered_at = UTC_TIMESTAMP(), "
        "expires_at = UTC_TIMESTAMP() + INTERVAL 15 DAY, reviewed_by = ?, reviewed_at = "
        "UTC_TIMESTAMP(), "
        "review_comment = ? WHERE id = ? AND status = 'UNDER_REVIEW'",
    [ST_REJECT] = "UPDATE preregistrations SET status = 'REVIEW_REJECTED', reviewed_by = ?, "
                  "reviewed_at = UTC_TIMESTAMP(), review_comment = ? WHERE id = ? AND status = "
                  "'UNDER_REVIEW'",
    /* the member who submitted it, in its language */
    [ST_SUBMITTER] = "SELECT u.email, u.lang, r.full_name, r.email FROM preregistrations r "
                     "JOIN users u ON u.id = r.created_by WHERE r.id = ?",
};
PC_SQL_TABLE(review_sql, sql);

static const pc_field decision_fields[] = {
    {"comment", pc_valid_text, 0, 500, 0, NULL},
};

/* Submission time + REVIEW_WORKING_DAYS working days (Monday to Friday), as "YYYY-MM-DD HH:MM:SS"
 * UTC. */
static void due_date(const char *submitted, char out[20])
{
    time_t t;
    out[0] = '\0';
    if (pc_clock_parse(submitted, &t))
        return;
    for (int added = 0; added < REVIEW_WORKING_DAYS;) {
        t += 86400;
        struct tm d;
        gmtime_r(&t, &d);
        added += d.tm_wday != 0 && d.tm_wday != 6;
    }
    pc_clock_text(t, out);
}

/* The manual-review reasons ("reg_over_7_days,cash_spend") as the partner saw them. */
static const char *reasons_text(pc_ctx *c, const char *reasons)
{
    char *copy = pc_arena_strdup(&c->arena, reasons), *save = NULL, *out = "";
    for (char *r = strtok_r(copy, ",", &save); r; r = strtok_r(NULL, ",", &save))
        out = pc_arena_printf(&c->arena, "%s%s%s", out, *out ? " " : "",
                              pc_t(c, pc_arena_printf(&c->arena, "cust.dev.reason.%s", r)));
    return out;
}

/* Local times, the due date and whether it passed, and the reasons, for each queued row. */
static void decorate_queue(pc_ctx *c)
{
    char when[64], due[20], now[20];
    pc_clock_now_text(now);
    for (HDF *h = hdf_get_child(c->hdf, "Queue"); h; h = hdf_obj_next(h)) {
        due_date(hdf_get_value(h, "submitted_at", ""), due);
        NEOERR *e = hdf_set_value(
            h, "submitted",
            pc_view_datetime(hdf_get_value(h, "submitted_at", ""), when, sizeof when));
        if (e == STATUS_OK)
            e = hdf_set_value(h, "due", pc_view_datetime(due, when, sizeof when));
        if (e == STATUS_OK && strcmp(due, now) < 0)
            e = hdf_set_value(h, "overdue", "1");
        if (e == STATUS_OK)
            e = hdf_set_value(h, "reasons_text",
                              reasons_text(c, hdf_get_value(h, "review_reasons", "")));
        nerr_ignore(&e);
    }
    for (HDF *h = hdf_get_child(c->hdf, "Decided"); h; h = hdf_obj_next(h))
        pc_view_hdf_datetime(h, "reviewed_at", "decided");
}

static int queue_page(pc_ctx *c)
{
    if (pc_db_hdf(&review_sql, ST_QUEUE, PC_NOBINDS, c->hdf, "Queue") < 0 ||
        pc_db_hdf(&review_sql, ST_DECIDED, PC_NOBINDS, c->hdf, "Decided") < 0)
        return pc_error(c, 500);
    decorate_queue(c);
    pc_set(c, "Page.title", pc_t(c, "admin.review.title"));
    admin_tabs(c, "review");
    return pc_render(c, "admin/review.cs");
}

typedef struct decision {
    pc_ctx *c;
    int64_t id;
    int approve;
    const char *comment;
} decision;

struct submitter {
    char email[256], lang[8], name[128], customer_email[256];
};

static int submitter_row(void *arg, const pc_row *r)
{
    struct submitter *s = arg;
    snprintf(s->email, sizeof s->email, "%s", pc_row_str(r, 0));
    snprintf(s->lang, sizeof s->lang, "%s", pc_row_str(r, 1));
    snprintf(s->name, sizeof s->name, "%s", pc_row_str(r, 2));
    snprintf(s->customer_email, sizeof s->customer_email, "%s", pc_row_str(r, 3));
    return 1;
}

/* Tell the member who submitted it, in its language, through the outbox (same transaction). */
static int mail_submitter(decision *d)
{
    struct submitter s = {"", "", "", ""};
    if (pc_db_query(&review_sql, ST_SUBMITTER, PC_BINDS(PC_I64(d->id)), submitter_row, &s) != 1)
        return -1;
    if (!*s.email)
        return 0;
    const char *lang = pc_view_lang(s.lang);
    const char *kind = d->approve ? "approved" : "rejected";
    const char *subject = pc_arena_printf(
        &d->c->arena,
        pc_view_t(lang, pc_arena_printf(&d->c->arena, "admin.review.mail.%s_subject", kind)),
        s.name);
    const char *body = pc_arena_printf(
        &d->c->arena,
        pc_view_t(lang, pc_arena_printf(&d->c->arena, "admin.review.mail.%s_body", kind)), s.name,
        s.customer_email, d->comment);
    return pc_mail_queue(s.email, subject, body);
}

/* 0 decided, 1 not under review any more, -1 database error. */
static int decide_tx(void *arg)
{
    decision *d = arg;
    /* the status condition of the UPDATE makes a second decision a no-op */
    int64_t n =
        pc_db_exec(&review_sql, d->approve ? ST_APPROVE : ST_REJECT,
                   PC_BINDS(PC_I64(d->c->user.id), PC_STR(d->comment), PC_I64(d->id)), NULL);
    if (n < 0)
        return -1;
    if (n == 0)
        return 1;
    pc_audit_ctx(d->c, d->approve ? "preregistration.approve" : "preregistration.reject",
                 "preregistration", d->id, "ok", d->comment);
    return mail_submitter(d) < 0 ? -1 : 0;
}

static int decide(pc_ctx *c, int approve)
{
    pc_value v[1];
    decision d = {c, c->path_id[0], approve, ""};
    int64_t found = pc_db_int(&review_sql, ST_EXISTS, PC_BINDS(PC_I64(d.id)), 0);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    int bad = pc_form(c, decision_fields, 1, v);
    if (!bad && !approve && !*v[0].s) {
        pc_form_error(c, "comment", "admin.review.reason_required");
        bad = 1;
    }
    if (bad) {
        c->status = 400;
        return queue_page(c);
    }
    d.comment = v[0].s;
    int rc = pc_db_tx(decide_tx, &d);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return pc_error_say(c, 409, "admin.review.title", "admin.review.already_decided");
    return pc_redirect(c, approve ? "/admin/preregistrations?msg=prereg_approved"
                                  : "/admin/preregistrations?msg=prereg_rejected");
}

static int approve(pc_ctx *c)
{
    return decide(c, 1);
}

static int reject(pc_ctx *c)
{
    return decide(c, 0);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/preregistrations", PC_GUARD_OPERATOR, queue_page, 0),
    PC_ROUTE("POST", "/admin/preregistrations/{id}/approve", PC_GUARD_OPERATOR, approve, 0),
    PC_ROUTE("POST", "/admin/preregistrations/{id}/reject", PC_GUARD_OPERATOR, reject, 0),
};
PC_ROUTE_TABLE(admin_review_routes, routes);
