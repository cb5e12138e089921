/*
 * `pcadm verify-bill PARTNER YYYY-MM` — check a stored bill two ways:
 *
 *  - storage: the stored lines hash to the bill's SHA-256 and the stored
 *    header equals the totals of its lines (bc_canonical_*, bill_hash);
 *  - arithmetic: an independent recomputation (bill_verify_sql.c: records and
 *    settlement in one statement; bill_verify_money.c: coupons, tax, totals)
 *    compared with every stored line and the header, field by field.
 *
 * The recomputation calls nothing of the bill engine (bc_settle, bc_allocate,
 * bc_return_coupons, bc_finish, bill_load's loaders), so an engine error
 * shows as a difference.  Prints "equal" or each difference.
 */
#include "bills/bill_verify.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bills/bill_load.h"
#include "bills/bill_verify_int.h"
#include "base/clock.h"
#include "base/db.h"

enum stmt { ST_PARTNER, ST_BILL, ST_LINES, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_PARTNER] = "SELECT id FROM partners WHERE account_name = ? OR id = ?",
    [ST_BILL] = "SELECT id, COALESCE(journal_entry_id, 0), generated_at, canonical_sha256, "
                "tax_region, tax_rate_ppm, line_count, list_total, expenditures, refunds, "
                "adjustments, total_exact, total_rounded, coupons_used, tax, amount_due, credited "
                "FROM partner_bills WHERE partner_id = ? AND billing_cycle = ?",
    [ST_LINES] =
        "SELECT line_id, customer_id, product_id, bill_type, billing_mode, list_amount, "
        "settlement_type, COALESCE(discount_ppm, -1), COALESCE(fixed_price, -1), "
        "COALESCE(linear_size_milli, -1), COALESCE(usage_days_bp, -1), discount_ref, "
        "settlement, coupons, refund_coupons, tax, amount_due, COALESCE(partner_id, 0), "
        "COALESCE(late_cycle, 0), covered FROM bill_lines WHERE bill_id = ? ORDER BY line_id",
};
PC_SQL_TABLE(verify_sql, sql);

void vb_say(vb_out *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (out->f)
        vfprintf(out->f, fmt, ap);
    else if (out->len + 5 < out->size) {
        size_t room = out->size - out->len;
        int n = vsnprintf(out->buf + out->len, room, fmt, ap);
        if (n >= 0 && (size_t)n >= room) { /* cut: say so, and take nothing more */
            memcpy(out->buf + out->size - 5, "…\n", 5);
            out->len = out->size - 1;
        } else
            out->len += n > 0 ? (size_t)n : 0;
    }
    va_end(ap);
}

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
    int64_t *f[] = {&s->t.lines,       &s->t.list_total,  &s->t.expenditures,  &s->t.refunds,
                    &s->t.adjustments, &s->t.total_exact, &s->t.total_rounded, &s->t.coupons,
                    &s->t.tax,         &s->t.amount_due,  &s->t.credited};
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

static void add_name(char *names, size_t n, const char *name)
{
    size_t len = strlen(names);
    snprintf(names + len, n - len, "%s%s", len ? ", " : "", name);
}

/* The names of the fields in which two lines differ ("" when none). */
static void line_fields(const bc_line *a, const bc_line *b, char *names, size_t n)
{
#define VB_FIELD(f, name)                                                                          \
    if (a->f != b->f)                                                                              \
    add_name(names, n, name)
    names[0] = '\0';
    VB_FIELD(customer_id, "customer");
    VB_FIELD(product_id, "product");
    if (strcmp(a->billing_mode, b->billing_mode))
        add_name(names, n, "billing mode");
    VB_FIELD(bill_type, "bill type");
    VB_FIELD(list_amount, "list amount");
    VB_FIELD(settlement_type, "settlement type");
    VB_FIELD(discount_ppm, "discount");
    VB_FIELD(fixed_price, "fixed price");
    VB_FIELD(linear_size_milli, "linear size");
    VB_FIELD(applied_usage_days_bp, "usage days");
    if (strcmp(a->discount_ref, b->discount_ref))
        add_name(names, n, "discount reference");
    VB_FIELD(settlement, "settlement");
    VB_FIELD(coupons, "coupons");
    VB_FIELD(refund_coupons, "refund coupons");
    VB_FIELD(tax, "tax");
    VB_FIELD(amount_due, "amount due");
    VB_FIELD(partner_id, "partner");
    VB_FIELD(late_cycle, "late cycle");
    VB_FIELD(covered, "covered");
#undef VB_FIELD
}

/* One line of one side only (a or b NULL), or of both when they differ.  1 when it differs. */
static int compare_line(const bc_line *a, const bc_line *b, vb_out *out)
{
    char names[400], x[1024], y[1024];
    if (a && b)
        line_fields(a, b, names, sizeof names);
    else
        snprintf(names, sizeof names, "%s",
                 a ? "on the bill, not in the recomputation"
                   : "in the recomputation, not on the bill");
    if (!names[0])
        return 0;
    snprintf(x, sizeof x, "(none)\n");
    snprintf(y, sizeof y, "(none)\n");
    if (a)
        bc_canonical_line(a, x, sizeof x);
    if (b)
        bc_canonical_line(b, y, sizeof y);
    vb_say(out, "line %" PRId64 " differs (%s):\n  stored:     %s  recomputed: %s",
           (a ? a : b)->line_id, names, x, y);
    return 1;
}

