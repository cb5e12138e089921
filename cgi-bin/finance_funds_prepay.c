/*
 * Funds > Pay > Pay in advance: a pre-payment by card (ch09 §9.4.3a
 * "Pre-payment invoice"; the guide's "make payments in advance" when the
 * consumption quota is short, ch04 §4.2).  A pre-payment pays for
 * expenditure not yet billed, so it is at most the unbilled estimate (the
 * bill run's daily estimates of the months without a bill), within the
 * single-transaction limits (9.4.1.6).  The money becomes top-up balance,
 * which pays the bill on its due date; its pre-payment invoice is issued in
 * the payment's transaction (lib/payment, lib/invoice).  Needs the Admin role;
 * the form's key is the payment's idempotency key (a double submit pays once).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "finance.h"
#include "base/money.h"
#include "billing/payment.h"
#include "billing/txn_limit.h"
#include "base/view.h"

enum { F_AMOUNT, F_CARD, F_KEY, F__N };
static const pc_field fields[F__N] = {
    [F_AMOUNT] = {"prepay_amount", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_CARD] = {"prepay_card", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_KEY] = {"key", pc_valid_text, 64, 64, PC_FIELD_REQUIRED, NULL},
};

/* Each step of the card charge (pc_payment_by_card), audited in its transaction. */
static int prepay_step(void *arg, const pc_pay *p, int step, int approved)
{
    pc_ctx *c = arg;
    pc_audit_ctx(c, "funds.prepay", "payment", p->payment_id,
                 step == 2 && !approved ? "failed" : "ok",
                 pc_arena_printf(&c->arena, "step=%d amount=%lld", step, (long long)p->amount));
    return 0;
}

/* POST /finance/funds/prepay */
static int prepay(pc_ctx *c)
{
    pc_value v[F__N];
    char now[20];
    if (!(c->user.system_roles & PC_ROLE_ADMIN))
        return pc_error(c, 403);
    if (pc_form(c, fields, F__N, v))
        return funds_refuse(c, NULL, NULL);
    if (strspn(v[F_KEY].s, "0123456789abcdef") != 64)
        return pc_error(c, 400);
    int64_t amount = 0;
    pc_money_parse(v[F_AMOUNT].s, &amount);
    if (amount % (PC_MONEY_SCALE / 100))
        return funds_refuse(c, "prepay_amount", "funds.err.cents");
    if (pc_txn_limit("USD", amount) != PC_TXN_OK)
        return funds_refuse(c, "prepay_amount", "funds.err.limit");
    int64_t unbilled = 0;
    if (funds_unbilled(c->user.partner_id, &unbilled))
        return pc_error(c, 500);
    if (amount > unbilled)
        return funds_refuse(c, "prepay_amount", "funds.err.prepay_over");
    if (funds_card_usable(c->user.partner_id, v[F_CARD].i) <= 0)
        return funds_refuse(c, "prepay_card", "funds.err.card");
    pc_clock_now_text(now);
    pc_pay p = {.idem_key = pc_arena_printf(&c->arena, "prepay:%s", v[F_KEY].s),
                .method = "ONLINE_CARD",
                .source = PC_SRC_EXTERNAL,
                .partner_id = c->user.partner_id,
                .amount = amount,
                .card_id = v[F_CARD].i,
                .user_id = c->user.id,
                .prepayment = 1,
                .memo = "pre-payment by card",
                .now = now};
    char reason[64];
    return funds_card_answer(c, pc_payment_by_card(&p, prepay_step, c, reason, sizeof reason),
                             "prepaid");
}

static const pc_route routes[] = {
    PC_ROUTE("POST", "/finance/funds/prepay", PC_PERM_FINANCE_VIEW, prepay, 0),
};
PC_ROUTE_TABLE(finance_funds_prepay_routes, routes);
