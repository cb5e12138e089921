/*
 * pc-api — the partner API (see api.h): its own FastCGI accept loop, since a
 * request carries no session, no CSRF token and no page: route → AK/SK
 * signature → the key's user → idempotency → operation → JSON.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "api_core.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/log.h"
#include "web/app.h"

#define MAX_BODY (1u << 20) /* the largest request of the contract is a few KB */
/* nginx passes every path under these prefixes to this program: the API sits at the host root */
#define PREFIXES "/v1.0/ /v2/ /v3/ /v4/"

/* The area files' operations, joined (like finance.c joins its route tables). */
static const pc_api_op_table *const tables[] = {
    &pc_api_customer_ops, &pc_api_budget_ops,      &pc_api_order_ops,
    &pc_api_bill_ops,     &pc_api_unsupported_ops,
};

static unsigned long request_seq;
static long start_time;

static const char *status_text(int s)
{
    switch (s) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    default:
        return s >= 500 ? "Internal Server Error" : "OK";
    }
}

/* Does the raw path match the op's path?  A "{x}" segment matches one non-empty segment. */
static int path_match(pc_api *a, const char *pattern, const char *path)
{
    const char *param = NULL;
    size_t plen = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            pattern += strcspn(pattern, "}");
            pattern += *pattern == '}';
            plen = strcspn(path, "/");
            if (plen == 0)
                return 0;
            param = path;
            path += plen;
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    if (*pattern || *path)
        return 0;
    if (param) {
        pc_params p = {0};
        char *q = pc_arena_printf(&a->arena, "x=%.*s", (int)plen, param);
        /* '+' is a plus in a path: keep it out of the form decoder's reach */
        for (char *c = q; *c; c++)
            if (*c == '+')
                *c = '\x02';
        if (pc_req_parse_urlencoded(&a->arena, q, strlen(q), &p) || !pc_params_get(&p, "x"))
            return 0;
        char *v = pc_arena_strdup(&a->arena, pc_params_get(&p, "x"));
        for (char *c = v; *c; c++)
            if (*c == '\x02')
                *c = '+';
        a->path_param = v;
    }
    return 1;
}

static const pc_api_op *find_op(pc_api *a)
{
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < tables[t]->n; i++) {
            const pc_api_op *op = &tables[t]->ops[i];
            if (strcmp(op->method, a->method) == 0 && path_match(a, op->path, a->path))
                return op;
        }
    return NULL;
}

static int read_body(pc_api *a)
{
    long len = strtol(api_param(a, "CONTENT_LENGTH"), NULL, 10);
    if (len < 0 || len > (long)MAX_BODY)
        return pc_api_error(a, 413, "CBC.0100",
                            "Invalid parameter: the request body is too large.");
    char *body = pc_arena_alloc(&a->arena, (size_t)len + 1);
    long got = len ? FCGX_GetStr(body, (int)len, a->fcgi->in) : 0;
    if (got != len)
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: the request body is incomplete.");
    a->body = body;
    a->body_len = (size_t)len;
    return 0;
}

/* The key's user (loaded with the key: its partner, roles and scope) and X-Domain-Id (§4.3 step 7).
 */
static int load_caller(pc_api *a, const pc_apikey *k)
{
    a->key_id = k->id;
    const char *domain = api_param(a, "HTTP_X_DOMAIN_ID");
    int64_t account = a->user.kind == PC_KIND_CUSTOMER ? a->user.customer_id : a->user.partner_id;
    char mine[24];
    snprintf(mine, sizeof mine, "%lld", (long long)account);
    if (*domain && strcmp(domain, mine) != 0)
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: X-Domain-Id is not the account of this AK.");
    return 0;
}

static int check_caller_kind(pc_api *a, const pc_api_op *op)
{
    int member = a->user.kind == PC_KIND_MEMBER, customer = a->user.kind == PC_KIND_CUSTOMER;
    if ((!member && !customer) || ((op->flags & PC_API_PARTNER) && !member) ||
        ((op->flags & PC_API_CUSTOMER) && !customer))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: %s is not available to this account.", op->name);
    return 0;
}

/* Everything before the operation; 0 to run it, else the status answered. */
static int prepare(pc_api *a, const pc_api_op *op)
{
    pc_apikey k;
    int rc;
    memset(&k, 0, sizeof k);
    if ((rc = read_body(a)))
        return rc;
    if ((rc = api_authenticate(a, &k))) {
        memset(&a->user, 0, sizeof a->user); /* loaded with the key, but not verified */
        return rc;
    }
    if ((rc = load_caller(a, &k)))
        return rc;
    const char *qs = api_param(a, "QUERY_STRING");
    if (pc_req_parse_urlencoded(&a->arena, qs, strlen(qs), &a->query))
        return pc_api_error(a, 400, "CBC.0100",
                            "Invalid parameter: the query string is malformed.");
    if (!op->fn)
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: %s is not supported by this Partner Center.", op->name);
    if ((rc = check_caller_kind(a, op)) || (rc = api_parse_body(a)))
        return rc;
    if ((op->flags & PC_API_IDEMPOTENT) && (rc = api_replay_check(a)))
        return rc;
    return 0;
}

