/*
 * The usage of the demo world (issue 4): pay-per-use usage of customers of
 * sunrise, greatwall and harbor from the 1st of the month two months back
 * (GMT+08:00, Billing.timezone) to yesterday — ECS hours, EVS GB-hours, OBS
 * storage in MB-hours and traffic in MB (priced per GB, factor 1024), RDS
 * hours and storage, usage covered by yearly/monthly packages and by a
 * reserved instance, and usage of a customer from before its association
 * (no partner) — plus last month's 5-minute bandwidth peaks of one CDN
 * domain.  It goes through the real code paths: CSV files imported with
 * usage_import_file (what `pcadm import-usage` / `import-bandwidth` do),
 * then the rating and bandwidth jobs at the current time and the daily
 * summary for every day of the window, as a worker running all along would
 * have built it.  Quantities come from fixed tables and the day number, so
 * a run gives the same records for the same day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/db.h"
#include "demo/demo.h"
#include "jobs/jobs.h"
#include "usage/usage_import.h"

#define DAY 86400

enum stmt { ST_CUSTOMER, ST_RESOURCE, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_CUSTOMER] = "SELECT id FROM customers WHERE account_name = ?",
    [ST_RESOURCE] =
        "INSERT INTO resources (customer_id, billing_mode, name, product_type, spec, region, "
        "effective_at, expires_at, subscribed_at, product_id, resource_key) "
        "SELECT c.id, ?, ?, p.name, ?, ?, ?, NULLIF(?, ''), ?, p.id, ? "
        "FROM customers c JOIN products p ON p.code = ? WHERE c.account_name = ?",
};
PC_SQL_TABLE(demo_usage_sql, sql);

/* Resources the usage needs besides those of demo_customers.c (<account>-ecs-01, -obs-03). */
typedef struct demo_res {
    const char *account, *key, *mode, *product, *spec, *region;
} demo_res;

static const demo_res resources[] = {
    {"contoso", "contoso-cdn-01", "pay_per_use", "content_delivery_network",
     "Acceleration domain | static.contoso.example", "ap-southeast-1"},
    {"wideworld", "wideworld-ecs-05", "pay_per_use", "elastic_cloud_server",
     "s6.large.2 | 2 vCPUs | 4 GiB", "ap-southeast-3"},
    {"wideworld", "wideworld-evs-01", "pay_per_use", "elastic_volume_service",
     "General Purpose SSD | 500 GiB", "ap-southeast-3"},
    {"changcheng", "changcheng-rds-01", "pay_per_use", "relational_database_service",
     "rds.mysql.c6.large.2 | Single | 100 GiB", "cn-north-4"},
    {"harborcafe", "harborcafe-ri-01", "reserved_instance", "elastic_cloud_server",
     "c7.large.2 | 2 vCPUs | 4 GiB | 1-year RI", "ap-southeast-1"},
    {"lucerne", "lucerne-ecs-05", "pay_per_use", "elastic_cloud_server",
     "s6.medium.2 | 1 vCPU | 2 GiB", "ap-southeast-1"},
};
#define NRESOURCES (sizeof resources / sizeof resources[0])

/* One series of usage records: every `period` days one record of the
 * period's usage, `per_day` thousandths of the unit a day, varied by up to
 * ±vary % from day to day. */
typedef struct demo_stream {
    const char *account, *key, *product, *region, *item, *unit;
    int64_t per_day; /* 1/1000 of the unit */
    int vary, period;
    int stop; /* the last record ends this many days before today (accounts frozen yesterday) */
} demo_stream;