/* Both line lists ascend by line_id: a merge.  The number of differing lines. */
static size_t compare_lines(const bill_input *kept, const vb_bill *again, vb_out *out)
{
    size_t i = 0, k = 0, differ = 0;
    while (i < kept->nlines || k < again->nlines) {
        const bc_line *a = i < kept->nlines ? &kept->lines[i] : NULL,
                      *b = k < again->nlines ? &again->lines[k] : NULL;
        if (a && b && a->line_id != b->line_id)
            a->line_id < b->line_id ? (b = NULL) : (a = NULL);
        differ += (size_t)compare_line(a, b, out);
        i += a != NULL, k += b != NULL;
    }
    return differ;
}

/* The storage: lines against the SHA-256, header against the lines.  1 when one differs. */
static int check_storage(const stored *s, bill_input *kept, vb_out *out)
{
    bc_totals from_lines;
    char sha[65], hx[1024], hy[1024];
    int differ = 0;
    bill_hash(kept, &from_lines, sha);
    if (strcmp(sha, s->sha)) {
        vb_say(out, "the stored lines do not hash to the bill's SHA-256 (%s, stored %s)\n", sha,
               s->sha);
        differ = 1;
    }
    bc_canonical_header(kept->partner_id, kept->cycle, s->tax_region, s->tax_rate_ppm, &s->t, hx,
                        sizeof hx);
    bc_canonical_header(kept->partner_id, kept->cycle, s->tax_region, s->tax_rate_ppm, &from_lines,
                        hy, sizeof hy);
    if (strcmp(hx, hy)) {
        vb_say(out, "the stored header differs from its lines:\n  stored:     %s  from lines: %s",
               hx, hy);
        differ = 1;
    }
    return differ;
}

/* The recomputed header against the stored one.  1 when it differs. */
static int compare_header(const stored *s, const vb_bill *b, vb_out *out)
{
    bc_totals t;
    char hx[1024], hy[1024];
    vb_totals(b, &t);
    bc_canonical_header(b->partner_id, b->cycle, s->tax_region, s->tax_rate_ppm, &s->t, hx,
                        sizeof hx);
    bc_canonical_header(b->partner_id, b->cycle, s->tax_region, s->tax_rate_ppm, &t, hy, sizeof hy);
    if (!strcmp(hx, hy))
        return 0;
    vb_say(out, "the header differs from the recomputation:\n  stored:     %s  recomputed: %s", hx,
           hy);
    return 1;
}

static int recompute(vb_bill *b)
{
    return vb_settle_lines(b) || vb_load_coupons(b) || vb_coupons_and_tax(b) ? -1 : 0;
}

int vb_check(int64_t pid, int cycle, vb_out *out, size_t *nlines)
{
    stored s = {0};
    if (pc_db_query(&verify_sql, ST_BILL, PC_BINDS(PC_I64(pid), PC_I64(cycle)), bill_row, &s) < 0)
        return -1;
    if (!s.found)
        return 2;
    bill_input kept = {.partner_id = pid, .cycle = cycle, .tax_rate_ppm = s.tax_rate_ppm};
    snprintf(kept.tax_region, sizeof kept.tax_region, "%s", s.tax_region);
    vb_bill again = {.bill_id = s.id,
                     .entry_id = s.entry_id,
                     .partner_id = pid,
                     .cycle = cycle,
                     .tax_rate_ppm = s.tax_rate_ppm};
    snprintf(again.generated_at, sizeof again.generated_at, "%s", s.generated_at);
    int rc = -1;
    if (pc_db_query(&verify_sql, ST_LINES, PC_BINDS(PC_I64(s.id)), stored_line_row, &kept) >= 0 &&
        recompute(&again) == 0) {
        rc = check_storage(&s, &kept, out);
        rc |= compare_lines(&kept, &again, out) > 0;
        rc |= compare_header(&s, &again, out);
        *nlines = kept.nlines;
    }
    bill_input_free(&kept);
    vb_bill_free(&again);
    return rc;
}

void vb_bill_free(vb_bill *b)
{
    free(b->lines);
    free(b->coupons);
    memset(b, 0, sizeof *b);
}

int bill_verify(const char *partner, const char *month)
{
    int cycle;
    if (pc_clock_cycle_parse(month, &cycle)) {
        fprintf(stderr, "pcadm: the month is YYYY-MM, not '%s'\n", month);
        return 2;
    }
    int64_t pid =
        pc_db_int(&verify_sql, ST_PARTNER, PC_BINDS(PC_STR(partner), PC_I64(atoll(partner))), 0);
    vb_out out = {.f = stdout};
    size_t nlines = 0;
    int rc = pid > 0 ? vb_check(pid, cycle, &out, &nlines) : 2;
    if (rc == 2)
        fprintf(stderr, "pcadm: no bill of partner '%s' for %s\n", partner, month);
    else if (rc < 0)
        fprintf(stderr, "pcadm: %s\n", pc_db_error());
    else
        printf("bill of partner %" PRId64 " for %s: %s (%zu lines)\n", pid, month,
               rc ? "different" : "equal", nlines);
    return rc < 0 ? 2 : rc;
}
