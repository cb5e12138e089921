/*
 * Admin > Commercial Discounts (ch09 §9.4.4.1): the vendor grants a partner,
 * after a special bidding project, either product-type discounts or savings
 * (never both), for all its reseller customers (partner level) or for one
 * associated customer (customer level), between an effective and an
 * expiration time typed in the billing time zone.  The bill run matches them;
 * the discount_status job keeps the status in step with the dates.  A
 * discount is created with its first item; items are added on its page;
 * withdrawing ends it now.
 */
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "admin_discounts.h"
#include "base/db.h"
#include "billing/discount.h"
#include "base/money.h"
#include "base/view.h"

enum stmt {
    ST_LIST,
    ST_ONE,
    ST_ITEMS,
    ST_INSERT,
    ST_INSERT_ITEM,
    ST_PRODUCT_KNOWN,
    ST_REGION_KNOWN,
    ST_PARTNER_KNOWN,
    ST_WITHDRAW,
    ST__MAX
};
#define STATUS_OF_DATES                                                                            \
    "CASE WHEN ? <= UTC_TIMESTAMP() THEN 'expired' WHEN ? > UTC_TIMESTAMP() THEN 'pending' "       \
    "ELSE 'effective' END"
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT d.id, d.code, d.level, d.body, d.status, d.effective_at, d.expires_at, "
                "p.name AS partner, p.account_name AS partner_account, c.name AS customer, "
                "c.account_name AS customer_account, (SELECT COUNT(*) FROM "
                "commercial_discount_items i WHERE i.discount_id = d.id) AS items "
                "FROM commercial_discounts d JOIN partners p ON p.id = d.partner_id "
                "LEFT JOIN customers c ON c.id = d.customer_id ORDER BY d.id DESC LIMIT 500",
    [ST_ONE] = "SELECT d.id, d.code, d.level, d.body, d.status, d.effective_at, d.expires_at, "
               "d.partner_id, p.name AS partner, c.name AS customer, c.account_name AS "
               "customer_account, d.expires_at > UTC_TIMESTAMP() AS open FROM "
               "commercial_discounts d JOIN partners p ON p.id = d.partner_id LEFT JOIN "
               "customers c ON c.id = d.customer_id WHERE d.id = ?",
    [ST_ITEMS] = "SELECT i.id, pr.name AS product, i.region, i.billing_mode, i.spec, "
                 "i.discount_ppm, i.fixed_price, i.linear_size_milli, i.usage_days FROM "
                 "commercial_discount_items i JOIN products pr ON pr.id = i.product_id WHERE "
                 "i.discount_id = ? ORDER BY i.id",
    [ST_INSERT] = "INSERT INTO commercial_discounts (code, partner_id, level, customer_id, body, "
                  "effective_at, expires_at, status, created_by, created_at) VALUES (?, ?, ?, ?, "
                  "?, ?, ?, " STATUS_OF_DATES ", ?, UTC_TIMESTAMP())",
    [ST_INSERT_ITEM] = "INSERT INTO commercial_discount_items (discount_id, product_id, region, "
                       "billing_mode, spec, discount_ppm, fixed_price, linear_size_milli, "
                       "usage_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [ST_PRODUCT_KNOWN] = "SELECT COUNT(*) FROM products WHERE id = ?",
    [ST_REGION_KNOWN] = "SELECT COUNT(*) FROM regions WHERE code = ?",
    [ST_PARTNER_KNOWN] = "SELECT COUNT(*) FROM partners WHERE id = ?",
    [ST_WITHDRAW] = "UPDATE commercial_discounts SET expires_at = UTC_TIMESTAMP(), status = "
                    "'expired' WHERE id = ? AND expires_at > UTC_TIMESTAMP()",
};
PC_SQL_TABLE(discount_sql, sql);

static const char *const levels[] = {"partner", "customer", NULL};
static const char *const bodies[] = {"product_type", "savings", NULL};
static const char *const modes[] = {"yearly_monthly", "pay_per_use", "reserved_instance",
                                    "savings_plan", NULL};
static const char *const on[] = {"1", NULL};

