/* Unit tests of the database-free parts of lib/access/session.c: hashing, tokens, passwords. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/conf.h"
#include "access/session.h"

static int is_lower_hex64(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static void test_sha256_known_vectors(void **state)
{
    char out[PC_TOKEN_HEX];
    (void)state;
    pc_sha256_hex("abc", 3, out);
    assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    pc_sha256_hex("", 0, out);
    assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_uses_len(void **state)
{
    char out[PC_TOKEN_HEX];
    (void)state;
    pc_sha256_hex("abcdef", 3, out); /* only "abc" */
    assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_token_new(void **state)
{
    char a[PC_TOKEN_HEX], b[PC_TOKEN_HEX];
    (void)state;
    memset(a, 'X', sizeof a);
    memset(b, 'X', sizeof b);
    pc_token_new(a);
    pc_token_new(b);
    assert_true(is_lower_hex64(a));
    assert_true(is_lower_hex64(b));
    assert_string_not_equal(a, b);
}

static void test_token_equal(void **state)
{
    (void)state;
    assert_true(pc_token_equal("abc123", "abc123"));
    assert_false(pc_token_equal("abc123", "abc124"));
    assert_false(pc_token_equal("xbc123", "abc123"));
    assert_false(pc_token_equal("abc123", "abc1234"));
    assert_false(pc_token_equal("abc1234", "abc123"));
    assert_false(pc_token_equal("", ""));
    assert_false(pc_token_equal("", "a"));
}

static void test_token_equal_tokens(void **state)
{
    char a[PC_TOKEN_HEX], b[PC_TOKEN_HEX];
    (void)state;
    pc_token_new(a);
    memcpy(b, a, sizeof a);
    assert_true(pc_token_equal(a, b));
    b[63] = b[63] == '0' ? '1' : '0';
    assert_false(pc_token_equal(a, b));
}

static int fast_argon2(void **state)
{
    (void)state;
    pc_conf_set("Password.argon2_memory_kib", "1024");
    pc_conf_set("Password.argon2_iterations", "1");
    return 0;
}

static void test_password_hash_and_verify(void **state)
{
    char hash[128];
    (void)state;
    assert_int_equal(pc_password_hash("abcd1234", hash, sizeof hash), 0);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_non_null(strstr(hash, "m=1024"));
    assert_int_equal(pc_password_verify(hash, "abcd1234"), 0);
    assert_int_equal(pc_password_verify(hash, "abcd1235"), -1);
    assert_int_equal(pc_password_verify(hash, "abcd123"), -1);
    assert_int_equal(pc_password_verify(hash, ""), -1);
}

static void test_password_salted(void **state)
{
    char h1[128], h2[128];
    (void)state;
    assert_int_equal(pc_password_hash("same-pw1", h1, sizeof h1), 0);
    assert_int_equal(pc_password_hash("same-pw1", h2, sizeof h2), 0);
    assert_string_not_equal(h1, h2);
    assert_int_equal(pc_password_verify(h2, "same-pw1"), 0);
}

static void test_password_bad_hashes(void **state)
{
    char hash[128], other[140];
    (void)state;
    assert_int_equal(pc_password_hash("abcd1234", hash, sizeof hash), 0);
    /* the same parameters, salt and digest under Argon2i must be refused */
    strcpy(other, "$argon2i$");
    strcat(other, hash + strlen("$argon2id$"));
    assert_int_equal(pc_password_verify(other, "abcd1234"), -1);
    hash[strlen(hash) - 10] = '\0'; /* truncated digest */
    assert_int_equal(pc_password_verify(hash, "abcd1234"), -1);
    assert_int_equal(pc_password_verify("abcd1234", "abcd1234"), -1);
    assert_int_equal(pc_password_verify("", "abcd1234"), -1);
    assert_int_equal(pc_password_verify(NULL, "abcd1234"), -1);
}

static void test_password_hash_buffer_too_small(void **state)
{
    char small[32];
    (void)state;
    assert_int_equal(pc_password_hash("abcd1234", small, sizeof small), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_known_vectors),
        cmocka_unit_test(test_sha256_uses_len),
        cmocka_unit_test(test_token_new),
        cmocka_unit_test(test_token_equal),
        cmocka_unit_test(test_token_equal_tokens),
        cmocka_unit_test(test_password_hash_and_verify),
        cmocka_unit_test(test_password_salted),
        cmocka_unit_test(test_password_bad_hashes),
        cmocka_unit_test(test_password_hash_buffer_too_small),
    };
    return cmocka_run_group_tests_name("crypto", tests, fast_argon2, NULL);
}
