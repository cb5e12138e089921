#include "access/session.h"

#include <argon2.h>
#include <malloc.h>
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

enum stmt {
    ST_SESSION_INSERT,
    ST_SESSION_LOAD,
    ST_SESSION_TOUCH,
    ST_SESSION_DELETE,
    ST_SESSION_DELETE_OTHERS,
    ST_USER_LOAD,
    ST_USER_BY_APIKEY,
    ST_LOGIN_FAILURES_USER,
    ST_LOGIN_FAILURES_IP,
    ST_LOGIN_INSERT,
    ST_CODE_RECENT,
    ST_CODE_INSERT,
    ST_CODE_LATEST,
    ST_CODE_ATTEMPT,
    ST_CODE_USE,
    ST__MAX
};

/*
 * Everything a request needs to know about its user in one statement (every
 * signed-in request runs it): the user, its partner, its system role codes
 * ('-' for a custom role) and the union of its roles' permissions.
 */
#define USER_COLUMNS                                                                               \
    "u.id, u.kind, IFNULL(u.partner_id, 0), IFNULL(u.customer_id, 0), u.username, u.name, "        \
    "u.email, u.lang, "                                                                            \
    "u.must_change_password, IFNULL(p.kind, ''), IFNULL(p.distributor_id, 0), IFNULL(p.name, "     \
    "''), "                                                                                        \
    "IFNULL(d.name, ''), (SELECT GROUP_CONCAT(IFNULL(r.code, '-')) FROM member_roles mr JOIN "     \
    "roles r "                                                                                     \
    "ON r.id = mr.role_id AND r.deleted_at IS NULL WHERE mr.user_id = u.id), "                     \
    "(SELECT GROUP_CONCAT(DISTINCT rp.perm_code) FROM member_roles mr JOIN roles r ON r.id = "     \
    "mr.role_id "                                                                                  \
    "AND r.deleted_at IS NULL JOIN role_permissions rp ON rp.role_id = r.id WHERE mr.user_id = "   \
    "u.id), "                                                                                      \
    "IFNULL(p.koogallery_program, 0) + 2 * (IFNULL(p.kind, '') <> 'reseller' OR "                  \
    "IFNULL(p.grant_on_behalf, 0) <> 0)"
#define USER_TABLES                                                                                \
    "(users u LEFT JOIN partners p ON p.id = u.partner_id LEFT JOIN partners d ON d.id = "         \
    "p.distributor_id)"
#define USER_NCOLS 16
_Static_assert(USER_NCOLS == PC_USER_NCOLS, "session.h states the column count");

