/*
 * The monthly bill run (spec 9.4.1.2 worker steps, 3e monthly_bill_run).
 *
 * From Billing.run_day of month M+1 (GMT+08:00) the `bills` job bills month
 * M for every partner (not a reseller: a distributor is billed for its
 * resellers' customers) with reseller records in M, or late records of an
 * earlier billed month waiting (bill_late_lines), and no bill of M yet.  Each
 * partner's bill is one transaction: lock the partner row (SKIP LOCKED: a
 * second worker passes over a partner the first is billing), check that no
 * bill exists (UNIQUE (partner, cycle) backs it), read the records, settle,
 * return and allocate coupons, tax, write the header, the lines, the coupon
 * usage and balances and the bill's journal entry.  A run killed anywhere
 * leaves either a whole bill or nothing, so running again gives the same
 * bills as an uninterrupted run; a re-run finds every bill made and writes
 * nothing.
 *
 * Test hooks (environment): PC_BILLS_EXIT_AFTER=N ends the process after N
 * bills were committed; PC_BILLS_EXIT_IN_TX=N ends it inside the N-th bill's
 * transaction, after its lines were written and before the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bills/bill_load.h"
#include "bills/bills.h"
#include "base/clock.h"
#include "base/bulk.h"
#include "base/conf.h"
#include "base/db.h"
#include "usage/expenditure.h"
#include "billing/invoice.h"
#include "jobs/jobs.h"
#include "billing/ledger.h"

enum stmt {
    ST_PARTNERS,
    ST_LOCK,
    ST_LOCK_CYCLE,
    ST_BILL_EXISTS,
    ST_HEADER,
    ST_ENTRY_OF,
    ST_COUPON_SPEND,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_PARTNERS] = "SELECT p.id FROM partners p WHERE " BILL_PARTNER_HAS_LINES(
        "p") " AND NOT "
             "EXISTS (SELECT 1 FROM partner_bills b WHERE b.partner_id = p.id AND "
             "b.billing_cycle = ?) ORDER BY p.id",
    [ST_LOCK] = "SELECT id FROM partners WHERE id = ? FOR UPDATE SKIP LOCKED",
    /* before any read: a record of the cycle stored meanwhile is read by this bill or, its
       transaction waiting for this one, sees the bill and is queued as late (expenditure.h) */
    [ST_LOCK_CYCLE] = "SELECT billing_cycle FROM bill_cycle_locks WHERE billing_cycle = ? "
                      "LOCK IN SHARE MODE",
    [ST_BILL_EXISTS] =
        "SELECT COUNT(*) FROM partner_bills WHERE partner_id = ? AND billing_cycle = ?",
    [ST_HEADER] = "INSERT INTO partner_bills (partner_id, billing_cycle, status, line_count, "
                  "list_total, expenditures, refunds, adjustments, total_exact, total_rounded, "
                  "coupons_used, tax, amount_due, credited, tax_region, tax_rate_ppm, "
                  "payment_currency, exchange_rate, due_at, generated_at, canonical_sha256) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_ENTRY_OF] = "UPDATE partner_bills SET journal_entry_id = ? WHERE id = ?",
    [ST_COUPON_SPEND] = "UPDATE coupons SET balance = balance - ?, "
                        "status = IF(balance = 0, 'used', 'available') WHERE id = ?",
};
PC_SQL_TABLE(bills_sql, sql);

