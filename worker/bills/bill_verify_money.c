/*
 * The sequential half of the independent bill recomputation, written from
 * ch09 §9.4.5.1.1, 3d.7–3d.8 and docs/bills.md (not from lib/billing/billcalc.c):
 *
 *  1. refunds marked "Whether to Refund Coupons" get back, up to their
 *     settlement, what their original line's deductions still hold;
 *  2. coupons pay the other lines in three passes — customer-limited,
 *     reseller-limited, the rest — each pass by earliest expiry, lowest
 *     balance, id; never more than the bill's net total;
 *  3. tax per line on settlement − coupons, half away from zero; amount due;
 *  4. the header figures.
 */
#include <stdlib.h>
#include <string.h>

#include "bills/bill_verify_int.h"

int64_t vb_half_up(int64_t a, int64_t b, int64_t d)
{
    __int128 n = (__int128)a * b, m = n < 0 ? -n : n, q = (m + d / 2) / d;
    /* d is even or 1 wherever it is used (10^6, 100 / 10^8 scales) */
    return (int64_t)(n < 0 ? -q : q);
}

static vb_coupon *coupon_of(vb_bill *b, int64_t id)
{
    for (size_t i = 0; i < b->ncoupons; i++)
        if (b->coupons[i].id == id)
            return &b->coupons[i];
    return NULL;
}

/* What this bill's earlier refunds already got back from (original, coupon). */
typedef struct given {
    int64_t orig, coupon_id, amount;
} given;

typedef struct refund_ctx {
    vb_bill *b;
    bc_line *l;
    given *g;
    size_t ng;
} refund_ctx;

static void give_back(void *arg, int64_t coupon_id, int64_t amount)
{
    refund_ctx *x = arg;
    vb_coupon *c = coupon_of(x->b, coupon_id);
    int64_t left = -(x->l->settlement - x->l->coupons); /* what the refund may still get */
    for (size_t i = 0; i < x->ng; i++)
        if (x->g[i].orig == x->l->original_line_id && x->g[i].coupon_id == coupon_id)
            amount -= x->g[i].amount;
    if (!c || amount <= 0 || left <= 0)
        return; /* expired or revoked coupons get nothing back */
    int64_t back = amount < left ? amount : left;
    if ((x->ng & (x->ng - 1)) == 0) {
        given *g = realloc(x->g, (x->ng ? 2 * x->ng : 1) * sizeof *g);
        if (!g)
            abort();
        x->g = g;
    }
    c->balance += back;
    x->l->coupons -= back;
    x->g[x->ng++] = (given){x->l->original_line_id, coupon_id, back};
}

static int return_coupons(vb_bill *b)
{
    refund_ctx x = {.b = b};
    int rc = 0;
    for (size_t i = 0; i < b->nlines && rc == 0; i++) {
        x.l = &b->lines[i];
        if (x.l->bill_type == BC_REFUND && x.l->refund_coupons && x.l->original_line_id)
            rc = vb_original_coupons(b, x.l->original_line_id, give_back, &x);
    }
    free(x.g);
    return rc;
}

/* 0 customer-limited, 1 reseller-limited, 2 the rest. */
static int pass_of(const vb_coupon *c)
{
    if (c->customer_id)
        return 0;
    return c->reseller_id ? 1 : 2;
}

static int usable(const vb_coupon *c, const bc_line *l)
{
    return (!c->customer_id || c->customer_id == l->customer_id) &&
           (!c->reseller_id || c->reseller_id == l->partner_id) &&
           (!c->product_id || c->product_id == l->product_id) &&
           c->excluded_product_id != l->product_id &&
           (!c->billing_mode[0] || strcmp(c->billing_mode, l->billing_mode) == 0) &&
           (!c->region[0] || strcmp(c->region, l->region) == 0) &&
           !(c->no_promotion && l->settlement_type == BC_PROMOTIONAL) &&
           strcmp(c->valid_from, l->transaction_at) <= 0;
}

static const vb_coupon *sort_base;
static int by_expiry(const void *x, const void *y)
{
    const vb_coupon *a = &sort_base[*(const size_t *)x], *c = &sort_base[*(const size_t *)y];
    int d = strcmp(a->valid_to, c->valid_to);
    if (d)
        return d;
    if (a->balance != c->balance)
        return a->balance < c->balance ? -1 : 1;
    return (a->id > c->id) - (a->id < c->id);
}

/* Coupon indexes of one pass in the order they are spent. */
static size_t pass_order(const vb_bill *b, int pass, size_t *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < b->ncoupons; i++)
        if (pass_of(&b->coupons[i]) == pass)
            idx[n++] = i;
    sort_base = b->coupons;
    qsort(idx, n, sizeof *idx, by_expiry);
    return n;
}

static void allocate(vb_bill *b)
{
    int64_t room = 0; /* the net total after returns: coupons never pay more */
    size_t *idx = malloc((b->ncoupons + 1) * sizeof *idx);
    if (!idx)
        abort();
    for (size_t i = 0; i < b->nlines; i++)
        room += b->lines[i].settlement - b->lines[i].coupons;
    for (int pass = 0; pass < 3; pass++) {
        size_t n = pass_order(b, pass, idx);
        for (size_t i = 0; i < b->nlines; i++) {
            bc_line *l = &b->lines[i];
            for (size_t k = 0; k < n && l->bill_type != BC_REFUND; k++) {
                vb_coupon *c = &b->coupons[idx[k]];
                int64_t want = l->settlement - l->coupons, take = want;
                if (want <= 0 || room <= 0 || c->balance <= 0 || !usable(c, l))
                    continue;
                take = take < c->balance ? take : c->balance;
                take = take < room ? take : room;
                c->balance -= take, l->coupons += take, room -= take;
            }
        }
    }
    free(idx);
}

int vb_coupons_and_tax(vb_bill *b)
{
    if (return_coupons(b))
        return -1;
    allocate(b);
    for (size_t i = 0; i < b->nlines; i++) {
        bc_line *l = &b->lines[i];
        int64_t net = l->settlement - l->coupons;
        l->tax = vb_half_up(net, b->tax_rate_ppm, 1000000);
        l->amount_due = net + l->tax;
    }
    return 0;
}

void vb_totals(const vb_bill *b, bc_totals *t)
{
    int64_t due = 0;
    memset(t, 0, sizeof *t);
    t->lines = (int64_t)b->nlines;
    for (size_t i = 0; i < b->nlines; i++) {
        const bc_line *l = &b->lines[i];
        if (l->bill_type == BC_REFUND)
            t->refunds += l->settlement;
        else if (l->bill_type == BC_ADJUSTMENT)
            t->adjustments += l->settlement;
        else
            t->expenditures += l->settlement;
        t->list_total += l->list_amount;
        t->coupons += l->coupons;
        t->tax += l->tax;
        due += l->amount_due;
    }
    t->total_exact = t->expenditures + t->refunds + t->adjustments;
    t->total_rounded = vb_half_up(t->total_exact, 1, 1000000) * 1000000;
    due = vb_half_up(due, 1, 1000000) * 1000000;
    t->amount_due = due > 0 ? due : 0;
    t->credited = due < 0 ? -due : 0;
}
