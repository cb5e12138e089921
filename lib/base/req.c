#include "base/req.h"

#include <string.h>
#include <strings.h>

static int params_add(pc_arena *a, pc_params *p, const char *name, const char *value, size_t len)
{
    if (p->n == PC_REQ_MAX_PARAMS)
        return -1;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        pc_param *v = pc_arena_alloc(a, cap * sizeof *v);
        if (p->n)
            memcpy(v, p->v, p->n * sizeof *v);
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = (pc_param){.name = name, .value = value, .len = len};
    return 0;
}

int pc_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode s[0..n) into arena memory; -1 on a bad %-escape or an embedded NUL. */
static int url_decode(pc_arena *a, const char *s, size_t n, char **out, size_t *outlen)
{
    char *d = pc_arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            d[o++] = ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= n)
                return -1;
            int hi = pc_hex_value(s[i + 1]), lo = pc_hex_value(s[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            d[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '\0') { /* a raw NUL (a body has a length): refused like %00 */
            return -1;
        } else {
            d[o++] = s[i];
        }
    }
    d[o] = '\0';
    *out = d;
    *outlen = o;
    return 0;
}

int pc_req_parse_urlencoded(pc_arena *a, const char *s, size_t len, pc_params *out)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&' && s[end] != ';')
            end++;
        if (end > i) {
            const char *eq = memchr(s + i, '=', end - i);
            size_t nlen = eq ? (size_t)(eq - (s + i)) : end - i;
            char *name, *value;
            size_t dn, dv;
            if (nlen == 0 || nlen > PC_REQ_MAX_NAME * 3)
                return -1;
            if (url_decode(a, s + i, nlen, &name, &dn) || dn > PC_REQ_MAX_NAME)
                return -1;
            if (eq) {
                if (url_decode(a, eq + 1, (size_t)(s + end - eq - 1), &value, &dv))
                    return -1;
            } else {
                value = pc_arena_strdup(a, "");
                dv = 0;
            }
            if (params_add(a, out, name, value, dv))
                return -1;
        }
        i = end + 1;
    }
    return 0;
}

int pc_req_parse_cookies(pc_arena *a, const char *h, pc_params *out)
{
    if (!h)
        return 0;
    while (*h) {
        while (*h == ' ' || *h == ';')
            h++;
        const char *end = strchr(h, ';');
        if (!end)
            end = h + strlen(h);
        const char *eq = memchr(h, '=', (size_t)(end - h));
        if (eq && eq > h && eq - h <= PC_REQ_MAX_NAME) {
            const char *v = eq + 1;
            size_t vlen = (size_t)(end - v);
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"')
                v++, vlen -= 2;
            if (params_add(a, out, pc_arena_strndup(a, h, (size_t)(eq - h)),
                           pc_arena_strndup(a, v, vlen), vlen))
                return -1;
        }
        h = end;
    }
    return 0;
}

static const char *memmem_s(const char *h, size_t hl, const char *n, size_t nl)
{
    if (nl == 0 || hl < nl)
        return NULL;
    for (size_t i = 0; i + nl <= hl; i++)
        if (h[i] == n[0] && memcmp(h + i, n, nl) == 0)
            return h + i;
    return NULL;
}

/*
 * The quoted value of parameter `attr` (name="x") of a Content-Disposition line, or NULL.  The
 * parameters are read in turn, each quoted value whole, so that a filename holding ` name="…"`
 * names nothing: the part is what its own name parameter says.
 */
static char *header_attr(pc_arena *a, const char *line, size_t len, const char *attr)
{
    size_t al = strlen(attr);
    const char *p = line + 20, *end = line + len; /* after "Content-Disposition:" */
    while (p < end) {
        while (p < end && (*p == ' ' || *p == ';'))
            p++;
        const char *key = p;
        while (p < end && *p != '=' && *p != ';')
            p++;
        size_t kl = (size_t)(p - key);
        if (end - p >= 2 && p[0] == '=' && p[1] == '"') {
            const char *v = p + 2, *q = memchr(v, '"', (size_t)(end - v));
            if (!q)
                return NULL;
            if (kl == al && strncasecmp(key, attr, al) == 0)
                return pc_arena_strndup(a, v, (size_t)(q - v));
            p = q + 1;
        } else { /* a bare token ("form-data") or an unquoted value: not ours */
            while (p < end && *p != ';')
                p++;
        }
    }
    return NULL;
}

static int parse_part(pc_arena *a, const char *p, size_t len, pc_params *out)
{
    const char *hend = memmem_s(p, len, "\r\n\r\n", 4);
    char *name = NULL, *filename = NULL, *ctype = NULL;
    if (!hend)
        return -1;
    for (const char *line = p; line < hend;) {
        const char *eol = memmem_s(line, (size_t)(hend - line) + 2, "\r\n", 2);
        size_t ll = (size_t)(eol - line);
        if (ll > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
            name = header_attr(a, line, ll, "name");
            filename = header_attr(a, line, ll, "filename");
        } else if (ll > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
            const char *v = line + 13;
            while (*v == ' ')
                v++;
            ctype = pc_arena_strndup(a, v, (size_t)(eol - v));
        }
        line = eol + 2;
    }
    if (!name || !*name || strlen(name) > PC_REQ_MAX_NAME)
        return -1;
    const char *body = hend + 4;
    size_t blen = len - (size_t)(body - p);
    if (params_add(a, out, name, pc_arena_strndup(a, body, blen), blen))
        return -1;
    out->v[out->n - 1].filename = filename;
    out->v[out->n - 1].content_type = ctype;
    return 0;
}

int pc_req_parse_multipart(pc_arena *a, const char *ct, const char *body, size_t len,
                           pc_params *out)
{
    const char *b = ct ? strstr(ct, "boundary=") : NULL;
    if (!b)
        return -1;
    b += 9;
    size_t bl = strcspn(b, "; ");
    if (bl >= 2 && b[0] == '"' && b[bl - 1] == '"')
        b++, bl -= 2;
    if (bl == 0 || bl > 70)
        return -1;
    char *delim = pc_arena_printf(a, "--%.*s", (int)bl, b);
    size_t dl = bl + 2;
    const char *p = memmem_s(body, len, delim, dl);
    if (!p)
        return -1;
    for (;;) {
        p += dl;
        size_t rest = len - (size_t)(p - body);
        if (rest >= 2 && p[0] == '-' && p[1] == '-')
            return 0;
        if (rest < 2 || p[0] != '\r' || p[1] != '\n')
            return -1;
        p += 2;
        rest -= 2;
        char *next_delim = pc_arena_printf(a, "\r\n%s", delim);
        const char *q = memmem_s(p, rest, next_delim, dl + 2);
        if (!q)
            return -1;
        if (parse_part(a, p, (size_t)(q - p), out))
            return -1;
        p = q + 2;
    }
}

const char *pc_params_get(const pc_params *p, const char *name)
{
    return pc_params_nth(p, name, 0);
}

size_t pc_params_count(const pc_params *p, const char *name)
{
    size_t c = 0;
    for (size_t i = 0; i < p->n; i++)
        c += strcmp(p->v[i].name, name) == 0;
    return c;
}

const char *pc_params_nth(const pc_params *p, const char *name, size_t nth)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0 && nth-- == 0)
            return p->v[i].value;
    return NULL;
}
