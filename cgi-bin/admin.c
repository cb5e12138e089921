/* pc-admin — the vendor operator's console: the product catalog and its list
 * prices, the manual review of pre-registrations, promotion activities. */
#include "admin.h"

static const pc_route_table *const tables[] = {
    &admin_catalog_routes,
    &admin_review_routes,
    &admin_promotion_routes,
};

void admin_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"catalog", "/admin/catalog", "admin.catalog.title", PC_GUARD_OPERATOR},
        {"review", "/admin/preregistrations", "admin.review.title", PC_GUARD_OPERATOR},
        {"promotions", "/admin/promotions", "admin.promo.title", PC_GUARD_OPERATOR},
    };
    pc_tabs(c, tabs, sizeof tabs / sizeof tabs[0], active);
}

int main(int argc, char **argv)
{
    return pc_app_main_tables(argc, argv, tables, sizeof tables / sizeof tables[0]);
}
