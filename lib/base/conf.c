#include "base/conf.h"

#include <ClearSilver.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"

/* T_ZONE: an offset from UTC, "+08:00" (lib/base/clock.c reads it) */
typedef enum { T_STR, T_INT, T_ZONE } conf_type;

typedef struct conf_key {
    const char *key;
    conf_type type;
    const char *def;
    int64_t min, max;
} conf_key;

/* The documentation of each key is in conf/partner-center.hdf. */
static const conf_key keys[] = {
    {"Site.name", T_STR, "Partner Center", 0, 0},
    {"Site.vendor_name", T_STR, "Huawei Cloud", 0, 0},
    {"Site.base_url", T_STR, "http://127.0.0.1:8080", 0, 0},
    {"Site.secure_cookies", T_INT, "0", 0, 1},
    {"Site.default_lang", T_STR, "en", 0, 0},
    {"Paths.templates", T_STR, "templates", 0, 0},
    {"Paths.lang", T_STR, "conf/lang", 0, 0},
    {"Paths.log", T_STR, "", 0, 0},
    {"Paths.sql", T_STR, "sql", 0, 0},
    {"Paths.usage_spool", T_STR, "", 0, 0},
    {"Paths.exports", T_STR, "var/exports", 0, 0},
    {"Paths.generation", T_STR, "var/generation", 0, 0},
    {"DB.socket", T_STR, "/run/mysqld/mysqld.sock", 0, 0},
    {"DB.name", T_STR, "partner_center", 0, 0},
    {"DB.user", T_STR, "partner_center", 0, 0},
    {"DB.password", T_STR, "", 0, 0},
    {"Session.idle_minutes", T_INT, "30", 1, 1440},
    {"Session.absolute_hours", T_INT, "12", 1, 720},
    {"Login.max_failures", T_INT, "5", 1, 100},
    {"Login.window_minutes", T_INT, "15", 1, 1440},
    {"Password.argon2_memory_kib", T_INT, "19456", 1024, 1048576},
    {"Password.argon2_iterations", T_INT, "2", 1, 16},
    {"Codes.lifetime_minutes", T_INT, "10", 1, 1440},
    {"Codes.max_attempts", T_INT, "5", 1, 20},
    {"Mail.smtp_url", T_STR, "smtp://127.0.0.1:25", 0, 0},
    {"Mail.from", T_STR, "partner-center@localhost", 0, 0},
    {"Mail.batch", T_INT, "50", 1, 10000},
    {"Mail.max_attempts", T_INT, "5", 1, 100},
    {"Mail.timeout_seconds", T_INT, "20", 1, 600},
    {"Billing.timezone", T_ZONE, PC_CLOCK_DEFAULT_ZONE, 0, 0},
    {"Billing.run_day", T_INT, "4", 1, 28},
    {"Billing.due_day", T_INT, "20", 1, 28},
    {"Billing.workers", T_INT, "4", 1, 16},
    {"Payment.provider", T_STR, "test", 0, 0},
    {"Payment.test_decline_cents", T_INT, "13", 0, 99},
    {"Tax.wht_post_my", T_STR, "", 0, 0},
    {"Tax.wht_mailbox_ke", T_STR, "", 0, 0},
    {"Org.custom_role_limit", T_INT, "10", 0, 100},
    {"Worker.loop_seconds", T_INT, "60", 1, 3600},
    {"Usage.max_future_seconds", T_INT, "900", 0, 31622400},
    {"Exports.max_rows", T_INT, "5000000", 1, 5000000},
    {"Exports.keep_hours", T_INT, "72", 1, 8760},
    {"Api.secret_key_file", T_STR, "", 0, 0},
    {"Api.requests_per_second", T_INT, "50", 0, 100000},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static HDF *conf;
static char conf_path[1024];

static const conf_key *find_key(const char *k)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].key, k) == 0)
            return &keys[i];
    return NULL;
}

/* Does line assign `name` (as "name =", "name {" or "name <<")? */
static int assigns(const char *line, const char *name)
{
    const char *p = line + strspn(line, " \t");
    size_t n = strlen(name);
    return *p != '#' && strncmp(p, name, n) == 0 && strchr(" \t=<{", p[n]) && p[n];
}