enum { HF_PARTNER, HF_LEVEL, HF_CUSTOMER, HF_BODY, HF_FROM, HF_TO, HF__N };
static const pc_field header_fields[HF__N] = {
    [HF_PARTNER] = {"partner_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [HF_LEVEL] = {"level", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, levels},
    [HF_CUSTOMER] = {"customer", pc_valid_text, 1, 64, 0, NULL},
    [HF_BODY] = {"body", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, bodies},
    [HF_FROM] = {"effective_at", pc_valid_datetime, 0, 0, PC_FIELD_REQUIRED, NULL},
    [HF_TO] = {"expires_at", pc_valid_datetime, 0, 0, PC_FIELD_REQUIRED, NULL},
};
enum { IF_PRODUCT, IF_REGION, IF_MODE, IF_SPEC, IF_RATE, IF_PRICE, IF_LINEAR, IF_DAYS, IF__N };
static const pc_field item_fields[IF__N] = {
    [IF_PRODUCT] = {"product_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [IF_REGION] = {"region", pc_valid_text, 1, 32, 0, NULL},
    [IF_MODE] = {"billing_mode", pc_valid_enum, 0, 0, 0, modes},
    [IF_SPEC] = {"spec", pc_valid_text, 1, 128, 0, NULL},
    [IF_RATE] = {"discount", pc_valid_percent, 0, 0, 0, NULL},
    [IF_PRICE] = {"fixed_price", pc_valid_money, 0, PC_MONEY_MAX, 0, NULL},
    /* a size of at most 3 decimals (checked below), kept as thousandths */
    [IF_LINEAR] = {"linear_size", pc_valid_money, 1, PC_MONEY_MAX / 1000, 0, NULL},
    [IF_DAYS] = {"usage_days", pc_valid_enum, 0, 0, 0, on},
};

/* One item, checked against its discount's body. */
typedef struct item {
    int64_t product, ppm, price, linear_milli;
    const char *region, *mode, *spec;
    int has_ppm, has_price, usage_days;
} item;

static int item_check(pc_ctx *c, const char *body, item *it)
{
    pc_value v[IF__N];
    int bad = pc_form(c, item_fields, IF__N, v);
    if (bad)
        return bad;
    *it = (item){.product = v[IF_PRODUCT].i,
                 .ppm = v[IF_RATE].i,
                 .price = v[IF_PRICE].i,
                 .region = v[IF_REGION].s,
                 .mode = v[IF_MODE].present ? v[IF_MODE].s : NULL,
                 .spec = v[IF_SPEC].s,
                 .has_ppm = v[IF_RATE].present,
                 .has_price = v[IF_PRICE].present,
                 .usage_days = v[IF_DAYS].present};
    if (pc_db_int(&discount_sql, ST_PRODUCT_KNOWN, PC_BINDS(PC_I64(it->product)), 0) <= 0)
        pc_form_error(c, "product_id", "disc.err.product"), bad++;
    if (*it->region &&
        pc_db_int(&discount_sql, ST_REGION_KNOWN, PC_BINDS(PC_STR(it->region)), 0) <= 0)
        pc_form_error(c, "region", "disc.err.region"), bad++;
    if (strcmp(body, "product_type") == 0) {
        if (!it->has_ppm)
            pc_form_error(c, "discount", "disc.err.percent_required"), bad++;
        if (it->has_price || v[IF_LINEAR].present || it->usage_days || *it->spec)
            pc_form_error(c, "fixed_price", "disc.err.not_savings"), bad++;
        return bad;
    }
    if (it->has_ppm == it->has_price)
        pc_form_error(c, "fixed_price", "disc.err.rate_or_price"), bad++;
    if (v[IF_LINEAR].present) {
        if (v[IF_LINEAR].i % 100000)
            pc_form_error(c, "linear_size", "disc.err.linear"), bad++;
        it->linear_milli = v[IF_LINEAR].i / 100000;
    }
    if ((v[IF_LINEAR].present || it->usage_days) && !it->has_price)
        pc_form_error(c, "linear_size", "disc.err.fixed_only"), bad++;
    return bad;
}

static int item_insert(int64_t discount, const item *it)
{
    return pc_db_exec(&discount_sql, ST_INSERT_ITEM,
                      PC_BINDS(PC_I64(discount), PC_I64(it->product), PC_STR(it->region),
                               PC_STR(it->mode), PC_STR(it->spec),
                               it->has_ppm ? PC_I64(it->ppm) : PC_NULL,
                               it->has_price ? PC_I64(it->price) : PC_NULL,
                               it->linear_milli ? PC_I64(it->linear_milli) : PC_NULL,
                               PC_I64(it->usage_days)),
                      NULL) == 1
               ? 0
               : -1;
}

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&discount_sql, ST_LIST, PC_NOBINDS, c->hdf, "Discounts") < 0 ||
        disc_form_lists(c) < 0)
        return pc_error(c, 500);
    disc_local_times(c, "Discounts", "effective_at", "expires_at");
    pc_set(c, "Page.title", pc_t(c, "disc.commercial.title"));
    admin_tabs(c, "discounts");
    return pc_render(c, "admin/discounts.cs");
}

