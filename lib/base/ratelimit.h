/*
 * ratelimit — at most N requests per second for one key (an API access key),
 * counted across every process of the host in the shared slots of
 * generation.h: a fixed one-second window per key.
 *
 * Keys share slots by hash.  When another key holds a key's slot in the same
 * second, the request is let through uncounted: a collision never refuses
 * anyone, it only lets a key exceed its limit for that second.
 */
#ifndef PC_RATELIMIT_H
#define PC_RATELIMIT_H
#include <stdint.h>
#include <time.h>

/* 1 when the request may go ahead (and is counted), 0 when key has had limit requests in
 * the second now.  limit <= 0 or no shared file: always 1. */
int pc_rate_allow(const char *key, int64_t limit, time_t now);

#endif
