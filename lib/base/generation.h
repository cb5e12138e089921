/*
 * generation — one counter shared by every process of the installation (a
 * small mapped file, Paths.generation), moved on after each change the
 * database commits (lib/base/db.c does it for every write it runs).
 *
 * A process may keep a copy of something it read — a session's user, a
 * drop-down list — and use it again for as long as the counter has not moved
 * since it read it.  Any write, by any process (pages, API, worker, pcadm),
 * makes every kept copy stale at once; there is no window in which a signed-out
 * session or a removed permission is still honoured.  Read the counter BEFORE
 * reading the database, so that a change committed while the read ran is never
 * stamped with the new value.
 */
#ifndef PC_GENERATION_H
#define PC_GENERATION_H
#include <stdint.h>

/* The counter now; 0 when there is no shared file (then nothing may be kept). */
uint64_t pc_gen_now(void);
/* Move the counter on: call after a change is committed. */
void pc_gen_bump(void);

/*
 * The rest of the same file: PC_SHARED_SLOTS words every process of the host
 * sees, for counters that must hold across processes (ratelimit.h).  Update
 * them with atomic operations only.  NULL when there is no file.
 */
#define PC_SHARED_SLOTS 4096
uint64_t *pc_shared_slots(void);

#endif
