/*
 * Freeze account, freeze account and resources, unfreeze account, unfreeze
 * account and resources (9.3.1.6-9.3.1.9).  Each is a confirmation form with
 * a reason (required, at most 256 characters) and, when the partner switched
 * verification codes on, a code (spec 13.5).  Only the actions valid for the
 * customer's freeze state are offered and accepted; unfreezing is refused
 * while the partner's own account is frozen.  Every change locks the customer
 * row, writes or closes a freeze record, moves the customer's resources with
 * an account-and-resources freeze, and records an audit event.
 */
#include <stdio.h>
#include <string.h>

#include "rules/customer_freeze.h"
#include "customers.h"
#include "base/db.h"
#include "base/money.h"
#include "base/view.h"

enum stmt { ST_SUMMARY, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* what the dialogs list: budget, total expenditure, usage */
    [ST_SUMMARY] = "SELECT IFNULL(b.amount, -1), c.mtd_spend, IFNULL(c.budget_usage_bp, 0), "
                   "c.budget_exhausted "
                   "FROM customers c LEFT JOIN budgets b ON b.customer_id = c.id WHERE c.id = ?",
};
PC_SQL_TABLE(freeze_sql, sql);

/* The four actions (lib/rules/customer_freeze.h), by the last segment of their path. */
typedef pc_freeze_action freeze_action;
#define A_FREEZE       PC_FREEZE_ACCOUNT
#define A_FREEZE_ALL   PC_FREEZE_ALL
#define A_UNFREEZE     PC_UNFREEZE_ACCOUNT
#define A_UNFREEZE_ALL PC_UNFREEZE_ALL
#define A__N           PC_FREEZE__N
static const struct {
    const char *path, *key, *msg;
} actions[A__N] = {
    [A_FREEZE] = {"freeze", "cust.frz.freeze", "frozen"},
    [A_FREEZE_ALL] = {"freeze-all", "cust.frz.freeze_all", "frozen_all"},
    [A_UNFREEZE] = {"unfreeze", "cust.frz.unfreeze", "unfrozen"},
    [A_UNFREEZE_ALL] = {"unfreeze-all", "cust.frz.unfreeze_all", "unfrozen_all"},
};

/* The signed-in user as the actor of the audit events of lib/rules/customer_freeze.c. */
static pc_audit_event actor(pc_ctx *c)
{
    return (pc_audit_event){.actor_user_id = c->user.id,
                            .actor_name = c->user.username,
                            .partner_id = c->user.partner_id,
                            .ip = c->remote_addr};
}

int cust_unfreeze(pc_ctx *c, int64_t customer_id, const char *reason)
{
    pc_audit_event who = actor(c);
    return pc_freeze_end(&who, customer_id, reason);
}

typedef struct freeze_job {
    pc_ctx *c;
    freeze_action a;
    int64_t id;
    const char *reason;
} freeze_job;

static int freeze_tx(void *arg)
{
    freeze_job *j = arg;
    pc_audit_event who = actor(j->c);
    return pc_freeze_apply(&who, j->a, j->id, j->reason);
}

static int summary_row(void *arg, const pc_row *r)
{
    pc_ctx *c = arg;
    char out[40];
    int64_t budget = pc_row_i64(r, 0);
    if (budget >= 0)
        pc_set(c, "Summary.budget", pc_money_format(budget, 2, 1, out, sizeof out));
    pc_set(c, "Summary.spend", pc_money_format(pc_row_i64(r, 1), 2, 1, out, sizeof out));
    pc_set(c, "Summary.exhausted", pc_row_i64(r, 3) || pc_row_i64(r, 2) >= 10000 ? "1" : "0");
    return 1;
}

