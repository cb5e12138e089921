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

/* Pages (one file each). */
int members_list(pc_ctx *c);
int member_new_form(pc_ctx *c);
int member_create(pc_ctx *c);
int member_view(pc_ctx *c);
int member_edit_form(pc_ctx *c);
int member_update(pc_ctx *c);
int member_roles_form(pc_ctx *c);
int member_roles_update(pc_ctx *c);
int member_password_form(pc_ctx *c);
int member_password_reset(pc_ctx *c);
int member_delete_form(pc_ctx *c);
int member_delete(pc_ctx *c);

int roles_list(pc_ctx *c);
int role_new_form(pc_ctx *c);
int role_create(pc_ctx *c);
int role_view(pc_ctx *c);
int role_edit_form(pc_ctx *c);
int role_update(pc_ctx *c);
int role_delete_form(pc_ctx *c);
int role_delete(pc_ctx *c);

int team_page(pc_ctx *c);
int team_assign(pc_ctx *c);

int apikeys_list(pc_ctx *c);
int apikey_create(pc_ctx *c);
int apikey_delete_form(pc_ctx *c);
int apikey_delete(pc_ctx *c);

int contacts_list(pc_ctx *c);
int contact_create(pc_ctx *c);
int contact_edit_form(pc_ctx *c);
int contact_update(pc_ctx *c);
int contact_delete_form(pc_ctx *c);
int contact_delete(pc_ctx *c);

/* Calling codes offered for mobile numbers, NULL-terminated. */
extern const char *const org_country_codes[];

/* The role picker and its rules (org_rules.c). */
typedef struct org_role_pick {
    int64_t ids[ORG_MAX_ROLES + 1];
    int n;         /* roles picked (capped at ORG_MAX_ROLES + 1 to detect too many) */
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
