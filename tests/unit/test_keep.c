/* Unit tests of what processes share through the Paths.generation file: lib/base/generation.c
 * and lib/base/keep.c (a kept copy is handed back only while the shared counter has not moved and
 * before its deadline) and lib/base/ratelimit.c (a fixed one-second window per key). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/conf.h"
#include "base/generation.h"
#include "base/keep.h"
#include "base/ratelimit.h"

PC_KEEP(table, 8);
static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/pc-keep-test-%d", (int)getpid());
    unlink(path);
    pc_conf_set("Paths.generation", path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static void test_kept_until_the_generation_moves(void **state)
{
    (void)state;
    uint64_t gen = pc_gen_now();
    assert_true(gen != 0);
    pc_keep_put(&table, "a", gen, time(NULL) + 60, "alpha", 6);
    size_t len = 0;
    const char *got = pc_keep_get(&table, "a", &len);
    assert_non_null(got);
    assert_string_equal(got, "alpha");
    assert_int_equal(len, 6);
    pc_gen_bump();
    assert_true(pc_gen_now() != gen);
    assert_null(pc_keep_get(&table, "a", NULL));
}

static void test_read_before_a_change_is_stale(void **state)
{
    (void)state;
    uint64_t before = pc_gen_now(); /* taken before the read… */
    pc_gen_bump();                  /* …a change commits while the read runs… */
    pc_keep_put(&table, "b", before, time(NULL) + 60, "old", 4);
    assert_null(pc_keep_get(&table, "b", NULL)); /* …so the copy is never served */
}

static void test_deadline_and_key(void **state)
{
    (void)state;
    pc_keep_put(&table, "c", pc_gen_now(), time(NULL) - 1, "past", 5);
    assert_null(pc_keep_get(&table, "c", NULL));
    pc_keep_put(&table, "d", pc_gen_now(), time(NULL) + 60, "dee", 4);
    assert_null(pc_keep_get(&table, "e", NULL)); /* another key, even in the same slot */
    assert_string_equal(pc_keep_get(&table, "d", NULL), "dee");
    char long_key[PC_KEEP_KEY + 10];
    memset(long_key, 'k', sizeof long_key - 1);
    long_key[sizeof long_key - 1] = '\0';
    pc_keep_put(&table, long_key, pc_gen_now(), time(NULL) + 60, "x", 2);
    assert_null(pc_keep_get(&table, long_key, NULL));
}

static void test_the_counter_is_the_files(void **state)
{
    (void)state;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint64_t on_disk = 0;
    assert_int_equal(fread(&on_disk, 8, 1, f), 1);
    fclose(f);
    assert_true(on_disk + 1 == pc_gen_now()); /* what another process (or the test harness) sees */
}

static void test_limit_per_second(void **state)
{
    (void)state;
    time_t t = 1790000000;
    for (int i = 0; i < 3; i++)
        assert_int_equal(pc_rate_allow("AKONE", 3, t), 1);
    assert_int_equal(pc_rate_allow("AKONE", 3, t), 0);
    assert_int_equal(pc_rate_allow("AKONE", 3, t), 0);
    assert_int_equal(pc_rate_allow("AKTWO", 3, t), 1);     /* each key its own count */
    assert_int_equal(pc_rate_allow("AKONE", 3, t + 1), 1); /* a new second, a new window */
    assert_int_equal(pc_rate_allow("AKONE", 3, t + 1), 1);
}

static void test_no_limit(void **state)
{
    (void)state;
    time_t t = 1790000100;
    for (int i = 0; i < 100; i++)
        assert_int_equal(pc_rate_allow("AKFREE", 0, t), 1);
}

static void test_one_key_many_seconds(void **state)
{
    (void)state;
    time_t t = 1790000200;
    int allowed = 0;
    for (int s = 0; s < 5; s++)
        for (int i = 0; i < 10; i++)
            allowed += pc_rate_allow("AKBUSY", 4, t + s);
    assert_int_equal(allowed, 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept_until_the_generation_moves),
        cmocka_unit_test(test_read_before_a_change_is_stale),
        cmocka_unit_test(test_deadline_and_key),
        cmocka_unit_test(test_the_counter_is_the_files),
        cmocka_unit_test(test_limit_per_second),
        cmocka_unit_test(test_no_limit),
        cmocka_unit_test(test_one_key_many_seconds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
