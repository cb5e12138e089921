/* My Account > API keys (issue 7): a customer's access keys for the customer-side operations. */
#include "web/apikey_page.h"
#include "console.h"

#define BASE "/console/api-keys"

static int list_page(pc_ctx *c)
{
    return pc_apikey_page_list(c, "console", BASE);
}

static int create(pc_ctx *c)
{
    return pc_apikey_page_create(c, "console", BASE);
}

static int delete_form(pc_ctx *c)
{
    return pc_apikey_page_delete_form(c, "console", BASE);
}

static int delete_key(pc_ctx *c)
{
    return pc_apikey_page_delete(c, "console", BASE);
}

static const pc_route routes[] = {
    PC_ROUTE("GET", BASE, PC_GUARD_CUSTOMER, list_page, 0),
    PC_ROUTE("POST", BASE "/new", PC_GUARD_CUSTOMER, create, 0),
    PC_ROUTE("GET", BASE "/{id}/delete", PC_GUARD_CUSTOMER, delete_form, 0),
    PC_ROUTE("POST", BASE "/{id}/delete", PC_GUARD_CUSTOMER, delete_key, 0),
};
CONSOLE_ROUTES(console_apikey_routes, routes);
