#include "base/generation.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/conf.h"
#include "base/log.h"

/* The file: the counter (its first 8 bytes; the node test harness writes it too, see
 * tests/lib/stack.mjs), then the slots of pc_shared_slots. */
#define FILE_BYTES (8 * (1 + PC_SHARED_SLOTS))
static uint64_t *counter;
static int tried;

static void map_file(void)
{
    tried = 1;
    const char *path = pc_conf_str("Paths.generation");
    if (!*path)
        return;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || (st.st_size < FILE_BYTES && ftruncate(fd, FILE_BYTES))) {
        pc_log("ERROR", "generation: cannot open %s for writing", path);
        if (fd >= 0)
            close(fd);
        return;
    }
    void *p = mmap(NULL, FILE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (p != MAP_FAILED)
        counter = p;
}

uint64_t pc_gen_now(void)
{
    if (!tried)
        map_file();
    /* +1: a fresh file reads 0, which must still be a usable stamp */
    return counter ? __atomic_load_n(counter, __ATOMIC_ACQUIRE) + 1 : 0;
}

void pc_gen_bump(void)
{
    if (!tried)
        map_file();
    if (counter)
        __atomic_add_fetch(counter, 1, __ATOMIC_RELEASE);
}

uint64_t *pc_shared_slots(void)
{
    if (!tried)
        map_file();
    return counter ? counter + 1 : NULL;
}
