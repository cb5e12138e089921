/* Unit tests of lib/access/authz.c: route guards, permissions (deny by default) and scope. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "access/authz.h"

#define ALL_BITS (~UINT64_C(0))

static pc_user user(pc_user_kind kind, int64_t id, uint64_t perms)
{
    pc_user u;
    memset(&u, 0, sizeof u);
    u.kind = kind;
    u.id = id;
    u.perms = perms;
    if (kind == PC_KIND_MEMBER)
        u.partner_id = 3;
    return u;
}

static uint64_t bit(int p)
{
    return UINT64_C(1) << p;
}

static void test_guard_public(void **state)
{
    pc_user anon = user(PC_KIND_MEMBER, 0, 0);
    (void)state;
    assert_true(pc_authz_allows(NULL, PC_GUARD_PUBLIC));
    assert_true(pc_authz_allows(&anon, PC_GUARD_PUBLIC));
}

static void test_guard_signed_in(void **state)
{
    pc_user op = user(PC_KIND_OPERATOR, 1, 0), member = user(PC_KIND_MEMBER, 5, 0);
    pc_user nobody = user(PC_KIND_MEMBER, 0, ALL_BITS);
    (void)state;
    assert_false(pc_authz_allows(NULL, PC_GUARD_SIGNED_IN));
    assert_false(pc_authz_allows(&nobody, PC_GUARD_SIGNED_IN));
    assert_true(pc_authz_allows(&op, PC_GUARD_SIGNED_IN));
    assert_true(pc_authz_allows(&member, PC_GUARD_SIGNED_IN));
}

static void test_guard_operator(void **state)
{
    pc_user op = user(PC_KIND_OPERATOR, 1, 0), op0 = user(PC_KIND_OPERATOR, 0, 0);
    pc_user member = user(PC_KIND_MEMBER, 5, ALL_BITS), cust = user(PC_KIND_CUSTOMER, 6, 0);
    (void)state;
    assert_true(pc_authz_allows(&op, PC_GUARD_OPERATOR));
    assert_false(pc_authz_allows(&op0, PC_GUARD_OPERATOR));
    assert_false(pc_authz_allows(&member, PC_GUARD_OPERATOR));
    assert_false(pc_authz_allows(&cust, PC_GUARD_OPERATOR));
    assert_false(pc_authz_allows(NULL, PC_GUARD_OPERATOR));
}

static void test_guard_partner(void **state)
{
    pc_user member = user(PC_KIND_MEMBER, 5, 0), member0 = user(PC_KIND_MEMBER, 0, 0);
    pc_user op = user(PC_KIND_OPERATOR, 1, ALL_BITS), cust = user(PC_KIND_CUSTOMER, 6, 0);
    pc_user indiv = user(PC_KIND_INDIVIDUAL, 7, 0);
    (void)state;
    assert_true(pc_authz_allows(&member, PC_GUARD_PARTNER));
    assert_false(pc_authz_allows(&member0, PC_GUARD_PARTNER));
    assert_false(pc_authz_allows(&op, PC_GUARD_PARTNER));
    assert_false(pc_authz_allows(&cust, PC_GUARD_PARTNER));
    assert_false(pc_authz_allows(&indiv, PC_GUARD_PARTNER));
    assert_false(pc_authz_allows(NULL, PC_GUARD_PARTNER));
}

static void test_perm_bit_needed(void **state)
{
    pc_user u = user(PC_KIND_MEMBER, 5, bit(PC_PERM_ORDER_VIEW));
    (void)state;
    assert_true(pc_authz_allows(&u, PC_PERM_ORDER_VIEW));
    assert_false(pc_authz_allows(&u, PC_PERM_FINANCE_VIEW));
    assert_false(pc_authz_allows(&u, PC_PERM_ORG_MEMBER_MANAGE));
}

static void test_perm_each_bit_alone(void **state)
{
    (void)state;
    for (int p = 0; p < PC_PERM__COUNT; p++) {
        pc_user u = user(PC_KIND_MEMBER, 5, bit(p));
        for (int q = 0; q < PC_PERM__COUNT; q++)
            if (!pc_authz_allows(&u, q) != (p != q))
                fail_msg("member holding only %s: allows(%s) wrong", pc_perm_code(p),
                         pc_perm_code(q));
    }
}

static void test_perm_deny_by_default(void **state)
{
    pc_user none = user(PC_KIND_MEMBER, 5, 0);
    (void)state;
    for (int p = 0; p < PC_PERM__COUNT; p++)
        if (pc_authz_allows(&none, p))
            fail_msg("member without permissions allowed %s", pc_perm_code(p));
    assert_false(pc_authz_allows(NULL, PC_PERM_DEFAULT_HOME));
}

static void test_perm_only_members(void **state)
{
    pc_user op = user(PC_KIND_OPERATOR, 1, ALL_BITS), cust = user(PC_KIND_CUSTOMER, 6, ALL_BITS);
    pc_user indiv = user(PC_KIND_INDIVIDUAL, 7, ALL_BITS), anon = user(PC_KIND_MEMBER, 0, ALL_BITS);
    (void)state;
    assert_false(pc_authz_allows(&op, PC_PERM_CUSTOMER_VIEW_ALL));
    assert_false(pc_authz_allows(&op, PC_PERM_FINANCE_TOPUP_WITHDRAW));
    assert_false(pc_authz_allows(&cust, PC_PERM_ORDER_VIEW));
    assert_false(pc_authz_allows(&indiv, PC_PERM_ORDER_VIEW));
    assert_false(pc_authz_allows(&anon, PC_PERM_ORDER_VIEW)); /* id 0 */
}

