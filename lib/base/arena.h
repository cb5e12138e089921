/*
 * arena — per-request memory.  Everything a request allocates comes from one
 * arena that is released in one call when the request ends, so nothing about
 * a request can survive it (STYLE habit 7).
 */
#ifndef PC_ARENA_H
#define PC_ARENA_H
#include <stddef.h>

typedef struct pc_arena_block pc_arena_block;
typedef struct pc_arena {
    pc_arena_block *head;
} pc_arena;

/* Zeroed memory of n bytes, aligned for any type; aborts when out of memory. */
void *pc_arena_alloc(pc_arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL. */
char *pc_arena_strndup(pc_arena *a, const char *s, size_t n);
char *pc_arena_strdup(pc_arena *a, const char *s);
/* printf into arena memory. */
char *pc_arena_printf(pc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Release every block; the arena is empty and reusable afterwards. */
void pc_arena_reset(pc_arena *a);

#endif
