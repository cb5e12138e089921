/* The demo access keys of the partner API (issue 7): fixed, like the demo passwords. */
#include <stdio.h>
#include <string.h>

#include "access/apikey.h"
#include "base/db.h"
#include "demo/demo.h"

enum stmt { ST_USER, ST_HAS_KEY, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_USER] = "SELECT id FROM users WHERE username = ?",
    [ST_HAS_KEY] = "SELECT COUNT(*) FROM api_keys WHERE access_key = ?",
};
PC_SQL_TABLE(demo_api_sql, sql);

static const struct {
    const char *username, *ak, *sk;
} keys[] = {
    {"csp.admin", "PCDEMOCSPADMIN000001", "pc-demo-sk-csp-admin-2026"},
    {"dist.admin", "PCDEMODISTADMIN00001", "pc-demo-sk-dist-admin-2026"},
};

static int create(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int64_t has = pc_db_int(&demo_api_sql, ST_HAS_KEY, PC_BINDS(PC_STR(keys[i].ak)), -1);
        int64_t uid = pc_db_int(&demo_api_sql, ST_USER, PC_BINDS(PC_STR(keys[i].username)), 0);
        if (has < 0 || uid < 0)
            return -1;
        if (has || uid == 0)
            continue;
        if (pc_apikey_insert(uid, keys[i].ak, keys[i].sk, "demo") < 0)
            return -1;
    }
    return 0;
}

int pc_demo_api_keys(void)
{
    if (!pc_apikey_ready()) {
        printf("demo API keys skipped: Api.secret_key_file is not set or not readable\n");
        return 0;
    }
    return pc_db_tx(create, NULL);
}
