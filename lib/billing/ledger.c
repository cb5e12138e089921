#include "billing/ledger.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/log.h"

enum stmt {
    ST_ACCOUNT,
    ST_ENTRY,
    ST_POSTING,
    ST_BALANCE_ADD,
    ST_BALANCE,
    ST_UNBALANCED,
    ST_STALE,
    ST_NEGATIVE,
    ST_COUPON_CACHE,
    ST_QUOTA_CACHE,
    ST_COUNTS,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    /* LAST_INSERT_ID(id): the existing account's id comes back as the insert id */
    [ST_ACCOUNT] = "INSERT INTO ledger_accounts (code, kind, partner_id, coupon_id, created_at) "
                   "VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), UTC_TIMESTAMP()) "
                   "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
    /* affected rows 0: the key was posted before */
    [ST_ENTRY] = "INSERT INTO journal_entries (idem_key, kind, partner_id, memo, created_at) "
                 "VALUES (?, ?, NULLIF(?, 0), LEFT(?, 255), ?) ON DUPLICATE KEY UPDATE id = id",
    [ST_POSTING] = "INSERT INTO journal_postings (entry_id, account_id, amount) VALUES (?, ?, ?)",
    [ST_BALANCE_ADD] = "UPDATE ledger_accounts SET balance = balance + ? WHERE id = ?",
    [ST_BALANCE] = "SELECT balance FROM ledger_accounts WHERE id = ?",
    [ST_UNBALANCED] = "SELECT e.id, e.idem_key, COALESCE(SUM(p.amount), 0) FROM journal_entries e "
                      "LEFT JOIN journal_postings p ON p.entry_id = e.id GROUP BY e.id "
                      "HAVING COALESCE(SUM(p.amount), 0) <> 0 ORDER BY e.id",
    [ST_STALE] =
        "SELECT a.id, a.code, a.balance, COALESCE(SUM(p.amount), 0) FROM ledger_accounts a "
        "LEFT JOIN journal_postings p ON p.account_id = a.id GROUP BY a.id "
        "HAVING a.balance <> COALESCE(SUM(p.amount), 0) ORDER BY a.id",
    /* credit-normal: a positive sum is a coupon or quota below zero */
    [ST_NEGATIVE] = "SELECT a.id, a.code, -a.balance FROM ledger_accounts a "
                    "WHERE a.kind IN ('coupon', 'coupon_quota') AND a.balance > 0 ORDER BY a.id",
    [ST_COUPON_CACHE] = "SELECT c.id, c.code, c.balance, -COALESCE(a.balance, 0) FROM coupons c "
                        "LEFT JOIN ledger_accounts a ON a.code = CONCAT('coupon:', c.id) "
                        "WHERE c.balance <> -COALESCE(a.balance, 0) ORDER BY c.id",
    [ST_QUOTA_CACHE] =
        "SELECT q.partner_id, q.available, -COALESCE(a.balance, 0) FROM coupon_quotas q "
        "LEFT JOIN ledger_accounts a ON a.code = CONCAT('p', q.partner_id, ':coupon_quota') "
        "WHERE q.available <> -COALESCE(a.balance, 0) ORDER BY q.partner_id",
    [ST_COUNTS] =
        "SELECT (SELECT COUNT(*) FROM journal_entries), (SELECT COUNT(*) FROM ledger_accounts)",
};
PC_SQL_TABLE(ledger_sql, sql);

static int64_t account(const char *code, const char *kind, int64_t partner_id, int64_t coupon_id)
{
    int64_t id = 0;
    if (pc_db_exec(&ledger_sql, ST_ACCOUNT,
                   PC_BINDS(PC_STR(code), PC_STR(kind), PC_I64(partner_id), PC_I64(coupon_id)),
                   &id) < 0)
        return -1;
    return id;
}

int64_t pc_ledger_partner_account(int64_t partner_id, const char *kind)
{
    char code[64];
    snprintf(code, sizeof code, "p%" PRId64 ":%s", partner_id, kind);
    return account(code, kind, partner_id, 0);
}

int64_t pc_ledger_coupon_account(int64_t coupon_id, int64_t partner_id)
{
    char code[64];
    snprintf(code, sizeof code, "coupon:%" PRId64, coupon_id);
    return account(code, "coupon", partner_id, coupon_id);
}

int64_t pc_ledger_vendor_account(const char *kind)
{
    char code[64];
    snprintf(code, sizeof code, "vendor:%s", kind + strlen("vendor_"));
    return account(code, kind, 0, 0);
}

