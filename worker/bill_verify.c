/*
 * `pcadm verify-bill PARTNER YYYY-MM` — recompute a stored bill from the
 * rated records, the discounts and the coupons as they stood before the
 * bill (their balances from the ledger), and compare: the stored lines with
 * the bill's SHA-256, the stored header with its lines, and the stored lines
 * with the recomputed ones.  Prints "equal" or the first difference.
 */
#include "bill_verify.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bill_load.h"
#include "db.h"

enum stmt { ST_PARTNER, ST_BILL, ST_LINES, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] = "SELECT id FROM partners WHERE account_name = ? OR id = ?",
    [ST_BILL] = "SELECT id, COALESCE(journal_entry_id, 0), generated_at, canonical_sha256, "
                "tax_region, tax_rate_ppm, line_count, list_total, expenditures, refunds, "
                "adjustments, total_exact, total_rounded, coupons_used, tax, amount_due, credited "
                "FROM partner_bills WHERE partner_id = ? AND billing_cycle = ?",
    [ST_LINES] = "SELECT line_id, customer_id, product_id, bill_type, billing_mode, list_amount, "
                 "settlement_type, COALESCE(discount_ppm, -1), COALESCE(fixed_price, -1), "
                 "COALESCE(linear_size_milli, -1), COALESCE(usage_days_bp, -1), discount_ref, "
                 "settlement, coupons, refund_coupons, tax, amount_due, COALESCE(partner_id, 0), "
                 "COALESCE(late_cycle, 0), covered FROM bill_lines "
                 "WHERE bill_id = ? ORDER BY line_id",
};
PC_SQL_TABLE(verify_sql, sql);

typedef struct stored {
    int64_t id, entry_id;
    char generated_at[20], sha[65], tax_region[3];
    int32_t tax_rate_ppm;
    bc_totals t;
    int found;
} stored;

static int bill_row(void *arg, const pc_row *r)
{
    stored *s = arg;
    s->id = pc_row_i64(r, 0);
    s->entry_id = pc_row_i64(r, 1);
    snprintf(s->generated_at, sizeof s->generated_at, "%s", pc_row_str(r, 2));
    snprintf(s->sha, sizeof s->sha, "%s", pc_row_str(r, 3));
    snprintf(s->tax_region, sizeof s->tax_region, "%s", pc_row_str(r, 4));
    s->tax_rate_ppm = (int32_t)pc_row_i64(r, 5);
    int64_t *f[] = {&s->t.lines,       &s->t.list_total,    &s->t.expenditures, &s->t.refunds,
                    &s->t.adjustments, &s->t.total_exact,   &s->t.total_rounded, &s->t.coupons,
                    &s->t.tax,         &s->t.amount_due,    &s->t.credited};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        *f[i] = pc_row_i64(r, 6 + i);
    s->found = 1;
    return 1;
}

static int stored_line_row(void *arg, const pc_row *r)
{
    bill_input *in = arg;
    if ((in->nlines & (in->nlines - 1)) == 0) {
        bc_line *grown = realloc(in->lines, (in->nlines ? 2 * in->nlines : 1) * sizeof *grown);
        if (!grown)
            abort();
        in->lines = grown;
    }
    bc_line *l = &in->lines[in->nlines++];
    memset(l, 0, sizeof *l);
    l->line_id = pc_row_i64(r, 0);
    l->customer_id = pc_row_i64(r, 1);
    l->product_id = pc_row_i64(r, 2);
    l->bill_type = (enum bc_bill_type)bc_enum_of(bc_bill_type_name, 3, pc_row_str(r, 3));
    snprintf(l->billing_mode, sizeof l->billing_mode, "%s", pc_row_str(r, 4));
    l->list_amount = pc_row_i64(r, 5);
    l->settlement_type = (enum bc_settlement)bc_enum_of(bc_settlement_name, 7, pc_row_str(r, 6));
    l->discount_ppm = (int32_t)pc_row_i64(r, 7);
    l->fixed_price = pc_row_i64(r, 8);
    l->linear_size_milli = pc_row_i64(r, 9);
    l->applied_usage_days_bp = (int)pc_row_i64(r, 10);
    snprintf(l->discount_ref, sizeof l->discount_ref, "%s", pc_row_str(r, 11));
    l->settlement = pc_row_i64(r, 12);
    l->coupons = pc_row_i64(r, 13);
    l->refund_coupons = (int)pc_row_i64(r, 14);
    l->tax = pc_row_i64(r, 15);
    l->amount_due = pc_row_i64(r, 16);
    l->partner_id = pc_row_i64(r, 17);
    l->late_cycle = (int)pc_row_i64(r, 18);
    l->covered = (int)pc_row_i64(r, 19);
    return 0;
}

