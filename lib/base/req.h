/*
 * req — parsing of untrusted request input: query strings, urlencoded and
 * multipart bodies, cookies.  All parsing of outside input happens here, into
 * arena memory, within hard limits; handlers see only validated values.
 */
#ifndef PC_REQ_H
#define PC_REQ_H
#include <stddef.h>

#include "base/arena.h"

#define PC_REQ_MAX_PARAMS 512         /* names per query, body or cookie header */
#define PC_REQ_MAX_NAME   128         /* bytes in one parameter name */
#define PC_REQ_MAX_BODY   (12u << 20) /* bytes in one request body (10 MB uploads + forms) */

typedef struct pc_param {
    const char *name;
    const char *value;    /* NUL-terminated; for files the content (may hold NULs) */
    size_t len;           /* length of value */
    const char *filename; /* multipart file parts only, else NULL */
    const char *content_type;
} pc_param;

typedef struct pc_params {
    pc_param *v;
    size_t n, cap;
} pc_params;

/*
 * Parse "a=1&b=x%20y" (also '+' for space) and append to out.  Returns 0, or
 * -1 when a limit is exceeded or an escape is malformed (out then holds what
 * came before the fault).
 */
int pc_req_parse_urlencoded(pc_arena *a, const char *s, size_t len, pc_params *out);

/* Parse a Cookie header ("a=1; b=2") and append to out.  Returns 0 or -1. */
int pc_req_parse_cookies(pc_arena *a, const char *header, pc_params *out);

/*
 * Parse a multipart/form-data body given its Content-Type header value.
 * Returns 0, or -1 on a missing boundary, a malformed part or a limit.
 */
int pc_req_parse_multipart(pc_arena *a, const char *content_type, const char *body, size_t len,
                           pc_params *out);

/* The value of hexadecimal digit c (either case), or -1. */
int pc_hex_value(int c);

/* First value of name, or NULL. */
const char *pc_params_get(const pc_params *p, const char *name);
/* Number of values for name, and the i-th of them. */
size_t pc_params_count(const pc_params *p, const char *name);
const char *pc_params_nth(const pc_params *p, const char *name, size_t i);

#endif
