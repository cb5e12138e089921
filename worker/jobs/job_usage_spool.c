/*
 * The usage spool job: every *.csv in Paths.usage_spool (empty: off) is
 * imported as `pcadm import-usage FILE` would, all or nothing, then moved
 * to done/ — or, with bad lines, to rejected/ beside FILE.report listing
 * each bad line with its number.  A file that cannot be imported for a
 * database error stays where it is and is tried again at the next run.  A
 * named lock keeps a second worker from importing the same file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/conf.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "usage/usage_import.h"

enum stmt { ST_LOCK, ST_UNLOCK, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_LOCK] = "SELECT GET_LOCK('pc_usage_spool', 0)",
    [ST_UNLOCK] = "SELECT RELEASE_LOCK('pc_usage_spool')",
};
PC_SQL_TABLE(spool_sql, sql);

static int is_csv(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".csv") == 0;
}

static int subdir(const char *dir, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", dir, name);
    return mkdir(out, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

static int write_report(const char *path, const import_result *r)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fwrite(r->report, 1, r->report_len, f);
    return fclose(f);
}

/* Import one file and move it; 0 done (imported or rejected), -1 left in place. */
static int spool_one(const char *dir, const char *name, const char *now, job_result *res)
{
    char path[1024], to[1200], report[1300], sub[1100];
    import_result r;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = usage_import_file(IMPORT_USAGE, path, "spool", 0, now, &r);
    int bad_file = rc == -1 || (rc == 0 && r.rejected);
    if (rc == -2) {
        snprintf(res->error, sizeof res->error, "%s: %.400s", name, r.report);
        free(r.report);
        return -1;
    }
    if (subdir(dir, bad_file ? "rejected" : "done", sub, sizeof sub)) {
        free(r.report);
        return -1;
    }
    snprintf(to, sizeof to, "%s/%s", sub, name);
    snprintf(report, sizeof report, "%s.report", to);
    rc = (bad_file && write_report(report, &r)) || rename(path, to) ? -1 : 0;
    if (rc)
        snprintf(res->error, sizeof res->error, "%.200s: cannot move to %.250s", name, sub);
    free(r.report);
    return rc;
}

int job_usage_spool(const char *now, job_result *res)
{
    const char *dir = pc_conf_str("Paths.usage_spool");
    struct dirent **list;
    if (!*dir)
        return 0;
    if (pc_db_int(&spool_sql, ST_LOCK, PC_NOBINDS, 0) != 1)
        return 0; /* another worker is at it */
    int n = scandir(dir, &list, is_csv, alphasort);
    if (n < 0) {
        snprintf(res->error, sizeof res->error, "cannot read %s", dir);
        pc_db_int(&spool_sql, ST_UNLOCK, PC_NOBINDS, 0);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (spool_one(dir, list[i]->d_name, now, res))
            res->failures++;
        else
            res->items++;
        free(list[i]);
    }
    free(list);
    pc_db_int(&spool_sql, ST_UNLOCK, PC_NOBINDS, 0);
    return res->failures ? -1 : 0;
}
