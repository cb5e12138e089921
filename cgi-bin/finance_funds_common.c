/*
 * Funds (ch09 §9.4.2): what the page files of Funds (finance_funds.c: the
 * Pay tab and paying; finance_funds_cards.c; finance_funds_prepay.c;
 * finance_remit.c) share — the header above the tabs, the Pay tab's data, the
 * unbilled estimate, the card check and the answers of a refused or finished
 * payment.  It calls none of them, so they all stand on it.
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

enum stmt { ST_BILLS, ST_CARDS, ST_CARD, ST_PARTNER, ST_ESTIMATE, ST_UNBILLED, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_BILLS] = "SELECT id, billing_cycle, due_at, " PC_WHT_BILL_STATUS_SQL
                 ", amount_due, amount_due - amount_paid, "
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
    [ST_UNBILLED] =
        "SELECT COALESCE(SUM(e.amount), 0) FROM bill_estimates e WHERE e.partner_id = ? "
        "AND NOT EXISTS (SELECT 1 FROM partner_bills b WHERE b.partner_id = "
        "e.partner_id AND b.billing_cycle = e.billing_cycle)",
};
PC_SQL_TABLE(funds_sql, sql);

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
    /* one template a tab: tab is one of the tabs of finance_funds.c */
    return pc_render(c, pc_arena_printf(&c->arena, "finance/funds_%s.cs", tab));
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

int funds_unbilled(int64_t partner_id, int64_t *out)
{
    return pc_db_value(&funds_sql, ST_UNBILLED, PC_BINDS(PC_I64(partner_id)), 0, out) < 0 ? -1 : 0;
}

int funds_card_usable(int64_t partner_id, int64_t card_id)
{
    char month[8];
    pc_clock_cycle_format(pc_clock_cycle_now(), month);
    return (int)pc_db_int(&funds_sql, ST_CARD,
                          PC_BINDS(PC_I64(card_id), PC_I64(partner_id), PC_STR(month)), 0);
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

int funds_card_answer(pc_ctx *c, int rc, const char *done_msg)
{
    if (rc == PC_PAY_OK || rc == PC_PAY_DONE)
        return pc_redirect(c,
                           pc_arena_printf(&c->arena, "/finance/funds?tab=pay&msg=%s", done_msg));
    if (rc == PC_PAY_DECLINED)
        return pc_redirect(c, "/finance/funds?tab=pay&msg=card_declined");
    return pc_error(c, rc == PC_PAY_UNREACHABLE ? 503 : 500);
}
