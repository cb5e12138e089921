/* pc-finance — joins the route tables of the page files (see finance.h). */
#include "finance.h"

/* /finance/ opens Partner Bills, the first page of the menu. */
static int index_page(pc_ctx *c)
{
    return pc_redirect(c, "/finance/bills");
}

static const pc_route routes[] = {
    {"GET", "/finance/", PC_PERM_FINANCE_VIEW, index_page, 0},
};
PC_ROUTE_TABLE(finance_index_routes, routes);

static const pc_route_table *const tables[] = {
    &finance_index_routes,
    &finance_bills_routes, &finance_bills_details_routes, &finance_bills_pdf_routes,
    &finance_coupon_routes, &finance_coupon_mgmt_routes,
    &finance_discount_routes,
    &finance_koogallery_routes,
    &finance_funds_routes, &finance_funds_cards_routes, &finance_funds_statements_routes,
    &finance_remit_routes,
    &finance_invoice_routes, &finance_invoice_pdf_routes, &finance_wht_routes,
};

int main(int argc, char **argv)
{
    return pc_app_main_tables(argc, argv, tables, sizeof tables / sizeof tables[0]);
}
