/* pc-org — joins the route tables of the page files of Organization > Member Management
 * (see org.h). */
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

static const pc_route routes[] = {
    PC_ROUTE("GET", "/org/", PC_GUARD_PARTNER, org_home, 0),
};
PC_ROUTE_TABLE(org_index_routes, routes);

static const pc_route_table *const tables[] = {
    &org_index_routes, &org_members_routes,  &org_roles_routes,
    &org_team_routes,  &org_contacts_routes, &org_apikeys_routes,
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /org/ to this program */
    return pc_app_main_tables(argc, argv, "/org/", tables, sizeof tables / sizeof tables[0]);
}
