/*
 * libFuzzer harness for the signature parsers of lib/base/aksk.c (outside input:
 * the Authorization and X-Sdk-Date headers, the raw path and query string).
 * The first input byte picks the parser.  Seeds: tests/fuzz/corpus_aksk/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/aksk.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_arena a = {0};
    pc_aksk_auth au;
    time_t t;
    if (size < 1 || size > 4096)
        return 0;
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    switch (data[0] % 5) {
    case 0:
        if (pc_aksk_parse_authorization(s, &au) == 0 &&
            (strlen(au.signature) != 64 || !*au.access || !*au.signed_headers))
            __builtin_trap();
        break;
    case 1:
        /* an accepted X-Sdk-Date is a real moment: it formats back to itself */
        if (pc_aksk_parse_date(s, &t) == 0) {
            struct tm tm;
            char back[32];
            FUZZ_CHECK(gmtime_r(&t, &tm) != NULL);
            strftime(back, sizeof back, "%Y%m%dT%H%M%SZ", &tm);
            FUZZ_CHECK(strcmp(back, s) == 0);
        }
        break;
    case 2:
        pc_aksk_check_signed_headers(s);
        break;
    case 3: {
        /* a canonical URI is re-encoded: only unreserved characters, '%XX' and '/', ending in '/'
         */
        const char *u = pc_aksk_canonical_uri(&a, s);
        size_t n = strlen(u);
        if (n == 0 || u[n - 1] != '/' ||
            strspn(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%/") != n)
            __builtin_trap();
        break;
    }
    default: {
        /* canonicalizing is idempotent: the canonical query of a canonical query is itself */
        const char *q = pc_aksk_canonical_query(&a, s);
        if (strcmp(q, pc_aksk_canonical_query(&a, q)) != 0)
            __builtin_trap();
        break;
    }
    }
    free(s);
    pc_arena_reset(&a);
    return 0;
}
