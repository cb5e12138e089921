/*
 * libFuzzer harness for the Cookie header parser of lib/base/req.c (outside
 * input: every request's Cookie header, read before the session).  The input
 * is the header's text.  Promises checked: every cookie has a name of 1 to
 * PC_REQ_MAX_NAME bytes without '=' or ';', a value without ';'; and the
 * cookies written out again ("name=\"value\"; …") parse back to themselves.
 * Seeds: tests/fuzz/corpus_cookie/.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/req.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_arena a = {0};
    pc_params p = {0}, q = {0};
    char *h = pc_arena_strndup(&a, (const char *)data, size); /* a header is a C string */
    if (pc_req_parse_cookies(&a, h, &p) == 0)
        FUZZ_CHECK(p.n <= PC_REQ_MAX_PARAMS);
    size_t len = 1;
    for (size_t i = 0; i < p.n; i++) {
        const pc_param *c = &p.v[i];
        size_t nl = strlen(c->name);
        FUZZ_CHECK(nl >= 1 && nl <= PC_REQ_MAX_NAME && !strpbrk(c->name, "=;"));
        FUZZ_CHECK(c->name[0] != ' ');
        FUZZ_CHECK(c->value[c->len] == '\0' && strlen(c->value) == c->len);
        FUZZ_CHECK(!strchr(c->value, ';'));
        len += nl + c->len + 5;
    }
    /* quoted, so that a value that is itself quoted keeps its quotes */
    char *out = pc_arena_alloc(&a, len), *o = out;
    for (size_t i = 0; i < p.n; i++)
        o += sprintf(o, "%s%s=\"%s\"", i ? "; " : "", p.v[i].name, p.v[i].value);
    FUZZ_CHECK(pc_req_parse_cookies(&a, out, &q) == 0 && q.n == p.n);
    for (size_t i = 0; i < p.n; i++)
        FUZZ_CHECK(strcmp(p.v[i].name, q.v[i].name) == 0 &&
                   strcmp(p.v[i].value, q.v[i].value) == 0);
    pc_arena_reset(&a);
    return 0;
}
