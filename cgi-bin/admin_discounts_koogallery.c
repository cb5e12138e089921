/*
 * Admin > KooGallery Resale Discounts (ch09 §9.7.1.1): discounts on a
 * KooGallery product (a product with a seller) for every partner's customers
 * (product level), one partner's customers (partner level) or one customer of
 * a partner (customer level).  A new discount waits "to be validated"; the
 * operator validates it (effective) or withdraws it (invalid); the
 * discount_status job makes an effective one invalid after its validity.
 */
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_discounts.h"
#include "base/db.h"
#include "billing/discount.h"
#include "base/view.h"

enum stmt {
    ST_LIST,
    ST_KOO_PRODUCT,
    ST_PARTNER_KNOWN,
    ST_INSERT,
    ST_VALIDATE,
    ST_WITHDRAW,
    ST_EXISTS,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LIST] = "SELECT k.id, k.uuid, k.level, pr.name AS product, pr.koogallery_seller AS "
                "seller, k.spec_name, k.delivery_method, k.category, k.project, p.name AS "
                "partner, c.account_name AS customer, k.transaction_model, k.discount_ppm, "
                "k.status, k.valid_from, k.valid_until, k.updated_at FROM koogallery_discounts k "
                "JOIN products pr ON pr.id = k.product_id LEFT JOIN partners p ON p.id = "
                "k.partner_id LEFT JOIN customers c ON c.id = k.customer_id ORDER BY k.id DESC "
                "LIMIT 500",
    [ST_KOO_PRODUCT] = "SELECT COUNT(*) FROM products WHERE id = ? AND koogallery_seller IS NOT "
                       "NULL AND koogallery_seller <> ''",
    [ST_PARTNER_KNOWN] = "SELECT COUNT(*) FROM partners WHERE id = ?",
    [ST_INSERT] = "INSERT INTO koogallery_discounts (uuid, level, product_id, spec_name, "
                  "delivery_method, category, project, partner_id, customer_id, "
                  "transaction_model, discount_ppm, status, valid_from, valid_until, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'to_be_validated', ?, ?, "
                  "UTC_TIMESTAMP())",
    /* only a discount still to be validated and not past its validity */
    [ST_VALIDATE] = "UPDATE koogallery_discounts SET status = 'effective', updated_at = "
                    "UTC_TIMESTAMP() WHERE id = ? AND status = 'to_be_validated' AND valid_until "
                    "> UTC_TIMESTAMP()",
    [ST_WITHDRAW] = "UPDATE koogallery_discounts SET status = 'invalid', updated_at = "
                    "UTC_TIMESTAMP() WHERE id = ? AND status <> 'invalid'",
    [ST_EXISTS] = "SELECT uuid, COALESCE(partner_id, 0) AS partner_id, valid_from FROM "
                  "koogallery_discounts WHERE id = ?",
};
PC_SQL_TABLE(koo_sql, sql);

static const char *const levels[] = {"product", "partner", "customer", NULL};
enum {
    F_LEVEL,
    F_PRODUCT,
    F_SPEC,
    F_DELIVERY,
    F_CATEGORY,
    F_PROJECT,
    F_PARTNER,
    F_CUSTOMER,
    F_MODEL,
    F_RATE,
    F_FROM,
    F_UNTIL,
    F__N
};
static const pc_field fields[F__N] = {
    [F_LEVEL] = {"level", pc_valid_enum, 0, 0, PC_FIELD_REQUIRED, levels},
    [F_PRODUCT] = {"product_id", pc_valid_id, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_SPEC] = {"spec_name", pc_valid_text, 1, 128, 0, NULL},
    [F_DELIVERY] = {"delivery_method", pc_valid_text, 1, 64, 0, NULL},
    [F_CATEGORY] = {"category", pc_valid_text, 1, 64, 0, NULL},
    [F_PROJECT] = {"project", pc_valid_text, 1, 128, 0, NULL},
    [F_PARTNER] = {"partner_id", pc_valid_id, 0, 0, 0, NULL},
    [F_CUSTOMER] = {"customer", pc_valid_text, 1, 64, 0, NULL},
    [F_MODEL] = {"transaction_model", pc_valid_text, 1, 64, 0, NULL},
    [F_RATE] = {"discount", pc_valid_percent, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_FROM] = {"valid_from", pc_valid_datetime, 0, 0, PC_FIELD_REQUIRED, NULL},
    [F_UNTIL] = {"valid_until", pc_valid_datetime, 0, 0, PC_FIELD_REQUIRED, NULL},
};

