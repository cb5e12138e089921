/*
 * libFuzzer harness for the request parsers of lib/base/req.c (outside input):
 * urlencoded bodies, cookie headers and multipart bodies.  `make fuzz` runs it.
 * The first input byte picks the parser; the rest is the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/req.h"
#include "base/valid.h"

static void check_params(const pc_params *p)
{
    for (size_t i = 0; i < p->n; i++) {
        /* every name and value is NUL-terminated within its length */
        if (strlen(p->v[i].name) > PC_REQ_MAX_NAME || p->v[i].value[p->v[i].len] != '\0')
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_arena a = {0};
    pc_params p = {0};
    if (size < 1)
        return 0;
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    char *z = pc_arena_strndup(&a, s, n);
    switch (data[0] % 4) {
    case 0:
        pc_req_parse_urlencoded(&a, s, n, &p);
        break;
    case 1:
        pc_req_parse_cookies(&a, z, &p);
        break;
    case 2:
        pc_req_parse_multipart(&a, "multipart/form-data; boundary=XyZ", s, n, &p);
        break;
    default: {
        pc_field f = {.name = "x", .check = pc_valid_text, .max = 100};
        pc_value v;
        pc_valid_text(&f, z, &v);
        pc_valid_email(&f, z, &v);
        pc_valid_password(&f, z, &v);
        pc_valid_date(&f, z, &v);
        pc_valid_money(&f, z, &v);
        break;
    }
    }
    check_params(&p);
    pc_arena_reset(&a);
    return 0;
}
