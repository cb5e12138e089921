/*
 * authz — who may do what (permissions of roles, deny by default) and who may
 * see which objects (scope).  Every handler that touches partner data takes its
 * scope predicate from here.
 */
#ifndef PC_AUTHZ_H
#define PC_AUTHZ_H
#include <stdint.h>

/* The permission catalog; codes in authz.c, rows in sql/001_foundation.sql. */
typedef enum {
    PC_PERM_DEFAULT_HOME,
    PC_PERM_DEFAULT_PROFILE,
    PC_PERM_SUPPORT_USE,
    PC_PERM_CUSTOMER_DEVELOP,
    PC_PERM_CUSTOMER_VIEW_ALL,
    PC_PERM_CUSTOMER_EXPORT,
    PC_PERM_CUSTOMER_DISASSOCIATE,
    PC_PERM_ORDER_VIEW,
    PC_PERM_SPEND_VIEW,
    PC_PERM_FINANCE_VIEW,
    PC_PERM_FINANCE_TOPUP_WITHDRAW,
    PC_PERM_BENEFIT_INVOICE,
    PC_PERM_INCENTIVE_VIEW,
    PC_PERM_STATS_VIEW,
    PC_PERM_PROGRAM_MANAGE,
    PC_PERM_PROGRAM_CERTIFICATE_DOWNLOAD,
    PC_PERM_GOAL_ANNUAL_REVENUE,
    PC_PERM_BUILD_SOLUTION_MANAGE,
    PC_PERM_COMPETENCY_CERTIFY,
    PC_PERM_BENEFIT_REQUEST,
    PC_PERM_ORG_MEMBER_MANAGE,
    PC_PERM_ORG_ROLE_MANAGE,
    PC_PERM_ORG_CONTACT_MANAGE,
    PC_PERM_ORG_DP_MANAGE,
    PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS,
    PC_PERM_CUSTOMER_BUDGET,    /* budgets, freezing, budget alert recipients (9.3.1.3-9.3.1.9) */
    PC_PERM_CUSTOMER_AUTHORIZE, /* request authorization, act on a customer's behalf (9.3.1.11-13)
                                 */
    PC_PERM_SPEND_EXPORT,       /* export expenditure details and summaries (9.3.4.1, 9.3.4.2) */
    PC_PERM__COUNT,
    /* route guards that are not permissions */
    PC_GUARD_PUBLIC = 100, /* no session needed */
    PC_GUARD_SIGNED_IN,    /* any signed-in user */
    PC_GUARD_OPERATOR,     /* vendor operators only */
    PC_GUARD_PARTNER,      /* any partner member */
    PC_GUARD_CUSTOMERS,    /* customer.develop or customer.view_all: the customer pages */
    PC_GUARD_CUSTOMER,     /* a customer signed in to its console */
    /* a permission and what the partner or the user's other permissions allow with it: the
     * routes, the menu, the tabs and the buttons ask the same guard (issue 16) */
    PC_GUARD_ASSIGNMENT, /* team.manage_account_managers and customer.view_all: Assignment */
    PC_GUARD_KOOGALLERY, /* finance.view, partner in the KooGallery Sales Program (9.7.1.1) */
    PC_GUARD_ACT_FOR_CUSTOMERS, /* customer.authorize, and a reseller only with its
                                 * distributor's on-behalf grant (10.2.1.3) */
    PC_GUARD__END,
} pc_perm;

typedef enum {
    PC_KIND_OPERATOR,
    PC_KIND_MEMBER,
    PC_KIND_CUSTOMER,
    PC_KIND_INDIVIDUAL
} pc_user_kind;

/* System roles, as bits of pc_user.system_roles. */
#define PC_ROLE_ADMIN            1u
#define PC_ROLE_FINANCE          2u
#define PC_ROLE_ACCOUNT_DIRECTOR 4u
#define PC_ROLE_ACCOUNT_MANAGER  8u

/* What the user's partner has, as bits of pc_user.partner_flags (loaded with the session). */
#define PC_PARTNER_KOOGALLERY 1u /* in the KooGallery Sales Program */
#define PC_PARTNER_ON_BEHALF  2u /* may act on customers' behalf: not a reseller, or granted */

