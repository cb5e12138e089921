#include "apikey_page.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "apikey.h"
#include "conf.h"
#include "db.h"

static const pc_field fields[] = {
    {"description", pc_valid_text, 0, 64, 0, NULL},
};

static int render(pc_ctx *c, const char *area, const char *base)
{
    if (pc_apikey_hdf(c->user.id, c->hdf, "Keys") < 0)
        return pc_error(c, 500);
    int64_t n = pc_apikey_count(c->user.id);
    pc_set(c, "Page.area", area);
    pc_set(c, "Page.base", base);
    pc_set(c, "Page.tab", "apikeys");
    pc_set_int(c, "Page.count", n);
    pc_set_int(c, "Page.max", PC_APIKEY_MAX_PER_USER);
    pc_set_int(c, "Page.full", n >= PC_APIKEY_MAX_PER_USER);
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
    const char *description;
    char ak[PC_APIKEY_AK_LEN + 1], sk[PC_APIKEY_SK_LEN + 1];
    int64_t id;
} create_args;

static const char *const lock_sql[] = {"SELECT id FROM users WHERE id = ? FOR UPDATE"};
PC_SQL_TABLE(apikey_page_sql, lock_sql);

static int create_tx(void *arg)
{
    create_args *a = arg;
    /* the user's row serializes two creations racing for the last free place */
    if (pc_db_query(&apikey_page_sql, 0, PC_BINDS(PC_I64(a->c->user.id)), NULL, NULL) < 0)
        return -1;
    int64_t n = pc_apikey_count(a->c->user.id);
    if (n < 0)
        return -1;
    if (n >= PC_APIKEY_MAX_PER_USER)
        return 1;
    pc_apikey_generate(a->ak, a->sk);
    a->id = pc_apikey_insert(a->c->user.id, a->ak, a->sk, a->description);
    if (a->id < 0)
        return -1;
    pc_audit_ctx(a->c, "apikey.create", "api_key", a->id, "ok", a->ak);
    return 0;
}

int pc_apikey_page_create(pc_ctx *c, const char *area, const char *base)
{
    pc_value v[1];
    create_args a;
    memset(&a, 0, sizeof a);
    a.c = c;
    if (pc_form(c, fields, 1, v)) {
        c->status = 400;
        return render(c, area, base);
    }
    if (!pc_apikey_ready()) {
        pc_form_error(c, "form", "apikeys.not_configured");
        c->status = 409;
        return render(c, area, base);
    }
    a.description = v[0].s ? v[0].s : "";
    int rc = pc_db_tx(create_tx, &a);
    if (rc < 0)
        return pc_error(c, 500);
    if (rc > 0) {
        pc_form_error(c, "form", "apikeys.err.limit");
        c->status = 409;
        return render(c, area, base);
    }
    /* shown in this answer only (no-store, never in a URL); the database keeps it sealed */
    pc_set(c, "NewKey.access_key", a.ak);
    pc_set(c, "NewKey.secret_key", a.sk);
    pc_set(c, "Form.description.value", "");
    OPENSSL_cleanse(a.sk, sizeof a.sk);
    return render(c, area, base);
}

/* The key c->path_id[0] of the signed-in user into Key.0.*; 1 when found. */
static int load_key(pc_ctx *c)
{
    if (pc_apikey_hdf(c->user.id, c->hdf, "Mine") < 0)
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
    int rc = load_key(c);
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
    return pc_render(c, "apikeys_delete.cs");
}

typedef struct delete_args {
    pc_ctx *c;
    const char *ak;
} delete_args;

static int delete_tx(void *arg)
{
    delete_args *d = arg;
    int rc = pc_apikey_delete(d->c->user.id, d->c->path_id[0]);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    pc_audit_ctx(d->c, "apikey.delete", "api_key", d->c->path_id[0], "ok", d->ak);
    return 0;
}

int pc_apikey_page_delete(pc_ctx *c, const char *area, const char *base)
{
    (void)area;
    int found = load_key(c);
    if (found <= 0)
        return pc_error(c, found < 0 ? 500 : 404);
    delete_args d = {c, hdf_get_value(c->hdf, "Confirm.subject", "")};
    int rc = pc_db_tx(delete_tx, &d);
    if (rc)
        return pc_error(c, rc < 0 ? 500 : 404);
    return pc_redirect(c, pc_arena_printf(&c->arena, "%s?msg=apikey_deleted", base));
}
