/*
 * pc-org — Organization > Member Management (guide §5.1): members, roles,
 * account directors and managers, customer contacts.  Every query is limited
 * to the signed-in member's partner; an id of another partner is a 404.
 */
#ifndef PC_ORG_H
#define PC_ORG_H
#include <stdint.h>

#include "web/app.h"

#define ORG_MAX_ROLES 3 /* roles per member (R1) */

/* The route tables of the page files (one file each), joined in org.c. */
extern const pc_route_table org_members_routes, org_roles_routes, org_team_routes,
    org_contacts_routes, org_apikeys_routes;

/* Calling codes offered for mobile numbers, NULL-terminated. */
extern const char *const org_country_codes[];

/* The role picker and its rules (org_rules.c). */
typedef struct org_role_pick {
    int64_t ids[ORG_MAX_ROLES + 1];
    int n;           /* roles picked (capped at ORG_MAX_ROLES + 1 to detect too many) */
    unsigned system; /* PC_ROLE_* bits among them */
} org_role_pick;

/*
 * Read the "roles" checkboxes of the form and check them against spec 5.1.1.3
 * (R1 1..3 roles, R2 Admin alone, R3 not manager and director together) and
 * against what the signed-in user may grant.  Returns NULL or a language key.
 */
const char *org_roles_pick(pc_ctx *c, org_role_pick *pick);
/* Put the roles a member may get into Roles.N.{id,name,type,description,checked}. */
int org_roles_hdf(pc_ctx *c, const org_role_pick *checked);
/* The member ids' current role pick. */
int org_roles_of(int64_t member_id, org_role_pick *pick);
/* Number of normal Admin members of the partner other than member_id. */
int64_t org_other_admins(int64_t partner_id, int64_t member_id);
/* Display name of a role row (system roles from the language files). */
const char *org_role_name(pc_ctx *c, const char *code, const char *name);
/* The tabs of Member Management the user may open. */
void org_tabs(pc_ctx *c, const char *active);

#endif
