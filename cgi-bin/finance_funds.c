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

static const char *const tabs[] = {"methods", "pay", "remittance", "statements", NULL};

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
    int64_t outstanding = v[F_BILL].i ? pc_payment_outstanding(c->user.partner_id, v[F_BILL].i)
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
    PC_ROUTE("GET", "/finance/funds", PC_PERM_FINANCE_VIEW, funds_page, 0),
    PC_ROUTE("POST", "/finance/funds/pay", PC_PERM_FINANCE_VIEW, pay, 0),
};
PC_ROUTE_TABLE(finance_funds_routes, routes);