#define LINE_BINDS 21
BULK_STMT(bill_lines_insert,
          "INSERT INTO bill_lines (bill_id, line_id, customer_id, product_id, billing_mode, "
          "bill_type, list_amount, settlement_type, discount_ppm, fixed_price, linear_size_milli, "
          "usage_days_bp, discount_ref, settlement, coupons, refund_coupons, tax, amount_due, "
          "partner_id, late_cycle, covered) VALUES ",
          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", "", 200, LINE_BINDS);
BULK_STMT(coupon_usage_insert,
          "INSERT INTO coupon_usage (coupon_id, bill_id, line_id, billing_cycle, amount) VALUES ",
          "(?,?,?,?,?)", "", 100, 5);

typedef struct partners {
    int64_t *id;
    size_t n;
} partners;

static int partner_row(void *arg, const pc_row *r)
{
    partners *p = arg;
    int64_t *grown = realloc(p->id, (p->n + 1) * sizeof *grown);
    if (!grown)
        abort();
    p->id = grown;
    p->id[p->n++] = pc_row_i64(r, 0);
    return 0;
}

/* The local month before the one of `now` (yyyymm) and the local day of the month. */
static int previous_cycle(const char *now, int *day)
{
    char today[11];
    pc_clock_local_date_of(now, today);
    *day = atoi(today + 8);
    return pc_clock_cycle_add(pc_clock_cycle_of_date(today), -1);
}

/* 10^-8 amounts → the SQL value; NULL for the "not used" -1 of optional fields. */
static pc_bind optional(int64_t v)
{
    return v < 0 ? PC_NULL : PC_I64(v);
}

static int write_lines(int64_t bill_id, const bill_input *in)
{
    pc_bind b[200 * LINE_BINDS];
    for (size_t i = 0; i < in->nlines;) {
        int n = 0;
        for (; i < in->nlines && n < 200; i++, n++) {
            const bc_line *l = &in->lines[i];
            pc_bind *p = &b[n * LINE_BINDS];
            p[0] = PC_I64(bill_id), p[1] = PC_I64(l->line_id), p[2] = PC_I64(l->customer_id);
            p[3] = PC_I64(l->product_id), p[4] = PC_STR(l->billing_mode);
            p[5] = PC_STR(bc_bill_type_name[l->bill_type]), p[6] = PC_I64(l->list_amount);
            p[7] = PC_STR(bc_settlement_name[l->settlement_type]);
            p[8] = optional(l->discount_ppm), p[9] = optional(l->fixed_price);
            p[10] = optional(l->linear_size_milli), p[11] = optional(l->applied_usage_days_bp);
            p[12] = PC_STR(l->discount_ref), p[13] = PC_I64(l->settlement);
            p[14] = PC_I64(l->coupons), p[15] = PC_I64(l->refund_coupons);
            p[16] = PC_I64(l->tax), p[17] = PC_I64(l->amount_due);
            p[18] = PC_I64(l->partner_id);
            p[19] = l->late_cycle ? PC_I64(l->late_cycle) : PC_NULL;
            p[20] = PC_I64(l->covered);
        }
        if (bulk_exec(&bill_lines_insert, b, n) != n)
            return -1;
    }
    return 0;
}

/* Usage rows, the coupons' cached balances and their postings in the bill's entry. */
static int write_coupons(int64_t bill_id, const bill_input *in, pc_posting *post, size_t *npost)
{
    pc_bind b[100 * 5];
    for (size_t i = 0; i < in->nusage;) {
        int n = 0;
        for (; i < in->nusage && n < 100; i++, n++) {
            const bc_usage *u = &in->usage[i];
            pc_bind *p = &b[n * 5];
            p[0] = PC_I64(u->coupon_id), p[1] = PC_I64(bill_id);
            p[2] = PC_I64(in->lines[u->line].line_id), p[3] = PC_I64(in->cycle);
            p[4] = PC_I64(u->amount);
        }
        if (bulk_exec(&coupon_usage_insert, b, n) != n)
            return -1;
    }
    for (size_t i = 0; i < in->nusage; i++) {
        const bc_usage *u = &in->usage[i];
        int64_t account = pc_ledger_coupon_account(u->coupon_id, in->partner_id);
        if (account <= 0 ||
            pc_db_exec(&bills_sql, ST_COUPON_SPEND,
                       PC_BINDS(PC_I64(u->amount), PC_I64(u->coupon_id)), NULL) != 1)
            return -1;
        post[(*npost)++] = (pc_posting){account, u->amount}; /* the coupon's liability shrinks */
    }
    return 0;
}

/* A bill whose refunds make it negative owes the partner: the amount is credited to its top-up
   balance (an account-statement line "Refund") instead of disappearing into the rounding. */
static int credit_negative_bill(const bill_input *in, const bc_totals *t, const char *now)
{
    if (t->credited == 0)
        return 0;
    int64_t receivable = pc_ledger_partner_account(in->partner_id, "receivable"),
            top_up = pc_ledger_partner_account(in->partner_id, "top_up");
    if (receivable <= 0 || top_up <= 0)
        return -1;
    pc_posting post[] = {{receivable, t->credited}, {top_up, -t->credited}};
    char key[64], memo[80];
    snprintf(key, sizeof key, "bill_credit:%lld:%d", (long long)in->partner_id, in->cycle);
    char cycle[8];
    snprintf(memo, sizeof memo, "negative partner bill %s",
             pc_clock_cycle_format(in->cycle, cycle));
    return pc_ledger_post(key, "refund", in->partner_id, memo, now, post, 2) > 0 ? 0 : -1;
}

/* The bill's journal entry: receivable for the rounded total due (negative: what is credited
   back), coupons used, sales, tax, and only the sub-cent rounding of the total to the rounding
   account (lib/billing/ledger.h signs). */
static int post_bill(int64_t bill_id, const bill_input *in, const bc_totals *t, const char *now)
{
    size_t n = 0;
    pc_posting *post = malloc((in->nusage + 4) * sizeof *post);
    if (!post)
        abort();
    int rc = -1;
    int64_t receivable = pc_ledger_partner_account(in->partner_id, "receivable"),
            sales = pc_ledger_vendor_account("vendor_sales"),
            tax = pc_ledger_vendor_account("vendor_tax"),
            rounding = pc_ledger_vendor_account("vendor_rounding");
    /* a failed lookup (a deadlock) ends the transaction: pc_db_tx retries it whole */
    if (receivable > 0 && sales > 0 && tax > 0 && rounding > 0 &&
        write_coupons(bill_id, in, post, &n) == 0) {
        int64_t due = t->amount_due - t->credited, sum = due;
        post[n++] = (pc_posting){receivable, due};
        for (size_t i = 0; i + 1 < n; i++)
            sum += post[i].amount;
        post[n++] = (pc_posting){sales, -t->total_exact};
        post[n++] = (pc_posting){tax, -t->tax};
        sum -= t->total_exact + t->tax;
        post[n++] = (pc_posting){rounding, -sum};
        char key[64];
        snprintf(key, sizeof key, "bill:%lld:%d", (long long)in->partner_id, in->cycle);
        int64_t entry = pc_ledger_post(key, "bill", in->partner_id, "partner bill", now, post, n);
        if (entry > 0 &&
            pc_db_exec(&bills_sql, ST_ENTRY_OF, PC_BINDS(PC_I64(entry), PC_I64(bill_id)), NULL) ==
                1 &&
            credit_negative_bill(in, t, now) == 0)
            rc = 0;
    }
    free(post);
    return rc;
}

typedef struct one_bill {
    bill_input in;
    const char *now;
    char due_at[20];
    int made;       /* 1: written; 0: skipped (locked elsewhere or billed) */
    int exit_in_tx; /* the test hook fires in this transaction */
} one_bill;

static int write_header(one_bill *o, const bc_totals *t, const char *hash, int64_t *bill_id)
{
    const bill_input *in = &o->in;
    return pc_db_exec(&bills_sql, ST_HEADER,
                      PC_BINDS(PC_I64(in->partner_id), PC_I64(in->cycle),
                               PC_STR(t->amount_due > 0 ? "unpaid" : "paid"), PC_I64(t->lines),
                               PC_I64(t->list_total), PC_I64(t->expenditures), PC_I64(t->refunds),
                               PC_I64(t->adjustments), PC_I64(t->total_exact),
                               PC_I64(t->total_rounded), PC_I64(t->coupons), PC_I64(t->tax),
                               PC_I64(t->amount_due), PC_I64(t->credited), PC_STR(in->tax_region),
                               PC_I64(in->tax_rate_ppm), PC_STR(in->currency),
                               PC_STR(in->exchange_rate), PC_STR(o->due_at), PC_STR(o->now),
                               PC_STR(hash)),
                      bill_id) == 1
               ? 0
               : -1;
}

static int bill_tx(void *arg)
{
    one_bill *o = arg;
    bill_input *in = &o->in;
    o->made = 0;
    if (pc_db_int(&bills_sql, ST_LOCK_CYCLE, PC_BINDS(PC_I64(in->cycle)), 0) < 0 ||
        pc_db_int(&bills_sql, ST_LOCK, PC_BINDS(PC_I64(in->partner_id)), 0) != in->partner_id ||
        pc_db_int(&bills_sql, ST_BILL_EXISTS, PC_BINDS(PC_I64(in->partner_id), PC_I64(in->cycle)),
                  1) != 0)
        return pc_db_errno() ? -1 : 0; /* another worker has it, or it is billed */
    int rc = bill_load_money(in);
    if (rc)
        return rc;
    if (bill_load_lines(in) || bill_load_rules(in) || bill_compute(in, 1))
        return -1;
    bc_totals t;
    char hash[65];
    int64_t bill_id = 0;
    bill_hash(in, &t, hash);
    if (write_header(o, &t, hash, &bill_id) || write_lines(bill_id, in) ||
        post_bill(bill_id, in, &t, o->now))
        return -1;
    if (pc_invoice_issue_bill(bill_id, o->now) < 0) /* 9.4.3a: in the bill's transaction */
        return -1;
    if (o->exit_in_tx)
        _exit(75); /* test hook: the server rolls the transaction back */
    o->made = 1;
    return 0;
}

static int hook(const char *name)
{
    const char *v = getenv(name);
    return v ? atoi(v) : 0;
}

/* The due moment of cycle M: Billing.due_day of M+1, 23:59:59 local, as UTC. */
static void due_at_of(int cycle, char out[20])
{
    char first[11], due[11];
    pc_clock_cycle_first_day(pc_clock_cycle_add(cycle, 1), first);
    pc_clock_date_add(first, (int)pc_conf_int("Billing.due_day") - 1, due);
    pc_clock_day_end(due, out);
}

/* Bill the partners p[k], p[k + step], … of the list. */
static void bill_partners(const partners *p, size_t k, size_t step, int cycle, const char *now,
                          job_result *res)
{
    int exit_after = hook("PC_BILLS_EXIT_AFTER"), exit_in_tx = hook("PC_BILLS_EXIT_IN_TX");
    for (size_t i = k; i < p->n; i += step) {
        one_bill o = {.in = {.partner_id = p->id[i], .cycle = cycle}, .now = now};
        snprintf(o.in.as_of, sizeof o.in.as_of, "%s", now);
        due_at_of(cycle, o.due_at);
        o.exit_in_tx = exit_in_tx && res->items + 1 == exit_in_tx;
        int rc = pc_db_tx(bill_tx, &o);
        if (rc) {
            res->failures++;
            snprintf(res->error, sizeof res->error, "%s", rc > 0 ? o.in.error : pc_db_error());
        } else
            res->items += o.made;
        bill_input_free(&o.in);
        if (exit_after && res->items == exit_after)
            _exit(75); /* test hook: stop as if killed between two bills */
    }
}

/* A child process with a connection of its own bills its share and reports through fd. */
static pid_t start_child(const partners *p, size_t k, size_t step, int cycle, const char *now,
                         int fd[2])
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    close(fd[0]);
    job_result r = {0};
    if (pc_db_connect_after_fork())
        r.failures = 1, snprintf(r.error, sizeof r.error, "bill worker: cannot connect");
    else
        bill_partners(p, k, step, cycle, now, &r);
    ssize_t w = write(fd[1], &r, sizeof r);
    _exit(w == (ssize_t)sizeof r ? 0 : 1); /* never run the parent's exit handlers */
}