static int show_form(pc_ctx *c, const cust *k, freeze_action a, const cust_partner *p)
{
    if (pc_db_query(&freeze_sql, ST_SUMMARY, PC_BINDS(PC_I64(k->id)), summary_row, c) < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.action", actions[a].path);
    pc_set(c, "Page.heading", pc_t(c, actions[a].key));
    pc_set(c, "Page.unfreeze", a == A_UNFREEZE || a == A_UNFREEZE_ALL ? "1" : "0");
    pc_set(c, "Page.code_needed", p->verification_codes ? "1" : "0");
    if (strcmp(k->freeze_source, "budget_auto") == 0)
        pc_set(c, "Page.auto_frozen", "1");
    pc_set(c, "Page.title", pc_t(c, actions[a].key));
    cust_tabs(c, "list");
    return pc_render(c, "customers/freeze.cs");
}

/* Customer in scope, the gate, and an action valid now; 0 to go on, else the status answered. */
static int load_checked(pc_ctx *c, freeze_action a, cust *k, cust_partner *p)
{
    int found = cust_load(c, c->path_id[0], k);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    int gate = budget_gate(c, k, p);
    if (gate)
        return pc_error(c, gate);
    int released = pc_freeze_released(k->id);
    if (released < 0)
        return pc_error(c, 500);
    return pc_freeze_allowed(a, k->freeze_state, released) ? 0 : pc_error(c, 409);
}

static int action_form(pc_ctx *c, freeze_action a)
{
    cust k;
    cust_partner p;
    int rc = load_checked(c, a, &k, &p);
    return rc ? rc : show_form(c, &k, a, &p);
}

static const pc_field reason_field = {"reason", pc_valid_text, 1, 256, PC_FIELD_REQUIRED, NULL};

static int action_save(pc_ctx *c, freeze_action a)
{
    cust k;
    cust_partner p;
    pc_value v;
    int rc = load_checked(c, a, &k, &p);
    if (rc)
        return rc;
    int unfreeze = a == A_UNFREEZE || a == A_UNFREEZE_ALL;
    if (pc_form(c, &reason_field, 1, &v)) {
        c->status = 400;
        return show_form(c, &k, a, &p);
    }
    /* 9.3.1.8: a partner whose own account is frozen cannot unfreeze its customers */
    if (unfreeze && p.own_frozen) {
        pc_form_error(c, "form", "cust.frz.err.own_frozen");
        c->status = 409;
        return show_form(c, &k, a, &p);
    }
    const char *code_err = cust_check_code(c, 0);
    if (code_err) {
        pc_form_error(c, "code", code_err);
        c->status = 400;
        return show_form(c, &k, a, &p);
    }
    freeze_job j = {c, a, k.id, v.s};
    rc = pc_db_tx(freeze_tx, &j);
    if (rc)
        return pc_error(c, rc > 0 ? 409 : 500);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/customers/%lld?msg=%s", (long long)k.id, actions[a].msg));
}

void freeze_actions(pc_ctx *c, const cust *k)
{
    cust_partner p;
    if (!pc_authz_allows(&c->user, PC_PERM_CUSTOMER_BUDGET) || budget_gate(c, k, &p) != 0)
        return;
    int released = pc_freeze_released(k->id);
    for (int a = 0; a < A__N; a++)
        if (released >= 0 && pc_freeze_allowed((freeze_action)a, k->freeze_state, released))
            cust_action_dialog(
                c,
                pc_arena_printf(&c->arena, "/customers/%lld/%s", (long long)k->id, actions[a].path),
                actions[a].key);
}

static int freeze_form(pc_ctx *c)
{
    return action_form(c, A_FREEZE);
}
static int freeze_save(pc_ctx *c)
{
    return action_save(c, A_FREEZE);
}
static int freeze_all_form(pc_ctx *c)
{
    return action_form(c, A_FREEZE_ALL);
}
static int freeze_all_save(pc_ctx *c)
{
    return action_save(c, A_FREEZE_ALL);
}
static int unfreeze_form(pc_ctx *c)
{
    return action_form(c, A_UNFREEZE);
}
static int unfreeze_save(pc_ctx *c)
{
    return action_save(c, A_UNFREEZE);
}
static int unfreeze_all_form(pc_ctx *c)
{
    return action_form(c, A_UNFREEZE_ALL);
}
static int unfreeze_all_save(pc_ctx *c)
{
    return action_save(c, A_UNFREEZE_ALL);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/{id}/freeze", PC_PERM_CUSTOMER_BUDGET, freeze_form, 0),
    PC_ROUTE("POST", "/customers/{id}/freeze", PC_PERM_CUSTOMER_BUDGET, freeze_save, 0),
    PC_ROUTE("GET", "/customers/{id}/freeze-all", PC_PERM_CUSTOMER_BUDGET, freeze_all_form, 0),
    PC_ROUTE("POST", "/customers/{id}/freeze-all", PC_PERM_CUSTOMER_BUDGET, freeze_all_save, 0),
    PC_ROUTE("GET", "/customers/{id}/unfreeze", PC_PERM_CUSTOMER_BUDGET, unfreeze_form, 0),
    PC_ROUTE("POST", "/customers/{id}/unfreeze", PC_PERM_CUSTOMER_BUDGET, unfreeze_save, 0),
    PC_ROUTE("GET", "/customers/{id}/unfreeze-all", PC_PERM_CUSTOMER_BUDGET, unfreeze_all_form, 0),
    PC_ROUTE("POST", "/customers/{id}/unfreeze-all", PC_PERM_CUSTOMER_BUDGET, unfreeze_all_save, 0),
};
CUST_ROUTES(cust_freeze_routes, routes);