static const char *const sql[ST__MAX] = {
    [ST_SESSION_INSERT] =
        "INSERT INTO sessions (token_hash, user_id, csrf, ip, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
    [ST_SESSION_LOAD] =
        "SELECT " USER_COLUMNS ", s.csrf, TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP()), "
        "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), s.created_at + INTERVAL ? HOUR) "
        "FROM sessions s JOIN " USER_TABLES " ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND u.status = 'normal' "
        "AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE "
        "AND s.created_at > UTC_TIMESTAMP() - INTERVAL ? HOUR",
    [ST_SESSION_TOUCH] = "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE token_hash = ?",
    [ST_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?",
    [ST_SESSION_DELETE_OTHERS] = "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
    [ST_USER_LOAD] =
        "SELECT " USER_COLUMNS " FROM " USER_TABLES " WHERE u.id = ? AND u.status = 'normal'",
    /* the partner API (issue 7): the key's row after the user's columns, one statement a request */
    [ST_USER_BY_APIKEY] =
        "SELECT " USER_COLUMNS ", k.id, k.secret_enc, k.locked_until > UTC_TIMESTAMP(), "
        "IFNULL(TIMESTAMPDIFF(SECOND, k.last_used_at, UTC_TIMESTAMP()), -1), k.failures "
        "FROM api_keys k JOIN " USER_TABLES " ON u.id = k.user_id "
        "WHERE k.access_key = ? AND u.status = 'normal'",
    [ST_LOGIN_FAILURES_USER] =
        /* failures after the last success: by id, since several fall within one second */
    "SELECT COUNT(*) FROM login_attempts WHERE username = ? AND ok = 0 "
    "AND at > UTC_TIMESTAMP() - INTERVAL ? MINUTE AND id > IFNULL((SELECT MAX(id) "
    "FROM login_attempts WHERE username = ? AND ok = 1), 0)",
    [ST_LOGIN_FAILURES_IP] = "SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND ok = 0 "
                             "AND at > UTC_TIMESTAMP() - INTERVAL ? MINUTE",
    [ST_LOGIN_INSERT] =
        "INSERT INTO login_attempts (username, ip, ok, at) VALUES (?, ?, ?, UTC_TIMESTAMP())",
    [ST_CODE_RECENT] = "SELECT COUNT(*) FROM verify_codes WHERE purpose = ? AND target = ? "
                       "AND created_at > UTC_TIMESTAMP() - INTERVAL 60 SECOND",
    [ST_CODE_INSERT] =
        "INSERT INTO verify_codes (purpose, target, code_hash, expires_at, created_at) "
        "VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE, UTC_TIMESTAMP())",
    [ST_CODE_LATEST] =
        "SELECT id, code_hash, attempts, expires_at > UTC_TIMESTAMP(), used_at IS NOT NULL "
        "FROM verify_codes WHERE purpose = ? AND target = ? ORDER BY id DESC LIMIT 1",
    [ST_CODE_ATTEMPT] = "UPDATE verify_codes SET attempts = attempts + 1 WHERE id = ?",
    [ST_CODE_USE] =
        "UPDATE verify_codes SET used_at = UTC_TIMESTAMP() WHERE id = ? AND used_at IS NULL",
};
PC_SQL_TABLE(session_sql, sql);

int pc_password_hash(const char *pw, char *out, size_t outlen)
{
    unsigned char salt[16];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return -1;
    int rc = argon2id_hash_encoded((uint32_t)pc_conf_int("Password.argon2_iterations"),
                                   (uint32_t)pc_conf_int("Password.argon2_memory_kib"), 1, pw,
                                   strlen(pw), salt, sizeof salt, 32, out, outlen);
    malloc_trim(0); /* give the 19 MiB of the hash back: programs stay small */
    return rc == ARGON2_OK ? 0 : -1;
}

int pc_password_verify(const char *hash, const char *pw)
{
    if (!hash || strncmp(hash, "$argon2id$", 10) != 0)
        return -1;
    int rc = argon2id_verify(hash, pw, strlen(pw));
    malloc_trim(0);
    return rc == ARGON2_OK ? 0 : -1;
}

static void hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

void pc_token_new(char out[PC_TOKEN_HEX])
{
    unsigned char b[32];
    if (RAND_bytes(b, sizeof b) != 1)
        abort(); /* no randomness: nothing safe can be done */
    hex(b, sizeof b, out);
}

void pc_sha256_hex(const void *data, size_t len, char out[PC_TOKEN_HEX])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
    hex(md, 32, out);
}

int pc_token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return la == lb && la > 0 && CRYPTO_memcmp(a, b, la) == 0;
}

int pc_session_create(int64_t user_id, const char *ip, char token[PC_TOKEN_HEX],
                      char csrf[PC_TOKEN_HEX])
{
    char h[PC_TOKEN_HEX];
    pc_token_new(token);
    pc_token_new(csrf);
    pc_sha256_hex(token, strlen(token), h);
    return pc_db_exec(&session_sql, ST_SESSION_INSERT,
                      PC_BINDS(PC_STR(h), PC_I64(user_id), PC_STR(csrf), PC_STR(ip)), NULL) == 1
               ? 0
               : -1;
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static unsigned role_bit(const char *code)
{
    return strcmp(code, "ADMIN") == 0              ? PC_ROLE_ADMIN
           : strcmp(code, "FINANCE") == 0          ? PC_ROLE_FINANCE
           : strcmp(code, "ACCOUNT_DIRECTOR") == 0 ? PC_ROLE_ACCOUNT_DIRECTOR
           : strcmp(code, "ACCOUNT_MANAGER") == 0  ? PC_ROLE_ACCOUNT_MANAGER
                                                   : 0;
}

/* Roles ("ADMIN,-") and permissions ("a.b,c.d") from their comma lists. */
static void roles_and_perms(pc_user *u, const char *roles, const char *perms)
{
    char buf[2048], *save = NULL;
    copy(buf, sizeof buf, roles);
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        u->system_roles |= role_bit(t);
        u->nroles++;
    }
    copy(buf, sizeof buf, perms);
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int p = pc_perm_from_code(t);
        if (p >= 0)
            u->perms |= UINT64_C(1) << p;
    }
}

