/*
 * pc-worker — background jobs.  Run `pc-worker tick` every minute from cron
 * (or on a loop under `make run`); it claims the due jobs and runs them.
 *   pc-worker tick [--now "YYYY-MM-DD HH:MM:SS"]
 *   pc-worker run JOB [--now "YYYY-MM-DD HH:MM:SS"]
 *   pc-worker list
 * --now (UTC) lets tests move time; default the current time.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/conf.h"
#include "base/db.h"
#include "jobs/jobs.h"
#include "base/valid.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: pc-worker tick|run JOB|list [--now \"YYYY-MM-DD HH:MM:SS\"] [-c CONFIG]\n");
    return 2;
}

/* Two decimal digits at s, or -1. */
static int two_digits(const char *s)
{
    return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])
               ? (s[0] - '0') * 10 + (s[1] - '0')
               : -1;
}

static int valid_now(const char *s)
{
    pc_field f = {0};
    pc_value v;
    char date[11];
    if (strlen(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        return 0;
    /* the time too: MariaDB would take "25:00:00" for some other moment or for nothing */
    int h = two_digits(s + 11), m = two_digits(s + 14), sec = two_digits(s + 17);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59)
        return 0;
    snprintf(date, sizeof date, "%.10s", s);
    return pc_valid_date(&f, date, &v) == NULL;
}

int main(int argc, char **argv)
{
    char now[32], err[1024];
    const char *cmd = NULL, *job = NULL, *conf = NULL;
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
            if (!valid_now(argv[++i])) {
                fprintf(stderr, "pc-worker: --now wants \"YYYY-MM-DD HH:MM:SS\", not '%s'\n",
                        argv[i]);
                return 2;
            }
            snprintf(now, sizeof now, "%s", argv[i]);
        } else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            conf = argv[++i];
        } else if (!cmd) {
            cmd = argv[i];
        } else if (!job) {
            job = argv[i];
        } else {
            return usage();
        }
    }
    if (!cmd)
        return usage();
    if (strcmp(cmd, "list") == 0) {
        for (const job_def *j = pc_jobs; j->name; j++)
            printf("%s\n", j->name);
        return 0;
    }
    if (pc_conf_load(conf, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (pc_db_connect())
        return 1;
    int rc;
    if (strcmp(cmd, "tick") == 0 && !job)
        rc = pc_jobs_tick(now) ? 1 : 0;
    else if (strcmp(cmd, "run") == 0 && job)
        rc = pc_jobs_run(job, now) ? 1 : 0;
    else
        rc = usage();
    pc_db_close();
    curl_global_cleanup();
    return rc;
}