/* Line of key in the file: its dotted form "A.b = …", or "b = …" inside a
 * "A {" block; 0 when not found. */
static int line_of(const char *path, const char *key)
{
    const char *leaf = strrchr(key, '.') ? strrchr(key, '.') + 1 : key;
    char line[1024], group[256] = "";
    int n = 0, found = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (!found && fgets(line, sizeof line, f)) {
        n++;
        char *p = line + strspn(line, " \t"), *brace = strchr(p, '{');
        if (brace && *p != '#' && !strchr(p, '=')) {
            snprintf(group, sizeof group, "%.*s", (int)strcspn(p, " \t{"), p);
            continue;
        }
        if (*p == '}')
            group[0] = '\0';
        char full[300];
        snprintf(full, sizeof full, "%s%s%s", group, *group ? "." : "", leaf);
        found = assigns(line, key) || (strcmp(full, key) == 0 && assigns(line, leaf));
    }
    fclose(f);
    return found ? n : 0;
}

/* After a name: spaces, then an [attribute list] (its quoted values may hold ']'), then spaces. */
static const char *after_name(const char *p)
{
    p += strspn(p, " \t\r\n\f\v");
    if (*p != '[')
        return p;
    for (int quoted = 0; *++p && (quoted || *p != ']');)
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '"')
            quoted = !quoted;
    return *p ? p + 1 + strspn(p + 1, " \t\r\n\f\v") : p;
}

/*
 * The first line of the file that makes a link ("A : B"), read as ClearSilver reads lines
 * (names of [A-Za-z0-9_.*\], "<<" values skipped up to their terminator line); its number, 0
 * when there is none, and the name as written into name.  The config takes values only, and
 * ClearSilver follows a link while it reads: "A : A" and then "A.b = 1" loop in it until the
 * stack overflows (found by tests/fuzz/fuzz_conf.c), so a link is refused before it reads.
 */
static int link_line(const char *path, char *name, size_t namelen)
{
    static const char name_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789_.*\\";
    FILE *f = fopen(path, "r");
    char *line = NULL, *term = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0, found = 0, last = 0;
    if (!f)
        return 0;
    while (!found && !last && (len = getline(&line, &cap, f)) > 0) {
        n++;
        last = strlen(line) < (size_t)len; /* ClearSilver reads up to the first NUL */
        if (term) {                        /* inside a "<<" value: its terminator ends it */
            size_t tl = strlen(term);
            if (strncmp(line, term, tl) == 0 && isspace((unsigned char)line[tl]))
                free(term), term = NULL;
            continue;
        }
        const char *s = line + strspn(line, " \t\r\n\f\v");
        size_t nl = strspn(s, name_chars);
        const char *p = after_name(s + nl);
        if (nl && *p == ':') {
            snprintf(name, namelen, "%.*s", (int)nl, s);
            found = n;
        } else if (nl && p[0] == '<' && p[1] == '<') {
            p += 2 + strspn(p + 2, " \t\r\n\f\v");
            size_t tl = strlen(p);
            while (tl && isspace((unsigned char)p[tl - 1]))
                tl--;
            if (tl)
                term = strndup(p, tl);
        }
    }
    free(term);
    free(line);
    fclose(f);
    return found;
}

static int check_value(const conf_key *k, const char *v)
{
    long offset;
    if (k->type == T_ZONE)
        return pc_clock_zone_parse(v, &offset);
    if (k->type == T_INT) {
        char *end;
        long long x = strtoll(v, &end, 10);
        if (!*v || *end || x < k->min || x > k->max)
            return -1;
    }
    return 0;
}