typedef struct pc_user {
    int64_t id, partner_id, customer_id, distributor_id;
    pc_user_kind kind;
    char username[40], name[128], email[256], partner_kind[24], lang[4];
    char partner_name[208], distributor_name[208];
    int must_change_password;
    uint64_t perms;         /* bit i: permission i */
    unsigned system_roles;  /* PC_ROLE_* */
    unsigned partner_flags; /* PC_PARTNER_* */
    int nroles;             /* system and custom roles held */
} pc_user;

/* Code of a permission ("org.member.manage"), or NULL. */
const char *pc_perm_code(pc_perm p);
/* Permission of a code, or -1. */
int pc_perm_from_code(const char *code);
/* The C name of a permission or route guard ("PC_PERM_SPEND_EXPORT", "PC_GUARD_PUBLIC"), as
 * `--routes` prints it; NULL for a number that is neither. */
const char *pc_guard_name(int guard);

/*
 * The permissions a member of a partner of kind `partner_kind` (partners.kind)
 * can hold at all, as bits (bit i: permission i): a role's permission outside
 * it has no effect for that partner.  One table in authz.c; a kind not in it
 * holds none (deny by default).  A reseller holds nothing of the finance
 * group — no partner bills, funds, invoices, coupons, discounts, revenue or
 * incentives (ch10 §1 items 7-8, §2 matrix: the vendor bills and settles
 * with the distributor only).
 */
uint64_t pc_authz_kind_perms(const char *partner_kind);

/* Non-zero when u passes the route guard or holds permission p. */
int pc_authz_allows(const pc_user *u, int p);

/*
 * Customer scope (spec 5.1.1.3 R4, 5.1.1.2, ch09 §0, ch10 §2): first the
 * organisation (own customers; a distributor also its resellers'), then the
 * people: a member without customer.view_all sees only the customers assigned
 * to it, and an account director also those of the managers it directs.
 */
typedef struct pc_scope {
    int64_t partner_id;        /* own partner */
    int64_t include_resellers; /* partner_id when a distributor, else 0 */
    int64_t assigned_to;       /* member id when limited to assigned customers, else 0 */
    int64_t director_of;       /* member id of a director (its managers' customers too), else 0 */
} pc_scope;

void pc_authz_scope(const pc_user *u, pc_scope *s);

/*
 * SQL predicate over a column holding a partner id, with two binds:
 * (scope.partner_id, scope.include_resellers).  Written as a semi-join on
 * the few partners in scope so that MariaDB looks the rows up by partner id
 * (an OR of the two conditions made it scan every customer).
 */
#define PC_SCOPE_PARTNER_SQL(col)                                                                  \
    col " IN (SELECT s.id FROM partners s WHERE s.id = ? OR s.distributor_id = ?)"

/*
 * The whole customer scope over a customers row aliased `c`, with five binds
 * in this order — PC_SCOPE_BINDS(scope) gives them.
 */
#define PC_SCOPE_CUSTOMER_SQL                                                                      \
    "(" PC_SCOPE_PARTNER_SQL("c.partner_id") " AND (? = 0 OR c.account_manager_id = ? OR "         \
                                             "c.account_manager_id IN (SELECT m.id FROM users m "  \
                                             "WHERE m.director_id = ?)))"
#define PC_SCOPE_BINDS(s)                                                                          \
    PC_I64((s).partner_id), PC_I64((s).include_resellers), PC_I64((s).assigned_to),                \
        PC_I64((s).assigned_to), PC_I64((s).director_of)

/*
 * The customer scope over a customers row aliased `c`, as fragments of a
 * composed statement (db.h): "AND c.partner_id = ?" for one partner, the
 * semi-join above for a distributor, and the account-manager limit only
 * when it applies.
 */
struct pc_sql_build;
void pc_authz_scope_sql(const pc_scope *s, struct pc_sql_build *q);

/* Kind of a user row ("operator", …) → enum; -1 for an unknown text. */
int pc_user_kind_from(const char *s);

#endif
