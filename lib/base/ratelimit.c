#include "base/ratelimit.h"

#include "base/generation.h"

/* A slot is one word: the key's tag (8 bits: with the slot number, 20 bits of the key's
 * hash), the second (24 bits: a window comes round again after 194 days), the count. */
#define TAG(w)    ((w) >> 56)
#define SECOND(w) (((w) >> 32) & 0xffffff)
#define COUNT(w)  ((w)&0xffffffffu)
#define WORD(tag, second, count)                                                                   \
    (((uint64_t)(tag) << 56) | ((uint64_t)(second) << 32) | (uint64_t)(count))

static uint64_t hash(const char *key)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a, 64 bits */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

int pc_rate_allow(const char *key, int64_t limit, time_t now)
{
    uint64_t *slots = pc_shared_slots();
    if (limit <= 0 || !slots)
        return 1;
    uint64_t h = hash(key), tag = h >> 56, second = (uint64_t)now & 0xffffff;
    uint64_t *slot = &slots[h % PC_SHARED_SLOTS];
    uint64_t old = __atomic_load_n(slot, __ATOMIC_RELAXED), next;
    do {
        if (SECOND(old) == second && TAG(old) == tag) {
            if ((int64_t)COUNT(old) >= limit)
                return 0;
            next = old + 1;
        } else if (SECOND(old) == second && COUNT(old) > 0) {
            return 1; /* another key's second: let it through uncounted */
        } else {
            next = WORD(tag, second, 1);
        }
    } while (!__atomic_compare_exchange_n(slot, &old, next, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    return 1;
}
