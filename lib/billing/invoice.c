/* invoice — see invoice.h. */
#include "billing/invoice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "billing/en16931.h"
#include "base/money.h"
#include "billing/tax.h"

enum stmt {
    ST_BILL,
    ST_BILL_LINES,
    ST_PARTY,
    ST_COUNTER_BUMP,
    ST_COUNTER_GET,
    ST_COUNTER_NEW,
    ST_INSERT,
    ST_LINE,
    ST_BILL_LINK,
    ST_LOAD,
    ST_LOAD_LINES,
    ST_VOID,
    ST_CREDITED,
    ST_REFUSED_BILL,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_BILL] = "SELECT partner_id, billing_cycle, coupons_used, tax, amount_due - credited, "
                "tax_rate_ppm, tax_region FROM partner_bills WHERE id = ?",
    [ST_BILL_LINES] = "SELECT pr.name, SUM(l.settlement) FROM bill_lines l JOIN products pr ON "
                      "pr.id = l.product_id WHERE l.bill_id = ? GROUP BY l.product_id, pr.name "
                      "ORDER BY l.product_id",
    /* the buyer as it stands now, its issuing entity and the category of its rate row */
    [ST_PARTY] =
        "SELECT p.name, p.country, COALESCE(p.vat_id, ''), COALESCE(i.address, ''), "
        "COALESCE(i.email, p.contact_email, ''), COALESCE(rc.reverse_charge, 0), e.code, e.name, "
        "e.country, e.vat_id, e.address, e.invoice_prefix, e.credit_prefix, "
        "COALESCE(t.category, '') FROM partners p "
        "LEFT JOIN partner_invoice_info i ON i.partner_id = p.id "
        "LEFT JOIN partner_reverse_charge rc ON rc.partner_id = p.id "
        "JOIN invoice_entities e ON e.code = COALESCE((SELECT ec.entity FROM "
        "invoice_entity_countries ec WHERE ec.country = p.country), (SELECT d.code FROM "
        "invoice_entities d WHERE d.is_default = 1 ORDER BY d.code LIMIT 1)) "
        "LEFT JOIN tax_rates t ON t.region = ? AND t.valid_from <= ? AND (t.valid_to IS NULL OR "
        "t.valid_to >= ?) WHERE p.id = ?",
    [ST_COUNTER_BUMP] =
        "UPDATE invoice_counters SET last_no = last_no + 1 WHERE entity = ? AND kind = ?",
    [ST_COUNTER_GET] = "SELECT last_no FROM invoice_counters WHERE entity = ? AND kind = ?",
    [ST_COUNTER_NEW] = "INSERT IGNORE INTO invoice_counters (entity, kind) VALUES (?, ?)",
    [ST_INSERT] =
        "INSERT INTO invoices (partner_id, entity, kind, number, status, period, bill_id, "
        "credits_invoice_id, currency, line_total, allowances, tax_exclusive, tax, tax_inclusive, "
        "prepaid, rounding, payable, tax_category, tax_rate_ppm, exemption_note, buyer_name, "
        "buyer_country, buyer_address, buyer_email, buyer_vat_id, refused_reason, created_at, "
        "issued_at) VALUES (?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "NULLIF(?, ''), ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?)",
    [ST_LINE] = "INSERT INTO invoice_lines (invoice_id, line_no, description, net_amount) "
                "VALUES (?, ?, ?, ?)",
    [ST_BILL_LINK] = "UPDATE partner_bills SET invoice_id = ? WHERE id = ?",
    [ST_LOAD] =
        "SELECT i.id, i.partner_id, COALESCE(i.bill_id, 0), COALESCE(i.credits_invoice_id, 0), "
        "i.entity, i.kind, COALESCE(i.number, ''), COALESCE(c.number, ''), i.status, i.currency, "
        "DATE(CONVERT_TZ(COALESCE(i.issued_at, i.created_at), '+00:00', ?)), i.tax_category, "
        "COALESCE(i.exemption_note, ''), COALESCE(i.refused_reason, ''), i.period, i.tax_rate_ppm, "
        "e.name, e.country, e.vat_id, e.address, i.buyer_name, i.buyer_country, "
        "COALESCE(i.buyer_vat_id, ''), i.buyer_address, i.buyer_email, i.line_total, i.allowances, "
        "i.tax_exclusive, i.tax, i.tax_inclusive, i.prepaid, i.rounding, i.payable "
        "FROM invoices i JOIN invoice_entities e ON e.code = i.entity "
        "LEFT JOIN invoices c ON c.id = i.credits_invoice_id WHERE i.id = ? AND (? = 0 OR "
        "i.partner_id = ?)",
    [ST_LOAD_LINES] = "SELECT description, net_amount FROM invoice_lines WHERE invoice_id = ? "
                      "ORDER BY line_no",
    [ST_VOID] = "UPDATE invoices SET status = 'voided', void_reason = ?, voided_at = ? "
                "WHERE id = ? AND status = 'issued'",
    /* the bill of a refused bill invoice whose bill has no live invoice (locked) */
    [ST_REFUSED_BILL] = "SELECT r.bill_id FROM invoices r JOIN partner_bills b ON b.id = r.bill_id "
                        "WHERE r.id = ? AND r.status = 'refused' AND r.kind = 'bill' AND "
                        "b.invoice_id IS NULL FOR UPDATE",
    [ST_CREDITED] = "UPDATE invoices SET status = 'credited', void_reason = ?, voided_at = ? "
                    "WHERE id = ? AND status = 'issued' AND kind <> 'credit_note'",
};
PC_SQL_TABLE(invoice_sql, sql);

