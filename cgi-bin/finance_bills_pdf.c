/*
 * GET /finance/bills/{id}/pdf: a bill as a PDF (libhpdf) — the header
 * (partner, cycle, amounts, verification hash) and the By Product summary.
 * A bill of another partner is a 404.  The PDF uses the standard Helvetica
 * font (WinAnsi): its labels are the English strings, and a character of a
 * name outside Latin-1 prints as "?" (docs/DECISIONS.md).
 */
#include <hpdf.h>
#include <stdio.h>
#include <string.h>

#include "query/bill_query.h"
#include "base/clock.h"
#include "base/db.h"
#include "finance_bills.h"
#include "base/money.h"
#include "base/view.h"

enum stmt { ST_BILL, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_BILL] = "SELECT b.billing_cycle, b.status, b.amount_due, b.expenditures, b.refunds, "
                "b.adjustments, b.coupons_used, b.tax, b.total_exact, b.total_rounded, b.due_at, "
                "b.generated_at, b.canonical_sha256, b.exchange_rate, b.payment_currency, "
                "p.name, p.account_name, b.line_count, b.credited FROM partner_bills b "
                "JOIN partners p ON p.id = b.partner_id WHERE b.id = ? AND b.partner_id = ?",
};
PC_SQL_TABLE(pdf_sql, sql);

enum {
    B_CYCLE,
    B_STATUS,
    B_DUE,
    B_EXP,
    B_REF,
    B_ADJ,
    B_COUPONS,
    B_TAX,
    B_EXACT,
    B_ROUNDED,
    B_DUE_AT,
    B_GENERATED,
    B_HASH,
    B_RATE,
    B_CURRENCY,
    B_PARTNER,
    B_ACCOUNT,
    B_LINES,
    B_CREDITED,
    B__N
};

typedef struct bill_pdf {
    pc_ctx *c;
    int found;
    const char *v[B__N];
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font font, bold;
    float y;
    int failed;
} bill_pdf;

static int bill_row(void *arg, const pc_row *r)
{
    bill_pdf *d = arg;
    for (int i = 0; i < B__N; i++)
        d->v[i] = pc_arena_strdup(&d->c->arena, pc_row_str(r, (size_t)i));
    d->found = 1;
    return 1;
}

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *arg)
{
    bill_pdf *d = arg;
    (void)error;
    (void)detail;
    d->failed = 1;
}

/* UTF-8 → the font's Latin-1 bytes; any other character becomes "?". */
static const char *latin1(pc_ctx *c, const char *s)
{
    unsigned char *out = pc_arena_alloc(&c->arena, strlen(s) + 1), *o = out;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x80) {
            *o++ = *p++;
        } else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
            unsigned cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
            *o++ = cp < 0x100 ? (unsigned char)cp : '?';
            p += 2;
        } else {
            *o++ = '?';
            for (p++; (*p & 0xC0) == 0x80; p++)
                ;
        }
    }
    *o = '\0';
    return (const char *)out;
}

static const char *en(const char *key)
{
    return pc_view_t("en", key);
}

static void new_page(bill_pdf *d)
{
    d->page = HPDF_AddPage(d->pdf);
    HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    d->y = HPDF_Page_GetHeight(d->page) - 56;
}

static void text_at(bill_pdf *d, HPDF_Font font, float size, float x, const char *s)
{
    HPDF_Page_BeginText(d->page);
    HPDF_Page_SetFontAndSize(d->page, font, size);
    HPDF_Page_TextOut(d->page, x, d->y, latin1(d->c, s));
    HPDF_Page_EndText(d->page);
}

/* Text ending at x (amounts in a column). */
static void text_right(bill_pdf *d, float size, float x, const char *s)
{
    const char *t = latin1(d->c, s);
    HPDF_Page_SetFontAndSize(d->page, d->font, size);
    float w = HPDF_Page_TextWidth(d->page, t);
    text_at(d, d->font, size, x - w, s);
}

static void next_line(bill_pdf *d, float step)
{
    d->y -= step;
    if (d->y < 56)
        new_page(d);
}

static const char *money(bill_pdf *d, int field, int decimals)
{
    char *out = pc_arena_alloc(&d->c->arena, 40);
    int64_t v = strtoll(d->v[field], NULL, 10);
    return pc_money_format(decimals == 2 ? pc_money_round2(v) : v, decimals, 1, out, 40);
}

static void field(bill_pdf *d, const char *key, const char *value)
{
    text_at(d, d->bold, 10, 56, en(key));
    text_at(d, d->font, 10, 230, value);
    next_line(d, 15);
}

static int64_t value(const bill_pdf *d, int f)
{
    return strtoll(d->v[f], NULL, 10);
}

/* The rounding and the credit of a negative bill as lines of their own: the parts shown to the
   cent add up to the amount due (lib/query/bill_query.h). */
static void shown_rounding(bill_pdf *d)
{
    char *out = pc_arena_alloc(&d->c->arena, 40);
    int64_t credited = value(d, B_CREDITED),
            r = pc_bill_shown_rounding(value(d, B_EXP), value(d, B_REF), value(d, B_ADJ),
                                       value(d, B_COUPONS), value(d, B_TAX), value(d, B_DUE),
                                       credited);
    if (r)
        field(d, "bills.f.rounding", pc_money_format(r, 2, 1, out, 40));
    if (credited)
        field(d, "bills.f.credited", money(d, B_CREDITED, 2));
}