static void test_perm_out_of_range(void **state)
{
    pc_user all = user(PC_KIND_MEMBER, 5, ALL_BITS);
    (void)state;
    assert_true(pc_authz_allows(&all, PC_PERM__COUNT - 1));
    assert_false(pc_authz_allows(&all, PC_PERM__COUNT));
    assert_false(pc_authz_allows(&all, 63));
    assert_false(pc_authz_allows(&all, -1));
    assert_false(pc_authz_allows(&all, 99));
}

static void test_perm_code_golden(void **state)
{
    (void)state;
    assert_string_equal(pc_perm_code(PC_PERM_DEFAULT_HOME), "default.home");
    assert_string_equal(pc_perm_code(PC_PERM_ORG_MEMBER_MANAGE), "org.member.manage");
    assert_string_equal(pc_perm_code(PC_PERM_PROGRAM_CERTIFICATE_DOWNLOAD),
                        "program.certificate.download");
    assert_string_equal(pc_perm_code(PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS),
                        "team.manage_account_managers");
    assert_int_equal(pc_perm_from_code("finance.topup_withdraw"), PC_PERM_FINANCE_TOPUP_WITHDRAW);
    assert_int_equal(pc_perm_from_code("default.home"), 0);
}

static void test_perm_code_round_trip(void **state)
{
    (void)state;
    for (int p = 0; p < PC_PERM__COUNT; p++) {
        const char *code = pc_perm_code(p);
        if (!code || !*code)
            fail_msg("permission %d has no code", p);
        if (pc_perm_from_code(code) != p)
            fail_msg("pc_perm_from_code(\"%s\") = %d, want %d", code, pc_perm_from_code(code), p);
        for (int q = 0; q < p; q++)
            if (strcmp(code, pc_perm_code(q)) == 0)
                fail_msg("permissions %d and %d share the code %s", q, p, code);
    }
}

static void test_perm_code_unknown(void **state)
{
    (void)state;
    assert_int_equal(pc_perm_from_code("org.member"), -1);
    assert_int_equal(pc_perm_from_code("ORG.MEMBER.MANAGE"), -1);
    assert_int_equal(pc_perm_from_code("default.home "), -1);
    assert_int_equal(pc_perm_from_code(""), -1);
    assert_null(pc_perm_code(PC_PERM__COUNT));
    assert_null(pc_perm_code(PC_GUARD_PUBLIC));
    assert_null(pc_perm_code((pc_perm)-1));
}

