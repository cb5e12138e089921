/*
 * payment — the one place that moves money into a partner's account and
 * onto its bills (ch09 §9.4.1.1, §9.4.2.1; issue 6).  Each function runs
 * inside the caller's pc_db_tx and writes, together: the payments row (its
 * idempotency key UNIQUE), one journal entry (pc_ledger_post, keyed by the
 * same key), the bills' amount_paid and status and what the payment paid on
 * each bill (payment_allocations).
 *
 * Entries (debit > 0, credit < 0):
 *   top-up                     vendor_cash +x   p:top_up −x
 *   from the top-up balance    p:top_up +x      p:receivable −x
 *   from the credit account    p:credit +x      p:receivable −x
 *   by bank, remittance        vendor_cash +x   p:receivable −x  (what is left over: p:top_up −)
 *   by card                    two entries (9.4.2.1: a top-up line and a payment line):
 *                              "<key>:top_up"  vendor_cash +x   p:top_up −x
 *                              "<key>"         p:top_up +y      p:receivable −y  (y: onto bills)
 *   a WHT certificate          vendor_tax +x    p:receivable −x  (§13.7: the tax withheld)
 * Bill status: unpaid → partially_paid → paid; an overdue bill stays
 * overdue until it is paid.
 */
#ifndef PC_PAYMENT_H
#define PC_PAYMENT_H
#include <stddef.h>
#include <stdint.h>

enum {
    PC_PAY_OK = 0,
    PC_PAY_DONE = 1,        /* the idempotency key was paid before: nothing changed */
    PC_PAY_NOT_FOUND = 2,   /* no such bill of this partner, or nothing unpaid */
    PC_PAY_OVER_DUE = 3,    /* more than the bill's outstanding amount */
    PC_PAY_SHORT = 4,       /* the top-up balance or the available credit is too small */
    PC_PAY_LIMIT = 5,       /* outside the single-transaction limits (lib/txn_limit) */
    PC_PAY_DECLINED = 6,    /* pc_payment_by_card: the provider declined; the payment is FAILED */
    PC_PAY_UNREACHABLE = 7, /* pc_payment_by_card: no provider or no answer; nothing was posted */
};

/* Where the money of a payment comes from: its payments.method and entry. */
typedef enum {
    PC_SRC_TOP_UP,   /* the top-up balance (BALANCE_DEDUCTION, AUTO_DEDUCTION) */
    PC_SRC_CREDIT,   /* the credit account (CREDIT_DEDUCTION) */
    PC_SRC_EXTERNAL, /* card, bank transfer, remittance claim: new money in */
    PC_SRC_WHT,      /* tax the partner withheld and paid for the vendor (method WHT) */
} pc_pay_source;

typedef struct pc_pay {
    const char *idem_key; /* payments.idempotency_key and the journal entry's key */
    const char *method;   /* a payments.method */
    pc_pay_source source;
    int64_t partner_id;
    int64_t bill_id;       /* 0: the oldest unpaid bills first */
    int64_t amount;        /* USD ×10^8, > 0 */
    int64_t card_id;       /* 0: none */
    int64_t user_id;       /* 0: the worker or the operator's import */
    int rest_to_top_up;    /* external money aimed at a bill: what exceeds the bill becomes
                              top-up balance instead of PC_PAY_OVER_DUE (bank transfers) */
    const char *reference; /* provider or bank reference, may be NULL */
    const char *memo;
    const char *now; /* UTC "YYYY-MM-DD HH:MM:SS" */
    int prepayment;  /* a card charge paid ahead of the bill (the quota overrun of 9.4.2.2):
                        all of it becomes top-up balance, with a pre-payment invoice */
    /* out */
    int64_t payment_id;
    int64_t entry_id;        /* the payment's entry (payments.journal_entry_id) */
    int64_t top_up_entry_id; /* a card payment's top-up entry, else 0 */
    int64_t applied; /* what went onto bills; for PC_SRC_EXTERNAL the rest is top-up balance */
} pc_pay;

/*
 * Pay bills.  With bill_id, the amount must not exceed that bill's
 * outstanding amount (PC_PAY_OVER_DUE); without, it pays the oldest unpaid
 * bills first: from the top-up balance or credit up to what is outstanding
 * (the rest stays), from outside everything (the rest becomes top-up
 * balance).  Returns PC_PAY_* or -1 on a database error (the caller rolls back).
 */
int pc_payment_pay(pc_pay *p);

/* Put new money on the partner's top-up balance (method TOP_UP or the one given). */
int pc_payment_top_up(pc_pay *p);

/*
 * A card payment in two steps around the provider: record it INITIATED
 * (outside the money transaction), then pc_payment_card_done() in one
 * transaction: SUCCEEDED pays as pc_payment_pay, FAILED records the reason.
 */
int pc_payment_initiate(pc_pay *p);
int pc_payment_card_done(pc_pay *p, int approved, const char *reason);

/*
 * A card payment end to end (lib/billing/payment_card.c): p (card_id, amount, idem_key…)
 * is initiated in one transaction, the provider is asked outside any, and its
 * answer is recorded in a second.  then (may be NULL) runs inside each of the
 * two transactions after the payment's own step — step 1 initiated, step 2
 * answered (approved 1 or 0) — and rolls it back by returning non-zero.
 * Returns PC_PAY_OK (charged), PC_PAY_DECLINED (reason says why),
 * PC_PAY_UNREACHABLE (the payment stays INITIATED, nothing charged or posted),
 * PC_PAY_DONE (the key was used before), another refusal of the first step,
 * or -1 on a database error.
 */
typedef int (*pc_pay_step_fn)(void *arg, const pc_pay *p, int step, int approved);
int pc_payment_by_card(pc_pay *p, pc_pay_step_fn then, void *arg, char *reason, size_t len);

/* The partner's cards that may be charged in local month ("YYYY-MM"): ACTIVE, not expired, the
 * default first, at most PC_PAY_CARDS_MAX of them into ids.  The count, or -1 on error. */
#define PC_PAY_CARDS_MAX 10
int pc_payment_cards(int64_t partner_id, const char *month, int64_t ids[PC_PAY_CARDS_MAX]);

/* The partner's balances as a person reads them (USD ×10^8): top-up money,
 * credit quota, credit used.  -1 on error. */
int pc_payment_balances(int64_t partner_id, int64_t *top_up, int64_t *quota, int64_t *used);

/* What the partner's bills still owe together (Σ amount_due − amount_paid; the Funds page's
 * Amount Due, the API's due_amount), -1 on error. */
int64_t pc_payment_due_total(int64_t partner_id);

/* Outstanding amount of a bill of the partner (amount_due − amount_paid), -1 when not found. */
int64_t pc_payment_outstanding(int64_t partner_id, int64_t bill_id);

/*
 * amount (USD ×10^8) in a currency at `rate` (a decimal string of at most 10
 * decimals: "0.9010211901", the rate of one USD), rounded half-up to the cent
 * (3d.9).  Returns 0 and *out, or -1 on a bad rate or overflow.
 */
int pc_payment_in_currency(int64_t amount, const char *rate, int64_t *out);

#endif