static int detail_page(pc_ctx *c)
{
    int64_t id = c->path_id[0];
    int n = pc_db_hdf(&discount_sql, ST_ONE, PC_BINDS(PC_I64(id)), c->hdf, "Discount");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    if (pc_db_hdf(&discount_sql, ST_ITEMS, PC_BINDS(PC_I64(id)), c->hdf, "Items") < 0 ||
        disc_form_lists(c) < 0)
        return pc_error(c, 500);
    disc_local_times(c, "Discount", "effective_at", "expires_at");
    disc_format_ppm(c, "Items", "discount_ppm", "rate");
    disc_format_money(c, "Items", "fixed_price", "price");
    disc_format_milli(c, "Items", "linear_size_milli", "linear");
    pc_set(c, "Page.title", hdf_get_value(c->hdf, "Discount.0.code", ""));
    admin_tabs(c, "discounts");
    return pc_render(c, "admin/discount.cs");
}

/* "0HEI" and 10 characters of [0-9A-Z] (the guide's IDs look like 0HEI002210010B). */
static void new_code(char out[15])
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    unsigned char r[10];
    if (RAND_bytes(r, sizeof r) != 1)
        abort();
    memcpy(out, "0HEI", 4);
    for (int i = 0; i < 10; i++)
        out[4 + i] = alphabet[r[i] % 36];
    out[14] = '\0';
}

typedef struct create_one {
    pc_ctx *c;
    char code[15];
    int64_t partner, customer, id;
    const char *level, *body, *from, *to;
    item it;
} create_one;

static int create_tx(void *arg)
{
    create_one *o = arg;
    if (pc_db_exec(&discount_sql, ST_INSERT,
                   PC_BINDS(PC_STR(o->code), PC_I64(o->partner), PC_STR(o->level),
                            o->customer ? PC_I64(o->customer) : PC_NULL, PC_STR(o->body),
                            PC_STR(o->from), PC_STR(o->to), PC_STR(o->to), PC_STR(o->from),
                            PC_I64(o->c->user.id)),
                   &o->id) != 1 ||
        item_insert(o->id, &o->it))
        return -1;
    pc_audit_ctx(o->c, "commercial_discount.create", "commercial_discount", o->id, "ok",
                 pc_arena_printf(&o->c->arena, "%s partner=%lld %s %s %s..%s", o->code,
                                 (long long)o->partner, o->level, o->body, o->from, o->to));
    return 0;
}

/* The header's fields; the customer must be associated with the partner. */
static int header_check(pc_ctx *c, pc_value *v, create_one *o)
{
    int bad = pc_form(c, header_fields, HF__N, v);
    if (bad)
        return bad;
    o->partner = v[HF_PARTNER].i, o->level = v[HF_LEVEL].s, o->body = v[HF_BODY].s;
    if (pc_db_int(&discount_sql, ST_PARTNER_KNOWN, PC_BINDS(PC_I64(o->partner)), 0) <= 0)
        pc_form_error(c, "partner_id", "disc.err.partner"), bad++;
    if (strcmp(o->level, "customer") == 0) {
        o->customer = disc_partner_customer(o->partner, v[HF_CUSTOMER].s);
        if (o->customer <= 0)
            pc_form_error(c, "customer", "disc.err.customer"), bad++;
    } else if (v[HF_CUSTOMER].present) {
        pc_form_error(c, "customer", "disc.err.customer_partner_level"), bad++;
    }
    return bad;
}