/* --routes prints each route's guard by its C name: every permission and guard has one. */
static void test_guard_names(void **state)
{
    (void)state;
    assert_string_equal(pc_guard_name(PC_PERM_SPEND_EXPORT), "PC_PERM_SPEND_EXPORT");
    assert_string_equal(pc_guard_name(PC_PERM_DEFAULT_HOME), "PC_PERM_DEFAULT_HOME");
    assert_string_equal(pc_guard_name(PC_GUARD_PUBLIC), "PC_GUARD_PUBLIC");
    assert_string_equal(pc_guard_name(PC_GUARD_CUSTOMER), "PC_GUARD_CUSTOMER");
    for (int p = 0; p < PC_PERM__COUNT; p++)
        if (!pc_guard_name(p) || strncmp(pc_guard_name(p), "PC_PERM_", 8) != 0)
            fail_msg("permission %d has no name", p);
    for (int g = PC_GUARD_PUBLIC; g < PC_GUARD__END; g++)
        if (!pc_guard_name(g) || strncmp(pc_guard_name(g), "PC_GUARD_", 9) != 0)
            fail_msg("guard %d has no name", g);
    assert_null(pc_guard_name(PC_PERM__COUNT));
    assert_null(pc_guard_name(PC_GUARD__END));
    assert_null(pc_guard_name(-1));
}

static pc_user member_with_roles(unsigned roles, int nroles, const char *partner_kind, int view_all)
{
    pc_user u = user(PC_KIND_MEMBER, 7, 0);
    u.partner_id = 9;
    u.system_roles = roles;
    u.nroles = nroles;
    if (view_all)
        u.perms |= UINT64_C(1) << PC_PERM_CUSTOMER_VIEW_ALL;
    snprintf(u.partner_kind, sizeof u.partner_kind, "%s", partner_kind);
    return u;
}

/* Without customer.view_all a member sees only the customers assigned to it. */
static void test_scope_account_manager_only(void **state)
{
    pc_user u = member_with_roles(PC_ROLE_ACCOUNT_MANAGER, 1, "reseller", 0);
    pc_scope s;
    (void)state;
    pc_authz_scope(&u, &s);
    assert_int_equal(s.partner_id, 9);
    assert_int_equal(s.assigned_to, 7);
    assert_int_equal(s.director_of, 0);
    assert_int_equal(s.include_resellers, 0);
}

/* A role that brings customer.view_all lifts the limit (R4: AM plus another role sees all). */
static void test_scope_account_manager_and_other_role(void **state)
{
    pc_user custom = member_with_roles(PC_ROLE_ACCOUNT_MANAGER, 2, "reseller", 1);
    pc_user admin = member_with_roles(PC_ROLE_ACCOUNT_MANAGER | PC_ROLE_ADMIN, 2, "reseller", 1);
    pc_scope s;
    (void)state;
    pc_authz_scope(&custom, &s);
    assert_int_equal(s.assigned_to, 0);
    assert_int_equal(s.partner_id, 9);
    pc_authz_scope(&admin, &s);
    assert_int_equal(s.assigned_to, 0);
}

static void test_scope_other_roles(void **state)
{
    pc_user finance = member_with_roles(PC_ROLE_FINANCE, 1, "reseller", 1);
    pc_scope s;
    (void)state;
    pc_authz_scope(&finance, &s);
    assert_int_equal(s.partner_id, 9);
    assert_int_equal(s.assigned_to, 0);
    assert_int_equal(s.include_resellers, 0);
}

/* An account director sees its own customers and those of the managers it directs. */
static void test_scope_director(void **state)
{
    pc_user d = member_with_roles(PC_ROLE_ACCOUNT_DIRECTOR, 1, "solution_provider", 0);
    pc_scope s;
    (void)state;
    pc_authz_scope(&d, &s);
    assert_int_equal(s.assigned_to, 7);
    assert_int_equal(s.director_of, 7);
}

