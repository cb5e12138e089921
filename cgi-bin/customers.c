/* pc-customers — joins the route tables of the page files (see customers.h). */
#include "customers.h"

static const cust_routes *const tables[] = {
    &cust_list_routes,       &cust_detail_routes,    &cust_assign_routes, &cust_common_routes,
    &cust_auth_routes,       &cust_assoc_routes,     &cust_switch_routes, &cust_dev_routes,
    &cust_dev_invite_routes, &cust_dev_links_routes, &cust_budget_routes, &cust_freeze_routes,
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /customers/ to this program */
    return pc_app_main_tables(argc, argv, "/customers/", tables, sizeof tables / sizeof tables[0]);
}
