#include "base/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Slot 0 holds the full statement, slot 1 the last shorter one. */
static int slot_for(bulk_stmt *s, int n)
{
    int slot = n != s->chunk;
    if (!s->table.sql)
        s->table = (pc_sql_table){s->name, s->text, s->cache, 2};
    if (s->text[slot] && s->rows[slot] == n)
        return slot;
    if (s->cache[slot])
        mysql_stmt_close(s->cache[slot]);
    s->cache[slot] = NULL;
    free((char *)s->text[slot]);
    size_t vl = strlen(s->values) + 1;
    size_t len = strlen(s->head) + (size_t)n * vl + strlen(s->tail) + 1;
    char *t = malloc(len), *p = t;
    if (!t)
        abort();
    p += sprintf(p, "%s", s->head);
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%s%s", i ? "," : "", s->values);
    sprintf(p, "%s", s->tail);
    s->text[slot] = t;
    s->rows[slot] = n;
    return slot;
}

int64_t bulk_exec(bulk_stmt *s, const pc_bind *b, int n)
{
    if (n < 1 || n > s->chunk)
        abort(); /* a programming error */
    return pc_db_exec(&s->table, slot_for(s, n), b, (size_t)n * (size_t)s->per_row, NULL);
}
