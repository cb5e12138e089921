#include "access/apikey.h"
#include "base/req.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/conf.h"
#include "base/db.h"
#include "base/generation.h"
#include "base/keep.h"
#include "base/log.h"
#include "access/session.h"

enum stmt {
    ST_LOOKUP,
    ST_USED,
    ST_FAILED,
    ST_INSERT,
    ST_COUNT,
    ST_DELETE,
    ST_LIST,
    ST_LIST_PARTNER,
    ST_DELETE_PARTNER,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_LOOKUP] = "SELECT id, user_id, secret_enc, locked_until > UTC_TIMESTAMP(), "
                  "IFNULL(TIMESTAMPDIFF(SECOND, last_used_at, UTC_TIMESTAMP()), -1), failures "
                  "FROM api_keys WHERE access_key = ?",
    [ST_USED] = "UPDATE api_keys SET failures = 0, last_used_at = UTC_TIMESTAMP() WHERE id = ?",
    /* locked_until first: MariaDB evaluates the assignments left to right */
    [ST_FAILED] = "UPDATE api_keys SET locked_until = IF(failures + 1 >= ?, UTC_TIMESTAMP() + "
                  "INTERVAL ? MINUTE, locked_until), failures = IF(failures + 1 >= ?, 0, "
                  "failures + 1) WHERE id = ?",
    [ST_INSERT] = "INSERT INTO api_keys (user_id, access_key, secret_enc, description, created_at) "
                  "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
    [ST_COUNT] = "SELECT COUNT(*) FROM api_keys WHERE user_id = ?",
    [ST_DELETE] = "DELETE FROM api_keys WHERE id = ? AND user_id = ?",
    [ST_LIST] = "SELECT k.id, k.access_key, k.description, k.created_at, k.last_used_at, "
                "u.username, u.name FROM api_keys k JOIN users u ON u.id = k.user_id "
                "WHERE k.user_id = ? ORDER BY k.id",
    [ST_LIST_PARTNER] = "SELECT k.id, k.access_key, k.description, k.created_at, k.last_used_at, "
                        "u.username, u.name FROM api_keys k JOIN users u ON u.id = k.user_id "
                        "WHERE u.partner_id = ? AND u.kind = 'member' ORDER BY k.id",
    [ST_DELETE_PARTNER] = "DELETE k FROM api_keys k JOIN users u ON u.id = k.user_id "
                          "WHERE k.id = ? AND u.partner_id = ? AND u.kind = 'member'",
};
PC_SQL_TABLE(apikey_sql, sql);

#define NONCE_LEN 12
#define TAG_LEN   16

/* [0] Api.secret_key_file, the key that seals; [1] Api.previous_secret_key_file, which only
 * opens what was sealed before a rotation (pcadm rotate-api-key-file) */
static unsigned char masters[2][32];
static int master_state[2]; /* 0 not tried, 1 loaded, -1 unusable or not configured */

static int unhex(const char *s, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++) {
        int h = pc_hex_value((unsigned char)s[2 * i]),
            l = pc_hex_value((unsigned char)s[2 * i + 1]);
        if (h < 0 || l < 0)
            return -1;
        out[i] = (unsigned char)(h * 16 + l);
    }
    return 0;
}

static void tohex(const unsigned char *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* Read the 64 hex digits of key file `which` (0 current, 1 previous) once per process. */
static int load_key(int which)
{
    if (master_state[which])
        return master_state[which] > 0 ? 0 : -1;
    master_state[which] = -1;
    const char *path = pc_conf_str(which ? "Api.previous_secret_key_file" : "Api.secret_key_file");
    char buf[130];
    FILE *f = *path ? fopen(path, "r") : NULL;
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    int bad = n != 64 || unhex(buf, 32, masters[which]);
    OPENSSL_cleanse(buf, sizeof buf);
    if (bad)
        return -1;
    master_state[which] = 1;
    return 0;
}

static int load_master(void)
{
    return load_key(0);
}

int pc_apikey_previous_ready(void)
{
    return load_key(1) == 0;
}

int pc_apikey_ready(void)
{
    return load_master() == 0;
}

int pc_apikey_seal(const char *ak, const char *sk, char *out, size_t outlen)
{
    size_t n = strlen(sk);
    unsigned char nonce[NONCE_LEN], ct[PC_APIKEY_MAX_SK], tag[TAG_LEN];
    int len = 0, fin = 0, ok = 0;
    if (load_master() || n > PC_APIKEY_MAX_SK || outlen < 2 * (NONCE_LEN + n + TAG_LEN) + 1 ||
        RAND_bytes(nonce, sizeof nonce) != 1)
        return -1;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (c && EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, masters[0], nonce) == 1 &&
        EVP_EncryptUpdate(c, NULL, &len, (const unsigned char *)ak, (int)strlen(ak)) == 1 &&
        EVP_EncryptUpdate(c, ct, &len, (const unsigned char *)sk, (int)n) == 1 &&
        EVP_EncryptFinal_ex(c, ct + len, &fin) == 1 &&
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) == 1)
        ok = 1;
    EVP_CIPHER_CTX_free(c);
    if (!ok)
        return -1;
    tohex(nonce, NONCE_LEN, out);
    tohex(ct, n, out + 2 * NONCE_LEN);
    tohex(tag, TAG_LEN, out + 2 * (NONCE_LEN + n));
    return 0;
}

