/*
 * libFuzzer harness for the usage CSV reader (outside input: the usage files
 * of pcadm import-usage and the spool directory): worker/usage/usage_parse.c
 * against a small catalog, with the promises of usage_fuzz.h.  Seeds:
 * tests/fuzz/corpus_usage/.
 */
#include "usage_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_usage_file(IMPORT_USAGE, data, size);
}
