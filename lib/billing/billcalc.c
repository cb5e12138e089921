#include "billing/billcalc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"

const char *const bc_bill_type_name[] = {"expenditure", "refund", "adjustment"};
const char *const bc_settlement_name[] = {"common",        "promotional",     "no_discount",
                                          "special",       "resale_customer", "resale_partner",
                                          "resale_product"};

#define PPM 1000000

int bc_enum_of(const char *const *names, int n, const char *v)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], v) == 0)
            return i;
    return 0;
}

int64_t bc_rate_amount(int64_t list_amount, int32_t discount_ppm)
{
    return (int64_t)pc_div_half_up((__int128)list_amount * (PPM - discount_ppm), PPM);
}

int bc_fixed_amount(int64_t price, pc_qty qty, int64_t linear_size_milli, int usage_days_bp,
                    int64_t *out)
{
    __int128 a, m = 1, d = PC_QTY_SCALE, n, v;
    if (__builtin_mul_overflow((__int128)price, qty, &a))
        return -1;
    if (linear_size_milli >= 0)
        m *= linear_size_milli, d *= 1000;
    if (usage_days_bp >= 0)
        m *= usage_days_bp, d *= 10000;
    /* one rounding at the end (3d.3): no intermediate rounding of price × usage.  d ≤ 10^17,
       so any product that overflows 128 bits is far beyond an int64 result anyway */
    if (__builtin_mul_overflow(a, m, &n))
        return -1;
    v = pc_div_half_up(n, d);
    if (v > INT64_MAX || v < -INT64_MAX)
        return -1;
    *out = (int64_t)v;
    return 0;
}

static int is_koogallery(enum bc_rule_kind k)
{
    return k <= BC_KOO_PRODUCT;
}

static int is_customer_level(enum bc_rule_kind k)
{
    return k == BC_KOO_CUSTOMER || k == BC_SAVINGS_CUSTOMER || k == BC_TYPE_CUSTOMER;
}

static int rule_matches(const bc_rule *r, const bc_line *l)
{
    if (r->product_id != l->product_id || (is_koogallery(r->kind) && !l->koogallery))
        return 0;
    if (is_customer_level(r->kind) && r->customer_id != l->customer_id)
        return 0;
    if ((r->region[0] && strcmp(r->region, l->region)) ||
        (r->billing_mode[0] && strcmp(r->billing_mode, l->billing_mode)))
        return 0;
    if (strcmp(l->transaction_at, r->from) < 0 || strcmp(l->transaction_at, r->to) > 0)
        return 0;
    /* a fixed price multiplies usage: it settles usage, not orders or their refunds */
    if (r->fixed_price >= 0 && (l->pricing_qty <= 0 || l->bill_type == BC_REFUND))
        return 0;
    return 1;
}

static const bc_rule *best_rule(const bc_line *l, const bc_rule *rules, size_t n)
{
    const bc_rule *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (rule_matches(&rules[i], l) && (!best || rules[i].kind < best->kind))
            best = &rules[i]; /* ties: the first loaded (lowest id) */
    return best;
}

/* The settlement discount of the product's type at the line's time: the latest started. */
static int32_t type_discount(const bc_line *l, const bc_settlement_discount *sd, size_t n)
{
    const bc_settlement_discount *best = NULL;
    if (l->product_type == BC_NO_DISCOUNT)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (sd[i].type == l->product_type && strcmp(sd[i].from, l->transaction_at) <= 0 &&
            (!sd[i].to[0] || strcmp(l->transaction_at, sd[i].to) < 0) &&
            (!best || strcmp(sd[i].from, best->from) > 0))
            best = &sd[i];
    return best ? best->discount_ppm : 0;
}

static enum bc_settlement settlement_of(enum bc_rule_kind k)
{
    switch (k) {
    case BC_KOO_CUSTOMER:
        return BC_RESALE_CUSTOMER;
    case BC_KOO_PARTNER:
        return BC_RESALE_PARTNER;
    case BC_KOO_PRODUCT:
        return BC_RESALE_PRODUCT;
    default:
        return BC_SPECIAL;
    }
}

