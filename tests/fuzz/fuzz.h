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
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