static void header(bill_pdf *d)
{
    pc_ctx *c = d->c;
    char due[64], gen[64];
    int64_t cycle = strtoll(d->v[B_CYCLE], NULL, 10);
    text_at(d, d->bold, 18, 56, en("bills.pdf.title"));
    next_line(d, 26);
    field(d, "bills.pdf.partner", d->v[B_PARTNER]);
    field(d, "bills.pdf.account", d->v[B_ACCOUNT]);
    field(d, "bills.f.cycle", pc_clock_cycle_text(&c->arena, cycle));
    field(d, "bills.f.status", en(pc_arena_printf(&c->arena, "bills.status.%s", d->v[B_STATUS])));
    field(d, "bills.f.amount_due", pc_arena_printf(&c->arena, "%s USD", money(d, B_DUE, 2)));
    field(d, "bills.f.expenditures", money(d, B_EXP, 2));
    field(d, "bills.f.refunds", money(d, B_REF, 2));
    field(d, "bills.f.adjustments", money(d, B_ADJ, 2));
    field(d, "bills.f.coupons", money(d, B_COUPONS, 2));
    field(d, "bills.f.tax", money(d, B_TAX, 2));
    shown_rounding(d);
    field(d, "bills.f.total", money(d, B_ROUNDED, 2));
    field(d, "bills.f.total_exact", money(d, B_EXACT, 8));
    field(d, "bills.f.due_at", pc_view_datetime(d->v[B_DUE_AT], due, sizeof due));
    field(d, "bills.f.generated_at", pc_view_datetime(d->v[B_GENERATED], gen, sizeof gen));
    field(d, "bills.f.rate", pc_arena_printf(&c->arena, "%s (%s)", d->v[B_RATE], d->v[B_CURRENCY]));
    field(d, "bills.f.lines", d->v[B_LINES]);
    text_at(d, d->bold, 10, 56, en("bills.f.hash"));
    next_line(d, 13);
    text_at(d, d->font, 8.5f, 56, d->v[B_HASH]);
    next_line(d, 26);
}

static int by_product(bill_pdf *d, int64_t bill_id)
{
    pc_ctx *c = d->c;
    bill_tree_row *rows;
    size_t n;
    if (bills_tree(c, bill_id, NULL, &rows, &n))
        return -1;
    text_at(d, d->bold, 13, 56, en("bills.tab.product"));
    next_line(d, 18);
    if (!n) {
        text_at(d, d->font, 10, 56, en("bills.tree.none"));
        next_line(d, 15);
    }
    for (size_t i = 0; i < n; i++) {
        const bill_tree_row *r = &rows[i];
        const char *label =
            r->level == 0 ? en(r->label)
            : r->mode
                ? pc_arena_printf(&c->arena, "%s / %s",
                                  en(pc_arena_printf(&c->arena, "bills.mode.%s", r->mode)),
                                  en(pc_arena_printf(&c->arena, "bills.bill_type.%s", r->type)))
                : r->label;
        char *amount = pc_arena_alloc(&c->arena, 40);
        text_at(d, r->level < 2 ? d->bold : d->font, 10, 56 + 14 * (float)r->level, label);
        text_right(d, 10, 540, pc_money_format(r->amount, 8, 1, amount, 40));
        next_line(d, r->level == 0 ? 16 : 14);
    }
    return 0;
}

/* The document into c->body; 0 or -1. */
static int render(bill_pdf *d, int64_t bill_id)
{
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf)
        return -1;
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    d->font = HPDF_GetFont(d->pdf, "Helvetica", "WinAnsiEncoding");
    d->bold = HPDF_GetFont(d->pdf, "Helvetica-Bold", "WinAnsiEncoding");
    new_page(d);
    header(d);
    int rc = by_product(d, bill_id);
    if (!rc && !d->failed && HPDF_SaveToStream(d->pdf) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf);
        char *buf = pc_arena_alloc(&d->c->arena, size ? size : 1);
        if (HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)buf, &size) != HPDF_OK && size == 0)
            rc = -1;
        string_clear(&d->c->body);
        string_init(&d->c->body);
        NEOERR *e = string_appendn(&d->c->body, buf, (int)size);
        nerr_ignore(&e);
    } else {
        rc = -1;
    }
    HPDF_Free(d->pdf);
    return rc || d->failed ? -1 : 0;
}

static int bill_pdf_page(pc_ctx *c)
{
    int64_t id = c->path_id[0];
    bill_pdf d = {.c = c};
    if (pc_db_query(&pdf_sql, ST_BILL, PC_BINDS(PC_I64(id), PC_I64(c->user.partner_id)), bill_row,
                    &d) < 0)
        return pc_error(c, 500);
    if (!d.found) /* another partner's bill, or none: ids do not leak */
        return pc_error(c, 404);
    if (render(&d, id))
        return pc_error(c, 500);
    pc_attachment(c, "application/pdf",
                  pc_arena_printf(&c->arena, "bill-%s.pdf",
                                  pc_clock_cycle_text(&c->arena, strtoll(d.v[B_CYCLE], NULL, 10))));
    return 200;
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/bills/{id}/pdf", PC_PERM_FINANCE_VIEW, bill_pdf_page, 0),
};
PC_ROUTE_TABLE(finance_bills_pdf_routes, routes);
