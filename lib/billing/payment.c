#include "billing/payment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "billing/invoice.h"
#include "billing/ledger.h"
#include "base/money.h"

enum stmt {
    ST_INSERT,
    ST_FIND,
    ST_DONE,
    ST_FAILED,
    ST_BILL,
    ST_UNPAID,
    ST_APPLY,
    ST_ALLOC,
    ST_ACCOUNT_LOCK,
    ST_QUOTA,
    ST_OUTSTANDING,
    ST_DUE_TOTAL,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    /* affected rows 0: the key was used before */
    [ST_INSERT] = "INSERT INTO payments (idempotency_key, partner_id, bill_id, method, amount, "
                  "amount_ccy, currency, rate, status, card_id, reference, user_id, created_at, "
                  "confirmed_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, "
                  "NULLIF(?, 0), ?, IF(? = 'SUCCEEDED', ?, NULL)) ON DUPLICATE KEY UPDATE id = id",
    [ST_FIND] = "SELECT id, status, partner_id, bill_id, amount FROM payments "
                "WHERE idempotency_key = ? FOR UPDATE",
    [ST_DONE] = "UPDATE payments SET status = 'SUCCEEDED', journal_entry_id = ?, "
                "top_up_entry_id = NULLIF(?, 0), confirmed_at = ? WHERE id = ?",
    [ST_FAILED] = "UPDATE payments SET status = 'FAILED', failure_reason = LEFT(?, 255), "
                  "confirmed_at = ? WHERE id = ? AND status = 'INITIATED'",
    [ST_BILL] = "SELECT id, amount_due - amount_paid, payment_currency, exchange_rate "
                "FROM partner_bills WHERE id = ? AND partner_id = ? FOR UPDATE",
    [ST_UNPAID] = "SELECT id, amount_due - amount_paid FROM partner_bills WHERE partner_id = ? "
                  "AND amount_due > amount_paid ORDER BY billing_cycle, id LIMIT 64 FOR UPDATE",
    /* MariaDB assigns left to right: the status sees the new amount_paid */
    [ST_APPLY] = "UPDATE partner_bills SET amount_paid = amount_paid + ?, status = CASE "
                 "WHEN amount_paid >= amount_due THEN 'paid' WHEN status = 'overdue' "
                 "THEN 'overdue' ELSE 'partially_paid' END WHERE id = ?",
    [ST_ALLOC] = "INSERT INTO payment_allocations (payment_id, bill_id, amount) VALUES (?, ?, ?)",
    [ST_ACCOUNT_LOCK] = "SELECT balance FROM ledger_accounts WHERE id = ? FOR UPDATE",
    [ST_QUOTA] = "SELECT quota FROM credit_quotas WHERE partner_id = ?",
    [ST_OUTSTANDING] = "SELECT amount_due - amount_paid FROM partner_bills "
                       "WHERE id = ? AND partner_id = ?",
    [ST_DUE_TOTAL] = "SELECT COALESCE(SUM(amount_due - amount_paid), 0) FROM partner_bills "
                     "WHERE partner_id = ? AND amount_due > amount_paid",
};
PC_SQL_TABLE(pay_sql, sql);

#define MAX_BILLS 64

typedef struct plan {
    size_t n;
    int64_t bill[MAX_BILLS], amount[MAX_BILLS];
    int64_t total;
    char currency[4];
    char rate[24];
} plan;

static int bill_row(void *arg, const pc_row *r)
{
    plan *pl = arg;
    if (pl->n >= MAX_BILLS)
        return 1;
    pl->bill[pl->n] = pc_row_i64(r, 0);
    pl->amount[pl->n++] = pc_row_i64(r, 1); /* outstanding, cut to the payment below */
    if (r->n > 2) {
        snprintf(pl->currency, sizeof pl->currency, "%s", pc_row_str(r, 2));
        snprintf(pl->rate, sizeof pl->rate, "%s", pc_row_str(r, 3));
    }
    return 0;
}

