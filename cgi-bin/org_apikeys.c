/* Organization > API keys (issue 7): the partner admin's access keys of the partner API. */
#include "web/apikey_page.h"
#include "org.h"

#define BASE "/org/api-keys"

/* Only a partner admin manages keys: a key acts with all of its user's rights. */
static int admin_only(pc_ctx *c)
{
    if (c->user.system_roles & PC_ROLE_ADMIN) {
        org_tabs(c, "apikeys");
        return 0;
    }
    pc_audit_ctx(c, "access.denied", "path", 0, "denied", c->path);
    return pc_error(c, 403);
}

static int apikeys_list(pc_ctx *c)
{
    return admin_only(c) ? c->status : pc_apikey_page_list(c, "org", BASE);
}

static int apikey_create(pc_ctx *c)
{
    return admin_only(c) ? c->status : pc_apikey_page_create(c, "org", BASE);
}

static int apikey_delete_form(pc_ctx *c)
{
    return admin_only(c) ? c->status : pc_apikey_page_delete_form(c, "org", BASE);
}

static int apikey_delete(pc_ctx *c)
{
    return admin_only(c) ? c->status : pc_apikey_page_delete(c, "org", BASE);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/org/api-keys", PC_GUARD_PARTNER, apikeys_list, 0),
    PC_ROUTE("POST", "/org/api-keys/new", PC_GUARD_PARTNER, apikey_create, 0),
    PC_ROUTE("GET", "/org/api-keys/{id}/delete", PC_GUARD_PARTNER, apikey_delete_form, 0),
    PC_ROUTE("POST", "/org/api-keys/{id}/delete", PC_GUARD_PARTNER, apikey_delete, 0),
};
PC_ROUTE_TABLE(org_apikeys_routes, routes);
