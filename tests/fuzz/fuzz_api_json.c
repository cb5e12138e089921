/*
 * libFuzzer harness for the partner API's JSON bodies (outside input: the
 * body of every POST and PUT operation): api_parse_body of
 * cgi-bin/api_output.c, which keeps the exact text of decimals, then the
 * input getters of cgi-bin/api_input.c over the operations' fields, with the
 * promises of api_fuzz.h.  Promises of the body itself: an accepted body is
 * one object; no key of it is a wrapped decimal (a number is no key); and
 * what api_dump writes of it parses back to the same value.  Seeds:
 * tests/fuzz/corpus_api_json/.
 */
#include "api_fuzz.h"

/* No key anywhere in v is a wrapped decimal. */
static void check_keys(json_t *v)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, key, x)
        {
            FUZZ_CHECK(strncmp(key, api_marker(), strlen(api_marker())) != 0);
            check_keys(x);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x) check_keys(x);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pc_api a, b;
    api_fuzz_init();
    memset(&a, 0, sizeof a);
    a.method = "POST";
    a.request_id = "fuzz";
    a.out = json_object();
    char *body = pc_arena_alloc(&a.arena, size + 1); /* as read_body reads it: NUL-terminated */
    memcpy(body, data, size);
    a.body = body;
    a.body_len = size;
    if (api_parse_body(&a) == 0 && a.json) {
        FUZZ_CHECK(json_is_object(a.json));
        check_keys(a.json);
        char *text = api_dump(a.json);
        FUZZ_CHECK(text != NULL);
        memset(&b, 0, sizeof b);
        b.method = "POST";
        b.out = json_object();
        b.body = text;
        b.body_len = strlen(text);
        FUZZ_CHECK(api_parse_body(&b) == 0 && json_equal(a.json, b.json));
        api_fuzz_done(&b);
        free(text);
        api_fuzz_getters(&a);
    } else if (!a.json) {
        FUZZ_CHECK(size == 0 || a.status == 400);
    }
    api_fuzz_done(&a);
    return 0;
}