#define CENTS (PC_MONEY_SCALE / 100)

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static void add_line(pc_invoice_doc *d, const char *description, int64_t net)
{
    pc_invoice_line *grown = realloc(d->lines, (d->nlines + 1) * sizeof *grown);
    if (!grown)
        abort();
    d->lines = grown;
    copy(d->lines[d->nlines].description, sizeof d->lines[0].description, description);
    d->lines[d->nlines++].net = net;
}

void pc_invoice_doc_free(pc_invoice_doc *d)
{
    free(d->lines);
    d->lines = NULL;
    d->nlines = 0;
}

const char *pc_invoice_check(const pc_invoice_doc *d, char *why, size_t size)
{
    int64_t *nets = calloc(d->nlines + 1, sizeof *nets);
    if (!nets)
        abort();
    for (size_t i = 0; i < d->nlines; i++)
        nets[i] = d->lines[i].net;
    pc_en_vat vat = {d->category, d->rate_ppm, d->tax_exclusive, d->tax};
    pc_en_doc en = {nets,
                    d->nlines,
                    &d->allowances,
                    d->allowances ? 1 : 0,
                    NULL,
                    0,
                    &vat,
                    1,
                    d->line_total,
                    d->allowances,
                    0,
                    d->tax_exclusive,
                    d->tax,
                    d->tax_inclusive,
                    d->prepaid,
                    d->rounding,
                    d->payable};
    const char *rule = pc_en16931_check(&en, why, size);
    free(nets);
    return rule;
}

/* ---------------------------------------------------------------- making */

typedef struct party {
    pc_invoice_doc *d;
    int reverse_charge;
    char prefix[9], credit_prefix[9], row_category[3];
    int found;
} party;

static int party_row(void *arg, const pc_row *r)
{
    party *p = arg;
    pc_invoice_doc *d = p->d;
    copy(d->buyer.name, sizeof d->buyer.name, pc_row_str(r, 0));
    copy(d->buyer.country, sizeof d->buyer.country, pc_row_str(r, 1));
    copy(d->buyer.vat_id, sizeof d->buyer.vat_id, pc_row_str(r, 2));
    copy(d->buyer.address, sizeof d->buyer.address, pc_row_str(r, 3));
    copy(d->buyer.email, sizeof d->buyer.email, pc_row_str(r, 4));
    p->reverse_charge = pc_row_i64(r, 5) != 0;
    copy(d->entity, sizeof d->entity, pc_row_str(r, 6));
    copy(d->seller.name, sizeof d->seller.name, pc_row_str(r, 7));
    copy(d->seller.country, sizeof d->seller.country, pc_row_str(r, 8));
    copy(d->seller.vat_id, sizeof d->seller.vat_id, pc_row_str(r, 9));
    copy(d->seller.address, sizeof d->seller.address, pc_row_str(r, 10));
    copy(p->prefix, sizeof p->prefix, pc_row_str(r, 11));
    copy(p->credit_prefix, sizeof p->credit_prefix, pc_row_str(r, 12));
    copy(p->row_category, sizeof p->row_category, pc_row_str(r, 13));
    p->found = 1;
    return 1;
}

