/*
 * Funds > Pay (ch09 §9.4.2.1): the unsettled bills with their deadline,
 * status, exchange rate and the payable amount in the payment currency; a
 * payment from the top-up balance, the credit account or by card (through
 * lib/payment_provider), within the single-transaction limits (9.4.1.6) and
 * never above what the bill still owes; the bank transfer instructions with
 * the bill's ISO 11649 reference.  Viewing needs finance.view; paying the
 * Admin role (docs/DECISIONS.md).  Every payment goes through lib/payment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "billing/invoice_wht.h"
#include "finance.h"
#include "base/money.h"
#include "billing/payment.h"
#include "billing/rf_ref.h"
#include "access/session.h"
#include "billing/txn_limit.h"
#include "base/view.h"
#include "web/page.h"

enum stmt { ST_BILLS, ST_CARDS, ST_CARD, ST_PARTNER, ST_ESTIMATE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_BILLS] = "SELECT id, billing_cycle, due_at, " PC_WHT_BILL_STATUS_SQL ", amount_due, amount_due - amount_paid, "
                 "payment_currency, exchange_rate FROM partner_bills WHERE partner_id = ? "
                 "AND amount_due > amount_paid ORDER BY billing_cycle, id LIMIT 100",
    [ST_CARDS] = "SELECT id, last4, holder, expiry, is_default FROM payment_cards "
                 "WHERE partner_id = ? AND status = 'ACTIVE' ORDER BY is_default DESC, id",
    /* a card past its expiry month is not charged, whether the worker marked it yet or not */
    [ST_CARD] = "SELECT COUNT(*) FROM payment_cards WHERE id = ? AND partner_id = ? "
                "AND status = 'ACTIVE' AND expiry >= ?",
    [ST_PARTNER] = "SELECT payment_currency, payment_currency_set, country FROM partners "
                   "WHERE id = ?",
    /* the bill run's daily estimate of the current month (no tax, no coupons) */
    [ST_ESTIMATE] = "SELECT amount FROM bill_estimates WHERE partner_id = ? AND billing_cycle = ?",
};
PC_SQL_TABLE(funds_sql, sql);

static const char *const tabs[] = {"methods", "pay", "remittance", "statements", NULL};

void funds_money(pc_ctx *c, const char *name, int64_t amount)
{
    char out[40];
    pc_set(c, name, pc_money_format(amount, 2, 1, out, sizeof out));
}

