/* Unit tests of lib/base/conf.c: loading and checking the config file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/conf.h"

typedef struct conf_file {
    char path[64];
    char err[512];
} conf_file;

/* Write text to a fresh temporary file and load it; returns pc_conf_load's result. */
static int load_text(conf_file *c, const char *text)
{
    snprintf(c->path, sizeof c->path, "/tmp/pc_conf_test_XXXXXX");
    int fd = mkstemp(c->path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    c->err[0] = '\0';
    int rc = pc_conf_load(c->path, c->err, sizeof c->err);
    unlink(c->path);
    return rc;
}

static void assert_err_has(const conf_file *c, const char *part)
{
    if (!strstr(c->err, part))
        fail_msg("error \"%s\" lacks \"%s\"", c->err, part);
}

/* Start every test from an empty file: only defaults. */
static int reset(void **state)
{
    conf_file c;
    (void)state;
    return load_text(&c, "# empty\n");
}

static void test_valid_file(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session.idle_minutes = 45\nSite.name = Acme Portal\n"), 0);
    assert_int_equal(pc_conf_int("Session.idle_minutes"), 45);
    assert_string_equal(pc_conf_str("Site.name"), "Acme Portal");
}

static void test_defaults_for_absent_keys(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session.idle_minutes = 45\n"), 0);
    assert_int_equal(pc_conf_int("Session.absolute_hours"), 12);
    assert_int_equal(pc_conf_int("Password.argon2_memory_kib"), 19456);
    assert_string_equal(pc_conf_str("Billing.timezone"), "+08:00");
    assert_string_equal(pc_conf_str("Site.name"), "Partner Center");
    assert_string_equal(pc_conf_str("DB.password"), "");
    assert_int_equal(pc_conf_int("Usage.max_future_seconds"), 900);
}

static void test_unknown_key(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "# a comment\nSite.name = X\nSession.idle_minutez = 5\n"), -1);
    assert_err_has(&c, c.path);
    assert_err_has(&c, ":3:");
    assert_err_has(&c, "Session.idle_minutez");
}

/* The line reported is the one of the key itself, not of an earlier key with the same last name. */
static void test_unknown_key_line(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Mail.max_attempts = 5\nLogin.max_attempts = 3\n"), -1);
    assert_err_has(&c, ":2:");
    assert_int_equal(load_text(&c, "Mail {\n  batch = 5\n}\nLogin {\n  batch = 3\n}\n"), -1);
    assert_err_has(&c, ":5: unknown key 'Login.batch'");
}

static void test_unknown_section(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Bogus.key = 1\n"), -1);
    assert_err_has(&c, ":1:");
    assert_err_has(&c, "Bogus.key");
}

static void test_int_out_of_range(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Site.name = X\nSession.idle_minutes = 0\n"), -1);
    assert_err_has(&c, c.path);
    assert_err_has(&c, ":2:");
    assert_err_has(&c, "Session.idle_minutes");
    assert_int_equal(load_text(&c, "Session.idle_minutes = 1441\n"), -1);
    assert_err_has(&c, "Session.idle_minutes");
    assert_int_equal(load_text(&c, "Usage.max_future_seconds = -1\n"), -1);
    assert_err_has(&c, "Usage.max_future_seconds");
    assert_int_equal(load_text(&c, "Usage {\n  max_future_seconds = 31622401\n}\n"), -1);
    assert_err_has(&c, "Usage.max_future_seconds");
}

static void test_int_bounds_accepted(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session.idle_minutes = 1\n"), 0);
    assert_int_equal(pc_conf_int("Session.idle_minutes"), 1);
    assert_int_equal(load_text(&c, "Session.idle_minutes = 1440\n"), 0);
    assert_int_equal(pc_conf_int("Session.idle_minutes"), 1440);
}

static void test_int_not_a_number(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Login.max_failures = five\n"), -1);
    assert_err_has(&c, "Login.max_failures");
    assert_int_equal(load_text(&c, "Login.max_failures = 5x\n"), -1);
    assert_int_equal(load_text(&c, "Login.max_failures =\n"), -1);
}

static void test_nested_form(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session {\n    idle_minutes = 20\n    absolute_hours = 2\n}\n"),
                     0);
    assert_int_equal(pc_conf_int("Session.idle_minutes"), 20);
    assert_int_equal(pc_conf_int("Session.absolute_hours"), 2);
}

