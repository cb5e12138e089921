/*
 * AK/SK verification of a request (partner-api.md §4.3), over the FastCGI
 * parameters as nginx passes them: the raw REQUEST_URI path, QUERY_STRING,
 * CONTENT_TYPE, HTTP_HOST and HTTP_* headers, the raw body.  Every failure is
 * 401 with the gateway's code and is written to the audit trail.
 */
#include <ctype.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/aksk.h"
#include "api_core.h"
#include "access/audit.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/ratelimit.h"

#define SIG_FAIL "Incorrect IAM authentication information: verify aksk signature fail"

enum stmt { ST_SEEN_ADD, ST_SEEN_IDEM, ST_SEEN_DROP, ST__MAX };
static const char *const sql[ST__MAX] = {
    /* 30 minutes: X-Sdk-Date may be up to 15 minutes either side of the server's clock */
    [ST_SEEN_ADD] = "INSERT IGNORE INTO api_signatures (key_id, signature, idem_key, expires_at) "
                    "VALUES (?, ?, ?, ? + INTERVAL 30 MINUTE)",
    [ST_SEEN_IDEM] = "SELECT idem_key FROM api_signatures WHERE key_id = ? AND signature = ?",
    [ST_SEEN_DROP] = "DELETE FROM api_signatures WHERE key_id = ? AND signature = ?",
};
PC_SQL_TABLE(auth_sql, sql);

/* The FastCGI name of a lower-case header name. */
static void cgi_name(const char *name, char *out, size_t outlen)
{
    if (strcmp(name, "content-type") == 0) {
        snprintf(out, outlen, "CONTENT_TYPE");
        return;
    }
    /* the Host header as sent, port included: our nginx passes it as PC_HTTP_HOST, since
     * Debian's fastcgi_params sets HTTP_HOST to $host (no port) */
    if (strcmp(name, "host") == 0) {
        snprintf(out, outlen, "PC_HTTP_HOST");
        return;
    }
    size_t k = (size_t)snprintf(out, outlen, "HTTP_");
    for (; *name && k + 1 < outlen; name++)
        out[k++] = *name == '-' ? '_' : (char)toupper((unsigned char)*name);
    out[k] = '\0';
}

/* pc_aksk_header_fn over the FastCGI environment: value and occurrences. */
static const char *fcgi_header(void *arg, const char *name, int *count)
{
    pc_api *a = arg;
    char cgi[160];
    cgi_name(name, cgi, sizeof cgi);
    size_t n = strlen(cgi);
    const char *first = NULL;
    *count = 0;
    for (char **e = a->fcgi->envp; *e; e++)
        if (strncmp(*e, cgi, n) == 0 && (*e)[n] == '=') {
            if (!first)
                first = *e + n + 1;
            ++*count;
        }
    if (!first && strcmp(name, "host") == 0) /* an nginx without PC_HTTP_HOST */
        return (first = FCGX_GetParam("HTTP_HOST", a->fcgi->envp)) ? (*count = 1, first) : NULL;
    /* nginx always passes CONTENT_TYPE, empty when the request has none */
    if (first && !*first && strcmp(cgi, "CONTENT_TYPE") == 0)
        *count = 0, first = NULL;
    return first;
}

static int deny(pc_api *a, const pc_apikey *k, const char *ak, const char *code, const char *reason,
                const char *fmt, const char *arg)
{
    pc_audit_event e = {
        .actor_user_id = k ? k->user_id : 0,
        .actor_name = ak ? ak : "",
        .action = "api.auth",
        .object_type = "api_key",
        .object_id = k ? k->id : 0,
        .ip = a->remote_addr,
        .result = "denied",
        .detail = pc_arena_printf(&a->arena, "%s %.300s: %.300s", a->method, a->path, reason)};
    pc_audit(&e);
    return pc_api_error(a, 401, code, fmt, arg);
}

/* The X-Sdk-Date check of §4.3 step 3: 0, or the 401 answered. */
static int check_date(pc_api *a, const pc_apikey *k, const char *ak, const char **date)
{
    int count = 0;
    time_t t;
    *date = fcgi_header(a, "x-sdk-date", &count);
    if (!*date || count != 1 || pc_aksk_parse_date(*date, &t))
        return deny(a, k, ak, "APIGW.0301", "X-Sdk-Date missing or malformed",
                    "%s (X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ).", SIG_FAIL);
    time_t tn = pc_clock_now();
    long skew = (long)(t - tn);
    if (skew > PC_AKSK_MAX_SKEW || skew < -PC_AKSK_MAX_SKEW) {
        char now[20];
        strftime(now, sizeof now, "%Y%m%dT%H%M%SZ", gmtime(&tn));
        const char *msg = pc_arena_printf(&a->arena,
                                          "Incorrect IAM authentication information: the request "
                                          "time X-Sdk-Date %s is off by more than 15 minutes from "
                                          "the server's time %s; check the client's clock",
                                          *date, now);
        return deny(a, k, ak, "APIGW.0303", "X-Sdk-Date off by more than 900 s", "%s.", msg);
    }
    return 0;
}

static int idem_row(void *arg, const pc_row *r)
{
    snprintf(arg, 65, "%s", pc_row_str(r, 0));
    return 1;
}

/*
 * Replay protection (DESIGN): a state-changing request whose signature was already received
 * is a captured request sent again, refused with 401 -- unless it repeats the first one's
 * Idempotency-Key, when the idempotency store answers it as it answered the first (a client's
 * retry in the same second).  The signature is held from before the operation runs (a replay
 * sent at the same time is refused too) and released when the answer is not 2xx: a request
 * that took no effect may be sent again.  Queries (many are POSTs in this API) may repeat.
 */
