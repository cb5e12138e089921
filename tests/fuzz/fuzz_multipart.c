/*
 * libFuzzer harness for the multipart/form-data parser of lib/base/req.c
 * (outside input: the uploads of bank statements, claim attachments and
 * other files, and the Content-Type header that names the boundary).  The
 * input's first line is the Content-Type header, the rest the body.
 * Promises checked: every part has a name of 1 to PC_REQ_MAX_NAME bytes, a
 * value NUL-terminated at its length that holds no delimiter; and the parts
 * written out again as a browser would (name, filename, Content-Type) parse
 * back to the same parts.  Seeds: tests/fuzz/corpus_multipart/.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/req.h"
#include "fuzz.h"

static int has(const char *h, size_t hl, const char *n, size_t nl)
{
    for (size_t i = 0; nl && i + nl <= hl; i++)
        if (memcmp(h + i, n, nl) == 0)
            return 1;
    return 0;
}

static char *boundary_of(pc_arena *a, const char *ct)
{
    const char *b = strstr(ct, "boundary=") + 9;
    size_t bl = strcspn(b, "; ");
    if (bl >= 2 && b[0] == '"' && b[bl - 1] == '"')
        b++, bl -= 2;
    return pc_arena_strndup(a, b, bl);
}

/* The parts of p as a body with boundary b. */
static char *write_parts(pc_arena *a, const pc_params *p, const char *b, size_t *len)
{
    size_t n = strlen(b) + 8;
    for (size_t i = 0; i < p->n; i++) {
        const pc_param *v = &p->v[i];
        n += strlen(b) + strlen(v->name) + v->len + 80 +
             (v->filename ? strlen(v->filename) + 16 : 0) +
             (v->content_type ? strlen(v->content_type) + 20 : 0);
    }
    char *out = pc_arena_alloc(a, n), *o = out;
    for (size_t i = 0; i < p->n; i++) {
        const pc_param *v = &p->v[i];
        o += sprintf(o, "--%s\r\nContent-Disposition: form-data; name=\"%s\"", b, v->name);
        if (v->filename)
            o += sprintf(o, "; filename=\"%s\"", v->filename);
        o += sprintf(o, "\r\n");
        if (v->content_type)
            o += sprintf(o, "Content-Type: %s\r\n", v->content_type);
        o += sprintf(o, "\r\n");
        memcpy(o, v->value, v->len);
        o += v->len;
        o += sprintf(o, "\r\n");
    }
    o += sprintf(o, "--%s--\r\n", b);
    *len = (size_t)(o - out);
    return out;
}

static int same(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_arena a = {0};
    pc_params p = {0}, q = {0};
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    char *ct = pc_arena_strndup(&a, (const char *)data, (size_t)(nl - data));
    size_t len = size - (size_t)(nl + 1 - data);
    char *body = pc_arena_alloc(&a, len + 1); /* exactly the body: ASan sees a read past it */
    memcpy(body, nl + 1, len);
    if (pc_req_parse_multipart(&a, ct, body, len, &p) == 0 && p.n > 0) {
        char *b = boundary_of(&a, ct);
        char *delim = pc_arena_printf(&a, "\r\n--%s", b);
        FUZZ_CHECK(p.n <= PC_REQ_MAX_PARAMS);
        for (size_t i = 0; i < p.n; i++) {
            const pc_param *v = &p.v[i];
            size_t n = strlen(v->name);
            FUZZ_CHECK(n >= 1 && n <= PC_REQ_MAX_NAME);
            FUZZ_CHECK(v->value[v->len] == '\0');
            FUZZ_CHECK(!has(v->value, v->len, delim, strlen(delim)));
        }
        size_t wl;
        char *w = write_parts(&a, &p, b, &wl);
        FUZZ_CHECK(pc_req_parse_multipart(&a, ct, w, wl, &q) == 0);
        FUZZ_CHECK(q.n == p.n);
        for (size_t i = 0; i < p.n; i++) {
            const pc_param *x = &p.v[i], *y = &q.v[i];
            FUZZ_CHECK(strcmp(x->name, y->name) == 0 && same(x->filename, y->filename) &&
                       same(x->content_type, y->content_type));
            FUZZ_CHECK(x->len == y->len && memcmp(x->value, y->value, x->len) == 0);
        }
    }
    pc_arena_reset(&a);
    return 0;
}
