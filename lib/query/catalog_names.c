#include "query/catalog_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#include "base/db.h"
#include "base/generation.h"

enum stmt { ST_NAMES, ST__MAX };
static const char *const sql[ST__MAX] = {
    [ST_NAMES] = "SELECT name, name_zh FROM products WHERE name_zh <> '' UNION ALL "
                 "SELECT name, name_zh FROM product_categories WHERE name_zh <> '' UNION ALL "
                 "SELECT name, name_zh FROM regions WHERE name_zh <> ''",
};
PC_SQL_TABLE(catalog_names_sql, sql);

/* Seconds a loaded table is used at most before it is read again. */
#define RELOAD_SECONDS 60

typedef struct name_pair {
    const char *en, *zh;
} name_pair;

/* The catalog has about 200 names; room for ten times as many. */
#define MAX_PAIRS 2048
static name_pair pairs[MAX_PAIRS];
static size_t n_pairs;
static char pool[256 * 1024];
static size_t pool_used;
static time_t loaded_at;
static uint64_t loaded_gen;

/* A copy of s in the pool, or NULL when the pool is full. */
static const char *keep(const char *s)
{
    size_t len = strlen(s) + 1;
    if (len > sizeof pool - pool_used)
        return NULL;
    char *out = pool + pool_used;
    memcpy(out, s, len);
    pool_used += len;
    return out;
}

static int add_pair(void *arg, const pc_row *r)
{
    (void)arg;
    const char *en = n_pairs < MAX_PAIRS ? keep(pc_row_str(r, 0)) : NULL;
    const char *zh = en ? keep(pc_row_str(r, 1)) : NULL;
    if (zh)
        pairs[n_pairs++] = (name_pair){en, zh};
    return 0;
}

static int by_en(const void *a, const void *b)
{
    return strcmp(((const name_pair *)a)->en, ((const name_pair *)b)->en);
}

static void forget_pairs(void)
{
    n_pairs = 0;
    pool_used = 0;
}

/* The table, read again after any write of the installation (lib/base/generation.h) and at least
 * every RELOAD_SECONDS; a failed read leaves it empty. */
static void load(void)
{
    /* the counter before the read: a rename committed meanwhile is read again next time */
    uint64_t gen = pc_gen_now();
    time_t now = time(NULL);
    if (loaded_at && now - loaded_at < RELOAD_SECONDS && gen && gen == loaded_gen)
        return;
    loaded_at = now;
    loaded_gen = gen;
    forget_pairs();
    if (pc_db_query(&catalog_names_sql, ST_NAMES, NULL, 0, add_pair, NULL) < 0)
        forget_pairs();
    if (n_pairs)
        qsort(pairs, n_pairs, sizeof *pairs, by_en);
}

static const char *find(const char *en)
{
    name_pair key = {en, NULL};
    const name_pair *p = n_pairs ? bsearch(&key, pairs, n_pairs, sizeof *pairs, by_en) : NULL;
    return p ? p->zh : NULL;
}

void pc_catalog_names_load(void)
{
    load();
}

const char *pc_catalog_zh(const char *en)
{
    return en ? find(en) : NULL;
}

/* The Chinese form of value, into out; NULL when value holds no English catalog name. */
static const char *localized(const char *value, char *out, size_t n)
{
    const char *zh = find(value);
    if (zh)
        return zh;
    const char *paren = strstr(value, " (");
    if (!paren || paren == value || (size_t)(paren - value) >= n)
        return NULL;
    char head[256];
    size_t len = (size_t)(paren - value);
    if (len >= sizeof head)
        return NULL;
    memcpy(head, value, len);
    head[len] = '\0';
    if (!(zh = find(head)))
        return NULL;
    snprintf(out, n, "%s%s", zh, paren);
    return out;
}

static void walk(HDF *node, int depth)
{
    char buf[512];
    for (HDF *ch = hdf_obj_child(node); ch; ch = hdf_obj_next(ch)) {
        const char *v = hdf_obj_value(ch);
        const char *zh = v && *v >= 'A' && *v <= 'Z' ? localized(v, buf, sizeof buf) : NULL;
        if (zh) {
            NEOERR *e = hdf_set_value(node, hdf_obj_name(ch), zh);
            nerr_ignore(&e);
        }
        if (depth < 8)
            walk(ch, depth + 1);
    }
}

void pc_catalog_names_zh(HDF *root)
{
    static const char *const keep[] = {"Lang", "Config", "hdf", "Filter", "Form", "Query",
                                       "Page", "User",   "Nav", "Site",   "CGI",  "Cookie"};
    load();
    if (!n_pairs)
        return;
    const char *kept = hdf_get_value(root, "Page.catalog_keep", "");
    for (HDF *top = hdf_obj_child(root); top; top = hdf_obj_next(top)) {
        const char *name = hdf_obj_name(top);
        int skip = 0;
        for (size_t i = 0; i < sizeof keep / sizeof keep[0] && !skip; i++)
            skip = strcmp(name, keep[i]) == 0;
        if (!skip && strcmp(name, kept) != 0)
            walk(top, 0);
    }
    /* a page named after a product (the operator's product page) */
    char buf[512];
    const char *title = hdf_get_value(root, "Page.title", NULL);
    const char *zh =
        title && *title >= 'A' && *title <= 'Z' ? localized(title, buf, sizeof buf) : NULL;
    if (zh) {
        NEOERR *e = hdf_set_value(root, "Page.title", zh);
        nerr_ignore(&e);
    }
}
