/*
 * idset — a set of strings that live elsewhere (the record ids of one usage file, pointers into
 * its buffer), to tell the second occurrence of an id in the file.  Open addressing, grown
 * when half full: O(1) per id at the import's 100,000 records a second.
 */
#ifndef PC_IDSET_H
#define PC_IDSET_H
#include <stddef.h>

typedef struct idset {
    const char **slot;
    size_t n, cap;
} idset;

/* Add s (kept by pointer: it must outlive the set).  Returns 1 when it was added, 0 when the
 * set held it already.  Aborts when out of memory. */
int idset_add(idset *set, const char *s);

/* Free the set's table (not the strings). */
void idset_free(idset *set);

#endif
