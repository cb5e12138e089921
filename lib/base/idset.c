#include "base/idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a */
static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot of s in a table of cap (a power of two) slots: s's, or the empty one to take. */
static size_t probe(const char **slot, size_t cap, const char *s)
{
    size_t i = hash(s) & (cap - 1);
    while (slot[i] && strcmp(slot[i], s) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static void grow(idset *set)
{
    size_t cap = set->cap ? 2 * set->cap : 1024;
    const char **slot = calloc(cap, sizeof *slot);
    if (!slot)
        abort();
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i])
            slot[probe(slot, cap, set->slot[i])] = set->slot[i];
    free(set->slot);
    set->slot = slot;
    set->cap = cap;
}

int idset_add(idset *set, const char *s)
{
    if (2 * (set->n + 1) > set->cap)
        grow(set);
    size_t i = probe(set->slot, set->cap, s);
    if (set->slot[i])
        return 0;
    set->slot[i] = s;
    set->n++;
    return 1;
}

void idset_free(idset *set)
{
    free(set->slot);
    set->slot = NULL;
    set->n = set->cap = 0;
}
