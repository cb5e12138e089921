/*
 * /admin/remittance-claims — the vendor operator reviews the partners'
 * remittance claims (ch09 §9.4.2.3): approving credits the amount through
 * lib/payment (the selected bills first, each at most what it still owes,
 * the rest as top-up balance; keys claim:<id>:…), rejecting needs a reason
 * the partner sees.  Each decision is one transaction with its audit event;
 * a claim decided before is a 409.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "access/audit.h"
#include "billing/claim_rate.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"
#include "billing/payment.h"
#include "base/view.h"

enum stmt {
    ST_CLAIMS,
    ST_BILLS,
    ST_LOCK,
    ST_CLAIM_BILLS,
    ST_DECIDE,
    ST_FILE,
    ST_WAITING,
    ST_ENTRY_LOCK,
    ST_ENTRY_CLAIM,
    ST_CONVERTED,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_CLAIMS] =
        "SELECT k.id, p.name AS partner, k.amount, k.currency, k.transfer_date, k.sender, "
        "k.sender_account, k.status, k.review_comment, k.submitted_at, k.attachment_name, "
        "k.amount_usd, k.rate FROM remittance_claims k JOIN partners p ON p.id = k.partner_id "
        "ORDER BY k.status = 'PENDING_REVIEW' DESC, k.id DESC LIMIT 100",
    [ST_BILLS] = "SELECT cb.claim_id, b.billing_cycle, cb.amount FROM remittance_claim_bills cb "
                 "JOIN partner_bills b ON b.id = cb.bill_id ORDER BY cb.claim_id, b.billing_cycle",
    [ST_LOCK] = "SELECT partner_id, amount, status, currency FROM remittance_claims WHERE id = ? "
                "FOR UPDATE",
    [ST_CONVERTED] = "UPDATE remittance_claims SET amount_usd = ?, rate = ? WHERE id = ?",
    [ST_CLAIM_BILLS] = "SELECT cb.bill_id, LEAST(cb.amount, b.amount_due - b.amount_paid) "
                       "FROM remittance_claim_bills cb JOIN partner_bills b ON b.id = cb.bill_id "
                       "WHERE cb.claim_id = ? ORDER BY b.billing_cycle, b.id",
    [ST_DECIDE] = "UPDATE remittance_claims SET status = ?, review_comment = ?, reviewed_by = ?, "
                  "reviewed_at = ?, payment_id = NULLIF(?, 0), bank_entry_id = NULLIF(?, 0) "
                  "WHERE id = ? "
                  "AND status = 'PENDING_REVIEW'",
    [ST_FILE] = "SELECT attachment_type, attachment FROM remittance_claims WHERE id = ?",
    [ST_WAITING] = "SELECT id, entry_ref, amount, currency, booking_date FROM bank_entries "
                   "WHERE status = 'waiting' ORDER BY id DESC LIMIT 200",
    [ST_ENTRY_LOCK] = "SELECT amount, currency, status FROM bank_entries WHERE id = ? FOR UPDATE",
    [ST_ENTRY_CLAIM] = "UPDATE bank_entries SET status = 'claimed', payment_id = NULLIF(?, 0) "
                       "WHERE id = ? AND status = 'waiting'",
};
PC_SQL_TABLE(remit_admin_sql, sql);

static int render(pc_ctx *c)
{
    if (pc_db_hdf(&remit_admin_sql, ST_CLAIMS, PC_NOBINDS, c->hdf, "Claims") < 0 ||
        pc_db_hdf(&remit_admin_sql, ST_BILLS, PC_NOBINDS, c->hdf, "ClaimBills") < 0 ||
        pc_db_hdf(&remit_admin_sql, ST_WAITING, PC_NOBINDS, c->hdf, "Waiting") < 0)
        return pc_error(c, 500);
    for (HDF *h = hdf_get_child(c->hdf, "Waiting"); h; h = hdf_obj_next(h))
        pc_view_hdf_money(h, "amount", 2);
    for (HDF *h = hdf_get_child(c->hdf, "Claims"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        if (*hdf_get_value(h, "amount_usd", ""))
            pc_view_hdf_money(h, "amount_usd", 2);
        pc_view_hdf_datetime(h, "submitted_at", "submitted_at");
    }
    for (HDF *h = hdf_get_child(c->hdf, "ClaimBills"); h; h = hdf_obj_next(h))
        pc_view_hdf_money(h, "amount", 2);
    pc_set(c, "Page.title", pc_t(c, "remit.admin.title"));
    admin_tabs(c, "claims");
    return pc_render(c, "admin/remit.cs");
}

static int claims_page(pc_ctx *c)
{
    return render(c);
}

typedef struct claim {
    int64_t partner, amount; /* amount in currency */
    char status[16], currency[4];
    int found;
} claim;

