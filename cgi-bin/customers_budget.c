/*
 * Set Budget (9.3.1.3, 9.3.1.4) for one customer or a batch from the list:
 * monthly or one-time, the exhaustion policy, "Unfreeze now", the adjustment
 * records; and the budget alert recipients of the partner (9.3.1.5).
 *
 * Who may: customer.budget (route guard), the customer in the user's scope,
 * and the distribution gate of ch10 10.2.1.2 (budget_gate).  Every change is
 * one transaction that locks the user's partner row (the quota pool) and the
 * customer row, writes the budget with a new version, an adjustment record and
 * an audit event, and refreshes the customer's usage at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/customer_freeze.h"
#include "customers.h"
#include "base/db.h"
#include "base/money.h"
#include "base/view.h"
#include "web/page.h"

enum stmt {
    ST_BUDGET,
    ST_RECORDS,
    ST_BATCH_NAMES,
    ST_RECIPIENTS,
    ST_RECIPIENT_ADD,
    ST_RECIPIENT_DEL,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_BUDGET] =
        "SELECT type, amount, policy, window_start, version FROM budgets WHERE customer_id = ?",
    [ST_RECORDS] =
        "SELECT a.at, u.name, u.username, IFNULL(a.old_type, '') AS old_type, a.old_amount, "
        "IFNULL(a.old_policy, '') AS old_policy, a.new_type, a.new_amount, a.new_policy, "
        "a.unfreeze_now "
        "FROM budget_adjustments a JOIN users u ON u.id = a.user_id WHERE a.customer_id = ? "
        "ORDER BY a.id DESC LIMIT 200",
    [ST_BATCH_NAMES] = "SELECT c.id, c.name, c.account_name FROM customers c WHERE c.id = ? AND "
                       "c.partner_id = ? AND " PC_SCOPE_CUSTOMER_SQL,
    [ST_RECIPIENTS] =
        "SELECT id, name, email, phone FROM budget_recipients WHERE partner_id = ? ORDER BY id",
    [ST_RECIPIENT_ADD] =
        "INSERT INTO budget_recipients (partner_id, name, email, phone) VALUES (?, ?, ?, ?)",
    [ST_RECIPIENT_DEL] = "DELETE FROM budget_recipients WHERE id = ? AND partner_id = ?",
};
PC_SQL_TABLE(budget_sql, sql);

static const char *const types[] = {"monthly", "one_time", NULL};
static const char *const policies[] = {"automatic", "manual", NULL};

/* An amount in USD by the one rule the partner API applies too (pc_budget_amount_check):
 * 0 to 2,147,483,647.00, at most 2 decimals; each refusal with a message of its own. */
static const char *budget_money(const pc_field *f, const char *in, pc_value *out)
{
    const char *err = pc_valid_money(f, in, out);
    if (err)
        return err;
    switch (pc_budget_amount_check(out->i)) {
    case PC_BUDGET_AMOUNT_NEGATIVE:
        return "cust.bud.err.negative";
    case PC_BUDGET_AMOUNT_DECIMALS:
        return "cust.bud.err.decimals";
    case PC_BUDGET_AMOUNT_TOO_LARGE:
        return "cust.bud.err.too_large";
    default:
        return NULL;
    }
}

enum { F_TYPE, F_AMOUNT, F_POLICY, F_UNFREEZE, F__N };
static const pc_field budget_fields[F__N] = {
    [F_TYPE] = {"type", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, types},
    [F_AMOUNT] = {"amount", budget_money, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_POLICY] = {"policy", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, policies},
    [F_UNFREEZE] = {"unfreeze_now", pc_valid_enum, 0, 0, 0, (const char *const[]){"1", NULL}},
};

static void set_money(pc_ctx *c, const char *name, int64_t v)
{
    char out[40];
    pc_set(c, name, pc_money_format(v, 2, 1, out, sizeof out));
}

/* ---- who may ---- */

int budget_gate(pc_ctx *c, const cust *k, cust_partner *actor)
{
    /* the rules are shared with the partner API (lib/rules/budget.c, lib/rules/customer_freeze.c)
     */
    return pc_budget_gate(&c->user, k->partner_id, k->associated, k->association_type, actor);
}

static int type_granted(const cust_partner *p, int own, const char *type)
{
    return pc_budget_type_granted(p, own, type);
}

/* ---- the change (lib/rules/budget.c) ---- */

typedef pc_budget_change budget_job;

/* Run the change as the signed-in user: 0 done, 1 refused (j->status, error, error_field), -1
 * database error. */
static int budget_run(pc_ctx *c, budget_job *j)
{
    j->user = &c->user;
    j->ip = c->remote_addr;
    j->via = "";
    return pc_budget_set(j);
}