void bc_settle(bc_line *l, const bc_rule *rules, size_t nrules, const bc_settlement_discount *sd,
               size_t nsd)
{
    const bc_rule *r =
        l->bill_type == BC_ADJUSTMENT || l->covered ? NULL : best_rule(l, rules, nrules);
    l->fixed_price = l->linear_size_milli = -1;
    l->applied_usage_days_bp = -1;
    l->discount_ref[0] = '\0';
    l->coupons = l->tax = 0;
    if (l->covered) {
        /* within a package, RI or savings plan: the order is billed, the usage is not (§9.4.1.3) */
        l->settlement_type = BC_NO_DISCOUNT;
        l->discount_ppm = 0;
        l->list_amount = l->settlement = 0;
        return;
    }
    if (l->bill_type == BC_ADJUSTMENT) {
        /* the vendor enters an adjustment at the amount the partner settles: no discount */
        l->settlement_type = BC_NO_DISCOUNT;
        l->discount_ppm = 0;
        l->settlement = l->list_amount;
        return;
    }
    if (!r) {
        l->settlement_type = l->product_type;
        l->discount_ppm = type_discount(l, sd, nsd);
        l->settlement = bc_rate_amount(l->list_amount, l->discount_ppm);
        return;
    }
    l->settlement_type = settlement_of(r->kind);
    snprintf(l->discount_ref, sizeof l->discount_ref, "%s", r->ref);
    if (r->fixed_price < 0) {
        l->discount_ppm = r->discount_ppm;
        l->settlement = bc_rate_amount(l->list_amount, r->discount_ppm);
        return;
    }
    l->discount_ppm = -1;
    l->fixed_price = r->fixed_price;
    l->linear_size_milli = r->linear_size_milli;
    l->applied_usage_days_bp = r->usage_days && l->usage_days_bp >= 0 ? l->usage_days_bp : -1;
    if (bc_fixed_amount(r->fixed_price, l->pricing_qty, l->linear_size_milli,
                        l->applied_usage_days_bp, &l->settlement))
        l->settlement = l->list_amount; /* beyond any real price: keep the list amount */
}

static int coupon_order(const void *a, const void *b)
{
    const bc_coupon *x = a, *y = b;
    int c = strcmp(x->valid_to, y->valid_to);
    if (c)
        return c;
    if (x->balance != y->balance)
        return x->balance < y->balance ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int coupon_fits(const bc_coupon *c, const bc_line *l)
{
    if ((c->customer_id && c->customer_id != l->customer_id) ||
        (c->reseller_id && c->reseller_id != l->partner_id))
        return 0;
    if ((c->product_id && c->product_id != l->product_id) ||
        (c->excluded_product_id && c->excluded_product_id == l->product_id))
        return 0;
    if ((c->billing_mode[0] && strcmp(c->billing_mode, l->billing_mode)) ||
        (c->region[0] && strcmp(c->region, l->region)))
        return 0;
    if (c->no_promotion && l->settlement_type == BC_PROMOTIONAL)
        return 0;
    return strcmp(c->valid_from, l->transaction_at) <= 0;
}

static int add_usage(bc_usage *out, size_t cap, size_t *nout, int64_t coupon, size_t line,
                     int64_t amount)
{
    if (*nout >= cap)
        return -1;
    out[(*nout)++] = (bc_usage){coupon, line, amount};
    return 0;
}

/* Pass 0 takes coupons limited to a customer, pass 1 those limited to a reseller, pass 2 the rest.
 */
static int coupon_pass(const bc_coupon *c)
{
    return c->customer_id ? 0 : c->reseller_id ? 1 : 2;
}

/* What coupons may still pay on the bill: its net total after coupons (returns included). */
static int64_t net_total(const bc_line *lines, size_t n)
{
    int64_t net = 0;
    for (size_t i = 0; i < n; i++)
        net += lines[i].settlement - lines[i].coupons;
    return net;
}

int bc_allocate(bc_line *lines, size_t n, bc_coupon *coupons, size_t ncoupons, bc_usage *out,
                size_t cap, size_t *nout)
{
    int64_t room = net_total(lines, n);
    if (ncoupons > 1)
        qsort(coupons, ncoupons, sizeof *coupons, coupon_order);
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < n && room > 0; i++) {
            bc_line *l = &lines[i];
            if (l->bill_type == BC_REFUND)
                continue;
            for (size_t k = 0; k < ncoupons && l->settlement - l->coupons > 0 && room > 0; k++) {
                bc_coupon *c = &coupons[k];
                if (coupon_pass(c) != pass || c->balance <= 0 || !coupon_fits(c, l))
                    continue;
                int64_t take = l->settlement - l->coupons;
                if (take > c->balance)
                    take = c->balance;
                if (take > room)
                    take = room;
                if (add_usage(out, cap, nout, c->id, i, take))
                    return -1;
                c->balance -= take;
                l->coupons += take;
                room -= take;
            }
        }
    return 0;
}

