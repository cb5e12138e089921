#include "query/statement_query.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/valid.h"

static const char *const accounts[] = {"top_up", "credit", NULL};
static const char *const types[] = {"top_up", "payment", "refund", "adjustment", NULL};

static int fail(pc_statement_filters *f, const char *field, const char *key)
{
    f->field = field;
    f->error = key;
    return -1;
}

int pc_statement_parse(const pc_params *in, time_t now, pc_statement_filters *f)
{
    static const pc_field acc = {"account", pc_valid_enum, 0, 0, 0, accounts};
    static const pc_field typ = {"type", pc_valid_enum, 0, 0, 0, types};
    static const pc_field day = {"from", pc_valid_date, 0, 0, 0, NULL};
    static const pc_field id = {"after", pc_valid_id, 0, 0, 0, NULL};
    char today[11], oldest[11];
    pc_value v = {0};
    memset(f, 0, sizeof *f);
    f->account = "top_up";
    f->type = "";
    pc_clock_local_date(now, today);
    pc_clock_date_add_months(today, -PC_STATEMENT_MONTHS, oldest);
    pc_clock_date_add(today, -30, f->from);
    snprintf(f->to, sizeof f->to, "%s", today);
    const char *s = pc_params_get(in, "account");
    if (s && *s) {
        if (pc_valid_enum(&acc, s, &v))
            return fail(f, "account", "funds.st.err.account");
        f->account = v.s;
    }
    s = pc_params_get(in, "type");
    if (s && *s) {
        if (pc_valid_enum(&typ, s, &v))
            return fail(f, "type", "funds.st.err.type");
        f->type = v.s;
    }
    s = pc_params_get(in, "from");
    if (s && *s) {
        if (pc_valid_date(&day, s, &v))
            return fail(f, "from", "funds.st.err.date");
        snprintf(f->from, sizeof f->from, "%s", s);
    }
    s = pc_params_get(in, "to");
    if (s && *s) {
        if (pc_valid_date(&day, s, &v))
            return fail(f, "to", "funds.st.err.date");
        snprintf(f->to, sizeof f->to, "%s", s);
    }
    s = pc_params_get(in, "after");
    if (s && *s) {
        if (pc_valid_id(&id, s, &v))
            return fail(f, "after", "funds.st.err.after");
        f->after = v.i;
    }
    s = pc_params_get(in, "before");
    if (s && *s) {
        if (pc_valid_id(&id, s, &v))
            return fail(f, "after", "funds.st.err.after");
        f->before = v.i;
    }
    if (strcmp(f->from, oldest) < 0)
        return fail(f, "from", "funds.st.err.too_old");
    if (strcmp(f->to, f->from) < 0)
        return fail(f, "to", "funds.st.err.order");
    return 0;
}

char *pc_statement_query_string(pc_arena *a, const pc_statement_filters *f)
{
    return pc_arena_printf(a, "account=%s&from=%s&to=%s&type=%s", f->account, f->from, f->to,
                           f->type);
}

/* Every posting of the account with the running balance over all its postings (the balance
 * after a line does not depend on the filters), then the filters on the outside. */
static const char head[] =
    "SELECT CONCAT('AC-', LPAD(t.entry_id, 11, '0'), '-', t.acc_no), t.created_at, t.kind, "
    "t.order_id, t.memo, IF(t.amount >= 0, 'income', 'expense'), t.amount, t.running, "
    "t.entry_id, t.idem_key FROM (SELECT e.id AS entry_id, e.idem_key, e.kind, e.memo, "
    "e.created_at, IF(a.kind = 'top_up', 0, 1) AS acc_no, -p.amount AS amount, "
    "-SUM(p.amount) OVER (ORDER BY e.id) AS running, "
    "CONCAT_WS(' / ', CONCAT('PAY-', COALESCE(pay.id, pin.id)), "
    "CONCAT('BILL-', COALESCE(pay.bill_id, pin.bill_id))) AS order_id "
    "FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id "
    "JOIN ledger_accounts a ON a.id = p.account_id "
    /* a card payment's two lines: its top-up entry (pin) and its payment entry (pay) */
    "LEFT JOIN payments pay ON pay.journal_entry_id = e.id "
    "LEFT JOIN payments pin ON pin.top_up_entry_id = e.id WHERE a.code = ?) t";

static void where(pc_arena *a, const pc_statement_filters *f, int64_t partner, pc_sql_build *b,
                  const char *select)
{
    char *from = pc_arena_alloc(a, 20), *to = pc_arena_alloc(a, 20);
    pc_clock_day_start(f->from, 0, from);
    pc_clock_day_start(f->to, 1, to);
    pc_sql_add(b, select, PC_STR(pc_arena_printf(a, "p%lld:%s", (long long)partner, f->account)));
    pc_sql_add(b, "WHERE t.created_at >= ? AND t.created_at < ?", PC_STR(from), PC_STR(to));
    if (*f->type)
        pc_sql_add(b, "AND t.kind = ?", PC_STR(f->type));
}

void pc_statement_page(pc_arena *a, const pc_statement_filters *f, int64_t partner, int64_t limit,
                       pc_sql_build *b)
{
    where(a, f, partner, b, head);
    if (f->upto)
        pc_sql_add(b, "AND t.entry_id <= ?", PC_I64(f->upto));
    else if (f->after)
        pc_sql_add(b, "AND t.entry_id < ?", PC_I64(f->after));
    pc_sql_add(b, "ORDER BY t.entry_id DESC LIMIT ?", PC_I64(limit + 1));
}

void pc_statement_above(pc_arena *a, const pc_statement_filters *f, int64_t partner, int64_t limit,
                        pc_sql_build *b)
{
    where(a, f, partner, b, head);
    pc_sql_add(b, "AND t.entry_id > ? ORDER BY t.entry_id LIMIT ?", PC_I64(f->before),
               PC_I64(limit));
}

void pc_statement_export(pc_arena *a, const pc_statement_filters *f, int64_t partner,
                         pc_sql_build *b)
{
    where(a, f, partner, b, head);
    pc_sql_add_binds(b, "ORDER BY t.entry_id", NULL, 0);
}

void pc_statement_count(pc_arena *a, const pc_statement_filters *f, int64_t partner,
                        pc_sql_build *b)
{
    static const char count_head[] =
        "SELECT COUNT(*) FROM (SELECT e.id AS entry_id, e.kind, e.created_at "
        "FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id "
        "JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = ?) t";
    where(a, f, partner, b, count_head);
}
