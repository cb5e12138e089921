#include "web/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "access/audit.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/log.h"
#include "base/mail.h"
#include "web/nav.h"
#include "base/view.h"

static unsigned long request_seq;
/*
 * One data tree per language for the life of the process, holding Lang.*
 * (copying the strings into a fresh tree cost ~120 µs a request).  A request
 * writes its data at the top level of the tree of its language, and
 * forget_request() removes every top-level node but these afterwards, so
 * nothing of a request survives it.
 */
static HDF *roots[2];
static const char *const kept_nodes[] = {"Lang", "Config", "hdf"};

static const char *status_text(int s)
{
    switch (s) {
    case 200:
        return "OK";
    case 303:
        return "See Other";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return s >= 500 ? "Internal Server Error" : "OK";
    }
}

void pc_set(pc_ctx *c, const char *name, const char *value)
{
    NEOERR *e = hdf_set_value(c->hdf, name, value ? value : "");
    nerr_ignore(&e);
}

void pc_setf(pc_ctx *c, const char *name, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pc_set(c, name, buf);
}

void pc_set_int(pc_ctx *c, const char *name, int64_t v)
{
    pc_setf(c, name, "%lld", (long long)v);
}

const char *pc_t(pc_ctx *c, const char *key)
{
    return pc_view_t(c->lang, key);
}

void pc_header(pc_ctx *c, const char *name, const char *value)
{
    if (strpbrk(value, "\r\n"))
        return; /* never let a value split the header block */
    NEOERR *e = string_appendf(&c->headers, "%s: %s\r\n", name, value);
    nerr_ignore(&e);
}

void pc_cookie(pc_ctx *c, const char *name, const char *value, long max_age)
{
    char buf[512];
    /* Secure whenever the request came over TLS; Site.secure_cookies = 1 forces it behind a
     * proxy that ends TLS and talks plain HTTP to nginx */
    int secure = c->https || pc_conf_int("Site.secure_cookies");
    snprintf(buf, sizeof buf, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name,
             max_age < 0 ? "" : value, secure ? "; Secure" : "", max_age < 0 ? "; Max-Age=0" : "");
    if (max_age > 0)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "; Max-Age=%ld", max_age);
    pc_header(c, "Set-Cookie", buf);
}

static void page_common(pc_ctx *c)
{
    pc_set(c, "Page.lang", c->lang);
    pc_set(c, "Page.path", c->path);
    pc_set(c, "Page.csrf", c->csrf);
    pc_set(c, "Page.request_id", c->request_id);
    pc_set(c, "Site.name", pc_conf_str("Site.name"));
    pc_set(c, "Site.vendor", pc_conf_str("Site.vendor_name"));
    const char *msg = pc_params_get(&c->query, "msg");
    if (msg && strspn(msg, "abcdefghijklmnopqrstuvwxyz_") == strlen(msg)) {
        char key[80];
        snprintf(key, sizeof key, "msg.%s", msg);
        const char *text = pc_t(c, key);
        if (text != key && strcmp(text, key) != 0)
            pc_set(c, "Page.flash", text);
    }
    if (c->user.id) {
        pc_set(c, "User.signed_in", "1");
        pc_set(c, "User.name", c->user.name);
        pc_set(c, "User.username", c->user.username);
        pc_set_int(c, "User.id", c->user.id);
        pc_set(c, "User.partner_kind", c->user.partner_kind);
        static const char *const kinds[] = {"operator", "member", "customer", "individual"};
        pc_set(c, "User.kind", kinds[c->user.kind]);
        if (!c->user.must_change_password)
            pc_nav_build(c->hdf, "Nav", &c->user, c->path, c->lang);
    }
}

int pc_render(pc_ctx *c, const char *tpl)
{
    char err[512];
    page_common(c);
    string_clear(&c->body);
    string_init(&c->body);
    if (pc_view_render(c->hdf, tpl, &c->body, err, sizeof err)) {
        pc_log("ERROR", "%s template %s: %s", c->request_id, tpl, err);
        string_clear(&c->body);
        string_init(&c->body);
        if (strcmp(tpl, "error.cs") == 0)
            return pc_text(c, 500, "Internal error");
        return pc_error(c, 500);
    }
    pc_header(c, "Content-Type", "text/html; charset=utf-8");
    return c->status ? c->status : 200;
}

