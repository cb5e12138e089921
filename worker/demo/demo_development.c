/*
 * The demo partner's customer development (9.2.2): two pre-registrations (one
 * under review) and a custom invitation link, made inside the demo
 * transaction by pc_demo_customers.
 */
#include <string.h>

#include "access/session.h"
#include "base/db.h"
#include "demo/demo.h"

enum demo_stmt { DS_PREREG, DS_LINK, DS__MAX };
static const char *const demo_sql_text[DS__MAX] = {
    [DS_PREREG] =
        "INSERT INTO preregistrations (partner_id, full_name, email, mobile, status, "
        "review_reasons, "
        "preregistered_at, expires_at, account_manager_id, created_by, remarks) VALUES (?, ?, ?, "
        "?, ?, ?, "
        "UTC_TIMESTAMP() - INTERVAL 2 DAY, UTC_TIMESTAMP() + INTERVAL 13 DAY, NULLIF(?, 0), ?, ?)",
    [DS_LINK] = "INSERT INTO invitation_links (partner_id, kind, custom_tag, account_manager_id, "
                "remarks, token, "
                "token_hash, created_by, created_at) VALUES (?, 'custom', 'expo2026', ?, ?, ?, ?, "
                "?, UTC_TIMESTAMP())",
};
PC_SQL_TABLE(dev_demo_sql, demo_sql_text);

int pc_demo_development(int64_t partner, int64_t admin, int64_t am)
{
    char token[PC_TOKEN_HEX], hash[PC_TOKEN_HEX];
    pc_token_new(token);
    pc_sha256_hex(token, strlen(token), hash);
    if (pc_db_exec(&dev_demo_sql, DS_PREREG,
                   PC_BINDS(PC_I64(partner), PC_STR("Adatum Corporation"),
                            PC_STR("cloud@adatum.example"), PC_STR("13900001111"),
                            PC_STR("PREREGISTERED"), PC_STR(""), PC_I64(am), PC_I64(am),
                            PC_STR("met at the cloud summit")),
                   NULL) != 1 ||
        pc_db_exec(&dev_demo_sql, DS_PREREG,
                   PC_BINDS(PC_I64(partner), PC_STR("成都天府软件"), PC_STR("it@tianfu.example"),
                            PC_STR(""), PC_STR("UNDER_REVIEW"), PC_STR("reg_over_7_days"),
                            PC_I64(0), PC_I64(admin), PC_STR("")),
                   NULL) != 1 ||
        pc_db_exec(&dev_demo_sql, DS_LINK,
                   PC_BINDS(PC_I64(partner), PC_I64(am), PC_STR("Expo 2026 booth"), PC_STR(token),
                            PC_STR(hash), PC_I64(am)),
                   NULL) != 1)
        return -1;
    return 0;
}
