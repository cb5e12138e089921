/* en16931 — see en16931.h. */
#include "billing/en16931.h"

#include <stdio.h>
#include <string.h>

#include "base/money.h"

#define CENT (PC_MONEY_SCALE / 100)

static int64_t sum(const int64_t *v, size_t n)
{
    int64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

/* Writes the rule's message; returns the rule. */
static const char *broken(const char *rule, const char *what, int64_t want, int64_t got, char *why,
                          size_t size)
{
    char a[40], b[40];
    snprintf(why, size, "%s: %s must be %s, is %s", rule, what,
             pc_money_format(want, 2, 0, a, sizeof a), pc_money_format(got, 2, 0, b, sizeof b));
    return rule;
}

/* BR-DEC-*: every amount of the document has at most 2 decimals. */
static const char *decimals(const pc_en_doc *d, char *why, size_t size)
{
    const int64_t totals[] = {d->line_total,    d->allowance_total, d->charge_total,
                              d->tax_exclusive, d->tax_total,       d->tax_inclusive,
                              d->prepaid,       d->rounding,        d->payable};
    const char *bad = NULL;
    for (size_t i = 0; !bad && i < sizeof totals / sizeof totals[0]; i++)
        if (totals[i] % CENT)
            bad = "a document total";
    for (size_t i = 0; !bad && i < d->nlines; i++)
        if (d->line_net[i] % CENT)
            bad = "a line net amount";
    for (size_t i = 0; !bad && i < d->nallowances; i++)
        if (d->allowances[i] % CENT)
            bad = "an allowance";
    for (size_t i = 0; !bad && i < d->ncharges; i++)
        if (d->charges[i] % CENT)
            bad = "a charge";
    for (size_t i = 0; !bad && i < d->nvat; i++)
        if (d->vat[i].taxable % CENT || d->vat[i].tax % CENT)
            bad = "a VAT breakdown amount";
    if (!bad)
        return NULL;
    snprintf(why, size, "BR-DEC: %s has more than 2 decimals", bad);
    return "BR-DEC";
}

/* BR-AE-05/08, BR-Z-05/08, BR-E-05/08, BR-O-05/08: these categories carry no VAT. */
static const char *categories(const pc_en_doc *d, char *why, size_t size)
{
    static const struct {
        const char *category, *rate_rule, *tax_rule;
    } zero[] = {{"AE", "BR-AE-05", "BR-AE-08"},
                {"Z", "BR-Z-05", "BR-Z-08"},
                {"E", "BR-E-05", "BR-E-08"},
                {"O", "BR-O-05", "BR-O-08"}};
    for (size_t i = 0; i < d->nvat; i++)
        for (size_t k = 0; k < sizeof zero / sizeof zero[0]; k++) {
            if (!d->vat[i].category || strcmp(d->vat[i].category, zero[k].category))
                continue;
            if (d->vat[i].rate_ppm != 0) {
                snprintf(why, size, "%s: a VAT breakdown of category %s must have the rate 0",
                         zero[k].rate_rule, zero[k].category);
                return zero[k].rate_rule;
            }
            if (d->vat[i].tax != 0)
                return broken(zero[k].tax_rule, "the VAT of the breakdown", 0, d->vat[i].tax, why,
                              size);
        }
    return NULL;
}

const char *pc_en16931_check(const pc_en_doc *d, char *why, size_t size)
{
    const char *r = decimals(d, why, size);
    if (r)
        return r;
    int64_t want = sum(d->line_net, d->nlines);
    if (d->line_total != want)
        return broken("BR-CO-10", "the sum of line net amounts (BT-106)", want, d->line_total, why,
                      size);
    want = sum(d->allowances, d->nallowances);
    if (d->allowance_total != want)
        return broken("BR-CO-11", "the sum of allowances (BT-107)", want, d->allowance_total, why,
                      size);
    want = sum(d->charges, d->ncharges);
    if (d->charge_total != want)
        return broken("BR-CO-12", "the sum of charges (BT-108)", want, d->charge_total, why, size);
    want = d->line_total - d->allowance_total + d->charge_total;
    if (d->tax_exclusive != want)
        return broken("BR-CO-13", "the total without VAT (BT-109)", want, d->tax_exclusive, why,
                      size);
    want = 0;
    for (size_t i = 0; i < d->nvat; i++)
        want += d->vat[i].tax;
    if (d->tax_total != want)
        return broken("BR-CO-14", "the total VAT (BT-110)", want, d->tax_total, why, size);
    want = d->tax_exclusive + d->tax_total;
    if (d->tax_inclusive != want)
        return broken("BR-CO-15", "the total with VAT (BT-112)", want, d->tax_inclusive, why, size);
    want = d->tax_inclusive - d->prepaid + d->rounding;
    if (d->payable != want)
        return broken("BR-CO-16", "the amount due (BT-115)", want, d->payable, why, size);
    return categories(d, why, size);
}