/* Open sealed (hex) with key `which`: the SK's length, or -1. */
static int open_with(int which, const char *ak, const char *sealed, char *sk)
{
    size_t hl = strlen(sealed);
    unsigned char buf[NONCE_LEN + PC_APIKEY_MAX_SK + TAG_LEN];
    int len = 0, fin = 0, ok = 0;
    if (load_key(which) || hl % 2 || hl / 2 < NONCE_LEN + TAG_LEN || hl / 2 > sizeof buf ||
        unhex(sealed, hl / 2, buf))
        return -1;
    size_t n = hl / 2 - NONCE_LEN - TAG_LEN;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (c && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, masters[which], buf) == 1 &&
        EVP_DecryptUpdate(c, NULL, &len, (const unsigned char *)ak, (int)strlen(ak)) == 1 &&
        EVP_DecryptUpdate(c, (unsigned char *)sk, &len, buf + NONCE_LEN, (int)n) == 1 &&
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN, buf + NONCE_LEN + n) == 1 &&
        EVP_DecryptFinal_ex(c, (unsigned char *)sk + len, &fin) == 1)
        ok = 1;
    EVP_CIPHER_CTX_free(c);
    if (!ok) {
        OPENSSL_cleanse(sk, n);
        return -1;
    }
    sk[n] = '\0';
    return (int)n;
}

int pc_apikey_open(const char *ak, const char *sealed, char *sk)
{
    int n = open_with(0, ak, sealed, sk);
    if (n < 0)
        n = open_with(1, ak, sealed, sk); /* sealed before a rotation not yet finished */
    if (n < 0)
        pc_log("ERROR",
               "api key %s: its secret opens with neither Api.secret_key_file nor "
               "Api.previous_secret_key_file (was the key file replaced without pcadm "
               "rotate-api-key-file?)",
               ak);
    return n;
}

struct lookup {
    pc_apikey *k;
    const char *ak;
    int bad;
};

static int lookup_row(void *arg, const pc_row *r)
{
    struct lookup *l = arg;
    l->k->id = pc_row_i64(r, 0);
    l->k->user_id = pc_row_i64(r, 1);
    int n = pc_apikey_open(l->ak, pc_row_str(r, 2), l->k->sk);
    l->bad = n < 0;
    l->k->sk_len = n < 0 ? 0 : (size_t)n;
    l->k->locked = pc_row_i64(r, 3) == 1;
    l->k->idle_seconds = pc_row_i64(r, 4);
    l->k->failures = (int)pc_row_i64(r, 5);
    return 1;
}

int pc_apikey_lookup(const char *ak, pc_apikey *k)
{
    struct lookup l = {k, ak, 0};
    memset(k, 0, sizeof *k);
    int n = pc_db_query(&apikey_sql, ST_LOOKUP, PC_BINDS(PC_STR(ak)), lookup_row, &l);
    if (n < 0 || l.bad)
        return -1;
    return n > 0;
}

/* The key's columns after the user's (session.c ST_USER_BY_APIKEY). */
static int user_key_row(void *arg, const pc_row *r)
{
    struct lookup *l = arg;
    size_t c = PC_USER_NCOLS;
    l->k->id = pc_row_i64(r, c);
    l->k->user_id = pc_row_i64(r, 0);
    int n = pc_apikey_open(l->ak, pc_row_str(r, c + 1), l->k->sk);
    l->bad = n < 0;
    l->k->sk_len = n < 0 ? 0 : (size_t)n;
    l->k->locked = pc_row_i64(r, c + 2) == 1;
    l->k->idle_seconds = pc_row_i64(r, c + 3);
    l->k->failures = (int)pc_row_i64(r, c + 4);
    return 1;
}

/*
 * A key and its user as this process last read them (keep.h), as sessions are
 * kept: while nothing changed and within the minute after the key's last
 * recorded use, so that pc_apikey_used still records a use once a minute.  A
 * key with failures or a lock is never kept: each of its requests asks again.
 */
struct kept_key {
    pc_apikey k;
    pc_user u;
    time_t read_at;
};
PC_KEEP(kept_keys, 256);