static int user_row(void *arg, const pc_row *r)
{
    pc_user *u = arg;
    u->id = pc_row_i64(r, 0);
    u->kind = (pc_user_kind)pc_user_kind_from(pc_row_str(r, 1));
    u->partner_id = pc_row_i64(r, 2);
    u->customer_id = pc_row_i64(r, 3);
    copy(u->username, sizeof u->username, pc_row_str(r, 4));
    copy(u->name, sizeof u->name, pc_row_str(r, 5));
    copy(u->email, sizeof u->email, pc_row_str(r, 6));
    copy(u->lang, sizeof u->lang, pc_row_str(r, 7));
    u->must_change_password = (int)pc_row_i64(r, 8);
    copy(u->partner_kind, sizeof u->partner_kind, pc_row_str(r, 9));
    u->distributor_id = pc_row_i64(r, 10);
    copy(u->partner_name, sizeof u->partner_name, pc_row_str(r, 11));
    copy(u->distributor_name, sizeof u->distributor_name, pc_row_str(r, 12));
    /* permissions are held by partner members only (authz checks the kind too) */
    if (u->kind == PC_KIND_MEMBER) {
        roles_and_perms(u, pc_row_str(r, 13), pc_row_str(r, 14));
        u->partner_flags = (unsigned)pc_row_i64(r, 15);
        u->perms &= pc_authz_kind_perms(u->partner_kind); /* e.g. a reseller: no finance */
    }
    return 1;
}

int pc_user_load(int64_t user_id, pc_user *u)
{
    memset(u, 0, sizeof *u);
    return pc_db_query(&session_sql, ST_USER_LOAD, PC_BINDS(PC_I64(user_id)), user_row, u);
}

struct apikey_row {
    pc_user *u;
    pc_row_fn fn;
    void *arg;
};

static int apikey_row(void *arg, const pc_row *r)
{
    struct apikey_row *k = arg;
    user_row(k->u, r);
    return k->fn(k->arg, r);
}

int pc_user_load_apikey(const char *access_key, pc_user *u, pc_row_fn key_fn, void *key_arg)
{
    struct apikey_row k = {u, key_fn, key_arg};
    memset(u, 0, sizeof *u);
    return pc_db_query(&session_sql, ST_USER_BY_APIKEY, PC_BINDS(PC_STR(access_key)), apikey_row,
                       &k);
}

struct session_row {
    pc_user *u;
    int64_t idle_seconds, seconds_left;
    char csrf[PC_TOKEN_HEX];
};

static int session_row(void *arg, const pc_row *r)
{
    struct session_row *s = arg;
    user_row(s->u, r);
    copy(s->csrf, sizeof s->csrf, pc_row_str(r, USER_NCOLS));
    s->idle_seconds = pc_row_i64(r, USER_NCOLS + 1);
    s->seconds_left = pc_row_i64(r, USER_NCOLS + 2);
    return 1;
}

/*
 * A session's user as this process last read it (keep.h): kept while nothing
 * in the database changed, and never past the minute after the database last
 * saw the session, so that the touch below still happens once a minute and the
 * idle and absolute limits hold as if every request had asked the database.
 */
struct kept_session {
    pc_user user;
    char csrf[PC_TOKEN_HEX];
};
PC_KEEP(kept_sessions, 1024); /* ~1 KB each, allocated when used */

static void keep_session(const char *h, uint64_t gen, const struct session_row *s)
{
    time_t now = time(NULL);
    int64_t for_seconds = 60 - s->idle_seconds;
    if (s->seconds_left < for_seconds)
        for_seconds = s->seconds_left;
    struct kept_session k;
    k.user = *s->u;
    memcpy(k.csrf, s->csrf, PC_TOKEN_HEX);
    if (for_seconds > 0)
        pc_keep_put(&kept_sessions, h, gen, now + for_seconds, &k, sizeof k);
}

int pc_session_load(const char *token, pc_user *u, char csrf[PC_TOKEN_HEX])
{
    char h[PC_TOKEN_HEX];
    struct session_row s = {u, 0, 0, ""};
    memset(u, 0, sizeof *u);
    if (!token || strlen(token) != 64)
        return 0;
    pc_sha256_hex(token, 64, h);
    const struct kept_session *kept = pc_keep_get(&kept_sessions, h, NULL);
    if (kept) {
        *u = kept->user;
        memcpy(csrf, kept->csrf, PC_TOKEN_HEX);
        return 1;
    }
    uint64_t gen = pc_gen_now();
    int64_t hours = pc_conf_int("Session.absolute_hours");
    int n = pc_db_query(&session_sql, ST_SESSION_LOAD,
                        PC_BINDS(PC_I64(hours), PC_STR(h),
                                 PC_I64(pc_conf_int("Session.idle_minutes")), PC_I64(hours)),
                        session_row, &s);
    if (n <= 0)
        return n;
    /* a write per request would cost more than it buys: touch at most once a minute (the
     * touch moves the generation on, so the copy kept below serves from the next one) */
    if (s.idle_seconds >= 60)
        pc_db_exec(&session_sql, ST_SESSION_TOUCH, PC_BINDS(PC_STR(h)), NULL);
    else
        keep_session(h, gen, &s);
    memcpy(csrf, s.csrf, PC_TOKEN_HEX);
    return 1;
}

