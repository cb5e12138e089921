/*
 * The idempotency key of state-changing operations (docs/DECISIONS.md): header
 * Idempotency-Key, 1-64 characters [A-Za-z0-9._:-], per access key.  The first
 * request holds the key (status NULL) while it runs; its answer is stored
 * right after its transaction; a repeat with the same method, path, query and
 * body within 24 hours gets that answer again, with a different request 400
 * CBC.0100.  A 5xx answer is not kept: the client may try again.
 */
#include <mysqld_error.h>
#include <stdlib.h>
#include <string.h>

#include "base/aksk.h"
#include "api_core.h"
#include "base/db.h"

#define IDEM_HEADER "Idempotency-Key"

enum stmt { ST_INSERT, ST_GET, ST_DROP_OLD, ST_STORE, ST_FORGET, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_INSERT] = "INSERT INTO api_idempotency (key_id, idem_key, request_hash, created_at) "
                  "VALUES (?, ?, ?, UTC_TIMESTAMP())",
    [ST_GET] = "SELECT request_hash, status, body FROM api_idempotency WHERE key_id = ? AND "
               "idem_key = ?",
    /* a key older than 24 hours that the purge job has not yet removed is free again */
    [ST_DROP_OLD] = "DELETE FROM api_idempotency WHERE key_id = ? AND idem_key = ? AND "
                    "created_at < UTC_TIMESTAMP() - INTERVAL 24 HOUR",
    [ST_STORE] =
        "UPDATE api_idempotency SET status = ?, body = ? WHERE key_id = ? AND idem_key = ?",
    [ST_FORGET] = "DELETE FROM api_idempotency WHERE key_id = ? AND idem_key = ?",
};
PC_SQL_TABLE(api_idem_sql, sql);

struct stored {
    char hash[PC_AKSK_HEX];
    int status; /* 0: still running */
    char *body;
    pc_arena *arena;
};

static int stored_row(void *arg, const pc_row *r)
{
    struct stored *s = arg;
    snprintf(s->hash, sizeof s->hash, "%s", pc_row_str(r, 0));
    s->status = r->v[1] ? (int)pc_row_i64(r, 1) : 0;
    s->body = pc_arena_strdup(s->arena, pc_row_str(r, 2));
    return 1;
}

static const char *idem_key(pc_api *a)
{
    const char *k = api_param(a, "HTTP_IDEMPOTENCY_KEY");
    return *k ? k : NULL;
}

int api_idem_begin(pc_api *a, int *status, char **body)
{
    const char *key = idem_key(a);
    if (!key)
        return 0;
    size_t n = strlen(key);
    if (n > 64 ||
        strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-") != n)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: the %s header must be 1 to 64 letters, digits or "
                            "'.', '_', ':', '-'.",
                            IDEM_HEADER);
    char hash[PC_AKSK_HEX];
    const char *req = pc_arena_printf(&a->arena, "%s\n%s\n%s\n", a->method, a->path,
                                      api_param(a, "QUERY_STRING"));
    size_t rl = strlen(req);
    char *all = pc_arena_alloc(&a->arena, rl + a->body_len + 1);
    memcpy(all, req, rl);
    memcpy(all + rl, a->body, a->body_len);
    pc_aksk_sha256_hex(all, rl + a->body_len, hash);
    pc_db_exec(&api_idem_sql, ST_DROP_OLD, PC_BINDS(PC_I64(a->key_id), PC_STR(key)), NULL);
    if (pc_db_exec(&api_idem_sql, ST_INSERT, PC_BINDS(PC_I64(a->key_id), PC_STR(key), PC_STR(hash)),
                   NULL) == 1)
        return 0;
    if (pc_db_errno() != ER_DUP_ENTRY)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    struct stored s = {"", 0, NULL, &a->arena};
    if (pc_db_query(&api_idem_sql, ST_GET, PC_BINDS(PC_I64(a->key_id), PC_STR(key)), stored_row,
                    &s) != 1)
        return pc_api_error(a, 500, "CBC.0999", "Internal error.");
    if (strcmp(s.hash, hash) != 0)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: the %s header was already used with a different "
                            "request; use a new key for a new request.",
                            IDEM_HEADER);
    if (s.status == 0)
        return pc_api_error(a, 409, "CBC.0155",
                            "The current request is not allowed: a request with this %s is still "
                            "running.",
                            IDEM_HEADER);
    *status = s.status;
    *body = s.body;
    return 1;
}

void api_idem_end(pc_api *a, int status, const char *body)
{
    const char *key = idem_key(a);
    if (!key)
        return;
    if (status >= 500)
        pc_db_exec(&api_idem_sql, ST_FORGET, PC_BINDS(PC_I64(a->key_id), PC_STR(key)), NULL);
    else
        pc_db_exec(&api_idem_sql, ST_STORE,
                   PC_BINDS(PC_I64(status), PC_STR(body), PC_I64(a->key_id), PC_STR(key)), NULL);
}
