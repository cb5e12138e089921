/*
 * aksk — the SDK-HMAC-SHA256 request signature of the vendor's SDKs
 * (../shared/spec/partner-api.md §4): canonical request, string to sign,
 * HMAC, and the parsing of the Authorization and X-Sdk-Date headers.  Pure
 * functions over the request as received; the key lookup and the answers
 * are the API program's (cgi-bin/api_auth.c).
 */
#ifndef PC_AKSK_H
#define PC_AKSK_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/arena.h"

#define PC_AKSK_MAX_SKEW 900 /* seconds either way (§4.3 step 3) */
#define PC_AKSK_HEX      65  /* 64 hex digits + NUL */

/* The three items of "SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…". */
typedef struct pc_aksk_auth {
    char access[128];
    char signed_headers[512];
    char signature[PC_AKSK_HEX];
} pc_aksk_auth;

/* Parse the Authorization header exactly per §4.3 step 1.  0, or -1 when malformed. */
int pc_aksk_parse_authorization(const char *header, pc_aksk_auth *out);

/* Parse X-Sdk-Date "YYYYMMDDTHHMMSSZ" (a real UTC time) into *t.  0 or -1. */
int pc_aksk_parse_date(const char *s, time_t *t);

/*
 * 0 when the signed-header list is lower-case, strictly sorted (so each name
 * once), made of token characters, and includes host and x-sdk-date.
 */
int pc_aksk_check_signed_headers(const char *list);

/* §4.2 step 5.2 from the raw request path (before '?'): decoded, re-encoded per segment, '/'
 * appended. */
char *pc_aksk_canonical_uri(pc_arena *a, const char *raw_path);

/*
 * The vendor's Node.js SDK core (3.1.211) signs the path as its URL parser left it (ASCII
 * escaped, non-ASCII letters not) and encodes each segment again ("%20" becomes "%2520",
 * "ü" "%C3%BC"), where the Python SDK decodes first (§4.2 step 5.2).  Its form of raw_path, for a
 * second comparison when the path holds a '%'.
 */
char *pc_aksk_canonical_uri_twice(pc_arena *a, const char *raw_path);
/* canonical_request with its URI line replaced by uri; NULL when it has no such line. */
char *pc_aksk_with_uri(pc_arena *a, const char *canonical_request, const char *uri);
/* §4.3 step 5 from the raw QUERY_STRING: items split, decoded (%XX only), sorted, re-encoded. */
char *pc_aksk_canonical_query(pc_arena *a, const char *raw_query);

/*
 * Look up a signed header of the request by its lower-case name: its value
 * (NULL when absent) and how often it occurs (*count).
 */
typedef const char *(*pc_aksk_header_fn)(void *arg, const char *name, int *count);

/*
 * The canonical request of §4.2 step 5.  Returns NULL when a signed header
 * is absent or occurs more than once (the name goes to *missing).
 */
char *pc_aksk_canonical_request(pc_arena *a, const char *method, const char *raw_path,
                                const char *raw_query, const char *signed_headers,
                                pc_aksk_header_fn header, void *arg, const void *body,
                                size_t body_len, const char **missing);

/* Lower-case hex SHA-256 of data. */
void pc_aksk_sha256_hex(const void *data, size_t len, char out[PC_AKSK_HEX]);

/* String to sign (§4.2 step 6) of a canonical request, in arena memory. */
char *pc_aksk_string_to_sign(pc_arena *a, const char *sdk_date, const char *canonical_request);

/* Lower-case hex HMAC-SHA256 of the string to sign with the SK (§4.2 step 7). */
void pc_aksk_sign(const char *sk, size_t sk_len, const char *string_to_sign, char out[PC_AKSK_HEX]);

/* Constant-time comparison of two 64-hex signatures (CRYPTO_memcmp).  1 when equal. */
int pc_aksk_equal(const char *a, const char *b);

#endif
