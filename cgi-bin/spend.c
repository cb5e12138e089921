/* pc-spend — joins the route tables of the page files (see spend.h). */
#include "spend.h"

static const pc_route_table *const tables[] = {
    &spend_details_routes,
    &spend_summary_routes,
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /spend/ to this program */
    return pc_app_main_tables(argc, argv, "/spend/", tables, sizeof tables / sizeof tables[0]);
}
