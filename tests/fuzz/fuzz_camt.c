/*
 * libFuzzer harness for the camt.053 reader of lib/billing/camt.c (outside input:
 * the vendor's bank statements, uploaded by operators).  The input is written
 * to a private file (the reader streams from a file) and checked; the reader
 * must never crash, and a statement it accepts must balance.  Seeds:
 * tests/fixtures/camt/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "billing/camt.h"

static char path[64];

static int stmt_seen(void *arg, const pc_camt_stmt *s)
{
    (void)arg;
    if (s->opening + s->sum != s->closing) /* the reader promised it balances */
        __builtin_trap();
    return 0;
}

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[300];
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz-camt-%d.xml", (int)getpid());
        atexit(remove_file);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    pc_camt_read(path, NULL, stmt_seen, NULL, err, sizeof err);
    return 0;
}
