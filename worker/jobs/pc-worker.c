/*
 * pc-worker — background jobs.  Run `pc-worker tick` every minute from cron
 * (or on a loop under `make run`); it claims the due jobs and runs them.
 *   pc-worker tick [--now "YYYY-MM-DD HH:MM:SS"]
 *   pc-worker run JOB [--now "YYYY-MM-DD HH:MM:SS"]
 *   pc-worker list
 * --now (UTC) lets tests move time; default the current time.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/db.h"
#include "jobs/jobs.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: pc-worker tick|run JOB|list [--now \"YYYY-MM-DD HH:MM:SS\"] [-c CONFIG]\n");
    return 2;
}

int main(int argc, char **argv)
{
    char now[20], err[1024];
    const char *cmd = NULL, *job = NULL, *conf = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
            /* the whole run lives at that moment: everything reads the clock (lib/base/clock.h) */
            if (pc_clock_set(argv[++i])) {
                fprintf(stderr, "pc-worker: --now wants \"YYYY-MM-DD HH:MM:SS\", not '%s'\n",
                        argv[i]);
                return 2;
            }
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
    pc_clock_now_text(now);
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
