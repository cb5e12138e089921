/* pc-admin — the vendor operator's console: the product catalog and its list prices. */
#include "app.h"

extern const pc_route_table admin_catalog_routes;

static const pc_route_table *const tables[] = {
    &admin_catalog_routes,
};

int main(int argc, char **argv)
{
    return pc_app_main_tables(argc, argv, tables, sizeof tables / sizeof tables[0]);
}
