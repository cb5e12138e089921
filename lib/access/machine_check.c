#include "access/machine_check.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "access/apikey.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/log.h"

typedef struct checker {
    pc_problem_fn report;
    void *arg;
    int problems;
} checker;

static void problem(checker *k, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(checker *k, const char *key, const char *fmt, ...)
{
    char why[512], line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    snprintf(line, sizeof line, "%s:%d: key '%s' = '%s': %s", pc_conf_path(), pc_conf_line(key),
             key, strstr(key, "password") ? "(set)" : pc_conf_str(key), why);
    k->report(k->arg, line);
    k->problems++;
}

/* A directory this user may read (and write, with writable). */
static void directory(checker *k, const char *key, int writable)
{
    const char *path = pc_conf_str(key);
    DIR *d = opendir(path);
    if (!d) {
        problem(k, key, "not a directory this user can read");
        return;
    }
    closedir(d);
    if (writable && access(path, W_OK | X_OK))
        problem(k, key, "this user cannot write in it");
}

/* The directory of path (".", "/" included), into dir. */
static void parent_of(const char *path, char *dir, size_t n)
{
    snprintf(dir, n, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, n, ".");
    else
        slash == dir ? (void)(slash[1] = '\0') : (void)(*slash = '\0');
}

/* A file this user may write, or create in its directory. */
static void writable_file(checker *k, const char *key)
{
    const char *path = pc_conf_str(key);
    char dir[1024];
    if (!*path)
        return;
    parent_of(path, dir, sizeof dir);
    if (access(path, F_OK) == 0 ? access(path, R_OK | W_OK) : access(dir, W_OK | X_OK))
        problem(k, key,
                access(path, F_OK) == 0 ? "this user cannot write it"
                                        : "this user cannot create it there");
}

static void language_files(checker *k)
{
    char path[1200];
    for (const char *lang = "en"; lang; lang = strcmp(lang, "en") == 0 ? "zh" : NULL) {
        snprintf(path, sizeof path, "%s/%s", pc_conf_str("Paths.lang"), lang);
        DIR *d = opendir(path);
        if (!d)
            problem(k, "Paths.lang", "no directory %s/ of language files in it", lang);
        else
            closedir(d);
    }
}

static void urls(checker *k)
{
    const char *base = pc_conf_str("Site.base_url"), *smtp = pc_conf_str("Mail.smtp_url");
    size_t n = strlen(base);
    if ((strncmp(base, "http://", 7) && strncmp(base, "https://", 8)) || base[n - 1] == '/')
        problem(k, "Site.base_url", "must start with http:// or https:// and not end with /");
    if (strncmp(smtp, "smtp://", 7) && strncmp(smtp, "smtps://", 8))
        problem(k, "Mail.smtp_url", "must start with smtp:// or smtps://");
}

static void api_key_file(checker *k)
{
    const char *path = pc_conf_str("Api.secret_key_file");
    if (!*path)
        return; /* no partner API keys: the API answers that keys are not available */
    if (access(path, R_OK))
        problem(k, "Api.secret_key_file", "this user cannot read it");
    else if (!pc_apikey_ready())
        problem(k, "Api.secret_key_file", "it must hold 64 hex digits (32 random bytes)");
    const char *previous = pc_conf_str("Api.previous_secret_key_file");
    if (*previous && !pc_apikey_previous_ready())
        problem(k, "Api.previous_secret_key_file",
                "not a readable file of 64 hex digits (empty it once the rotation is done)");
}

int pc_machine_check(int db, pc_problem_fn report, void *arg)
{
    checker k = {report, arg, 0};
    directory(&k, "Paths.templates", 0);
    directory(&k, "Paths.lang", 0);
    language_files(&k);
    directory(&k, "Paths.sql", 0);
    directory(&k, "Paths.exports", 1);
    if (*pc_conf_str("Paths.usage_spool"))
        directory(&k, "Paths.usage_spool", 0);
    writable_file(&k, "Paths.log");
    writable_file(&k, "Paths.generation");
    urls(&k);
    api_key_file(&k);
    if (db && pc_db_connect())
        problem(&k, "DB.socket", "cannot connect to the database %s as %s: %s",
                pc_conf_str("DB.name"), pc_conf_str("DB.user"), pc_db_error());
    return k.problems;
}

static void log_problem(void *arg, const char *problem)
{
    (void)arg;
    pc_log("ERROR", "config: %s", problem);
}

int pc_machine_check_at_start(void)
{
    int n = pc_machine_check(0, log_problem, NULL);
    if (n)
        pc_log("ERROR", "not starting: %d problem%s in %s (pcadm check-config says more)", n,
               n == 1 ? "" : "s", pc_conf_path());
    return n;
}