static int create(pc_ctx *c)
{
    pc_value v[HF__N];
    char from[20], to[20];
    create_one o = {.c = c};
    int bad = header_check(c, v, &o);
    if (!v[HF_BODY].present || item_check(c, v[HF_BODY].s, &o.it))
        bad++;
    if (!bad) {
        disc_utc(v[HF_FROM].s, from);
        disc_utc(v[HF_TO].s, to);
        if (strcmp(to, from) <= 0)
            pc_form_error(c, "expires_at", "disc.err.order"), bad++;
        int billed = disc_reaches_billed(o.partner, from);
        if (billed < 0)
            return pc_error(c, 500);
        if (billed)
            pc_form_error(c, "effective_at", "disc.err.billed_start"), bad++;
    }
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    o.from = from, o.to = to;
    int rc = -1;
    for (int tries = 0; tries < 3 && rc; tries++) { /* a code drawn twice: draw again */
        new_code(o.code);
        rc = pc_db_tx(create_tx, &o);
        if (rc && pc_db_errno() != 1062)
            break;
    }
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/admin/discounts/%lld?msg=disc_saved", (long long)o.id));
}

typedef struct item_add {
    pc_ctx *c;
    int64_t discount;
    item it;
} item_add;

static int item_tx(void *arg)
{
    item_add *a = arg;
    if (item_insert(a->discount, &a->it))
        return -1;
    pc_audit_ctx(a->c, "commercial_discount.item.create", "commercial_discount", a->discount, "ok",
                 pc_arena_printf(&a->c->arena, "product=%lld", (long long)a->it.product));
    return 0;
}

static int add_item(pc_ctx *c)
{
    HDF *h;
    item_add a = {.c = c, .discount = c->path_id[0]};
    int n = pc_db_hdf(&discount_sql, ST_ONE, PC_BINDS(PC_I64(a.discount)), c->hdf, "Check");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    h = hdf_get_obj(c->hdf, "Check.0");
    const char *body = pc_arena_strdup(&c->arena, hdf_get_value(h, "body", ""));
    int bad = item_check(c, body, &a.it);
    if (!bad && strcmp(hdf_get_value(h, "open", "0"), "1") != 0)
        pc_form_error(c, "form", "disc.err.expired"), bad++;
    /* an item would apply from the discount's start: not to a month billed already */
    int billed = bad ? 0
                     : disc_reaches_billed(strtoll(hdf_get_value(h, "partner_id", "0"), NULL, 10),
                                           hdf_get_value(h, "effective_at", ""));
    if (billed < 0)
        return pc_error(c, 500);
    if (billed)
        pc_form_error(c, "form", "disc.err.billed_items"), bad++;
    if (bad) {
        c->status = 400;
        return detail_page(c);
    }
    if (pc_db_tx(item_tx, &a))
        return pc_error(c, 500);
    return pc_redirect(c, pc_arena_printf(&c->arena, "/admin/discounts/%lld?msg=disc_saved",
                                          (long long)a.discount));
}

static int withdraw(pc_ctx *c)
{
    int64_t id = c->path_id[0];
    int n = pc_db_hdf(&discount_sql, ST_ONE, PC_BINDS(PC_I64(id)), c->hdf, "Check");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    admin_change x = {c,
                      &discount_sql,
                      ST_WITHDRAW,
                      PC_BINDS(PC_I64(id)),
                      "commercial_discount.withdraw",
                      "commercial_discount",
                      hdf_get_value(c->hdf, "Check.0.code", ""),
                      id,
                      0,
                      0,
                      0};
    admin_change_run(&x);
    if (x.rows < 0)
        return pc_error(c, 500);
    if (x.rows == 0) {
        pc_form_error(c, "form", "disc.err.expired");
        c->status = 409;
        return detail_page(c);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/admin/discounts/%lld?msg=disc_withdrawn", (long long)id));
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/discounts", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/discounts", PC_GUARD_OPERATOR, create, 0),
    PC_ROUTE("GET", "/admin/discounts/{id}", PC_GUARD_OPERATOR, detail_page, 0),
    PC_ROUTE("POST", "/admin/discounts/{id}/items", PC_GUARD_OPERATOR, add_item, 0),
    PC_ROUTE("POST", "/admin/discounts/{id}/withdraw", PC_GUARD_OPERATOR, withdraw, 0),
};
PC_ROUTE_TABLE(admin_discount_routes, routes);
