#include "web/apikey_page.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "access/apikey.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/view.h"

/*
 * Two modes: "org" — a partner admin manages the keys of every member of its
 * partner and picks the member a new key acts as (an account manager's key
 * sees only its customers); "console" — a customer manages its own keys.
 */
static int org_mode(const char *area)
{
    return strcmp(area, "org") == 0;
}

enum stmt { ST_LOCK_USER, ST_MEMBERS, ST_MEMBER, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LOCK_USER] = "SELECT id FROM users WHERE id = ? FOR UPDATE",
    [ST_MEMBERS] = "SELECT id, username, name FROM users WHERE partner_id = ? AND kind = 'member' "
                   "AND status = 'normal' ORDER BY id",
    [ST_MEMBER] = "SELECT id FROM users WHERE id = ? AND partner_id = ? AND kind = 'member' AND "
                  "status = 'normal'",
};
PC_SQL_TABLE(apikey_page_sql, sql);

static int render(pc_ctx *c, const char *area, const char *base)
{
    int org = org_mode(area);
    if ((org ? pc_apikey_hdf_partner(c->user.partner_id, c->hdf, "Keys")
             : pc_apikey_hdf(c->user.id, c->hdf, "Keys")) < 0)
        return pc_error(c, 500);
    for (HDF *k = hdf_get_child(c->hdf, "Keys"); k; k = hdf_obj_next(k)) {
        pc_view_hdf_datetime(k, "created_at", "created_at");
        if (*hdf_get_value(k, "last_used_at", ""))
            pc_view_hdf_datetime(k, "last_used_at", "last_used_at");
    }
    if (org && pc_db_hdf(&apikey_page_sql, ST_MEMBERS, PC_BINDS(PC_I64(c->user.partner_id)), c->hdf,
                         "Members") < 0)
        return pc_error(c, 500);
    if (!hdf_get_value(c->hdf, "Form.owner.value", NULL))
        pc_set_int(c, "Form.owner.value", c->user.id);
    pc_set(c, "Page.area", area);
    pc_set(c, "Page.base", base);
    pc_set(c, "Page.tab", "apikeys");
    pc_set_int(c, "Page.org", org);
    pc_set_int(c, "Page.max", PC_APIKEY_MAX_PER_USER);
    pc_set_int(c, "Page.ready", pc_apikey_ready());
    pc_set(c, "Page.endpoint", pc_conf_str("Site.base_url"));
    pc_set(c, "Page.title", pc_t(c, "apikeys.title"));
    return pc_render(c, "apikeys.cs");
}

int pc_apikey_page_list(pc_ctx *c, const char *area, const char *base)
{
    return render(c, area, base);
}

typedef struct create_args {
    pc_ctx *c;
    int64_t owner, id;
    const char *description;
    char ak[PC_APIKEY_AK_LEN + 1], sk[PC_APIKEY_SK_LEN + 1];
} create_args;

static int create_tx(void *arg)
{
    create_args *a = arg;
    /* the owner's row serializes two creations racing for the last free place */
    if (pc_db_query(&apikey_page_sql, ST_LOCK_USER, PC_BINDS(PC_I64(a->owner)), NULL, NULL) < 0)
        return -1;
    int64_t n = pc_apikey_count(a->owner);
    if (n < 0)
        return -1;
    if (n >= PC_APIKEY_MAX_PER_USER)
        return 1;
    pc_apikey_generate(a->ak, a->sk);
    a->id = pc_apikey_insert(a->owner, a->ak, a->sk, a->description);
    if (a->id < 0)
        return -1;
    pc_audit_ctx(a->c, "apikey.create", "api_key", a->id, "ok",
                 pc_arena_printf(&a->c->arena, "%s user=%lld", a->ak, (long long)a->owner));
    return 0;
}

/* The member a new key acts as: the one picked (org mode, of the same partner) or the user. */
static int pick_owner(pc_ctx *c, const char *area, int64_t *owner)
{
    const char *in = pc_params_get(&c->form, "owner");
    *owner = c->user.id;
    if (!org_mode(area) || !in || !*in)
        return 0;
    int64_t id = strtoll(in, NULL, 10);
    if (pc_db_int(&apikey_page_sql, ST_MEMBER, PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)),
                  0) != id ||
        id <= 0)
        return -1;
    *owner = id;
    pc_set_int(c, "Form.owner.value", id);
    return 0;
}

