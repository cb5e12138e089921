/* Unit tests of lib/ratelimit.c: a fixed one-second window per key in the shared slots. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <unistd.h>

#include "conf.h"
#include "ratelimit.h"

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/pc-rate-test-%d", (int)getpid());
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

static void test_limit_per_second(void **state)
{
    (void)state;
    time_t t = 1790000000;
    for (int i = 0; i < 3; i++)
        assert_int_equal(pc_rate_allow("AKONE", 3, t), 1);
    assert_int_equal(pc_rate_allow("AKONE", 3, t), 0);
    assert_int_equal(pc_rate_allow("AKONE", 3, t), 0);
    assert_int_equal(pc_rate_allow("AKTWO", 3, t), 1); /* each key its own count */
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
        cmocka_unit_test(test_limit_per_second),
        cmocka_unit_test(test_no_limit),
        cmocka_unit_test(test_one_key_many_seconds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
