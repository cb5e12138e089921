/* The bill run (job_bills.c) for callers other than the job table: the demo data. */
#ifndef PC_BILLS_H
#define PC_BILLS_H
#include "jobs/jobs.h"

/* Bill month `cycle` (yyyymm) at `now` for every partner with reseller records and no bill. */
int bills_run_cycle(int cycle, const char *now, job_result *res);

#endif
