/* tax — see tax.h. */
#include "billing/tax.h"

#include <string.h>

#include "base/money.h"

int pc_tax_rate_parse(const char *s, int32_t *ppm)
{
    int64_t v; /* percent in 10^-8 */
    if (!s || strchr(s, ',') || pc_money_parse(s, &v) || v < 0 || v > 100 * PC_MONEY_SCALE)
        return -1;
    if (v % 10000) /* more than 4 decimals of a percent: finer than 1 ppm */
        return -1;
    *ppm = (int32_t)(v / 10000);
    return 0;
}

const char *pc_tax_category(int32_t rate_ppm, const char *row_category, int reverse_charge)
{
    static const char *const known[] = {"S", "Z", "E", "O"};
    if (reverse_charge)
        return "AE";
    for (size_t i = 0; row_category && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(row_category, known[i]) == 0)
            return known[i];
    return rate_ppm > 0 ? "S" : "O";
}

const char *pc_tax_exemption_note(const char *category)
{
    return category && strcmp(category, "AE") == 0 ? "Reverse charge" : NULL;
}

/* "YYYY-MM-DD" compares as text; an open end is later than any day. */
static int before_or_on(const char *day, const char *to)
{
    return !to || !*to || strcmp(day, to) <= 0;
}

int pc_tax_periods_overlap(const char *from1, const char *to1, const char *from2, const char *to2)
{
    return before_or_on(from2, to1) && before_or_on(from1, to2);
}

int pc_tax_wht_country(const char *country)
{
    return country && (!strcmp(country, "MY") || !strcmp(country, "TH") || !strcmp(country, "PH"));
}
