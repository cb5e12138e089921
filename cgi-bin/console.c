/* pc-console — joins the route tables of the page files (see console.h). */
#include <stdlib.h>
#include <string.h>

#include "console.h"

static const console_routes *const tables[] = {
    &console_partner_routes,
    &console_auth_routes, &console_assoc_routes, &console_trace_routes,
    &console_join_routes,
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
