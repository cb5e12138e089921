/* Helpers shared by the Partner Bills pages: tabs, money, masking, export tasks, the tree. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/db.h"
#include "web/export_request.h"
#include "finance_bills.h"
#include "base/money.h"
#include "base/view.h"
#include "web/page.h"

enum stmt { ST_TREE, ST_TREE_REGION, ST__MAX };

/*
 * By Product: sections 0 (the vendor cloud's expenditure), 1 (Other:
 * refunds and adjustments), 2 (KooGallery products, any bill type, by
 * seller); in each, category (or seller) → product → mode × type, ordered so
 * that every level is a contiguous run.
 */
#define TREE_SELECT                                                                                \
    "SELECT CASE WHEN p.koogallery_seller IS NOT NULL THEN 2 WHEN bl.bill_type = 'expenditure' "   \
    "THEN 0 ELSE 1 END AS section, IF(p.koogallery_seller IS NULL, pc.id, 0) AS grp_key, "         \
    "IFNULL(p.koogallery_seller, pc.name) AS grp, p.id, p.name, bl.billing_mode, bl.bill_type, "   \
    "SUM(bl.settlement) FROM bill_lines bl JOIN products p ON p.id = bl.product_id "               \
    "JOIN product_categories pc ON pc.id = p.category_id "
#define TREE_GROUP                                                                                 \
    "GROUP BY section, grp_key, grp, p.sort, p.id, p.name, bl.billing_mode, bl.bill_type "         \
    "ORDER BY section, grp_key, grp, p.sort, p.id, bl.billing_mode, bl.bill_type"

static const char *const sql[ST__MAX] = {
    [ST_TREE] = TREE_SELECT "WHERE bl.bill_id = ? " TREE_GROUP,
    [ST_TREE_REGION] = TREE_SELECT "JOIN expenditure_lines l ON l.id = bl.line_id "
                                   "WHERE bl.bill_id = ? AND l.region = ? " TREE_GROUP,
};
PC_SQL_TABLE(bills_sql, sql);

void bills_tabs(pc_ctx *c, const char *active)
{
    static const pc_tab tabs[] = {
        {"bills", "/finance/bills", "bills.tab.bills", PC_PERM_FINANCE_VIEW},
        {"details", "/finance/bills/details", "bills.tab.details", PC_PERM_FINANCE_VIEW},
        {"exports", "/exports/", "bills.tab.exports", PC_PERM_FINANCE_VIEW},
    };
    pc_tabs(c, tabs, sizeof tabs / sizeof tabs[0], active);
}

const char *bills_money8(pc_ctx *c, int64_t v)
{
    char *out = pc_arena_alloc(&c->arena, 40);
    return pc_money_format(v, 8, 1, out, 40);
}

const char *bills_money2(pc_ctx *c, int64_t v)
{
    char *out = pc_arena_alloc(&c->arena, 40);
    return pc_money_format(pc_money_round2(v), 2, 1, out, 40);
}

int bills_show_name(pc_ctx *c)
{
    for (size_t k = 0; k < pc_params_count(&c->query, "show"); k++)
        if (strcmp(pc_params_nth(&c->query, "show", k), "name") == 0)
            return 1;
    return 0;
}

const char *bills_masked(pc_ctx *c, const char *v, int show)
{
    if (show || !*v)
        return v;
    char *out = pc_arena_alloc(&c->arena, 300);
    return pc_mask_name(v, out, 300);
}

int bills_export(pc_ctx *c, const char *kind, const char *name, const char *filters)
{
    return pc_export_request(c, "bills.export", kind, name, filters, "bills.err.format");
}

/* ---- the By Product tree ---- */

typedef struct leaf {
    int section;
    int64_t grp_key, product_id;
    const char *grp, *product, *mode, *type;
    int64_t amount;
} leaf;

typedef struct leaves {
    pc_ctx *c;
    leaf *v;
    size_t n, cap;
} leaves;

static int leaf_row(void *arg, const pc_row *r)
{
    leaves *l = arg;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        leaf *v = pc_arena_alloc(&l->c->arena, cap * sizeof *v);
        if (l->n)
            memcpy(v, l->v, l->n * sizeof *v);
        l->v = v, l->cap = cap;
    }
    pc_arena *a = &l->c->arena;
    l->v[l->n++] = (leaf){(int)pc_row_i64(r, 0),
                          pc_row_i64(r, 1),
                          pc_row_i64(r, 3),
                          pc_arena_strdup(a, pc_row_str(r, 2)),
                          pc_arena_strdup(a, pc_row_str(r, 4)),
                          pc_arena_strdup(a, pc_row_str(r, 5)),
                          pc_arena_strdup(a, pc_row_str(r, 6)),
                          pc_row_i64(r, 7)};
    return 0;
}

/* Leaves i and j are under the same node of level `level` (0 section, 1 group, 2 product). */
static int same(const leaf *a, const leaf *b, int level)
{
    if (a->section != b->section)
        return 0;
    if (level >= 1 && (a->grp_key != b->grp_key || strcmp(a->grp, b->grp)))
        return 0;
    return level < 2 || a->product_id == b->product_id;
}

static int64_t span_total(const leaves *l, size_t i, int level)
{
    int64_t sum = 0;
    for (size_t j = i; j < l->n && same(&l->v[i], &l->v[j], level); j++)
        sum += l->v[j].amount;
    return sum;
}

int bills_tree(pc_ctx *c, int64_t bill_id, const char *region, bill_tree_row **rows, size_t *n)
{
    static const char *const sections[] = {"bills.tree.cloud", "bills.tree.other",
                                           "bills.tree.market"};
    leaves l = {c, NULL, 0, 0};
    int rc = region && *region
                 ? pc_db_query(&bills_sql, ST_TREE_REGION,
                               PC_BINDS(PC_I64(bill_id), PC_STR(region)), leaf_row, &l)
                 : pc_db_query(&bills_sql, ST_TREE, PC_BINDS(PC_I64(bill_id)), leaf_row, &l);
    if (rc < 0)
        return -1;
    bill_tree_row *out = pc_arena_alloc(&c->arena, (l.n * 4 + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < l.n; i++) {
        const leaf *v = &l.v[i], *prev = i ? &l.v[i - 1] : NULL;
        if (!prev || !same(prev, v, 0))
            out[k++] = (bill_tree_row){0, sections[v->section], NULL, NULL, span_total(&l, i, 0)};
        if (!prev || !same(prev, v, 1))
            out[k++] = (bill_tree_row){1, v->grp, NULL, NULL, span_total(&l, i, 1)};
        if (!prev || !same(prev, v, 2))
            out[k++] = (bill_tree_row){2, v->product, NULL, NULL, span_total(&l, i, 2)};
        out[k++] = (bill_tree_row){3, NULL, v->mode, v->type, v->amount};
    }
    *rows = out;
    *n = k;
    return 0;
}