void pc_session_destroy(const char *token)
{
    char h[PC_TOKEN_HEX];
    if (!token || !*token)
        return;
    pc_sha256_hex(token, strlen(token), h);
    pc_db_exec(&session_sql, ST_SESSION_DELETE, PC_BINDS(PC_STR(h)), NULL);
}

void pc_session_destroy_others(int64_t user_id, const char *keep_token)
{
    char h[PC_TOKEN_HEX] = "";
    if (keep_token && *keep_token)
        pc_sha256_hex(keep_token, strlen(keep_token), h);
    pc_db_exec(&session_sql, ST_SESSION_DELETE_OTHERS, PC_BINDS(PC_I64(user_id), PC_STR(h)), NULL);
}

int pc_login_throttled(const char *login, const char *ip)
{
    int64_t max = pc_conf_int("Login.max_failures"), window = pc_conf_int("Login.window_minutes");
    int64_t by_user = pc_db_int(&session_sql, ST_LOGIN_FAILURES_USER,
                                PC_BINDS(PC_STR(login), PC_I64(window), PC_STR(login)), 0);
    /* one address may try several names (an office behind NAT): four times the allowance */
    int64_t by_ip =
        pc_db_int(&session_sql, ST_LOGIN_FAILURES_IP, PC_BINDS(PC_STR(ip), PC_I64(window)), 0);
    return by_user >= max || by_ip >= 4 * max;
}

void pc_login_record(const char *login, const char *ip, int ok)
{
    pc_db_exec(&session_sql, ST_LOGIN_INSERT,
               PC_BINDS(PC_STR(login), PC_STR(ip), PC_I64(ok ? 1 : 0)), NULL);
}

static void code_hash(const char *purpose, const char *target, const char *code,
                      char out[PC_TOKEN_HEX])
{
    char buf[600];
    int n = snprintf(buf, sizeof buf, "%s\n%s\n%s", purpose, target, code);
    pc_sha256_hex(buf, (size_t)n, out);
}

int pc_code_issue(const char *purpose, const char *target, char code[7])
{
    unsigned char b[4];
    char h[PC_TOKEN_HEX];
    if (pc_db_int(&session_sql, ST_CODE_RECENT, PC_BINDS(PC_STR(purpose), PC_STR(target)), 0) > 0)
        return 1;
    if (RAND_bytes(b, sizeof b) != 1)
        return -1;
    uint32_t v =
        ((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]) % 1000000u;
    snprintf(code, 7, "%06u", v);
    code_hash(purpose, target, code, h);
    return pc_db_exec(&session_sql, ST_CODE_INSERT,
                      PC_BINDS(PC_STR(purpose), PC_STR(target), PC_STR(h),
                               PC_I64(pc_conf_int("Codes.lifetime_minutes"))),
                      NULL) == 1
               ? 0
               : -1;
}

struct code_row {
    int64_t id, attempts, live, used;
    char hash[PC_TOKEN_HEX];
};

static int code_row(void *arg, const pc_row *r)
{
    struct code_row *c = arg;
    c->id = pc_row_i64(r, 0);
    copy(c->hash, sizeof c->hash, pc_row_str(r, 1));
    c->attempts = pc_row_i64(r, 2);
    c->live = pc_row_i64(r, 3);
    c->used = pc_row_i64(r, 4);
    return 1;
}

static const char *code_verify(const char *purpose, const char *target, const char *code, int use)
{
    struct code_row c = {0};
    char h[PC_TOKEN_HEX];
    if (pc_db_query(&session_sql, ST_CODE_LATEST, PC_BINDS(PC_STR(purpose), PC_STR(target)),
                    code_row, &c) <= 0)
        return "err.code_wrong";
    if (c.used || !c.live)
        return "err.code_expired";
    if (c.attempts >= pc_conf_int("Codes.max_attempts"))
        return "err.code_attempts";
    code_hash(purpose, target, code ? code : "", h);
    if (!pc_token_equal(h, c.hash)) {
        pc_db_exec(&session_sql, ST_CODE_ATTEMPT, PC_BINDS(PC_I64(c.id)), NULL);
        return "err.code_wrong";
    }
    if (use && pc_db_exec(&session_sql, ST_CODE_USE, PC_BINDS(PC_I64(c.id)), NULL) != 1)
        return "err.code_expired";
    return NULL;
}

const char *pc_code_check(const char *purpose, const char *target, const char *code)
{
    return code_verify(purpose, target, code, 1);
}

const char *pc_code_valid(const char *purpose, const char *target, const char *code)
{
    return code_verify(purpose, target, code, 0);
}
