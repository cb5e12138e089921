/*
 * The helpers the files of the API's bills area share (api_bills.h): who may
 * ask, the month and integer parameters, money and decimals as the contract
 * writes them, the charging modes.  It calls none of those files.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api_bills.h"
#include "base/clock.h"
#include "base/db.h"
#include "billing/ledger.h"
#include "base/money.h"
#include "billing/payment.h"
#include "base/valid.h"

int bills_need_finance(pc_api *a)
{
    if (a->user.kind != PC_KIND_MEMBER)
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this operation is for partners' credentials.");
    /* a reseller's members hold no finance permission at all (ch10 §2) */
    if (!((pc_authz_kind_perms(a->user.partner_kind) >> PC_PERM_FINANCE_VIEW) & 1u))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: a reseller has no partner account, bills or coupons "
                            "with the vendor; its distributor has.");
    if (!pc_authz_allows(&a->user, PC_PERM_FINANCE_VIEW))
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: the key's user may not view finance.");
    return 0;
}

int bills_need_customer(pc_api *a)
{
    if (a->user.kind != PC_KIND_CUSTOMER || a->user.customer_id <= 0)
        return pc_api_error(a, 403, "CBC.0151",
                            "Access denied: this operation is for a customer's own credentials.");
    return 0;
}

int bills_month(pc_api *a, const char *field, int required, int64_t *cycle)
{
    const char *s = NULL;
    int r = pc_api_string(a, field, required, 7, &s);
    if (r <= 0)
        return r;
    int c;
    if (pc_clock_cycle_parse(s, &c))
        return pc_api_error(a, 400, "CBC.0100", "Invalid parameter: %s must be YYYY-MM.", field),
               -1;
    *cycle = c;
    return 1;
}

int bills_opt_int(pc_api *a, const char *field, int64_t min, int64_t max, int64_t *out)
{
    const char *s = pc_params_get(&a->query, field);
    if (s && !*s)
        return 0;
    return pc_api_int(a, field, 0, min, max, out);
}

json_t *bills_money_string(int64_t v)
{
    char buf[48];
    pc_money_format(v, 8, 0, buf, sizeof buf);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    return json_string(buf);
}

json_t *bills_decimal(const char *text)
{
    int64_t v = 0;
    int scale = -1, neg = 0, digits = 0;
    const char *s = text;
    if (*s == '-')
        neg = 1, s++;
    /* the scale once trailing zeros are dropped */
    const char *dot = strchr(s, '.');
    const char *end = s + strlen(s);
    if (dot)
        while (end > dot + 1 && end[-1] == '0')
            end--;
    for (const char *p = s; p < end; p++) {
        if (*p == '.' && scale < 0) {
            scale = 0;
            continue;
        }
        if (!isdigit((unsigned char)*p) || v > (INT64_MAX - 9) / 10)
            return NULL;
        v = v * 10 + (*p - '0');
        digits++;
        if (scale >= 0)
            scale++;
    }
    if (!digits)
        return NULL;
    return pc_api_money(neg ? -v : v, scale < 0 ? 0 : scale);
}

static const char *const modes[] = {"yearly_monthly", "pay_per_use", "reserved_instance",
                                    "savings_plan"};
static const int mode_codes[] = {1, 3, 10, 11};

int bills_charging_mode(const char *billing_mode)
{
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
        if (strcmp(modes[i], billing_mode) == 0)
            return mode_codes[i];
    return 0;
}

const char *bills_billing_mode(int64_t charging_mode)
{
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
        if (mode_codes[i] == charging_mode)
            return modes[i];
    return NULL;
}