/* The next number of (entity, kind): the counter row stays locked until the caller's commit. */
static int next_number(pc_invoice_doc *d, const char *kind, const char *prefix)
{
    int64_t bumped =
        pc_db_exec(&invoice_sql, ST_COUNTER_BUMP, PC_BINDS(PC_STR(d->entity), PC_STR(kind)), NULL);
    if (bumped == 0) /* an entity added after sql/020 seeded the rows: its first number */
        bumped = pc_db_exec(&invoice_sql, ST_COUNTER_NEW, PC_BINDS(PC_STR(d->entity), PC_STR(kind)),
                            NULL) < 0
                     ? -1
                     : pc_db_exec(&invoice_sql, ST_COUNTER_BUMP,
                                  PC_BINDS(PC_STR(d->entity), PC_STR(kind)), NULL);
    if (bumped != 1)
        return -1;
    int64_t n =
        pc_db_int(&invoice_sql, ST_COUNTER_GET, PC_BINDS(PC_STR(d->entity), PC_STR(kind)), -1);
    if (n < 1 || n > 999999) /* six digits per entity and kind */
        return -1;
    snprintf(d->number, sizeof d->number, "%.8s%02d%06d", prefix, atoi(d->issue_date) % 100,
             (int)n);
    return 0;
}

/* Check, number (when the rules hold) and store *d with its lines.  The id, or -1. */
static int64_t store(pc_invoice_doc *d, const char *number_kind, const char *prefix,
                     const char *now)
{
    char why[301] = "";
    const char *rule = pc_invoice_check(d, why, sizeof why);
    d->number[0] = '\0';
    if (rule) {
        copy(d->status, sizeof d->status, "refused");
        copy(d->refused_reason, sizeof d->refused_reason, why);
    } else {
        copy(d->status, sizeof d->status, "issued");
        d->refused_reason[0] = '\0';
        if (next_number(d, number_kind, prefix))
            return -1;
    }
    int64_t id = 0;
    if (pc_db_exec(&invoice_sql, ST_INSERT,
                   PC_BINDS(PC_I64(d->partner_id), PC_STR(d->entity), PC_STR(d->kind),
                            PC_STR(d->number), PC_STR(d->status), PC_I64(d->period),
                            d->bill_id ? PC_I64(d->bill_id) : PC_NULL,
                            d->credits_id ? PC_I64(d->credits_id) : PC_NULL, PC_STR(d->currency),
                            PC_I64(d->line_total), PC_I64(d->allowances), PC_I64(d->tax_exclusive),
                            PC_I64(d->tax), PC_I64(d->tax_inclusive), PC_I64(d->prepaid),
                            PC_I64(d->rounding), PC_I64(d->payable), PC_STR(d->category),
                            PC_I64(d->rate_ppm), PC_STR(d->exemption_note), PC_STR(d->buyer.name),
                            PC_STR(d->buyer.country), PC_STR(d->buyer.address),
                            PC_STR(d->buyer.email), PC_STR(d->buyer.vat_id),
                            PC_STR(d->refused_reason), PC_STR(now), rule ? PC_NULL : PC_STR(now)),
                   &id) != 1)
        return -1;
    for (size_t i = 0; i < d->nlines; i++)
        if (pc_db_exec(&invoice_sql, ST_LINE,
                       PC_BINDS(PC_I64(id), PC_I64((int64_t)i + 1), PC_STR(d->lines[i].description),
                                PC_I64(d->lines[i].net)),
                       NULL) != 1)
            return -1;
    d->id = id;
    return id;
}

/* Buyer, seller and category of partner d->partner_id; region "" for no rate row. */
static int load_party(pc_invoice_doc *d, party *p, const char *region, const char *day)
{
    *p = (party){.d = d};
    if (pc_db_query(&invoice_sql, ST_PARTY,
                    PC_BINDS(PC_STR(region), PC_STR(day), PC_STR(day), PC_I64(d->partner_id)),
                    party_row, p) < 0)
        return -1;
    return p->found ? 0 : -1;
}

typedef struct bill_row {
    pc_invoice_doc *d;
    int64_t coupons, tax, due;
    char region[3];
    int found;
} bill_row;

static int bill_header(void *arg, const pc_row *r)
{
    bill_row *b = arg;
    b->d->partner_id = pc_row_i64(r, 0);
    b->d->period = (int)pc_row_i64(r, 1);
    b->coupons = pc_row_i64(r, 2), b->tax = pc_row_i64(r, 3), b->due = pc_row_i64(r, 4);
    b->d->rate_ppm = (int32_t)pc_row_i64(r, 5);
    copy(b->region, sizeof b->region, pc_row_str(r, 6));
    b->found = 1;
    return 1;
}

static int product_line(void *arg, const pc_row *r)
{
    pc_invoice_doc *d = arg;
    int64_t net = pc_money_round2(pc_row_i64(r, 1));
    add_line(d, pc_row_str(r, 0), net);
    d->line_total += net;
    return 0;
}

