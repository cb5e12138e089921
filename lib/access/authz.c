#include "access/authz.h"

#include <string.h>

#include "base/db.h"

/* The permission catalog: the enum's name (printed by `--routes`) and the code of the
 * permissions rows; PERM() writes the name from the same token as the index, so the two
 * cannot drift apart. */
#define PERM(p, code) [p] = {#p, code}
static const struct {
    const char *name, *code;
} perms[PC_PERM__COUNT] = {
    PERM(PC_PERM_DEFAULT_HOME, "default.home"),
    PERM(PC_PERM_DEFAULT_PROFILE, "default.profile"),
    PERM(PC_PERM_SUPPORT_USE, "support.use"),
    PERM(PC_PERM_CUSTOMER_DEVELOP, "customer.develop"),
    PERM(PC_PERM_CUSTOMER_VIEW_ALL, "customer.view_all"),
    PERM(PC_PERM_CUSTOMER_EXPORT, "customer.export"),
    PERM(PC_PERM_CUSTOMER_DISASSOCIATE, "customer.disassociate"),
    PERM(PC_PERM_ORDER_VIEW, "order.view"),
    PERM(PC_PERM_SPEND_VIEW, "spend.view"),
    PERM(PC_PERM_FINANCE_VIEW, "finance.view"),
    PERM(PC_PERM_FINANCE_TOPUP_WITHDRAW, "finance.topup_withdraw"),
    PERM(PC_PERM_BENEFIT_INVOICE, "benefit.invoice"),
    PERM(PC_PERM_INCENTIVE_VIEW, "incentive.view"),
    PERM(PC_PERM_STATS_VIEW, "stats.view"),
    PERM(PC_PERM_PROGRAM_MANAGE, "program.manage"),
    PERM(PC_PERM_PROGRAM_CERTIFICATE_DOWNLOAD, "program.certificate.download"),
    PERM(PC_PERM_GOAL_ANNUAL_REVENUE, "goal.annual_revenue"),
    PERM(PC_PERM_BUILD_SOLUTION_MANAGE, "build.solution.manage"),
    PERM(PC_PERM_COMPETENCY_CERTIFY, "competency.certify"),
    PERM(PC_PERM_BENEFIT_REQUEST, "benefit.request"),
    PERM(PC_PERM_ORG_MEMBER_MANAGE, "org.member.manage"),
    PERM(PC_PERM_ORG_ROLE_MANAGE, "org.role.manage"),
    PERM(PC_PERM_ORG_CONTACT_MANAGE, "org.contact.manage"),
    PERM(PC_PERM_ORG_DP_MANAGE, "org.dp.manage"),
    PERM(PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, "team.manage_account_managers"),
    PERM(PC_PERM_CUSTOMER_BUDGET, "customer.budget"),
    PERM(PC_PERM_CUSTOMER_AUTHORIZE, "customer.authorize"),
    PERM(PC_PERM_SPEND_EXPORT, "spend.export"),
};

/* The route guards that are not permissions, by the same rule. */
#define GUARD(g) [g - PC_GUARD_PUBLIC] = #g
static const char *const guards[PC_GUARD__END - PC_GUARD_PUBLIC] = {
    GUARD(PC_GUARD_PUBLIC),     GUARD(PC_GUARD_SIGNED_IN),  GUARD(PC_GUARD_OPERATOR),
    GUARD(PC_GUARD_PARTNER),    GUARD(PC_GUARD_CUSTOMERS),  GUARD(PC_GUARD_CUSTOMER),
    GUARD(PC_GUARD_ASSIGNMENT), GUARD(PC_GUARD_KOOGALLERY), GUARD(PC_GUARD_ACT_FOR_CUSTOMERS),
};

_Static_assert(PC_PERM__COUNT < 64, "permissions are bits of a uint64_t");
#define PERM_BIT(p) (UINT64_C(1) << (p))
#define ALL_PERMS   (PERM_BIT(PC_PERM__COUNT) - 1)
/* the finance group of the catalog (sql/001_foundation.sql, permissions.grp = 'finance') */
#define FINANCE_PERMS                                                                              \
    (PERM_BIT(PC_PERM_FINANCE_VIEW) | PERM_BIT(PC_PERM_FINANCE_TOPUP_WITHDRAW) |                   \
     PERM_BIT(PC_PERM_BENEFIT_INVOICE) | PERM_BIT(PC_PERM_INCENTIVE_VIEW))