/* Walk every leaf under node; -1 with err filled at the first bad key. */
static int check_tree(HDF *node, const char *prefix, char *err, size_t errlen)
{
    for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
        char full[256];
        int n = snprintf(full, sizeof full, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
        /* a link (from an #include: link_line has refused the file's own) walks elsewhere, to an
           ancestor too, and then this walk would never end (found by tests/fuzz/fuzz_conf.c) */
        if (c->link) {
            snprintf(err, errlen, "%s:%d: key '%s' is a link (':'); give it a value ('=')",
                     conf_path, line_of(conf_path, full), full);
            return -1;
        }
        /* a name longer than any key is unknown already: no deeper (the walk's depth is bounded) */
        if (n >= (int)sizeof full - 1) {
            snprintf(err, errlen, "%s:%d: unknown key '%s'", conf_path, line_of(conf_path, full),
                     full);
            return -1;
        }
        if (hdf_obj_child(c)) {
            if (check_tree(c, full, err, errlen))
                return -1;
            continue;
        }
        const conf_key *k = find_key(full);
        const char *v = hdf_obj_value(c) ? hdf_obj_value(c) : "";
        if (!k) {
            snprintf(err, errlen, "%s:%d: unknown key '%s'", conf_path, line_of(conf_path, full),
                     full);
            return -1;
        }
        if (check_value(k, v) && k->type == T_ZONE) {
            snprintf(err, errlen,
                     "%s:%d: key '%s' must be an offset from UTC such as +08:00, not '%s'",
                     conf_path, line_of(conf_path, full), full, v);
            return -1;
        }
        if (check_value(k, v)) {
            snprintf(err, errlen, "%s:%d: key '%s' must be an integer from %lld to %lld, not '%s'",
                     conf_path, line_of(conf_path, full), full, (long long)k->min,
                     (long long)k->max, v);
            return -1;
        }
    }
    return 0;
}

int pc_conf_load(const char *path, char *err, size_t errlen)
{
    HDF *h = NULL;
    NEOERR *e;
    if (!path)
        path = getenv("PC_CONF");
    if (!path)
        path = "conf/partner-center.hdf";
    snprintf(conf_path, sizeof conf_path, "%s", path);
    char name[128];
    int line = link_line(path, name, sizeof name);
    if (line) {
        snprintf(err, errlen, "%s:%d: key '%s' is a link (':'); give it a value ('=')", path, line,
                 name);
        return -1;
    }
    if ((e = hdf_init(&h)) == STATUS_OK)
        e = hdf_read_file(h, path);
    if (e != STATUS_OK) {
        STRING s;
        string_init(&s);
        nerr_error_string(e, &s);
        snprintf(err, errlen, "%s: cannot read config: %s", path, s.buf ? s.buf : "?");
        string_clear(&s);
        nerr_ignore(&e);
        hdf_destroy(&h);
        return -1;
    }
    if (check_tree(h, "", err, errlen)) {
        hdf_destroy(&h);
        return -1;
    }
    if (conf)
        hdf_destroy(&conf);
    conf = h;
    pc_clock_set_zone(pc_conf_str("Billing.timezone")); /* checked above */
    return 0;
}

const char *pc_conf_str(const char *key)
{
    const conf_key *k = find_key(key);
    if (!k) {
        fprintf(stderr, "pc_conf: undeclared key %s\n", key);
        abort();
    }
    const char *v = conf ? hdf_get_value(conf, key, NULL) : NULL;
    return v ? v : k->def;
}

int64_t pc_conf_int(const char *key)
{
    return strtoll(pc_conf_str(key), NULL, 10);
}

void pc_conf_set(const char *key, const char *value)
{
    if (!find_key(key))
        abort();
    if (!conf) {
        NEOERR *e = hdf_init(&conf);
        nerr_ignore(&e);
    }
    NEOERR *e = hdf_set_value(conf, key, value);
    nerr_ignore(&e);
    if (strcmp(key, "Billing.timezone") == 0 && pc_clock_set_zone(value))
        abort(); /* the clock counts days in this zone: a bad one is a programming error */
}

void pc_conf_dump(void)
{
    for (size_t i = 0; i < NKEYS; i++) {
        const char *v = pc_conf_str(keys[i].key);
        if (strstr(keys[i].key, "password"))
            v = *v ? "(set)" : "";
        printf("%s = %s%s%s%s\n", keys[i].key, v, strcmp(v, keys[i].def) ? "   (default: " : "",
               strcmp(v, keys[i].def) ? keys[i].def : "", strcmp(v, keys[i].def) ? ")" : "");
    }
}

int pc_program_start(int argc, char **argv)
{
    char err[1024];
    const char *conf_path = NULL;
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "-c") == 0)
            conf_path = argv[i + 1];
    if (pc_conf_load(conf_path, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    if (pc_log_open(pc_conf_str("Paths.log")))
        pc_log("WARN", "cannot open Paths.log %s: logging to standard error",
               pc_conf_str("Paths.log"));
    return 0;
}
