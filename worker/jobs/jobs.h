/*
 * The worker's jobs.  Each job does its work in short transactions keyed so
 * that a re-run finds finished work done, and reports what it did.
 */
#ifndef PC_JOBS_H
#define PC_JOBS_H
#include <stddef.h>

typedef struct job_result {
    int items;    /* units of work done */
    int failures; /* units that failed (retried later) */
    char error[512];
} job_result;

/* `now` is "YYYY-MM-DD HH:MM:SS" UTC: the worker's idea of the time (tests move it). */
typedef int (*job_fn)(const char *now, job_result *res);

typedef struct job_def {
    const char *name;
    job_fn run;
} job_def;

int job_mail(const char *now, job_result *res);
int job_purge(const char *now, job_result *res);
int job_assignments(const char *now, job_result *res);
int job_traces(const char *now, job_result *res);
int job_development(const char *now, job_result *res);
int job_budgets(const char *now, job_result *res);
int job_release(const char *now, job_result *res);
int job_usage_spool(const char *now, job_result *res);
int job_rating(const char *now, job_result *res);
int job_bandwidth(const char *now, job_result *res);
int job_spend_daily(const char *now, job_result *res);
int job_exports(const char *now, job_result *res);
int job_bills(const char *now, job_result *res);
int job_bill_estimates(const char *now, job_result *res);
int job_coupon_expiry(const char *now, job_result *res);  /* job_coupons.c */
int job_coupon_notices(const char *now, job_result *res); /* job_coupons.c */
int job_invoice_mail(const char *now, job_result *res);   /* job_invoice_mail.c */
int job_ledger(const char *now, job_result *res);
int job_discounts(const char *now, job_result *res);
int job_due_settle(const char *now, job_result *res);      /* job_settle.c */
int job_card_autocharge(const char *now, job_result *res); /* job_settle.c */
int job_card_quota(const char *now, job_result *res);      /* job_cards.c */
int job_card_expiry(const char *now, job_result *res);     /* job_cards.c */
int job_claim_reminder(const char *now, job_result *res);  /* job_claims.c */

/* The job table; NULL-named entry ends it. */
extern const job_def pc_jobs[];
const job_def *pc_job_find(const char *name);

/* Claim every due job (advancing its next run) and run it, recording a job run.  First a job
 * whose latest run is 'running' while its worker is gone (the run's lock is free) has that run
 * marked failed ("abandoned") and is due at once.  Returns the number of jobs that failed. */
int pc_jobs_tick(const char *now);
/* Run one job now, whatever its schedule.  0 or -1. */
int pc_jobs_run(const char *name, const char *now);

#endif