static void respond(pc_api *a, int status, const char *body, int replayed)
{
    FCGX_FPrintF(a->fcgi->out,
                 "Status: %d %s\r\nContent-Type: application/json\r\nX-Request-Id: %s\r\n"
                 "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n%s"
                 "Content-Length: %d\r\n\r\n",
                 status, status_text(status), a->request_id,
                 replayed ? "Idempotent-Replayed: true\r\n" : "", (int)strlen(body));
    FCGX_PutStr(body, (int)strlen(body), a->fcgi->out);
}

/* Run the operation (with the idempotency key when it changes state); the answer's text. */
static char *run(pc_api *a, const pc_api_op *op, int *status, int *replayed)
{
    int idem = (op->flags & PC_API_IDEMPOTENT) != 0, rc = 0;
    char *stored = NULL;
    if (idem && (rc = api_idem_begin(a, status, &stored)) == 1) {
        *replayed = 1;
        return strdup(stored);
    }
    int held = idem && rc == 0; /* the key (if any) is ours: its answer is stored below */
    if (rc == 0)
        rc = op->fn(a);
    *status = rc ? rc : 200;
    char *text = api_dump(a->out);
    if (!text) {
        *status = 500;
        text = strdup("{\"error_code\": \"CBC.0999\", \"error_msg\": \"Internal error.\"}");
    }
    if (held)
        api_idem_end(a, *status, text);
    return text;
}

static void handle(FCGX_Request *fr)
{
    struct timeval t0, t1;
    char rid[48];
    pc_api a;
    int status = 0, replayed = 0;
    char *text = NULL;
    gettimeofday(&t0, NULL);
    memset(&a, 0, sizeof a);
    a.fcgi = fr;
    snprintf(rid, sizeof rid, "%lx-%x-%lx", start_time, (unsigned)getpid(), ++request_seq);
    a.request_id = rid;
    a.method = api_param(&a, "REQUEST_METHOD");
    const char *uri = api_param(&a, "REQUEST_URI");
    a.path = pc_arena_strndup(&a.arena, uri, strcspn(uri, "?"));
    a.remote_addr = api_param(&a, "REMOTE_ADDR");
    a.lang = strncmp(api_param(&a, "HTTP_X_LANGUAGE"), "zh", 2) == 0 ? "zh" : "en";
    a.body = "";
    a.out = json_object();
    const pc_api_op *op = find_op(&a);
    if (!op) {
        status = pc_api_error(&a, 404, "APIGW.0101",
                              "The API does not exist or has not been published in the "
                              "environment");
    } else if ((status = prepare(&a, op)) == 0) {
        text = run(&a, op, &status, &replayed);
    }
    if (!text) {
        text = api_dump(a.out);
        if (!text)
            text = strdup("{}");
    }
    if (status < 200 || status >= 300)
        api_replay_release(&a);
    respond(&a, status, text, replayed);
    gettimeofday(&t1, NULL);
    pc_log(status >= 500 ? "ERROR" : "INFO", "%s %s user=%lld %s %s %d %ldus api=%s", rid,
           *a.remote_addr ? a.remote_addr : "-", (long long)a.user.id, a.method, a.path, status,
           (long)((t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_usec - t0.tv_usec)),
           op ? op->name : "-");
    free(text);
    json_decref(a.out);
    json_decref(a.json);
    pc_arena_reset(&a.arena);
}

/* --routes: the prefixes and the operations as the page programs print theirs (web/app.h). The
 * guard is the kind of key the operation takes (any_key: a member's or a customer's); the last
 * column names the SDK operation, and whether it is idempotent or not supported. */
static int print_routes(void)
{
    int widths[4] = {6, 1, 15, 1};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < tables[t]->n; i++) {
            const pc_api_op *op = &tables[t]->ops[i];
            if ((int)strlen(op->path) > widths[1])
                widths[1] = (int)strlen(op->path);
            if (op->fn && (int)strlen(op->fn_name) > widths[3])
                widths[3] = (int)strlen(op->fn_name);
        }
    pc_routes_print_prefixes(stdout, PREFIXES);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < tables[t]->n; i++) {
            const pc_api_op *op = &tables[t]->ops[i];
            const char *guard = op->flags & PC_API_PARTNER    ? "PC_API_PARTNER"
                                : op->flags & PC_API_CUSTOMER ? "PC_API_CUSTOMER"
                                                              : "any_key";
            char notes[200];
            snprintf(notes, sizeof notes, "sdk=%s%s%s", op->name,
                     op->flags & PC_API_IDEMPOTENT ? ",idempotent" : "",
                     op->fn ? "" : ",not_supported");
            pc_routes_print_line(stdout, widths, op->method, op->path, guard,
                                 op->fn ? op->fn_name : "-", op->file, notes);
        }
    return fflush(stdout) != 0;
}

int main(int argc, char **argv)
{
    if (pc_routes_wanted(argc, argv))
        return print_routes();
    if (pc_program_start(argc, argv))
        return 1;
    start_time = (long)time(NULL);
    api_marker_init();
    pc_db_connect(); /* failure is not fatal: each request retries */
    FCGX_Request fr;
    if (FCGX_Init() || FCGX_InitRequest(&fr, 0, 0))
        return 1;
    while (FCGX_Accept_r(&fr) >= 0) {
        handle(&fr);
        FCGX_Finish_r(&fr);
    }
    return 0;
}