int pc_error_say(pc_ctx *c, int status, const char *title_key, const char *text_key)
{
    char title[64], text[64];
    snprintf(title, sizeof title, "error.e%d.title", status);
    snprintf(text, sizeof text, "error.e%d.text", status);
    c->status = status;
    pc_set_int(c, "Error.code", status);
    pc_set(c, "Error.title", pc_t(c, title_key ? title_key : title));
    pc_set(c, "Error.text", pc_t(c, text_key ? text_key : text));
    pc_render(c, "error.cs");
    return status;
}

int pc_error(pc_ctx *c, int status)
{
    return pc_error_say(c, status, NULL, NULL);
}

int pc_text(pc_ctx *c, int status, const char *text)
{
    string_clear(&c->body);
    string_init(&c->body);
    NEOERR *e = string_append(&c->body, (char *)text);
    nerr_ignore(&e);
    pc_header(c, "Content-Type", "text/plain; charset=utf-8");
    return status;
}

int pc_redirect(pc_ctx *c, const char *path)
{
    /* only local paths: an open redirect would help phishing */
    if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
        path = "/home";
    pc_header(c, "Location", path);
    return 303;
}

static void form_value(pc_ctx *c, const char *field, const char *what, const char *v)
{
    char name[200];
    snprintf(name, sizeof name, "Form.%s.%s", field, what);
    pc_set(c, name, v);
}

void pc_form_error(pc_ctx *c, const char *field, const char *key)
{
    form_value(c, field, "error", pc_t(c, key));
    pc_set(c, "Form.has_errors", "1");
}

int pc_form(pc_ctx *c, const pc_field *fields, size_t n, pc_value *values)
{
    const char **errs = pc_arena_alloc(&c->arena, n * sizeof *errs);
    int bad = pc_valid_form(&c->arena, fields, n, &c->form, values, errs);
    for (size_t i = 0; i < n; i++) {
        /* never echo a password back into the page */
        if (fields[i].check != pc_valid_password)
            form_value(c, fields[i].name, "value", values[i].s);
        if (errs[i])
            pc_form_error(c, fields[i].name, errs[i]);
    }
    return bad;
}

void pc_audit_ctx(pc_ctx *c, const char *action, const char *object_type, int64_t object_id,
                  const char *result, const char *detail)
{
    pc_audit_by(&c->user, c->remote_addr, action, object_type, object_id, result, detail);
}

