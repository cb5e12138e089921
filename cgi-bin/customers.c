/* pc-customers — joins the route tables of the page files (see customers.h). */
#include <stdlib.h>
#include <string.h>

#include "customers.h"

static const cust_routes *const tables[] = {
    &cust_list_routes,
    &cust_detail_routes,
    &cust_assign_routes,
    &cust_common_routes,
    &cust_auth_routes, &cust_assoc_routes,
    &cust_dev_routes, &cust_dev_invite_routes, &cust_dev_links_routes,
    &cust_budget_routes,
    &cust_freeze_routes,
};

int main(int argc, char **argv)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        n += tables[i]->n;
    pc_route *all = malloc(n * sizeof *all);
    if (!all)
        return 1;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        memcpy(all + k, tables[i]->routes, tables[i]->n * sizeof *all);
        k += tables[i]->n;
    }
    return pc_app_main(argc, argv, all, n);
}