/* Which bills the payment pays and how much each: the aimed bill, or the oldest first. */
static int plan_bills(const pc_pay *p, plan *pl)
{
    memset(pl, 0, sizeof *pl);
    strcpy(pl->currency, "USD");
    strcpy(pl->rate, "1");
    int n = p->bill_id
                ? pc_db_query(&pay_sql, ST_BILL,
                              PC_BINDS(PC_I64(p->bill_id), PC_I64(p->partner_id)), bill_row, pl)
                : pc_db_query(&pay_sql, ST_UNPAID, PC_BINDS(PC_I64(p->partner_id)), bill_row, pl);
    if (n < 0)
        return -1;
    if (p->bill_id && (n == 0 || pl->amount[0] <= 0))
        return PC_PAY_NOT_FOUND;
    if (p->bill_id && p->amount > pl->amount[0] && !p->rest_to_top_up)
        return PC_PAY_OVER_DUE;
    int64_t left = p->amount;
    for (size_t i = 0; i < pl->n; i++) {
        if (pl->amount[i] > left)
            pl->amount[i] = left;
        left -= pl->amount[i];
        pl->total += pl->amount[i];
    }
    if (p->source != PC_SRC_EXTERNAL && pl->total == 0)
        return PC_PAY_NOT_FOUND;
    return 0;
}

/* Is the money there: the top-up balance or the credit left of the quota. */
static int funds_check(const pc_pay *p, int64_t account, int64_t need)
{
    int64_t bal; /* either sign: the top-up account is credit-normal */
    if (pc_db_value(&pay_sql, ST_ACCOUNT_LOCK, PC_BINDS(PC_I64(account)), 0, &bal) < 0)
        return -1;
    if (p->source == PC_SRC_TOP_UP)
        return -bal >= need ? 0 : PC_PAY_SHORT;
    int64_t quota = pc_db_int(&pay_sql, ST_QUOTA, PC_BINDS(PC_I64(p->partner_id)), 0);
    if (quota == -1 && pc_db_errno())
        return -1;
    return quota - bal >= need ? 0 : PC_PAY_SHORT;
}

static int insert_payment(pc_pay *p, const plan *pl, const char *status, int64_t amount)
{
    int64_t ccy = amount;
    if (strcmp(pl->currency, "USD") != 0 && pc_payment_in_currency(amount, pl->rate, &ccy))
        return -1;
    int64_t rows = pc_db_exec(
        &pay_sql, ST_INSERT,
        PC_BINDS(PC_STR(p->idem_key), PC_I64(p->partner_id), PC_I64(p->bill_id), PC_STR(p->method),
                 PC_I64(amount), PC_I64(ccy), PC_STR(pl->currency), PC_STR(pl->rate),
                 PC_STR(status), PC_I64(p->card_id), PC_STR(p->reference ? p->reference : ""),
                 PC_I64(p->user_id), PC_STR(p->now), PC_STR(status), PC_STR(p->now)),
        &p->payment_id);
    if (rows < 0)
        return -1;
    return rows == 0 ? PC_PAY_DONE : 0;
}

/* A card payment is shown as money in and a payment from it (9.4.2.1): two entries. */
static int via_top_up(const pc_pay *p, const plan *pl)
{
    return p->source == PC_SRC_EXTERNAL && p->card_id != 0 && pl->total > 0;
}

static int64_t source_account(const pc_pay *p)
{
    switch (p->source) {
    case PC_SRC_TOP_UP:
        return pc_ledger_partner_account(p->partner_id, "top_up");
    case PC_SRC_CREDIT:
        return pc_ledger_partner_account(p->partner_id, "credit");
    case PC_SRC_WHT:
        return pc_ledger_vendor_account("vendor_tax");
    default:
        return pc_ledger_vendor_account("vendor_cash");
    }
}

