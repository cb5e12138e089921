/*
 * Funds > Remittance Claim (ch09 §9.4.2.3): the partner claims a transfer it
 * made without a bill reference — amount, currency, transfer date, sender,
 * sender account, the bills to apply it to and how much each, one
 * attachment — and sees every transfer's status: claims pending, approved
 * (applied to which bills) or rejected with the reason, and bank transfers
 * matched to a bill by its RF reference.  Submitting needs the Admin role;
 * the claim waits in PENDING_REVIEW for the vendor operator
 * (cgi-bin/admin_remit.c).  A refused form changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "billing/claim_rate.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/keep.h"
#include "finance.h"
#include "finance_remit.h"
#include "base/money.h"
#include "base/view.h"

enum stmt {
    ST_CLAIMS,
    ST_CLAIM_BILLS,
    ST_BILLS,
    ST_OUTSTANDING,
    ST_INSERT,
    ST_INSERT_BILL,
    ST_MATCHED,
    ST_FILE,
    ST_CURRENCIES,
    ST_CYCLE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_CLAIMS] = "SELECT id, amount, currency, transfer_date, sender, status, review_comment, "
                  "submitted_at, attachment_name, amount_usd FROM remittance_claims "
                  "WHERE partner_id = ? ORDER BY id DESC LIMIT 100",
    /* a claim may be in USD or in any currency the vendor has exchange rates of */
    [ST_CURRENCIES] = "SELECT 'USD' AS code UNION SELECT DISTINCT currency FROM exchange_rates "
                      "ORDER BY code = 'USD' DESC, code",
    [ST_CLAIM_BILLS] =
        "SELECT cb.claim_id, b.billing_cycle, cb.amount FROM remittance_claim_bills cb "
        "JOIN remittance_claims k ON k.id = cb.claim_id "
        "JOIN partner_bills b ON b.id = cb.bill_id WHERE k.partner_id = ? "
        "ORDER BY cb.claim_id, b.billing_cycle",
    [ST_BILLS] =
        "SELECT id, billing_cycle, amount_due - amount_paid AS outstanding FROM partner_bills "
        "WHERE partner_id = ? AND amount_due > amount_paid ORDER BY billing_cycle",
    [ST_CYCLE] = "SELECT billing_cycle * 1000000000 + id FROM partner_bills WHERE id = ?",
    [ST_OUTSTANDING] = "SELECT amount_due - amount_paid FROM partner_bills WHERE id = ? "
                       "AND partner_id = ?",
    /* amount_usd and rate: known now for USD, at the operator's approval for other currencies */
    [ST_INSERT] =
        "INSERT INTO remittance_claims (partner_id, amount, currency, amount_usd, rate, "
        "transfer_date, sender, sender_account, attachment_name, attachment_type, "
        "attachment, submitted_by, submitted_at) VALUES (?, ?, ?, IF(? = 'USD', ?, NULL), "
        "IF(? = 'USD', 1, NULL), ?, ?, ?, LEFT(?, 255), ?, ?, ?, ?)",
    [ST_INSERT_BILL] =
        "INSERT INTO remittance_claim_bills (claim_id, bill_id, amount) VALUES (?, ?, ?)",
    [ST_MATCHED] = "SELECT e.entry_ref, e.amount, e.booking_date, b.billing_cycle "
                   "FROM bank_entries e JOIN partner_bills b ON b.id = e.bill_id "
                   "WHERE b.partner_id = ? AND e.status = 'matched' ORDER BY e.id DESC LIMIT 100",
    [ST_FILE] = "SELECT attachment_name, attachment_type, attachment FROM remittance_claims "
                "WHERE id = ? AND partner_id = ?",
};
PC_SQL_TABLE(remit_sql, sql);

#define MAX_BILLS 24

static void cycle_at(HDF *h, const char *name)
{
    char out[8];
    NEOERR *e =
        hdf_set_value(h, name, pc_clock_cycle_format(atoi(hdf_get_value(h, name, "0")), out));
    nerr_ignore(&e);
}

