/*
 * Admin > Product Catalog: the vendor operator keeps the catalog of seed 001
 * (spec catalog.md) and its list prices.  Rating reads price_items; a changed
 * price applies to usage rated after the change (lines keep their amounts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "base/db.h"
#include "base/money.h"
#include "base/view.h"
#include "query/catalog_names.h"

enum stmt {
    ST_PRODUCTS,
    ST_PRODUCT,
    ST_PRICES,
    ST_PRICE,
    ST_UPDATE_PRODUCT,
    ST_INSERT_PRICE,
    ST_UPDATE_PRICE,
    ST_REGIONS,
    ST_REGION_KNOWN,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_PRODUCTS] =
        "SELECT p.id, c.name AS category, p.code, p.name, p.kind, p.p95, p.active, "
        "(SELECT COUNT(*) FROM price_items i WHERE i.product_id = p.id) AS prices "
        "FROM products p JOIN product_categories c ON c.id = p.category_id ORDER BY c.id, p.sort",
    [ST_PRODUCT] = "SELECT p.id, c.name AS category, p.code, p.name, p.kind, p.p95, p.active, "
                   "p.settlement_type, p.koogallery_seller, p.name_zh FROM products p "
                   "JOIN product_categories c ON c.id = p.category_id WHERE p.id = ?",
    [ST_PRICES] = "SELECT id, billing_item, resource_type, region, usage_unit, pricing_unit, "
                  "CAST(conversion_factor AS CHAR) AS factor, list_price FROM price_items WHERE "
                  "product_id = ? "
                  "ORDER BY billing_item, region",
    [ST_PRICE] = "SELECT id FROM price_items WHERE id = ? AND product_id = ?",
    /* settlement type and KooGallery seller: what the bill run settles the product's lines as */
    [ST_UPDATE_PRODUCT] = "UPDATE products SET name = ?, name_zh = COALESCE(?, name_zh), p95 = ?, "
                          "active = ?, settlement_type = "
                          "COALESCE(?, settlement_type), koogallery_seller = IF(? IS NULL, "
                          "koogallery_seller, NULLIF(?, '')) WHERE id = ?",
    [ST_INSERT_PRICE] =
        "INSERT INTO price_items (product_id, billing_item, resource_type, region, usage_unit, "
        "pricing_unit, conversion_factor, list_price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_UPDATE_PRICE] =
        "UPDATE price_items SET usage_unit = ?, pricing_unit = ?, conversion_factor = ?, "
        "list_price = ?, updated_at = UTC_TIMESTAMP() WHERE id = ? AND product_id = ?",
    [ST_REGIONS] = "SELECT code, name FROM regions ORDER BY sort",
    [ST_REGION_KNOWN] = "SELECT COUNT(*) FROM regions WHERE code = ?",
};
PC_SQL_TABLE(catalog_sql, sql);

