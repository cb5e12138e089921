/*
 * What the libFuzzer harnesses of tests/fuzz/ share.  A harness feeds the
 * bytes to one parser and lets the sanitizers judge; where the parser
 * promises something (an accepted amount formats back to itself, a parsed
 * list serializes and parses back to the same list) FUZZ_CHECK says so,
 * and a broken promise aborts with the condition, which libFuzzer reports
 * as a crash with the input that caused it.
 */
#ifndef PC_FUZZ_H
#define PC_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* For a parser that reads a path: the input written to a private file, in memory (/dev/shm)
 * when there is one, removed when the harness exits.  The path, or NULL when it cannot be written.
 */
static char fuzz_path[96];

static void fuzz_remove_file(void)
{
    unlink(fuzz_path);
}

__attribute__((unused)) static const char *fuzz_write_file(const char *suffix, const uint8_t *data,
                                                           size_t size)
{
    if (!fuzz_path[0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(fuzz_path, sizeof fuzz_path, "%s/pc-fuzz-%d%s", dir, (int)getpid(), suffix);
        atexit(fuzz_remove_file);
    }
    FILE *f = fopen(fuzz_path, "wb");
    if (!f)
        return NULL;
    size_t n = fwrite(data, 1, size, f);
    return fclose(f) == 0 && n == size ? fuzz_path : NULL;
}

#endif
