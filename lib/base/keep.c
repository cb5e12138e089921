#include "base/keep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/generation.h"

static pc_keep_slot *slot_of(pc_keep *k, const char *key)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return &k->slot[h % k->n];
}

const void *pc_keep_get(pc_keep *k, const char *key, size_t *len)
{
    pc_keep_slot *s = slot_of(k, key);
    uint64_t gen = pc_gen_now();
    if (!s->data || gen == 0 || s->gen != gen || time(NULL) >= s->until || strcmp(s->key, key))
        return NULL;
    if (len)
        *len = s->len;
    return s->data;
}

void pc_keep_put(pc_keep *k, const char *key, uint64_t gen, time_t until, const void *data,
                 size_t len)
{
    if (gen == 0 || strlen(key) >= PC_KEEP_KEY)
        return;
    pc_keep_slot *s = slot_of(k, key);
    void *copy = malloc(len ? len : 1);
    if (!copy)
        return;
    if (len)
        memcpy(copy, data, len);
    if (s->data)
        explicit_bzero(s->data, s->len); /* an API key's secret may have been in it */
    free(s->data);
    *s = (pc_keep_slot){.gen = gen, .until = until, .data = copy, .len = len};
    strcpy(s->key, key);
}

/* Lists are kept at most this long even when nothing changes (a safety net only). */
#define LIST_SECONDS 300

PC_KEEP(kept_lists, 256);

/* "table/statement/bind|bind…" (the table by address: two files of a program may give their
 * tables one name); 0 when the binds do not fit in a key. */
static int list_key(const pc_sql_table *t, int st, const pc_bind *b, size_t nb,
                    char key[PC_KEEP_KEY])
{
    int o = snprintf(key, PC_KEEP_KEY, "%p/%d", (const void *)t, st);
    for (size_t i = 0; i < nb && o < PC_KEEP_KEY; i++) {
        if (b[i].t == PC_B_I64)
            o += snprintf(key + o, PC_KEEP_KEY - o, "|%lld", (long long)b[i].i);
        else if (b[i].t == PC_B_STR && b[i].s && !b[i].len && !strchr(b[i].s, '|'))
            o += snprintf(key + o, PC_KEEP_KEY - o, "|s%s", b[i].s);
        else
            return 0;
    }
    return o < PC_KEEP_KEY;
}

/* The rows packed as: per row, "name\0value\0" per non-NULL column, then "\0". */
typedef struct packed {
    char *p;
    size_t len, cap;
    int failed;
} packed;

static void pack(packed *k, const char *s)
{
    size_t n = strlen(s) + 1;
    if (k->len + n > k->cap) {
        size_t cap = (k->len + n) * 2;
        char *p = realloc(k->p, cap);
        if (!p) {
            k->failed = 1;
            return;
        }
        k->p = p, k->cap = cap;
    }
    memcpy(k->p + k->len, s, n);
    k->len += n;
}

static int pack_row(void *arg, const pc_row *r)
{
    for (size_t c = 0; c < r->n; c++)
        if (r->v[c]) {
            pack(arg, r->name[c]);
            pack(arg, r->v[c]);
        }
    pack(arg, "");
    return 0;
}

static HDF *row_node(HDF *hdf, const char *prefix, int i)
{
    char name[160];
    HDF *row = NULL;
    snprintf(name, sizeof name, "%s.%d", prefix, i);
    NEOERR *e = hdf_get_node(hdf, name, &row);
    nerr_ignore(&e);
    return row;
}

/* As pc_db_hdf writes rows: prefix.0.col = value, … */
static int unpack(const char *p, size_t len, HDF *hdf, const char *prefix)
{
    int rows = 0;
    HDF *row = NULL;
    for (const char *end = p + len; p < end; p += strlen(p) + 1) {
        if (!row && !(row = row_node(hdf, prefix, rows)))
            return -1;
        if (!*p) { /* end of the row */
            rows++;
            row = NULL;
            continue;
        }
        const char *value = p + strlen(p) + 1;
        NEOERR *e = hdf_set_value(row, p, value);
        nerr_ignore(&e);
        p = value;
    }
    return rows;
}

int pc_db_hdf_kept(pc_sql_table *t, int st, const pc_bind *b, size_t nb, HDF *hdf,
                   const char *prefix)
{
    char key[PC_KEEP_KEY];
    if (!list_key(t, st, b, nb, key))
        return pc_db_hdf(t, st, b, nb, hdf, prefix);
    size_t len;
    const char *kept = pc_keep_get(&kept_lists, key, &len);
    if (kept)
        return unpack(kept, len, hdf, prefix);
    uint64_t gen = pc_gen_now();
    packed k = {0};
    int n = pc_db_query(t, st, b, nb, pack_row, &k);
    if (n >= 0 && !k.failed) {
        pc_keep_put(&kept_lists, key, gen, time(NULL) + LIST_SECONDS, k.p, k.len);
        n = unpack(k.p, k.len, hdf, prefix);
    } else if (n >= 0) {
        n = -1;
    }
    free(k.p);
    return n;
}
