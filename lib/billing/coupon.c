#include "billing/coupon.h"

#include <inttypes.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "billing/ledger.h"

enum stmt {
    ST_INSERT,
    ST_SET_BALANCE,
    ST_QUOTA_ENSURE,
    ST_QUOTA_LOCK,
    ST_QUOTA_ADD,
    ST_LOG,
    ST_LOCK,
    ST_CLOSE,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    /* balance 0 until the ledger entry is posted (the CHECK allows it) */
    [ST_INSERT] =
        "INSERT INTO coupons (code, name, issuer, owner_partner_id, customer_id, "
        "reseller_id, kind, face_value, balance, valid_from, valid_to, product_id, "
        "excluded_product_id, billing_mode, region, no_promotion, remarks, status, "
        "created_by, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, 0, "
        "?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, ''), ?, ?, ?, 'available', "
        "NULLIF(?, 0), ?)",
    [ST_SET_BALANCE] = "UPDATE coupons SET balance = ? WHERE id = ?",
    [ST_QUOTA_ENSURE] =
        "INSERT IGNORE INTO coupon_quotas (partner_id, total, available, updated_at) "
        "VALUES (?, 0, 0, ?)",
    [ST_QUOTA_LOCK] = "SELECT available FROM coupon_quotas WHERE partner_id = ? FOR UPDATE",
    [ST_QUOTA_ADD] = "UPDATE coupon_quotas SET total = total + ?, available = available + ?, "
                     "updated_at = ? WHERE partner_id = ?",
    [ST_LOG] = "INSERT INTO coupon_operation_logs (partner_id, op_type, coupon_id, customer_id, "
               "amount, user_id, result, remarks, created_at) "
               "VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, NULLIF(?, 0), ?, LEFT(?, 255), ?)",
    [ST_LOCK] = "SELECT owner_partner_id, issuer, status, balance, customer_id, valid_to < ? "
                "FROM coupons WHERE id = ? AND (? = 0 OR owner_partner_id = ?) FOR UPDATE",
    [ST_CLOSE] = "UPDATE coupons SET status = ?, balance = 0 WHERE id = ?",
};
PC_SQL_TABLE(coupon_sql, sql);

/* "CP" + 16 characters of [0-9A-Z] from the system's randomness. */
static void new_code(char out[19])
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        abort(); /* no randomness: nothing safe can be done */
    out[0] = 'C', out[1] = 'P';
    for (int i = 0; i < 16; i++)
        out[2 + i] = alphabet[b[i] % 36];
    out[18] = '\0';
}

static int log_op(int64_t partner, const char *op, int64_t coupon, int64_t customer, int64_t amount,
                  int64_t user, const char *result, const char *remarks, const char *now,
                  int64_t *id)
{
    return pc_db_exec(&coupon_sql, ST_LOG,
                      PC_BINDS(PC_I64(partner), PC_STR(op), PC_I64(coupon), PC_I64(customer),
                               PC_I64(amount), PC_I64(user), PC_STR(result),
                               PC_STR(remarks ? remarks : ""), PC_STR(now)),
                      id) == 1
               ? 0
               : -1;
}

/* The quota's available amount, its row locked (created at 0 when missing); -1 on error. */
static int64_t quota_lock(int64_t partner, const char *now)
{
    if (pc_db_exec(&coupon_sql, ST_QUOTA_ENSURE, PC_BINDS(PC_I64(partner), PC_STR(now)), NULL) < 0)
        return -1;
    return pc_db_int(&coupon_sql, ST_QUOTA_LOCK, PC_BINDS(PC_I64(partner)), -1);
}

static int quota_add(int64_t partner, int64_t total, int64_t available, const char *now)
{
    return pc_db_exec(&coupon_sql, ST_QUOTA_ADD,
                      PC_BINDS(PC_I64(total), PC_I64(available), PC_STR(now), PC_I64(partner)),
                      NULL) == 1
               ? 0
               : -1;
}

static int64_t insert_coupon(const pc_coupon_new *n, const char *now)
{
    for (int attempt = 0; attempt < 3; attempt++) {
        char code[19];
        int64_t id = 0;
        if (n->code)
            snprintf(code, sizeof code, "%s", n->code);
        else
            new_code(code);
        int64_t rows = pc_db_exec(
            &coupon_sql, ST_INSERT,
            PC_BINDS(PC_STR(code), PC_STR(n->name), PC_STR(n->issuer), PC_I64(n->partner_id),
                     PC_I64(n->customer_id), PC_I64(n->reseller_id), PC_STR(n->kind),
                     PC_I64(n->face_value), PC_STR(n->valid_from), PC_STR(n->valid_to),
                     PC_I64(n->product_id), PC_I64(n->excluded_product_id),
                     PC_STR(n->billing_mode ? n->billing_mode : ""),
                     PC_STR(n->region ? n->region : ""), PC_I64(n->no_promotion ? 1 : 0),
                     PC_STR(n->remarks ? n->remarks : ""), PC_I64(n->user_id), PC_STR(now)),
            &id);
        if (rows == 1)
            return id;
        if (n->code || pc_db_errno() != 1062) /* a code drawn twice is drawn again */
            return -1;
    }
    return -1;
}