/* The journal entries of a payment (see payment.h); p->entry_id the payment's. */
static int post_entries(pc_pay *p, const plan *pl)
{
    int64_t rec = pc_ledger_partner_account(p->partner_id, "receivable");
    int64_t src = source_account(p);
    int64_t top = pc_ledger_partner_account(p->partner_id, "top_up");
    if (rec < 0 || src < 0 || top < 0)
        return -1;
    const char *memo = p->memo ? p->memo : p->method;
    int64_t amount = p->source == PC_SRC_EXTERNAL ? p->amount : pl->total;
    if (via_top_up(p, pl)) {
        char key[140];
        snprintf(key, sizeof key, "%s:top_up", p->idem_key);
        pc_posting in[2] = {{src, amount}, {top, -amount}},
                   out[2] = {{top, pl->total}, {rec, -pl->total}};
        p->top_up_entry_id = pc_ledger_post(key, "top_up", p->partner_id, memo, p->now, in, 2);
        if (p->top_up_entry_id <= 0)
            return -1;
        p->entry_id = pc_ledger_post(p->idem_key, "payment", p->partner_id, memo, p->now, out, 2);
        return p->entry_id <= 0 ? -1 : 0;
    }
    pc_posting post[3] = {{src, amount}, {rec, -pl->total}, {top, -(amount - pl->total)}};
    p->entry_id = pc_ledger_post(p->idem_key, pl->total ? "payment" : "top_up", p->partner_id, memo,
                                 p->now, post, 3);
    return p->entry_id <= 0 ? -1 : 0; /* 0: an entry without its payment row cannot be */
}

/* The entries and the bills of a payment whose row exists (p->payment_id). */
static int post_and_apply(pc_pay *p, const plan *pl)
{
    if (post_entries(p, pl))
        return -1;
    for (size_t i = 0; i < pl->n; i++) {
        if (!pl->amount[i])
            continue;
        if (pc_db_exec(&pay_sql, ST_APPLY, PC_BINDS(PC_I64(pl->amount[i]), PC_I64(pl->bill[i])),
                       NULL) != 1 ||
            pc_db_exec(&pay_sql, ST_ALLOC,
                       PC_BINDS(PC_I64(p->payment_id), PC_I64(pl->bill[i]), PC_I64(pl->amount[i])),
                       NULL) != 1)
            return -1;
    }
    p->applied = pl->total;
    if (pc_db_exec(&pay_sql, ST_DONE,
                   PC_BINDS(PC_I64(p->entry_id), PC_I64(p->top_up_entry_id), PC_STR(p->now),
                            PC_I64(p->payment_id)),
                   NULL) < 0)
        return -1;
    return 0;
}

int pc_payment_pay(pc_pay *p)
{
    plan pl;
    if (p->amount <= 0)
        return PC_PAY_LIMIT;
    int rc = plan_bills(p, &pl);
    if (rc)
        return rc;
    if (p->source == PC_SRC_TOP_UP || p->source == PC_SRC_CREDIT) {
        int64_t acct = pc_ledger_partner_account(p->partner_id,
                                                 p->source == PC_SRC_TOP_UP ? "top_up" : "credit");
        if (acct < 0)
            return -1;
        if ((rc = funds_check(p, acct, pl.total)))
            return rc;
    }
    rc = insert_payment(p, &pl, "INITIATED", p->source == PC_SRC_EXTERNAL ? p->amount : pl.total);
    if (rc)
        return rc;
    return post_and_apply(p, &pl);
}

int pc_payment_top_up(pc_pay *p)
{
    plan pl = {.currency = "USD", .rate = "1"};
    if (p->amount <= 0)
        return PC_PAY_LIMIT;
    p->source = PC_SRC_EXTERNAL;
    p->bill_id = 0;
    if (!p->method)
        p->method = "TOP_UP";
    int rc = insert_payment(p, &pl, "INITIATED", p->amount);
    if (!rc)
        rc = post_and_apply(p, &pl);
    if (rc)
        return rc;
    /* the top-up's invoice (9.4.3a "Top-up"), numbered in this same transaction */
    char reference[61];
    snprintf(reference, sizeof reference, "%s",
             p->reference && p->reference[0] ? p->reference : p->idem_key);
    return pc_invoice_issue_topup(p->partner_id, p->amount, "USD", reference, p->now) < 0 ? -1 : 0;
}

