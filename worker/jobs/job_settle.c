/*
 * due_settle — the due-date settler (ch09 §9.4.2.1, 3e due_date_settler):
 * daily, for every bill whose deadline passed (its due date is before today,
 * GMT+08:00) and that is not paid: deduct min(top-up balance, outstanding)
 * from the top-up account, then charge the default card through the card
 * provider (within the single-transaction limit), then mark what is still
 * owed OVERDUE.  The payments are keyed (bill id, due date, AUTO | CARD), so
 * a re-run or a run after a crash never pays twice; an overdue bill is not
 * settled again (the partner pays it on the Pay tab).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "billing/payment.h"
#include "billing/txn_limit.h"

enum stmt { ST_DUE, ST_CARD, ST_OVERDUE, ST_FRESH, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_DUE] = "SELECT id, partner_id, due_at FROM partner_bills WHERE due_at < ? "
               "AND status IN ('unpaid', 'partially_paid') AND amount_due > amount_paid "
               "ORDER BY due_at, id LIMIT 1000",
    /* a card past its expiry month is not charged, marked EXPIRED or not yet (job_cards.c) */
    [ST_CARD] = "SELECT id FROM payment_cards WHERE partner_id = ? AND status = 'ACTIVE' "
                "AND expiry >= ? AND is_default = 1 LIMIT 1",
    /* bills not yet due of partners with a card, never charged automatically before */
    [ST_FRESH] = "SELECT b.id, b.partner_id, b.due_at FROM partner_bills b WHERE b.due_at >= ? "
                 "AND b.status IN ('unpaid', 'partially_paid') AND b.amount_due > b.amount_paid "
                 "AND EXISTS (SELECT 1 FROM payment_cards k WHERE k.partner_id = b.partner_id "
                 "AND k.status = 'ACTIVE') AND NOT EXISTS (SELECT 1 FROM payments p "
                 "WHERE p.bill_id = b.id AND p.idempotency_key LIKE 'autocharge:%') "
                 "ORDER BY b.id LIMIT 1000",
    [ST_OVERDUE] = "UPDATE partner_bills SET status = 'overdue' WHERE id = ? "
                   "AND status IN ('unpaid', 'partially_paid') AND amount_due > amount_paid",
};
PC_SQL_TABLE(settle_sql, sql);

#define MAX_BILLS 1000

typedef struct due_bills {
    size_t n;
    int64_t id[MAX_BILLS], partner[MAX_BILLS];
    char due[MAX_BILLS][20];
} due_bills;

static int due_row(void *arg, const pc_row *r)
{
    due_bills *d = arg;
    if (d->n >= MAX_BILLS)
        return 1;
    d->id[d->n] = pc_row_i64(r, 0);
    d->partner[d->n] = pc_row_i64(r, 1);
    snprintf(d->due[d->n++], 20, "%s", pc_row_str(r, 2));
    return 0;
}

typedef struct settle {
    int64_t bill, partner;
    char day[11]; /* the due date, local */
    const char *now;
    pc_pay p;
    int step; /* 0: from the balance; 1: overdue (the card charge: pc_payment_by_card) */
} settle;

static int settle_tx(void *arg)
{
    settle *s = arg;
    int64_t top = 0, quota = 0, used = 0;
    if (s->step == 1)
        return pc_db_exec(&settle_sql, ST_OVERDUE, PC_BINDS(PC_I64(s->bill)), NULL) < 0 ? -1 : 0;
    int64_t owed = pc_payment_outstanding(s->partner, s->bill);
    if (owed < 0 || pc_payment_balances(s->partner, &top, &quota, &used))
        return -1;
    if (top <= 0 || owed <= 0)
        return PC_PAY_SHORT;
    s->p.amount = top < owed ? top : owed;
    return pc_payment_pay(&s->p);
}

/* Charge card `card` for what the bill still owes, within the limit, under payment key `key`.
 * 0 (charged, declined, not tried or tried before) or -1 on a database error. */
static int charge_card(settle *s, int64_t card, const char *key, const char *memo)
{
    int64_t owed = pc_payment_outstanding(s->partner, s->bill);
    char reason[64];
    if (card <= 0 || owed <= 0 || pc_txn_limit("USD", owed) != PC_TXN_OK)
        return 0;
    s->p = (pc_pay){.idem_key = key,
                    .method = "AUTO_CARD_CHARGE",
                    .source = PC_SRC_EXTERNAL,
                    .partner_id = s->partner,
                    .bill_id = s->bill,
                    .amount = owed,
                    .card_id = card,
                    .memo = memo,
                    .now = s->now};
    int rc = pc_payment_by_card(&s->p, NULL, NULL, reason, sizeof reason);
    return rc < 0 ? rc : 0;
}