/* clang-format off */
static const demo_stream streams[] = {
    /* sunrise: OBS of Contoso (95th-percentile product: monthly settled), packages of Blue Ocean and Northwind */
    {"contoso", "contoso-obs-03", "object_storage_service", "ap-southeast-1", "traffic_out", "MB", 6000000, 40, 1, 0},
    {"contoso", "contoso-obs-03", "object_storage_service", "ap-southeast-1", "storage", "MB-hour", 12288000000, 5, 2, 0},
    {"blueocean", "blueocean-ecs-01", "elastic_cloud_server", "ap-southeast-1", "instance_hours", "hour", 24000, 0, 7, 0},
    {"northwind", "northwind-ecs-01", "elastic_cloud_server", "ap-southeast-1", "instance_hours", "hour", 24000, 0, 7, 0},
    /* greatwall: Wide World Importers (associated about 60 days ago), 北京长城数据 (frozen yesterday) */
    {"wideworld", "wideworld-ecs-05", "elastic_cloud_server", "ap-southeast-3", "instance_hours", "hour", 24000, 0, 1, 0},
    {"wideworld", "wideworld-evs-01", "elastic_volume_service", "ap-southeast-3", "storage", "GB-hour", 12000000, 10, 2, 0},
    {"changcheng", "changcheng-rds-01", "relational_database_service", "cn-north-4", "instance_hours", "hour", 24000, 0, 2, 2},
    {"changcheng", "changcheng-rds-01", "relational_database_service", "cn-north-4", "storage", "GB-hour", 2400000, 20, 3, 2},
    /* harbor: a reserved instance, OBS; Lucerne (associated 40 days ago, frozen yesterday): before and after */
    {"harborcafe", "harborcafe-ri-01", "elastic_cloud_server", "ap-southeast-1", "instance_hours", "hour", 24000, 0, 2, 0},
    {"harborcafe", "harborcafe-obs-03", "object_storage_service", "ap-southeast-1", "traffic_out", "MB", 2500000, 30, 2, 0},
    {"gangwan", "gangwan-obs-03", "object_storage_service", "ap-southeast-1", "storage", "MB-hour", 4915200000, 5, 3, 0},
    {"lucerne", "lucerne-ecs-05", "elastic_cloud_server", "ap-southeast-1", "instance_hours", "hour", 24000, 0, 2, 2},
};
/* clang-format on */
#define NSTREAMS (sizeof streams / sizeof streams[0])

/* Mbps of the CDN domain by local hour: quiet nights, an evening peak. */
static const int profile[24] = {8,  6,  5,  4,  4,  5,  8,  14, 20, 24, 26, 27,
                                28, 28, 27, 28, 30, 33, 38, 42, 44, 40, 26, 14};

typedef struct window {
    time_t now;
    char now_s[20];
    time_t first, today; /* local dates as the UTC midnight of the same date */
    time_t last_month;   /* the 1st of last month, likewise */
    time_t this_month;   /* the 1st of this month, likewise */
    long tz;             /* seconds Billing.timezone is ahead of UTC */
    char dir[64];
} window;

static void fmt(time_t t, const char *f, char *out, size_t n)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, f, &tm);
}

/* Local date `day` as the UTC midnight of the same date. */
static time_t midnight(const char *day)
{
    char s[20];
    time_t t = 0;
    snprintf(s, sizeof s, "%.10s 00:00:00", day);
    pc_clock_parse(s, &t);
    return t;
}

static int setup(window *w)
{
    char today[11], first[11];
    w->now = pc_clock_now();
    pc_clock_text(w->now, w->now_s);
    w->tz = pc_clock_zone_offset();
    int cycle = pc_clock_cycle_of(w->now);
    w->today = midnight(pc_clock_local_date(w->now, today));
    w->first = midnight(pc_clock_cycle_first_day(pc_clock_cycle_add(cycle, -2), first));
    w->last_month = midnight(pc_clock_cycle_first_day(pc_clock_cycle_add(cycle, -1), first));
    w->this_month = midnight(pc_clock_cycle_first_day(cycle, first));
    snprintf(w->dir, sizeof w->dir, "%s", "/tmp/pc-demo-XXXXXX");
    return mkdtemp(w->dir) ? 0 : -1;
}

/* The local date d's midnight (+ secs) as a UTC time string. */
static void utc_at(const window *w, time_t d, long secs, char out[20])
{
    fmt(d - w->tz + secs, "%Y-%m-%d %H:%M:%S", out, 20);
}

static int64_t customer_id(const char *account)
{
    return pc_db_int(&demo_usage_sql, ST_CUSTOMER, PC_BINDS(PC_STR(account)), 0);
}

static int add_resources(void *arg)
{
    const window *w = arg;
    char from[20], to[20];
    utc_at(w, w->first, 0, from);
    utc_at(w, w->today, 365L * DAY, to);
    for (size_t i = 0; i < NRESOURCES; i++) {
        const demo_res *r = &resources[i];
        int ri = strcmp(r->mode, "reserved_instance") == 0;
        if (pc_db_exec(&demo_usage_sql, ST_RESOURCE,
                       PC_BINDS(PC_STR(r->mode), PC_STR(r->key), PC_STR(r->spec), PC_STR(r->region),
                                PC_STR(from), PC_STR(ri ? to : ""), PC_STR(from), PC_STR(r->key),
                                PC_STR(r->product), PC_STR(r->account)),
                       NULL) != 1)
            return -1;
    }
    return 0;
}

