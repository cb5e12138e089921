#include "billing/camt.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "billing/payment.h"
#include "billing/rf_ref.h"

enum stmt { ST_STATEMENT, ST_STATEMENT_COUNT, ST_ENTRY, ST_ENTRY_PAID, ST_BILL_PARTNER, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* affected rows 0: imported before */
    [ST_STATEMENT] = "INSERT INTO bank_statements (stmt_id, account, currency, opening, closing, "
                     "entry_count, file_name, imported_by, imported_at) "
                     "VALUES (?, ?, ?, ?, ?, 0, LEFT(?, 255), NULLIF(?, 0), ?) "
                     "ON DUPLICATE KEY UPDATE id = id",
    /* at the statement's end, when its entries are all read */
    [ST_STATEMENT_COUNT] = "UPDATE bank_statements SET entry_count = ? WHERE id = ?",
    [ST_ENTRY] = "INSERT INTO bank_entries (statement_id, entry_ref, amount, currency, direction, "
                 "booking_date, debtor, remittance, status) "
                 "VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?) ON DUPLICATE KEY UPDATE id = id",
    [ST_ENTRY_PAID] = "UPDATE bank_entries SET status = 'matched', bill_id = ?, payment_id = ? "
                      "WHERE id = ?",
    [ST_BILL_PARTNER] = "SELECT partner_id FROM partner_bills WHERE id = ?",
};
PC_SQL_TABLE(camt_sql, sql);

typedef struct store {
    const char *file_name, *now;
    int64_t user_id;
    pc_camt_result *r;
    char stmt_id[65];
    int64_t stmt_row; /* 0: not inserted yet; -1: imported before */
} store;

static int stmt_row(store *st, const pc_camt_stmt *s)
{
    if (st->stmt_row && !strcmp(st->stmt_id, s->id))
        return 0;
    snprintf(st->stmt_id, sizeof st->stmt_id, "%s", s->id);
    int64_t id = 0;
    int64_t n = pc_db_exec(&camt_sql, ST_STATEMENT,
                           PC_BINDS(PC_STR(s->id), PC_STR(s->account), PC_STR(s->currency),
                                    PC_I64(s->opening), PC_I64(s->closing), PC_STR(st->file_name),
                                    PC_I64(st->user_id), PC_STR(st->now)),
                           &id);
    if (n < 0)
        return -1;
    st->stmt_row = n == 0 ? -1 : id;
    if (n == 0)
        st->r->skipped++;
    else
        st->r->statements++;
    return 0;
}

/* A credit carrying a bill's RF reference is paid onto that bill (the rest: top-up). */
static int match(store *st, const pc_camt_entry *e, int64_t entry_id)
{
    int64_t bill = pc_rf_find_bill(e->remittance);
    if (!bill || strcmp(e->currency, "USD") != 0)
        return 0;
    int64_t partner = pc_db_int(&camt_sql, ST_BILL_PARTNER, PC_BINDS(PC_I64(bill)), 0);
    if (partner <= 0)
        return partner < 0 ? -1 : 0;
    char key[120];
    snprintf(key, sizeof key, "bank:%s", e->ref);
    pc_pay p = {.idem_key = key,
                .method = "BANK_TRANSFER",
                .source = PC_SRC_EXTERNAL,
                .partner_id = partner,
                .bill_id = bill,
                .amount = e->amount,
                .rest_to_top_up = 1,
                .reference = e->ref,
                .memo = "bank transfer",
                .now = st->now};
    int rc = pc_payment_pay(&p);
    if (rc == PC_PAY_NOT_FOUND) { /* the bill is paid already: all of it is top-up balance */
        p.bill_id = 0;
        rc = pc_payment_top_up(&p);
    }
    if (rc)
        return rc == PC_PAY_DONE ? 0 : -1;
    if (pc_db_exec(&camt_sql, ST_ENTRY_PAID,
                   PC_BINDS(PC_I64(bill), PC_I64(p.payment_id), PC_I64(entry_id)), NULL) != 1)
        return -1;
    st->r->matched++;
    st->r->waiting--;
    return 0;
}

static int store_entry(void *arg, const pc_camt_stmt *s, const pc_camt_entry *e)
{
    store *st = arg;
    if (stmt_row(st, s))
        return -1;
    if (st->stmt_row < 0)
        return 0;
    if (!e->booked) { /* pending or information: not on the account (yet) */
        st->r->not_booked++;
        return 0;
    }
    int64_t id = 0;
    int64_t n = pc_db_exec(&camt_sql, ST_ENTRY,
                           PC_BINDS(PC_I64(st->stmt_row), PC_STR(e->ref), PC_I64(e->amount),
                                    PC_STR(e->currency), PC_STR(e->direction > 0 ? "CRDT" : "DBIT"),
                                    PC_STR(e->booking), PC_STR(e->debtor), PC_STR(e->remittance),
                                    PC_STR(e->direction > 0 ? "waiting" : "debit")),
                           &id);
    if (n < 0)
        return -1;
    if (n == 0)
        return 0; /* an entry imported before with another statement */
    st->r->entries++;
    if (e->direction < 0)
        return 0;
    st->r->waiting++;
    return match(st, e, id);
}

static int store_stmt(void *arg, const pc_camt_stmt *s)
{
    store *st = arg;
    int rc = stmt_row(st, s); /* a statement without entries */
    if (rc == 0 && st->stmt_row > 0 &&
        pc_db_exec(&camt_sql, ST_STATEMENT_COUNT,
                   PC_BINDS(PC_I64(s->entries), PC_I64(st->stmt_row)), NULL) < 0)
        rc = -1;
    st->stmt_row = 0;
    return rc;
}

typedef struct import_tx_arg {
    const char *path;
    store st;
} import_tx_arg;

static int import_tx(void *arg)
{
    import_tx_arg *x = arg;
    pc_camt_result *r = x->st.r;
    r->statements = r->skipped = r->entries = r->matched = r->waiting = r->not_booked = 0;
    x->st.stmt_row = 0;
    int rc = pc_camt_read(x->path, store_entry, store_stmt, &x->st, r->error, sizeof r->error);
    return rc == 1 ? 1 : rc ? -1 : 0;
}

int pc_camt_import(const char *path, const char *file_name, int64_t user_id, const char *now,
                   pc_camt_result *r)
{
    memset(r, 0, sizeof *r);
    int rc = pc_camt_read(path, NULL, NULL, NULL, r->error, sizeof r->error);
    if (rc)
        return 1;
    import_tx_arg x = {path, {file_name, now, user_id, r, "", 0}};
    rc = pc_db_tx(import_tx, &x);
    return rc == 1 ? 1 : rc ? -1 : 0;
}
