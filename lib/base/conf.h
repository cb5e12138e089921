/*
 * conf — the one config file (conf/partner-center.hdf).  Every key is
 * declared in conf.c with its type, range and default; an unknown key or a
 * bad value is an error naming the file, line and key.
 */
#ifndef PC_CONF_H
#define PC_CONF_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Load and check `path` (NULL: $PC_CONF, else conf/partner-center.hdf).
 * Returns 0, or -1 with a message in err.  May be called again to reload.
 */
int pc_conf_load(const char *path, char *err, size_t errlen);
/* Value of a declared key (the default when the file leaves it out).  An
 * undeclared key is a programming error and aborts. */
const char *pc_conf_str(const char *key);
int64_t pc_conf_int(const char *key);
/* Override a value after loading (tests and command-line flags). */
void pc_conf_set(const char *key, const char *value);
/* Print every key with its value and default (pcadm check-config). */
void pc_conf_dump(void);

/* Start of a program: the config of "-c FILE" (or the default) loaded and the log
   (Paths.log, else stderr; base/log.h) opened; -1 after saying why on stderr. */
int pc_program_start(int argc, char **argv);

#endif
