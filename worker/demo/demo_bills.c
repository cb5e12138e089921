/*
 * The demo partners' bills: the two months before this one, billed by the
 * bill run as the worker would have on day 4, and this month's estimate —
 * so that `make run` shows Partner Bills with figures.
 */
#include <stdio.h>

#include "base/clock.h"
#include "bills/bills.h"
#include "demo/demo.h"

int pc_demo_bills(void)
{
    char now[20], month[8];
    int cycle = pc_clock_cycle_at(pc_clock_now_text(now));
    for (int back = 2; back >= 1; back--) {
        int billed = pc_clock_cycle_add(cycle, -back);
        job_result res = {0};
        if (bills_run_cycle(billed, now, &res)) {
            fprintf(stderr, "demo bills of %s: %s\n", pc_clock_cycle_format(billed, month),
                    res.error);
            return -1;
        }
    }
    job_result res = {0};
    return job_bill_estimates(now, &res);
}
