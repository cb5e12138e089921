/* pc-console — joins the route tables of the page files (see console.h). */
#include "console.h"

static const console_routes *const tables[] = {
    &console_partner_routes, &console_auth_routes,   &console_assoc_routes,  &console_trace_routes,
    &console_join_routes,    &console_switch_routes, &console_apikey_routes,
};

int main(int argc, char **argv)
{
    /* nginx passes every path under /console/ to this program */
    return pc_app_main_tables(argc, argv, "/console/", tables, sizeof tables / sizeof tables[0]);
}