static int claim_row(void *arg, const pc_row *r)
{
    claim *k = arg;
    k->partner = pc_row_i64(r, 0);
    k->amount = pc_row_i64(r, 1);
    snprintf(k->status, sizeof k->status, "%s", pc_row_str(r, 2));
    snprintf(k->currency, sizeof k->currency, "%s", pc_row_str(r, 3));
    k->found = 1;
    return 0;
}

#define MAX_BILLS 24
typedef struct decide_arg {
    pc_ctx *c;
    int64_t id;
    int approve;
    const char *comment, *now;
    int64_t entry; /* the waiting bank credit it is, 0: none given */
    size_t n;
    int64_t bill[MAX_BILLS], apply[MAX_BILLS];
} decide_arg;

enum { CLAIM_NOT_FOUND = 1, CLAIM_DECIDED = 2, ENTRY_TAKEN = 3, ENTRY_AMOUNT = 4, NO_RATE = 5 };

static int bill_row(void *arg, const pc_row *r)
{
    decide_arg *x = arg;
    if (x->n >= MAX_BILLS)
        return 1;
    x->bill[x->n] = pc_row_i64(r, 0);
    x->apply[x->n++] = pc_row_i64(r, 1);
    return 0;
}

/* Credit an approved claim: its bills first (at most what each still owes), the rest top-up;
 * a claim in another currency converted to USD first (lib/claim_rate: the first bill's rate). */
static int credit(decide_arg *x, const claim *k, int64_t *last_payment)
{
    int64_t left = 0;
    char rate[24];
    x->n = 0;
    if (pc_db_query(&remit_admin_sql, ST_CLAIM_BILLS, PC_BINDS(PC_I64(x->id)), bill_row, x) < 0)
        return -1;
    int rc = pc_claim_usd(k->currency, k->amount, x->n ? x->bill[0] : 0, &left, rate);
    if (rc)
        return rc < 0 ? -1 : NO_RATE;
    if (pc_db_exec(&remit_admin_sql, ST_CONVERTED,
                   PC_BINDS(PC_I64(left), PC_STR(rate), PC_I64(x->id)), NULL) < 0)
        return -1; /* 0 rows for a USD claim: its values were set at submission */
    for (size_t i = 0; i < x->n && left > 0; i++) {
        int64_t amount = x->apply[i] < left ? x->apply[i] : left;
        if (amount <= 0)
            continue;
        pc_pay p = {.idem_key = pc_arena_printf(&x->c->arena, "claim:%lld:bill:%lld",
                                                (long long)x->id, (long long)x->bill[i]),
                    .method = "REMITTANCE_CLAIM",
                    .source = PC_SRC_EXTERNAL,
                    .partner_id = k->partner,
                    .bill_id = x->bill[i],
                    .amount = amount,
                    .user_id = x->c->user.id,
                    .memo = "remittance claim",
                    .now = x->now};
        rc = pc_payment_pay(&p);
        if (rc && rc != PC_PAY_DONE)
            return -1;
        left -= amount;
        *last_payment = p.payment_id;
    }
    if (left > 0) {
        pc_pay p = {.idem_key = pc_arena_printf(&x->c->arena, "claim:%lld:rest", (long long)x->id),
                    .method = "REMITTANCE_CLAIM",
                    .partner_id = k->partner,
                    .amount = left,
                    .user_id = x->c->user.id,
                    .memo = "remittance claim",
                    .now = x->now};
        rc = pc_payment_top_up(&p);
        if (rc && rc != PC_PAY_DONE)
            return -1;
        *last_payment = p.payment_id;
    }
    return 0;
}

typedef struct entry_row {
    int64_t amount;
    char currency[4], status[12];
    int found;
} entry_row;

static int entry_fetch(void *arg, const pc_row *r)
{
    entry_row *e = arg;
    e->amount = pc_row_i64(r, 0);
    snprintf(e->currency, sizeof e->currency, "%s", pc_row_str(r, 1));
    snprintf(e->status, sizeof e->status, "%s", pc_row_str(r, 2));
    e->found = 1;
    return 0;
}

/* The bank credit the claim is: still waiting, in the claim's currency and of its amount. */
static int entry_check(decide_arg *x, const claim *k)
{
    entry_row e = {0};
    if (pc_db_query(&remit_admin_sql, ST_ENTRY_LOCK, PC_BINDS(PC_I64(x->entry)), entry_fetch, &e) <
        0)
        return -1;
    if (!e.found || strcmp(e.status, "waiting") != 0)
        return ENTRY_TAKEN;
    if (strcmp(e.currency, k->currency) != 0 || e.amount != k->amount)
        return ENTRY_AMOUNT;
    return 0;
}

