/* pc-admin — the vendor operator's console: the product catalog and its list
 * prices, the manual review of pre-registrations, promotion activities. */
#include "admin.h"

#include "admin_discounts.h"
#include "base/db.h"
#include "web/page.h"

static const pc_route_table *const tables[] = {
    &admin_catalog_routes,    &admin_review_routes,
    &admin_promotion_routes,  &admin_coupon_routes,
    &admin_ledger_routes,     &admin_partner_routes,
    &admin_rate_routes,       &admin_discount_routes,
    &admin_koogallery_routes, &admin_adjustment_routes,
    &admin_bank_routes,       &admin_remit_routes,
    &admin_tax_routes,        &admin_invoice_routes,
    &admin_wht_routes, /* admin_tax/invoices/wht.c */
};

static int change_tx(void *arg)
{
    admin_change *x = arg;
    x->rows = pc_db_exec(x->table, x->st, x->b, x->nb, &x->insert_id);
    if (x->rows < 0) {
        x->errno_ = pc_db_errno();
        return 1; /* roll back; the caller reads rows and errno_ */
    }
    if (x->rows > 0)
        pc_audit_ctx(x->c, x->action, x->object_type, x->object_id ? x->object_id : x->insert_id,
                     "ok", x->detail);
    return 0;
}

void admin_change_run(admin_change *x)
{
    x->rows = -1, x->insert_id = 0, x->errno_ = 0;
    if (pc_db_tx(change_tx, x) < 0 && !x->errno_)
        x->errno_ = pc_db_errno();
}

void admin_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"catalog", "/admin/catalog", "admin.catalog.title", PC_GUARD_OPERATOR},
        {"review", "/admin/preregistrations", "admin.review.title", PC_GUARD_OPERATOR},
        {"promotions", "/admin/promotions", "admin.promo.title", PC_GUARD_OPERATOR},
        {"coupons", "/admin/coupons", "coupons.admin.title", PC_GUARD_OPERATOR},
        {"ledger", "/admin/ledger", "coupons.ledger.title", PC_GUARD_OPERATOR},
        {"partners", "/admin/partners", "disc.partners.title", PC_GUARD_OPERATOR},
        {"discounts", "/admin/discounts", "disc.commercial.title", PC_GUARD_OPERATOR},
        {"koogallery", "/admin/koogallery", "disc.koo.title", PC_GUARD_OPERATOR},
        {"rates", "/admin/rates", "disc.rates.title", PC_GUARD_OPERATOR},
        {"adjustments", "/admin/adjustments", "disc.adjust.title", PC_GUARD_OPERATOR},
        {"bank", "/admin/bank-statements", "remit.bank.title", PC_GUARD_OPERATOR},
        {"claims", "/admin/remittance-claims", "remit.admin.title", PC_GUARD_OPERATOR},
        {"tax", "/admin/tax", "invoices.tax.title", PC_GUARD_OPERATOR},
        {"invoices", "/admin/invoices", "invoices.admin.title", PC_GUARD_OPERATOR},
        {"wht", "/admin/wht", "invoices.wht.admin_title", PC_GUARD_OPERATOR},
    };
    pc_tabs(c, tabs, sizeof tabs / sizeof tabs[0], active);
}

int main(int argc, char **argv)
{
    /* nginx passes every path under /admin/ to this program */
    return pc_app_main_tables(argc, argv, "/admin/", tables, sizeof tables / sizeof tables[0]);
}