static int list_page(pc_ctx *c)
{
    if (pc_db_hdf(&koo_sql, ST_LIST, PC_NOBINDS, c->hdf, "Koo") < 0 || disc_form_lists(c) < 0)
        return pc_error(c, 500);
    disc_local_times(c, "Koo", "valid_from", "valid_until");
    disc_format_ppm(c, "Koo", "discount_ppm", "rate");
    pc_set(c, "Page.title", pc_t(c, "disc.koo.title"));
    admin_tabs(c, "koogallery");
    return pc_render(c, "admin/koogallery.cs");
}

/* A random (version 4) UUID in lower-case hex. */
static void new_uuid(char out[37])
{
    unsigned char r[16];
    if (RAND_bytes(r, sizeof r) != 1)
        abort();
    r[6] = (r[6] & 0x0f) | 0x40, r[8] = (r[8] & 0x3f) | 0x80;
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        p += sprintf(p, "%02x", r[i]);
    }
}

/* Who it is for: the partner for partner and customer level, the customer for customer level. */
static int scope_check(pc_ctx *c, pc_value *v, int64_t *partner, int64_t *customer)
{
    int bad = 0;
    const char *level = v[F_LEVEL].s;
    *partner = *customer = 0;
    if (strcmp(level, "product") == 0) {
        if (v[F_PARTNER].present || v[F_CUSTOMER].present)
            pc_form_error(c, "partner_id", "disc.err.product_level"), bad++;
        return bad;
    }
    *partner = v[F_PARTNER].i;
    if (!v[F_PARTNER].present ||
        pc_db_int(&koo_sql, ST_PARTNER_KNOWN, PC_BINDS(PC_I64(*partner)), 0) <= 0)
        return pc_form_error(c, "partner_id", "disc.err.partner"), bad + 1;
    if (strcmp(level, "customer") == 0) {
        *customer = v[F_CUSTOMER].present ? disc_partner_customer(*partner, v[F_CUSTOMER].s) : 0;
        if (*customer <= 0)
            pc_form_error(c, "customer", "disc.err.customer"), bad++;
    } else if (v[F_CUSTOMER].present) {
        pc_form_error(c, "customer", "disc.err.customer_partner_level"), bad++;
    }
    return bad;
}

typedef struct koo_create {
    pc_ctx *c;
    pc_value *v;
    char uuid[37], from[20], until[20];
    int64_t partner, customer, id;
} koo_create;

static pc_bind opt(int64_t id)
{
    return id ? PC_I64(id) : PC_NULL;
}

static int create_tx(void *arg)
{
    koo_create *k = arg;
    pc_value *v = k->v;
    if (pc_db_exec(&koo_sql, ST_INSERT,
                   PC_BINDS(PC_STR(k->uuid), PC_STR(v[F_LEVEL].s), PC_I64(v[F_PRODUCT].i),
                            PC_STR(v[F_SPEC].s), PC_STR(v[F_DELIVERY].s), PC_STR(v[F_CATEGORY].s),
                            PC_STR(v[F_PROJECT].s), opt(k->partner), opt(k->customer),
                            PC_STR(v[F_MODEL].s), PC_I64(v[F_RATE].i), PC_STR(k->from),
                            PC_STR(k->until)),
                   &k->id) != 1)
        return -1;
    pc_audit_ctx(k->c, "koogallery_discount.create", "koogallery_discount", k->id, "ok",
                 pc_arena_printf(&k->c->arena, "%s %s product=%s %s%%", k->uuid, v[F_LEVEL].s,
                                 v[F_PRODUCT].s, v[F_RATE].s));
    return 0;
}

