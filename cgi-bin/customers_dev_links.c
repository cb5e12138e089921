/*
 * Customer Development, tab By Link or QR Code (9.2.2.3): one standing
 * general-purpose link per user, customized links (at most 100 per user in a
 * rolling 24 hours) with their generation record, one link per user and
 * running promotion activity (expired with it), and each link's QR code as
 * a PNG drawn here (libqrencode for the modules, zlib for the PNG stream).
 */
#include <arpa/inet.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/conf.h"
#include "customers_dev_common.h"
#include "base/db.h"
#include "base/keep.h"
#include "base/view.h"

#define CUSTOM_PER_DAY 100
#define QR_SCALE       6 /* pixels per module */
#define QR_MARGIN      4 /* quiet zone in modules (ISO/IEC 18004) */

/* the links a member may see (alias l): binds partner, assigned_to ×3 */
#define LINK_SCOPE "l.partner_id = ? AND (? = 0 OR l.created_by = ? OR l.account_manager_id = ?)"

enum stmt {
    ST_GENERAL,
    ST_RECORD,
    ST_MANAGERS,
    ST_IS_MANAGER,
    ST_LOCK_USER,
    ST_RECENT,
    ST_INSERT,
    ST_TOKEN,
    ST_PROMOTIONS,
    ST_PROMOTION_LIVE,
    ST_INSERT_PROMO,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_GENERAL] =
        "SELECT l.id, l.token, IFNULL(l.custom_tag, '') AS custom_tag FROM invitation_links l "
        "WHERE l.kind = 'general' AND l.created_by = ?",
    [ST_RECORD] =
        "SELECT l.id, l.token, IFNULL(l.custom_tag, '') AS custom_tag, IFNULL(am.name, '') AS "
        "am_name, "
        "l.remarks, l.created_at, u.name AS creator FROM invitation_links l "
        "JOIN users u ON u.id = l.created_by LEFT JOIN users am ON am.id = l.account_manager_id "
        "WHERE l.kind = 'custom' AND " LINK_SCOPE " ORDER BY l.id DESC LIMIT 200",
    /* who a customer may be attributed to: the partner's account managers and directors */
    [ST_MANAGERS] =
        "SELECT DISTINCT u.id, u.name, u.username FROM users u JOIN member_roles mr ON mr.user_id "
        "= u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code IN ('ACCOUNT_MANAGER', 'ACCOUNT_DIRECTOR') "
        "WHERE u.partner_id = ? AND u.status = 'normal' ORDER BY u.name",
    [ST_IS_MANAGER] =
        "SELECT COUNT(*) FROM users u JOIN member_roles mr ON mr.user_id = u.id "
        "JOIN roles r ON r.id = mr.role_id AND r.code IN ('ACCOUNT_MANAGER', 'ACCOUNT_DIRECTOR') "
        "WHERE u.id = ? AND u.partner_id = ? AND u.status = 'normal'",
    /* the creator's row lock serialises its link generation: the 24 h count cannot race */
    [ST_LOCK_USER] = "SELECT id FROM users WHERE id = ? FOR UPDATE",
    [ST_RECENT] = "SELECT COUNT(*) FROM invitation_links WHERE created_by = ? AND kind = 'custom' "
                  "AND created_at > UTC_TIMESTAMP() - INTERVAL 24 HOUR",
    [ST_INSERT] = "INSERT INTO invitation_links (partner_id, kind, custom_tag, account_manager_id, "
                  "remarks, token, "
                  "token_hash, created_by, created_at) VALUES (?, ?, NULLIF(?, ''), NULLIF(?, 0), "
                  "?, ?, ?, ?, "
                  "UTC_TIMESTAMP())",
    [ST_TOKEN] = "SELECT l.token FROM invitation_links l WHERE l.id = ? AND " LINK_SCOPE,
    /* the promotion activities running now, with the user's own link of each */
    [ST_PROMOTIONS] =
        "SELECT pr.id, pr.name, pr.description, pr.valid_to, IFNULL(l.id, 0) AS link_id, "
        "IFNULL(l.token, '') AS token FROM promotions pr LEFT JOIN invitation_links l "
        "ON l.promotion_id = pr.id AND l.kind = 'promo' AND l.created_by = ? "
        "WHERE pr.valid_from <= UTC_TIMESTAMP() AND pr.valid_to > UTC_TIMESTAMP() "
        "ORDER BY pr.valid_to, pr.id",
    [ST_PROMOTION_LIVE] =
        "SELECT COUNT(*) FROM promotions WHERE id = ? AND valid_from <= UTC_TIMESTAMP() "
        "AND valid_to > UTC_TIMESTAMP()",
    [ST_INSERT_PROMO] =
        "INSERT IGNORE INTO invitation_links (partner_id, kind, custom_tag, account_manager_id, "
        "remarks, token, token_hash, created_by, created_at, promotion_id, valid_to) "
        "SELECT ?, 'promo', NULLIF(?, ''), NULLIF(?, 0), '', ?, ?, ?, UTC_TIMESTAMP(), id, "
        "valid_to "
        "FROM promotions WHERE id = ?",
};
PC_SQL_TABLE(links_sql, sql);

