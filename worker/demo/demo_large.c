/*
 * `pcadm demo-data --scale large`: the benchmark world of DESIGN §11 — 1,000
 * solution providers (bench0001 … bench1000, each with an Admin
 * benchNNNN.admin and an account manager benchNNNN.am, password Demo#2026) and
 * 100 customers each (100,000), a third assigned to the account manager, half
 * with a monthly budget, a tenth tagged, and 100 rated expenditure lines each
 * over the last 12 months (10,000,000).  Set-based INSERT … SELECT over
 * MariaDB's sequence tables, in one transaction; a second run changes nothing.
 */
#include <stdio.h>

#include "base/db.h"
#include "demo/demo.h"
#include "access/session.h"

enum stmt {
    ST_EXISTS,
    ST_PARTNERS,
    ST_USERS,
    ST_ROLES,
    ST_CUSTOMERS,
    ST_ASSOCIATIONS,
    ST_SET_AM,
    ST_ASSIGNMENTS,
    ST_BUDGETS,
    ST_USAGE,
    ST_TAGS,
    ST_CUSTOMER_RANGE,
    ST_LINES,
    ST_LINES_EXIST,
    ST__MAX
};
/* a line's transaction time (the last 12 months) and amount (refunds negative), from its customer
 * and number */
#define LINE_AT                                                                                    \
    "(UTC_TIMESTAMP() - INTERVAL (s.seq % 12) MONTH - INTERVAL (c.id + s.seq) % 600 MINUTE)"
#define LINE_AMOUNT                                                                                \
    "(IF(s.seq % 50 = 0, -1, 1) * CAST((c.id * 7919 + s.seq * 104729) % 1000000 AS SIGNED) * "     \
    "1000)"
static const char *const sql[ST__MAX] = {
    [ST_EXISTS] = "SELECT COUNT(*) FROM partners WHERE account_name = 'bench0001'",
    [ST_PARTNERS] =
        "INSERT INTO partners (kind, name, account_name, country) SELECT 'solution_provider', "
        "CONCAT('Bench Partner ', seq), CONCAT('bench', LPAD(seq, 4, '0')), 'SG' FROM "
        "seq_1_to_1000",
    /* one admin and one account manager per partner, all with the same password hash */
    [ST_USERS] =
        "INSERT INTO users (kind, partner_id, username, name, email, mobile, password_hash) "
        "SELECT 'member', p.id, CONCAT(p.account_name, r.suffix), CONCAT(p.name, r.label), "
        "CONCAT(p.account_name, r.suffix, '@bench.example'), '13800000000', ? FROM partners p "
        "JOIN (SELECT '.admin' AS suffix, ' Admin' AS label UNION ALL SELECT '.am', ' Manager') r "
        "WHERE p.account_name LIKE 'bench%'",
    [ST_ROLES] =
        "INSERT INTO member_roles (user_id, role_id) SELECT u.id, IF(u.username LIKE '%.admin', 1, "
        "4) "
        "FROM users u JOIN partners p ON p.id = u.partner_id WHERE p.account_name LIKE 'bench%'",
    [ST_CUSTOMERS] =
        "INSERT INTO customers (partner_id, name, account_name, email, mobile, company, industry, "
        "country, "
        "association_type, associated_at, registered_at, mtd_spend, next_expiry) "
        "SELECT p.id, IF(s.seq % 2, CONCAT('Customer ', p.id, '-', s.seq), CONCAT('客户', p.id, "
        "'-', s.seq)), "
        "CONCAT('bc', p.id, 'x', s.seq), CONCAT('c', p.id, 'x', s.seq, '@bench.example'), "
        "CONCAT('139', LPAD(p.id * 100 + s.seq, 8, '0')), CONCAT('Company ', p.id, '-', s.seq), "
        "ELT(1 + s.seq % 4, 'Retail', 'Finance', 'Media', 'Logistics'), 'SG', 'reseller', "
        "UTC_TIMESTAMP() - INTERVAL (s.seq * 3 + p.id) % 700 DAY, UTC_TIMESTAMP() - INTERVAL 800 "
        "DAY, "
        "((p.id * 7919 + s.seq * 104729) % 500000) * 1000000, UTC_TIMESTAMP() + INTERVAL (s.seq * "
        "13) % 90 DAY "
        "FROM partners p JOIN seq_1_to_100 s WHERE p.account_name LIKE 'bench%'",
    [ST_ASSOCIATIONS] =
        "INSERT INTO associations (customer_id, partner_id, initiation, associated_at) "
        "SELECT c.id, c.partner_id, 'email', c.associated_at FROM customers c "
        "WHERE c.account_name LIKE 'bc%'",
    [ST_SET_AM] =
        "UPDATE customers c JOIN users u ON u.partner_id = c.partner_id AND u.username LIKE '%.am' "
        "SET c.account_manager_id = u.id WHERE c.account_name LIKE 'bc%' AND c.id % 3 = 0",
    [ST_ASSIGNMENTS] =
        "INSERT INTO am_assignments (customer_id, partner_id, account_manager_id, effective_from, "
        "assigned_by, created_at) SELECT c.id, c.partner_id, c.account_manager_id, CURRENT_DATE, "
        "c.account_manager_id, UTC_TIMESTAMP() FROM customers c "
        "WHERE c.account_name LIKE 'bc%' AND c.account_manager_id IS NOT NULL",
    [ST_BUDGETS] =
        "INSERT INTO budgets (customer_id, type, amount, policy, window_start, updated_by, "
        "updated_at) "
        "SELECT c.id, 'monthly', 100000000000, 'manual', DATE_FORMAT(CURRENT_DATE, '%Y-%m-01'), "
        "u.id, "
        "UTC_TIMESTAMP() FROM customers c JOIN users u ON u.partner_id = c.partner_id "
        "AND u.username LIKE '%.admin' WHERE c.account_name LIKE 'bc%' AND c.id % 3 <> 0",
    [ST_USAGE] = "UPDATE customers c JOIN budgets b ON b.customer_id = c.id "
                 "SET c.budget_usage_bp = FLOOR(c.mtd_spend * 10000 / b.amount) WHERE "
                 "c.account_name LIKE 'bc%'",
    [ST_TAGS] =
        "INSERT INTO customer_tags (customer_id, tag) SELECT id, IF(id % 20 = 0, 'vip', 'events') "
        "FROM customers WHERE account_name LIKE 'bc%' AND id % 10 = 0",
    [ST_LINES_EXIST] = /* the last customer's last line: the chunks run in order, so all are there
                        */
    "SELECT COUNT(*) FROM expenditure_lines WHERE source_key = "
    "CONCAT('g:', (SELECT MAX(id) FROM customers WHERE account_name LIKE 'bc%'), ':100')",
    [ST_CUSTOMER_RANGE] = "SELECT MIN(id), MAX(id) FROM customers WHERE account_name LIKE 'bc%'",
    /* 100 rated lines per customer over the last 12 billing cycles (line n in cycle n % 12):
       10,000,000 in all; a tenth with amount due 0 (covered usage), one in 50 a refund; billing
       mode and region vary with n / 12 so that they vary within each cycle */
    [ST_LINES] =
        "INSERT IGNORE INTO expenditure_lines (source_key, customer_id, partner_id, "
        "association_type, account_manager_id, "
        "billing_cycle, product_id, billing_mode, bill_type, spent_from, spent_to, transaction_at, "
        "transaction_no, "
        "region, resource_key, resource_name, billing_item, usage_qty, pricing_qty, pricing_unit, "
        "list_amount, "
        "discount, amount_due, created_at) "
        "SELECT CONCAT('g:', c.id, ':', s.seq), c.id, c.partner_id, 'reseller', "
        "c.account_manager_id, "
        "EXTRACT(YEAR_MONTH FROM " LINE_AT " + INTERVAL 8 HOUR), 1 + (c.id + s.seq) % 169, "
        "IF(s.seq DIV 12 % 4 = 0, 'yearly_monthly', 'pay_per_use'), IF(s.seq % 50 = 0, 'refund', "
        "'expenditure'), " LINE_AT " - INTERVAL 1 HOUR, " LINE_AT ", " LINE_AT
        ", CONCAT('CS', c.id, 'T', s.seq), "
        "ELT(1 + s.seq DIV 12 % 3, 'ap-southeast-1', 'ap-southeast-3', 'af-south-1'), CONCAT('r-', "
        "c.id, '-', s.seq % 7), "
        "CONCAT('ecs-', c.id, '-', s.seq % 7), 'usage', 1, 1, 'hour', " LINE_AMOUNT ", "
        "IF(s.seq % 10 = 0, " LINE_AMOUNT ", 0), IF(s.seq % 10 = 0, 0, " LINE_AMOUNT
        "), UTC_TIMESTAMP() "
        "FROM customers c JOIN seq_1_to_100 s WHERE c.account_name LIKE 'bc%' AND c.id BETWEEN ? "
        "AND ?",
};
PC_SQL_TABLE(large_sql, sql);