/* ---- the single form ---- */

static int budget_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    pc_set(c, "Budget.type", pc_row_str(r, 0));
    set_money(c, "Budget.amount", pc_row_i64(r, 1));
    pc_set(c, "Budget.policy", pc_row_str(r, 2));
    pc_set(c, "Budget.window_start", pc_row_str(r, 3));
    pc_set(c, "Budget.version", pc_row_str(r, 4));
    return 1;
}

/* The header: the budget and its current estimate (month-to-date, or total since the window start).
 */
static int budget_header(pc_ctx *c, const cust *k)
{
    if (pc_db_query(&budget_sql, ST_BUDGET, PC_BINDS(PC_I64(k->id)), budget_row, c) < 0)
        return -1;
    int64_t spent;
    if (pc_budget_used(k->id, hdf_get_value(c->hdf, "Budget.type", "monthly"),
                       hdf_get_value(c->hdf, "Budget.window_start", ""), &spent))
        return -1;
    set_money(c, "Budget.estimate", spent);
    return 0;
}

/* The partner's quota for a reseller (shown on the form). */
static void quota_info(pc_ctx *c, const cust_partner *p, int own)
{
    if (!own || strcmp(p->kind, "reseller") != 0)
        return;
    if (p->grant_budget_monthly)
        set_money(c, "Quota.monthly", p->quota_monthly);
    if (p->grant_budget_one_time)
        set_money(c, "Quota.one_time", p->quota_one_time);
}

static void form_defaults(pc_ctx *c)
{
    if (!*hdf_get_value(c->hdf, "Form.type.value", ""))
        pc_set(c, "Form.type.value", hdf_get_value(c->hdf, "Budget.type", "monthly"));
    if (!*hdf_get_value(c->hdf, "Form.policy.value", ""))
        pc_set(c, "Form.policy.value", hdf_get_value(c->hdf, "Budget.policy", "manual"));
    if (!*hdf_get_value(c->hdf, "Form.amount.value", "") &&
        !hdf_get_value(c->hdf, "Form.amount.error", NULL))
        pc_set(c, "Form.amount.value", hdf_get_value(c->hdf, "Budget.amount", ""));
}

