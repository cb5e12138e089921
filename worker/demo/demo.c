#include "demo/demo.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "access/session.h"

enum stmt { ST_EXISTS, ST_PARTNER, ST_CUSTOMER, ST_USER, ST_ROLE, ST_DIRECTOR, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_EXISTS] = "SELECT COUNT(*) FROM users WHERE username = 'operator'",
    [ST_PARTNER] = "INSERT INTO partners (kind, name, account_name, distributor_id, country) "
                   "VALUES (?, ?, ?, NULLIF(?, 0), 'CN')",
    [ST_CUSTOMER] =
        "INSERT INTO customers (partner_id, name, account_name, email) VALUES (?, ?, ?, ?)",
    [ST_USER] = "INSERT INTO users (kind, partner_id, customer_id, username, name, email, mobile, "
                "password_hash) "
                "VALUES (?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?)",
    [ST_ROLE] =
        "INSERT INTO member_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?",
    [ST_DIRECTOR] = "UPDATE users SET director_id = ? WHERE id = ?",
};
PC_SQL_TABLE(demo_sql, sql);

typedef struct demo_user {
    const char *kind, *username, *name, *email, *mobile, *role;
    int partner;  /* index into the partner ids, -1 none */
    int customer; /* index into the customer ids, -1 none */
} demo_user;

static const demo_user users[] = {
    {"operator", "operator", "Olivia Operator", "operator@vendor.example", "13800000001", NULL, -1,
     -1},
    {"member", "csp.admin", "Chen Wei", "csp.admin@sunrise.example", "13800000002", "ADMIN", 0, -1},
    {"member", "csp.director1", "Wang Fang", "csp.director1@sunrise.example", "13800000003",
     "ACCOUNT_DIRECTOR", 0, -1},
    {"member", "csp.am1", "Li Na", "csp.am1@sunrise.example", "13800000004", "ACCOUNT_MANAGER", 0,
     -1},
    {"member", "csp.finance1", "Zhao Lei", "csp.finance1@sunrise.example", "13800000005", "FINANCE",
     0, -1},
    {"member", "dist.admin", "Liu Yang", "dist.admin@greatwall.example", "13800000006", "ADMIN", 1,
     -1},
    {"member", "reseller.admin", "Sun Hao", "reseller.admin@harbor.example", "13800000007", "ADMIN",
     2, -1},
    {"customer", "customer1", "Zhou Min", "customer1@blueocean.example", "13800000008", NULL, -1,
     0},
};
#define NUSERS (sizeof users / sizeof users[0])

/* what the world's transaction leaves for the orders' */
typedef struct demo_ids {
    int64_t partner[3], admin[3];
} demo_ids;

static int create(void *arg)
{
    demo_ids *ids = arg;
    int64_t *partner = ids->partner, customer[1], uid[NUSERS];
    char hash[256];
    if (pc_db_exec(&demo_sql, ST_PARTNER,
                   PC_BINDS(PC_STR("solution_provider"), PC_STR("Sunrise Cloud Solutions"),
                            PC_STR("sunrise"), PC_I64(0)),
                   &partner[0]) != 1 ||
        pc_db_exec(&demo_sql, ST_PARTNER,
                   PC_BINDS(PC_STR("distributor"), PC_STR("Great Wall Distribution"),
                            PC_STR("greatwall"), PC_I64(0)),
                   &partner[1]) != 1 ||
        pc_db_exec(&demo_sql, ST_PARTNER,
                   PC_BINDS(PC_STR("reseller"), PC_STR("Harbor IT Reseller"), PC_STR("harbor"),
                            PC_I64(partner[1])),
                   &partner[2]) != 1 ||
        pc_db_exec(&demo_sql, ST_CUSTOMER,
                   PC_BINDS(PC_I64(partner[0]), PC_STR("Blue Ocean Retail"), PC_STR("blueocean"),
                            PC_STR("customer1@blueocean.example")),
                   &customer[0]) != 1)
        return -1;
    for (size_t i = 0; i < NUSERS; i++) {
        const demo_user *u = &users[i];
        if (pc_password_hash(DEMO_PASSWORD, hash, sizeof hash) ||
            pc_db_exec(&demo_sql, ST_USER,
                       PC_BINDS(PC_STR(u->kind), PC_I64(u->partner >= 0 ? partner[u->partner] : 0),
                                PC_I64(u->customer >= 0 ? customer[u->customer] : 0),
                                PC_STR(u->username), PC_STR(u->name), PC_STR(u->email),
                                PC_STR(u->mobile), PC_STR(hash)),
                       &uid[i]) != 1)
            return -1;
        if (u->role &&
            pc_db_exec(&demo_sql, ST_ROLE, PC_BINDS(PC_I64(uid[i]), PC_STR(u->role)), NULL) != 1)
            return -1;
    }
    /* csp.am1 reports to csp.director1 */
    if (pc_db_exec(&demo_sql, ST_DIRECTOR, PC_BINDS(PC_I64(uid[2]), PC_I64(uid[3])), NULL) != 1)
        return -1;
    const int64_t managers[3] = {uid[3], 0, 0};
    ids->admin[0] = uid[1], ids->admin[1] = uid[5], ids->admin[2] = uid[6];
    return pc_demo_customers(partner, ids->admin, managers, customer[0]);
}

static int create_orders(void *arg)
{
    const demo_ids *ids = arg;
    return pc_demo_orders(ids->partner, ids->admin);
}

int pc_demo_data(void)
{
    if (pc_db_int(&demo_sql, ST_EXISTS, PC_NOBINDS, 0) > 0) {
        printf("demo data already present\n");
        /* a world made before the coupons or the settlement data gets them once */
        return pc_demo_coupons() || pc_demo_discounts() || pc_demo_api_keys() ? -1 : 0;
    }
    /* The usage is imported and rated through the real import and jobs,
     * which run their own transactions: after the world is committed and
     * before the orders exist, so that the orders stay unrated (paid, to be
     * rated by the worker's next rating run) as they were. */
    demo_ids ids;
    memset(&ids, 0, sizeof ids);
    if (pc_db_tx(create, &ids) || pc_demo_usage() || pc_db_tx(create_orders, &ids) ||
        pc_demo_discounts() || pc_demo_bills() || pc_demo_coupons() || pc_demo_api_keys()) {
        fprintf(stderr, "pcadm: demo data: %s\n", pc_db_error());
        return -1;
    }
    printf("demo data created\n");
    return 0;
}
