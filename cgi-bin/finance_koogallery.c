/*
 * Sales > KooGallery > Discounts for KooGallery Products (ch09 §9.7.1.1):
 * tabs Product Discounts (product level: every resale partner's), Partner
 * Discounts and Customer Discounts (this partner's only), each with the
 * sub-tabs Authorized (to be validated and effective) and Invalid; filters by
 * delivery method, status and a keyword.  Only partners in the KooGallery
 * Sales Program see them; others are told to join it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "billing/discount.h"
#include "finance.h"
#include "base/view.h"

enum stmt { ST_LIST, ST_DELIVERY, ST__MAX };
/* the scope: product level for all partners, the others only the signed-in partner's */
#define KOO_SCOPE "k.level = ? AND (k.level = 'product' OR k.partner_id = ?) "
static const char *const sql[ST__MAX] = {
    /* binds: level, partner, invalid sub-tab (0/1), status, status, keyword, like ×4, delivery ×2
     */
    [ST_LIST] =
        "SELECT k.uuid, pr.name AS product, pr.koogallery_seller AS seller, k.spec_name, "
        "k.delivery_method, k.category, k.project, c.name AS customer, c.account_name AS "
        "customer_account, k.transaction_model, k.discount_ppm, k.status, k.valid_from, "
        "k.valid_until, k.updated_at FROM koogallery_discounts k JOIN products pr ON "
        "pr.id = k.product_id LEFT JOIN customers c ON c.id = k.customer_id WHERE " KOO_SCOPE
        "AND (k.status = 'invalid') = ? AND (? = '' OR k.status = ?) AND (? = '' OR "
        "pr.name LIKE ? OR k.spec_name LIKE ? OR k.project LIKE ? OR k.uuid LIKE ?) AND "
        "(? = '' OR k.delivery_method = ?) ORDER BY k.valid_until DESC, k.id DESC LIMIT 200",
    [ST_DELIVERY] =
        "SELECT DISTINCT k.delivery_method AS name FROM koogallery_discounts k WHERE " KOO_SCOPE
        "AND k.delivery_method <> '' ORDER BY 1",
};
PC_SQL_TABLE(fkoo_sql, sql);

static const char *const tabs[] = {"product", "partner", "customer", NULL};
static const char *const subs[] = {"authorized", "invalid", NULL};
static const char *const statuses[] = {"to_be_validated", "effective", "invalid", NULL};
enum { QF_TAB, QF_SUB, QF_STATUS, QF_DELIVERY, QF_Q, QF__N };
static const pc_field filter_fields[QF__N] = {
    [QF_TAB] = {"tab", pc_valid_enum, 0, 0, 0, tabs},
    [QF_SUB] = {"sub", pc_valid_enum, 0, 0, 0, subs},
    [QF_STATUS] = {"status", pc_valid_enum, 0, 0, 0, statuses},
    [QF_DELIVERY] = {"delivery", pc_valid_text, 1, 64, 0, NULL},
    [QF_Q] = {"q", pc_valid_text, 1, 100, 0, NULL},
};

static void format_rows(pc_ctx *c)
{
    char buf[300];
    for (HDF *h = hdf_get_child(c->hdf, "Koo"); h; h = hdf_obj_next(h)) {
        NEOERR *e = hdf_set_value(
            h, "rate",
            pc_discount_format_ppm(strtoll(hdf_get_value(h, "discount_ppm", "0"), NULL, 10), buf,
                                   sizeof buf));
        nerr_ignore(&e);
        const char *cols[] = {"customer", "customer_account"};
        for (int i = 0; i < 2; i++) {
            const char *v = hdf_get_value(h, cols[i], NULL);
            if (v) {
                e = hdf_set_value(h, cols[i], pc_mask_name(v, buf, sizeof buf));
                nerr_ignore(&e);
            }
        }
        pc_view_hdf_datetime(h, "valid_from", "from");
        pc_view_hdf_datetime(h, "valid_until", "until");
        pc_view_hdf_datetime(h, "updated_at", "updated");
    }
}

static int list_page(pc_ctx *c)
{
    /* the menu shows the page by the same guard */
    if (!pc_authz_allows(&c->user, PC_GUARD_KOOGALLERY))
        return pc_error_say(c, 403, "disc.fkoo.join_title", "disc.fkoo.join_text");
    pc_value f[QF__N];
    const char *errors[QF__N];
    int bad = pc_valid_form(&c->arena, filter_fields, QF__N, &c->query, f, errors);
    for (int i = 0; i < QF__N; i++) {
        pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.value", filter_fields[i].name), f[i].s);
        if (errors[i])
            pc_set(c, pc_arena_printf(&c->arena, "Filter.%s.error", filter_fields[i].name),
                   pc_t(c, errors[i]));
    }
    const char *tab = f[QF_TAB].present ? f[QF_TAB].s : "product";
    int invalid = f[QF_SUB].present && strcmp(f[QF_SUB].s, "invalid") == 0;
    pc_set(c, "Page.tab", tab);
    pc_set(c, "Page.sub", invalid ? "invalid" : "authorized");
    pc_set(c, "Page.title", pc_t(c, "disc.fkoo.title"));
    if (pc_db_hdf(&fkoo_sql, ST_DELIVERY, PC_BINDS(PC_STR(tab), PC_I64(c->user.partner_id)), c->hdf,
                  "Delivery") < 0)
        return pc_error(c, 500);
    if (bad) {
        c->status = 400;
        return pc_render(c, "finance/koogallery.cs");
    }
    const char *like = pc_db_like(&c->arena, f[QF_Q].s);
    if (pc_db_hdf(&fkoo_sql, ST_LIST,
                  PC_BINDS(PC_STR(tab), PC_I64(c->user.partner_id), PC_I64(invalid),
                           PC_STR(f[QF_STATUS].s), PC_STR(f[QF_STATUS].s), PC_STR(f[QF_Q].s),
                           PC_STR(like), PC_STR(like), PC_STR(like), PC_STR(like),
                           PC_STR(f[QF_DELIVERY].s), PC_STR(f[QF_DELIVERY].s)),
                  c->hdf, "Koo") < 0)
        return pc_error(c, 500);
    format_rows(c);
    return pc_render(c, "finance/koogallery.cs");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/koogallery", PC_PERM_FINANCE_VIEW, list_page, 0),
};
PC_ROUTE_TABLE(finance_koogallery_routes, routes);