static int refuse(pc_ctx *c, const char *area, const char *base, int status, const char *key)
{
    pc_form_error(c, "form", key);
    c->status = status;
    return render(c, area, base);
}

int pc_apikey_page_create(pc_ctx *c, const char *area, const char *base)
{
    static const pc_field fields[] = {{"description", pc_valid_text, 0, 64, 0, NULL}};
    pc_value v[1];
    create_args a;
    memset(&a, 0, sizeof a);
    a.c = c;
    if (pc_form(c, fields, 1, v)) {
        c->status = 400;
        return render(c, area, base);
    }
    if (pick_owner(c, area, &a.owner))
        return refuse(c, area, base, 400, "apikeys.err.owner");
    if (!pc_apikey_ready())
        return refuse(c, area, base, 409, "apikeys.not_configured");
    a.description = v[0].s ? v[0].s : "";
    int rc = pc_db_tx(create_tx, &a);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0)
        return refuse(c, area, base, 409, "apikeys.err.limit");
    /* shown in this answer only (no-store, never in a URL); the database keeps it sealed */
    pc_set(c, "NewKey.access_key", a.ak);
    pc_set(c, "NewKey.secret_key", a.sk);
    pc_set(c, "Form.description.value", "");
    OPENSSL_cleanse(a.sk, sizeof a.sk);
    return render(c, area, base);
}

/* The key c->path_id[0] among those the user manages (its AK to Confirm.subject); 1 when found. */
static int load_key(pc_ctx *c, const char *area)
{
    if ((org_mode(area) ? pc_apikey_hdf_partner(c->user.partner_id, c->hdf, "Mine")
                        : pc_apikey_hdf(c->user.id, c->hdf, "Mine")) < 0)
        return -1;
    for (int i = 0;; i++) {
        const char *id = hdf_get_value(c->hdf, pc_arena_printf(&c->arena, "Mine.%d.id", i), NULL);
        if (!id)
            return 0;
        if (strtoll(id, NULL, 10) == c->path_id[0]) {
            pc_set(c, "Confirm.subject",
                   hdf_get_value(c->hdf, pc_arena_printf(&c->arena, "Mine.%d.access_key", i), ""));
            return 1;
        }
    }
}

int pc_apikey_page_delete_form(pc_ctx *c, const char *area, const char *base)
{
    int rc = load_key(c, area);
    if (rc <= 0)
        return pc_error(c, rc < 0 ? 500 : 404);
    pc_set(c, "Page.area", area);
    pc_set(c, "Page.tab", "apikeys");
    pc_set(c, "Page.title", pc_t(c, "apikeys.delete_title"));
    pc_set(c, "Confirm.title", pc_t(c, "apikeys.delete_title"));
    pc_set(c, "Confirm.text", pc_t(c, "apikeys.delete_text"));
    pc_set(c, "Confirm.action",
           pc_arena_printf(&c->arena, "%s/%lld/delete", base, (long long)c->path_id[0]));
    pc_set(c, "Confirm.back", base);
    pc_set(c, "Confirm.button", pc_t(c, "apikeys.delete"));
    return pc_render(c, "confirm.cs");
}

typedef struct delete_args {
    pc_ctx *c;
    int org;
    const char *ak;
} delete_args;

static int delete_tx(void *arg)
{
    delete_args *d = arg;
    pc_ctx *c = d->c;
    int rc = d->org ? pc_apikey_delete_partner(c->user.partner_id, c->path_id[0])
                    : pc_apikey_delete(c->user.id, c->path_id[0]);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    pc_audit_ctx(c, "apikey.delete", "api_key", c->path_id[0], "ok", d->ak);
    return 0;
}

int pc_apikey_page_delete(pc_ctx *c, const char *area, const char *base)
{
    int found = load_key(c, area);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    delete_args d = {c, org_mode(area), hdf_get_value(c->hdf, "Confirm.subject", "")};
    int rc = pc_db_tx(delete_tx, &d);
    if (rc)
        return pc_error(c, rc < 0 ? 500 : 404);
    return pc_redirect(c, pc_arena_printf(&c->arena, "%s?msg=apikey_deleted", base));
}