static const char *link_url(pc_ctx *c, const char *token)
{
    return pc_arena_printf(&c->arena, "%s/console/join?t=%s", pc_conf_str("Site.base_url"), token);
}

/* Each row's full link (the token itself is not put on the page on its own). */
static void set_urls(pc_ctx *c, const char *list)
{
    for (HDF *h = hdf_get_child(c->hdf, list); h; h = hdf_obj_next(h)) {
        char when[64];
        NEOERR *e = hdf_set_value(h, "url", link_url(c, hdf_get_value(h, "token", "")));
        nerr_ignore(&e);
        e = hdf_set_value(h, "token", "");
        nerr_ignore(&e);
        e = hdf_set_value(h, "created",
                          pc_view_datetime(hdf_get_value(h, "created_at", ""), when, sizeof when));
        nerr_ignore(&e);
    }
}

/* Each running promotion: its end in local time and, when the user made one, its link. */
static void set_promotion_urls(pc_ctx *c)
{
    char when[64];
    for (HDF *h = hdf_get_child(c->hdf, "Promotions"); h; h = hdf_obj_next(h)) {
        const char *token = hdf_get_value(h, "token", "");
        NEOERR *e = hdf_set_value(h, "url", *token ? link_url(c, token) : "");
        if (e == STATUS_OK)
            e = hdf_set_value(h, "token", "");
        if (e == STATUS_OK)
            e = hdf_set_value(
                h, "ends", pc_view_datetime(hdf_get_value(h, "valid_to", ""), when, sizeof when));
        nerr_ignore(&e);
    }
}

static int links_page(pc_ctx *c)
{
    pc_scope s;
    pc_authz_scope(&c->user, &s);
    if (pc_db_hdf(&links_sql, ST_GENERAL, PC_BINDS(PC_I64(c->user.id)), c->hdf, "General") < 0 ||
        pc_db_hdf(&links_sql, ST_RECORD,
                  PC_BINDS(PC_I64(c->user.partner_id), PC_I64(s.assigned_to), PC_I64(s.assigned_to),
                           PC_I64(s.assigned_to)),
                  c->hdf, "Links") < 0)
        return pc_error(c, 500);
    if (!dev_own_manager(c) &&
        pc_db_hdf_kept(&links_sql, ST_MANAGERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                       "Managers") < 0)
        return pc_error(c, 500);
    if (dev_own_manager(c))
        pc_set(c, "Page.own_manager", c->user.name);
    if (pc_db_hdf(&links_sql, ST_PROMOTIONS, PC_BINDS(PC_I64(c->user.id)), c->hdf, "Promotions") <
        0)
        return pc_error(c, 500);
    set_urls(c, "General");
    set_urls(c, "Links");
    set_promotion_urls(c);
    const char *fresh = pc_params_get(&c->query, "new");
    if (fresh && strspn(fresh, "0123456789") == strlen(fresh))
        pc_set(c, "Page.new", fresh);
    pc_set(c, "Page.title", pc_t(c, "cust.dev.tab.links"));
    dev_subtabs(c, "links");
    return pc_render(c, "customers/dev_links.cs");
}

static const pc_field link_fields[] = {
    {"am", pc_valid_id, 0, 0, 0, NULL},
    {"custom_tag", pc_valid_text, 0, 64, 0, NULL},
    {"remarks", pc_valid_text, 0, 100, 0, NULL},
};

typedef struct link_job {
    pc_ctx *c;
    const char *kind, *tag, *remarks, *why;
    int64_t am, id, promotion;
} link_job;