/* A pre-payment is aimed at no bill: its plan is empty, its money all top-up balance. */
static void no_bills(plan *pl)
{
    memset(pl, 0, sizeof *pl);
    strcpy(pl->currency, "USD");
    strcpy(pl->rate, "1");
}

int pc_payment_initiate(pc_pay *p)
{
    plan pl;
    if (p->prepayment) {
        no_bills(&pl);
        p->bill_id = 0;
        return insert_payment(p, &pl, "INITIATED", p->amount);
    }
    int rc = plan_bills(p, &pl);
    if (rc)
        return rc;
    return insert_payment(p, &pl, "INITIATED", p->amount);
}

typedef struct found {
    int64_t id;
    char status[12];
} found;

static int found_row(void *arg, const pc_row *r)
{
    found *f = arg;
    f->id = pc_row_i64(r, 0);
    snprintf(f->status, sizeof f->status, "%s", pc_row_str(r, 1));
    return 0;
}

int pc_payment_card_done(pc_pay *p, int approved, const char *reason)
{
    found f = {0};
    if (pc_db_query(&pay_sql, ST_FIND, PC_BINDS(PC_STR(p->idem_key)), found_row, &f) < 0)
        return -1;
    if (!f.id)
        return PC_PAY_NOT_FOUND;
    if (strcmp(f.status, "INITIATED") != 0)
        return PC_PAY_DONE;
    p->payment_id = f.id;
    if (!approved)
        return pc_db_exec(&pay_sql, ST_FAILED,
                          PC_BINDS(PC_STR(reason ? reason : ""), PC_STR(p->now), PC_I64(f.id)),
                          NULL) < 0
                   ? -1
                   : 0;
    /* the card was charged: the money is recorded whatever happened to the bill meanwhile
     * (paid by someone else: all of it, else what exceeds it, becomes top-up balance) */
    plan pl;
    p->rest_to_top_up = 1;
    int rc = p->prepayment ? PC_PAY_NOT_FOUND : plan_bills(p, &pl);
    if (rc == PC_PAY_NOT_FOUND) {
        no_bills(&pl);
        rc = 0;
    }
    if (rc || (rc = post_and_apply(p, &pl)))
        return rc;
    if (!p->prepayment)
        return 0;
    /* the pre-payment's invoice (9.4.3a), numbered in this same transaction */
    return pc_invoice_issue_prepayment(p->partner_id, p->amount, "USD", p->idem_key, p->now) < 0
               ? -1
               : 0;
}

int pc_payment_balances(int64_t partner_id, int64_t *top_up, int64_t *quota, int64_t *used)
{
    int64_t t = pc_ledger_partner_account(partner_id, "top_up");
    int64_t c = pc_ledger_partner_account(partner_id, "credit");
    if (t < 0 || c < 0)
        return -1;
    int64_t top_up_balance;
    if (pc_ledger_balance(t, &top_up_balance) || pc_ledger_balance(c, used))
        return -1;
    *top_up = -top_up_balance;
    *quota = pc_db_int(&pay_sql, ST_QUOTA, PC_BINDS(PC_I64(partner_id)), 0);
    return *quota < 0 ? -1 : 0;
}

int64_t pc_payment_due_total(int64_t partner_id)
{
    return pc_db_int(&pay_sql, ST_DUE_TOTAL, PC_BINDS(PC_I64(partner_id)), -1);
}

int64_t pc_payment_outstanding(int64_t partner_id, int64_t bill_id)
{
    return pc_db_int(&pay_sql, ST_OUTSTANDING, PC_BINDS(PC_I64(bill_id), PC_I64(partner_id)), -1);
}

int pc_payment_in_currency(int64_t amount, const char *rate, int64_t *out)
{
    __int128 r; /* the rate in 10^-10 */
    if (pc_rate_parse(rate, &r))
        return -1;
    /* amount × rate in 10^-18, to cents (10^-2): divide by 10^16 */
    return pc_money_cents_of((__int128)amount * r, (__int128)10000000000000000LL, out);
}
