/*
 * libFuzzer harness for the bandwidth CSV reader (outside input: the 5-minute
 * samples of pcadm import-bandwidth): worker/usage/usage_parse.c against a
 * small catalog, with the promises of usage_fuzz.h.  Seeds:
 * tests/fuzz/corpus_bandwidth/.
 */
#include "usage_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_usage_file(IMPORT_BANDWIDTH, data, size);
}
