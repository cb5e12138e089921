/*
 * Admin > Vendor Adjustments (ch09 §9.4.1.3 Bill Type "Adjustment"): the
 * vendor enters a correction for a partner's customer as one expenditure line
 * (bill type adjustment, source key a:<id>, list amount = amount due = the
 * amount), which the bill run of its cycle takes like any line.  The customer
 * must be reseller-associated with a partner at the transaction time (the
 * rating's rule, worker/usage/expenditure.c); the cycle is the transaction time's
 * month in the billing time zone.  Lines are immutable once the bill is
 * committed: an adjustment for a cycle already billed is refused, and the
 * correction goes into a later cycle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_discounts.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/discount.h"
#include "base/money.h"

enum stmt {
    ST_LIST,
    ST_ATTRIBUTE,
    ST_PRODUCT_KNOWN,
    ST_REGION_KNOWN,
    ST_PAYER,
    ST_LOCK_PARTNER,
    ST_BILLED,
    ST_INSERT,
    ST_LINE,
    ST_LINK,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT a.id, a.amount, a.transaction_at, a.billing_cycle, a.region, a.reason, "
                "a.line_id, a.created_at, p.name AS partner, c.name AS customer, c.account_name "
                "AS customer_account, pr.name AS product, u.username AS author FROM adjustments a "
                "JOIN partners p ON p.id = a.partner_id JOIN customers c ON c.id = a.customer_id "
                "JOIN products pr ON pr.id = a.product_id LEFT JOIN users u ON u.id = "
                "a.created_by ORDER BY a.id DESC LIMIT 500",
    /* the reseller association covering the moment (binds: account, at, at) */
    [ST_ATTRIBUTE] = "SELECT c.id, a.partner_id FROM customers c JOIN associations a ON "
                     "a.customer_id = c.id AND a.type = 'reseller' WHERE c.account_name = ? AND "
                     "a.associated_at <= ? AND (a.ended_at IS NULL OR a.ended_at > ?) "
                     "ORDER BY a.associated_at DESC, a.id DESC LIMIT 1",
    [ST_PRODUCT_KNOWN] = "SELECT COUNT(*) FROM products WHERE id = ?",
    [ST_REGION_KNOWN] = "SELECT COUNT(*) FROM regions WHERE code = ?",
    /* the bill run bills a partner under this row lock (FOR UPDATE SKIP LOCKED): holding it, the
       check below and the line are atomic with respect to the partner's bill of the cycle */
    [ST_PAYER] = "SELECT COALESCE(distributor_id, id) FROM partners WHERE id = ?",
    [ST_LOCK_PARTNER] = "SELECT id FROM partners WHERE id = ? FOR UPDATE",
    /* and the (partner, cycle) key, for a bill written by anything else */
    [ST_BILLED] =
        "SELECT COUNT(*) FROM partner_bills WHERE partner_id IN (?, ?) AND billing_cycle = ? "
        "FOR UPDATE",
    [ST_INSERT] = "INSERT INTO adjustments (partner_id, customer_id, product_id, region, amount, "
                  "transaction_at, billing_cycle, reason, created_by, created_at) VALUES (?, ?, "
                  "?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
    [ST_LINE] = "INSERT INTO expenditure_lines (source_key, customer_id, partner_id, "
                "association_type, billing_cycle, product_id, billing_mode, bill_type, "
                "spent_from, spent_to, transaction_at, transaction_no, region, list_amount, "
                "discount, amount_due, created_at) VALUES (?, ?, ?, 'reseller', ?, ?, ?, "
                "'adjustment', ?, ?, ?, ?, ?, ?, 0, ?, UTC_TIMESTAMP())",
    [ST_LINK] = "UPDATE adjustments SET line_id = ? WHERE id = ?",
};
PC_SQL_TABLE(adjust_sql, sql);

static const char *const modes[] = {"yearly_monthly", "pay_per_use", "reserved_instance",
                                    "savings_plan", NULL};
enum { F_CUSTOMER, F_PRODUCT, F_REGION, F_MODE, F_AMOUNT, F_AT, F_REASON, F__N };
static const pc_field fields[F__N] = {
    [F_CUSTOMER] = {"customer", pc_valid_text, 1, 64, PC_FIELD_REQUIRED, NULL},
    [F_PRODUCT] = {"product_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_REGION] = {"region", pc_valid_text, 1, 32, 0, NULL},
    [F_MODE] = {"billing_mode", pc_valid_enum, 0, 0, 0, modes},
    [F_AMOUNT] = {"amount", pc_valid_money, -PC_MONEY_MAX, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [F_AT] = {"transaction_at", pc_valid_datetime, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_REASON] = {"reason", pc_valid_text, 1, 500, PC_FIELD_REQUIRED, NULL},
};

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&adjust_sql, ST_LIST, PC_NOBINDS, c->hdf, "Adjustments") < 0 ||
        disc_form_lists(c) < 0)
        return pc_error(c, 500);
    disc_local_times(c, "Adjustments", "transaction_at", "created_at");
    disc_format_money(c, "Adjustments", "amount", "amount_text");
    pc_set(c, "Page.title", pc_t(c, "disc.adjust.title"));
    admin_tabs(c, "adjustments");
    return pc_render(c, "admin/adjustments.cs");
}

