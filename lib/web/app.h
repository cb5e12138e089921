/*
 * app — the FastCGI program shape (STYLE habit 5): method allowed → route
 * known → session → CSRF (POST) → permission → handler.  Each program gives its
 * URL prefixes and route table and calls pc_app_main(); `pc-NAME --routes`
 * prints both (no config or database needed), and `make routes` builds
 * docs/routes.txt and the nginx map from what every program prints.
 */
#ifndef PC_APP_H
#define PC_APP_H
#include <ClearSilver.h>
#include <fcgiapp.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "access/authz.h"
#include "base/req.h"
#include "access/session.h"
#include "base/valid.h"

typedef struct pc_ctx {
    FCGX_Request *fcgi;
    pc_arena arena;
    const char *method, *path, *remote_addr, *request_id;
    pc_params query, form, cookies;
    HDF *hdf;     /* data for the template */
    pc_user user; /* id 0 when nobody is signed in */
    const char *session_token;
    char csrf[PC_TOKEN_HEX]; /* what a form must send back as "csrf" */
    const char *lang;        /* "en" or "zh" */
    int64_t path_id[4];      /* numbers matched by {id} in the route pattern */
    STRING body;             /* response body */
    STRING headers;          /* extra response headers */
    int status;
    int sent;  /* the handler wrote the whole answer itself (pc_send_file) */
    int https; /* the request came over TLS (nginx's HTTPS parameter) */
} pc_ctx;

typedef int (*pc_handler)(pc_ctx *c);

#define PC_ROUTE_ANY_PASSWORD 1u /* reachable while a password change is pending */

typedef struct pc_route {
    const char *method;  /* "GET" (also serves HEAD) or "POST" */
    const char *pattern; /* "/org/members/{id}/edit": {id} matches a positive integer */
    int guard;           /* a pc_perm or a PC_GUARD_* */
    pc_handler fn;       /* returns the HTTP status; 0 when it wrote the answer itself */
    unsigned flags;
    const char *fn_name; /* "details_page", for --routes */
    const char *file;    /* the file that declares the route (__FILE__), for --routes */
} pc_route;

/*
 * One line of a route table: PC_ROUTE("GET", "/spend/", PC_PERM_SPEND_VIEW, details_page, 0).
 * It also records the handler's name and the file of the table, for --routes.
 */
#define PC_ROUTE(method, pattern, guard, fn, flags)                                                \
    {                                                                                              \
        method, pattern, guard, fn, flags, #fn, __FILE__                                           \
    }

/*
 * Run the accept loop forever.  prefixes: the URL prefixes nginx passes to this program,
 * separated by spaces ("/spend/"; "/" takes every path no other program's prefix takes).
 * With the argument --routes, print the prefixes and the route table to stdout instead
 * and return 0 (1 when a route was not written with PC_ROUTE or has no guard name).
 */
int pc_app_main(int argc, char **argv, const char *prefixes, const pc_route *routes,
                size_t nroutes);

/* A program made of page files, each owning a route table, joins them here. */
typedef struct pc_route_table {
    const pc_route *routes;
    size_t n;
} pc_route_table;
#define PC_ROUTE_TABLE(name, table)                                                                \
    const pc_route_table name = {table, sizeof table / sizeof table[0]}
int pc_app_main_tables(int argc, char **argv, const char *prefixes,
                       const pc_route_table *const *tables, size_t ntables);

/*
 * The --routes output, shared with pc-api's own loop: pc_routes_wanted() says whether argv
 * asks for it; pc_routes_print_prefixes() writes "prefix /spend/" lines, and
 * pc_routes_print_line() one route: method, pattern, guard, handler, file, flags ("-"
 * when none), in columns of at least the given widths.
 */
int pc_routes_wanted(int argc, char **argv);
void pc_routes_print_prefixes(FILE *out, const char *prefixes);
void pc_routes_print_line(FILE *out, const int widths[4], const char *method, const char *pattern,
                          const char *guard, const char *fn, const char *file, const char *flags);

/* Render a template as the page (status 200 unless c->status was set). */
int pc_render(pc_ctx *c, const char *tpl);
/* 303 See Other to a local path. */
int pc_redirect(pc_ctx *c, const char *path);
/* Render the error page for status (400, 403, 404, 409, 500, 503). */
int pc_error(pc_ctx *c, int status);
/* The error page with a title and text of the caller's (language keys; NULL:
 * the page's usual one for status) — a refusal that says why. */
int pc_error_say(pc_ctx *c, int status, const char *title_key, const char *text_key);
/* Plain text answer. */
int pc_text(pc_ctx *c, int status, const char *text);
/*
 * Answer 200 with the file at path, read and written in blocks (never whole
 * in memory), with Content-Type and an attachment Content-Disposition naming
 * `filename` (ASCII, no quotes).  Returns 200, or 404 when the file cannot
 * be opened (nothing sent then).
 */
int pc_send_file(pc_ctx *c, const char *path, const char *content_type, const char *filename);
/* The Content-Type and attachment Content-Disposition headers of a download named `filename`
 * (ASCII, no quotes); the handler writes the body and returns 200. */
void pc_attachment(pc_ctx *c, const char *content_type, const char *filename);
/* Answer 200 with the `len` bytes at data (a file held in the database or memory) as a
 * download named `filename`.  Returns 200. */
int pc_send_bytes(pc_ctx *c, const char *content_type, const char *filename, const char *data,
                  size_t len);
/* Add a response header line ("Name: value"). */
void pc_header(pc_ctx *c, const char *name, const char *value);
/* Set a cookie (HttpOnly, SameSite=Lax, Secure per config); max_age < 0 deletes it. */
void pc_cookie(pc_ctx *c, const char *name, const char *value, long max_age);

/* Translated string in the request's language. */
const char *pc_t(pc_ctx *c, const char *key);
/* hdf_set_value on the request tree, ignoring errors (out of memory aborts). */
void pc_set(pc_ctx *c, const char *name, const char *value);
void pc_setf(pc_ctx *c, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pc_set_int(pc_ctx *c, const char *name, int64_t v);

/*
 * Validate the POSTed form against fields; the submitted values go to
 * Form.<name>.value and translated errors to Form.<name>.error for the
 * template.  Returns the number of bad fields.
 */
int pc_form(pc_ctx *c, const pc_field *fields, size_t n, pc_value *values);
/* Put a form-level or field error (language key) on the page. */
void pc_form_error(pc_ctx *c, const char *field, const char *key);

/* Audit helper for the signed-in user. */
void pc_audit_ctx(pc_ctx *c, const char *action, const char *object_type, int64_t object_id,
                  const char *result, const char *detail);

#endif