int remit_load_tab(pc_ctx *c)
{
    int64_t p = c->user.partner_id;
    if (pc_db_hdf(&remit_sql, ST_CLAIMS, PC_BINDS(PC_I64(p)), c->hdf, "Claims") < 0 ||
        pc_db_hdf(&remit_sql, ST_CLAIM_BILLS, PC_BINDS(PC_I64(p)), c->hdf, "ClaimBills") < 0 ||
        pc_db_hdf(&remit_sql, ST_BILLS, PC_BINDS(PC_I64(p)), c->hdf, "OpenBills") < 0 ||
        pc_db_hdf(&remit_sql, ST_MATCHED, PC_BINDS(PC_I64(p)), c->hdf, "Matched") < 0 ||
        pc_db_hdf_kept(&remit_sql, ST_CURRENCIES, PC_NOBINDS, c->hdf, "Currencies") < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, "Claims"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        if (*hdf_get_value(h, "amount_usd", ""))
            pc_view_hdf_money(h, "amount_usd", 2);
        pc_view_hdf_datetime(h, "submitted_at", "submitted_at");
    }
    for (HDF *h = hdf_get_child(c->hdf, "ClaimBills"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        cycle_at(h, "billing_cycle");
    }
    for (HDF *h = hdf_get_child(c->hdf, "OpenBills"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "outstanding", 2);
        cycle_at(h, "billing_cycle");
    }
    for (HDF *h = hdf_get_child(c->hdf, "Matched"); h; h = hdf_obj_next(h)) {
        pc_view_hdf_money(h, "amount", 2);
        cycle_at(h, "billing_cycle");
    }
    return 0;
}

enum { F_AMOUNT, F_CURRENCY, F_DATE, F_SENDER, F_ACCOUNT, F__N };
static const pc_field fields[F__N] = {
    [F_AMOUNT] = {"amount", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_CURRENCY] = {"currency", pc_valid_text, 3, 3, PC_FIELD_REQUIRED, NULL}, /* see usd_value */
    [F_DATE] = {"transfer_date", pc_valid_date, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_SENDER] = {"sender", pc_valid_text, 1, 140, PC_FIELD_REQUIRED, NULL},
    [F_ACCOUNT] = {"sender_account", pc_valid_text, 0, 64, 0, NULL},
};

static int refuse(pc_ctx *c, const char *field, const char *key)
{
    if (field)
        pc_form_error(c, field, key);
    c->status = 400;
    if (funds_header(c, "remittance") || remit_load_tab(c))
        return pc_error(c, 500);
    return funds_render(c, "remittance");
}

typedef struct claim_arg {
    pc_ctx *c;
    pc_value *v;
    int64_t amount;
    int nbills;
    int64_t bill[MAX_BILLS], apply[MAX_BILLS];
    const pc_param *file;
    const char *type, *now;
    int64_t id;
} claim_arg;

static int claim_tx(void *arg)
{
    claim_arg *x = arg;
    pc_ctx *c = x->c;
    if (pc_db_exec(
            &remit_sql, ST_INSERT,
            PC_BINDS(PC_I64(c->user.partner_id), PC_I64(x->amount), PC_STR(x->v[F_CURRENCY].s),
                     PC_STR(x->v[F_CURRENCY].s), PC_I64(x->amount), PC_STR(x->v[F_CURRENCY].s),
                     PC_STR(x->v[F_DATE].s), PC_STR(x->v[F_SENDER].s), PC_STR(x->v[F_ACCOUNT].s),
                     PC_STR(x->file->filename), PC_STR(x->type),
                     PC_BLOB(x->file->value, x->file->len), PC_I64(c->user.id), PC_STR(x->now)),
            &x->id) != 1)
        return -1;
    for (int i = 0; i < x->nbills; i++)
        if (pc_db_exec(&remit_sql, ST_INSERT_BILL,
                       PC_BINDS(PC_I64(x->id), PC_I64(x->bill[i]), PC_I64(x->apply[i])), NULL) != 1)
            return -1;
    pc_audit_ctx(c, "remittance.claim", "remittance_claim", x->id, "ok",
                 pc_arena_printf(&c->arena, "amount=%lld bills=%d file=%s", (long long)x->amount,
                                 x->nbills, x->type));
    return 0;
}

/* The transfer's USD value at the first (oldest) bill's rate, as the operator's approval will
 * convert it (lib/claim_rate): Σ of the amounts to apply (USD, the bills') must not pass it. */
static int usd_check(pc_ctx *c, claim_arg *x, int64_t sum, int64_t first, int *status)
{
    int64_t usd = 0;
    char rate[24];
    if (strspn(x->v[F_CURRENCY].s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
        return refuse(c, "currency", "remit.err.currency");
    int rc = pc_claim_usd(x->v[F_CURRENCY].s, x->amount, first, &usd, rate);
    if (rc < 0) {
        *status = 500;
        return pc_error(c, 500);
    }
    if (rc)
        return refuse(c, "currency", "remit.err.currency");
    if (sum > usd)
        return refuse(c, "bill_id", "remit.err.apply_sum");
    return 0;
}

/* The bills to apply to and how much each: bill_id (several) and apply_<id>; Σ ≤ amount. */
static int read_bills(pc_ctx *c, claim_arg *x, int *status)
{
    *status = 0;
    if (!pc_params_count(&c->form, "bill_id"))
        return usd_check(c, x, 0, 0, status);
    x->nbills = pc_valid_ids(&c->form, "bill_id", x->bill, MAX_BILLS);
    if (x->nbills < 0)
        return refuse(c, "bill_id", "remit.err.bills");
    int64_t sum = 0, first = 0, first_key = INT64_MAX;
    for (int i = 0; i < x->nbills; i++) {
        int64_t out = pc_db_int(&remit_sql, ST_OUTSTANDING,
                                PC_BINDS(PC_I64(x->bill[i]), PC_I64(c->user.partner_id)), -1);
        if (out < 0) {
            *status = 404;
            return pc_error(c, 404);
        }
        const char *in = pc_params_get(
            &c->form, pc_arena_printf(&c->arena, "apply_%lld", (long long)x->bill[i]));
        if (!in || pc_money_parse(in, &x->apply[i]) || x->apply[i] <= 0 ||
            x->apply[i] % (PC_MONEY_SCALE / 100))
            return refuse(c, "bill_id", "remit.err.apply");
        if (x->apply[i] > out)
            return refuse(c, "bill_id", "remit.err.apply_over");
        sum += x->apply[i];
        int64_t key = pc_db_int(&remit_sql, ST_CYCLE, PC_BINDS(PC_I64(x->bill[i])), -1);
        if (key >= 0 && key < first_key)
            first_key = key, first = x->bill[i];
    }
    return usd_check(c, x, sum, first, status);
}

/* POST /finance/funds/claims (multipart): submit a remittance claim. */
static int submit_claim(pc_ctx *c)
{
    pc_value v[F__N];
    char now[20], today[11];
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_form(c, fields, F__N, v))
        return refuse(c, NULL, NULL);
    claim_arg x = {.c = c, .v = v};
    pc_money_parse(v[F_AMOUNT].s, &x.amount);
    if (x.amount % (PC_MONEY_SCALE / 100))
        return refuse(c, "amount", "funds.err.cents");
    pc_clock_today(today);
    if (strcmp(v[F_DATE].s, today) > 0)
        return refuse(c, "transfer_date", "remit.err.future");
    int status = 0, rc = read_bills(c, &x, &status);
    if (rc || status)
        return rc;
    for (size_t i = 0; i < c->form.n; i++)
        if (!strcmp(c->form.v[i].name, "attachment") && c->form.v[i].filename) {
            if (x.file)
                return refuse(c, "attachment", "remit.err.file_one");
            x.file = &c->form.v[i];
        }
    const char *why =
        x.file ? remit_attachment_check(x.file->filename, x.file->value, x.file->len, &x.type)
               : "remit.err.file_missing";
    if (why)
        return refuse(c, "attachment", why);
    pc_clock_now_text(now);
    x.now = now;
    if (pc_db_tx(claim_tx, &x))
        return pc_error(c, 500);
    return pc_redirect(c, "/finance/funds?tab=remittance&msg=claim_submitted");
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
        pc_arena_printf(&c->arena, "claim-%lld.%s", (long long)c->path_id[0], pc_row_str(r, 1)),
        r->v[2], r->v[2] ? r->len[2] : 0);
    return 0;
}

/* GET /finance/funds/claims/{id}/attachment: the partner's own claim's file (another's: 404). */
static int claim_file(pc_ctx *c)
{
    file_arg x = {c, 0};
    if (pc_db_query(&remit_sql, ST_FILE,
                    PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id)), file_row, &x) < 0)
        return pc_error(c, 500);
    return x.found ? 200 : pc_error(c, 404);
}

static const pc_route routes[] = {
    PC_ROUTE("POST", "/finance/funds/claims", PC_PERM_FINANCE_VIEW, submit_claim, 0),
    PC_ROUTE("GET", "/finance/funds/claims/{id}/attachment", PC_PERM_FINANCE_VIEW, claim_file, 0),
};
PC_ROUTE_TABLE(finance_remit_routes, routes);
