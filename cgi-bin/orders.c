/* pc-orders — joins the route tables of the page files (see orders.h). */
#include "orders.h"

static const pc_route_table *const tables[] = {
    &orders_list_routes,
    &orders_resources_routes,
    &orders_detail_routes,
    &orders_price_routes,
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /orders/ to this program */
    return pc_app_main_tables(argc, argv, "/orders/", tables, sizeof tables / sizeof tables[0]);
}
