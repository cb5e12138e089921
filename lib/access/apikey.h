/*
 * apikey — the access keys (AK/SK) of the partner API.  A key belongs to a
 * user and acts as that user.  The SK is stored encrypted with AES-256-GCM
 * under the key in the file named by Api.secret_key_file (64 hex digits),
 * the AK as additional data, so that a dump of the database alone reveals no
 * usable secret and a sealed SK cannot be moved to another AK.
 */
#ifndef PC_APIKEY_H
#define PC_APIKEY_H
#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#define PC_APIKEY_AK_LEN       20 /* like the vendor's AKs */
#define PC_APIKEY_SK_LEN       40
#define PC_APIKEY_MAX_PER_USER 2
#define PC_APIKEY_MAX_SK       128
#define PC_APIKEY_LOCK_AFTER   5 /* consecutive failed signatures … */
#define PC_APIKEY_LOCK_MINUTES 5 /* … lock the AK this long (§3) */

typedef struct pc_apikey {
    int64_t id, user_id;
    char sk[PC_APIKEY_MAX_SK + 1];
    size_t sk_len;
    int locked;           /* within the lock period after failed signatures */
    int64_t idle_seconds; /* since last use; -1 never used */
    int failures;
} pc_apikey;

/* Non-zero when the encryption key is configured and readable. */
int pc_apikey_ready(void);
/* Non-zero when Api.previous_secret_key_file (the key before a rotation) is set and readable. */
int pc_apikey_previous_ready(void);

/*
 * Look up an AK and decrypt its SK.  1 found, 0 unknown AK, -1 on a database
 * or decryption error (no key file, wrong key).
 */
int pc_apikey_lookup(const char *ak, pc_apikey *k);

/*
 * The same, with the key's user (status normal) loaded into *u as
 * pc_user_load does, in one statement: an AK of a locked or deleted user is
 * unknown (0).  The user may act only after the signature is verified.
 */
#include "access/authz.h"
int pc_apikey_lookup_user(const char *ak, pc_apikey *k, pc_user *u);

/* After a verified request: reset the failure count, note the use (at most a write a minute). */
void pc_apikey_used(const pc_apikey *k);
/* After a failed signature: count it; the 5th in a row locks the AK for 5 minutes. */
void pc_apikey_failed(const pc_apikey *k);

/*
 * Store a key pair for user_id (inside the caller's transaction when there
 * is one).  Returns the new id, or -1.
 */
int64_t pc_apikey_insert(int64_t user_id, const char *ak, const char *sk, const char *description);

/* A new random AK (20 upper-case letters and digits, "PC" first) and SK (40 characters). */
void pc_apikey_generate(char ak[PC_APIKEY_AK_LEN + 1], char sk[PC_APIKEY_SK_LEN + 1]);

/* Number of keys of user_id, or -1. */
int64_t pc_apikey_count(int64_t user_id);

/* Delete key_id when it belongs to user_id.  1 deleted, 0 not found, -1 error. */
int pc_apikey_delete(int64_t user_id, int64_t key_id);

/* The user's keys as prefix.N.{id,access_key,description,created_at,last_used_at,username,name}
 * (times UTC); the _partner variants: the keys of all members of a partner. */
int pc_apikey_hdf(int64_t user_id, HDF *hdf, const char *prefix);
int pc_apikey_hdf_partner(int64_t partner_id, HDF *hdf, const char *prefix);
/* Delete key_id when it belongs to a member of partner_id.  1 deleted, 0 not found, -1 error. */
int pc_apikey_delete_partner(int64_t partner_id, int64_t key_id);

/*
 * Seal and open an SK (exposed for the tests).  seal writes hex (nonce,
 * ciphertext, tag) into out (≥ 2 * (12 + sk_len + 16) + 1 bytes); 0 or -1.
 * open writes the SK into sk (≥ PC_APIKEY_MAX_SK + 1); its length or -1.
 */
int pc_apikey_seal(const char *ak, const char *sk, char *out, size_t outlen);
int pc_apikey_open(const char *ak, const char *sealed, char *sk);

#endif