static bc_coupon *coupon_by_id(bc_coupon *c, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].id == id)
            return &c[i];
    return NULL;
}

int bc_return_coupons(bc_line *lines, size_t n, bc_prior_use *prior, size_t nprior,
                      bc_coupon *coupons, size_t ncoupons, bc_usage *out, size_t cap, size_t *nout)
{
    for (size_t i = 0; i < n; i++) {
        bc_line *l = &lines[i];
        if (l->bill_type != BC_REFUND || !l->refund_coupons || !l->original_line_id)
            continue;
        int64_t left = -l->settlement; /* a refund's settlement is negative */
        for (size_t k = 0; k < nprior && left > 0; k++) {
            bc_coupon *c = coupon_by_id(coupons, ncoupons, prior[k].coupon_id);
            if (prior[k].line_id != l->original_line_id || prior[k].amount <= 0 || !c)
                continue;
            int64_t back = prior[k].amount < left ? prior[k].amount : left;
            if (add_usage(out, cap, nout, c->id, i, -back))
                return -1;
            prior[k].amount -= back; /* a second refund of the same original gets only the rest */
            c->balance += back;
            l->coupons -= back;
            left -= back;
        }
    }
    return 0;
}

void bc_finish(bc_line *l, int32_t tax_rate_ppm)
{
    int64_t excl = l->settlement - l->coupons;
    l->tax = (int64_t)pc_div_half_up((__int128)excl * tax_rate_ppm, PPM);
    l->amount_due = excl + l->tax;
}

void bc_totals_of(const bc_line *lines, size_t n, bc_totals *t)
{
    int64_t due = 0;
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < n; i++) {
        const bc_line *l = &lines[i];
        int64_t *by_type[] = {&t->expenditures, &t->refunds, &t->adjustments};
        *by_type[l->bill_type] += l->settlement;
        t->list_total += l->list_amount;
        t->coupons += l->coupons;
        t->tax += l->tax;
        due += l->amount_due;
    }
    t->lines = (int64_t)n;
    t->total_exact = t->expenditures + t->refunds + t->adjustments;
    t->total_rounded = pc_money_round2(t->total_exact);
    due = pc_money_round2(due);
    t->amount_due = due > 0 ? due : 0;
    t->credited = due < 0 ? -due : 0;
}

static const char *amount(int64_t v, char *buf)
{
    return pc_money_format(v, 8, 0, buf, 40);
}

static const char *optional(int64_t v, char *buf, int money)
{
    if (v < 0)
        return "-";
    if (money)
        return amount(v, buf);
    snprintf(buf, 40, "%" PRId64, v);
    return buf;
}

size_t bc_canonical_line(const bc_line *l, char *buf, size_t size)
{
    char a[9][40];
    int n = snprintf(buf, size,
                     "%" PRId64 "|%" PRId64 "|%" PRId64
                     "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%s|%s|%" PRId64 "|%d|%d\n",
                     l->line_id, l->customer_id, l->product_id, l->billing_mode,
                     bc_bill_type_name[l->bill_type], amount(l->list_amount, a[0]),
                     bc_settlement_name[l->settlement_type], optional(l->discount_ppm, a[1], 0),
                     optional(l->fixed_price, a[2], 1), optional(l->linear_size_milli, a[3], 0),
                     optional(l->applied_usage_days_bp, a[4], 0), l->discount_ref,
                     amount(l->settlement, a[5]), amount(l->coupons, a[6]), l->refund_coupons,
                     amount(l->tax, a[7]), amount(l->amount_due, a[8]), l->partner_id,
                     l->late_cycle, l->covered);
    return n < 0 ? 0 : (size_t)n;
}

size_t bc_canonical_header(int64_t partner_id, int cycle, const char *tax_region,
                           int32_t tax_rate_ppm, const bc_totals *t, char *buf, size_t size)
{
    char a[10][40];
    int n = snprintf(
        buf, size, "bill|%" PRId64 "|%d|%" PRId64 "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%" PRId32 "|%s\n",
        partner_id, cycle, t->lines, amount(t->list_total, a[0]), amount(t->expenditures, a[1]),
        amount(t->refunds, a[2]), amount(t->adjustments, a[3]), amount(t->total_exact, a[4]),
        amount(t->total_rounded, a[5]), amount(t->coupons, a[6]), amount(t->tax, a[7]),
        amount(t->amount_due, a[8]), tax_region, tax_rate_ppm, amount(t->credited, a[9]));
    return n < 0 ? 0 : (size_t)n;
}