int funds_header(pc_ctx *c, const char *active)
{
    static const pc_tab t[] = {
        {"methods", "/finance/funds?tab=methods", "funds.tab.methods", PC_PERM_FINANCE_VIEW},
        {"pay", "/finance/funds?tab=pay", "funds.tab.pay", PC_PERM_FINANCE_VIEW},
        {"remittance", "/finance/funds?tab=remittance", "funds.tab.remittance",
         PC_PERM_FINANCE_VIEW},
        {"statements", "/finance/funds/statements", "funds.tab.statements", PC_PERM_FINANCE_VIEW},
    };
    int64_t top = 0, quota = 0, used = 0;
    pc_tabs(c, t, sizeof t / sizeof t[0], active);
    if (pc_payment_balances(c->user.partner_id, &top, &quota, &used))
        return -1;
    funds_money(c, "Funds.top_up", top);
    funds_money(c, "Funds.quota", quota);
    funds_money(c, "Funds.used", used);
    funds_money(c, "Funds.available", quota - used);
    if (c->user.system_roles & PC_ROLE_ADMIN)
        pc_set(c, "Page.is_admin", "1");
    if (pc_db_hdf(&funds_sql, ST_PARTNER, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Partner") <
        0)
        return -1;
    pc_set(c, "Page.title", pc_t(c, "funds.title"));
    return 0;
}

int funds_render(pc_ctx *c, const char *tab)
{
    pc_set(c, "Page.tab", tab);
    return pc_render(c, "finance/funds.cs");
}

/* One bill of the Pay tab: the amounts to 2 decimals, the payable amount in its currency. */
static void bill_view(pc_ctx *c, HDF *h)
{
    char out[40], rf[32], buf[80];
    int64_t outstanding = strtoll(hdf_get_value(h, "outstanding", "0"), NULL, 10);
    int64_t due = strtoll(hdf_get_value(h, "amount_due", "0"), NULL, 10);
    int64_t id = strtoll(hdf_get_value(h, "id", "0"), NULL, 10);
    int64_t ccy = outstanding;
    const char *rate = hdf_get_value(h, "rate", "1");
    NEOERR *e =
        hdf_set_value(h, "outstanding", pc_money_format(outstanding, 2, 1, out, sizeof out));
    nerr_ignore(&e);
    e = hdf_set_value(h, "amount_due", pc_money_format(due, 2, 1, out, sizeof out));
    nerr_ignore(&e);
    if (pc_payment_in_currency(outstanding, rate, &ccy) == 0) {
        e = hdf_set_value(h, "payable", pc_money_format(ccy, 2, 1, out, sizeof out));
        nerr_ignore(&e);
    }
    /* the rate as stored, trailing zeros kept: "1 USD = 0.9010211901 EUR" as the spec shows */
    e = hdf_set_value(h, "rf", pc_rf_for_bill(id, rf, sizeof rf));
    nerr_ignore(&e);
    e = hdf_set_value(h, "cycle", pc_clock_cycle_format(atoi(hdf_get_value(h, "cycle", "0")), buf));
    nerr_ignore(&e);
    pc_view_hdf_datetime(h, "due_at", "due_at");
    (void)c;
}

static int bill_row(void *arg, const pc_row *r)
{
    pc_ctx *c = ((void **)arg)[0];
    int *i = ((void **)arg)[1];
    static const char *const names[] = {"id",         "cycle",       "due_at",   "status",
                                        "amount_due", "outstanding", "currency", "rate"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        pc_set(c, pc_arena_printf(&c->arena, "Bills.%d.%s", *i, names[k]), pc_row_str(r, k));
    (*i)++;
    return 0;
}

int funds_load_pay(pc_ctx *c)
{
    int i = 0;
    void *arg[2] = {c, &i};
    if (pc_db_query(&funds_sql, ST_BILLS, PC_BINDS(PC_I64(c->user.partner_id)), bill_row, arg) <
            0 ||
        pc_db_hdf(&funds_sql, ST_CARDS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf, "Cards") < 0)
        return -1;
    for (HDF *h = hdf_get_child(c->hdf, "Bills"); h; h = hdf_obj_next(h))
        bill_view(c, h);
    int64_t due = pc_payment_due_total(c->user.partner_id);
    /* an estimate is negative when the month's refunds outweigh its spending */
    int64_t estimate = 0, unbilled = 0;
    int has_estimate = pc_db_value(
        &funds_sql, ST_ESTIMATE, PC_BINDS(PC_I64(c->user.partner_id), PC_I64(pc_clock_cycle_now())),
        0, &estimate);
    if (due < 0 || has_estimate < 0 || funds_unbilled(c->user.partner_id, &unbilled))
        return -1;
    funds_money(c, "Funds.amount_due", due);
    funds_money(c, "Funds.unbilled", unbilled > 0 ? unbilled : 0);
    if (has_estimate)
        funds_money(c, "Funds.estimate", estimate);
    char key[PC_TOKEN_HEX];
    pc_token_new(key);
    if (!hdf_get_value(c->hdf, "Form.key.value", NULL))
        pc_set(c, "Form.key.value", key);
    const char *want = pc_params_get(&c->query, "bill");
    if (want && *want)
        pc_set(c, "Page.bill", want);
    return 0;
}

static int funds_page(pc_ctx *c)
{
    static const pc_field f = {"tab", pc_valid_enum, 0, 0, 0, tabs};
    pc_value v = {0};
    const char *in = pc_params_get(&c->query, "tab");
    if (in && *in && pc_valid_enum(&f, in, &v))
        return pc_error(c, 400);
    const char *tab = in && *in ? v.s : "methods";
    if (strcmp(tab, "statements") == 0)
        return pc_redirect(c, "/finance/funds/statements");
    if (funds_header(c, tab))
        return pc_error(c, 500);
    if (strcmp(tab, "pay") == 0 && funds_load_pay(c))
        return pc_error(c, 500);
    if (strcmp(tab, "methods") == 0 && funds_load_cards(c))
        return pc_error(c, 500);
    if (strcmp(tab, "remittance") == 0 && remit_load_tab(c))
        return pc_error(c, 500);
    return funds_render(c, tab);
}

/* ---------------------------------------------------------------- paying */

static const char *const methods[] = {"balance", "credit", "card", NULL};
enum { F_BILL, F_AMOUNT, F_METHOD, F_CARD, F_KEY, F__N };
static const pc_field fields[F__N] = {
    [F_BILL] = {"bill_id", pc_valid_id, 0, 0, 0, NULL}, /* none: the oldest bills first */
    [F_AMOUNT] = {"amount", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_METHOD] = {"method", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, methods},
    [F_CARD] = {"card_id", pc_valid_id, 0, 0, 0, NULL},
    [F_KEY] = {"key", pc_valid_text, 64, 64, PC_FIELD_REQUIRED, NULL},
};

int funds_card_usable(int64_t partner_id, int64_t card_id)
{
    char month[8];
    pc_clock_cycle_format(pc_clock_cycle_now(), month);
    return (int)pc_db_int(&funds_sql, ST_CARD, PC_BINDS(PC_I64(card_id), PC_I64(partner_id), PC_STR(month)), 0);
}

int funds_refuse(pc_ctx *c, const char *field, const char *key)
{
    if (field)
        pc_form_error(c, field, key);
    c->status = 400;
    if (funds_header(c, "pay") || funds_load_pay(c))
        return pc_error(c, 500);
    return funds_render(c, "pay");
}

typedef struct pay_arg {
    pc_ctx *c;
    pc_pay p;
} pay_arg;

static void pay_audit(pc_ctx *c, const pc_pay *p, const char *result)
{
    pc_audit_ctx(c, "funds.pay", "bill", p->bill_id, result,
                 pc_arena_printf(&c->arena, "method=%s amount=%lld payment=%lld", p->method,
                                 (long long)p->amount, (long long)p->payment_id));
}

/* From the balance or the credit account, at once. */
static int pay_tx(void *arg)
{
    pay_arg *x = arg;
    int rc = pc_payment_pay(&x->p);
    if (rc == 0)
        pay_audit(x->c, &x->p, "ok");
    return rc;
}

/* Each step of a card payment (pc_payment_by_card), audited in its transaction. */
static int card_step(void *arg, const pc_pay *p, int step, int approved)
{
    pay_audit(arg, p, step == 1 ? "initiated" : approved ? "ok" : "failed");
    return 0;
}

int funds_card_answer(pc_ctx *c, int rc, const char *done_msg)
{
    if (rc == PC_PAY_OK || rc == PC_PAY_DONE)
        return pc_redirect(c, pc_arena_printf(&c->arena, "/finance/funds?tab=pay&msg=%s", done_msg));
    if (rc == PC_PAY_DECLINED)
        return pc_redirect(c, "/finance/funds?tab=pay&msg=card_declined");
    return pc_error(c, rc == PC_PAY_UNREACHABLE ? 503 : 500);
}

static int pay_card(pc_ctx *c, pay_arg *x)
{
    char reason[64];
    int rc = pc_payment_by_card(&x->p, card_step, c, reason, sizeof reason);
    if (rc == PC_PAY_OVER_DUE)
        return funds_refuse(c, "amount", "funds.err.over_due");
    return funds_card_answer(c, rc, "payment_done");
}

/* POST /finance/funds/pay: pay one bill from the balance, the credit account or by card. */
static int pay(pc_ctx *c)
{
    pc_value v[F__N];
    char now[20];
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_form(c, fields, F__N, v))
        return funds_refuse(c, NULL, NULL);
    int64_t amount = 0;
    pc_money_parse(v[F_AMOUNT].s, &amount);
    if (amount % (PC_MONEY_SCALE / 100))
        return funds_refuse(c, "amount", "funds.err.cents");
    if (strspn(v[F_KEY].s, "0123456789abcdef") != 64)
        return pc_error(c, 400);
    int card = strcmp(v[F_METHOD].s, "card") == 0;
    /* a card pays the bill chosen; the balance or credit without a bill: the oldest first */
    if (card && !v[F_BILL].i)
        return funds_refuse(c, "bill_id", "funds.err.bill_needed");
    int64_t outstanding =
        v[F_BILL].i ? pc_payment_outstanding(c->user.partner_id, v[F_BILL].i)
                    : pc_payment_due_total(c->user.partner_id);
    if (outstanding < 0)
        return v[F_BILL].i ? pc_error(c, 404) : pc_error(c, 500);
    if (outstanding == 0)
        return funds_refuse(c, "bill_id", "funds.err.settled");
    if (amount > outstanding)
        return funds_refuse(c, "amount", "funds.err.over_due");
    if (card && pc_txn_limit("USD", amount) != PC_TXN_OK)
        return funds_refuse(c, "amount", "funds.err.limit");
    if (card && (!v[F_CARD].i || funds_card_usable(c->user.partner_id, v[F_CARD].i) <= 0))
        return funds_refuse(c, "card_id", "funds.err.card");
    pc_clock_now_text(now);
    pay_arg x = {c,
                 {.idem_key = pc_arena_printf(&c->arena, "pay:%s", v[F_KEY].s),
                  .method = card                                   ? "ONLINE_CARD"
                            : strcmp(v[F_METHOD].s, "credit") == 0 ? "CREDIT_DEDUCTION"
                                                                   : "BALANCE_DEDUCTION",
                  .source = card                                   ? PC_SRC_EXTERNAL
                            : strcmp(v[F_METHOD].s, "credit") == 0 ? PC_SRC_CREDIT
                                                                   : PC_SRC_TOP_UP,
                  .partner_id = c->user.partner_id,
                  .bill_id = v[F_BILL].i,
                  .amount = amount,
                  .card_id = card ? v[F_CARD].i : 0,
                  .user_id = c->user.id,
                  .now = now}};
    if (card)
        return pay_card(c, &x);
    int rc = pc_db_tx(pay_tx, &x);
    if (rc == PC_PAY_SHORT)
        return funds_refuse(c, "method",
                      x.p.source == PC_SRC_CREDIT ? "funds.err.credit_short"
                                                  : "funds.err.balance_short");
    if (rc == PC_PAY_OVER_DUE)
        return funds_refuse(c, "amount", "funds.err.over_due");
    if (rc && rc != PC_PAY_DONE)
        return pc_error(c, 500);
    return pc_redirect(c, "/finance/funds?tab=pay&msg=payment_done");
}

static const pc_route routes[] = {
    {"GET", "/finance/funds", PC_PERM_FINANCE_VIEW, funds_page, 0},
    {"POST", "/finance/funds/pay", PC_PERM_FINANCE_VIEW, pay, 0},
};
PC_ROUTE_TABLE(finance_funds_routes, routes);