static int kept_lookup(const char *ak, pc_apikey *k, pc_user *u)
{
    const struct kept_key *kept = pc_keep_get(&kept_keys, ak, NULL);
    if (!kept)
        return 0;
    *k = kept->k;
    *u = kept->u;
    k->idle_seconds += time(NULL) - kept->read_at;
    return 1;
}

static void keep_key(const char *ak, uint64_t gen, const pc_apikey *k, const pc_user *u)
{
    if (k->locked || k->failures || k->idle_seconds < 0 || k->idle_seconds >= 60)
        return; /* pc_apikey_used writes for this request: the generation moves anyway */
    struct kept_key kk = {*k, *u, time(NULL)};
    pc_keep_put(&kept_keys, ak, gen, kk.read_at + 60 - k->idle_seconds, &kk, sizeof kk);
    OPENSSL_cleanse(&kk, sizeof kk);
}

int pc_apikey_lookup_user(const char *ak, pc_apikey *k, pc_user *u)
{
    struct lookup l = {k, ak, 0};
    if (kept_lookup(ak, k, u))
        return 1;
    memset(k, 0, sizeof *k);
    uint64_t gen = pc_gen_now();
    int n = pc_user_load_apikey(ak, u, user_key_row, &l);
    if (n < 0 || l.bad)
        return -1;
    if (n > 0)
        keep_key(ak, gen, k, u);
    return n > 0;
}

void pc_apikey_used(const pc_apikey *k)
{
    /* a write per request would cost more than it buys: at most once a minute */
    if (k->failures || k->idle_seconds < 0 || k->idle_seconds >= 60)
        pc_db_exec(&apikey_sql, ST_USED, PC_BINDS(PC_I64(k->id)), NULL);
}

void pc_apikey_failed(const pc_apikey *k)
{
    pc_db_exec(&apikey_sql, ST_FAILED,
               PC_BINDS(PC_I64(PC_APIKEY_LOCK_AFTER), PC_I64(PC_APIKEY_LOCK_MINUTES),
                        PC_I64(PC_APIKEY_LOCK_AFTER), PC_I64(k->id)),
               NULL);
}

int64_t pc_apikey_insert(int64_t user_id, const char *ak, const char *sk, const char *description)
{
    char sealed[2 * (NONCE_LEN + PC_APIKEY_MAX_SK + TAG_LEN) + 1];
    int64_t id = 0;
    if (pc_apikey_seal(ak, sk, sealed, sizeof sealed))
        return -1;
    if (pc_db_exec(&apikey_sql, ST_INSERT,
                   PC_BINDS(PC_I64(user_id), PC_STR(ak), PC_STR(sealed), PC_STR(description)),
                   &id) != 1)
        return -1;
    return id;
}

static void random_chars(char *out, size_t n, const char *alphabet)
{
    size_t m = strlen(alphabet);
    unsigned char b[64];
    if (n > sizeof b || RAND_bytes(b, (int)n) != 1)
        abort(); /* no randomness: nothing safe can be done */
    /* 256 % 36 and 256 % 62 leave a slight bias, harmless for 100+ random bits */
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[b[i] % m];
    out[n] = '\0';
}

void pc_apikey_generate(char ak[PC_APIKEY_AK_LEN + 1], char sk[PC_APIKEY_SK_LEN + 1])
{
    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static const char mixed[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    ak[0] = 'P', ak[1] = 'C';
    random_chars(ak + 2, PC_APIKEY_AK_LEN - 2, upper);
    random_chars(sk, PC_APIKEY_SK_LEN, mixed);
}

int64_t pc_apikey_count(int64_t user_id)
{
    return pc_db_int(&apikey_sql, ST_COUNT, PC_BINDS(PC_I64(user_id)), -1);
}

int pc_apikey_delete(int64_t user_id, int64_t key_id)
{
    int64_t n = pc_db_exec(&apikey_sql, ST_DELETE, PC_BINDS(PC_I64(key_id), PC_I64(user_id)), NULL);
    return n < 0 ? -1 : n > 0;
}

int pc_apikey_hdf(int64_t user_id, HDF *hdf, const char *prefix)
{
    return pc_db_hdf(&apikey_sql, ST_LIST, PC_BINDS(PC_I64(user_id)), hdf, prefix);
}

int pc_apikey_hdf_partner(int64_t partner_id, HDF *hdf, const char *prefix)
{
    return pc_db_hdf(&apikey_sql, ST_LIST_PARTNER, PC_BINDS(PC_I64(partner_id)), hdf, prefix);
}

int pc_apikey_delete_partner(int64_t partner_id, int64_t key_id)
{
    int64_t n = pc_db_exec(&apikey_sql, ST_DELETE_PARTNER,
                           PC_BINDS(PC_I64(key_id), PC_I64(partner_id)), NULL);
    return n < 0 ? -1 : n > 0;
}
