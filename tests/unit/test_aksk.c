/*
 * Unit tests of lib/base/aksk.c: the SDK-HMAC-SHA256 signature of the partner API
 * with the worked examples of partner-api.md §4.4 (made by the vendor's SDK)
 * and the rejections of Appendix B.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/aksk.h"
#include "access/apikey.h"
#include "base/conf.h"

#define SK   "EXAMPLE-sk/0123456789+abcdef"
#define DATE "20240506T080501Z"
#define UA   "huaweicloud-usdk-python/3.0; partner-center-acceptance"
#define SH   "content-type;host;user-agent;x-sdk-date"

static const char freeze_body[] = "{\"customer_ids\": [\"0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d\"], "
                                  "\"reason\": \"overdue\", \"freeze_type\": \"ACCOUNT\"}";

/* The request headers of the examples; "twice" repeats one of them. */
typedef struct hdrs {
    const char *content_type, *host, *user_agent, *date;
    const char *twice;
} hdrs;

static const char *lookup(void *arg, const char *name, int *count)
{
    const hdrs *h = arg;
    const char *v = strcmp(name, "content-type") == 0 ? h->content_type
                    : strcmp(name, "host") == 0       ? h->host
                    : strcmp(name, "user-agent") == 0 ? h->user_agent
                    : strcmp(name, "x-sdk-date") == 0 ? h->date
                                                      : NULL;
    *count = v ? 1 + (h->twice && strcmp(h->twice, name) == 0) : 0;
    return v;
}

static const hdrs example = {"application/json", "127.0.0.1:18080", UA, DATE, NULL};

/* Signature of a request as the server computes it (NULL when a header is missing). */
static const char *sign(pc_arena *a, const char *sk, const char *method, const char *path,
                        const char *query, const hdrs *h, const char *body, char out[PC_AKSK_HEX])
{
    const char *missing = NULL;
    char *cr = pc_aksk_canonical_request(a, method, path, query, SH, lookup, (void *)h, body,
                                         strlen(body), &missing);
    if (!cr)
        return NULL;
    pc_aksk_sign(sk, strlen(sk), pc_aksk_string_to_sign(a, h->date, cr), out);
    return out;
}