int api_replay_check(pc_api *a)
{
    const char *idem = api_param(a, "HTTP_IDEMPOTENCY_KEY");
    char now[20], first_idem[65] = "";
    pc_clock_now_text(now);
    int added = pc_db_exec(
        &auth_sql, ST_SEEN_ADD,
        PC_BINDS(PC_I64(a->key_id), PC_STR(a->signature), PC_STR(idem), PC_STR(now)), NULL);
    if (added < 0 || (added == 0 && pc_db_query(&auth_sql, ST_SEEN_IDEM,
                                                PC_BINDS(PC_I64(a->key_id), PC_STR(a->signature)),
                                                idem_row, first_idem) < 0))
        return pc_api_error(a, 500, "CBC.0999", "Internal error (%s).", "the replay store");
    a->signature_held = added == 1;
    if (added == 1 || (*idem && strcmp(idem, first_idem) == 0))
        return 0;
    pc_audit_event e = {
        .actor_user_id = a->user.id,
        .action = "api.auth",
        .object_type = "api_key",
        .object_id = a->key_id,
        .ip = a->remote_addr,
        .result = "denied",
        .detail = pc_arena_printf(&a->arena, "%s %.300s: replayed signature", a->method, a->path)};
    pc_audit(&e);
    return pc_api_error(a, 401, "APIGW.0301", "%s",
                        "Incorrect IAM authentication information: request replayed (this "
                        "signed request was already received; sign each request anew).");
}

void api_replay_release(pc_api *a)
{
    if (a->signature_held)
        pc_db_exec(&auth_sql, ST_SEEN_DROP, PC_BINDS(PC_I64(a->key_id), PC_STR(a->signature)),
                   NULL);
}

int api_authenticate(pc_api *a, pc_apikey *k)
{
    pc_aksk_auth au;
    int count = 0;
    const char *hdr = fcgi_header(a, "authorization", &count);
    if (!hdr || count != 1 || pc_aksk_parse_authorization(hdr, &au))
        return deny(a, NULL, NULL, "APIGW.0301", "Authorization missing or malformed",
                    "%s (the Authorization header is missing or malformed).", SIG_FAIL);
    /* the key and its user in one statement; a->user is used only once the signature holds */
    int found = pc_apikey_lookup_user(au.access, k, &a->user);
    if (found < 0)
        return pc_api_error(a, 500, "CBC.0999", "Internal error (%s).", "the key store");
    if (found == 0)
        return deny(a, NULL, au.access, "APIGW.0301", "unknown AK",
                    "Incorrect IAM authentication information: Get secretKey failed,ak:%s,err:ak "
                    "not exist",
                    pc_arena_printf(&a->arena, "%.64s", au.access));
    if (k->locked)
        return deny(a, k, au.access, "APIGW.0301", "AK locked after failed signatures", "%s",
                    "Incorrect IAM authentication information: AK access failed to reach the "
                    "limit,forbidden");
    const char *date, *missing = NULL;
    int rc = check_date(a, k, au.access, &date);
    if (rc)
        return rc;
    if (pc_aksk_check_signed_headers(au.signed_headers))
        return deny(a, k, au.access, "APIGW.0301",
                    "SignedHeaders not sorted or without host/x-sdk-date",
                    "%s (SignedHeaders must be lower-case, sorted, and include host and "
                    "x-sdk-date).",
                    SIG_FAIL);
    char *cr = pc_aksk_canonical_request(&a->arena, a->method, a->path,
                                         api_param(a, "QUERY_STRING"), au.signed_headers,
                                         fcgi_header, a, a->body, a->body_len, &missing);
    if (!cr)
        return deny(a, k, au.access, "APIGW.0301",
                    pc_arena_printf(&a->arena, "signed header %s missing or repeated", missing),
                    "%s (a signed header is missing or repeated).", SIG_FAIL);
    char sig[PC_AKSK_HEX];
    pc_aksk_sign(k->sk, k->sk_len, pc_aksk_string_to_sign(&a->arena, date, cr), sig);
    int equal = pc_aksk_equal(sig, au.signature);
    /* the Node.js SDK's form of an encoded path (aksk.h) */
    if (!equal && strchr(a->path, '%')) {
        cr = pc_aksk_with_uri(&a->arena, cr, pc_aksk_canonical_uri_twice(&a->arena, a->path));
        pc_aksk_sign(k->sk, k->sk_len, pc_aksk_string_to_sign(&a->arena, date, cr), sig);
        equal = pc_aksk_equal(sig, au.signature);
    }
    OPENSSL_cleanse(k->sk, sizeof k->sk);
    if (!equal) {
        pc_apikey_failed(k);
        return deny(a, k, au.access, "APIGW.0301", "signature mismatch", "%s", SIG_FAIL);
    }
    pc_apikey_used(k);
    snprintf(a->signature, sizeof a->signature, "%s", au.signature);
    /* counted once the key is proven: a stranger's requests cannot use up a partner's limit */
    int64_t limit = pc_conf_int("Api.requests_per_second");
    if (!pc_rate_allow(au.access, limit, time(NULL)))
        return pc_api_error(a, 429, "CBC.0250",
                            "Flow control: this access key may make %lld requests a second.",
                            (long long)limit);
    return 0;
}
