#include "bills/bill_complete.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"

enum stmt { ST_MISSING, ST_COUNT, ST__MAX };
/* the reseller records of each billed (partner, cycle) — a distributor's group included — that
   are on no bill and not queued as late for the next one */
#define MISSING_FROM                                                                               \
    "FROM partner_bills b JOIN partners g ON g.id = b.partner_id OR g.distributor_id = "           \
    "b.partner_id "                                                                                \
    "JOIN expenditure_lines l ON l.partner_id = g.id AND l.billing_cycle = b.billing_cycle "       \
    "AND l.association_type = 'reseller' WHERE NOT EXISTS (SELECT 1 FROM bill_lines x "            \
    "WHERE x.line_id = l.id) AND NOT EXISTS (SELECT 1 FROM bill_late_lines k WHERE k.line_id = "   \
    "l.id) "
static const char *const sql[ST__MAX] = {
    [ST_MISSING] = "SELECT l.id, l.source_key, b.partner_id, b.billing_cycle " MISSING_FROM
                   "ORDER BY l.id LIMIT 50",
    [ST_COUNT] = "SELECT COUNT(*) " MISSING_FROM,
};
PC_SQL_TABLE(complete_sql, sql);

typedef struct out {
    char *report;
    size_t size;
} out;

static int missing_row(void *arg, const pc_row *r)
{
    out *o = arg;
    size_t used = strlen(o->report);
    if (used + 1 < o->size)
        snprintf(o->report + used, o->size - used,
                 "record %s (line %s) of partner %s's cycle %s is on no bill\n", pc_row_str(r, 1),
                 pc_row_str(r, 0), pc_row_str(r, 2), pc_row_str(r, 3));
    return 0;
}

int bill_complete_check(char *report, size_t size)
{
    out o = {report, size};
    int64_t n = pc_db_int(&complete_sql, ST_COUNT, PC_NOBINDS, -1);
    if (n < 0)
        return -1;
    if (n && pc_db_query(&complete_sql, ST_MISSING, PC_NOBINDS, missing_row, &o) < 0)
        return -1;
    return (int)n;
}