/* Billing.workers processes share the partners (each bill is still safe alone: the partner
   lock and the unique bill); their results are added up. */
static void bill_in_children(const partners *p, int workers, int cycle, const char *now,
                             job_result *res)
{
    pid_t pid[16];
    int fd[16][2];
    fflush(NULL);
    for (int k = 0; k < workers; k++) {
        if (pipe(fd[k]) ||
            (pid[k] = start_child(p, (size_t)k, (size_t)workers, cycle, now, fd[k])) < 0) {
            workers = k; /* bill with those started; the rest waits for the next run */
            res->failures++;
            snprintf(res->error, sizeof res->error, "bill worker: cannot start a process");
            break;
        }
        close(fd[k][1]);
    }
    for (int k = 0; k < workers; k++) {
        job_result r = {0};
        if (read(fd[k][0], &r, sizeof r) != (ssize_t)sizeof r)
            r.failures = 1, snprintf(r.error, sizeof r.error, "bill worker %d ended early", k + 1);
        close(fd[k][0]);
        waitpid(pid[k], NULL, 0);
        res->items += r.items;
        res->failures += r.failures;
        if (r.error[0])
            snprintf(res->error, sizeof res->error, "%s", r.error);
    }
}

static int create_vendor_accounts(void *arg)
{
    (void)arg;
    return pc_ledger_vendor_account("vendor_sales") > 0 &&
                   pc_ledger_vendor_account("vendor_tax") > 0 &&
                   pc_ledger_vendor_account("vendor_rounding") > 0
               ? 0
               : -1;
}