static int link_tx(void *arg)
{
    link_job *j = arg;
    pc_ctx *c = j->c;
    char token[PC_TOKEN_HEX], hash[PC_TOKEN_HEX];
    if (pc_db_query(&links_sql, ST_LOCK_USER, PC_BINDS(PC_I64(c->user.id)), NULL, NULL) != 1)
        return -1;
    if (strcmp(j->kind, "custom") == 0) {
        int64_t recent = pc_db_int(&links_sql, ST_RECENT, PC_BINDS(PC_I64(c->user.id)), -1);
        if (recent < 0)
            return -1;
        if (recent >= CUSTOM_PER_DAY) {
            j->why = "cust.dev.err.link_rate";
            return 1;
        }
    } else if (strcmp(j->kind, "general") == 0 &&
               pc_db_int(&links_sql, ST_GENERAL, PC_BINDS(PC_I64(c->user.id)), 0) > 0) {
        return 0; /* one standing link per user: a second request finds it */
    }
    pc_token_new(token);
    pc_sha256_hex(token, strlen(token), hash);
    if (strcmp(j->kind, "promo") == 0) { /* one per user and promotion: IGNORE finds the first */
        int64_t n = pc_db_exec(&links_sql, ST_INSERT_PROMO,
                               PC_BINDS(PC_I64(c->user.partner_id), PC_STR(j->tag), PC_I64(j->am),
                                        PC_STR(token), PC_STR(hash), PC_I64(c->user.id),
                                        PC_I64(j->promotion)),
                               &j->id);
        if (n < 0)
            return -1;
        if (n == 1)
            pc_audit_ctx(
                c, "customer.invitation_link.create", "invitation_link", j->id, "ok",
                pc_arena_printf(&c->arena, "kind=promo promotion=%lld", (long long)j->promotion));
        return 0;
    }
    if (pc_db_exec(&links_sql, ST_INSERT,
                   PC_BINDS(PC_I64(c->user.partner_id), PC_STR(j->kind), PC_STR(j->tag),
                            PC_I64(j->am), PC_STR(j->remarks), PC_STR(token), PC_STR(hash),
                            PC_I64(c->user.id)),
                   &j->id) != 1)
        return -1;
    pc_audit_ctx(c, "customer.invitation_link.create", "invitation_link", j->id, "ok",
                 pc_arena_printf(&c->arena, "kind=%s am=%lld", j->kind, (long long)j->am));
    return 0;
}

/* POST /customers/development/links/general: the user's standing link (made once). */
static int general_create(pc_ctx *c)
{
    /* an admin's (or operator's) general link carries its account name as the tag (9.2.2.3) */
    link_job j = {.c = c, .kind = "general", .remarks = "", .am = dev_own_manager(c)};
    j.tag = j.am ? "" : c->user.username;
    int rc = pc_db_tx(link_tx, &j);
    if (rc)
        return pc_error(c, 500);
    return pc_redirect(c, "/customers/development/links?msg=dev_link_created");
}

/* POST /customers/development/links/promo/{id}: the user's link for a running promotion (made
 * once). */
static int promo_create(pc_ctx *c)
{
    link_job j = {.c = c,
                  .kind = "promo",
                  .remarks = "",
                  .am = dev_own_manager(c),
                  .promotion = c->path_id[0]};
    j.tag = j.am ? "" : c->user.username;
    int64_t live = pc_db_int(&links_sql, ST_PROMOTION_LIVE, PC_BINDS(PC_I64(j.promotion)), -1);
    if (live <= 0)
        return pc_error(c, live < 0 ? 500 : 404);
    if (pc_db_tx(link_tx, &j))
        return pc_error(c, 500);
    return pc_redirect(c, "/customers/development/links?msg=dev_link_created#promotions");
}

/* POST /customers/development/links: a customized link. */
static int custom_create(pc_ctx *c)
{
    pc_value v[3];
    link_job j = {.c = c, .kind = "custom"};
    int bad = pc_form(c, link_fields, 3, v);
    j.am = dev_own_manager(c);
    if (!bad && !j.am && v[0].present) {
        int64_t ok = pc_db_int(&links_sql, ST_IS_MANAGER,
                               PC_BINDS(PC_I64(v[0].i), PC_I64(c->user.partner_id)), -1);
        if (ok < 0)
            return pc_error(c, 500);
        if (ok == 0)
            pc_form_error(c, "am", "cust.dev.err.manager"), bad++;
        j.am = v[0].i;
    }
    if (bad) {
        c->status = 400;
        return links_page(c);
    }
    j.tag = v[1].s, j.remarks = v[2].s;
    int rc = pc_db_tx(link_tx, &j);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, "form", j.why);
        c->status = 409;
        return links_page(c);
    }
    return pc_redirect(
        c, pc_arena_printf(&c->arena, "/customers/development/links?msg=dev_link_created&new=%lld",
                           (long long)j.id));
}

/* ---- QR code as PNG ---- */

