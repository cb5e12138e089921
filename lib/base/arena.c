#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 16384

struct pc_arena_block {
    pc_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

static pc_arena_block *block_new(size_t size)
{
    pc_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        abort();
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

void *pc_arena_alloc(pc_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!a->head || a->head->size - a->head->used < n) {
        pc_arena_block *b = block_new(n > BLOCK_SIZE ? n : BLOCK_SIZE);
        b->next = a->head;
        a->head = b;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    memset(p, 0, n);
    return p;
}

char *pc_arena_strndup(pc_arena *a, const char *s, size_t n)
{
    char *p = pc_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pc_arena_strdup(pc_arena *a, const char *s)
{
    return pc_arena_strndup(a, s, strlen(s));
}

char *pc_arena_printf(pc_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = pc_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void pc_arena_reset(pc_arena *a)
{
    while (a->head) {
        pc_arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}