static int settle_bill(settle *s)
{
    char key[120], card_key[120];
    snprintf(key, sizeof key, "settle:%" PRId64 ":%s:AUTO", s->bill, s->day);
    s->p = (pc_pay){.idem_key = key,
                    .method = "AUTO_DEDUCTION",
                    .source = PC_SRC_TOP_UP,
                    .partner_id = s->partner,
                    .bill_id = s->bill,
                    .memo = "automatic deduction on the due date",
                    .now = s->now};
    s->step = 0;
    int rc = pc_db_tx(settle_tx, s);
    if (rc < 0 || (rc > 0 && rc != PC_PAY_SHORT && rc != PC_PAY_DONE && rc != PC_PAY_NOT_FOUND))
        return -1;
    char month[8];
    pc_clock_cycle_format(pc_clock_cycle_at(s->now), month);
    int64_t card = pc_db_int(&settle_sql, ST_CARD, PC_BINDS(PC_I64(s->partner), PC_STR(month)), 0);
    if (card < 0)
        return -1;
    snprintf(card_key, sizeof card_key, "settle:%" PRId64 ":%s:CARD", s->bill, s->day);
    if (card && charge_card(s, card, card_key, "automatic card charge on the due date") < 0)
        return -1;
    s->step = 1;
    return pc_db_tx(settle_tx, s) ? -1 : 0;
}

int job_due_settle(const char *now, job_result *res)
{
    char today[11], cutoff[20];
    static due_bills d;
    if (pc_clock_local_date_of(now, today)) {
        snprintf(res->error, sizeof res->error, "bad time %s", now);
        return -1;
    }
    pc_clock_day_start(today, 0, cutoff);
    d.n = 0;
    if (pc_db_query(&settle_sql, ST_DUE, PC_BINDS(PC_STR(cutoff)), due_row, &d) < 0) {
        snprintf(res->error, sizeof res->error, "%s", pc_db_error());
        return -1;
    }
    for (size_t i = 0; i < d.n; i++) {
        settle s = {.bill = d.id[i], .partner = d.partner[i], .now = now};
        pc_clock_local_date_of(d.due[i], s.day);
        if (settle_bill(&s)) {
            res->failures++;
            snprintf(res->error, sizeof res->error, "bill %" PRId64 ": %s", s.bill, pc_db_error());
        } else {
            res->items++;
        }
    }
    return res->failures ? -1 : 0;
}

/*
 * card_autocharge — a new bill of a partner with cards is charged to its cards (ch09
 * §9.4.2.2, 3e card_autocharge): the default card first, then the others in the order they
 * were added, until one pays (keys autocharge:<bill>:CARD:<card>, so a re-run tries no card
 * twice); a bill over the single-transaction limit is left for the partner and the due-date
 * settler.
 */
int job_card_autocharge(const char *now, job_result *res)
{
    static due_bills d;
    d.n = 0;
    if (pc_db_query(&settle_sql, ST_FRESH, PC_BINDS(PC_STR(now)), due_row, &d) < 0) {
        snprintf(res->error, sizeof res->error, "%s", pc_db_error());
        return -1;
    }
    for (size_t i = 0; i < d.n; i++) {
        settle s = {.bill = d.id[i], .partner = d.partner[i], .now = now};
        int64_t cards[PC_PAY_CARDS_MAX];
        char month[8];
        pc_clock_cycle_format(pc_clock_cycle_at(now), month);
        int n = pc_payment_cards(s.partner, month, cards), rc = n < 0 ? -1 : 0;
        for (int k = 0; rc >= 0 && k < n; k++) {
            char key[120];
            snprintf(key, sizeof key, "autocharge:%" PRId64 ":CARD:%" PRId64, s.bill, cards[k]);
            rc = charge_card(&s, cards[k], key, "automatic card charge of a new bill");
            if (rc >= 0 && pc_payment_outstanding(s.partner, s.bill) == 0)
                break;
        }
        if (rc < 0) {
            res->failures++;
            snprintf(res->error, sizeof res->error, "bill %" PRId64 ": %s", s.bill, pc_db_error());
        } else {
            res->items++;
        }
    }
    return res->failures ? -1 : 0;
}