static int put_chunk(STRING *out, const char *type, const unsigned char *data, uint32_t len)
{
    uint32_t n = htonl(len);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    crc = crc32(crc, data, len);
    uint32_t crc_be = htonl((uint32_t)crc);
    NEOERR *e = string_appendn(out, (const char *)&n, 4);
    if (e == STATUS_OK)
        e = string_appendn(out, type, 4);
    if (e == STATUS_OK && len)
        e = string_appendn(out, (const char *)data, (int)len);
    if (e == STATUS_OK)
        e = string_appendn(out, (const char *)&crc_be, 4);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return -1;
    }
    return 0;
}

/*
 * An 8-bit grayscale PNG of the symbol: each row is a filter byte 0 and one
 * byte per pixel (0 dark, 255 light), deflated into one IDAT.  0 or -1.
 */
static int qr_png(pc_ctx *c, const QRcode *q, STRING *out)
{
    uint32_t side = (uint32_t)(q->width + 2 * QR_MARGIN) * QR_SCALE, row = side + 1;
    unsigned char *raw = pc_arena_alloc(&c->arena, (size_t)row * side);
    for (uint32_t y = 0; y < side; y++) {
        unsigned char *r = raw + (size_t)y * row;
        r[0] = 0;
        int my = (int)(y / QR_SCALE) - QR_MARGIN;
        for (uint32_t x = 0; x < side; x++) {
            int mx = (int)(x / QR_SCALE) - QR_MARGIN;
            int dark = my >= 0 && mx >= 0 && my < q->width && mx < q->width &&
                       (q->data[my * q->width + mx] & 1);
            r[x + 1] = dark ? 0 : 255;
        }
    }
    uLongf zlen = compressBound((uLong)row * side);
    unsigned char *z = pc_arena_alloc(&c->arena, zlen);
    if (compress2(z, &zlen, raw, (uLong)row * side, Z_BEST_COMPRESSION) != Z_OK)
        return -1;
    unsigned char ihdr[13] = {0};
    uint32_t be = htonl(side);
    memcpy(ihdr, &be, 4);
    memcpy(ihdr + 4, &be, 4);
    ihdr[8] = 8; /* bit depth; colour type 0 (grayscale), deflate, filter 0, no interlace */
    NEOERR *e = string_appendn(out, "\x89PNG\r\n\x1a\n", 8);
    if (e != STATUS_OK) {
        nerr_ignore(&e);
        return -1;
    }
    return put_chunk(out, "IHDR", ihdr, 13) || put_chunk(out, "IDAT", z, (uint32_t)zlen) ||
                   put_chunk(out, "IEND", NULL, 0)
               ? -1
               : 0;
}

static int token_row(void *arg, const pc_row *r)
{
    snprintf(arg, PC_TOKEN_HEX, "%s", pc_row_str(r, 0));
    return 1;
}

/* GET /customers/development/links/{id}/qr.png */
static int qr_image(pc_ctx *c)
{
    char token[PC_TOKEN_HEX] = "";
    pc_scope s;
    pc_authz_scope(&c->user, &s);
    int n =
        pc_db_query(&links_sql, ST_TOKEN,
                    PC_BINDS(PC_I64(c->path_id[0]), PC_I64(c->user.partner_id),
                             PC_I64(s.assigned_to), PC_I64(s.assigned_to), PC_I64(s.assigned_to)),
                    token_row, token);
    if (n <= 0)
        return pc_error(c, n < 0 ? 500 : 404);
    /* scans are told apart from clicks on the landing page (invitation method "qr") */
    const char *url = pc_arena_printf(&c->arena, "%s&via=qr", link_url(c, token));
    QRcode *q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return pc_error(c, 500);
    string_clear(&c->body);
    string_init(&c->body);
    int rc = qr_png(c, q, &c->body);
    QRcode_free(q);
    if (rc)
        return pc_error(c, 500);
    pc_header(c, "Content-Type", "image/png");
    pc_header(c, "Content-Disposition",
              pc_arena_printf(&c->arena, "inline; filename=\"invitation-%lld.png\"",
                              (long long)c->path_id[0]));
    return 200;
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/customers/development/links", PC_PERM_CUSTOMER_DEVELOP, links_page, 0),
    PC_ROUTE("POST", "/customers/development/links/general", PC_PERM_CUSTOMER_DEVELOP,
             general_create, 0),
    PC_ROUTE("POST", "/customers/development/links", PC_PERM_CUSTOMER_DEVELOP, custom_create, 0),
    PC_ROUTE("POST", "/customers/development/links/promo/{id}", PC_PERM_CUSTOMER_DEVELOP,
             promo_create, 0),
    PC_ROUTE("GET", "/customers/development/links/{id}/qr.png", PC_PERM_CUSTOMER_DEVELOP, qr_image,
             0),
};
CUST_ROUTES(cust_dev_links_routes, routes);
