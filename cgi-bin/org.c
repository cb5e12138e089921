/* pc-org — the route table of Organization > Member Management (see org.h). */
#include "org.h"

/* /org/ opens the first tab the user may see. */
static int org_home(pc_ctx *c)
{
    static const struct {
        int perm;
        const char *href;
    } first[] = {
        {PC_PERM_ORG_MEMBER_MANAGE, "/org/members"},
        {PC_PERM_ORG_ROLE_MANAGE, "/org/roles"},
        {PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS, "/org/team"},
        {PC_PERM_ORG_CONTACT_MANAGE, "/org/contacts"},
    };
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++)
        if (pc_authz_allows(&c->user, first[i].perm))
            return pc_redirect(c, first[i].href);
    return pc_error(c, 403);
}

#define MEMBERS PC_PERM_ORG_MEMBER_MANAGE
#define ROLES PC_PERM_ORG_ROLE_MANAGE
#define TEAM PC_PERM_TEAM_MANAGE_ACCOUNT_MANAGERS
#define CONTACTS PC_PERM_ORG_CONTACT_MANAGE

static const pc_route routes[] = {
    {"GET", "/org/", PC_GUARD_PARTNER, org_home, 0},
    {"GET", "/org/members", MEMBERS, members_list, 0},
    {"GET", "/org/api-keys", PC_GUARD_PARTNER, apikeys_list, 0},
    {"POST", "/org/api-keys/new", PC_GUARD_PARTNER, apikey_create, 0},
    {"GET", "/org/api-keys/{id}/delete", PC_GUARD_PARTNER, apikey_delete_form, 0},
    {"POST", "/org/api-keys/{id}/delete", PC_GUARD_PARTNER, apikey_delete, 0},
    {"GET", "/org/members/new", MEMBERS, member_new_form, 0},
    {"POST", "/org/members/new", MEMBERS, member_create, 0},
    {"GET", "/org/members/{id}", MEMBERS, member_view, 0},
    {"GET", "/org/members/{id}/edit", MEMBERS, member_edit_form, 0},
    {"POST", "/org/members/{id}/edit", MEMBERS, member_update, 0},
    {"GET", "/org/members/{id}/roles", MEMBERS, member_roles_form, 0},
    {"POST", "/org/members/{id}/roles", MEMBERS, member_roles_update, 0},
    {"GET", "/org/members/{id}/password", MEMBERS, member_password_form, 0},
    {"POST", "/org/members/{id}/password", MEMBERS, member_password_reset, 0},
    {"GET", "/org/members/{id}/delete", MEMBERS, member_delete_form, 0},
    {"POST", "/org/members/{id}/delete", MEMBERS, member_delete, 0},
    {"GET", "/org/roles", ROLES, roles_list, 0},
    {"GET", "/org/roles/new", ROLES, role_new_form, 0},
    {"POST", "/org/roles/new", ROLES, role_create, 0},
    {"GET", "/org/roles/{id}", ROLES, role_view, 0},
    {"GET", "/org/roles/{id}/edit", ROLES, role_edit_form, 0},
    {"POST", "/org/roles/{id}/edit", ROLES, role_update, 0},
    {"GET", "/org/roles/{id}/delete", ROLES, role_delete_form, 0},
    {"POST", "/org/roles/{id}/delete", ROLES, role_delete, 0},
    {"GET", "/org/team", TEAM, team_page, 0},
    {"POST", "/org/team/{id}", TEAM, team_assign, 0},
    {"GET", "/org/contacts", CONTACTS, contacts_list, 0},
    {"POST", "/org/contacts/new", CONTACTS, contact_create, 0},
    {"GET", "/org/contacts/{id}/edit", CONTACTS, contact_edit_form, 0},
    {"POST", "/org/contacts/{id}/edit", CONTACTS, contact_update, 0},
    {"GET", "/org/contacts/{id}/delete", CONTACTS, contact_delete_form, 0},
    {"POST", "/org/contacts/{id}/delete", CONTACTS, contact_delete, 0},
};

int main(int argc, char **argv)
{
    return pc_app_main(argc, argv, routes, sizeof routes / sizeof routes[0]);
}