static void test_scope_distributor(void **state)
{
    pc_user admin = member_with_roles(PC_ROLE_ADMIN, 1, "distributor", 1);
    pc_scope s;
    (void)state;
    pc_authz_scope(&admin, &s);
    assert_int_equal(s.partner_id, 9);
    assert_int_equal(s.include_resellers, 9);
    assert_int_equal(s.assigned_to, 0);
}

static void test_scope_operator_has_no_partner(void **state)
{
    pc_user op = user(PC_KIND_OPERATOR, 1, 0);
    pc_scope s;
    (void)state;
    op.partner_id = 9; /* even a stray value must not give a partner scope */
    pc_authz_scope(&op, &s);
    assert_true(s.partner_id <= 0);
    assert_int_equal(s.assigned_to, 0);
}

static void test_user_kind_from(void **state)
{
    (void)state;
    assert_int_equal(pc_user_kind_from("operator"), PC_KIND_OPERATOR);
    assert_int_equal(pc_user_kind_from("member"), PC_KIND_MEMBER);
    assert_int_equal(pc_user_kind_from("customer"), PC_KIND_CUSTOMER);
    assert_int_equal(pc_user_kind_from("individual"), PC_KIND_INDIVIDUAL);
    assert_int_equal(pc_user_kind_from("Member"), -1);
    assert_int_equal(pc_user_kind_from(""), -1);
}

/* ch10 §2: a reseller holds nothing of the finance group; the other kinds everything;
 * an unknown kind nothing (deny by default). */
static void test_kind_perms(void **state)
{
    const uint64_t all = bit(PC_PERM__COUNT) - 1;
    const int finance[] = {PC_PERM_FINANCE_VIEW, PC_PERM_FINANCE_TOPUP_WITHDRAW,
                           PC_PERM_BENEFIT_INVOICE, PC_PERM_INCENTIVE_VIEW};
    const char *full[] = {"solution_provider", "distributor", "software",
                          "service",           "si",          "learning"};
    uint64_t r = pc_authz_kind_perms("reseller");
    (void)state;
    for (size_t i = 0; i < sizeof full / sizeof *full; i++)
        assert_int_equal(pc_authz_kind_perms(full[i]), all);
    for (size_t i = 0; i < sizeof finance / sizeof *finance; i++)
        assert_false(r & bit(finance[i]));
    assert_int_equal(r | bit(finance[0]) | bit(finance[1]) | bit(finance[2]) | bit(finance[3]),
                     all);
    assert_int_equal(pc_authz_kind_perms(""), 0);
    assert_int_equal(pc_authz_kind_perms("Reseller"), 0);
    assert_int_equal(pc_authz_kind_perms(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guard_public),
        cmocka_unit_test(test_guard_signed_in),
        cmocka_unit_test(test_guard_operator),
        cmocka_unit_test(test_guard_partner),
        cmocka_unit_test(test_perm_bit_needed),
        cmocka_unit_test(test_perm_each_bit_alone),
        cmocka_unit_test(test_perm_deny_by_default),
        cmocka_unit_test(test_perm_only_members),
        cmocka_unit_test(test_perm_out_of_range),
        cmocka_unit_test(test_perm_code_golden),
        cmocka_unit_test(test_perm_code_round_trip),
        cmocka_unit_test(test_perm_code_unknown),
        cmocka_unit_test(test_guard_names),
        cmocka_unit_test(test_scope_account_manager_only),
        cmocka_unit_test(test_scope_account_manager_and_other_role),
        cmocka_unit_test(test_scope_other_roles),
        cmocka_unit_test(test_scope_director),
        cmocka_unit_test(test_scope_distributor),
        cmocka_unit_test(test_scope_operator_has_no_partner),
        cmocka_unit_test(test_user_kind_from),
        cmocka_unit_test(test_kind_perms),
    };
    return cmocka_run_group_tests_name("authz", tests, NULL, NULL);
}