/* The vendor accounts every bill posts to, made before the processes start: two of them
   creating one at once would deadlock on its unique key. */
static int vendor_accounts(void)
{
    return pc_db_tx(create_vendor_accounts, NULL);
}

int bills_run_cycle(int cycle, const char *now, job_result *res)
{
    partners p = {0};
    if (pc_db_query(&bills_sql, ST_PARTNERS, PC_BINDS(PC_I64(cycle), PC_I64(cycle), PC_I64(cycle)),
                    partner_row, &p) < 0)
        return -1;
    int workers = (int)pc_conf_int("Billing.workers");
    /* the kill hooks of the tests count the bills of one process */
    if (hook("PC_BILLS_EXIT_AFTER") || hook("PC_BILLS_EXIT_IN_TX") || p.n < 2)
        workers = 1;
    if (workers > 1 && vendor_accounts() == 0)
        bill_in_children(&p, workers, cycle, now, res);
    else
        bill_partners(&p, 0, 1, cycle, now, res);
    free(p.id);
    return res->failures ? -1 : 0;
}

int job_bills(const char *now, job_result *res)
{
    int day = 0, cycle = previous_cycle(now, &day);
    if (day < pc_conf_int("Billing.run_day"))
        return 0; /* the month is billed from the run day on (spec 3f.1) */
    return bills_run_cycle(cycle, now, res);
}