/* Match path against pattern; {id} segments fill c->path_id. */
static int route_match(pc_ctx *c, const char *pattern, const char *path)
{
    int nid = 0;
    while (*pattern && *path) {
        if (strncmp(pattern, "{id}", 4) == 0) {
            int64_t v = 0;
            int digits = 0;
            if (*path < '1' || *path > '9')
                return 0;
            while (*path >= '0' && *path <= '9' && digits < 18)
                v = v * 10 + (*path++ - '0'), digits++;
            if (nid == 4 || (*path >= '0' && *path <= '9'))
                return 0;
            c->path_id[nid++] = v;
            pattern += 4;
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    return *pattern == '\0' && *path == '\0';
}

static const char *param(pc_ctx *c, const char *name)
{
    const char *v = FCGX_GetParam(name, c->fcgi->envp);
    return v ? v : "";
}

static int read_body(pc_ctx *c)
{
    long len = strtol(param(c, "CONTENT_LENGTH"), NULL, 10);
    const char *ct = param(c, "CONTENT_TYPE");
    if (len < 0 || len > (long)PC_REQ_MAX_BODY)
        return 413;
    char *body = pc_arena_alloc(&c->arena, (size_t)len + 1);
    long got = len ? FCGX_GetStr(body, (int)len, c->fcgi->in) : 0;
    if (got != len)
        return 400;
    if (strncmp(ct, "multipart/form-data", 19) == 0)
        return pc_req_parse_multipart(&c->arena, ct, body, (size_t)len, &c->form) ? 400 : 0;
    if (len && pc_req_parse_urlencoded(&c->arena, body, (size_t)len, &c->form))
        return 400;
    return 0;
}

static void pick_language(pc_ctx *c)
{
    const char *want = c->user.id ? c->user.lang : pc_params_get(&c->cookies, "pc_lang");
    if (!want || !*want) {
        const char *al = param(c, "HTTP_ACCEPT_LANGUAGE");
        want = strncmp(al, "zh", 2) == 0 ? "zh" : NULL;
    }
    c->lang = pc_view_lang(want);
}

/* 0, or 503 when the database cannot say whether the session lives (the
 * cookie is kept: an outage must not sign everyone out). */
static int load_session(pc_ctx *c)
{
    c->session_token = pc_params_get(&c->cookies, "pc_sid");
    int found = c->session_token ? pc_session_load(c->session_token, &c->user, c->csrf) : 0;
    if (found < 0) {
        memset(&c->user, 0, sizeof c->user);
        return 503;
    }
    if (c->session_token && found == 0) {
        memset(&c->user, 0, sizeof c->user);
        c->csrf[0] = '\0';
        pc_cookie(c, "pc_sid", "", -1);
        c->session_token = NULL;
    }
    if (!c->user.id) {
        /* anonymous forms (login, sign-up) use a per-browser token in a cookie */
        const char *anon = pc_params_get(&c->cookies, "pc_csrf");
        if (anon && strlen(anon) == 64 && strspn(anon, "0123456789abcdef") == 64) {
            snprintf(c->csrf, sizeof c->csrf, "%s", anon);
        } else {
            pc_token_new(c->csrf);
            pc_cookie(c, "pc_csrf", c->csrf, 0);
        }
    }
    return 0;
}

static int dispatch(pc_ctx *c, const pc_route *routes, size_t n)
{
    const char *m = strcmp(c->method, "HEAD") == 0 ? "GET" : c->method;
    const pc_route *r = NULL;
    int path_known = 0;
    if (strcmp(m, "GET") && strcmp(m, "POST"))
        return pc_error(c, 405);
    for (size_t i = 0; i < n && !r; i++)
        if (route_match(c, routes[i].pattern, c->path)) {
            path_known = 1;
            if (strcmp(routes[i].method, m) == 0)
                r = &routes[i];
        }
    if (!r)
        return pc_error(c, path_known ? 405 : 404);
    if (r->guard != PC_GUARD_PUBLIC && !c->user.id) {
        if (strcmp(m, "GET"))
            return pc_error(c, 403);
        int plain_path =
            strspn(c->path, "abcdefghijklmnopqrstuvwxyz0123456789/_-.") == strlen(c->path);
        return pc_redirect(c, plain_path
                                  ? pc_arena_printf(&c->arena, "/auth/login?next=%s", c->path)
                                  : "/auth/login");
    }
    if (c->user.must_change_password && !(r->flags & PC_ROUTE_ANY_PASSWORD))
        return pc_redirect(c, "/auth/password");
    if (strcmp(m, "POST") == 0) {
        int rc = read_body(c);
        if (rc)
            return pc_error(c, rc);
        const char *sent = pc_params_get(&c->form, "csrf");
        if (!sent || !pc_token_equal(sent, c->csrf)) {
            if (c->user.id)
                pc_audit_ctx(c, "csrf.reject", "path", 0, "denied", c->path);
            return pc_error(c, 403);
        }
    }
    if (!pc_authz_allows(&c->user, r->guard)) {
        pc_audit_ctx(c, "access.denied", "path", 0, "denied", c->path);
        return pc_error(c, 403);
    }
    return r->fn(c);
}

static void security_headers(pc_ctx *c)
{
    pc_header(c, "X-Content-Type-Options", "nosniff");
    pc_header(c, "X-Frame-Options", "DENY");
    pc_header(c, "Referrer-Policy", "same-origin");
    pc_header(c, "Cache-Control", "no-store");
    pc_header(c, "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
}

static void respond(pc_ctx *c, int status)
{
    FCGX_FPrintF(c->fcgi->out, "Status: %d %s\r\n", status, status_text(status));
    security_headers(c);
    FCGX_PutStr(c->headers.buf ? c->headers.buf : "", c->headers.len, c->fcgi->out);
    FCGX_FPrintF(c->fcgi->out, "Content-Length: %d\r\n\r\n", c->body.len);
    if (strcmp(c->method, "HEAD") && c->body.len)
        FCGX_PutStr(c->body.buf, c->body.len, c->fcgi->out);
}

void pc_attachment(pc_ctx *c, const char *content_type, const char *filename)
{
    pc_header(c, "Content-Type", content_type);
    pc_header(c, "Content-Disposition",
              pc_arena_printf(&c->arena, "attachment; filename=\"%s\"", filename));
}

int pc_send_bytes(pc_ctx *c, const char *content_type, const char *filename, const char *data,
                  size_t len)
{
    string_clear(&c->body);
    string_init(&c->body);
    NEOERR *e = string_appendn(&c->body, data ? data : "", data ? (int)len : 0);
    nerr_ignore(&e);
    pc_attachment(c, content_type, filename);
    return 200;
}

int pc_send_file(pc_ctx *c, const char *path, const char *content_type, const char *filename)
{
    struct stat st;
    char buf[65536];
    size_t got;
    FILE *f = fopen(path, "rb");
    if (!f || fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
        if (f)
            fclose(f);
        return 404;
    }
    pc_attachment(c, content_type, filename);
    FCGX_FPrintF(c->fcgi->out, "Status: 200 OK\r\n");
    security_headers(c);
    FCGX_PutStr(c->headers.buf ? c->headers.buf : "", c->headers.len, c->fcgi->out);
    /* FCGX_FPrintF has no 64-bit conversions: files may pass 2 GB */
    snprintf(buf, sizeof buf, "Content-Length: %lld\r\n\r\n", (long long)st.st_size);
    FCGX_PutS(buf, c->fcgi->out);
    while (strcmp(c->method, "HEAD") && (got = fread(buf, 1, sizeof buf, f)) > 0)
        if (FCGX_PutStr(buf, (int)got, c->fcgi->out) < 0)
            break; /* the client went away */
    fclose(f);
    c->sent = 1;
    return 200;
}

static int init_roots(void)
{
    static const char *const langs[] = {"en", "zh"};
    for (int i = 0; i < 2; i++) {
        NEOERR *e = hdf_init(&roots[i]);
        if (e == STATUS_OK)
            e = hdf_copy(roots[i], "Lang", pc_view_lang_tree(langs[i]));
        if (e != STATUS_OK) {
            nerr_ignore(&e);
            return -1;
        }
    }
    return 0;
}

static HDF *root_of(const char *lang)
{
    return roots[strcmp(lang, "zh") == 0];
}

static void forget_request(HDF *root)
{
    char *names[64];
    int n = 0;
    for (HDF *h = hdf_obj_child(root); h; h = hdf_obj_next(h)) {
        int keep = 0;
        for (size_t k = 0; k < sizeof kept_nodes / sizeof kept_nodes[0]; k++)
            keep |= strcmp(hdf_obj_name(h), kept_nodes[k]) == 0;
        if (!keep && n < 64)
            names[n++] = strdup(hdf_obj_name(h));
    }
    for (int i = 0; i < n; i++) {
        NEOERR *e = hdf_remove_tree(root, names[i]);
        nerr_ignore(&e);
        free(names[i]);
    }
    if (n == 64) /* more top-level names than one pass takes: go again */
        forget_request(root);
}

static void handle(FCGX_Request *fr, const pc_route *routes, size_t n)
{
    struct timeval t0, t1;
    char rid[32];
    pc_ctx c;
    int status = 0;
    gettimeofday(&t0, NULL);
    memset(&c, 0, sizeof c);
    c.fcgi = fr;
    snprintf(rid, sizeof rid, "%x-%lx", (unsigned)getpid(), ++request_seq);
    c.request_id = rid;
    string_init(&c.body);
    string_init(&c.headers);
    c.method = param(&c, "REQUEST_METHOD");
    const char *uri = param(&c, "DOCUMENT_URI");
    c.path = *uri ? uri : param(&c, "SCRIPT_NAME");
    c.remote_addr = param(&c, "REMOTE_ADDR");
    c.https = strcmp(param(&c, "HTTPS"), "on") == 0; /* Debian's fastcgi_params: $https */
    c.lang = pc_view_lang(NULL);
    const char *qs = param(&c, "QUERY_STRING");
    if (pc_req_parse_cookies(&c.arena, param(&c, "HTTP_COOKIE"), &c.cookies) == 0) {
        status = load_session(&c);
        pick_language(&c);
    } else {
        status = 400;
    }
    c.hdf = root_of(c.lang);
    if (status)
        status = pc_error(&c, status);
    else if (pc_req_parse_urlencoded(&c.arena, qs, strlen(qs), &c.query))
        status = pc_error(&c, 400);
    else
        status = dispatch(&c, routes, n);
    if (status == 0)
        status = 200;
    if (!c.sent)
        respond(&c, status);
    gettimeofday(&t1, NULL);
    /* the access line: request id, client, user, request, status, time taken (the path is
     * escaped by pc_log: a CR/LF in it cannot forge a line) */
    pc_log(status >= 500 ? "ERROR" : "INFO", "%s %s user=%lld %s %s %d %ldus", rid,
           *c.remote_addr ? c.remote_addr : "-", (long long)c.user.id, c.method, c.path, status,
           (long)((t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_usec - t0.tv_usec)));
    string_clear(&c.body);
    string_clear(&c.headers);
    forget_request(c.hdf);
    pc_arena_reset(&c.arena);
}

int pc_routes_wanted(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--routes") == 0)
            return 1;
    return 0;
}

void pc_routes_print_prefixes(FILE *out, const char *prefixes)
{
    for (const char *p = prefixes; *p;) {
        size_t len = strcspn(p, " ");
        if (len)
            fprintf(out, "prefix %.*s\n", (int)len, p);
        p += len + (p[len] == ' ');
    }
}

void pc_routes_print_line(FILE *out, const int widths[4], const char *method, const char *pattern,
                          const char *guard, const char *fn, const char *file, const char *flags)
{
    fprintf(out, "%-*s %-*s %-*s %-*s %s %s\n", widths[0], method, widths[1], pattern, widths[2],
            guard, widths[3], fn, file, flags && *flags ? flags : "-");
}

/* --routes: the prefixes, then one line per route in the order they are matched. */
static int print_routes(const char *prefixes, const pc_route *routes, size_t n)
{
    int widths[4] = {4, 1, 1, 1}, bad = 0;
    for (size_t i = 0; i < n; i++) {
        const char *guard = pc_guard_name(routes[i].guard);
        const char *cols[4] = {routes[i].method, routes[i].pattern, guard ? guard : "",
                               routes[i].fn_name ? routes[i].fn_name : ""};
        for (int k = 0; k < 4; k++)
            if ((int)strlen(cols[k]) > widths[k])
                widths[k] = (int)strlen(cols[k]);
    }
    pc_routes_print_prefixes(stdout, prefixes);
    for (size_t i = 0; i < n; i++) {
        const pc_route *r = &routes[i];
        const char *guard = pc_guard_name(r->guard);
        if (!guard || !r->fn_name || !r->file) {
            fprintf(stderr, "route %s %s: %s\n", r->method, r->pattern,
                    guard ? "not written with PC_ROUTE()" : "its guard has no name in authz.c");
            bad = 1;
            continue;
        }
        pc_routes_print_line(stdout, widths, r->method, r->pattern, guard, r->fn_name, r->file,
                             r->flags & PC_ROUTE_ANY_PASSWORD ? "any_password" : NULL);
    }
    return fflush(stdout) || bad;
}

int pc_app_main(int argc, char **argv, const char *prefixes, const pc_route *routes, size_t n)
{
    if (pc_routes_wanted(argc, argv))
        return print_routes(prefixes, routes, n);
    if (pc_program_start(argc, argv))
        return 1;
    if (pc_view_init() || init_roots()) {
        pc_log("ERROR", "cannot load language files from %s", pc_conf_str("Paths.lang"));
        return 1;
    }
    pc_db_connect(); /* failure is not fatal: each request retries, /healthz reports it */
    FCGX_Request fr;
    if (FCGX_Init() || FCGX_InitRequest(&fr, 0, 0))
        return 1;
    while (FCGX_Accept_r(&fr) >= 0) {
        handle(&fr, routes, n);
        FCGX_Finish_r(&fr);
    }
    return 0;
}

int pc_app_main_tables(int argc, char **argv, const char *prefixes,
                       const pc_route_table *const *tables, size_t ntables)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i < ntables; i++)
        n += tables[i]->n;
    pc_route *all = malloc(n * sizeof *all);
    if (!all)
        return 1;
    for (size_t i = 0; i < ntables; i++) {
        memcpy(all + k, tables[i]->routes, tables[i]->n * sizeof *all);
        k += tables[i]->n;
    }
    int rc = pc_app_main(argc, argv, prefixes, all, n);
    free(all); /* only --routes comes back (or a failed start): LeakSanitizer would say so */
    return rc;
}