/* The stream's records, one a line; 0 or -1. */
static int write_stream(FILE *f, const window *w, const demo_stream *s)
{
    char id[80], from[20], to[20], day[9];
    int64_t cust = customer_id(s->account);
    if (cust <= 0)
        return -1;
    time_t end_limit = w->today - (time_t)s->stop * DAY;
    for (int k = 0;; k += s->period) {
        time_t d = w->first + (time_t)k * DAY, e = d + (time_t)s->period * DAY;
        if (e > end_limit)
            return 0;
        /* ±vary % by the day number: the same day gives the same quantity */
        int pct =
            100 + (s->vary ? (k * 37 + (int)strlen(s->key)) % (2 * s->vary + 1) - s->vary : 0);
        int64_t q = s->per_day * s->period * pct / 100;
        fmt(d, "%Y%m%d", day, sizeof day);
        snprintf(id, sizeof id, "demo-%s-%s-%s", s->key, s->item, day);
        utc_at(w, d, 0, from);
        utc_at(w, e, -1, to);
        fprintf(f, "%s,%lld,%s,%s,%s,%s,%s,%s,%lld.%03lld,%s\n", id, (long long)cust, s->key,
                s->product, s->region, s->item, from, to, (long long)(q / 1000),
                (long long)(q % 1000), s->unit);
    }
}

/* Last month's 5-minute peaks of the CDN domain: the profile, a little
 * noise, and one burst in 97 samples (bursts fall in the top 5 %). */
static int write_samples(FILE *f, const window *w)
{
    char at[20];
    int64_t cust = customer_id("contoso");
    if (cust <= 0)
        return -1;
    time_t t = w->last_month - w->tz, end = w->this_month - w->tz;
    for (int i = 0; t < end; t += 300, i++) {
        int hour = (int)(((t + w->tz) / 3600) % 24);
        int mbps10 = profile[hour] * 10 + (i * 7) % 10;
        if (i % 97 == 13)
            mbps10 *= 3;
        fmt(t, "%Y-%m-%d %H:%M:%S", at, sizeof at);
        fprintf(f, "contoso-cdn-01,%lld,content_delivery_network,ap-southeast-1,%s,%d.%d\n",
                (long long)cust, at, mbps10 / 10, mbps10 % 10);
    }
    return 0;
}

/* Write one CSV file and import it as pcadm would; 0 or -1. */
static int import(const window *w, import_kind kind, const char *name)
{
    char path[128];
    import_result res;
    snprintf(path, sizeof path, "%s/%s", w->dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = 0;
    if (kind == IMPORT_USAGE) {
        fputs("record_id,customer,resource,product,region,billing_item,start,end,quantity,unit\n",
              f);
        for (size_t i = 0; i < NSTREAMS && !rc; i++)
            rc = write_stream(f, w, &streams[i]);
    } else {
        fputs("resource,customer,product,region,sampled_at,mbps\n", f);
        rc = write_samples(f, w);
    }
    if (fclose(f) || rc)
        rc = -1;
    if (!rc) {
        rc = usage_import_file(kind, path, "cli", 0, w->now_s, &res);
        if (rc || res.rejected) {
            fprintf(stderr, "pcadm: demo usage %s:\n%s", name, res.report);
            rc = -1;
        }
        free(res.report);
    }
    unlink(path);
    return rc;
}

/* Rating and bandwidth now; the daily summary of every day of the window,
 * each at 01:00 local of the day after, the last one now. */
static int run_jobs(const window *w)
{
    job_result res = {0};
    char at[20];
    if (job_rating(w->now_s, &res) || job_bandwidth(w->now_s, &res))
        return -1;
    for (time_t d = w->first; d < w->today; d += DAY) {
        utc_at(w, d, DAY + 3600, at);
        if (d + DAY >= w->today || strcmp(at, w->now_s) > 0)
            snprintf(at, sizeof at, "%s", w->now_s);
        if (job_spend_daily(at, &res))
            return -1;
    }
    return 0;
}

int pc_demo_usage(void)
{
    window w = {0};
    if (setup(&w))
        return -1;
    int rc = pc_db_tx(add_resources, &w) || import(&w, IMPORT_USAGE, "demo-usage.csv") ||
                     import(&w, IMPORT_BANDWIDTH, "demo-bandwidth.csv") || run_jobs(&w)
                 ? -1
                 : 0;
    rmdir(w.dir);
    return rc;
}
