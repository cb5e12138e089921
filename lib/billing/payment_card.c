#include <stddef.h>

#include "base/db.h"
#include "billing/payment.h"
#include "billing/payment_provider.h"

enum stmt { ST_CARDS, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CARDS] = "SELECT id FROM payment_cards WHERE partner_id = ? AND status = 'ACTIVE' "
                 "AND expiry >= ? ORDER BY is_default DESC, id LIMIT 10",
};
PC_SQL_TABLE(card_sql, sql);
_Static_assert(PC_PAY_CARDS_MAX == 10, "the LIMIT of ST_CARDS");

typedef struct card_list {
    int64_t *ids;
    int n;
} card_list;

static int card_row(void *arg, const pc_row *r)
{
    card_list *l = arg;
    if (l->n < PC_PAY_CARDS_MAX)
        l->ids[l->n++] = pc_row_i64(r, 0);
    return 0;
}

int pc_payment_cards(int64_t partner_id, const char *month, int64_t ids[PC_PAY_CARDS_MAX])
{
    card_list l = {ids, 0};
    if (pc_db_query(&card_sql, ST_CARDS, PC_BINDS(PC_I64(partner_id), PC_STR(month)), card_row,
                    &l) < 0)
        return -1;
    return l.n;
}

typedef struct card_run {
    pc_pay *p;
    int step, approved;
    const char *reason;
    pc_pay_step_fn then;
    void *arg;
} card_run;

static int card_tx(void *arg)
{
    card_run *r = arg;
    int rc = r->step == 1 ? pc_payment_initiate(r->p)
                          : pc_payment_card_done(r->p, r->approved, r->reason);
    if (rc || !r->then)
        return rc;
    return r->then(r->arg, r->p, r->step, r->approved);
}

int pc_payment_by_card(pc_pay *p, pc_pay_step_fn then, void *arg, char *reason, size_t len)
{
    const pc_card_provider *prov = pc_card_provider_get();
    reason[0] = '\0';
    if (!prov)
        return PC_PAY_UNREACHABLE;
    card_run r = {p, 1, 0, reason, then, arg};
    int rc = pc_db_tx(card_tx, &r);
    if (rc)
        return rc;
    /* outside any transaction: the provider may take seconds */
    int ok = prov->charge(p->card_id, "USD", p->amount, p->idem_key, reason, len);
    if (ok < 0)
        return PC_PAY_UNREACHABLE; /* the payment stays INITIATED: nothing charged or posted */
    r.step = 2;
    r.approved = ok;
    rc = pc_db_tx(card_tx, &r);
    if (rc && rc != PC_PAY_DONE) /* DONE: the answer was recorded meanwhile */
        return rc;
    return ok ? PC_PAY_OK : PC_PAY_DECLINED;
}
