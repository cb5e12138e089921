/*
 * libFuzzer harness for the config file reader (lib/base/conf.c over
 * ClearSilver's HDF parser; outside input in the sense that an operator
 * edits it by hand and every program and pcadm read it at start).  conf.c is
 * compiled in, for its table of keys.  The input is written to a private file
 * and loaded.  Promises checked: a file that loads gives every declared key
 * a value of its type and range; a file that does not load is refused with a
 * message naming the file.  Inputs that hold "include" are skipped: an
 * #include reads another file, and the fuzzer is not to wander the file
 * system.  ClearSilver is Debian's library, built without coverage: the
 * fuzzer is guided by conf.c only, and the sanitizers see ClearSilver's
 * memory through malloc and the string functions.  Seeds:
 * tests/fuzz/corpus_conf/ (and conf/partner-center.hdf).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../lib/base/conf.c"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[1024] = "";
    if (memmem(data, size, "include", 7))
        return 0;
    const char *path = fuzz_write_file(".hdf", data, size);
    if (!path)
        return 0;
    if (pc_conf_load(path, err, sizeof err) == 0) {
        for (size_t i = 0; i < NKEYS; i++) {
            const char *v = pc_conf_str(keys[i].key);
            FUZZ_CHECK(v != NULL && check_value(&keys[i], v) == 0);
            if (keys[i].type == T_INT)
                FUZZ_CHECK(pc_conf_int(keys[i].key) >= keys[i].min &&
                           pc_conf_int(keys[i].key) <= keys[i].max);
        }
    } else {
        FUZZ_CHECK(strncmp(err, path, strlen(path)) == 0);
    }
    return 0;
}
