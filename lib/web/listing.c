#include "web/listing.h"

#include <stdlib.h>
#include <string.h>

#include "base/money.h"

static const int sizes[] = {10, 20, 50, 100};
#define N_SIZES (sizeof sizes / sizeof sizes[0])

/* A whole number of at most 12 digits, nothing else. */
static int64_t positive(const char *s)
{
    if (!s || !*s || strlen(s) > 12)
        return 0;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (*s - '0');
    }
    return v;
}

void pc_list_read(pc_ctx *c, pc_list *l)
{
    l->page = positive(pc_params_get(&c->query, "page"));
    if (l->page < 1)
        l->page = 1;
    int64_t size = positive(pc_params_get(&c->query, "size"));
    l->size = PC_LIST_SIZE_DEFAULT;
    for (size_t i = 0; i < N_SIZES; i++)
        if (size == sizes[i])
            l->size = sizes[i];
}

const char *pc_list_size_param(pc_ctx *c, const pc_list *l)
{
    return l->size == PC_LIST_SIZE_DEFAULT ? "" : pc_arena_printf(&c->arena, "size=%d&", l->size);
}

static const char *grouped(pc_ctx *c, int64_t n)
{
    char out[40];
    return pc_arena_strdup(&c->arena, pc_money_format(n * 100000000, 0, 1, out, sizeof out));
}

/* The language string `key` with {from}, {to} and {total} put in. */
static const char *range_text(pc_ctx *c, const char *key, const char *from, const char *to,
                              const char *total)
{
    const char *s = pc_t(c, key);
    char *out = pc_arena_strdup(&c->arena, "");
    while (*s) {
        const char *v = NULL;
        size_t skip = 0;
        if (strncmp(s, "{from}", 6) == 0)
            v = from, skip = 6;
        else if (strncmp(s, "{to}", 4) == 0)
            v = to, skip = 4;
        else if (strncmp(s, "{total}", 7) == 0)
            v = total, skip = 7;
        if (v) {
            out = pc_arena_printf(&c->arena, "%s%s", out, v);
            s += skip;
        } else {
            size_t n = strcspn(s + 1, "{") + 1;
            out = pc_arena_printf(&c->arena, "%s%.*s", out, (int)n, s);
            s += n;
        }
    }
    return out;
}

/* The query string ending with "&" (or empty), whichever way the page made it. */
static const char *amp(pc_ctx *c, const char *query)
{
    size_t n = strlen(query);
    return n && query[n - 1] != '&' ? pc_arena_printf(&c->arena, "%s&", query) : query;
}

static const char *page_href(pc_ctx *c, const char *path, const char *query, int64_t page, int size)
{
    query = amp(c, query);
    const char *sz =
        size == PC_LIST_SIZE_DEFAULT ? "" : pc_arena_printf(&c->arena, "size=%d&", size);
    if (page <= 1) {
        /* the first page has no page=; drop the trailing "&" (or the "?" of nothing) */
        char *q = pc_arena_printf(&c->arena, "%s%s", query, sz);
        size_t n = strlen(q);
        if (n && q[n - 1] == '&')
            q[n - 1] = '\0';
        return *q ? pc_arena_printf(&c->arena, "%s?%s", path, q) : path;
    }
    return pc_arena_printf(&c->arena, "%s?%s%spage=%lld", path, query, sz, (long long)page);
}

/* more: the count stopped at its cap (total), the list may go on beyond it */
static void pager(pc_ctx *c, const pc_list *l, const char *path, const char *query, int shown,
                  int64_t total, int more)
{
    int64_t pages = total > 0 ? (total + l->size - 1) / l->size : 1;
    int64_t from = shown ? pc_list_offset(l) + 1 : 0, to = shown ? pc_list_offset(l) + shown : 0;
    if (more) /* as far as a full page leads */
        pages = l->page + (shown == l->size);
    pc_set_int(c, "List.total", total);
    pc_set_int(c, "List.page", l->page);
    pc_set_int(c, "List.pages", pages);
    pc_set_int(c, "List.size", l->size);
    if (l->size != PC_LIST_SIZE_DEFAULT)
        pc_set(c, "List.size_kept", "1");
    if (more)
        pc_set(c, "List.more", "1");
    pc_set(c, "List.range",
           range_text(c, more ? "common.list.range_more" : "common.list.range", grouped(c, from),
                      grouped(c, to), grouped(c, total)));
    if (l->page > 1)
        pc_set(c, "List.prev",
               page_href(c, path, query, l->page > pages ? pages : l->page - 1, l->size));
    if (l->page < pages)
        pc_set(c, "List.next", page_href(c, path, query, l->page + 1, l->size));
    /* the first, the last (when known), and two on each side of the current one; a gap where
     * pages are left out */
    int k = 0;
    int64_t last = 0;
    for (int64_t p = 1; p <= pages; p++) {
        if (p != 1 && (p != pages || more) && (p < l->page - 2 || p > l->page + 2))
            continue;
        if (last && p > last + 1)
            pc_set(c, pc_arena_printf(&c->arena, "List.nums.%d.gap", k++), "1");
        pc_set_int(c, pc_arena_printf(&c->arena, "List.nums.%d.n", k), p);
        pc_set(c, pc_arena_printf(&c->arena, "List.nums.%d.href", k),
               page_href(c, path, query, p, l->size));
        if (p == l->page)
            pc_set(c, pc_arena_printf(&c->arena, "List.nums.%d.current", k), "1");
        k++;
        last = p;
    }
    for (size_t i = 0; i < N_SIZES; i++) {
        pc_set_int(c, pc_arena_printf(&c->arena, "List.sizes.%d.n", (int)i), sizes[i]);
        /* a new page size starts again at page 1 */
        pc_set(c, pc_arena_printf(&c->arena, "List.sizes.%d.href", (int)i),
               page_href(c, path, query, 1, sizes[i]));
        if (sizes[i] == l->size)
            pc_set(c, pc_arena_printf(&c->arena, "List.sizes.%d.current", (int)i), "1");
    }
}