int64_t pc_invoice_issue_bill(int64_t bill_id, const char *now)
{
    pc_invoice_doc d = {.bill_id = bill_id};
    bill_row b = {.d = &d};
    party p;
    char last[11];
    int64_t id = -1;
    if (pc_db_query(&invoice_sql, ST_BILL, PC_BINDS(PC_I64(bill_id)), bill_header, &b) < 0 ||
        !b.found)
        return -1;
    pc_clock_cycle_last_day(d.period, last); /* the day the bill's rate was taken on */
    if (load_party(&d, &p, b.region, last) ||
        pc_db_query(&invoice_sql, ST_BILL_LINES, PC_BINDS(PC_I64(bill_id)), product_line, &d) < 0)
        goto done;
    copy(d.kind, sizeof d.kind, "bill");
    copy(d.currency, sizeof d.currency, "USD"); /* bills are kept in USD (9.4.1.2) */
    pc_clock_local_date_of(now, d.issue_date);
    copy(d.category, sizeof d.category,
         pc_tax_category(d.rate_ppm, p.row_category, p.reverse_charge));
    copy(d.exemption_note, sizeof d.exemption_note, pc_tax_exemption_note(d.category));
    d.allowances = pc_money_round2(b.coupons);
    d.tax_exclusive = d.line_total - d.allowances;
    d.tax = pc_money_round2(b.tax);
    d.tax_inclusive = d.tax_exclusive + d.tax;
    /* a negative bill's invoice says what it credits (payable < 0, credited to the top-up
       balance): the rounding line holds only the rounding of the cents */
    d.payable = b.due;
    d.rounding = d.payable - d.tax_inclusive;
    id = store(&d, "invoice", p.prefix, now);
    if (id > 0 && !strcmp(d.status, "issued") &&
        pc_db_exec(&invoice_sql, ST_BILL_LINK, PC_BINDS(PC_I64(id), PC_I64(bill_id)), NULL) != 1)
        id = -1;
done:
    pc_invoice_doc_free(&d);
    return id;
}

/* An invoice of money on account (a top-up, a pre-payment): one line, category O. */
static int64_t issue_on_account(const char *kind, const char *label, int64_t partner_id,
                                int64_t amount, const char *currency, const char *reference,
                                const char *now)
{
    pc_invoice_doc d = {.partner_id = partner_id};
    party p;
    char desc[100];
    if (amount <= 0 || !currency || strlen(currency) != 3 || load_party(&d, &p, "", "2000-01-01"))
        return -1;
    copy(d.kind, sizeof d.kind, kind);
    copy(d.currency, sizeof d.currency, currency);
    pc_clock_local_date_of(now, d.issue_date);
    d.period = pc_clock_cycle_of_date(d.issue_date);
    copy(d.category, sizeof d.category, "O");
    snprintf(desc, sizeof desc, "%s %.60s", label, reference ? reference : "");
    add_line(&d, desc, amount);
    d.line_total = d.tax_exclusive = d.tax_inclusive = d.payable = amount;
    int64_t id = store(&d, "invoice", p.prefix, now);
    pc_invoice_doc_free(&d);
    return id;
}

int64_t pc_invoice_issue_topup(int64_t partner_id, int64_t amount, const char *currency,
                               const char *reference, const char *now)
{
    return issue_on_account("topup", "Top-up", partner_id, amount, currency, reference, now);
}

int64_t pc_invoice_issue_prepayment(int64_t partner_id, int64_t amount, const char *currency,
                                    const char *reference, const char *now)
{
    return issue_on_account("prepayment", "Pre-payment", partner_id, amount, currency, reference,
                            now);
}

int64_t pc_invoice_retry(int64_t id, const char *now)
{
    int64_t bill = pc_db_int(&invoice_sql, ST_REFUSED_BILL, PC_BINDS(PC_I64(id)), 0);
    if (bill <= 0)
        return bill < 0 ? -1 : 0;
    return pc_invoice_issue_bill(bill, now);
}

int pc_invoice_void(int64_t id, const char *reason, const char *now)
{
    int64_t n =
        pc_db_exec(&invoice_sql, ST_VOID, PC_BINDS(PC_STR(reason), PC_STR(now), PC_I64(id)), NULL);
    return n < 0 ? -1 : n == 1;
}

