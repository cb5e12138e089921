/* version — the release of this build: the VERSION file at the top of the tree, compiled in
 * (lib/base/version.c gets it from the Makefile). */
#ifndef PC_VERSION_H
#define PC_VERSION_H

const char *pc_version(void);

#endif