/* Merge postings on one account and drop zeros into out; returns the count, -1 if unbalanced. */
static int merge_postings(const pc_posting *p, size_t n, pc_posting *out)
{
    int m = 0;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += p[i].amount;
        int j = 0;
        while (j < m && out[j].account_id != p[i].account_id)
            j++;
        if (j == m)
            out[m++] = (pc_posting){p[i].account_id, 0};
        out[j].amount += p[i].amount;
    }
    int k = 0;
    for (int j = 0; j < m; j++)
        if (out[j].amount)
            out[k++] = out[j];
    return sum == 0 ? k : -1;
}

int64_t pc_ledger_post(const char *idem_key, const char *kind, int64_t partner_id, const char *memo,
                       const char *now, const pc_posting *p, size_t n)
{
    pc_posting merged[n ? n : 1];
    int m = merge_postings(p, n, merged);
    if (m < 0) {
        pc_log("ERROR", "ledger: entry %s does not balance", idem_key);
        return -1;
    }
    int64_t entry = 0;
    int64_t added = pc_db_exec(&ledger_sql, ST_ENTRY,
                               PC_BINDS(PC_STR(idem_key), PC_STR(kind), PC_I64(partner_id),
                                        PC_STR(memo ? memo : ""), PC_STR(now)),
                               &entry);
    if (added <= 0)
        return added; /* 0: posted before */
    for (int i = 0; i < m; i++)
        if (pc_db_exec(
                &ledger_sql, ST_POSTING,
                PC_BINDS(PC_I64(entry), PC_I64(merged[i].account_id), PC_I64(merged[i].amount)),
                NULL) != 1 ||
            pc_db_exec(&ledger_sql, ST_BALANCE_ADD,
                       PC_BINDS(PC_I64(merged[i].amount), PC_I64(merged[i].account_id)), NULL) != 1)
            return -1;
    return entry;
}

int pc_ledger_balance(int64_t account_id, int64_t *balance)
{
    int found = pc_db_value(&ledger_sql, ST_BALANCE, PC_BINDS(PC_I64(account_id)), 0, balance);
    return found < 0 ? -1 : 0;
}

int64_t pc_ledger_shown(const char *kind, int64_t balance)
{
    static const char *const debit_normal[] = {"receivable", "credit", "vendor_coupons",
                                               "vendor_cash", "vendor_rounding"};
    for (size_t i = 0; i < sizeof debit_normal / sizeof *debit_normal; i++)
        if (strcmp(kind, debit_normal[i]) == 0)
            return balance;
    return -balance;
}

struct report {
    char *buf;
    size_t size, used;
    int problems;
    const char *what; /* printf format of one problem row */
};

static void report_line(struct report *r, const char *line)
{
    r->problems++;
    size_t len = strlen(line);
    if (r->used + len + 2 > r->size) {
        if (r->size > 4 && r->used + 4 <= r->size && !strstr(r->buf, "…"))
            r->used += (size_t)snprintf(r->buf + r->used, r->size - r->used, "…");
        return;
    }
    r->used += (size_t)snprintf(r->buf + r->used, r->size - r->used, "%s\n", line);
}

static int problem_row(void *arg, const pc_row *row)
{
    struct report *r = arg;
    char line[300];
    const char *v[4] = {"", "", "", ""};
    for (size_t i = 0; i < row->n && i < 4; i++)
        v[i] = pc_row_str(row, i);
    snprintf(line, sizeof line, r->what, v[0], v[1], v[2], v[3]);
    report_line(r, line);
    return 0;
}

static int count_row(void *arg, const pc_row *row)
{
    int64_t *counts = arg;
    counts[0] = pc_row_i64(row, 0);
    counts[1] = pc_row_i64(row, 1);
    return 0;
}

int pc_ledger_verify(char *report, size_t size, int64_t *entries, int64_t *accounts)
{
    static const struct {
        int st;
        const char *what;
    } checks[] = {
        {ST_UNBALANCED, "entry %s (%s): postings sum to %s, not 0"},
        {ST_STALE, "account %s (%s): cached balance %s, postings sum to %s"},
        {ST_NEGATIVE, "account %s (%s): balance %s below zero"},
        {ST_COUPON_CACHE, "coupon %s (%s): balance %s, its ledger account says %s"},
        {ST_QUOTA_CACHE, "coupon quota of partner %s: available %s, its ledger account says %s"},
    };
    struct report r = {.buf = report, .size = size};
    if (size)
        report[0] = '\0';
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        r.what = checks[i].what;
        if (pc_db_query(&ledger_sql, checks[i].st, PC_NOBINDS, problem_row, &r) < 0)
            return -1;
    }
    int64_t counts[2] = {0, 0};
    if (pc_db_query(&ledger_sql, ST_COUNTS, PC_NOBINDS, count_row, counts) < 0)
        return -1;
    if (entries)
        *entries = counts[0];
    if (accounts)
        *accounts = counts[1];
    return r.problems;
}