static const char *const yes_no[] = {"0", "1", NULL};
static const char *const settlement_types[] = {"common", "promotional", "no_discount", NULL};
enum { PF_NAME, PF_NAME_ZH, PF_P95, PF_ACTIVE, PF_SETTLEMENT, PF_SELLER, PF__N };
static const pc_field product_fields[PF__N] = {
    [PF_NAME] = {"name", pc_valid_text, 1, 128, PC_FIELD_REQUIRED, NULL},
    /* the name on Chinese pages (issue 16); blank: the English name; absent: unchanged */
    [PF_NAME_ZH] = {"name_zh", pc_valid_text, 1, 128, 0, NULL},
    [PF_P95] = {"p95", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, yes_no},
    [PF_ACTIVE] = {"active", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, yes_no},
    /* absent: unchanged; a seller left blank: not a KooGallery product */
    [PF_SETTLEMENT] = {"settlement_type", pc_valid_enum, 0, 0, 0, settlement_types},
    [PF_SELLER] = {"koogallery_seller", pc_valid_text, 1, 128, 0, NULL},
};
enum { IF_ITEM, IF_RTYPE, IF_REGION, IF_UUNIT, IF_PUNIT, IF_FACTOR, IF_PRICE, IF__N };
static const pc_field price_fields[IF__N] = {
    [IF_ITEM] = {"billing_item", pc_valid_text, 1, 64, PC_FIELD_REQUIRED, NULL},
    [IF_RTYPE] = {"resource_type", pc_valid_text, 1, 64, PC_FIELD_REQUIRED, NULL},
    [IF_REGION] = {"region", pc_valid_text, 0, 32, 0, NULL},
    [IF_UUNIT] = {"usage_unit", pc_valid_text, 1, 16, PC_FIELD_REQUIRED, NULL},
    [IF_PUNIT] = {"pricing_unit", pc_valid_text, 1, 16, PC_FIELD_REQUIRED, NULL},
    /* a factor of at least 10^-8, kept as a money-like decimal */
    [IF_FACTOR] = {"conversion_factor", pc_valid_money, 1, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
    [IF_PRICE] = {"list_price", pc_valid_money, 0, PC_MONEY_MAX, PC_FIELD_REQUIRED, NULL},
};

static int catalog_page(pc_ctx *c)
{
    if (pc_db_hdf(&catalog_sql, ST_PRODUCTS, PC_NOBINDS, c->hdf, "Products") < 0)
        return pc_error(c, 500);
    pc_set(c, "Page.title", pc_t(c, "admin.catalog.title"));
    admin_tabs(c, "catalog");
    return pc_render(c, "admin/catalog.cs");
}

static int index_page(pc_ctx *c)
{
    return pc_redirect(c, "/admin/catalog");
}

/* Prices with their amounts as the operator typed them (8 decimals, no grouping). */
static void format_prices(pc_ctx *c)
{
    char out[48];
    for (HDF *h = hdf_get_child(c->hdf, "Prices"); h; h = hdf_obj_next(h)) {
        int64_t v = strtoll(hdf_get_value(h, "list_price", "0"), NULL, 10);
        NEOERR *e = hdf_set_value(h, "price", pc_money_format(v, 8, 0, out, sizeof out));
        nerr_ignore(&e);
    }
}

static int product_page(pc_ctx *c)
{
    int64_t id = c->path_id[0];
    int n = pc_db_hdf(&catalog_sql, ST_PRODUCT, PC_BINDS(PC_I64(id)), c->hdf, "Product");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    if (pc_db_hdf(&catalog_sql, ST_PRICES, PC_BINDS(PC_I64(id)), c->hdf, "Prices") < 0 ||
        pc_db_hdf(&catalog_sql, ST_REGIONS, PC_NOBINDS, c->hdf, "Regions") < 0)
        return pc_error(c, 500);
    format_prices(c);
    /* the form is filled from Product: its names stay as stored on a Chinese page too */
    pc_set(c, "Page.catalog_keep", "Product");
    const char *zh = hdf_get_value(c->hdf, "Product.0.name_zh", "");
    int in_zh = strcmp(c->lang, "zh") == 0;
    pc_set(c, "Page.title", in_zh && *zh ? zh : hdf_get_value(c->hdf, "Product.0.name", ""));
    if (in_zh) {
        pc_catalog_names_load();
        const char *cat = pc_catalog_zh(hdf_get_value(c->hdf, "Product.0.category", ""));
        if (cat)
            pc_set(c, "Product.0.category", cat);
    }
    admin_tabs(c, "catalog");
    return pc_render(c, "admin/product.cs");
}

/* The product page again with the form's errors, answered with status. */
static int again(pc_ctx *c, int status)
{
    c->status = status;
    return product_page(c);
}

static int product_exists(pc_ctx *c)
{
    return pc_db_int(&catalog_sql, ST_PRODUCT, PC_BINDS(PC_I64(c->path_id[0])), 0) > 0;
}

static int update_product(pc_ctx *c)
{
    pc_value v[PF__N];
    if (!product_exists(c))
        return pc_error(c, 404);
    if (pc_form(c, product_fields, PF__N, v))
        return again(c, 400);
    /* the form always sends the seller field: blank clears it; a client without it keeps it */
    pc_bind seller =
        pc_params_get(&c->form, "koogallery_seller") ? PC_STR(v[PF_SELLER].s) : PC_NULL;
    pc_bind name_zh = pc_params_get(&c->form, "name_zh")
                          ? PC_STR(v[PF_NAME_ZH].present ? v[PF_NAME_ZH].s : "")
                          : PC_NULL;
    admin_change x = {c,
                      &catalog_sql,
                      ST_UPDATE_PRODUCT,
                      PC_BINDS(PC_STR(v[PF_NAME].s), name_zh, PC_I64(v[PF_P95].i),
                               PC_I64(v[PF_ACTIVE].i),
                               v[PF_SETTLEMENT].present ? PC_STR(v[PF_SETTLEMENT].s) : PC_NULL,
                               seller, seller, PC_I64(c->path_id[0])),
                      "catalog.product.update",
                      "product",
                      v[PF_NAME].s,
                      c->path_id[0],
                      0,
                      0,
                      0};
    admin_change_run(&x);
    if (x.rows < 0)
        return pc_error(c, 500);
    return pc_redirect(c, pc_arena_printf(&c->arena, "/admin/catalog/%lld?msg=catalog_saved",
                                          (long long)c->path_id[0]));
}

static char *decimal(pc_ctx *c, int64_t v)
{
    char out[48];
    return pc_arena_strdup(&c->arena, pc_money_format(v, 8, 0, out, sizeof out));
}

/* Add a price item; the same billing item and region twice is refused (the operator changes the one
 * there). */
static int add_price(pc_ctx *c)
{
    pc_value v[IF__N];
    int64_t id = c->path_id[0];
    if (!product_exists(c))
        return pc_error(c, 404);
    int bad = pc_form(c, price_fields, IF__N, v);
    if (!bad && *v[IF_REGION].s &&
        pc_db_int(&catalog_sql, ST_REGION_KNOWN, PC_BINDS(PC_STR(v[IF_REGION].s)), 0) <= 0) {
        pc_form_error(c, "region", "admin.price.bad_region");
        bad = 1;
    }
    if (bad)
        return again(c, 400);
    admin_change x = {
        c,
        &catalog_sql,
        ST_INSERT_PRICE,
        PC_BINDS(PC_I64(id), PC_STR(v[IF_ITEM].s), PC_STR(v[IF_RTYPE].s), PC_STR(v[IF_REGION].s),
                 PC_STR(v[IF_UUNIT].s), PC_STR(v[IF_PUNIT].s), PC_STR(decimal(c, v[IF_FACTOR].i)),
                 PC_I64(v[IF_PRICE].i)),
        "catalog.price.create",
        "product",
        pc_arena_printf(&c->arena, "%s/%s = %s", v[IF_ITEM].s, v[IF_REGION].s, v[IF_PRICE].s),
        id,
        0,
        0,
        0};
    admin_change_run(&x);
    if (x.rows < 0 && x.errno_ == 1062) {
        pc_form_error(c, "billing_item", "admin.price.exists");
        return again(c, 409);
    }
    if (x.rows < 0)
        return pc_error(c, 500);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/admin/catalog/%lld?msg=catalog_saved", (long long)id));
}

/* Change the units, factor and list price of one price item of the product. */
static int update_price(pc_ctx *c)
{
    pc_value v[IF__N];
    int64_t id = c->path_id[0], item = c->path_id[1];
    if (pc_db_int(&catalog_sql, ST_PRICE, PC_BINDS(PC_I64(item), PC_I64(id)), 0) <= 0)
        return pc_error(c, 404);
    /* billing item, resource type and region identify the item: only the rest changes */
    if (pc_form(c, price_fields + IF_UUNIT, IF__N - IF_UUNIT, v + IF_UUNIT)) {
        pc_form_error(c, "form", "admin.price.bad_update");
        pc_set(c, "Page.bad_item", pc_arena_printf(&c->arena, "%lld", (long long)item));
        return again(c, 400);
    }
    admin_change x = {c,
                      &catalog_sql,
                      ST_UPDATE_PRICE,
                      PC_BINDS(PC_STR(v[IF_UUNIT].s), PC_STR(v[IF_PUNIT].s),
                               PC_STR(decimal(c, v[IF_FACTOR].i)), PC_I64(v[IF_PRICE].i),
                               PC_I64(item), PC_I64(id)),
                      "catalog.price.update",
                      "price_item",
                      v[IF_PRICE].s,
                      item,
                      0,
                      0,
                      0};
    admin_change_run(&x);
    if (x.rows < 0)
        return pc_error(c, 500);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/admin/catalog/%lld?msg=catalog_saved", (long long)id));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/", PC_GUARD_OPERATOR, index_page, 0),
    PC_ROUTE("GET", "/admin/catalog", PC_GUARD_OPERATOR, catalog_page, 0),
    PC_ROUTE("GET", "/admin/catalog/{id}", PC_GUARD_OPERATOR, product_page, 0),
    PC_ROUTE("POST", "/admin/catalog/{id}", PC_GUARD_OPERATOR, update_product, 0),
    PC_ROUTE("POST", "/admin/catalog/{id}/prices", PC_GUARD_OPERATOR, add_price, 0),
    PC_ROUTE("POST", "/admin/catalog/{id}/prices/{id}", PC_GUARD_OPERATOR, update_price, 0),
};
PC_ROUTE_TABLE(admin_catalog_routes, routes);