static int create(void *arg)
{
    const char *hash = arg;
    static const int steps[] = {ST_PARTNERS,     ST_USERS,  ST_ROLES,       ST_CUSTOMERS,
                                ST_ASSOCIATIONS, ST_SET_AM, ST_ASSIGNMENTS, ST_BUDGETS,
                                ST_USAGE,        ST_TAGS};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int64_t n = steps[i] == ST_USERS
                        ? pc_db_exec(&large_sql, ST_USERS, PC_BINDS(PC_STR(hash)), NULL)
                        : pc_db_exec(&large_sql, steps[i], PC_NOBINDS, NULL);
        if (n < 0)
            return -1;
    }
    return 0;
}

struct id_range {
    int64_t lo, hi;
};

static int id_range(void *arg, const pc_row *r)
{
    struct id_range *x = arg;
    x->lo = pc_row_i64(r, 0);
    x->hi = pc_row_i64(r, 1);
    return 1;
}

/* The rated lines, 10,000 customers (1,000,000 lines) per statement: one huge transaction would
   only grow the undo log; a rerun is safe (ST_EXISTS, and the lines' unique source keys). */
static int create_lines(void)
{
    struct id_range r = {0, -1};
    if (pc_db_query(&large_sql, ST_CUSTOMER_RANGE, PC_NOBINDS, id_range, &r) < 0)
        return -1;
    for (int64_t lo = r.lo; lo <= r.hi; lo += 10000)
        if (pc_db_exec(&large_sql, ST_LINES, PC_BINDS(PC_I64(lo), PC_I64(lo + 9999)), NULL) < 0)
            return -1;
    return 0;
}

int pc_demo_large(void)
{
    char hash[256];
    int have_world = pc_db_int(&large_sql, ST_EXISTS, PC_NOBINDS, 0) > 0;
    if (have_world && pc_db_int(&large_sql, ST_LINES_EXIST, PC_NOBINDS, 0) > 0) {
        printf("large demo data already present\n");
        return 0;
    }
    if ((!have_world &&
         (pc_password_hash(DEMO_PASSWORD, hash, sizeof hash) || pc_db_tx(create, hash))) ||
        create_lines()) {
        fprintf(stderr, "pcadm: large demo data: %s\n", pc_db_error());
        return -1;
    }
    printf("large demo data created: 1,000 partners, 100,000 customers, 10,000,000 expenditure "
           "lines\n");
    return 0;
}
