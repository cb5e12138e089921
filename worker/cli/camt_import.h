/* pcadm import-camt FILE: a camt.053 bank statement (lib/billing/camt.h). */
#ifndef PC_CAMT_IMPORT_H
#define PC_CAMT_IMPORT_H

/* Import FILE; prints the counts or the reason it was rejected.  Exit code: 0 imported (or
 * imported before), 1 rejected or a database error. */
int camt_import_cli(const char *path);

#endif
