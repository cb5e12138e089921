/*
 * libFuzzer harness for the partner API's query strings (outside input: the
 * parameters of every GET and DELETE operation): the query parsed as pc-api
 * parses it (pc_req_parse_urlencoded), then the input getters of
 * cgi-bin/api_input.c over the operations' fields, with the promises of
 * api_fuzz.h.  Seeds: tests/fuzz/corpus_api_query/.
 */
#include "api_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_api a;
    api_fuzz_init();
    memset(&a, 0, sizeof a);
    a.method = "GET";
    a.request_id = "fuzz";
    a.out = json_object();
    /* QUERY_STRING is a C string */
    const char *qs = pc_arena_strndup(&a.arena, (const char *)data, size);
    if (pc_req_parse_urlencoded(&a.arena, qs, strlen(qs), &a.query) == 0)
        api_fuzz_getters(&a);
    api_fuzz_done(&a);
    return 0;
}