int pc_coupon_issue(const pc_coupon_new *n, const char *now, int64_t *id)
{
    int partner_issue = strcmp(n->issuer, "partner") == 0;
    int64_t from;
    if (partner_issue) {
        int64_t available = quota_lock(n->partner_id, now);
        if (available < 0)
            return -1;
        if (available < n->face_value)
            return PC_COUPON_NO_QUOTA;
        from = pc_ledger_partner_account(n->partner_id, "coupon_quota");
    } else {
        from = pc_ledger_vendor_account("vendor_coupons");
    }
    *id = insert_coupon(n, now);
    if (*id < 0 || from < 0)
        return -1;
    int64_t to = pc_ledger_coupon_account(*id, n->partner_id);
    if (to < 0)
        return -1;
    char key[64], memo[160];
    snprintf(key, sizeof key, "%s:%" PRId64, partner_issue ? "coupon_grant" : "coupon_issue", *id);
    snprintf(memo, sizeof memo, "coupon %s", n->name);
    pc_posting p[2] = {{from, n->face_value}, {to, -n->face_value}};
    if (pc_ledger_post(key, "coupon_issue", n->partner_id, memo, now, p, 2) <= 0 ||
        pc_db_exec(&coupon_sql, ST_SET_BALANCE, PC_BINDS(PC_I64(n->face_value), PC_I64(*id)),
                   NULL) != 1)
        return -1;
    if (!partner_issue)
        return 0;
    if (quota_add(n->partner_id, 0, -n->face_value, now))
        return -1;
    return log_op(n->partner_id, "issue_coupon", *id, n->customer_id, n->face_value, n->user_id,
                  "success", n->remarks, now, NULL);
}

typedef struct locked {
    int found;
    int64_t partner, balance, customer;
    char issuer[10], status[12];
    int expired;
} locked;

static int locked_row(void *arg, const pc_row *r)
{
    locked *l = arg;
    l->found = 1;
    l->partner = pc_row_i64(r, 0);
    snprintf(l->issuer, sizeof l->issuer, "%s", pc_row_str(r, 1));
    snprintf(l->status, sizeof l->status, "%s", pc_row_str(r, 2));
    l->balance = pc_row_i64(r, 3);
    l->customer = pc_row_i64(r, 4);
    l->expired = pc_row_i64(r, 5) == 1;
    return 1;
}

int pc_coupon_close(int64_t coupon_id, int64_t partner_id, pc_coupon_close_how how, const char *now,
                    int64_t user_id, const char *remarks, int64_t *amount)
{
    static const char *const key_of[] = {"coupon_revoke", "coupon_expiry", "coupon_reclaim"};
    static const char *const kind_of[] = {"coupon_reclaim", "coupon_expiry", "coupon_reclaim"};
    locked l = {0};
    if (pc_db_query(
            &coupon_sql, ST_LOCK,
            PC_BINDS(PC_STR(now), PC_I64(coupon_id), PC_I64(partner_id), PC_I64(partner_id)),
            locked_row, &l) < 0)
        return -1;
    if (!l.found || (how == PC_COUPON_RECLAIM && strcmp(l.issuer, "partner") != 0))
        return PC_COUPON_NOT_FOUND;
    if (strcmp(l.status, "available") != 0 || (how == PC_COUPON_EXPIRE && !l.expired))
        return PC_COUPON_STATE;
    int64_t to = how == PC_COUPON_RECLAIM ? pc_ledger_partner_account(l.partner, "coupon_quota")
                                          : pc_ledger_vendor_account("vendor_coupons");
    int64_t from = pc_ledger_coupon_account(coupon_id, l.partner);
    if (to < 0 || from < 0)
        return -1;
    char key[64];
    snprintf(key, sizeof key, "%s:%" PRId64, key_of[how], coupon_id);
    pc_posting p[2] = {{from, l.balance}, {to, -l.balance}};
    if (pc_ledger_post(key, kind_of[how], l.partner, remarks, now, p, 2) <= 0 ||
        pc_db_exec(
            &coupon_sql, ST_CLOSE,
            PC_BINDS(PC_STR(how == PC_COUPON_RECLAIM ? "reclaimed" : "invalid"), PC_I64(coupon_id)),
            NULL) != 1)
        return -1;
    if (amount)
        *amount = l.balance;
    if (how != PC_COUPON_RECLAIM)
        return 0;
    if (quota_lock(l.partner, now) < 0 || quota_add(l.partner, 0, l.balance, now))
        return -1;
    return log_op(l.partner, "reclaim_coupon", coupon_id, l.customer, l.balance, user_id, "success",
                  remarks, now, NULL);
}

int pc_coupon_quota_change(int64_t partner_id, int64_t amount, int64_t user_id, const char *remarks,
                           const char *now)
{
    int64_t available = quota_lock(partner_id, now);
    if (available < 0)
        return -1;
    if (amount < 0 && available < -amount)
        return PC_COUPON_NO_QUOTA;
    int grant = amount > 0;
    int64_t log_id = 0;
    if (log_op(partner_id, grant ? "issue_quota" : "reclaim_quota", 0, 0, grant ? amount : -amount,
               user_id, "success", remarks, now, &log_id))
        return -1;
    int64_t vendor = pc_ledger_vendor_account("vendor_coupons");
    int64_t quota = pc_ledger_partner_account(partner_id, "coupon_quota");
    if (vendor < 0 || quota < 0)
        return -1;
    char key[64];
    snprintf(key, sizeof key, "%s:%" PRId64, grant ? "quota_grant" : "quota_reclaim", log_id);
    pc_posting p[2] = {{vendor, amount}, {quota, -amount}};
    if (pc_ledger_post(key, grant ? "quota_grant" : "quota_reclaim", partner_id, remarks, now, p,
                       2) <= 0)
        return -1;
    return quota_add(partner_id, amount, amount, now);
}

int pc_coupon_log_failed(int64_t partner_id, const char *op_type, int64_t customer_id,
                         int64_t amount, int64_t user_id, const char *remarks, const char *now)
{
    return log_op(partner_id, op_type, 0, customer_id, amount, user_id, "failed", remarks, now,
                  NULL);
}
