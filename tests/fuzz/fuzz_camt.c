/*
 * libFuzzer harness for the camt.053 reader of lib/billing/camt.c (outside input:
 * the vendor's bank statements, uploaded by operators).  The input is written
 * to a private file (the reader streams from a file) and checked; the reader
 * must never crash, and an entry or a statement it hands on must be whole
 * (a reference, an amount, a direction; both balances) and a statement must
 * balance.  Seeds:
 * tests/fixtures/camt/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing/camt.h"
#include "fuzz.h"

/* What the reader promises of an entry and a statement it hands on. */
static int entry_seen(void *arg, const pc_camt_stmt *s, const pc_camt_entry *e)
{
    (void)arg, (void)s;
    FUZZ_CHECK(e->ref[0] && e->status[0] && e->has_amount);
    FUZZ_CHECK(e->direction == 1 || e->direction == -1);
    FUZZ_CHECK(e->booked == (strcmp(e->status, "BOOK") == 0));
    return 0;
}

static int stmt_seen(void *arg, const pc_camt_stmt *s)
{
    (void)arg;
    FUZZ_CHECK(s->id[0] && s->has_opening && s->has_closing);
    FUZZ_CHECK(s->opening + s->sum == s->closing); /* it balances */
    FUZZ_CHECK(s->not_booked >= 0 && s->not_booked <= s->entries);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[300];
    const char *path = fuzz_write_file(".xml", data, size);
    if (!path)
        return 0;
    pc_camt_read(path, entry_seen, stmt_seen, NULL, err, sizeof err);
    return 0;
}
