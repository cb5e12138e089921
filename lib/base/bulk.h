/*
 * bulk — multi-row INSERT statements for the importers and rating: "head"
 * followed by n times "values" (comma-separated) and "tail", all constant
 * fragments of the caller (never input), with n × binds-per-row binds.  The
 * statement for `chunk` rows and the one for the last shorter chunk are
 * prepared once and kept (the short one recomposed when its length changes).
 */
#ifndef PC_BULK_H
#define PC_BULK_H
#include "base/db.h"

typedef struct bulk_stmt {
    const char *name, *head, *values, *tail;
    int chunk;   /* rows of a full statement */
    int per_row; /* binds per row */
    /* private */
    const char *text[2];
    int rows[2];
    MYSQL_STMT *cache[2];
    pc_sql_table table;
} bulk_stmt;

#define BULK_STMT(var, head_, values_, tail_, chunk_, per_row_)                                    \
    static bulk_stmt var = {.name = #var,                                                          \
                            .head = head_,                                                         \
                            .values = values_,                                                     \
                            .tail = tail_,                                                         \
                            .chunk = chunk_,                                                       \
                            .per_row = per_row_}

/* Run the statement for n rows (1..chunk) with n × per_row binds; affected rows or -1. */
int64_t bulk_exec(bulk_stmt *s, const pc_bind *b, int n);

#endif
