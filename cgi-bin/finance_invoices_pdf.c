/*
 * GET /finance/invoices/{id}/pdf: an invoice or credit note as a PDF
 * (libhpdf): seller and buyer with their VAT ids, the lines, the coupons
 * allowance, the VAT breakdown with its category (and the exemption note of
 * a reverse charge) and the totals — the figures of its UBL document.
 * Helvetica (WinAnsi) as the bill PDF: English labels, a character outside
 * Latin-1 prints as "?".  Another partner's invoice, a refused one or none
 * is a 404.
 */
#include <hpdf.h>
#include <stdio.h>
#include <string.h>

#include "finance.h"
#include "finance_invoices.h"
#include "billing/invoice.h"
#include "base/money.h"
#include "base/view.h"

typedef struct inv_pdf {
    pc_ctx *c;
    const pc_invoice_doc *d;
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font font, bold;
    float y;
    int failed;
} inv_pdf;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *arg)
{
    inv_pdf *p = arg;
    (void)error;
    (void)detail;
    p->failed = 1;
}

/* UTF-8 → Latin-1 bytes of the standard font; any other character becomes "?". */
static const char *latin1(pc_ctx *c, const char *s)
{
    unsigned char *out = pc_arena_alloc(&c->arena, strlen(s) + 1), *o = out;
    const unsigned char *q = (const unsigned char *)s;
    while (*q) {
        if (*q < 0x80) {
            *o++ = *q++;
        } else if ((*q & 0xE0) == 0xC0 && (q[1] & 0xC0) == 0x80) {
            unsigned cp = ((q[0] & 0x1Fu) << 6) | (q[1] & 0x3Fu);
            *o++ = cp < 0x100 ? (unsigned char)cp : '?';
            q += 2;
        } else {
            *o++ = '?';
            for (q++; (*q & 0xC0) == 0x80; q++)
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

static void new_page(inv_pdf *p)
{
    p->page = HPDF_AddPage(p->pdf);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    p->y = HPDF_Page_GetHeight(p->page) - 56;
}

static void text_at(inv_pdf *p, HPDF_Font font, float size, float x, const char *s)
{
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, font, size);
    HPDF_Page_TextOut(p->page, x, p->y, latin1(p->c, s));
    HPDF_Page_EndText(p->page);
}

static void text_right(inv_pdf *p, float x, const char *s)
{
    HPDF_Page_SetFontAndSize(p->page, p->font, 10);
    float w = HPDF_Page_TextWidth(p->page, latin1(p->c, s));
    text_at(p, p->font, 10, x - w, s);
}

static void next_line(inv_pdf *p, float step)
{
    p->y -= step;
    if (p->y < 56)
        new_page(p);
}

static const char *money(inv_pdf *p, int64_t v)
{
    char *out = pc_arena_alloc(&p->c->arena, 48);
    pc_money_format(v, 2, 1, out, 48);
    return pc_arena_printf(&p->c->arena, "%s %s", out, p->d->currency);
}

static void field(inv_pdf *p, const char *key, const char *value)
{
    text_at(p, p->bold, 10, 56, en(key));
    text_at(p, p->font, 10, 230, value);
    next_line(p, 15);
}

static void party(inv_pdf *p, const char *key, const pc_invoice_party *who)
{
    text_at(p, p->bold, 11, 56, en(key));
    next_line(p, 15);
    field(p, "invoices.pdf.name", who->name);
    field(p, "invoices.pdf.address",
          pc_arena_printf(&p->c->arena, "%s (%s)", who->address, who->country));
    if (who->vat_id[0])
        field(p, "invoices.pdf.vat_id", who->vat_id);
    next_line(p, 6);
}

static void body(inv_pdf *p)
{
    const pc_invoice_doc *d = p->d;
    pc_ctx *c = p->c;
    text_at(
        p, p->bold, 18, 56,
        en(!strcmp(d->kind, "credit_note") ? "invoices.pdf.credit_title" : "invoices.pdf.title"));
    next_line(p, 26);
    field(p, "invoices.number", d->number);
    field(p, "invoices.pdf.issue_date", d->issue_date);
    field(p, "invoices.period", pc_arena_printf(&c->arena, "%d", d->period));
    field(p, "invoices.content", en(pc_arena_printf(&c->arena, "invoices.kind.%s", d->kind)));
    if (d->credits_number[0])
        field(p, "invoices.pdf.credits", d->credits_number);
    next_line(p, 8);
    party(p, "invoices.pdf.seller", &d->seller);
    party(p, "invoices.pdf.buyer", &d->buyer);
    for (size_t i = 0; i < d->nlines; i++) {
        text_at(p, p->font, 10, 56, d->lines[i].description);
        text_right(p, 540, money(p, d->lines[i].net));
        next_line(p, 14);
    }
    next_line(p, 8);
    field(p, "invoices.pdf.line_total", money(p, d->line_total));
    if (d->allowances)
        field(p, "invoices.pdf.coupons", money(p, -d->allowances));
    field(p, "invoices.pdf.tax_exclusive", money(p, d->tax_exclusive));
    char rate[40];
    pc_money_format((int64_t)d->rate_ppm * 10000, 2, 0, rate, sizeof rate);
    field(p, "invoices.pdf.vat",
          pc_arena_printf(&c->arena, "%s (%s, %s%%)", money(p, d->tax), d->category, rate));
    if (d->exemption_note[0])
        field(p, "invoices.pdf.exemption", d->exemption_note);
    field(p, "invoices.pdf.tax_inclusive", money(p, d->tax_inclusive));
    if (d->rounding)
        field(p, "invoices.pdf.rounding", money(p, d->rounding));
    field(p, "invoices.pdf.payable", money(p, d->payable));
}

/* The document into c->body; 0 or -1. */
static int render(inv_pdf *p)
{
    p->pdf = HPDF_New(on_error, p);
    if (!p->pdf)
        return -1;
    HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
    p->font = HPDF_GetFont(p->pdf, "Helvetica", "WinAnsiEncoding");
    p->bold = HPDF_GetFont(p->pdf, "Helvetica-Bold", "WinAnsiEncoding");
    new_page(p);
    body(p);
    int rc = -1;
    if (!p->failed && HPDF_SaveToStream(p->pdf) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf);
        char *buf = pc_arena_alloc(&p->c->arena, size ? size : 1);
        if (HPDF_ReadFromStream(p->pdf, (HPDF_BYTE *)buf, &size) == HPDF_OK || size > 0) {
            string_clear(&p->c->body);
            string_init(&p->c->body);
            NEOERR *e = string_appendn(&p->c->body, buf, (int)size);
            nerr_ignore(&e);
            rc = 0;
        }
    }
    HPDF_Free(p->pdf);
    return rc || p->failed ? -1 : 0;
}

static int invoice_pdf_page(pc_ctx *c)
{
    pc_invoice_doc d;
    int found = pc_invoice_load(c->path_id[0], c->user.partner_id, &d);
    if (found < 0)
        return pc_error(c, 500);
    if (!found || !d.number[0]) { /* another partner's, refused, or none: ids do not leak */
        pc_invoice_doc_free(&d);
        return pc_error(c, 404);
    }
    inv_pdf p = {.c = c, .d = &d};
    int rc = render(&p);
    const char *name = pc_arena_printf(&c->arena, "%s", d.number);
    pc_invoice_doc_free(&d);
    if (rc)
        return pc_error(c, 500);
    pc_attachment(c, "application/pdf", pc_arena_printf(&c->arena, "%s.pdf", name));
    return 200;
}

static const pc_route routes[] = {
    PC_ROUTE("GET", "/finance/invoices/{id}/pdf", PC_PERM_FINANCE_VIEW, invoice_pdf_page, 0),
};
PC_ROUTE_TABLE(finance_invoice_pdf_routes, routes);