int64_t pc_invoice_credit(int64_t id, const char *reason, const char *now)
{
    pc_invoice_doc d = {0};
    party p;
    int found = pc_invoice_load(id, 0, &d);
    int64_t rc = found < 0 ? -1 : 0;
    if (found <= 0 || strcmp(d.status, "issued") || !strcmp(d.kind, "credit_note"))
        goto done;
    int64_t n = pc_db_exec(&invoice_sql, ST_CREDITED,
                           PC_BINDS(PC_STR(reason), PC_STR(now), PC_I64(id)), NULL);
    if (n != 1) {
        rc = n < 0 ? -1 : 0;
        goto done;
    }
    /* the credit note repeats the invoice's lines and totals under the same entity */
    pc_invoice_party buyer = d.buyer;
    if (load_party(&d, &p, "", "2000-01-01")) {
        rc = -1;
        goto done;
    }
    d.buyer = buyer;
    d.credits_id = id, d.bill_id = 0;
    copy(d.kind, sizeof d.kind, "credit_note");
    pc_clock_local_date_of(now, d.issue_date);
    rc = store(&d, "credit_note", p.credit_prefix, now);
done:
    pc_invoice_doc_free(&d);
    return rc;
}

/* ---------------------------------------------------------------- loading */

typedef struct loaded {
    pc_invoice_doc *d;
    int found;
} loaded;

static int load_row(void *arg, const pc_row *r)
{
    loaded *l = arg;
    pc_invoice_doc *d = l->d;
    size_t i = 0;
    d->id = pc_row_i64(r, i++), d->partner_id = pc_row_i64(r, i++);
    d->bill_id = pc_row_i64(r, i++), d->credits_id = pc_row_i64(r, i++);
    copy(d->entity, sizeof d->entity, pc_row_str(r, i++));
    copy(d->kind, sizeof d->kind, pc_row_str(r, i++));
    copy(d->number, sizeof d->number, pc_row_str(r, i++));
    copy(d->credits_number, sizeof d->credits_number, pc_row_str(r, i++));
    copy(d->status, sizeof d->status, pc_row_str(r, i++));
    copy(d->currency, sizeof d->currency, pc_row_str(r, i++));
    copy(d->issue_date, sizeof d->issue_date, pc_row_str(r, i++));
    copy(d->category, sizeof d->category, pc_row_str(r, i++));
    copy(d->exemption_note, sizeof d->exemption_note, pc_row_str(r, i++));
    copy(d->refused_reason, sizeof d->refused_reason, pc_row_str(r, i++));
    d->period = (int)pc_row_i64(r, i++), d->rate_ppm = (int32_t)pc_row_i64(r, i++);
    copy(d->seller.name, sizeof d->seller.name, pc_row_str(r, i++));
    copy(d->seller.country, sizeof d->seller.country, pc_row_str(r, i++));
    copy(d->seller.vat_id, sizeof d->seller.vat_id, pc_row_str(r, i++));
    copy(d->seller.address, sizeof d->seller.address, pc_row_str(r, i++));
    copy(d->buyer.name, sizeof d->buyer.name, pc_row_str(r, i++));
    copy(d->buyer.country, sizeof d->buyer.country, pc_row_str(r, i++));
    copy(d->buyer.vat_id, sizeof d->buyer.vat_id, pc_row_str(r, i++));
    copy(d->buyer.address, sizeof d->buyer.address, pc_row_str(r, i++));
    copy(d->buyer.email, sizeof d->buyer.email, pc_row_str(r, i++));
    d->line_total = pc_row_i64(r, i++), d->allowances = pc_row_i64(r, i++);
    d->tax_exclusive = pc_row_i64(r, i++), d->tax = pc_row_i64(r, i++);
    d->tax_inclusive = pc_row_i64(r, i++), d->prepaid = pc_row_i64(r, i++);
    d->rounding = pc_row_i64(r, i++), d->payable = pc_row_i64(r, i++);
    l->found = 1;
    return 1;
}

static int load_line(void *arg, const pc_row *r)
{
    add_line(arg, pc_row_str(r, 0), pc_row_i64(r, 1));
    return 0;
}

int pc_invoice_load(int64_t id, int64_t partner_id, pc_invoice_doc *d)
{
    *d = (pc_invoice_doc){0};
    loaded l = {d, 0};
    if (pc_db_query(
            &invoice_sql, ST_LOAD,
            PC_BINDS(PC_STR(pc_clock_zone()), PC_I64(id), PC_I64(partner_id), PC_I64(partner_id)),
            load_row, &l) < 0)
        return -1;
    if (!l.found)
        return 0;
    if (pc_db_query(&invoice_sql, ST_LOAD_LINES, PC_BINDS(PC_I64(id)), load_line, d) < 0) {
        pc_invoice_doc_free(d);
        return -1;
    }
    return 1;
}
