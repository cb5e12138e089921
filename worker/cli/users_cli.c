#include "cli/users_cli.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/apikey.h"
#include "access/audit.h"
#include "access/session.h"
#include "base/db.h"
#include "base/valid.h"

enum stmt { ST_USER, ST_SET_PASSWORD, ST_KEYS, ST_RESEAL, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_USER] = "SELECT id FROM users WHERE username = ? AND status <> 'deleted'",
    [ST_SET_PASSWORD] = "UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?",
    [ST_KEYS] = "SELECT id, access_key, secret_enc FROM api_keys ORDER BY id FOR UPDATE",
    [ST_RESEAL] = "UPDATE api_keys SET secret_enc = ? WHERE id = ?",
};
PC_SQL_TABLE(users_cli_sql, sql);

/* 14 random letters and digits that the password policy accepts (a few draws at most). */
static int temporary_password(char out[15])
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    pc_field f = {0};
    pc_value v;
    for (int tries = 0; tries < 50; tries++) {
        unsigned char b[14];
        if (RAND_bytes(b, sizeof b) != 1)
            return -1;
        for (size_t i = 0; i < sizeof b; i++)
            out[i] = alphabet[b[i] % (sizeof alphabet - 1)];
        out[14] = '\0';
        if (pc_valid_password(&f, out, &v) == 0)
            return 0;
    }
    return -1;
}

int reset_password_cli(const char *username)
{
    char pw[15], hash[256];
    int64_t id = pc_db_int(&users_cli_sql, ST_USER, PC_BINDS(PC_STR(username)), 0);
    if (id <= 0) {
        fprintf(stderr, "pcadm: no user %s\n", username);
        return 1;
    }
    if (temporary_password(pw) || pc_password_hash(pw, hash, sizeof hash) ||
        pc_db_exec(&users_cli_sql, ST_SET_PASSWORD, PC_BINDS(PC_STR(hash), PC_I64(id)), NULL) < 0) {
        fprintf(stderr, "pcadm: cannot reset the password of %s: %s\n", username, pc_db_error());
        return 1;
    }
    pc_session_destroy_others(id, ""); /* every session of the user ends */
    pc_audit_event e = {.actor_name = "pcadm",
                        .action = "user.password_reset",
                        .object_type = "user",
                        .object_id = id,
                        .ip = "",
                        .result = "ok",
                        .detail = "by an administrator on the server"};
    pc_audit(&e);
    printf("temporary password of %s: %s\n(they choose a new one at their next sign-in)\n",
           username, pw);
    OPENSSL_cleanse(pw, sizeof pw);
    return 0;
}

typedef struct sealed_key {
    int64_t id;
    char ak[40], sealed[400];
} sealed_key;

typedef struct key_list {
    sealed_key *v;
    size_t n, cap;
} key_list;

static int key_row(void *arg, const pc_row *r)
{
    key_list *l = arg;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        sealed_key *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return 1;
        l->v = v, l->cap = cap;
    }
    sealed_key *k = &l->v[l->n++];
    k->id = pc_row_i64(r, 0);
    snprintf(k->ak, sizeof k->ak, "%s", pc_row_str(r, 1));
    snprintf(k->sealed, sizeof k->sealed, "%s", pc_row_str(r, 2));
    return 0;
}

/* One transaction: every key opened and sealed again; the first that does not open stops it. */
static int reseal_tx(void *arg)
{
    key_list *l = arg;
    l->n = 0;
    if (pc_db_query(&users_cli_sql, ST_KEYS, PC_NOBINDS, key_row, l) < 0)
        return -1;
    for (size_t i = 0; i < l->n; i++) {
        char sk[PC_APIKEY_MAX_SK + 1], sealed[400];
        int ok = pc_apikey_open(l->v[i].ak, l->v[i].sealed, sk) >= 0 &&
                 pc_apikey_seal(l->v[i].ak, sk, sealed, sizeof sealed) == 0;
        OPENSSL_cleanse(sk, sizeof sk);
        if (!ok) {
            fprintf(stderr,
                    "pcadm: the secret of %s opens with neither key file: nothing changed\n",
                    l->v[i].ak);
            return 1;
        }
        if (pc_db_exec(&users_cli_sql, ST_RESEAL, PC_BINDS(PC_STR(sealed), PC_I64(l->v[i].id)),
                       NULL) < 0)
            return -1;
    }
    return 0;
}

int rotate_api_key_file_cli(void)
{
    if (!pc_apikey_ready()) {
        fprintf(stderr, "pcadm: Api.secret_key_file is not a readable file of 64 hex digits\n");
        return 1;
    }
    key_list l = {0};
    int rc = pc_db_tx(reseal_tx, &l);
    if (rc == 0)
        printf("%zu API secret%s sealed with Api.secret_key_file%s\n", l.n, l.n == 1 ? "" : "s",
               pc_apikey_previous_ready() ? "; Api.previous_secret_key_file may now be removed"
                                          : "");
    else if (rc < 0)
        fprintf(stderr, "pcadm: %s\n", pc_db_error());
    free(l.v);
    return rc == 0 ? 0 : 1;
}
