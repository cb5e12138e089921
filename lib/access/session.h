/*
 * session — passwords (Argon2id), session tokens, CSRF tokens, login
 * throttling and one-time verification codes.  Tokens are 32 random bytes
 * (RAND_bytes) in hex; the database keeps only their SHA-256.
 */
#ifndef PC_SESSION_H
#define PC_SESSION_H
#include <stddef.h>
#include <stdint.h>

#include "access/authz.h"

#define PC_TOKEN_HEX 65 /* 64 hex digits + NUL */

/* Argon2id hash of pw in PHC string form into out (≥ 128 bytes).  0 or -1. */
int pc_password_hash(const char *pw, char *out, size_t outlen);
/* 0 when pw matches the stored hash, -1 otherwise. */
int pc_password_verify(const char *hash, const char *pw);

/* 32 random bytes as 64 hex digits. */
void pc_token_new(char out[PC_TOKEN_HEX]);
void pc_sha256_hex(const void *data, size_t len, char out[PC_TOKEN_HEX]);
/* Constant-time comparison of two NUL-terminated strings (length may leak). */
int pc_token_equal(const char *a, const char *b);

/* Start a session for user_id; token and csrf returned.  0 or -1. */
int pc_session_create(int64_t user_id, const char *ip, char token[PC_TOKEN_HEX],
                      char csrf[PC_TOKEN_HEX]);
/*
 * Load the user of a live session token (idle and absolute timeouts of the
 * config applied; locked or deleted users refused) with roles and
 * permissions.  Returns 1 when found, 0 when not, -1 on a database error.
 */
int pc_session_load(const char *token, pc_user *u, char csrf[PC_TOKEN_HEX]);
/* Load the user row, roles and permissions of user_id (no session).  1/0/-1. */
int pc_user_load(int64_t user_id, pc_user *u);
/*
 * The user (status normal) of a partner-API access key, loaded like
 * pc_user_load in the same statement as the key's row; key_fn gets the row,
 * whose columns from PC_USER_NCOLS on are the key's: id, secret_enc, locked,
 * seconds since last use (-1 never), failures (lib/access/apikey.c).  1/0/-1.
 */
#define PC_USER_NCOLS 16
struct pc_row;
int pc_user_load_apikey(const char *access_key, pc_user *u,
                        int (*key_fn)(void *arg, const struct pc_row *row), void *key_arg);
void pc_session_destroy(const char *token);
/* End every session of user_id except keep_token (may be NULL). */
void pc_session_destroy_others(int64_t user_id, const char *keep_token);

/* Non-zero when the login name or the address has too many recent failures. */
int pc_login_throttled(const char *login, const char *ip);
void pc_login_record(const char *login, const char *ip, int ok);

/*
 * Issue a 6-digit code for (purpose, target) into code (7 bytes).  Returns 0,
 * 1 when one was issued less than a minute ago (nothing sent), -1 on error.
 */
int pc_code_issue(const char *purpose, const char *target, char code[7]);
/* Check and consume a code.  NULL when right; else a language key of the reason. */
const char *pc_code_check(const char *purpose, const char *target, const char *code);
/* Check a code without consuming it (a wrong one still counts as an attempt): for a form
 * whose other answers may still be refused after the code proved the address. */
const char *pc_code_valid(const char *purpose, const char *target, const char *code);

#endif
