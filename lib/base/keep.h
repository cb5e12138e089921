/*
 * keep — copies a process keeps between requests of what it read from the
 * database (a session's user, a short drop-down list), each under a text key.
 * A copy is handed back only while the shared generation (generation.h) is
 * the one it was read under and its own deadline has not passed; otherwise
 * it counts as absent and the caller reads the database again.
 *
 * Each table is a fixed number of slots, a key hashing to one slot (a newer
 * copy replaces whatever was there): bounded memory, no eviction policy.
 */
#ifndef PC_KEEP_H
#define PC_KEEP_H
#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/db.h"

#define PC_KEEP_KEY 96

typedef struct pc_keep_slot {
    char key[PC_KEEP_KEY];
    uint64_t gen;
    time_t until;
    void *data;
    size_t len;
} pc_keep_slot;

typedef struct pc_keep {
    pc_keep_slot *slot;
    size_t n;
} pc_keep;

#define PC_KEEP(var, nslots)                                                                       \
    static pc_keep_slot var##_slots[nslots];                                                       \
    static pc_keep var = {var##_slots, nslots}

/* The copy under key, or NULL (never kept, stale, or past its deadline).  Valid until the
 * next pc_keep_put on the same table; *len gets its size when len is not NULL. */
const void *pc_keep_get(pc_keep *k, const char *key, size_t *len);
/* Keep a copy of data[0..len) under key, read under generation gen (pc_gen_now() taken
 * before the read), until the wall-clock time until.  gen 0 or a key too long: nothing kept. */
void pc_keep_put(pc_keep *k, const char *key, uint64_t gen, time_t until, const void *data,
                 size_t len);

/*
 * pc_db_hdf (db.h) for short lists that rarely change — the account managers
 * of a partner, the products, the regions of a filter: the rows are kept
 * under the statement and its binds and served again while nothing changed.
 * Returns the row count or -1.
 */
int pc_db_hdf_kept(pc_sql_table *t, int st, const pc_bind *b, size_t nb, HDF *hdf,
                   const char *prefix);

#endif