static int decide_tx(void *arg)
{
    decide_arg *x = arg;
    claim k = {0};
    int64_t payment = 0;
    if (pc_db_query(&remit_admin_sql, ST_LOCK, PC_BINDS(PC_I64(x->id)), claim_row, &k) < 0)
        return -1;
    if (!k.found)
        return CLAIM_NOT_FOUND;
    if (strcmp(k.status, "PENDING_REVIEW") != 0)
        return CLAIM_DECIDED;
    if (x->entry) {
        int bad = entry_check(x, &k);
        if (bad)
            return bad;
    }
    int rc = x->approve ? credit(x, &k, &payment) : 0;
    if (rc)
        return rc;
    if (x->entry && pc_db_exec(&remit_admin_sql, ST_ENTRY_CLAIM,
                               PC_BINDS(PC_I64(payment), PC_I64(x->entry)), NULL) != 1)
        return -1;
    if (pc_db_exec(&remit_admin_sql, ST_DECIDE,
                   PC_BINDS(PC_STR(x->approve ? "APPROVED" : "REJECTED"), PC_STR(x->comment),
                            PC_I64(x->c->user.id), PC_STR(x->now), PC_I64(payment),
                            PC_I64(x->entry), PC_I64(x->id)),
                   NULL) != 1)
        return -1;
    pc_audit(&(pc_audit_event){.actor_user_id = x->c->user.id,
                               .partner_id = k.partner,
                               .action = x->approve ? "remittance.approve" : "remittance.reject",
                               .object_type = "remittance_claim",
                               .object_id = x->id,
                               .ip = x->c->remote_addr,
                               .result = "ok",
                               .detail = x->comment});
    return 0;
}

static int decide(pc_ctx *c, int approve)
{
    static const pc_field reason = {"comment", pc_valid_text, 1, 500, PC_FIELD_REQUIRED, NULL};
    char now[20];
    const char *comment = "";
    if (!approve) {
        pc_value v;
        if (pc_form(c, &reason, 1, &v)) {
            c->status = 400;
            pc_set_int(c, "Page.reject_id", c->path_id[0]);
            return render(c);
        }
        comment = v.s;
    }
    int64_t entry = 0;
    const char *in = approve ? pc_params_get(&c->form, "bank_entry_id") : NULL;
    if (in && *in) {
        static const pc_field f = {"bank_entry_id", pc_valid_id, 0, 0, 0, NULL};
        pc_value v;
        if (pc_valid_id(&f, in, &v))
            return pc_error(c, 400);
        entry = v.i;
    }
    pc_clock_now_text(now);
    decide_arg x = {c, c->path_id[0], approve, comment, now, entry, 0, {0}, {0}};
    int rc = pc_db_tx(decide_tx, &x);
    if (rc == ENTRY_AMOUNT) {
        pc_form_error(c, "form", "remit.err.entry_amount");
        c->status = 400;
        return render(c);
    }
    if (rc == NO_RATE) {
        pc_form_error(c, "form", "remit.err.no_rate");
        c->status = 400;
        return render(c);
    }
    if (rc == ENTRY_TAKEN)
        return pc_error_say(c, 409, "remit.err.entry_taken_title", "remit.err.entry_taken");
    if (rc == CLAIM_NOT_FOUND)
        return pc_error(c, 404);
    if (rc == CLAIM_DECIDED)
        return pc_error_say(c, 409, "remit.err.decided_title", "remit.err.decided");
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, approve ? "/admin/remittance-claims?msg=claim_approved"
                                  : "/admin/remittance-claims?msg=claim_rejected");
}

/* POST /admin/remittance-claims/{id}/approve */
static int approve(pc_ctx *c)
{
    return decide(c, 1);
}

/* POST /admin/remittance-claims/{id}/reject (comment: the reason the partner sees) */
static int reject(pc_ctx *c)
{
    return decide(c, 0);
}

typedef struct file_arg {
    pc_ctx *c;
    int found;
} file_arg;

static int file_row(void *arg, const pc_row *r)
{
    file_arg *x = arg;
    pc_ctx *c = x->c;
    x->found = 1;
    pc_send_bytes(
        c, "application/octet-stream",
        pc_arena_printf(&c->arena, "claim-%lld.%s", (long long)c->path_id[0], pc_row_str(r, 0)),
        r->v[1], r->v[1] ? r->len[1] : 0);
    return 0;
}

/* GET /admin/remittance-claims/{id}/attachment */
static int claim_file(pc_ctx *c)
{
    file_arg x = {c, 0};
    if (pc_db_query(&remit_admin_sql, ST_FILE, PC_BINDS(PC_I64(c->path_id[0])), file_row, &x) < 0)
        return pc_error(c, 500);
    return x.found ? 200 : pc_error(c, 404);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/remittance-claims", PC_GUARD_OPERATOR, claims_page, 0),
    PC_ROUTE("POST", "/admin/remittance-claims/{id}/approve", PC_GUARD_OPERATOR, approve, 0),
    PC_ROUTE("POST", "/admin/remittance-claims/{id}/reject", PC_GUARD_OPERATOR, reject, 0),
    PC_ROUTE("GET", "/admin/remittance-claims/{id}/attachment", PC_GUARD_OPERATOR, claim_file, 0),
};
PC_ROUTE_TABLE(admin_remit_routes, routes);