static int show_form(pc_ctx *c, const cust *k, const cust_partner *p)
{
    if (budget_header(c, k))
        return pc_error(c, 500);
    form_defaults(c);
    quota_info(c, p, k->own);
    if (type_granted(p, k->own, "monthly"))
        pc_set(c, "Types.monthly", "1");
    if (type_granted(p, k->own, "one_time"))
        pc_set(c, "Types.one_time", "1");
    pc_set(c, "Page.code_needed", p->verification_codes ? "1" : "0");
    pc_set(c, "Page.title", pc_t(c, "cust.bud.title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/budget.cs");
}

/* Load the customer and pass the gate; 0 to go on, else the status already answered. */
static int load_gated(pc_ctx *c, cust *k, cust_partner *p)
{
    int found = cust_load(c, c->path_id[0], k);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    int gate = budget_gate(c, k, p);
    return gate ? pc_error(c, gate) : 0;
}

static int budget_form(pc_ctx *c)
{
    cust k;
    cust_partner p;
    int rc = load_gated(c, &k, &p);
    return rc ? rc : show_form(c, &k, &p);
}

/* Validate the budget fields and the type grant; the number of bad fields. */
static int read_budget(pc_ctx *c, budget_job *j, int own)
{
    pc_value v[F__N];
    int bad = pc_form(c, budget_fields, F__N, v);
    j->type = v[F_TYPE].s, j->amount = v[F_AMOUNT].i, j->policy = v[F_POLICY].s;
    j->unfreeze_now = v[F_UNFREEZE].present;
    if (v[F_TYPE].present && !bad && !type_granted(&j->actor, own, j->type)) {
        pc_form_error(c, "type", "cust.bud.err.type_not_granted");
        bad++;
    }
    return bad;
}

/* The checks that come before the verification code is spent. */
static int precheck(pc_ctx *c, budget_job *j, const cust *k)
{
    if (j->unfreeze_now && strcmp(k->freeze_state, "normal") != 0 && j->actor.own_frozen) {
        pc_form_error(c, "unfreeze_now", "cust.frz.err.own_frozen");
        return 1;
    }
    const char *code_err = cust_check_code(c, strcmp(j->policy, "automatic") == 0);
    if (code_err) {
        pc_form_error(c, "code", code_err);
        return 1;
    }
    return 0;
}

static int budget_save(pc_ctx *c)
{
    cust k;
    budget_job j = {0};
    int rc = load_gated(c, &k, &j.actor);
    if (rc)
        return rc;
    if (read_budget(c, &j, k.own) || precheck(c, &j, &k)) {
        c->status = 400;
        return show_form(c, &k, &j.actor);
    }
    j.ids[j.n++] = k.id;
    rc = budget_run(c, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, j.error_field ? j.error_field : "form",
                      j.error ? j.error : "cust.err.batch_unchanged");
        c->status = j.status;
        return show_form(c, &k, &j.actor);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/customers/%lld/budget?msg=budget_saved", (long long)k.id));
}

static int records_page(pc_ctx *c)
{
    cust k;
    cust_partner p;
    int rc = load_gated(c, &k, &p);
    if (rc)
        return rc;
    if (pc_db_hdf(&budget_sql, ST_RECORDS, PC_BINDS(PC_I64(k.id)), c->hdf, "Records") < 0)
        return pc_error(c, 500);
    char buf[64];
    for (HDF *h = hdf_get_child(c->hdf, "Records"); h; h = hdf_obj_next(h)) {
        static const char *const amounts[] = {"old_amount", "new_amount"};
        NEOERR *e =
            hdf_set_value(h, "at", pc_view_datetime(hdf_get_value(h, "at", ""), buf, sizeof buf));
        nerr_ignore(&e);
        for (int i = 0; i < 2; i++) {
            const char *v = hdf_get_value(h, amounts[i], NULL);
            if (!v)
                continue;
            e = hdf_set_value(h, amounts[i],
                              pc_money_format(strtoll(v, NULL, 10), 2, 1, buf, sizeof buf));
            nerr_ignore(&e);
        }
    }
    pc_set(c, "Page.title", pc_t(c, "cust.bud.records"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/budget_records.cs");
}

/* ---- batch from the list ---- */

/* The "ids" checkboxes of the list (or "ids[]"); -1 on a bad or missing id. */
static int read_ids(pc_ctx *c, budget_job *j)
{
    const char *name = pc_params_count(&c->form, "ids") ? "ids" : "ids[]";
    j->n = pc_valid_ids(&c->form, name, j->ids, PC_BUDGET_MAX_BATCH);
    return j->n < 0 ? -1 : 0;
}

static int show_batch(pc_ctx *c, budget_job *j)
{
    pc_scope s;
    pc_authz_scope(&c->user, &s);
    for (int i = 0; i < j->n; i++) {
        char *prefix = pc_arena_printf(&c->arena, "Selected.%d", i);
        int n =
            pc_db_hdf(&budget_sql, ST_BATCH_NAMES,
                      PC_BINDS(PC_I64(j->ids[i]), PC_I64(c->user.partner_id), PC_SCOPE_BINDS(s)),
                      c->hdf, prefix);
        if (n < 0)
            return pc_error(c, 500);
        if (n == 0)
            return pc_error(c, 404);
    }
    form_defaults(c);
    quota_info(c, &j->actor, 1);
    if (type_granted(&j->actor, 1, "monthly"))
        pc_set(c, "Types.monthly", "1");
    if (type_granted(&j->actor, 1, "one_time"))
        pc_set(c, "Types.one_time", "1");
    pc_set(c, "Page.title", pc_t(c, "cust.bud.batch_title"));
    cust_tabs(c, "list");
    return pc_render(c, "customers/budget_batch.cs");
}

/*
 * POST /customers/budget/batch: from the list (only ids) it shows the form
 * for the selected customers; with step=apply it overwrites their budgets.
 */
static int budget_batch(pc_ctx *c)
{
    budget_job j = {.batch = 1};
    if (cust_partner_load(c->user.partner_id, &j.actor) != 1)
        return pc_error(c, 500);
    if (strcmp(j.actor.kind, "reseller") == 0 && !j.actor.grant_budget_monthly &&
        !j.actor.grant_budget_one_time)
        return pc_error(c, 403);
    if (read_ids(c, &j)) {
        pc_form_error(c, "form", "dlg.must_select");
        c->status = 400;
        int rc = cust_list_again(c);
        return rc == 200 ? 400 : rc;
    }
    const char *step = pc_params_get(&c->form, "step");
    if (!step || strcmp(step, "apply") != 0)
        return show_batch(c, &j);
    if (read_budget(c, &j, 1)) {
        c->status = 400;
        return show_batch(c, &j);
    }
    j.unfreeze_now = 0; /* "Unfreeze now" belongs to one customer's form */
    const char *code_err = cust_check_code(c, strcmp(j.policy, "automatic") == 0);
    if (code_err) {
        pc_form_error(c, "code", code_err);
        c->status = 400;
        return show_batch(c, &j);
    }
    int rc = budget_run(c, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        /* the reason beside its field, or above the form: never a bare error page */
        pc_form_error(c, j.error_field ? j.error_field : "form",
                      j.error ? j.error : "cust.err.batch_unchanged");
        c->status = j.status;
        return show_batch(c, &j);
    }
    return pc_redirect(c, "/customers/?msg=budget_saved");
}

/* ---- detail page button ---- */

void budget_actions(pc_ctx *c, const cust *k)
{
    cust_partner p;
    if (pc_authz_allows(&c->user, PC_PERM_CUSTOMER_BUDGET) && budget_gate(c, k, &p) == 0)
        cust_action_dialog(c,
                           pc_arena_printf(&c->arena, "/customers/%lld/budget", (long long)k->id),
                           "cust.bud.set");
}

/* ---- budget alert recipients (9.3.1.5) ---- */

enum { R_NAME, R_EMAIL, R_PHONE, R__N };
static const pc_field recipient_fields[R__N] = {
    [R_NAME] = {"name", pc_valid_text, 1, 100, PC_FIELD_REQUIRED, NULL},
    [R_EMAIL] = {"email", pc_valid_email, 0, 254, PC_FIELD_REQUIRED, NULL},
    [R_PHONE] = {"phone", pc_valid_phone, 0, 0, 0, NULL},
};

static int recipients_page(pc_ctx *c)
{
    if (pc_db_hdf(&budget_sql, ST_RECIPIENTS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                  "Recipients") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "cust.rcp.title"));
    cust_tabs(c, "recipients");
    return pc_render(c, "customers/recipients.cs");
}

typedef struct recipient_job {
    pc_ctx *c;
    pc_value v[R__N];
    int64_t id;
} recipient_job;

static int recipient_add_tx(void *arg)
{
    recipient_job *r = arg;
    pc_ctx *c = r->c;
    if (pc_db_exec(&budget_sql, ST_RECIPIENT_ADD,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_STR(r->v[R_NAME].s),
                            PC_STR(r->v[R_EMAIL].s), PC_STR(r->v[R_PHONE].s)),
                   &r->id) != 1)
        return -1;
    pc_audit_ctx(c, "budget.recipient.add", "budget_recipient", r->id, "ok", r->v[R_EMAIL].s);
    return 0;
}

static int recipient_del_tx(void *arg)
{
    recipient_job *r = arg;
    int64_t n = pc_db_exec(&budget_sql, ST_RECIPIENT_DEL,
                           PC_BINDS(PC_I64(r->id), PC_I64(r->c->user.partner_id)), NULL);
    if (n < 0)
        return -1;
    if (n == 0)
        return 1;
    pc_audit_ctx(r->c, "budget.recipient.delete", "budget_recipient", r->id, "ok", "");
    return 0;
}

static int recipient_add(pc_ctx *c)
{
    recipient_job r = {.c = c};
    if (pc_form(c, recipient_fields, R__N, r.v)) {
        c->status = 400;
        return recipients_page(c);
    }
    int rc = pc_db_tx(recipient_add_tx, &r);
    return rc ? pc_error(c, 500) : pc_redirect(c, "/customers/recipients?msg=recipient_added");
}

static int recipient_delete(pc_ctx *c)
{
    recipient_job r = {.c = c, .id = c->path_id[0]};
    if (pc_confirm_first(c, "dlg.rcp.title", "dlg.rcp.text", "", "cust.rcp.delete",
                         "/customers/recipients"))
        return c->status ? c->status : 200;
    int rc = pc_db_tx(recipient_del_tx, &r);
    if (rc)
        return pc_error(c, rc > 0 ? 404 : 500);
    return pc_redirect(c, "/customers/recipients?msg=recipient_deleted");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}/budget", PC_PERM_CUSTOMER_BUDGET, budget_form, 0),
    PC_ROUTE("POST", "/customers/{id}/budget", PC_PERM_CUSTOMER_BUDGET, budget_save, 0),
    PC_ROUTE("GET", "/customers/{id}/budget/records", PC_PERM_CUSTOMER_BUDGET, records_page, 0),
    PC_ROUTE("POST", "/customers/budget/batch", PC_PERM_CUSTOMER_BUDGET, budget_batch, 0),
    PC_ROUTE("GET", "/customers/recipients", PC_PERM_CUSTOMER_BUDGET, recipients_page, 0),
    PC_ROUTE("POST", "/customers/recipients", PC_PERM_CUSTOMER_BUDGET, recipient_add, 0),
    PC_ROUTE("POST", "/customers/recipients/{id}/delete", PC_PERM_CUSTOMER_BUDGET, recipient_delete,
             0),
};
CUST_ROUTES(cust_budget_routes, routes);
