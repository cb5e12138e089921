/*
 * The card jobs of ch09 §9.4.2.2 (Worker: "auto-charge … on quota overrun
 * (hourly check); card-expiry marking daily").
 *
 * card_quota — hourly.  A partner with a usable card whose spending passes
 * its credit quota is charged the excess at once (the spec's proposal:
 * "charge the excess immediately when unbilled estimate + unpaid > quota"):
 *   exposure = Σ unpaid bills + unbilled estimates (months without a bill)
 *              + credit used − top-up balance
 *   excess   = exposure − quota, rounded up to the cent, at most the
 *              single-transaction limit (the rest at the next hour).
 * The charge is a pre-payment (money ahead of the bill: it becomes top-up
 * balance, which the due-date settler deducts; it gets a pre-payment
 * invoice in its transaction).  Keys quota:<partner>:<yyyymmddhh UTC>:CARD:<card>:
 * a partner with any payment of the hour is not charged again that hour, so
 * a re-run never charges twice; the next hour the top-up balance holds what
 * was charged, so the excess is gone; a charge whose answer never came
 * (INITIATED: the provider could not be reached) stops further charges of
 * the partner until it is resolved.  The default card first, then the
 * others in the order they were added, until one pays.
 *
 * card_expiry — daily: an ACTIVE card whose expiry month (YYYY-MM) is before
 * this month (GMT+08:00) becomes EXPIRED.  No job charges a card past its
 * month even before it is marked (the card queries compare the expiry).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/money.h"
#include "billing/payment.h"
#include "billing/txn_limit.h"

enum stmt { ST_OVER, ST_EXPIRE, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* ledger balances: top_up is credit-normal (negative = money held), credit debit-normal */
    [ST_OVER] =
        "SELECT q.partner_id, (SELECT COALESCE(SUM(b.amount_due - b.amount_paid), 0) FROM "
        "partner_bills b WHERE b.partner_id = q.partner_id AND b.amount_due > b.amount_paid) + "
        "(SELECT COALESCE(SUM(e.amount), 0) FROM bill_estimates e WHERE e.partner_id = "
        "q.partner_id AND NOT EXISTS (SELECT 1 FROM partner_bills b2 WHERE b2.partner_id = "
        "e.partner_id AND b2.billing_cycle = e.billing_cycle)) + COALESCE((SELECT a.balance FROM "
        "ledger_accounts a WHERE a.code = CONCAT('p', q.partner_id, ':credit')), 0) + "
        "COALESCE((SELECT a.balance FROM ledger_accounts a WHERE a.code = CONCAT('p', "
        "q.partner_id, ':top_up')), 0) - q.quota AS excess FROM credit_quotas q "
        "WHERE EXISTS (SELECT 1 FROM payment_cards k WHERE k.partner_id = q.partner_id AND "
        "k.status = 'ACTIVE' AND k.expiry >= ?) AND NOT EXISTS (SELECT 1 FROM payments p WHERE "
        "p.partner_id = q.partner_id AND p.idempotency_key LIKE CONCAT('quota:', q.partner_id, "
        "':', ?, ':%')) AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.partner_id = "
        "q.partner_id AND p.status = 'INITIATED' AND p.idempotency_key LIKE CONCAT('quota:', "
        "q.partner_id, ':%')) HAVING excess > 0 ORDER BY q.partner_id LIMIT 1000",
    [ST_EXPIRE] = "UPDATE payment_cards SET status = 'EXPIRED' WHERE status = 'ACTIVE' "
                  "AND expiry < ?",
};
PC_SQL_TABLE(cards_job_sql, sql);

#define MAX_PARTNERS 1000

typedef struct over {
    size_t n;
    int64_t partner[MAX_PARTNERS], excess[MAX_PARTNERS];
} over;

static int over_row(void *arg, const pc_row *r)
{
    over *o = arg;
    if (o->n >= MAX_PARTNERS)
        return 1;
    o->partner[o->n] = pc_row_i64(r, 0);
    o->excess[o->n++] = pc_row_i64(r, 1);
    return 0;
}

/* Charge `amount` to card `card` as a pre-payment under `key`: 1 paid, 0 not (declined,
 * unreachable, or the key was used), -1 on a database error. */
static int prepay(int64_t partner, int64_t card, int64_t amount, const char *key, const char *now)
{
    char reason[64];
    pc_pay p = {.idem_key = key,
                .method = "AUTO_CARD_CHARGE",
                .source = PC_SRC_EXTERNAL,
                .partner_id = partner,
                .amount = amount,
                .card_id = card,
                .prepayment = 1,
                .memo = "card charge of a credit quota overrun (pre-payment)",
                .now = now};
    int rc = pc_payment_by_card(&p, NULL, NULL, reason, sizeof reason);
    if (rc == PC_PAY_OK)
        return 1;
    return rc == PC_PAY_DONE || rc == PC_PAY_DECLINED || rc == PC_PAY_UNREACHABLE ? 0 : -1;
}

/* The excess rounded up to the cent and cut to the single-transaction limit. */
static int64_t to_charge(int64_t excess)
{
    const int64_t cent = PC_MONEY_SCALE / 100;
    int64_t amount = (excess + cent - 1) / cent * cent;
    const int64_t limit = INT64_C(40000) * PC_MONEY_SCALE; /* lib/txn_limit's USD upper limit */
    if (amount > limit)
        amount = limit;
    return pc_txn_limit("USD", amount) == PC_TXN_OK ? amount : 0;
}

int job_card_quota(const char *now, job_result *res)
{
    static over o;
    char month[8], hour[16];
    time_t t;
    if (pc_clock_parse(now, &t)) {
        snprintf(res->error, sizeof res->error, "bad time %s", now);
        return -1;
    }
    pc_clock_cycle_format(pc_clock_cycle_of(t), month);
    strftime(hour, sizeof hour, "%Y%m%d%H", gmtime(&t));
    o.n = 0;
    if (pc_db_query(&cards_job_sql, ST_OVER, PC_BINDS(PC_STR(month), PC_STR(hour)), over_row, &o) <
        0) {
        snprintf(res->error, sizeof res->error, "%s", pc_db_error());
        return -1;
    }
    for (size_t i = 0; i < o.n; i++) {
        int64_t amount = to_charge(o.excess[i]);
        int64_t cards[PC_PAY_CARDS_MAX];
        int n = pc_payment_cards(o.partner[i], month, cards), rc = n < 0 ? -1 : 0;
        for (int k = 0; rc >= 0 && k < n && amount > 0; k++) {
            char key[120];
            snprintf(key, sizeof key, "quota:%" PRId64 ":%s:CARD:%" PRId64, o.partner[i], hour,
                     cards[k]);
            if ((rc = prepay(o.partner[i], cards[k], amount, key, now)) == 1)
                break;
        }
        if (rc < 0) {
            res->failures++;
            snprintf(res->error, sizeof res->error, "partner %" PRId64 ": %s", o.partner[i],
                     pc_db_error());
        } else {
            res->items++;
        }
    }
    return res->failures ? -1 : 0;
}

int job_card_expiry(const char *now, job_result *res)
{
    char month[8];
    int cycle = pc_clock_cycle_at(now);
    if (!cycle) {
        snprintf(res->error, sizeof res->error, "bad time %s", now);
        return -1;
    }
    pc_clock_cycle_format(cycle, month);
    int64_t n = pc_db_exec(&cards_job_sql, ST_EXPIRE, PC_BINDS(PC_STR(month)), NULL);
    if (n < 0) {
        snprintf(res->error, sizeof res->error, "%s", pc_db_error());
        return -1;
    }
    res->items = (int)n;
    return 0;
}