static void test_nested_unknown_key(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session {\n    idle_minutes = 20\n    bogus = 1\n}\n"), -1);
    assert_err_has(&c, ":3:");
    assert_err_has(&c, "Session.bogus");
}

static void test_failed_load_keeps_previous(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session.idle_minutes = 45\n"), 0);
    assert_int_equal(load_text(&c, "Session.idle_minutes = 9999\n"), -1);
    assert_int_equal(pc_conf_int("Session.idle_minutes"), 45);
}

static void test_reload_replaces(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Session.idle_minutes = 45\n"), 0);
    assert_int_equal(load_text(&c, "Site.name = Y\n"), 0);
    assert_int_equal(pc_conf_int("Session.idle_minutes"), 30);
}

static void test_missing_file(void **state)
{
    char err[512] = "";
    (void)state;
    assert_int_equal(pc_conf_load("/nonexistent/pc-test.hdf", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/pc-test.hdf"));
}

static void test_set_overrides(void **state)
{
    (void)state;
    pc_conf_set("Mail.batch", "7");
    assert_int_equal(pc_conf_int("Mail.batch"), 7);
}

/* A link ("A : B") is refused with its key and line; one to an ancestor made the walk over the
 * keys recurse until the stack overflowed (found by tests/fuzz/fuzz_conf.c). */
static void test_link_refused(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Site.name = A\nSite.vendor_name : Site.name\n"), -1);
    assert_err_has(&c, ":2: key 'Site.vendor_name' is a link");
    assert_int_equal(load_text(&c, "Site.name = A\nSite.loop : Site\n"), -1);
    assert_err_has(&c, "key 'Site.loop' is a link");
    assert_int_equal(load_text(&c, "Top : \n"), -1);
    assert_err_has(&c, "key 'Top' is a link");
    /* refused before ClearSilver reads it: there "Site.x" walked the link to itself for ever */
    assert_int_equal(load_text(&c, "Site {\n  name = A\n}\nSite [a=\"]\"] : Site\nSite.x = 1\n"),
                     -1);
    assert_err_has(&c, ":4: key 'Site' is a link");
    /* "a : b" inside a multi-line value is text */
    assert_int_equal(load_text(&c, "Site.name << EOM\nnot : a link\nEOM\nSite.vendor_name = V\n"),
                     0);
    assert_string_equal(pc_conf_str("Site.name"), "not : a link\n");
    assert_string_equal(pc_conf_str("Site.vendor_name"), "V");
}

/* A name longer than any key is unknown, however deep it goes. */
static void test_long_name_unknown(void **state)
{
    conf_file c;
    char text[2100] = "";
    (void)state;
    for (int i = 0; i < 1000; i++)
        strcat(text, "a.");
    strcat(text, "b = 1\n");
    assert_int_equal(load_text(&c, text), -1);
    assert_err_has(&c, "unknown key 'a.a.a.");
}

/* The billing time zone is an offset the clock can count days in; it reaches the clock. */
static void test_timezone(void **state)
{
    conf_file c;
    (void)state;
    assert_int_equal(load_text(&c, "Billing {\n  timezone = -05:30\n}\n"), 0);
    assert_int_equal(pc_clock_zone_offset(), -(5 * 3600 + 30 * 60));
    assert_int_equal(load_text(&c, "Site.name = X\nBilling.timezone = Asia/Shanghai\n"), -1);
    assert_err_has(&c, ":2: key 'Billing.timezone' must be an offset from UTC such as +08:00");
    assert_int_equal(pc_clock_zone_offset(), -(5 * 3600 + 30 * 60)); /* the previous config */
    assert_int_equal(load_text(&c, "# empty\n"), 0);
    assert_string_equal(pc_clock_zone(), "+08:00"); /* the default again */
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, reset)
    const struct CMUnitTest tests[] = {
        T(test_valid_file),
        T(test_defaults_for_absent_keys),
        T(test_unknown_key),
        T(test_unknown_section),
        T(test_int_out_of_range),
        T(test_int_bounds_accepted),
        T(test_int_not_a_number),
        T(test_nested_form),
        T(test_nested_unknown_key),
        T(test_failed_load_keeps_previous),
        T(test_reload_replaces),
        T(test_missing_file),
        T(test_set_overrides),
        T(test_link_refused),
        T(test_long_name_unknown),
        T(test_timezone),
        cmocka_unit_test(test_unknown_key_line),
    };
#undef T
    return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