static void test_get_example(void **state)
{
    (void)state;
    pc_arena a = {0};
    const char *missing = NULL;
    const char *q =
        "customer_id=0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d&indirect_partner_id=r%201%2F%C3%BC";
    char *cr = pc_aksk_canonical_request(&a, "GET", "/v2/partners/sub-customers/budget", q, SH,
                                         lookup, (void *)&example, "", 0, &missing);
    assert_non_null(cr);
    assert_string_equal(cr,
                        "GET\n/v2/partners/sub-customers/budget/\n"
                        "customer_id=0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d&indirect_partner_id=r%201%"
                        "2F%C3%BC\n"
                        "content-type:application/json\nhost:127.0.0.1:18080\n"
                        "user-agent:" UA "\nx-sdk-date:" DATE "\n\n" SH "\n"
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(pc_aksk_string_to_sign(&a, DATE, cr),
                        "SDK-HMAC-SHA256\n" DATE
                        "\n4039c7b12ea5aa8659bbcccd8a85510b7f71b93a516b56254bfc00df1ffbcc12");
    char sig[PC_AKSK_HEX];
    pc_aksk_sign(SK, strlen(SK), pc_aksk_string_to_sign(&a, DATE, cr), sig);
    assert_string_equal(sig, "3cf7c8d572db8531233814c5081e36ad77a8a99db55abf4515fb2eb904bf59a1");
    pc_arena_reset(&a);
}

static void test_post_example(void **state)
{
    (void)state;
    pc_arena a = {0};
    const char *missing = NULL;
    char hash[PC_AKSK_HEX], sig[PC_AKSK_HEX];
    assert_int_equal(strlen(freeze_body), 101);
    pc_aksk_sha256_hex(freeze_body, strlen(freeze_body), hash);
    assert_string_equal(hash, "e7b92380e59a7f9d2aa151b09979bf07e2eb410448a0fc995d49dc06087deb92");
    char *cr =
        pc_aksk_canonical_request(&a, "POST", "/v2/partners/sub-customers/freeze", "", SH, lookup,
                                  (void *)&example, freeze_body, strlen(freeze_body), &missing);
    assert_string_equal(cr, "POST\n/v2/partners/sub-customers/freeze/\n\n"
                            "content-type:application/json\nhost:127.0.0.1:18080\n"
                            "user-agent:" UA "\nx-sdk-date:" DATE "\n\n" SH "\n"
                            "e7b92380e59a7f9d2aa151b09979bf07e2eb410448a0fc995d49dc06087deb92");
    const char *sts = pc_aksk_string_to_sign(&a, DATE, cr);
    assert_string_equal(sts + strlen(sts) - 64,
                        "74029d6c73a9b164aadb930d6918446c908b69b1d2d814054ef01b420eff14f0");
    pc_aksk_sign(SK, strlen(SK), sts, sig);
    assert_string_equal(sig, "2e11dd489bd546eebd914849cad2c154e523e0caba91f6bdf5f1a214a76eb8c0");
    pc_arena_reset(&a);
}

static const char post_sig[] = "2e11dd489bd546eebd914849cad2c154e523e0caba91f6bdf5f1a214a76eb8c0";

static void test_wrong_secret(void **state)
{
    (void)state;
    pc_arena a = {0};
    char sig[PC_AKSK_HEX];
    sign(&a, "EXAMPLE-sk/0123456789+abcdeF", "POST", "/v2/partners/sub-customers/freeze", "",
         &example, freeze_body, sig);
    assert_false(pc_aksk_equal(sig, post_sig));
    sign(&a, SK, "POST", "/v2/partners/sub-customers/freeze", "", &example, freeze_body, sig);
    assert_true(pc_aksk_equal(sig, post_sig));
    pc_arena_reset(&a);
}

static void test_tampered_body(void **state)
{
    (void)state;
    pc_arena a = {0};
    char sig[PC_AKSK_HEX], body[sizeof freeze_body];
    memcpy(body, freeze_body, sizeof body);
    memcpy(strstr(body, "overdue"), "Overdue", 7);
    sign(&a, SK, "POST", "/v2/partners/sub-customers/freeze", "", &example, body, sig);
    assert_false(pc_aksk_equal(sig, post_sig));
    pc_arena_reset(&a);
}

static void test_query_added(void **state)
{
    (void)state;
    pc_arena a = {0};
    char sig[PC_AKSK_HEX];
    sign(&a, SK, "POST", "/v2/partners/sub-customers/freeze", "indirect_partner_id=7", &example,
         freeze_body, sig);
    assert_false(pc_aksk_equal(sig, post_sig));
    /* the path matters too (another operation) */
    sign(&a, SK, "POST", "/v2/partners/sub-customers/unfreeze", "", &example, freeze_body, sig);
    assert_false(pc_aksk_equal(sig, post_sig));
    pc_arena_reset(&a);
}

static void test_missing_or_repeated_header(void **state)
{
    (void)state;
    pc_arena a = {0};
    char sig[PC_AKSK_HEX];
    hdrs h = example;
    h.user_agent = NULL;
    assert_null(sign(&a, SK, "POST", "/v2/x", "", &h, "", sig));
    h = example;
    h.twice = "x-sdk-date";
    assert_null(sign(&a, SK, "POST", "/v2/x", "", &h, "", sig));
    /* the signed list must include host and x-sdk-date, sorted, lower-case, each once */
    assert_int_equal(pc_aksk_check_signed_headers(SH), 0);
    assert_int_equal(pc_aksk_check_signed_headers("host;x-sdk-date"), 0);
    assert_int_equal(pc_aksk_check_signed_headers("content-type;user-agent;x-sdk-date"), -1);
    assert_int_equal(pc_aksk_check_signed_headers("content-type;host;user-agent"), -1);
    assert_int_equal(pc_aksk_check_signed_headers("host;content-type;x-sdk-date"), -1);
    assert_int_equal(pc_aksk_check_signed_headers("host;host;x-sdk-date"), -1);
    assert_int_equal(pc_aksk_check_signed_headers("Host;x-sdk-date"), -1);
    assert_int_equal(pc_aksk_check_signed_headers("host;;x-sdk-date"), -1);
    pc_arena_reset(&a);
}

static void test_dates(void **state)
{
    (void)state;
    time_t t;
    assert_int_equal(pc_aksk_parse_date(DATE, &t), 0);
    assert_int_equal((long)t, 1714982701L);
    /* the server's window is 900 s: 16 minutes either way is out */
    time_t now = 1714982701L;
    assert_true(labs((long)(t - (now + 16 * 60))) > PC_AKSK_MAX_SKEW);
    assert_true(labs((long)(t - (now - 16 * 60))) > PC_AKSK_MAX_SKEW);
    assert_true(labs((long)(t - (now + 14 * 60))) <= PC_AKSK_MAX_SKEW);
    assert_int_equal(pc_aksk_parse_date("20240506T080501", &t), -1);
    assert_int_equal(pc_aksk_parse_date("2024-05-06T08:05:01Z", &t), -1);
    assert_int_equal(pc_aksk_parse_date("20240230T080501Z", &t), -1);
    assert_int_equal(pc_aksk_parse_date("20240506T250501Z", &t), -1);
    assert_int_equal(pc_aksk_parse_date("20240229T000000Z", &t), 0);
    assert_int_equal(pc_aksk_parse_date("20230229T000000Z", &t), -1);
}

static void test_authorization_header(void **state)
{
    (void)state;
    pc_aksk_auth au;
    assert_int_equal(
        pc_aksk_parse_authorization("SDK-HMAC-SHA256 Access=EXAMPLEAK0123456789, "
                                    "SignedHeaders=" SH ", Signature=3cf7c8d572db853"
                                    "1233814c5081e36ad77a8a99db55abf4515fb2eb904bf59a1",
                                    &au),
        0);
    assert_string_equal(au.access, "EXAMPLEAK0123456789");
    assert_string_equal(au.signed_headers, SH);
    assert_string_equal(au.signature,
                        "3cf7c8d572db8531233814c5081e36ad77a8a99db55abf4515fb2eb904bf59a1");
    /* other algorithms, missing spaces, upper-case hex, short signatures: refused */
    assert_int_equal(pc_aksk_parse_authorization("SDK-HMAC-SM3 Access=A, SignedHeaders=host;x-sdk-"
                                                 "date, Signature=3cf7c8d572db8531233814c5081e36ad7"
                                                 "7a8a99db55abf4515fb2eb904bf59a1",
                                                 &au),
                     -1);
    assert_int_equal(pc_aksk_parse_authorization("SDK-HMAC-SHA256 Access=A,SignedHeaders=host;x-sd"
                                                 "k-date, Signature=3cf7c8d572db8531233814c5081e36a"
                                                 "d77a8a99db55abf4515fb2eb904bf59a1",
                                                 &au),
                     -1);
    assert_int_equal(pc_aksk_parse_authorization("SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-s"
                                                 "dk-date, Signature=3CF7C8D572DB8531233814C5081E36"
                                                 "AD77A8A99DB55ABF4515FB2EB904BF59A1",
                                                 &au),
                     -1);
    assert_int_equal(pc_aksk_parse_authorization("SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-s"
                                                 "dk-date, Signature=3cf7",
                                                 &au),
                     -1);
    assert_int_equal(pc_aksk_parse_authorization(NULL, &au), -1);
}

static void test_canonical_parts(void **state)
{
    (void)state;
    pc_arena a = {0};
    /* a %2F inside a path parameter becomes a separator; a space is %20 */
    assert_string_equal(pc_aksk_canonical_uri(&a, "/v2/orders/customer-orders/details/A%2FB"),
                        "/v2/orders/customer-orders/details/A/B/");
    assert_string_equal(pc_aksk_canonical_uri(&a, "/v2/x/a%20b%C3%BC"), "/v2/x/a%20b%C3%BC/");
    assert_string_equal(pc_aksk_canonical_uri(&a, "/v2/x/"), "/v2/x/");
    /* the Node.js SDK's form: the path as sent, each segment encoded again */
    assert_string_equal(pc_aksk_canonical_uri_twice(&a, "/v2/x/a%20b%C3%BC"),
                        "/v2/x/a%2520b%C3%BC/");
    assert_string_equal(pc_aksk_with_uri(&a, "GET\n/v2/x/a%20b/\nq=1\nhost:h\n", "/v2/x/a%2520b/"),
                        "GET\n/v2/x/a%2520b/\nq=1\nhost:h\n");
    assert_null(pc_aksk_with_uri(&a, "GET", "/x/"));
    /* any order, empty items dropped, '+' kept as a plus, empty value "name=" */
    assert_string_equal(pc_aksk_canonical_query(&a, "b=2&&a=x%20y&a=1&c"), "a=1&a=x%20y&b=2&c=");
    assert_string_equal(pc_aksk_canonical_query(&a, "q=a+b"), "q=a%2Bb");
    assert_string_equal(pc_aksk_canonical_query(&a, ""), "");
    pc_arena_reset(&a);
}

/* A config whose Api.secret_key_file holds `hex`; returns 0 when loaded. */
static char keyf[] = "/tmp/pc_apikey_XXXXXX";

static int conf_with_key(const char *hex)
{
    char conff[] = "/tmp/pc_apiconf_XXXXXX", err[256];
    int kfd = mkstemp(keyf), cfd = mkstemp(conff);
    if (kfd < 0 || cfd < 0)
        return -1;
    dprintf(kfd, "%s\n", hex);
    dprintf(cfd, "Api.secret_key_file = %s\n", keyf);
    close(kfd);
    close(cfd);
    int rc = pc_conf_load(conff, err, sizeof err);
    unlink(conff);
    return rc;
}

static void test_seal_open(void **state)
{
    (void)state;
    char sealed[400], sk[PC_APIKEY_MAX_SK + 1];
    assert_int_equal(
        conf_with_key("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"), 0);
    assert_true(pc_apikey_ready()); /* read once per process: the file may go */
    unlink(keyf);
    assert_int_equal(pc_apikey_seal("PCAK", "pc-demo-sk-csp-admin-2026", sealed, sizeof sealed), 0);
    /* no trace of the secret in the stored text, and another nonce each time */
    assert_null(strstr(sealed, "pc-demo"));
    assert_null(strstr(sealed, "70632d64656d6f")); /* "pc-demo" in hex */
    char again[400];
    assert_int_equal(pc_apikey_seal("PCAK", "pc-demo-sk-csp-admin-2026", again, sizeof again), 0);
    assert_string_not_equal(sealed, again);
    assert_int_equal(pc_apikey_open("PCAK", sealed, sk), 25);
    assert_string_equal(sk, "pc-demo-sk-csp-admin-2026");
    /* bound to its AK, and any change of the text is refused (GCM tag) */
    assert_int_equal(pc_apikey_open("PCAK2", sealed, sk), -1);
    sealed[30] = sealed[30] == '0' ? '1' : '0';
    assert_int_equal(pc_apikey_open("PCAK", sealed, sk), -1);
    char ak[PC_APIKEY_AK_LEN + 1], sk2[PC_APIKEY_SK_LEN + 1];
    pc_apikey_generate(ak, sk2);
    assert_int_equal(strlen(ak), 20);
    assert_int_equal(strncmp(ak, "PC", 2), 0);
    assert_int_equal(strlen(sk2), 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_example),     cmocka_unit_test(test_post_example),
        cmocka_unit_test(test_wrong_secret),    cmocka_unit_test(test_tampered_body),
        cmocka_unit_test(test_query_added),     cmocka_unit_test(test_missing_or_repeated_header),
        cmocka_unit_test(test_dates),           cmocka_unit_test(test_authorization_header),
        cmocka_unit_test(test_canonical_parts), cmocka_unit_test(test_seal_open),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
