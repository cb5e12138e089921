/*
 * pcadm top-up — a bank transfer the vendor received for a partner without a
 * bill reference, credited by the operator after the partner's service
 * ticket (ch09 §9.4.2.1: "the vendor tops up within 3 working days").  One
 * transaction through lib/payment with its audit event; the bank reference is
 * the idempotency key.
 */
#include "cli/funds_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/audit.h"
#include "base/clock.h"
#include "base/db.h"
#include "base/money.h"
#include "billing/payment.h"

enum stmt { ST_PARTNER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] = "SELECT COUNT(*) FROM partners WHERE id = ?",
};
PC_SQL_TABLE(cli_sql, sql);

static int top_up_tx(void *arg)
{
    pc_pay *p = arg;
    int rc = pc_payment_top_up(p);
    if (rc)
        return rc;
    char detail[160];
    snprintf(detail, sizeof detail, "amount=%lld reference=%s", (long long)p->amount, p->reference);
    pc_audit(&(pc_audit_event){.partner_id = p->partner_id,
                               .action = "funds.top_up",
                               .object_type = "payment",
                               .object_id = p->payment_id,
                               .result = "ok",
                               .detail = detail});
    return 0;
}

int funds_top_up_cli(const char *partner, const char *amount, const char *reference)
{
    char *end;
    long long id = strtoll(partner, &end, 10);
    int64_t v = 0;
    char now[20], key[120];
    if (*end || id <= 0 || pc_db_int(&cli_sql, ST_PARTNER, PC_BINDS(PC_I64(id)), 0) != 1) {
        fprintf(stderr, "top-up: no partner %s\n", partner);
        return 1;
    }
    if (pc_money_parse(amount, &v) || v <= 0 || v % (PC_MONEY_SCALE / 100)) {
        fprintf(stderr, "top-up: the amount must be above 0 with at most 2 decimals: %s\n", amount);
        return 1;
    }
    if (!*reference || strlen(reference) > 64) {
        fprintf(stderr, "top-up: the bank reference must have 1 to 64 characters\n");
        return 1;
    }
    pc_clock_now_text(now);
    snprintf(key, sizeof key, "topup:bank:%s", reference);
    pc_pay p = {.idem_key = key,
                .method = "BANK_TRANSFER",
                .partner_id = id,
                .amount = v,
                .reference = reference,
                .memo = "bank transfer top-up",
                .now = now};
    int rc = pc_db_tx(top_up_tx, &p);
    if (rc == PC_PAY_DONE) {
        printf("top-up %s: already credited\n", reference);
        return 0;
    }
    if (rc) {
        fprintf(stderr, "top-up: database error %s\n", pc_db_error());
        return 1;
    }
    printf("top-up %s: payment %lld, entry %lld\n", reference, (long long)p.payment_id,
           (long long)p.entry_id);
    return 0;
}