static int create(pc_ctx *c)
{
    pc_value v[F__N];
    koo_create k = {.c = c, .v = v};
    int bad = pc_form(c, fields, F__N, v);
    if (!bad) {
        if (pc_db_int(&koo_sql, ST_KOO_PRODUCT, PC_BINDS(PC_I64(v[F_PRODUCT].i)), 0) <= 0)
            pc_form_error(c, "product_id", "disc.err.koo_product"), bad++;
        bad += scope_check(c, v, &k.partner, &k.customer);
        disc_utc(v[F_FROM].s, k.from);
        disc_utc(v[F_UNTIL].s, k.until);
        if (strcmp(k.until, k.from) <= 0)
            pc_form_error(c, "valid_until", "disc.err.order"), bad++;
        /* product level reaches every partner's bills */
        int billed = bad ? 0 : disc_reaches_billed(k.partner, k.from);
        if (billed < 0)
            return pc_error(c, 500);
        if (billed)
            pc_form_error(c, "valid_from", "disc.err.billed_start"), bad++;
    }
    if (bad) {
        c->status = 400;
        return list_page(c);
    }
    new_uuid(k.uuid);
    if (pc_db_tx(create_tx, &k))
        return pc_error(c, 500);
    return pc_redirect(c, "/admin/koogallery?msg=disc_saved");
}

/* Validate or withdraw: one statement and its audit event. */
static int change(pc_ctx *c, int st, const char *action, const char *msg)
{
    int64_t id = c->path_id[0];
    int n = pc_db_hdf(&koo_sql, ST_EXISTS, PC_BINDS(PC_I64(id)), c->hdf, "Check");
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    if (st == ST_VALIDATE) { /* once effective it applies from valid_from */
        int billed =
            disc_reaches_billed(strtoll(hdf_get_value(c->hdf, "Check.0.partner_id", "0"), NULL, 10),
                                hdf_get_value(c->hdf, "Check.0.valid_from", ""));
        if (billed < 0)
            return pc_error(c, 500);
        if (billed) {
            pc_form_error(c, "form", "disc.err.billed_start");
            c->status = 409;
            return list_page(c);
        }
    }
    admin_change x = {c,
                      &koo_sql,
                      st,
                      PC_BINDS(PC_I64(id)),
                      action,
                      "koogallery_discount",
                      hdf_get_value(c->hdf, "Check.0.uuid", ""),
                      id,
                      0,
                      0,
                      0};
    admin_change_run(&x);
    if (x.rows < 0)
        return pc_error(c, 500);
    if (x.rows == 0) {
        pc_form_error(c, "form", "disc.err.koo_state");
        c->status = 409;
        return list_page(c);
    }
    return pc_redirect(c, pc_arena_printf(&c->arena, "/admin/koogallery?msg=%s", msg));
}

static int validate(pc_ctx *c)
{
    return change(c, ST_VALIDATE, "koogallery_discount.validate", "disc_validated");
}

static int withdraw(pc_ctx *c)
{
    return change(c, ST_WITHDRAW, "koogallery_discount.withdraw", "disc_withdrawn");
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/admin/koogallery", PC_GUARD_OPERATOR, list_page, 0),
    PC_ROUTE("POST", "/admin/koogallery", PC_GUARD_OPERATOR, create, 0),
    PC_ROUTE("POST", "/admin/koogallery/{id}/validate", PC_GUARD_OPERATOR, validate, 0),
    PC_ROUTE("POST", "/admin/koogallery/{id}/withdraw", PC_GUARD_OPERATOR, withdraw, 0),
};
PC_ROUTE_TABLE(admin_koogallery_routes, routes);