void pc_list_pager(pc_ctx *c, const pc_list *l, const char *path, const char *query, int shown,
                   int64_t total)
{
    pager(c, l, path, query, shown, total, 0);
}

void pc_list_pager_capped(pc_ctx *c, const pc_list *l, const char *path, const char *query,
                          int shown, int64_t counted, int64_t cap)
{
    /* rows on pages beyond the cap are not counted: at least those before them exist */
    int64_t seen = pc_list_offset(l) + shown;
    if (counted > cap || seen > cap)
        pager(c, l, path, query, shown, cap, 1);
    else
        pager(c, l, path, query, shown, counted, 0);
}

void pc_list_keyset(pc_ctx *c, const pc_list *l, const char *path, const char *query, int shown,
                    int64_t before, int64_t total, int64_t cap, const char *prev_key,
                    const char *next_key)
{
    int more = cap > 0 && (total > cap || before + shown > cap);
    query = amp(c, query);
    const char *sz = pc_list_size_param(c, l);
    pc_set_int(c, "List.total", total);
    pc_set_int(c, "List.size", l->size);
    if (l->size != PC_LIST_SIZE_DEFAULT)
        pc_set(c, "List.size_kept", "1");
    if (more)
        pc_set(c, "List.more", "1");
    pc_set(c, "List.range",
           range_text(c, more ? "common.list.range_more" : "common.list.range",
                      grouped(c, shown ? before + 1 : 0), grouped(c, shown ? before + shown : 0),
                      grouped(c, more ? cap : total)));
    if (prev_key && before > 0 && (*prev_key || before <= l->size))
        pc_set(c, "List.prev",
               before <= l->size
                   ? page_href(c, path, query, 1, l->size)
                   : pc_arena_printf(&c->arena, "%s?%s%sbefore=%s&n=%lld", path, query, sz,
                                     prev_key, (long long)(before - l->size)));
    if (next_key)
        pc_set(c, "List.next",
               pc_arena_printf(&c->arena, "%s?%s%safter=%s&n=%lld", path, query, sz, next_key,
                               (long long)(before + shown)));
    for (size_t i = 0; i < N_SIZES; i++) {
        pc_set_int(c, pc_arena_printf(&c->arena, "List.sizes.%d.n", (int)i), sizes[i]);
        pc_set(c, pc_arena_printf(&c->arena, "List.sizes.%d.href", (int)i),
               page_href(c, path, query, 1, sizes[i]));
        if (sizes[i] == l->size)
            pc_set(c, pc_arena_printf(&c->arena, "List.sizes.%d.current", (int)i), "1");
    }
}

int64_t pc_list_keyset_before(pc_ctx *c)
{
    return positive(pc_params_get(&c->query, "n"));
}

void pc_list_sort_links(pc_ctx *c, const char *path, const char *query, const pc_sort_col *cols,
                        size_t n, const char *current)
{
    query = amp(c, query);
    for (size_t i = 0; i < n; i++) {
        size_t kl = strlen(cols[i].key);
        int here = current && strncmp(current, cols[i].key, kl) == 0 && current[kl] == '_';
        int desc = here ? strcmp(current + kl, "_desc") == 0 : 0;
        /* the current column turns round; another starts in its natural direction */
        int next_desc = here ? !desc : cols[i].desc_first;
        pc_set(c, pc_arena_printf(&c->arena, "Sort.%s.href", cols[i].key),
               pc_arena_printf(&c->arena, "%s?%ssort=%s_%s", path, query, cols[i].key,
                               next_desc ? "desc" : "asc"));
        if (here)
            pc_set(c, pc_arena_printf(&c->arena, "Sort.%s.aria", cols[i].key),
                   desc ? "descending" : "ascending");
    }
}

int pc_list_sort_pick(const char *in, const char *const *values, int def)
{
    if (!in)
        return def;
    for (int i = 0; values[i]; i++)
        if (strcmp(in, values[i]) == 0)
            return i;
    return def;
}

void pc_list_more_open(pc_ctx *c, const char *const *names)
{
    for (; *names; names++) {
        const char *v =
            hdf_get_value(c->hdf, pc_arena_printf(&c->arena, "Filter.%s.value", *names), "");
        const char *e =
            hdf_get_value(c->hdf, pc_arena_printf(&c->arena, "Filter.%s.error", *names), "");
        if (*v || *e) {
            pc_set(c, "List.more_open", "1");
            return;
        }
    }
}