typedef struct adjust_one {
    pc_ctx *c;
    pc_value *v;
    int64_t customer, partner, id, line;
    int cycle;
    char at[20];
    const char *mode;
} adjust_one;

static int customer_row(void *arg, const pc_row *r)
{
    adjust_one *a = arg;
    a->customer = pc_row_i64(r, 0), a->partner = pc_row_i64(r, 1);
    return 1;
}

static int adjust_tx(void *arg)
{
    adjust_one *a = arg;
    pc_value *v = a->v;
    /* the bill that carries this partner's lines is its distributor's, for a reseller */
    int64_t payer = pc_db_int(&adjust_sql, ST_PAYER, PC_BINDS(PC_I64(a->partner)), -1);
    if (payer <= 0 || pc_db_int(&adjust_sql, ST_LOCK_PARTNER, PC_BINDS(PC_I64(payer)), -1) != payer)
        return -1;
    int64_t billed = pc_db_int(&adjust_sql, ST_BILLED,
                               PC_BINDS(PC_I64(a->partner), PC_I64(payer), PC_I64(a->cycle)), -1);
    if (billed < 0)
        return -1;
    if (billed > 0)
        return 2;
    if (pc_db_exec(&adjust_sql, ST_INSERT,
                   PC_BINDS(PC_I64(a->partner), PC_I64(a->customer), PC_I64(v[F_PRODUCT].i),
                            PC_STR(v[F_REGION].s), PC_I64(v[F_AMOUNT].i), PC_STR(a->at),
                            PC_I64(a->cycle), PC_STR(v[F_REASON].s), PC_I64(a->c->user.id)),
                   &a->id) != 1)
        return -1;
    char key[32], no[32];
    snprintf(key, sizeof key, "a:%lld", (long long)a->id);
    snprintf(no, sizeof no, "ADJ%lld", (long long)a->id);
    if (pc_db_exec(&adjust_sql, ST_LINE,
                   PC_BINDS(PC_STR(key), PC_I64(a->customer), PC_I64(a->partner), PC_I64(a->cycle),
                            PC_I64(v[F_PRODUCT].i), PC_STR(a->mode), PC_STR(a->at), PC_STR(a->at),
                            PC_STR(a->at), PC_STR(no), PC_STR(v[F_REGION].s), PC_I64(v[F_AMOUNT].i),
                            PC_I64(v[F_AMOUNT].i)),
                   &a->line) != 1 ||
        pc_db_exec(&adjust_sql, ST_LINK, PC_BINDS(PC_I64(a->line), PC_I64(a->id)), NULL) != 1)
        return -1;
    pc_audit_ctx(a->c, "adjustment.create", "adjustment", a->id, "ok",
                 pc_arena_printf(&a->c->arena, "partner=%lld customer=%lld cycle=%d amount=%s %s",
                                 (long long)a->partner, (long long)a->customer, a->cycle,
                                 v[F_AMOUNT].s, v[F_REASON].s));
    return 0;
}

/* The checks that need the database; fills the customer, partner, time and cycle. */
static int adjust_check(pc_ctx *c, pc_value *v, adjust_one *a)
{
    int bad = 0;
    char local[20];
    if (v[F_AMOUNT].i == 0)
        pc_form_error(c, "amount", "disc.err.amount_zero"), bad++;
    if (pc_db_int(&adjust_sql, ST_PRODUCT_KNOWN, PC_BINDS(PC_I64(v[F_PRODUCT].i)), 0) <= 0)
        pc_form_error(c, "product_id", "disc.err.product"), bad++;
    if (v[F_REGION].present &&
        pc_db_int(&adjust_sql, ST_REGION_KNOWN, PC_BINDS(PC_STR(v[F_REGION].s)), 0) <= 0)
        pc_form_error(c, "region", "disc.err.region"), bad++;
    pc_discount_parse_datetime(v[F_AT].s, local);
    pc_clock_utc_of_local(local, a->at);
    a->cycle = pc_clock_cycle_at(a->at);
    if (pc_db_query(&adjust_sql, ST_ATTRIBUTE,
                    PC_BINDS(PC_STR(v[F_CUSTOMER].s), PC_STR(a->at), PC_STR(a->at)), customer_row,
                    a) <= 0)
        pc_form_error(c, "customer", "disc.err.not_associated"), bad++;
    return bad;
}

static int create(pc_ctx *c)
{
    pc_value v[F__N];
    adjust_one a = {.c = c, .v = v};
    int bad = pc_form(c, fields, F__N, v);
    if (!bad)
        bad = adjust_check(c, v, &a);
    if (!bad) {
        a.mode = v[F_MODE].present ? v[F_MODE].s : "pay_per_use";
        int rc = pc_db_tx(adjust_tx, &a);
        if (rc == 2)
            pc_form_error(c, "transaction_at", "disc.err.billed"), bad++;
        else if (rc)
            return pc_error(c, 500);
    }
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    return pc_redirect(c, "/admin/adjustments?msg=disc_adjusted");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/adjustments", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/adjustments", PC_GUARD_OPERATOR, create, 0),
};
PC_ROUTE_TABLE(admin_adjustment_routes, routes);