/* The first line whose canonical text differs; prints both.  1 when one does. */
static int first_difference(const bill_input *a, const bill_input *b)
{
    char x[1024], y[1024];
    size_t n = a->nlines > b->nlines ? a->nlines : b->nlines;
    for (size_t i = 0; i < n; i++) {
        if (i < a->nlines)
            bc_canonical_line(&a->lines[i], x, sizeof x);
        else
            snprintf(x, sizeof x, "(none)\n");
        if (i < b->nlines)
            bc_canonical_line(&b->lines[i], y, sizeof y);
        else
            snprintf(y, sizeof y, "(none)\n");
        if (strcmp(x, y)) {
            printf("first differing line (%zu of %zu):\n  stored:     %s  recomputed: %s", i + 1,
                   n, x, y);
            return 1;
        }
    }
    return 0;
}

static int compare(const stored *s, bill_input *kept, bill_input *again)
{
    bc_totals from_lines, recomputed;
    char kept_sha[65], again_sha[65], hx[1024], hy[1024];
    int differ = 0;
    bill_hash(kept, &from_lines, kept_sha);
    bill_hash(again, &recomputed, again_sha);
    if (strcmp(kept_sha, s->sha)) {
        printf("the stored lines do not hash to the bill's SHA-256 (%s, stored %s)\n", kept_sha,
               s->sha);
        differ = 1;
    }
    bc_canonical_header(kept->partner_id, kept->cycle, s->tax_region, s->tax_rate_ppm, &s->t, hx,
                        sizeof hx);
    bc_canonical_header(kept->partner_id, kept->cycle, s->tax_region, s->tax_rate_ppm,
                        &from_lines, hy, sizeof hy);
    if (strcmp(hx, hy)) {
        printf("the stored header differs from its lines:\n  stored:     %s  from lines: %s", hx, hy);
        differ = 1;
    }
    differ |= first_difference(kept, again);
    if (!differ && strcmp(again_sha, s->sha)) {
        printf("the recomputed bill hashes to %s, stored %s\n", again_sha, s->sha);
        differ = 1;
    }
    return differ;
}

/* The tax of the bill's day, not of today's table: the recomputation is of the bill as made. */
static int use_bill_tax(bill_input *in, const stored *s)
{
    snprintf(in->tax_region, sizeof in->tax_region, "%s", s->tax_region);
    in->tax_rate_ppm = s->tax_rate_ppm;
    return 1;
}

int bill_verify(const char *partner, const char *month)
{
    int y = 0, m = 0;
    char tail = 0;
    if (sscanf(month, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12) {
        fprintf(stderr, "pcadm: the month is YYYY-MM, not '%s'\n", month);
        return 2;
    }
    int64_t pid = pc_db_int(&verify_sql, ST_PARTNER, PC_BINDS(PC_STR(partner), PC_I64(atoll(partner))), 0);
    stored s = {0};
    if (pid <= 0 || pc_db_query(&verify_sql, ST_BILL, PC_BINDS(PC_I64(pid), PC_I64(y * 100 + m)),
                                bill_row, &s) < 0 || !s.found) {
        fprintf(stderr, "pcadm: no bill of partner '%s' for %s\n", partner, month);
        return 2;
    }
    bill_input kept = {.partner_id = pid, .cycle = y * 100 + m};
    bill_input again = {.partner_id = pid, .cycle = y * 100 + m, .bill_id = s.id, .entry_id = s.entry_id};
    snprintf(again.as_of, sizeof again.as_of, "%s", s.generated_at);
    snprintf(kept.tax_region, sizeof kept.tax_region, "%s", s.tax_region);
    kept.tax_rate_ppm = s.tax_rate_ppm;
    int rc = 2;
    if (pc_db_query(&verify_sql, ST_LINES, PC_BINDS(PC_I64(s.id)), stored_line_row, &kept) >= 0 &&
        bill_load_money(&again) >= 0 && bill_load_lines(&again) == 0 &&
        bill_load_rules(&again) == 0 && use_bill_tax(&again, &s) && bill_compute(&again, 1) == 0) {
        rc = compare(&s, &kept, &again);
        printf("bill of partner %" PRId64 " for %s: %s (%zu lines, SHA-256 %s)\n", pid, month,
               rc ? "different" : "equal", kept.nlines, s.sha);
    } else
        fprintf(stderr, "pcadm: %s\n", again.error[0] ? again.error : pc_db_error());
    bill_input_free(&kept);
    bill_input_free(&again);
    return rc;
}
