/*
 * The demo partners' bills: the two months before this one, billed by the
 * bill run as the worker would have on day 4, and this month's estimate —
 * so that `make run` shows Partner Bills with figures.
 */
#include <stdio.h>
#include <time.h>

#include "bills/bills.h"
#include "demo/demo.h"
#include "base/view.h"

int pc_demo_bills(void)
{
    char now[20], today[11];
    time_t t = time(NULL);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", gmtime(&t));
    pc_view_local_date(t, today);
    int y = 0, m = 0;
    sscanf(today, "%d-%d", &y, &m);
    for (int back = 2; back >= 1; back--) {
        int cy = y, cm = m - back;
        if (cm < 1)
            cm += 12, cy--;
        job_result res = {0};
        if (bills_run_cycle(cy * 100 + cm, now, &res)) {
            fprintf(stderr, "demo bills of %04d-%02d: %s\n", cy, cm, res.error);
            return -1;
        }
    }
    job_result res = {0};
    return job_bill_estimates(now, &res);
}
