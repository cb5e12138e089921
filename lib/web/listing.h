/*
 * listing — the parts every list page shares (templates/macros.cs "list_*"):
 * numbered pages with a page size kept in the URL and the total count, and the
 * sort links of the column headers.
 *
 * Paging reads `page` (1, 2, ...) and `size` (10, 20, 50 or 100) from the query;
 * anything else is ignored (first page, default size), never an error.  The
 * statement of the list pages by LIMIT ? OFFSET ? with pc_list_limit() and
 * pc_list_offset(), and counts its rows with the same filters.
 *
 * Sorting: a list names the columns it sorts on (keys) and maps each value
 * "KEY_asc" / "KEY_desc" to an ORDER BY of its own statement table; the value of
 * the query is only ever compared with those keys (pc_list_sort_pick), so no text
 * of the request reaches the SQL.
 */
#ifndef PC_LISTING_H
#define PC_LISTING_H
#include <stdint.h>

#include "web/app.h"

#define PC_LIST_SIZE_DEFAULT 20

typedef struct pc_list {
    int64_t page; /* 1, 2, ... */
    int size;     /* one of 10, 20, 50, 100 */
} pc_list;

/* Read page= and size= of the query (ignoring what is not a page or a size). */
void pc_list_read(pc_ctx *c, pc_list *l);
static inline int64_t pc_list_offset(const pc_list *l)
{
    return (l->page - 1) * l->size;
}
static inline int64_t pc_list_limit(const pc_list *l)
{
    return l->size;
}

/*
 * List.* for the pager (macro list_pager): the range shown and the total
 * ("21–40 of 1,234"), previous/next, page numbers around the current one with
 * the first and the last, and the page sizes.  path: the list's address;
 * query: its query string without page and size, ending with "&" or empty;
 * shown: the rows on this page; total: the rows of the whole list.
 */
void pc_list_pager(pc_ctx *c, const pc_list *l, const char *path, const char *query, int shown,
                   int64_t total);

/*
 * The same where counting every row would cost too much: `counted` is the count
 * stopped at cap + 1 (SELECT COUNT(*) FROM (SELECT 1 ... LIMIT cap + 1)); past
 * the cap the total reads "more than CAP" and the pages go on as long as they
 * are full.  The deepest page is then bounded by the page numbers the pager offers.
 */
void pc_list_pager_capped(pc_ctx *c, const pc_list *l, const char *path, const char *query,
                          int shown, int64_t counted, int64_t cap);

/*
 * The pager of a keyset list (no OFFSET: its pages go by the key of a row,
 * after=KEY forward, before=KEY back).  total: the rows of the list, or with
 * cap > 0 the count stopped at cap + 1 (beyond it: "more than CAP").  before:
 * the rows on the pages before this one (n= of the links,
 * pc_list_keyset_before); prev_key: the key of this page's first row (NULL: the
 * first page; "": a list that cannot go back by key, whose Previous then only
 * leads from the second page to the first); next_key: the key of its last row when more follow
 * (NULL: none).
 */
void pc_list_keyset(pc_ctx *c, const pc_list *l, const char *path, const char *query, int shown,
                    int64_t before, int64_t total, int64_t cap, const char *prev_key,
                    const char *next_key);
/* n= of a keyset list's link: the rows before the page (0 when absent or not a number). */
int64_t pc_list_keyset_before(pc_ctx *c);

/* A column the list sorts on: its key, and whether a first click sorts it descending. */
typedef struct pc_sort_col {
    const char *key;
    int desc_first;
} pc_sort_col;

/*
 * Sort.KEY.href (the list sorted on that column, the other way round when it
 * is the current one) and Sort.KEY.aria ("ascending"/"descending" on the
 * current one) for the headers (macro sort_th).  query: the list's query
 * string without sort, page (a new order starts at page 1) but with size.
 */
void pc_list_sort_links(pc_ctx *c, const char *path, const char *query, const pc_sort_col *cols,
                        size_t n, const char *current);

/* The index of `in` among `values` (NULL-terminated), or def when it is none of them. */
int pc_list_sort_pick(const char *in, const char *const *values, int def);

/*
 * List.more_open when one of the filters named (NULL-terminated) — those under
 * "More filters" — has a value or an error (Filter.NAME.value / .error), so the
 * expandable part opens by itself.
 */
void pc_list_more_open(pc_ctx *c, const char *const *names);

/* "size=50&" when the page size is not the default, else "" (to keep it in other links). */
const char *pc_list_size_param(pc_ctx *c, const pc_list *l);

#endif