/* What each partner kind can hold (ch10 §2); a kind missing here holds nothing. */
static const struct {
    const char *kind;
    uint64_t perms;
} kind_perms[] = {
    {"solution_provider", ALL_PERMS},
    {"distributor", ALL_PERMS},
    {"reseller", ALL_PERMS & ~FINANCE_PERMS},
    {"software", ALL_PERMS},
    {"service", ALL_PERMS},
    {"si", ALL_PERMS},
    {"learning", ALL_PERMS},
};

uint64_t pc_authz_kind_perms(const char *partner_kind)
{
    for (size_t i = 0; partner_kind && i < sizeof kind_perms / sizeof *kind_perms; i++)
        if (strcmp(kind_perms[i].kind, partner_kind) == 0)
            return kind_perms[i].perms;
    return 0;
}

const char *pc_perm_code(pc_perm p)
{
    return p >= 0 && p < PC_PERM__COUNT ? perms[p].code : NULL;
}

const char *pc_guard_name(int guard)
{
    if (guard >= 0 && guard < PC_PERM__COUNT)
        return perms[guard].name;
    if (guard >= PC_GUARD_PUBLIC && guard < PC_GUARD__END)
        return guards[guard - PC_GUARD_PUBLIC];
    return NULL;
}

int pc_perm_from_code(const char *code)
{
    for (int i = 0; i < PC_PERM__COUNT; i++)
        if (strcmp(perms[i].code, code) == 0)
            return i;
    return -1;
}

int pc_authz_allows(const pc_user *u, int p)
{
    switch (p) {
    case PC_GUARD_PUBLIC:
        return 1;
    case PC_GUARD_SIGNED_IN:
        return u != NULL && u->id > 0;
    case PC_GUARD_OPERATOR:
        return u && u->id > 0 && u->kind == PC_KIND_OPERATOR;
    case PC_GUARD_PARTNER:
        return u && u->id > 0 && u->kind == PC_KIND_MEMBER;
    case PC_GUARD_CUSTOMER:
        return u && u->id > 0 && u->kind == PC_KIND_CUSTOMER && u->customer_id > 0;
    case PC_GUARD_CUSTOMERS:
        return pc_authz_allows(u, PC_PERM_CUSTOMER_DEVELOP) ||
               pc_authz_allows(u, PC_PERM_CUSTOMER_VIEW_ALL);
    case PC_GUARD_ASSIGNMENT:
        return pc_authz_allows(u, PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS) &&
               pc_authz_allows(u, PC_PERM_CUSTOMER_VIEW_ALL);
    case PC_GUARD_KOOGALLERY:
        return pc_authz_allows(u, PC_PERM_FINANCE_VIEW) &&
               (u->partner_flags & PC_PARTNER_KOOGALLERY);
    case PC_GUARD_ACT_FOR_CUSTOMERS:
        return pc_authz_allows(u, PC_PERM_CUSTOMER_AUTHORIZE) &&
               (u->partner_flags & PC_PARTNER_ON_BEHALF);
    default:
        /* permissions are held only by partner members, through their roles */
        if (!u || u->id <= 0 || u->kind != PC_KIND_MEMBER || p < 0 || p >= PC_PERM__COUNT)
            return 0;
        return (u->perms >> p) & 1u;
    }
}

void pc_authz_scope(const pc_user *u, pc_scope *s)
{
    memset(s, 0, sizeof *s);
    s->partner_id = -1; /* matches no partner */
    if (u->kind != PC_KIND_MEMBER)
        return;
    s->partner_id = u->partner_id;
    if (strcmp(u->partner_kind, "distributor") == 0)
        s->include_resellers = u->partner_id;
    if (!pc_authz_allows(u, PC_PERM_CUSTOMER_VIEW_ALL)) {
        s->assigned_to = u->id;
        if (u->system_roles & PC_ROLE_ACCOUNT_DIRECTOR)
            s->director_of = u->id;
    }
}

void pc_authz_scope_sql(const pc_scope *s, pc_sql_build *q)
{
    if (s->include_resellers)
        pc_sql_add(q, "AND " PC_SCOPE_PARTNER_SQL("c.partner_id"), PC_I64(s->partner_id),
                   PC_I64(s->include_resellers));
    else
        pc_sql_add(q, "AND c.partner_id = ?", PC_I64(s->partner_id));
    if (s->assigned_to)
        pc_sql_add(q,
                   "AND (c.account_manager_id = ? OR c.account_manager_id IN "
                   "(SELECT m.id FROM users m WHERE m.director_id = ?))",
                   PC_I64(s->assigned_to), PC_I64(s->director_of));
}

int pc_user_kind_from(const char *s)
{
    static const char *const kinds[] = {"operator", "member", "customer", "individual"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, kinds[i]) == 0)
            return i;
    return -1;
}
